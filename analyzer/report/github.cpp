// GitHub Actions workflow commands: an annotation per finding on the migration's line
// (`::error file=…,line=…,col=…::`), notes as notices, and the summary as a plain log line.
#include <fmt/format.h>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"

namespace twostep::report {
namespace {

// The runner decodes %25, %0D and %0A in a command's message, and also %3A and %2C in its
// properties (where `:` and `,` would end a value).
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : valid_utf8(text)) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void write_github(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info) {
  for (const Diagnostic& d : output.diagnostics) {
    out << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                       d.severity == Severity::Error ? "error" : "warning", escape_property(d.file),
                       d.start.line, d.start.column, d.end.line, d.end.column,
                       escape_property("twostep " + d.rule), escape_data(plain_text(d)));
  }
  auto notice = [&](const std::string& file, int line, const std::string& message) {
    std::string where;
    if (!file.empty()) where = " file=" + escape_property(file);
    if (!file.empty() && line > 0) where += fmt::format(",line={}", line);
    out << fmt::format("::notice{}::{}\n", where, escape_data(message));
  };
  for (const Note& note : run_notes(output)) notice(note.file, note.position.line, note.message);
  std::string deployed = info.deployed
                             ? fmt::format("deployed version `{}` ({})", info.deployed->ref,
                                           info.deployed->commit.substr(0, 7))
                             : fmt::format("no deployed version ({})", info.deployed_note);
  out << fmt::format("twostep: {}: {}; {}\n",
                     run_fails(output.summary, info.fail_on) ? "failed" : "passed",
                     summary_text(output.summary), deployed);
}

}  // namespace twostep::report
