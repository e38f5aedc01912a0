#include "analyzer/refs/source_filter.hpp"

#include <algorithm>
#include <array>

namespace twostep::refs {
namespace {

// `path` is `folder` or below it.
bool is_under(std::string_view path, std::string_view folder) {
  if (folder.empty() || folder == ".") return true;
  return path == folder ||
         (path.starts_with(folder) && path.size() > folder.size() && path[folder.size()] == '/');
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    std::size_t slash = path.find('/', begin);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(begin, slash - begin));
    begin = slash + 1;
  }
  return out;
}

// Folders whose content is not the deployed app's own code.
bool is_excluded_folder(std::string_view name) {
  static constexpr std::array<std::string_view, 14> folders = {
      "vendor", "node_modules", "third_party", "third-party",   "bower_components",
      "Pods",   ".venv",        "venv",        "site-packages", "__pycache__",
      "docs",   "doc",          ".git",        ".github"};
  return std::find(folders.begin(), folders.end(), name) != folders.end();
}

// A migration of another framework or engine inside the tree (`db/migrate/20240101_x.rb`,
// `app/migrations/0001_initial.py`, `sql/migrations/V2__x.sql`): it changes the schema, it does
// not use it.
bool is_migration_file(const std::vector<std::string_view>& parts) {
  static constexpr std::array<std::string_view, 4> folders = {"migrations", "migrate", "migration",
                                                              "db_migrations"};
  std::string_view name = parts.back();
  bool numbered = !name.empty() && ((name[0] >= '0' && name[0] <= '9') ||
                                    ((name[0] == 'V' || name[0] == 'R') && name.size() > 1 &&
                                     ((name[1] >= '0' && name[1] <= '9') || name[1] == '_')));
  if (!numbered) return false;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (std::find(folders.begin(), folders.end(), parts[i]) != folders.end()) return true;
  }
  return false;
}

bool is_test_folder(std::string_view name) {
  static constexpr std::array<std::string_view, 12> folders = {
      "test",     "tests",     "spec", "specs",   "__tests__", "__mocks__",
      "testdata", "test_data", "e2e",  "cypress", "fixtures",  "testing"};
  // .NET test projects: `Shop.Tests/`, `Shop.UnitTests/`.
  return std::find(folders.begin(), folders.end(), name) != folders.end() ||
         name.ends_with(".Tests") || name.ends_with(".UnitTests") || name.ends_with(".Test");
}

// Test file names by the language's own convention. Where a language keeps its tests in test
// folders instead (Java and Kotlin under src/test, Ruby under test/ and spec/, C# in *.Tests
// projects), a name alone does not make a test: `VariantTest.java` or `lab_test.rb` in the app
// are app code.
bool is_test_file(std::string_view name) {
  std::size_t dot = name.find('.');
  std::string_view stem = name.substr(0, dot);
  std::string_view extension = name.substr(name.rfind('.') + 1);
  std::string_view inner = dot == std::string_view::npos ? std::string_view() : name.substr(dot);
  if (extension == "go") return stem.ends_with("_test");
  if (extension == "py")
    return stem.starts_with("test_") || stem.ends_with("_test") || name == "conftest.py";
  if (extension == "exs" || extension == "dart") return stem.ends_with("_test");
  if (extension == "rb") return stem.ends_with("_spec");
  static constexpr std::array<std::string_view, 8> scripts = {"js",  "jsx", "ts",  "tsx",
                                                              "mjs", "cjs", "mts", "cts"};
  if (std::find(scripts.begin(), scripts.end(), extension) != scripts.end()) {
    return inner.starts_with(".test.") || inner.starts_with(".spec.");
  }
  return false;
}

bool glob_segment(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with backtracking on the last `*`.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool glob_segments(const std::vector<std::string_view>& pattern, std::size_t p,
                   const std::vector<std::string_view>& path, std::size_t s) {
  if (p == pattern.size()) return true;  // a matched folder covers what is under it
  if (pattern[p] == "**") {
    for (std::size_t k = s; k <= path.size(); ++k) {
      if (glob_segments(pattern, p + 1, path, k)) return true;
    }
    return false;
  }
  if (s == path.size()) return false;
  return glob_segment(pattern[p], path[s]) && glob_segments(pattern, p + 1, path, s + 1);
}

}  // namespace

const std::vector<std::string_view>& code_extensions() {
  static const std::vector<std::string_view> extensions = {
      "go",    "rb",  "py",     "js",    "jsx",  "ts",     "tsx",    "mjs",  "cjs",
      "mts",   "cts", "java",   "kt",    "kts",  "scala",  "groovy", "cs",   "fs",
      "vb",    "php", "rs",     "ex",    "exs",  "erl",    "hrl",    "clj",  "cljs",
      "swift", "m",   "mm",     "c",     "h",    "cc",     "cpp",    "cxx",  "hpp",
      "hh",    "lua", "pl",     "pm",    "r",    "dart",   "cr",     "nim",  "zig",
      "jl",    "hs",  "ml",     "elm",   "vue",  "svelte", "erb",    "haml", "slim",
      "rake",  "jsp", "cshtml", "razor", "twig", "hbs",    "ejs",    "sh"};
  return extensions;
}

bool glob_matches(std::string_view pattern, std::string_view path) {
  while (pattern.starts_with("./")) pattern.remove_prefix(2);
  while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.empty()) return false;
  std::vector<std::string_view> pattern_segments = segments(pattern);
  std::vector<std::string_view> path_segments = segments(path);
  // A pattern without a slash matches a file or folder name at any depth, as in .gitignore.
  if (pattern.find('/') == std::string_view::npos) {
    for (std::size_t s = 0; s < path_segments.size(); ++s) {
      if (glob_segment(pattern, path_segments[s])) return true;
    }
    return false;
  }
  return glob_segments(pattern_segments, 0, path_segments, 0);
}

SourceKind classify(std::string_view path, const SourceFilter& filter) {
  if (std::any_of(filter.migration_paths.begin(), filter.migration_paths.end(),
                  [&](const std::string& folder) { return is_under(path, folder); })) {
    return SourceKind::NotSource;
  }
  if (!filter.app_paths.empty() &&
      std::none_of(filter.app_paths.begin(), filter.app_paths.end(),
                   [&](const std::string& folder) { return is_under(path, folder); })) {
    return SourceKind::NotSource;
  }
  std::vector<std::string_view> parts = segments(path);
  std::string_view name = parts.back();
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (is_excluded_folder(parts[i])) return SourceKind::NotSource;
    if (!filter.include_tests && is_test_folder(parts[i])) return SourceKind::NotSource;
  }
  if (is_migration_file(parts)) return SourceKind::NotSource;
  for (const std::string& pattern : filter.exclude_paths) {
    if (glob_matches(pattern, path)) return SourceKind::NotSource;
  }
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return SourceKind::NotSource;
  std::string_view extension = name.substr(dot + 1);
  if (extension == "sql") return SourceKind::SqlQueries;
  if (extension == "prisma") return SourceKind::PrismaSchema;
  const auto& extensions = code_extensions();
  if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) {
    return SourceKind::NotSource;
  }
  if (!filter.include_tests && is_test_file(name)) return SourceKind::NotSource;
  return SourceKind::Code;
}

}  // namespace twostep::refs
