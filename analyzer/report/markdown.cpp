// Markdown for a pull request or merge request comment: the verdict first, then each finding with
// its statement, the deployed app's evidence and the fix.
#include <fmt/format.h>

#include <algorithm>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"
#include "analyzer/support/line_index.hpp"

namespace twostep::report {
namespace {

// Outside code spans, `<`, `>` and `&` would be read as HTML; inside them, everything is literal.
std::string prose(std::string_view text) {
  std::string out;
  bool in_code = false;
  for (char c : valid_utf8(text)) {
    if (c == '`') in_code = !in_code;
    if (!in_code && c == '<') {
      out += "&lt;";
    } else if (!in_code && c == '>') {
      out += "&gt;";
    } else if (!in_code && c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

std::size_t longest_backtick_run(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A code span that holds any text: fenced by more backticks than the text's longest run.
std::string code_span(std::string_view text) {
  std::string valid = valid_utf8(text);
  std::string fence(longest_backtick_run(valid) + 1, '`');
  std::string_view pad = !valid.empty() && (valid.front() == '`' || valid.back() == '`') ? " " : "";
  return fmt::format("{0}{1}{2}{1}{0}", fence, pad, valid);
}

// A fenced block that holds any text.
std::string code_block(std::string_view text, std::string_view language) {
  std::string valid = valid_utf8(text);
  std::string fence(std::max<std::size_t>(3, longest_backtick_run(valid) + 1), '`');
  if (!valid.empty() && valid.back() != '\n') valid += '\n';
  return fmt::format("{}{}\n{}{}\n", fence, language, valid, fence);
}

// Help text: prose, with the SQL of the safe sequence on lines indented by four spaces.
std::string help_markdown(const std::string& help) {
  std::string out;
  std::string sql;
  auto flush = [&] {
    if (sql.empty()) return;
    out += "\n\n";
    out += code_block(sql, "sql");
    sql.clear();
  };
  std::size_t at = 0;
  while (at <= help.size()) {
    std::size_t end = std::min(help.find('\n', at), help.size());
    std::string line = help.substr(at, end - at);
    if (line.rfind("    ", 0) == 0) {
      sql += line.substr(4) + "\n";
    } else {
      flush();
      if (!out.empty() && out.back() != '\n') out += "\n";
      out += prose(line);
    }
    at = end + 1;
  }
  flush();
  return out;
}

void write_finding(std::ostream& out, const Diagnostic& d, const check::CheckOutput& output) {
  out << fmt::format("### {} `{}` at `{}:{}:{}`\n\n", to_string(d.severity), d.rule,
                     valid_utf8(d.file), d.start.line, d.start.column);
  out << prose(d.message) << "\n\n";
  auto source = output.sources.find(d.file);
  if (source != output.sources.end()) {
    support::LineIndex lines(source->second);
    std::string statement;
    int last = std::max(d.start.line, std::min(d.end.line, d.start.line + 9));
    for (int line = d.start.line; line <= last; ++line) {
      statement += std::string(lines.line_text(line)) + "\n";
    }
    out << code_block(statement, "sql") << "\n";
  }
  if (!d.evidence.empty()) {
    out << "Evidence in the deployed app:\n\n";
    for (const Evidence& e : d.evidence) {
      EvidenceWords words = evidence_words(e);
      std::string version =
          words.commit.empty() ? "" : fmt::format(" in the deployed version `{}`", words.commit);
      out << fmt::format("- {}{} ({}): {}\n", code_span(words.location), version, words.how,
                         code_span(words.text));
    }
    if (d.more_evidence > 0) out << fmt::format("- and {} more\n", d.more_evidence);
    out << "\n";
  }
  for (const Related& related : d.related) {
    out << fmt::format("Note: {}: {}\n\n",
                       code_span(fmt::format("{}:{}", related.file, related.line)),
                       prose(related.message));
  }
  if (!d.help.empty()) out << "**Fix:** " << help_markdown(d.help) << "\n";
}

}  // namespace

void write_markdown(std::ostream& out, const check::CheckOutput& output,
                    const check::RunInfo& info) {
  const check::Summary& summary = output.summary;
  bool failed = run_fails(summary, info.fail_on);
  out << fmt::format("## twostep {}: {}\n\n", failed ? "failed" : "passed", summary_text(summary));
  if (info.deployed) {
    out << fmt::format(
        "Checked against the deployed version `{}` (`{}`, {} of app source read){}.\n",
        info.deployed->ref, info.deployed->commit.substr(0, 7), plural(info.app_files, "file"),
        info.deployed_guess.empty() ? "" : "; guessed: " + prose(info.deployed_guess));
  } else {
    out << fmt::format(
        "No deployed version ({}): contract steps could not be checked against the "
        "deployed app.\n",
        prose(info.deployed_note));
  }
  if (!info.pending.empty()) {
    out << "\nPending migrations:\n\n";
    for (const std::string& file : info.pending) out << "- " << code_span(file) << "\n";
  }
  out << "\n";
  for (const Diagnostic& d : output.diagnostics) write_finding(out, d, output);
  std::vector<Note> notes = run_notes(output);
  if (!notes.empty()) out << "### Notes\n\n";
  for (const Note& note : notes) {
    std::string where =
        note.position.line > 0 ? fmt::format("{}:{}", note.file, note.position.line) : note.file;
    out << "- " << (where.empty() ? "" : code_span(where) + ": ") << prose(note.message) << "\n";
  }
}

}  // namespace twostep::report
