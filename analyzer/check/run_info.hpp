#pragma once
// What a report says about the run besides its findings: the deployed version it compared with,
// how it was chosen, the layout, the pending files.
#include <optional>
#include <string>
#include <vector>

#include "twostep/diagnostic.hpp"

namespace twostep::check {

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
  std::size_t history = 0;           // applied migrations replayed (a baseline among them)
  std::string baseline;  // the schema file the history starts from (Rails' db/schema.rb), if any
  // The lowest severity that fails the run (`--fail-on`): what "failed" means in every format.
  Severity fail_on = Severity::Error;
};

}  // namespace twostep::check
