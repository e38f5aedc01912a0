// `twostep refs`' pipeline: every reference of an app version to its schema, as the manifest
// (docs/manifest.md) that `twostep check --deployed-refs` reads when a pipeline has no git history.
#include "analyzer/check/release_manifest.hpp"

#include <fmt/format.h>

#include "analyzer/check/engine.hpp"
#include "analyzer/check/project.hpp"
#include "analyzer/migrations/layout.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/deployed_tree.hpp"
#include "analyzer/support/files.hpp"
#include "twostep/error.hpp"

namespace twostep::check {

ReleaseManifest release_manifest(const ReleaseRequest& request) {
  Project project = Project::open(request.config);
  if (!project.repository) {
    throw UsageError(
        fmt::format("{} is not in a git repository: `twostep refs` reads an app "
                    "version from git",
                    project.cwd.generic_string()));
  }
  std::filesystem::path folder = project.migrations_folder(request.migrations, {});
  git::Commit commit = project.repository->resolve(request.at.value_or("HEAD"));

  // The schema this version's migrations build: queries resolve against it.
  migrations::DeployedMigrations at =
      pending::migrations_at(*project.repository, commit, folder, project.config.extra_migrations);
  std::string prefix = support::display_path(folder, project.base);
  if (prefix == ".") prefix.clear();
  migrations::MemorySource files(at.files);
  pending::SplitOptions options = project.split_options(folder, false);
  std::unique_ptr<migrations::Layout> layout =
      options.layout ? migrations::make_layout(*options.layout) : migrations::detect_layout(files);
  std::vector<MigrationText> history;
  refs::Manifest manifest;
  for (const Migration& migration : layout->load(files, options.layout_options)) {
    std::string shown = prefix.empty() ? migration.file.path : prefix + "/" + migration.file.path;
    history.push_back(MigrationText{shown, {}, migration});
    manifest.migrations.push_back({migration.file.id, shown, migration.file.version_text});
  }
  for (const auto& [path, content] : at.files) {
    if (!migrations::layouts_read(path)) continue;  // not read from the manifest either
    manifest.files.push_back({path, git::blob_id(content), content});
  }
  std::vector<HistoryGap> gaps;
  Schema schema = replay(history, gaps);

  std::unique_ptr<refs::DeployedApp> app =
      refs::scan_deployed_tree(*project.repository, commit, project.source_filter(folder));
  app->bind(schema);
  refs::Manifest built = refs::build_manifest(*app, schema);
  built.ref = commit.ref;
  built.commit = commit.id;
  built.migrations_folder = prefix;
  built.migrations = std::move(manifest.migrations);
  built.files = std::move(manifest.files);
  built.layout = std::string(layout->name());

  return ReleaseManifest{std::move(built), commit};
}

}  // namespace twostep::check
