// JUnit XML, as CI test reports read it (CodeBuild report groups, GitLab, Jenkins): one testsuite
// per migration file, one testcase per finding, failing where the finding fails the run, so that a
// report lists each migration with its verdict.
#include <fmt/format.h>

#include <map>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"

namespace twostep::report {
namespace {

// XML 1.0 text: markup characters escaped, and the control characters it cannot hold replaced.
std::string xml(std::string_view text) {
  std::string valid = valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

struct Suite {
  std::vector<const Diagnostic*> findings;
  std::size_t failures = 0;  // findings that fail the run (`--fail-on`)
  std::vector<std::string> notes;
};

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The suite for what belongs to no file: the run itself (no pending migration, a note on none).
constexpr std::string_view kRunSuite = "twostep";

}  // namespace

void write_junit(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info) {
  // Pending files in migration order, then the other files findings point into.
  std::vector<std::string> order;
  std::map<std::string, Suite> suites;
  auto suite = [&](const std::string& file) -> Suite& {
    auto [at, inserted] = suites.try_emplace(file);
    if (inserted) order.push_back(file);
    return at->second;
  };
  for (const std::string& file : info.pending) suite(file);
  for (const Diagnostic& diagnostic : output.diagnostics) {
    Suite& one = suite(diagnostic.file);
    one.findings.push_back(&diagnostic);
    one.failures += fails(diagnostic.severity, info.fail_on);
  }
  for (const Note& note : run_notes(output)) {
    std::string where = note.position.line > 0
                            ? fmt::format("{}:{}: ", note.file, note.position.line)
                        : note.file.empty() ? ""
                                            : note.file + ": ";
    suite(note.file.empty() ? std::string(kRunSuite) : note.file)
        .notes.push_back("note: " + where + note.message);
  }
  if (order.empty()) suite(std::string(kRunSuite));

  std::size_t tests = 0;
  std::size_t failures = 0;
  for (const auto& [file, one] : suites) {
    tests += std::max<std::size_t>(1, one.findings.size());
    failures += one.failures;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"twostep\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                     tests, failures);
  for (const std::string& file : order) {
    const Suite& one = suites.at(file);
    out << fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\"{}>\n",
        xml(file), std::max<std::size_t>(1, one.findings.size()), one.failures,
        file == kRunSuite ? "" : fmt::format(" file=\"{}\"", xml(file)));
    if (one.findings.empty()) {
      std::string name = file == kRunSuite ? "no pending migration" : "no findings";
      out << fmt::format("    <testcase name=\"{}\" classname=\"{}\"/>\n", name, xml(file));
    }
    for (const Diagnostic* diagnostic : one.findings) {
      std::string name =
          fmt::format("{} {} at {}:{}", to_string(diagnostic->severity), diagnostic->rule,
                      diagnostic->start.line, diagnostic->start.column);
      std::string body =
          fmt::format("{}:{}:{}: {}[{}]: {}", diagnostic->file, diagnostic->start.line,
                      diagnostic->start.column, to_string(diagnostic->severity), diagnostic->rule,
                      plain_text(*diagnostic));
      out << fmt::format("    <testcase name=\"{}\" classname=\"{}\">\n", xml(name), xml(file));
      if (fails(diagnostic->severity, info.fail_on)) {
        out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                           xml(diagnostic->rule), xml(first_line(diagnostic->message)), xml(body));
      } else {
        out << fmt::format("      <system-out>{}</system-out>\n", xml(body));
      }
      out << "    </testcase>\n";
    }
    if (!one.notes.empty()) {
      std::string notes;
      for (const std::string& note : one.notes) notes += note + "\n";
      out << fmt::format("    <system-out>{}</system-out>\n", xml(notes));
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace twostep::report
