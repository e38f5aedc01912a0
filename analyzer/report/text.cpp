#include <fmt/format.h>

#include <algorithm>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"
#include "analyzer/support/line_index.hpp"

namespace twostep::report {
namespace {

struct Style {
  bool on;
  std::string paint(std::string_view text, std::string_view code) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void write_diagnostic(std::ostream& out, const Diagnostic& diagnostic,
                      const check::CheckOutput& output, const Style& style) {
  bool error = diagnostic.severity == Severity::Error;
  std::string_view color = error ? "1;31" : "1;33";
  out << style.paint(fmt::format("{}[{}]", to_string(diagnostic.severity), diagnostic.rule), color)
      << style.paint(": " + diagnostic.message, "1") << "\n";
  std::string gutter(std::to_string(diagnostic.start.line).size(), ' ');
  out << gutter << style.paint("--> ", "1;34")
      << fmt::format("{}:{}:{}", diagnostic.file, diagnostic.start.line, diagnostic.start.column)
      << "\n";
  auto source = output.sources.find(diagnostic.file);
  if (source != output.sources.end()) {
    support::LineIndex lines(source->second);
    std::string_view line = lines.line_text(diagnostic.start.line);
    std::size_t width = 1;
    if (diagnostic.end.line == diagnostic.start.line &&
        diagnostic.end.column > diagnostic.start.column) {
      width = static_cast<std::size_t>(diagnostic.end.column - diagnostic.start.column);
    } else if (diagnostic.end.line != diagnostic.start.line) {
      width = code_points(line) + 1 - static_cast<std::size_t>(diagnostic.start.column);
    }
    width = std::max<std::size_t>(width, 1);
    // Tabs keep their width on the underline line.
    std::string pad;
    std::size_t column = 1;
    for (std::size_t i = 0;
         i < line.size() && column < static_cast<std::size_t>(diagnostic.start.column); ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
      pad += line[i] == '\t' ? '\t' : ' ';
      ++column;
    }
    out << gutter << style.paint(" |", "1;34") << "\n";
    out << style.paint(fmt::format("{} |", diagnostic.start.line), "1;34") << " " << line << "\n";
    out << gutter << style.paint(" |", "1;34") << " " << pad
        << style.paint(std::string(width, '^'), error ? "1;31" : "1;33") << "\n";
  }
  for (const Evidence& item : diagnostic.evidence) {
    out << gutter << style.paint(" = evidence: ", "1") << evidence_text(item) << "\n";
  }
  if (diagnostic.more_evidence > 0) {
    out << gutter << style.paint(" = evidence: ", "1")
        << fmt::format("and {} more", diagnostic.more_evidence) << "\n";
  }
  for (const Related& related : diagnostic.related) {
    out << gutter << style.paint(" = note: ", "1")
        << fmt::format("{}:{}: {}", related.file, related.line, related.message) << "\n";
  }
  if (!diagnostic.help.empty()) {
    std::string help = diagnostic.help;
    std::string indent = gutter + std::string(std::string_view(" = help: ").size(), ' ');
    std::string body;
    for (char c : help) {
      body += c;
      if (c == '\n') body += indent;
    }
    out << gutter << style.paint(" = help: ", "1;36") << body << "\n";
  }
  out << "\n";
}

}  // namespace

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

void write_text(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info,
                bool color) {
  Style style{color};
  if (info.deployed) {
    out << fmt::format(
        "twostep: deployed version `{}` ({}, {} of app source read); {}, {} "
        "replayed\n",
        info.deployed->ref, info.deployed->commit.substr(0, 7), plural(info.app_files, "file"),
        plural(info.pending.size(), "pending migration"),
        plural(info.history, "applied migration"));
    if (!info.source.empty()) out << "  deployed version from the " << info.source << "\n";
    if (!info.deployed_guess.empty()) {
      out << "  deployed version guessed: " << info.deployed_guess << "\n";
    }
  } else {
    out << fmt::format("twostep: no deployed version ({}); {}, {} replayed\n", info.deployed_note,
                       plural(info.pending.size(), "pending migration"),
                       plural(info.history, "applied migration"));
  }
  if (!info.layout.empty()) out << "  layout: " << info.layout << "\n";
  if (!info.baseline.empty()) {
    out << "  history starts from the deployed " << info.baseline
        << ", with the applied migrations after it\n";
  }
  for (const std::string& path : info.pending) out << "  pending: " << path << "\n";
  if (output.summary.skipped_files > 0) {
    out << fmt::format(
        "  skipped: {} of the migrations folder (down parts, files that are not SQL)\n",
        plural(output.summary.skipped_files, "file"));
  }
  out << "\n";
  for (const Diagnostic& diagnostic : output.diagnostics) {
    write_diagnostic(out, diagnostic, output, style);
  }
  for (const check::HistoryGap& gap : output.history_gaps) {
    out << style.paint("note", "1") << ": "
        << fmt::format(
               "{}:{}:{}: an applied statement does not parse ({}); objects it touches are "
               "taken to exist in production and checked against the deployed app\n",
               gap.file, gap.position.line, gap.position.column, gap.message);
  }
  for (const Note& note : output.notes) {
    out << style.paint("note", "1") << ": ";
    if (note.position.line > 0) {
      out << fmt::format("{}:{}:{}: ", note.file, note.position.line, note.position.column);
    } else if (!note.file.empty()) {
      out << note.file << ": ";
    }
    out << note.message << "\n";
  }
  const check::Summary& summary = output.summary;
  bool failed = run_fails(summary, info.fail_on);
  std::string_view color_code = failed ? "1;31" : (summary.warnings > 0 ? "1;33" : "1;32");
  out << style.paint(failed ? "failed" : "passed", color_code) << ": " << summary_text(summary);
  if (info.fail_on == Severity::Warning && summary.warnings > 0) out << " (--fail-on warning)";
  out << "\n";
}

}  // namespace twostep::report
