#pragma once
// Splitting pending migrations from applied ones, in the framework's layout.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/git/repository.hpp"
#include "analyzer/migrations/deployed_migrations.hpp"
#include "analyzer/migrations/layout.hpp"

namespace twostep::pending {

struct Plan {
  std::vector<MigrationText> history;  // as deployed, in migration order
  std::vector<MigrationText> pending;  // from the working tree, in migration order
  // modified-applied-migration, duplicate-migration-version
  std::vector<Diagnostic> findings;
  std::vector<MigrationText> other_sources;  // texts those findings point into
  std::size_t skipped_files = 0;  // files of the migrations folder that are no up migration
  std::string layout;             // the layout's name
  std::vector<Note> notes;        // named files that are no up migration, left unchecked
  std::string baseline;           // display path of the schema file history starts from, if any
};

// Every file of the migrations folder at `commit`, and of the `extra` folders (paths relative to
// `folder`: `../../engines/billing/db/migrate/x.rb`).
migrations::DeployedMigrations migrations_at(const git::Repository& repository,
                                             const git::Commit& commit,
                                             const std::filesystem::path& folder,
                                             const std::vector<std::filesystem::path>& extra = {});

// The migrations folder's files as staged in the index (`check --staged`: what a pre-commit hook
// checks), path in the folder → content.
std::map<std::string, std::string> staged_migrations(
    const git::Repository& repository, const std::filesystem::path& folder,
    const std::vector<std::filesystem::path>& extra = {});

// How the files of an extra migrations folder are named among the main folder's: the extra
// folder relative to it, `/`-terminated (`../../engines/billing/db/migrate/`).
std::string extra_prefix(const std::filesystem::path& folder, const std::filesystem::path& extra);

struct SplitOptions {
  std::optional<std::string> layout;  // config `layout`; detected when absent
  migrations::LayoutOptions layout_options;
  // --each: every migration of the folder is checked in turn, with the ones before it as history.
  bool each = false;
  // Config `not-migrations`: globs (relative to the migrations folder) of files that are none.
  std::vector<std::string> not_migrations;
  // More folders read with the migrations folder (config `extra-migrations`), absolute.
  std::vector<std::filesystem::path> extra_folders;
  // The folder's files as staged (`--staged`) instead of the working tree's.
  std::optional<std::map<std::string, std::string>> staged;
};

// Pending, without `files`: the working tree's migrations (committed, staged, modified or
// untracked) that the deployed version lacks; history: the deployed version's migrations with
// their deployed content. With `files`: those are pending, and history is what sorts before the
// first of them (deployed content where the deployed version has the file). Either way an applied
// migration edited, deleted or renamed since deploy is a modified-applied-migration finding, and
// statements appended to one are pending; an edited repeatable migration (Flyway `R__`) is simply
// pending. Without a deployed version, history comes from the working tree. Throws UsageError
// when the folder's layout cannot be told.
Plan split(const std::optional<migrations::DeployedMigrations>& deployed,
           const std::filesystem::path& folder, const std::filesystem::path& base,
           const std::vector<std::filesystem::path>& files, const SplitOptions& options);

}  // namespace twostep::pending
