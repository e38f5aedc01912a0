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

bool flyway_setting(const std::string& file, std::string_view text, const std::string& key) {
  if (!file.ends_with(".toml")) {
    return boolean_property(read_properties(text), "flyway." + key).value_or(false);
  }
  try {
    toml::table table = toml::parse(text, file);
    return table["flyway"][key].value_or(false);
  } catch (const toml::parse_error& error) {
    throw UsageError(fmt::format("{}:{}:{}: {}", file, error.source().begin.line,
                                 error.source().begin.column, error.description()));
  }
}

}  // namespace twostep::migrations
