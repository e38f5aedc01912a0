#include "analyzer/migrations/plain_layout.hpp"

#include <algorithm>
#include <limits>
#include <system_error>

#include "twostep/error.hpp"

namespace twostep {

bool migration_before(const MigrationFile& a, const MigrationFile& b) {
  if (a.version != b.version) return a.version < b.version;
  return a.id < b.id;
}

namespace migrations {
std::vector<std::uint64_t> version_of(std::string_view name) {
  std::vector<std::uint64_t> parts;
  std::uint64_t current = 0;
  bool in_number = false;
  for (char c : name) {
    if (c >= '0' && c <= '9') {
      std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
      constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
      current = current > (kMax - digit) / 10 ? kMax : current * 10 + digit;
      in_number = true;
    } else if (c == '_' || c == '-' || c == '.') {
      if (in_number) parts.push_back(current);
      current = 0;
      in_number = false;
    } else {
      break;
    }
  }
  if (in_number) parts.push_back(current);
  return parts;
}

std::vector<MigrationFile> plain_layout(const std::vector<std::string>& paths) {
  std::vector<MigrationFile> out;
  for (const std::string& path : paths) {
    std::string_view name(path);
    if (!name.ends_with(".sql") || name.ends_with("down.sql")) continue;
    std::size_t slash = path.find('/');
    MigrationFile file;
    file.path = path;
    if (slash == std::string::npos) {
      file.id = path.substr(0, path.size() - 4);
    } else {
      std::string_view leaf = std::string_view(path).substr(slash + 1);
      if (leaf != "up.sql" && leaf != "migration.sql") continue;
      file.id = path.substr(0, slash);
    }
    if (file.id.empty() || file.id[0] == '.') continue;
    file.version = version_of(file.id);
    out.push_back(std::move(file));
  }
  std::sort(out.begin(), out.end(), migration_before);
  return out;
}

std::string up_part(std::string text) {
  auto marker = [](std::string_view line) {
    std::size_t first = line.find_first_not_of(" \t");
    line = first == std::string_view::npos ? std::string_view() : line.substr(first);
    if (!line.starts_with("--")) return 0;
    line.remove_prefix(2);
    line = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
    if (line.starts_with("+goose Down") || line.starts_with("migrate:down")) return -1;
    if (line.starts_with("+goose Up") || line.starts_with("migrate:up")) return 1;
    return 0;
  };
  bool down = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    int kind = marker(std::string_view(text).substr(start, end - start));
    if (kind != 0) down = kind < 0;
    if (down) {
      for (std::size_t i = start; i < end; ++i) text[i] = ' ';
    }
    start = end + 1;
  }
  return text;
}

std::vector<std::string> list_folder(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw IoError(folder.generic_string() + ": not a folder");
  }
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (entry.is_regular_file(error)) {
      out.push_back(name);
    } else if (entry.is_directory(error)) {
      for (const auto& inner : std::filesystem::directory_iterator(entry.path(), error)) {
        if (inner.is_regular_file(error)) {
          out.push_back(name + "/" + inner.path().filename().string());
        }
      }
    }
  }
  if (error) throw IoError(folder.generic_string() + ": " + error.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migrations
}  // namespace twostep
