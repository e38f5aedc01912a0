#pragma once
// Splitting pending migrations from applied ones (DESIGN.md step 2).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/check/engine.hpp"
#include "analyzer/pending/git.hpp"

namespace twostep::pending {

struct Plan {
  std::vector<check::MigrationText> history;  // as deployed, in migration order
  std::vector<check::MigrationText> pending;  // from the working tree, in migration order
  std::vector<Diagnostic> findings;           // modified-applied-migration
  std::vector<check::MigrationText> other_sources;  // texts those findings point into
  std::size_t skipped_files = 0;  // files of the migrations folder that are not up migrations
};

// Where display paths are relative to: the repository root inside git, else the current folder.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

std::string read_text_file(const std::filesystem::path& path);

// The deployed version's migrations: from its git tree, or from a references manifest.
struct DeployedMigrations {
  std::string ref;       // as named, for messages
  std::string short_id;  // the commit's short id, or the manifest's
  struct File {
    std::string path;  // relative to the migrations folder, `/`-separated
    std::string content;
  };
  std::vector<File> files;
};

// The migrations of the migrations folder at `commit` (up parts only).
DeployedMigrations migrations_at(const Repository& repository, const Commit& commit,
                                 const std::filesystem::path& folder);

// Pending, without `files`: the working tree's migrations (committed, staged, modified or
// untracked) that the deployed version lacks; history: the deployed version's migrations with
// their deployed content. With `files`: those are pending, and history is what sorts before the
// first of them (deployed content where the deployed version has the file). Either way an applied
// migration edited, deleted or renamed since deploy is a modified-applied-migration finding, and
// statements appended to one are pending. Without a deployed version, history comes from the
// working tree.
Plan split(const std::optional<DeployedMigrations>& deployed, const std::filesystem::path& folder,
           const std::filesystem::path& base, const std::vector<std::filesystem::path>& files);

}  // namespace twostep::pending
