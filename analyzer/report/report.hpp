#pragma once
// Reporters: text for people (rustc-like), JSON for editors and CI (docs/json-format.md).
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
};

void write_text(std::ostream& out, const check::CheckOutput& output, const RunInfo& info,
                bool color);
void write_json(std::ostream& out, const check::CheckOutput& output, const RunInfo& info);

// `1 file`, `3 files`: a count and its noun.
std::string plural(std::size_t count, std::string_view word);

}  // namespace twostep::report
