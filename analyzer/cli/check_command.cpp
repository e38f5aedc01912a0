// `twostep check`: find the migrations, the deployed version and what it references, run the
// check, report.
#include <fmt/format.h>
#include <unistd.h>

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
    if (env_set(name)) return std::string(name);
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

// The usual places of a migrations folder, relative to the repository root (or current folder).
std::optional<std::filesystem::path> detect_migrations(const std::filesystem::path& base) {
  for (const char* candidate : {"migrations", "db/migrations", "database/migrations",
                                "sql/migrations", "src/migrations"}) {
    std::error_code error;
    std::filesystem::path folder = base / candidate;
    if (std::filesystem::is_directory(folder, error)) return folder;
  }
  return std::nullopt;
}

std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root) {
  std::string relative = pending::display_path(path, root);
  return relative == "." ? std::string() : relative;
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

  std::optional<std::filesystem::path> folder;
  if (options.migrations) {
    folder = std::filesystem::absolute(*options.migrations).lexically_normal();
  } else if (config.migrations) {
    folder = config.migrations;
  } else if (!options.paths.empty()) {
    folder = std::filesystem::absolute(options.paths.front()).parent_path();
  } else {
    folder = detect_migrations(base);
  }
  if (!folder) {
    throw UsageError(
        "no migrations folder found (looked for migrations/ and db/migrations/): pass "
        "--migrations DIR or set `migrations` in twostep.toml");
  }
  std::error_code error;
  if (!std::filesystem::is_directory(*folder, error) && options.paths.empty()) {
    throw IoError(fmt::format("{}: migrations folder not found", folder->generic_string()));
  }
  for (const std::filesystem::path& path : options.paths) {
    if (!std::filesystem::is_regular_file(path, error)) {
      throw IoError(fmt::format("{}: no such migration file", path.generic_string()));
    }
  }

  report::RunInfo info;
  std::optional<pending::Commit> deployed;
  std::optional<std::string> named =
      options.deployed_ref ? options.deployed_ref : config.deployed_ref;
  if (repository) {
    if (named) {
      deployed = repository->resolve(*named);
    } else if (auto variable = ci_variable()) {
      throw UsageError(fmt::format(
          "no deployed version named, and guessing is not safe in CI ({} is set): pass "
          "--deployed-ref REF or set `deployed-ref` in twostep.toml (e.g. a tag your deploy moves)",
          *variable));
    } else if (repository->has_reference("refs/remotes/origin/HEAD")) {
      deployed = repository->resolve("refs/remotes/origin/HEAD");
      deployed->ref = "origin/HEAD";
    } else if (repository->has_commits()) {
      deployed = repository->resolve("HEAD");
    } else {
      info.deployed_note = "the repository has no commits";
    }
  } else {
    if (named) {
      throw GitError(fmt::format("--deployed-ref `{}` given, but {} is not in a git repository",
                                 *named, cwd.generic_string()));
    }
    info.deployed_note = "not in a git repository";
  }

  if (!repository && options.paths.empty()) {
    throw UsageError(fmt::format(
        "{} is not in a git repository, so nothing tells which migrations are pending: name them "
        "(`twostep check PATH...`)",
        cwd.generic_string()));
  }
  pending::Plan plan = pending::split(repository ? &*repository : nullptr, deployed, *folder, base,
                                      options.paths);

  std::unique_ptr<refs::TextualReferences> references;
  if (repository && deployed) {
    refs::SourceFilter filter;
    for (const std::filesystem::path& path : config.app_paths) {
      filter.app_paths.push_back(relative_to(path, repository->root()));
    }
    filter.exclude_paths = config.exclude_paths;
    filter.migrations_path = relative_to(*folder, repository->root());
    filter.include_tests = config.include_tests;
    references = refs::scan_deployed_tree(*repository, *deployed, filter);
    info.deployed = report::Deployed{deployed->ref, deployed->id};
  }

  check::CheckInput input;
  input.history = std::move(plan.history);
  input.pending = std::move(plan.pending);
  input.findings = std::move(plan.findings);
  input.other_sources = std::move(plan.other_sources);
  input.references = references.get();
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
