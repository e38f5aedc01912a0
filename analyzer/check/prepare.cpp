// The pipeline before the engine: which migrations are pending and which are history, which
// version is deployed (named, guessed, or none) and what it references. The CLI and the language
// server both start the check here.
#include "analyzer/check/prepare.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "analyzer/check/project.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/deployed_tree.hpp"
#include "analyzer/refs/inputs/query_stats.hpp"
#include "rules/registry.hpp"
#include "twostep/error.hpp"

namespace twostep::check {
namespace {

// Guessing the deployed version is not safe in CI: on the main branch, origin/HEAD is the commit
// being built, and nothing would look pending.
std::optional<std::string> ci_variable() {
  for (const char* name : {"CI", "CODEBUILD_BUILD_ID"}) {
    const char* value = std::getenv(name);
    if (value == nullptr) continue;
    std::string text(value);
    if (!text.empty() && text != "false" && text != "0") return std::string(name);
  }
  return std::nullopt;
}

struct DeployedChoice {
  std::optional<git::Commit> commit;
  std::string guess;  // how it was guessed, when it was not named
  std::string none;   // why there is none
};

DeployedChoice choose_deployed(const Project& project, const std::optional<std::string>& named) {
  DeployedChoice choice;
  const std::optional<git::Repository>& repository = project.repository;
  if (!repository) {
    if (named) {
      throw GitError(fmt::format("--deployed-ref `{}` given, but {} is not in a git repository",
                                 *named, project.cwd.generic_string()));
    }
    choice.none = "not in a git repository";
    return choice;
  }
  if (named) {
    choice.commit = repository->resolve(*named);
    return choice;
  }
  if (auto variable = ci_variable()) {
    throw UsageError(fmt::format(
        "no deployed version named, and guessing is not safe in CI ({} is set): pass "
        "--deployed-ref REF or set `deployed-ref` in twostep.toml (e.g. a tag your deploy moves), "
        "give --deployed-refs FILE, or say --nothing-deployed before the first deploy",
        *variable));
  }
  // The remote default branch: origin/HEAD, or origin/main / origin/master where a remote was
  // added by hand and origin/HEAD was never set.
  for (const char* remote : {"origin/HEAD", "origin/main", "origin/master"}) {
    if (repository->has_reference(std::string("refs/remotes/") + remote)) {
      choice.commit = repository->resolve(std::string("refs/remotes/") + remote);
      choice.commit->ref = remote;
      choice.guess = "the remote default branch; name it with --deployed-ref";
      return choice;
    }
  }
  if (repository->has_commits()) {
    choice.commit = repository->resolve("HEAD");
    choice.guess =
        "no remote default branch: migrations committed on this branch count as deployed; name "
        "the deployed version with --deployed-ref";
    return choice;
  }
  choice.none = "the repository has no commits";
  return choice;
}

// Where the deployed version's migrations and references come from.
struct DeployedSide {
  std::optional<migrations::DeployedMigrations> migrations;
  refs::CombinedReferences references;
  std::unique_ptr<refs::Manifest> manifest;  // kept alive: its references point into it
  RunInfo info;
  std::string unverified_reason;
  std::string unverified_help;
};

void from_manifest(const Request& options, DeployedSide& side) {
  side.manifest = std::make_unique<refs::Manifest>(refs::read_manifest(*options.deployed_refs));
  side.migrations = refs::manifest_migrations(*side.manifest);
  side.references.add(refs::manifest_references(*side.manifest));
  side.info.deployed = Deployed{side.manifest->ref, side.manifest->commit};
  side.info.app_files = side.manifest->source_files;
  side.info.deployed_guess.clear();
  side.info.source = fmt::format("references manifest {}", options.deployed_refs->generic_string());
}

void from_git(const Project& project, const git::Commit& commit,
              const std::filesystem::path& folder, DeployedSide& side) {
  side.migrations =
      pending::migrations_at(*project.repository, commit, folder, project.config.extra_migrations);
  std::unique_ptr<refs::DeployedApp> app =
      refs::scan_deployed_tree(*project.repository, commit, project.source_filter(folder));
  side.info.deployed = Deployed{commit.ref, commit.id};
  side.info.app_files = app->source_files();
  if (app->source_files() > 0) {
    side.references.add(std::move(app));
    return;
  }
  // An app that lives elsewhere, or app-paths that miss it: nothing to check against.
  side.unverified_reason =
      fmt::format("the deployed version `{}` ({}) holds no file twostep reads as the app's source",
                  commit.ref, commit.short_id());
  side.unverified_help =
      "Point `app-paths` in twostep.toml at the deployed app's source folders "
      "(docs/references.md lists what counts as source), or run the check in the repository that "
      "holds the app.";
}

}  // namespace

Prepared prepare(const Request& options) {
  Project project = Project::open(options.config, options.paths);
  std::filesystem::path folder = project.migrations_folder(options.migrations, options.paths);
  for (const std::filesystem::path& path : options.paths) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      throw IoError(fmt::format("{}: no such migration file", path.generic_string()));
    }
  }
  if (!project.repository && !options.deployed_refs && options.paths.empty() && !options.each &&
      !options.nothing_deployed) {
    throw UsageError(fmt::format(
        "{} is not in a git repository, so nothing tells which migrations are pending: name them "
        "(`twostep check PATH...`), or give the deployed release's manifest (--deployed-refs)",
        project.cwd.generic_string()));
  }

  DeployedSide side;
  if (options.deployed_refs) {
    from_manifest(options, side);
  } else if (options.nothing_deployed) {
    // The first deploy: no migration has run and no app reads the schema yet.
    side.migrations = migrations::DeployedMigrations{"nothing deployed", "-", {}, {}};
    side.info.deployed_note = "--nothing-deployed: every migration is pending";
    side.unverified_reason = "nothing is deployed yet (--nothing-deployed)";
    side.unverified_help =
        "Once a version is deployed, name its commit with --deployed-ref (a tag your deploy moves) "
        "so that twostep checks contract steps against its code.";
  } else if (options.each && !options.deployed_ref) {
    // --each checks the folder's own history: there is no deployed version unless one is named.
    side.info.deployed_note = "--each without --deployed-ref";
    side.unverified_reason = "--each checks without a deployed version";
    side.unverified_help =
        "Give --deployed-ref REF to check every migration against the app at that version.";
  } else {
    DeployedChoice deployed = choose_deployed(
        project, options.deployed_ref ? options.deployed_ref : project.config.deployed_ref);
    side.info.deployed_note = deployed.none;
    side.info.deployed_guess = deployed.guess;
    if (deployed.commit) {
      from_git(project, *deployed.commit, folder, side);
    } else if (!project.repository) {
      side.unverified_reason = "not in a git repository, so there is no deployed version to read";
      side.unverified_help =
          "Run twostep in a git clone of the repository (in CodePipeline, the source action's "
          "full clone output) and name the deployed version with --deployed-ref, or give the "
          "deployed release's manifest with --deployed-refs.";
    } else {
      side.unverified_reason = "the repository has no commits, so there is no deployed version";
      side.unverified_help = "Once a version is deployed, name its commit with --deployed-ref.";
    }
  }
  if (options.deployed_queries) {
    auto stats = std::make_unique<refs::DeployedApp>(nullptr);
    for (refs::QueryOccurrence& query : refs::read_query_stats(
             *options.deployed_queries, options.deployed_queries->generic_string())) {
      stats->add_query(std::move(query));
    }
    side.references.add(std::move(stats));
  }

  // --each lints the working tree's migrations against each other: the deployed side only
  // supplies references.
  std::optional<migrations::DeployedMigrations> deployed_migrations =
      options.each ? std::nullopt : side.migrations;
  pending::SplitOptions split_options = project.split_options(folder, options.each);
  if (options.staged) {
    if (!project.repository) {
      throw UsageError(
          fmt::format("--staged: {} is not in a git repository", project.cwd.generic_string()));
    }
    split_options.staged =
        pending::staged_migrations(*project.repository, folder, project.config.extra_migrations);
  }
  pending::Plan plan =
      pending::split(deployed_migrations, folder, project.base, options.paths, split_options);
  Prepared prepared;
  CheckInput& input = prepared.input;
  prepared.references = std::make_unique<refs::CombinedReferences>(std::move(side.references));
  prepared.manifest = std::move(side.manifest);
  if (!prepared.references->empty()) input.references = prepared.references.get();
  if (!side.unverified_reason.empty()) {
    input.unverified_reason = side.unverified_reason;
    input.unverified_help = side.unverified_help;
  }
  input.history = std::move(plan.history);
  input.pending = std::move(plan.pending);
  input.findings = std::move(plan.findings);
  input.other_sources = std::move(plan.other_sources);
  input.notes = std::move(plan.notes);
  input.settings.levels = project.config.rules;
  input.settings.postgres_version = project.config.postgres_version;
  input.settings.textual_references = project.config.textual_references;
  input.each = options.each;
  input.skipped_files = plan.skipped_files;
  prepared.info = std::move(side.info);
  RunInfo& info = prepared.info;
  info.layout = plan.layout;
  info.baseline = plan.baseline;
  for (const MigrationText& migration : input.pending) info.pending.push_back(migration.path);
  info.history = input.history.size();

  for (const std::string& name : options.exclude) {
    const rules::RuleEntry* entry = rules::find(name);
    if (entry == nullptr) {
      throw UsageError(
          fmt::format("--exclude `{}`: not a twostep rule id{} (`twostep rules` lists "
                      "the ids)",
                      name, rules::unknown_id_hint(name)));
    }
    input.settings.levels[std::string(entry->info->id)] = RuleLevel::Off;
  }
  return prepared;
}

}  // namespace twostep::check
