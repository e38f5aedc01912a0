#include "analyzer/cli/project.hpp"

#include <fmt/format.h>

#include <array>

#include "analyzer/config/config.hpp"
#include "analyzer/pending/split.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {
namespace {

constexpr std::array<const char*, 5> kUsualFolders = {
    "migrations", "db/migrations", "database/migrations", "sql/migrations", "src/migrations"};

std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root) {
  std::string relative = pending::display_path(path, root);
  return relative == "." ? std::string() : relative;
}

}  // namespace

Project Project::open(const std::optional<std::filesystem::path>& config_file) {
  Project project;
  project.cwd = std::filesystem::current_path();
  project.repository = pending::Repository::discover(project.cwd);
  project.base = project.repository ? project.repository->root() : project.cwd;
  if (config_file) {
    project.config = config::load(*config_file);
  } else if (auto found = config::find(project.cwd, project.repository
                                                        ? std::optional(project.repository->root())
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
      throw IoError(fmt::format("{}: migrations folder not found (--migrations)",
                                option->generic_string()));
    }
    return folder;
  }
  if (config.migrations) return *config.migrations;  // checked when the config was read
  for (const char* candidate : kUsualFolders) {
    std::error_code error;
    if (std::filesystem::is_directory(base / candidate, error)) return base / candidate;
  }
  if (!named.empty()) return std::filesystem::absolute(named.front()).parent_path();
  std::string looked;
  for (const char* candidate : kUsualFolders) {
    looked += fmt::format("{}{}/", looked.empty() ? "" : ", ", candidate);
  }
  throw UsageError(fmt::format(
      "no migrations folder found (looked for {} in {}): pass --migrations DIR or set "
      "`migrations` in twostep.toml",
      looked, base.generic_string()));
}

refs::SourceFilter Project::source_filter(const std::filesystem::path& migrations) const {
  refs::SourceFilter filter;
  for (const std::filesystem::path& path : config.app_paths) {
    filter.app_paths.push_back(relative_to(path, base));
  }
  filter.exclude_paths = config.exclude_paths;
  filter.migrations_path = relative_to(migrations, base);
  filter.include_tests = config.include_tests;
  return filter;
}

}  // namespace twostep::cli
