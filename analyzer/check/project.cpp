#include "analyzer/check/project.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "analyzer/config/config.hpp"
#include "analyzer/migrations/flyway_settings.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/support/files.hpp"
#include "twostep/error.hpp"

namespace twostep::check {
namespace {

// Where the frameworks put them by default (Prisma's prisma/migrations, Flyway's db/migration in
// a Maven or Gradle project's resources) and where teams usually do.
// Rails' db/migrate last: a Rails app has no other.
constexpr std::array<const char*, 9> kUsualFolders = {
    "migrations",     "db/migrations",     "database/migrations", "sql/migrations",
    "src/migrations", "prisma/migrations", "db/migration",        "src/main/resources/db/migration",
    "db/migrate"};

std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root) {
  std::string relative = support::display_path(path, root);
  return relative == "." ? std::string() : relative;
}

}  // namespace

Project Project::open(const std::optional<std::filesystem::path>& config_file,
                      const std::vector<std::filesystem::path>& named) {
  Project project;
  project.cwd = std::filesystem::current_path();
  project.repository = git::Repository::discover(project.cwd);
  // Files named from outside their repository (an editor, a script) are still checked against
  // it: its history and deployed version decide, not where the command was started.
  std::filesystem::path start = project.cwd;
  if (!project.repository && !named.empty()) {
    start = std::filesystem::absolute(named.front()).lexically_normal().parent_path();
    project.repository = git::Repository::discover(start);
  }
  project.base = project.repository ? project.repository->root() : project.cwd;
  if (config_file) {
    project.config = config::load(*config_file);
  } else if (auto found =
                 config::find(start, project.repository ? std::optional(project.repository->root())
                                                        : std::nullopt)) {
    project.config = config::load(*found);
  }
  return project;
}

std::filesystem::path Project::migrations_folder(
    const std::optional<std::filesystem::path>& option,
    const std::vector<std::filesystem::path>& named) const {
  if (option) {
    std::filesystem::path folder = std::filesystem::absolute(*option).lexically_normal();
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
      throw IoError(
          fmt::format("{}: migrations folder not found (--migrations)", option->generic_string()));
    }
    return folder;
  }
  if (config.migrations) return *config.migrations;  // checked when the config was read
  std::error_code error;
  if (std::filesystem::is_regular_file(base / "sqitch.plan", error))
    return base;  // a sqitch project
  for (const char* candidate : kUsualFolders) {
    std::error_code error;
    if (std::filesystem::is_directory(base / candidate, error)) return base / candidate;
  }
  if (!named.empty()) return std::filesystem::absolute(named.front()).parent_path();
  std::string looked;
  for (const char* candidate : kUsualFolders) {
    looked += fmt::format("{}{}/", looked.empty() ? "" : ", ", candidate);
  }
  throw UsageError(
      fmt::format("no migrations folder found (looked for {} in {}): pass --migrations DIR or set "
                  "`migrations` in twostep.toml",
                  looked, base.generic_string()));
}

namespace {

// Flyway's configuration files, the ones beside the migrations folder over those at the
// project's base.
migrations::FlywaySettings flyway_settings(const std::filesystem::path& migrations,
                                           const std::filesystem::path& base) {
  migrations::FlywaySettings settings;
  std::vector<std::filesystem::path> folders = {base};
  if (migrations.parent_path() != base) folders.push_back(migrations.parent_path());
  for (const std::filesystem::path& folder : folders) {
    for (const char* name :
         {"flyway.conf", "flyway.toml", "conf/flyway.conf", "conf/flyway.toml"}) {
      std::error_code error;
      std::filesystem::path file = folder / name;
      if (!std::filesystem::is_regular_file(file, error)) continue;
      migrations::read_flyway_settings(support::display_path(file, base),
                                       support::read_text_file(file), settings);
    }
  }
  return settings;
}

}  // namespace

pending::SplitOptions Project::split_options(const std::filesystem::path& migrations,
                                             bool each) const {
  pending::SplitOptions options;
  options.layout = config.layout;
  options.each = each;
  if (config.transaction) {
    options.layout_options.transaction =
        *config.transaction == "file" ? TransactionMode::File : TransactionMode::None;
  }
  options.layout_options.flyway = flyway_settings(migrations, base);
  options.not_migrations = config.not_migrations;
  options.extra_folders = config.extra_migrations;
  options.layout_options.postgres_version = config.postgres_version;
  return options;
}

refs::SourceFilter Project::source_filter(const std::filesystem::path& migrations) const {
  refs::SourceFilter filter;
  for (const std::filesystem::path& path : config.app_paths) {
    filter.app_paths.push_back(relative_to(path, base));
  }
  filter.exclude_paths = config.exclude_paths;
  std::string folder = relative_to(migrations, base);
  std::error_code error;
  if (std::filesystem::is_regular_file(migrations / "sqitch.plan", error)) {
    // A sqitch project often is the repository root: its script folders are what to leave out.
    for (const char* scripts : {"deploy", "revert", "verify"}) {
      filter.migration_paths.push_back(folder.empty() ? scripts : folder + "/" + scripts);
    }
  } else if (!folder.empty()) {
    filter.migration_paths.push_back(folder);
    // A schema dump beside the migrations (Rails' db/schema.rb) names every column: it is the
    // baseline, not a use.
    std::string parent = relative_to(migrations.parent_path(), base);
    for (const char* dump : {"schema.rb", "structure.sql"}) {
      filter.migration_paths.push_back(parent.empty() ? dump : parent + "/" + dump);
    }
  }
  for (const std::filesystem::path& extra : config.extra_migrations) {
    filter.migration_paths.push_back(relative_to(extra, base));
  }
  filter.include_tests = config.include_tests;
  return filter;
}

}  // namespace twostep::check
