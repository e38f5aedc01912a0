// Every rule is complete: a kebab-case id, a documented doc, fixtures that fire and stay clean,
// and its place in the generated docs/rules.md.
#include <catch2/catch.hpp>

#include <set>

#include "expectations.hpp"
#include "rules/registry.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep;

namespace {

// The text of every fixture case of a rule: a file, or every .sql file of a folder case.
std::vector<std::string> fixture_cases(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      out.push_back(testing::read_file(entry.path()));
    } else if (entry.is_directory()) {
      std::string all;
      for (const auto& inner : fs::recursive_directory_iterator(entry.path())) {
        std::string extension = inner.path().extension().string();
        if (inner.is_regular_file() && (extension == ".sql" || extension == ".go")) {
          all += testing::read_file(inner.path());
        }
      }
      out.push_back(all);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("rule ids and aliases are unique and kebab-case", "[catalogue]") {
  std::set<std::string_view> names;
  for (const rules::RuleEntry& entry : rules::all()) {
    INFO(entry.info->id);
    CHECK(testing::is_kebab_case(std::string(entry.info->id)));
    CHECK(names.insert(entry.info->id).second);
    for (std::string_view alias : entry.info->aliases) CHECK(names.insert(alias).second);
    CHECK(rules::find(entry.info->id) == &entry);
  }
  CHECK(rules::find("ban-drop-column")->info->id == "drop-column-in-use");
  CHECK(rules::find("renaming-column")->info->id == "rename-column-in-use");
  CHECK(rules::find("renaming-table")->info->id == "rename-table-in-use");
  CHECK(rules::find("ban-drop-table")->info->id == "drop-table-in-use");
  CHECK(rules::find("changing-column-type")->info->id == "change-column-type");
  CHECK(rules::find("adding-required-field")->info->id == "add-required-column");
  CHECK(rules::find("adding-not-nullable-field")->info->id == "set-not-null");
}

TEST_CASE("every rule documents itself in the fixed sections", "[catalogue]") {
  for (const rules::RuleEntry& entry : rules::all()) {
    INFO(entry.info->id);
    CHECK_FALSE(entry.info->summary.empty());
    CHECK(entry.info->summary.back() == '.');
    std::string_view doc = entry.info->doc;
    std::size_t last = 0;
    for (const char* section : {"## What it flags", "## What breaks", "## Safe sequence",
                                "## Example", "## Use instead", "## Options"}) {
      std::size_t at = doc.find(section);
      CHECK(at != std::string_view::npos);
      CHECK(at >= last);  // in this order
      if (at != std::string_view::npos) last = at;
    }
  }
}

TEST_CASE("every rule has fixtures that fire and fixtures that stay clean", "[catalogue]") {
  fs::path root = fs::path(TWOSTEP_SOURCE_DIR) / "fixtures" / "rules";
  for (const rules::RuleEntry& entry : rules::all()) {
    std::string id(entry.info->id);
    INFO(id);
    REQUIRE(fs::is_directory(root / id));
    bool firing = false;
    bool clean = false;
    for (const std::string& text : fixture_cases(root / id)) {
      bool fires = false;
      std::size_t start = 0;
      while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        for (const auto& comment : testing::expect_comments(text.substr(start, end - start))) {
          if (comment.rule == id) fires = true;
        }
        start = end + 1;
      }
      if (fires) {
        firing = true;
      } else {
        clean = true;
      }
    }
    CHECK(firing);
    CHECK(clean);
  }
  for (const auto& folder : fs::directory_iterator(root)) {
    INFO(folder.path().filename().string());
    CHECK(rules::find(folder.path().filename().string()) != nullptr);  // no folder for a lost rule
  }
}

TEST_CASE("docs/rules.md is generated from the rules and up to date", "[catalogue]") {
  testing::Result generated =
      testing::run_twostep({"rules", "--format", "markdown"}, TWOSTEP_SOURCE_DIR);
  REQUIRE(generated.exit_code == 0);
  std::string committed = testing::read_file(fs::path(TWOSTEP_SOURCE_DIR) / "docs" / "rules.md");
  INFO("regenerate with: build/release/twostep rules --format markdown > docs/rules.md");
  CHECK(committed == generated.out);
}

TEST_CASE("explain prints a rule's documentation, by id or alias", "[catalogue]") {
  testing::Result by_alias =
      testing::run_twostep({"explain", "ban-drop-column"}, TWOSTEP_SOURCE_DIR);
  CHECK(by_alias.exit_code == 0);
  CHECK(by_alias.out.rfind("# drop-column-in-use\n", 0) == 0);
  CHECK(by_alias.out.find("## Safe sequence") != std::string::npos);
  testing::Result unknown = testing::run_twostep({"explain", "nope"}, TWOSTEP_SOURCE_DIR);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "twostep: error: unknown rule `nope` (`twostep rules` lists the ids)\n");
  testing::Result typo = testing::run_twostep({"explain", "renaming-colum"}, TWOSTEP_SOURCE_DIR);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err ==
        "twostep: error: unknown rule `renaming-colum`; did you mean `renaming-column`? "
        "(`twostep rules` lists the ids)\n");
  testing::Result version = testing::run_twostep({"--version"}, TWOSTEP_SOURCE_DIR);
  CHECK(version.out.rfind("twostep ", 0) == 0);
}

TEST_CASE("the set-ups in the docs are the files the tests run", "[catalogue]") {
  // `<!-- file: PATH -->` before a fenced block: the block is that file of the repository, whole.
  const std::filesystem::path root = TWOSTEP_SOURCE_DIR;
  std::size_t shown = 0;
  for (const char* page : {"docs/integrations.md", "README.md"}) {
    std::string text = twostep::testing::read_file(root / page);
    const std::string marker = "<!-- file: ";
    for (std::size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + 1)) {
      std::size_t path_end = text.find(" -->", at);
      REQUIRE(path_end != std::string::npos);
      std::string path = text.substr(at + marker.size(), path_end - at - marker.size());
      std::size_t fence = text.find("\n```", path_end);
      REQUIRE(fence != std::string::npos);
      std::size_t body = text.find('\n', fence + 1) + 1;
      std::size_t close = text.find("\n```\n", body - 1);
      REQUIRE(close != std::string::npos);
      INFO(page << " shows " << path);
      CHECK(text.substr(body, close + 1 - body) == twostep::testing::read_file(root / path));
      ++shown;
    }
  }
  CHECK(shown >= 9);
}
