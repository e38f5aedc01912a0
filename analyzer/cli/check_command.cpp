// `twostep check`: find the migrations, the deployed version and what it references, run the
// check, report.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "analyzer/check/engine.hpp"
#include "analyzer/cli/cli.hpp"
#include "analyzer/config/config.hpp"
#include "analyzer/pending/git.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/deployed_tree.hpp"
#include "analyzer/report/report.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {
namespace {

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0';
}

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

bool use_color(const std::string& option) {
  if (option == "always") return true;
  if (option == "never") return false;
  if (env_set("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root) {
  std::string relative = pending::display_path(path, root);
  return relative == "." ? std::string() : relative;
}

constexpr std::array<const char*, 5> kUsualFolders = {
    "migrations", "db/migrations", "database/migrations", "sql/migrations", "src/migrations"};

// --migrations, the config's `migrations`, a usual folder of the repository (or current folder),
// or, for files named on the command line, the folder of the first one.
std::filesystem::path migrations_folder(const CheckOptions& options, const Config& config,
                                        const std::filesystem::path& base) {
  if (options.migrations) {
    std::filesystem::path folder = std::filesystem::absolute(*options.migrations).lexically_normal();
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
      throw IoError(fmt::format("{}: migrations folder not found (--migrations)",
                                options.migrations->generic_string()));
    }
    return folder;
  }
  if (config.migrations) return *config.migrations;  // checked when the config was read
  for (const char* candidate : kUsualFolders) {
    std::error_code error;
    if (std::filesystem::is_directory(base / candidate, error)) return base / candidate;
  }
  if (!options.paths.empty()) return std::filesystem::absolute(options.paths.front()).parent_path();
  std::string looked;
  for (const char* candidate : kUsualFolders) looked += std::string(looked.empty() ? "" : ", ") + candidate + "/";
  throw UsageError(fmt::format(
      "no migrations folder found (looked for {} in {}): pass --migrations DIR or set "
      "`migrations` in twostep.toml",
      looked, base.generic_string()));
}

struct DeployedChoice {
  std::optional<pending::Commit> commit;
  std::string guess;  // how it was guessed, when it was not named
  std::string none;   // why there is none
};

DeployedChoice choose_deployed(const std::optional<pending::Repository>& repository,
                               const std::optional<std::string>& named,
                               const std::filesystem::path& cwd) {
  DeployedChoice choice;
  if (!repository) {
    if (named) {
      throw GitError(fmt::format("--deployed-ref `{}` given, but {} is not in a git repository",
                                 *named, cwd.generic_string()));
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
        "--deployed-ref REF or set `deployed-ref` in twostep.toml (e.g. a tag your deploy moves)",
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

}  // namespace

int check_command(const CheckOptions& options, std::ostream& out) {
  std::filesystem::path cwd = std::filesystem::current_path();
  std::optional<pending::Repository> repository = pending::Repository::discover(cwd);
  std::filesystem::path base = repository ? repository->root() : cwd;

  Config config;
  if (options.config) {
    config = config::load(*options.config);
  } else if (auto found = config::find(cwd, repository ? std::optional(repository->root())
                                                       : std::nullopt)) {
    config = config::load(*found);
  }

  std::filesystem::path folder = migrations_folder(options, config, base);
  for (const std::filesystem::path& path : options.paths) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      throw IoError(fmt::format("{}: no such migration file", path.generic_string()));
    }
  }
  if (!repository && options.paths.empty()) {
    throw UsageError(fmt::format(
        "{} is not in a git repository, so nothing tells which migrations are pending: name them "
        "(`twostep check PATH...`)",
        cwd.generic_string()));
  }

  DeployedChoice deployed = choose_deployed(
      repository, options.deployed_ref ? options.deployed_ref : config.deployed_ref, cwd);
  pending::Plan plan = pending::split(repository ? &*repository : nullptr, deployed.commit, folder,
                                      base, options.paths);

  check::CheckInput input;
  report::RunInfo info;
  info.deployed_note = deployed.none;
  info.deployed_guess = deployed.guess;
  std::unique_ptr<refs::TextualReferences> references;
  if (repository && deployed.commit) {
    refs::SourceFilter filter;
    for (const std::filesystem::path& path : config.app_paths) {
      filter.app_paths.push_back(relative_to(path, repository->root()));
    }
    filter.exclude_paths = config.exclude_paths;
    filter.migrations_path = relative_to(folder, repository->root());
    filter.include_tests = config.include_tests;
    references = refs::scan_deployed_tree(*repository, *deployed.commit, filter);
    info.deployed = report::Deployed{deployed.commit->ref, deployed.commit->id};
    info.app_files = references->file_count();
    if (references->file_count() > 0) {
      input.references = references.get();
    } else {
      // An app that lives elsewhere, or app-paths that miss it: nothing to check against.
      input.unverified_reason = fmt::format(
          "the deployed version `{}` ({}) holds no file twostep reads as the app's source",
          deployed.commit->ref, deployed.commit->short_id());
      input.unverified_help =
          "Point `app-paths` in twostep.toml at the deployed app's source folders "
          "(docs/references.md lists what counts as source), or run the check in the repository "
          "that holds the app.";
    }
  } else if (!repository) {
    input.unverified_reason = "not in a git repository, so there is no deployed version to read";
    input.unverified_help =
        "Run twostep in a git clone of the repository (in CodePipeline, the source action's "
        "full clone output) and name the deployed version with --deployed-ref.";
  } else {
    input.unverified_reason = "the repository has no commits, so there is no deployed version";
    input.unverified_help = "Once a version is deployed, name its commit with --deployed-ref.";
  }

  input.history = std::move(plan.history);
  input.pending = std::move(plan.pending);
  input.findings = std::move(plan.findings);
  input.other_sources = std::move(plan.other_sources);
  input.settings.levels = config.rules;
  input.settings.postgres_version = config.postgres_version;
  for (const check::MigrationText& migration : input.pending) info.pending.push_back(migration.path);
  info.history = input.history.size();

  check::CheckOutput output = check::run(input);
  output.summary.skipped_files = plan.skipped_files;
  if (options.format == "json") {
    report::write_json(out, output, info);
  } else {
    report::write_text(out, output, info, use_color(options.color));
  }
  return output.summary.errors > 0 ? 1 : 0;
}

}  // namespace twostep::cli
