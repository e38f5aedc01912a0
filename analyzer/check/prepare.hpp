#pragma once
// Everything the check needs, found from a request: the project, its migrations split into history
// and pending, the deployed version (named, guessed where that is safe, or none) and what it
// references. `twostep check` and the language server call the same function.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/check/engine.hpp"
#include "analyzer/check/run_info.hpp"
#include "analyzer/refs/combined_references.hpp"
#include "analyzer/refs/inputs/manifest.hpp"

namespace twostep::check {

// What the check is asked to do.
struct Request {
  std::vector<std::filesystem::path> paths;  // check these files as the pending ones
  std::optional<std::filesystem::path> migrations;
  std::optional<std::string> deployed_ref;
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> deployed_refs;     // a manifest instead of the git tree
  std::optional<std::filesystem::path> deployed_queries;  // a pg_stat_statements export
  bool each = false;                 // every migration in turn, the ones before it as history
  bool staged = false;               // pending: the migrations as staged in the index
  bool nothing_deployed = false;     // no version deployed yet: every migration is pending
  std::vector<std::string> exclude;  // rules turned off for this run (ids or aliases)
};

// The engine's input and what the reports say about the run. It owns what the input points to.
struct Prepared {
  CheckInput input;
  RunInfo info;
  std::unique_ptr<refs::CombinedReferences> references;
  std::unique_ptr<refs::Manifest> manifest;  // its references point into it
};

// Throws UsageError, IoError, GitError or ConfigError (exit 2) where the request cannot be met.
Prepared prepare(const Request& request);

}  // namespace twostep::check
