// `twostep refs`: every reference of an app version to its schema, as a manifest
// (docs/manifest.md) that `twostep check --deployed-refs` reads when a pipeline has no git history.
#include <fmt/format.h>

#include <fstream>

#include "analyzer/check/engine.hpp"
#include "analyzer/cli/cli.hpp"
#include "analyzer/cli/project.hpp"
#include "analyzer/migrations/layout.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/deployed_tree.hpp"
#include "analyzer/refs/manifest.hpp"
#include "analyzer/report/report.hpp"
#include "analyzer/support/files.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {

int refs_command(const RefsOptions& refs_options, std::ostream& out, std::ostream& err) {
  Project project = Project::open(refs_options.config);
  if (!project.repository) {
    throw UsageError(fmt::format("{} is not in a git repository: `twostep refs` reads an app "
                                 "version from git",
                                 project.cwd.generic_string()));
  }
  std::filesystem::path folder = project.migrations_folder(refs_options.migrations, {});
  git::Commit commit = project.repository->resolve(refs_options.at.value_or("HEAD"));

  // The schema this version's migrations build: queries resolve against it.
  migrations::DeployedMigrations at = pending::migrations_at(*project.repository, commit, folder);
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
    history.push_back(MigrationText{shown, 0, migration});
    manifest.migrations.push_back({migration.file.id, shown, migration.file.version_text});
  }
  for (const auto& [path, content] : at.files) {
    if (!migrations::layouts_read(path)) continue;  // not read from the manifest either
    manifest.files.push_back({path, git::blob_id(content), content});
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
  built.files = std::move(manifest.files);
  built.layout = std::string(layout->name());

  std::size_t exact = built.references.size();
  if (refs_options.output) {
    const std::filesystem::path& output = *refs_options.output;
    std::ofstream file(output, std::ios::binary);
    if (!file) throw IoError(fmt::format("{}: cannot write", output.generic_string()));
    refs::write_manifest(file, built);
    if (!file) throw IoError(fmt::format("{}: cannot write", output.generic_string()));
    err << fmt::format(
        "twostep refs: {} ({}): {} of app source, {}, {} to textual, {}; wrote {}\n", commit.ref,
        commit.short_id(), report::plural(built.source_files, "file"),
        report::plural(exact, "exact reference"), report::plural(built.failures.size(), "fallback"),
        report::plural(built.migrations.size(), "migration"), output.generic_string());
  } else {
    refs::write_manifest(out, built);
  }
  return 0;
}

}  // namespace twostep::cli
