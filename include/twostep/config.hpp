#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "twostep/diagnostic.hpp"
#include "twostep/version.hpp"

namespace twostep {

enum class RuleLevel { Error, Warning, Off };

// twostep.toml, validated (docs/config.md is the schema).
struct Config {
  std::optional<std::filesystem::path> path;        // the file it was read from
  std::optional<std::filesystem::path> migrations;  // absolute
  // More folders whose migrations run with those of `migrations`, merged in the framework's order
  // (Rails engines' db/migrate, paths added to `config.paths["db/migrate"]`); absolute.
  std::vector<std::filesystem::path> extra_migrations;
  std::optional<std::string> deployed_ref;
  std::vector<std::filesystem::path> app_paths;  // absolute; empty: the whole repository
  std::vector<std::string> exclude_paths;        // globs, relative to the repository root
  // Globs, relative to the migrations folder, of files there that are no migrations (a schema
  // dump, seeds): neither read nor a misfit of the layout.
  std::vector<std::string> not_migrations;
  bool include_tests = false;
  PgVersion postgres_version;
  std::optional<std::string> layout;  // the migrations folder's layout; detected when absent
  // `transaction`: the plain layout's mode, golang-migrate's x-multi-statement ("none").
  std::optional<std::string> transaction;
  std::map<std::string, RuleLevel> rules;  // canonical rule id → level
  // The severity of a compat finding whose evidence is all textual.
  Severity textual_references = Severity::Error;
};

}  // namespace twostep
