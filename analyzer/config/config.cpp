#include "analyzer/config/config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <map>

#include "analyzer/migrations/layout.hpp"
#include "rules/registry.hpp"
#include "twostep/error.hpp"

namespace twostep::config {
namespace {

// The config file as the user would name it: relative to the current folder when below it.
std::string shown(const std::filesystem::path& file) {
  std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
  std::filesystem::path relative = absolute.lexically_relative(std::filesystem::current_path());
  std::string text = relative.generic_string();
  return text.empty() || text.rfind("..", 0) == 0 ? absolute.generic_string() : text;
}

class Reader {
 public:
  Reader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& key,
                         const std::string& problem) const {
    throw ConfigError(
        fmt::format("{}:{}: `{}`: {}", shown(file_), node.source().begin.line, key, problem));
  }

  std::string string(const toml::node& node, const std::string& key) const {
    if (!node.is_string()) fail(node, key, "expected a string");
    return *node.value<std::string>();
  }

  std::vector<std::string> strings(const toml::node& node, const std::string& key) const {
    const toml::array* array = node.as_array();
    if (array == nullptr) fail(node, key, "expected an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) out.push_back(string(item, key));
    return out;
  }

  bool boolean(const toml::node& node, const std::string& key) const {
    if (!node.is_boolean()) fail(node, key, "expected true or false");
    return *node.value<bool>();
  }

  // A path relative to the config file's folder, which must exist.
  std::filesystem::path existing_path(const toml::node& node, const std::string& key,
                                      const std::string& text) const {
    if (text.empty()) fail(node, key, "expected a path, got an empty string");
    std::filesystem::path path(text);
    if (path.is_relative()) {
      path = std::filesystem::absolute(file_).lexically_normal().parent_path() / path;
    }
    path = path.lexically_normal();
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      fail(node, key, fmt::format("`{}` does not exist (paths are relative to this file)", text));
    }
    return path;
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

std::optional<std::filesystem::path> find(const std::filesystem::path& start,
                                          const std::optional<std::filesystem::path>& stop) {
  std::filesystem::path folder = std::filesystem::absolute(start).lexically_normal();
  while (true) {
    std::filesystem::path candidate = folder / "twostep.toml";
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    if (stop && std::filesystem::equivalent(folder, *stop, error)) return std::nullopt;
    if (!folder.has_parent_path() || folder.parent_path() == folder) return std::nullopt;
    folder = folder.parent_path();
  }
}

Config load(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    throw ConfigError(fmt::format("{}: config file not found", shown(file)));
  }
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& parse_error) {
    throw ConfigError(fmt::format("{}:{}:{}: {}", shown(file), parse_error.source().begin.line,
                                  parse_error.source().begin.column, parse_error.description()));
  }
  Reader reader(file);
  Config config;
  config.path = std::filesystem::absolute(file).lexically_normal();
  std::map<std::string, std::string> rule_keys;  // canonical id → the key that set it
  for (const auto& [key_node, node] : table) {
    std::string key(key_node.str());
    if (key == "migrations") {
      config.migrations = reader.existing_path(node, key, reader.string(node, key));
    } else if (key == "extra-migrations") {
      for (const std::string& path : reader.strings(node, key)) {
        config.extra_migrations.push_back(reader.existing_path(node, key, path));
      }
    } else if (key == "deployed-ref") {
      config.deployed_ref = reader.string(node, key);
      if (config.deployed_ref->empty()) reader.fail(node, key, "expected a git ref, got \"\"");
    } else if (key == "app-paths") {
      for (const std::string& path : reader.strings(node, key)) {
        config.app_paths.push_back(reader.existing_path(node, key, path));
      }
    } else if (key == "exclude-paths") {
      config.exclude_paths = reader.strings(node, key);
    } else if (key == "not-migrations") {
      config.not_migrations = reader.strings(node, key);
    } else if (key == "include-tests") {
      config.include_tests = reader.boolean(node, key);
    } else if (key == "postgres-version") {
      std::string text;
      if (node.is_integer()) {
        text = std::to_string(*node.value<std::int64_t>());
      } else if (node.is_floating_point()) {
        reader.fail(node, key, "write the version as a string, e.g. \"14.3\"");
      } else {
        text = reader.string(node, key);
      }
      try {
        config.postgres_version = PgVersion::parse(text);
      } catch (const std::invalid_argument&) {
        reader.fail(node, key,
                    fmt::format("expected a PostgreSQL version such as \"15\" or \"14.3\", got "
                                "\"{}\"",
                                text));
      }
    } else if (key == "layout") {
      std::string name = reader.string(node, key);
      if (!migrations::make_layout(name)) {
        reader.fail(node, key,
                    fmt::format("unknown layout \"{}\" (known: {})", name,
                                fmt::join(migrations::layout_names(), ", ")));
      }
      config.layout = name;
    } else if (key == "transaction") {
      std::string mode = reader.string(node, key);
      if (mode != "none" && mode != "file") {
        reader.fail(node, key, fmt::format("expected \"none\" or \"file\", got \"{}\"", mode));
      }
      config.transaction = mode;
    } else if (key == "textual-references") {
      std::string level = reader.string(node, key);
      if (level == "error") {
        config.textual_references = Severity::Error;
      } else if (level == "warning") {
        config.textual_references = Severity::Warning;
      } else {
        reader.fail(node, key, fmt::format("expected \"error\" or \"warning\", got \"{}\"", level));
      }
    } else if (key == "rules") {
      const toml::table* rules_table = node.as_table();
      if (rules_table == nullptr) reader.fail(node, key, "expected a table of rule = level");
      for (const auto& [rule_node, level_node] : *rules_table) {
        std::string rule(rule_node.str());
        std::string full_key = "rules." + rule;
        const rules::RuleEntry* entry = rules::find(rule);
        if (entry == nullptr) {
          reader.fail(level_node, full_key,
                      fmt::format("unknown rule id{} (`twostep rules` lists the ids and aliases)",
                                  rules::unknown_id_hint(rule)));
        }
        std::string level = reader.string(level_node, full_key);
        RuleLevel parsed = RuleLevel::Error;
        if (level == "error") {
          parsed = RuleLevel::Error;
        } else if (level == "warning") {
          parsed = RuleLevel::Warning;
        } else if (level == "off") {
          parsed = RuleLevel::Off;
        } else {
          reader.fail(level_node, full_key,
                      fmt::format("expected \"error\", \"warning\" or \"off\", got \"{}\"", level));
        }
        std::string id(entry->info->id);
        auto [earlier, first] = rule_keys.try_emplace(id, rule);
        if (!first) {
          reader.fail(level_node, full_key,
                      fmt::format("sets `{}` again (already set as `rules.{}`; {} is an alias)", id,
                                  earlier->second, rule == id ? earlier->second : rule));
        }
        config.rules[id] = parsed;
      }
    } else {
      reader.fail(node, key,
                  "unknown key (known: migrations, extra-migrations, deployed-ref, app-paths, "
                  "exclude-paths, "
                  "not-migrations, include-tests, postgres-version, layout, transaction, "
                  "textual-references, [rules])");
    }
  }
  return config;
}

}  // namespace twostep::config
