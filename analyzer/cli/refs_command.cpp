// `twostep refs`: every reference of an app version to its schema, as a manifest
// (docs/manifest.md) that `twostep check --deployed-refs` reads when a pipeline has no git history.
#include <fmt/format.h>

#include <fstream>

#include "analyzer/check/engine.hpp"
#include "analyzer/cli/cli.hpp"
#include "analyzer/cli/project.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/deployed_tree.hpp"
#include "analyzer/refs/manifest.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {

int refs_command(const RefsOptions& options, std::ostream& out, std::ostream& err) {
  Project project = Project::open(options.config);
  if (!project.repository) {
    throw UsageError(fmt::format("{} is not in a git repository: `twostep refs` reads an app "
                                 "version from git",
                                 project.cwd.generic_string()));
  }
  std::filesystem::path folder = project.migrations_folder(options.migrations, {});
  pending::Commit commit = project.repository->resolve(options.at.value_or("HEAD"));

  // The schema this version's migrations build: queries resolve against it.
  pending::DeployedMigrations migrations = pending::migrations_at(*project.repository, commit, folder);
  std::string prefix = pending::display_path(folder, project.base);
  if (prefix == ".") prefix.clear();
  std::vector<check::MigrationText> history;
  refs::Manifest manifest;
  for (const pending::DeployedMigrations::File& file : migrations.files) {
    std::string shown = prefix.empty() ? file.path : prefix + "/" + file.path;
    history.push_back(check::MigrationText{shown, file.content, 0, TransactionMode::None});
    std::string id = file.path.substr(0, file.path.find('/'));
    if (id == file.path) id = id.substr(0, id.size() - 4);  // NNN_name.sql → NNN_name
    manifest.migrations.push_back(
        {id, shown, file.path, pending::blob_id(file.content), file.content});
  }
  std::vector<check::HistoryGap> gaps;
  Schema schema = check::replay(history, gaps);

  std::unique_ptr<refs::DeployedApp> app =
      refs::scan_deployed_tree(*project.repository, commit, project.source_filter(folder));
  app->bind(schema);
  refs::Manifest built = refs::build_manifest(*app, schema);
  built.ref = commit.ref;
  built.commit = commit.id;
  built.migrations_folder = prefix;
  built.migrations = std::move(manifest.migrations);

  std::size_t exact = built.references.size();
  if (options.output) {
    std::ofstream file(*options.output, std::ios::binary);
    if (!file) throw IoError(fmt::format("{}: cannot write", options.output->generic_string()));
    refs::write_manifest(file, built);
    if (!file) throw IoError(fmt::format("{}: cannot write", options.output->generic_string()));
    err << fmt::format(
        "twostep refs: {} ({}): {} files of app source, {} exact references, {} fallbacks to "
        "textual, {} migrations; wrote {}\n",
        commit.ref, commit.short_id(), built.source_files, exact, built.failures.size(),
        built.migrations.size(), options.output->generic_string());
  } else {
    refs::write_manifest(out, built);
  }
  return 0;
}

}  // namespace twostep::cli
