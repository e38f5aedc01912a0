#pragma once
// Reporters: text for people (rustc-like), JSON for editors and CI (docs/json-format.md), SARIF
// for code scanning, JUnit for CI test reports, GitHub workflow commands, GitLab Code Quality, and
// Markdown for a pull request comment.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/check/engine.hpp"
#include "analyzer/check/run_info.hpp"

namespace twostep::report {

enum class Format { Text, Json, Sarif, Junit, Github, Gitlab, Markdown };

// The names `--format` takes, in the order the help lists them.
const std::vector<std::string>& format_names();
Format format_named(const std::string& name);  // one of format_names()

// Writes the report in `format`; `color` applies to text only.
void write_report(Format format, std::ostream& out, const check::CheckOutput& output,
                  const check::RunInfo& info, bool color);

void write_text(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info,
                bool color);
void write_json(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info);
void write_sarif(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info);
void write_junit(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info);
void write_github(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info);
void write_gitlab(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info);
void write_markdown(std::ostream& out, const check::CheckOutput& output,
                    const check::RunInfo& info);

// `1 file`, `3 files`: a count and its noun.
std::string plural(std::size_t count, std::string_view word);

}  // namespace twostep::report
