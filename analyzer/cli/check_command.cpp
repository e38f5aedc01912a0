// `twostep check`: prepare the check from the flags (analyzer/check/prepare), run it, report.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "analyzer/check/engine.hpp"
#include "analyzer/check/prepare.hpp"
#include "analyzer/cli/cli.hpp"
#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {
namespace {

bool use_color(const std::string& option) {
  if (option == "always") return true;
  if (option == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

}  // namespace

int check_command(const CheckOptions& options, std::ostream& out) {
  check::Prepared prepared = check::prepare(options.request);
  check::RunInfo& info = prepared.info;
  info.fail_on = options.fail_on == "warning" ? Severity::Warning : Severity::Error;

  check::CheckOutput output = check::run(prepared.input);
  report::Format format = report::format_named(options.format);
  if (options.output) {
    // The whole report first, so that a file that cannot be written leaves no half of it.
    std::ostringstream text;
    report::write_report(format, text, output, info, false);
    std::ofstream file(*options.output, std::ios::binary | std::ios::trunc);
    if (!file || !(file << text.str()) || !file.flush()) {
      throw IoError(
          fmt::format("{}: cannot write the report (--output)", options.output->generic_string()));
    }
    format = report::Format::Text;
  }
  report::write_report(format, out, output, info, use_color(options.color));
  return report::run_fails(output.summary, info.fail_on) ? 1 : 0;
}

}  // namespace twostep::cli
