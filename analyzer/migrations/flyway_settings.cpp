#include "analyzer/migrations/flyway_settings.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>

#include "twostep/error.hpp"

namespace twostep::migrations {
namespace {

std::string_view trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\f\r");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t\f\r");
  return text.substr(first, last - first + 1);
}

std::string first_of_list(std::string_view list) {
  return std::string(trimmed(list.substr(0, list.find(','))));
}

void read_conf(std::string_view text, FlywaySettings& settings) {
  std::map<std::string, std::string> properties = read_properties(text);
  if (auto mixed = boolean_property(properties, "flyway.mixed")) settings.mixed = *mixed;
  if (auto late = boolean_property(properties, "flyway.outOfOrder")) settings.out_of_order = *late;
  if (auto replace = boolean_property(properties, "flyway.placeholderReplacement")) {
    settings.placeholder_replacement = *replace;
  }
  if (auto schemas = properties.find("flyway.schemas"); schemas != properties.end()) {
    settings.default_schema = first_of_list(schemas->second);
  }
  if (auto schema = properties.find("flyway.defaultSchema"); schema != properties.end()) {
    settings.default_schema = schema->second;
  }
  constexpr std::string_view kPrefix = "flyway.placeholders.";
  for (const auto& [key, value] : properties) {
    if (key.starts_with(kPrefix)) settings.placeholders[key.substr(kPrefix.size())] = value;
  }
}

void read_toml(const std::string& file, std::string_view text, FlywaySettings& settings) {
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    throw UsageError(fmt::format("{}:{}:{}: {}", file, error.source().begin.line,
                                 error.source().begin.column, error.description()));
  }
  auto flyway = table["flyway"];
  if (auto mixed = flyway["mixed"].value<bool>()) settings.mixed = *mixed;
  if (auto late = flyway["outOfOrder"].value<bool>()) settings.out_of_order = *late;
  if (auto replace = flyway["placeholderReplacement"].value<bool>()) {
    settings.placeholder_replacement = *replace;
  }
  if (const toml::array* schemas = flyway["schemas"].as_array(); schemas && !schemas->empty()) {
    if (auto first = schemas->front().value<std::string>()) settings.default_schema = *first;
  }
  if (auto schema = flyway["defaultSchema"].value<std::string>()) settings.default_schema = *schema;
  if (const toml::table* placeholders = flyway["placeholders"].as_table()) {
    for (const auto& [key, value] : *placeholders) {
      if (auto text_value = value.value<std::string>()) {
        settings.placeholders[std::string(key.str())] = *text_value;
      }
    }
  }
}

}  // namespace

std::map<std::string, std::string> read_properties(std::string_view text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = trimmed(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    std::size_t split = line.find_first_of("=: \t");
    std::string key(trimmed(line.substr(0, split)));
    std::string_view value =
        split == std::string_view::npos ? std::string_view() : trimmed(line.substr(split + 1));
    if (!value.empty() && (value[0] == '=' || value[0] == ':')) value = trimmed(value.substr(1));
    out[key] = std::string(value);
  }
  return out;
}

std::optional<bool> boolean_property(const std::map<std::string, std::string>& properties,
                                     const std::string& key) {
  auto found = properties.find(key);
  if (found == properties.end()) return std::nullopt;
  std::string value = found->second;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "true";  // Java's Boolean.parseBoolean
}

void read_flyway_settings(const std::string& file, std::string_view text,
                          FlywaySettings& settings) {
  if (file.ends_with(".toml")) {
    read_toml(file, text, settings);
  } else {
    read_conf(text, settings);
  }
}

}  // namespace twostep::migrations
