// The house's layers, read from the `#include` lines: each analyzer folder includes only folders
// below it, rules see only the public model and each other, and the model sees only itself. A new
// analyzer folder needs its place here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "support.hpp"

namespace fs = std::filesystem;

namespace {

// Bottom to top. `rules/` sits above schema: rules depend on the model alone, and the pipeline
// above it runs them.
const std::map<std::string, int> kRank = {
    {"support", 0}, {"lang", 1},    {"sql", 1},        {"model", 2}, {"rails", 2},   {"schema", 3},
    {"rules", 4},   {"git", 5},     {"migrations", 6}, {"refs", 7},  {"pending", 8}, {"config", 9},
    {"check", 10},  {"report", 11}, {"lsp", 12},       {"cli", 13}};

// "analyzer/refs/x.cpp" → "refs", "rules/compat/y.cpp" → "rules", "include/twostep/z.hpp" →
// "twostep".
std::string layer_of(const std::string& path) {
  if (path.rfind("analyzer/", 0) == 0) return path.substr(9, path.find('/', 9) - 9);
  if (path.rfind("rules/", 0) == 0) return "rules";
  return "twostep";
}

}  // namespace

TEST_CASE("includes only look down the layers", "[layers]") {
  const fs::path root = TWOSTEP_SOURCE_DIR;
  std::vector<std::string> upward;
  std::size_t files = 0;
  for (const char* top : {"analyzer", "rules", "include/twostep"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
      ++files;
      std::string path = fs::relative(entry.path(), root).generic_string();
      std::string from = layer_of(path);
      INFO(path);
      if (from != "twostep") REQUIRE(kRank.count(from) == 1);
      std::istringstream lines(twostep::testing::read_file(entry.path()));
      for (std::string line; std::getline(lines, line);) {
        // `#include "…"` (no <regex>: GCC 12's sanitizer builds warn falsely in it).
        const std::string directive = "#include \"";
        if (line.rfind(directive, 0) != 0) continue;
        std::string target =
            line.substr(directive.size(), line.find('"', directive.size()) - directive.size());
        std::string to = target.rfind("twostep/", 0) == 0 ? "twostep" : layer_of(target);
        bool allowed = to == "twostep" || to == from ||
                       (from != "twostep" && from != "rules" && to != "twostep" &&
                        kRank.count(to) == 1 && kRank.at(to) < kRank.at(from));
        if (!allowed) upward.push_back(path + " includes " + target);
      }
    }
  }
  CHECK(files > 100);
  INFO([&] {
    std::string all;
    for (const std::string& edge : upward) all += edge + "\n";
    return all;
  }());
  CHECK(upward.empty());
}

TEST_CASE("no source file holds more than 1,000 lines", "[layers]") {
  const fs::path root = TWOSTEP_SOURCE_DIR;
  std::vector<std::string> long_files;
  for (const char* top : {"analyzer", "rules", "include/twostep", "tests"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
      std::string text = twostep::testing::read_file(entry.path());
      std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
      if (lines > 1000) {
        long_files.push_back(fs::relative(entry.path(), root).generic_string() + ": " +
                             std::to_string(lines));
      }
    }
  }
  INFO([&] {
    std::string all;
    for (const std::string& file : long_files) all += file + "\n";
    return all;
  }());
  CHECK(long_files.empty());
}
