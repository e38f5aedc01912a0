#pragma once
// The references manifest of an app version (`twostep refs`): its migrations, replayed into the
// schema its queries resolve against, and every reference its source makes.
#include <filesystem>
#include <optional>
#include <string>

#include "analyzer/git/repository.hpp"
#include "analyzer/refs/inputs/manifest.hpp"

namespace twostep::check {

struct ReleaseRequest {
  std::optional<std::string> at;  // the version's git ref; HEAD when absent
  std::optional<std::filesystem::path> migrations;
  std::optional<std::filesystem::path> config;
};

struct ReleaseManifest {
  refs::Manifest manifest;
  git::Commit commit;
};

// Throws UsageError outside git, GitError for an unknown ref.
ReleaseManifest release_manifest(const ReleaseRequest& request);

}  // namespace twostep::check
