// Real SQL from ../shared/corpus (PROVENANCE.md there): every statement is lowered, known to change
// nothing, reported as unsupported or reported as a parse error; nothing is dropped silently.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include "analyzer/sql/parse.hpp"
#include "analyzer/sql/scanner.hpp"

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep;

namespace {

struct Counts {
  std::size_t files = 0;
  std::size_t statements = 0;
  std::size_t lowered = 0;
  std::size_t no_ops = 0;
  std::size_t unsupported = 0;
  std::size_t parse_errors = 0;
  std::set<std::string> files_with_errors;
  std::map<std::string, std::size_t> unsupported_kinds;
};

bool is_no_op(const Change& change) {
  return std::holds_alternative<NoSchemaChange>(change) ||
         std::holds_alternative<Transaction>(change) ||
         std::holds_alternative<SetSearchPath>(change);
}

// Every token that is not a comment or a `;` lies inside a statement.
void check_coverage(const std::string& path, const std::string& text,
                    const sql::ParsedFile& parsed) {
  sql::ScanResult scanned = sql::scan(text);
  if (scanned.error) return;  // the unterminated-literal path reports the rest of the file
  for (const sql::Token& token : scanned.tokens) {
    if (token.kind == sql::TokenKind::Comment || token.kind == sql::TokenKind::Semicolon) continue;
    bool covered = std::any_of(parsed.statements.begin(), parsed.statements.end(),
                               [&](const sql::Statement& s) {
                                 return s.span.begin <= token.begin && token.end <= s.span.end;
                               });
    if (!covered) {
      FAIL_CHECK(path << ": token at byte " << token.begin << " belongs to no statement: "
                      << text.substr(token.begin, token.end - token.begin));
      return;
    }
  }
}

Counts tally(const std::vector<fs::path>& files) {
  Counts counts;
  for (const fs::path& file : files) {
    std::string text = testing::read_file(file);
    sql::ParsedFile parsed = sql::parse_file(text);
    ++counts.files;
    check_coverage(file.string(), text, parsed);
    for (const sql::Statement& statement : parsed.statements) {
      ++counts.statements;
      if (statement.error) {
        ++counts.parse_errors;
        counts.files_with_errors.insert(file.string());
        continue;
      }
      REQUIRE_FALSE(statement.changes.empty());  // a parsed statement always lowers to something
      auto unsupported =
          std::find_if(statement.changes.begin(), statement.changes.end(),
                       [](const Change& c) { return std::holds_alternative<Unsupported>(c); });
      if (unsupported != statement.changes.end()) {
        ++counts.unsupported;
        ++counts.unsupported_kinds[std::get<Unsupported>(*unsupported).what];
      } else if (std::all_of(statement.changes.begin(), statement.changes.end(), is_no_op)) {
        ++counts.no_ops;
      } else {
        ++counts.lowered;
      }
    }
  }
  CHECK(counts.statements ==
        counts.lowered + counts.no_ops + counts.unsupported + counts.parse_errors);
  return counts;
}

void print(const std::string& name, const Counts& counts) {
  std::cout << name << ": " << counts.files << " files, " << counts.statements
            << " statements: " << counts.lowered << " lowered, " << counts.no_ops
            << " known no-ops, " << counts.unsupported << " unsupported-statement, "
            << counts.parse_errors << " parse-error\n";
  for (const auto& [kind, count] : counts.unsupported_kinds) {
    std::cout << "  unsupported " << kind << ": " << count << "\n";
  }
  if (counts.files_with_errors.size() <= 10) {
    for (const std::string& file : counts.files_with_errors)
      std::cout << "  parse-error in " << file << "\n";
  } else {
    std::cout << "  parse errors in " << counts.files_with_errors.size() << " files\n";
  }
}

std::vector<fs::path> up_files(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    bool up = name == "up.sql" || (name.size() > 7 && name.substr(name.size() - 7) == ".up.sql");
    if (entry.is_regular_file() && up) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const fs::path kCorpus = fs::path(TWOSTEP_SHARED_DIR) / "corpus";

}  // namespace

TEST_CASE("every statement of the real migration sets is accounted for", "[corpus]") {
  REQUIRE(fs::is_directory(kCorpus / "migrations"));  // CI has ../shared beside the checkout

  std::vector<fs::path> lemmy = up_files(kCorpus / "migrations" / "lemmy");
  REQUIRE(lemmy.size() == 342);
  Counts lemmy_counts = tally(lemmy);
  print("lemmy (Diesel)", lemmy_counts);
  // 341 of the 342 files parse with the PostgreSQL 15 parser; one uses PostgreSQL 16 syntax.
  CHECK(lemmy_counts.files_with_errors.size() == 1);

  std::vector<fs::path> harbor = up_files(kCorpus / "migrations" / "harbor");
  REQUIRE(harbor.size() == 39);
  Counts harbor_counts = tally(harbor);
  print("harbor (golang-migrate)", harbor_counts);
  CHECK(harbor_counts.parse_errors == 0);
  // PROVENANCE.md's "about 785 statements" counts semicolons, function bodies included; the
  // scanner's splitter finds 407 statements, and so must twostep.
  CHECK(harbor_counts.statements == 407);
}

TEST_CASE("PostgreSQL's regression scripts parse without a crash and lose no statement",
          "[corpus]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kCorpus / "regress")) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 213);
  Counts counts = tally(files);
  print("postgres regress", counts);
  CHECK(counts.lowered > 1000);
}

namespace {

// `twostep check --each` over a real migration set, its layout auto-detected.
nlohmann::json check_each(const fs::path& folder) {
  testing::TempDir temp;
  testing::Result result = testing::run_twostep(
      {"check", "--each", "--migrations", folder.string(), "--format", "json"}, temp.path());
  INFO(result.err);
  REQUIRE((result.exit_code == 0 || result.exit_code == 1));
  return nlohmann::json::parse(result.out);
}

void print_rules(const std::string& name, const nlohmann::json& report) {
  std::map<std::string, std::size_t> counts;
  for (const auto& diagnostic : report["diagnostics"])
    ++counts[diagnostic["rule"].get<std::string>()];
  std::cout << name << " --each (" << report["layout"].get<std::string>()
            << "): " << report["summary"]["files"] << " migrations, "
            << report["summary"]["statements"] << " statements\n";
  for (const auto& [rule, count] : counts) std::cout << "  " << rule << ": " << count << "\n";
}

}  // namespace

TEST_CASE("check --each runs over the real migration sets", "[corpus]") {
  nlohmann::json lemmy = check_each(kCorpus / "migrations" / "lemmy" / "migrations");
  print_rules("lemmy", lemmy);
  CHECK(lemmy["layout"] == "diesel");
  CHECK(lemmy["summary"]["files"] == 342);
  for (const auto& diagnostic : lemmy["diagnostics"]) {
    if (diagnostic["rule"] != "parse-error") continue;
    // Only the one file PostgreSQL 15 rejects (PostgreSQL 16's alias-less subquery).
    CHECK(diagnostic["file"].get<std::string>().find("2025-08-01-000016_smoosh-tables-together") !=
          std::string::npos);
  }

  nlohmann::json harbor =
      check_each(kCorpus / "migrations" / "harbor" / "make" / "migrations" / "postgresql");
  print_rules("harbor", harbor);
  CHECK(harbor["layout"] == "golang-migrate");
  CHECK(harbor["summary"]["files"] == 39);
  for (const auto& diagnostic : harbor["diagnostics"]) CHECK(diagnostic["rule"] != "parse-error");
}
