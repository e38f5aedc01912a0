#pragma once
// What `check` and `refs` both need to know about the project they run in: its repository, its
// configuration, its migrations folder, and which files are the app's source.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/git/repository.hpp"
#include "analyzer/pending/split.hpp"
#include "analyzer/refs/source_filter.hpp"
#include "twostep/config.hpp"

namespace twostep::check {

struct Project {
  std::filesystem::path cwd;
  std::optional<git::Repository> repository;
  std::filesystem::path base;  // the repository root, else the current folder
  Config config;

  // Discovers the repository from the current folder and reads the config (`config_file`, or the
  // nearest twostep.toml up to the git root).
  // Outside git, the repository of the first `named` file, when it is in one.
  static Project open(const std::optional<std::filesystem::path>& config_file,
                      const std::vector<std::filesystem::path>& named = {});

  // --migrations, the config's `migrations`, a usual folder of the repository, or the folder of
  // the first named file. Throws when there is none.
  std::filesystem::path migrations_folder(const std::optional<std::filesystem::path>& option,
                                          const std::vector<std::filesystem::path>& named) const;

  // What counts as the app's source, for a repository.
  refs::SourceFilter source_filter(const std::filesystem::path& migrations) const;

  // The layout settings: config `layout` and `transaction`, Flyway's `mixed` from flyway.conf or
  // flyway.toml beside the migrations or at the repository root, the PostgreSQL version.
  pending::SplitOptions split_options(const std::filesystem::path& migrations, bool each) const;
};

}  // namespace twostep::check
