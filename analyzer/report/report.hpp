#pragma once
// Reporters: text for people (rustc-like), JSON for editors and CI (docs/json-format.md), SARIF
// for code scanning, JUnit for CI test reports, GitHub workflow commands, GitLab Code Quality, and
// Markdown for a pull request comment.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/check/engine.hpp"

namespace twostep::report {

struct Deployed {
  std::string ref;
  std::string commit;  // full id
};

struct RunInfo {
  std::optional<Deployed> deployed;  // nothing: no deployed version
  std::string deployed_note;         // why there is none, for the text output
  std::string deployed_guess;        // how it was chosen when not named
  std::size_t app_files = 0;         // source files of the deployed app read
  std::string source;                // where the deployed side came from, when not git
  std::string layout;                // the migrations folder's layout
  std::vector<std::string> pending;  // display paths, in order
  std::size_t history = 0;           // applied migrations replayed
  // The lowest severity that fails the run (`--fail-on`): what "failed" means in every format.
  Severity fail_on = Severity::Error;
};

enum class Format { Text, Json, Sarif, Junit, Github, Gitlab, Markdown };

// The names `--format` takes, in the order the help lists them.
const std::vector<std::string>& format_names();
Format format_named(const std::string& name);  // one of format_names()

// Writes the report in `format`; `color` applies to text only.
void write_report(Format format, std::ostream& out, const check::CheckOutput& output,
                  const RunInfo& info, bool color);

void write_text(std::ostream& out, const check::CheckOutput& output, const RunInfo& info,
                bool color);
void write_json(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);
void write_sarif(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);
void write_junit(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);
void write_github(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);
void write_gitlab(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);
void write_markdown(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);

// `1 file`, `3 files`: a count and its noun.
std::string plural(std::size_t count, std::string_view word);

}  // namespace twostep::report
