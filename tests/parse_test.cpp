#include <catch2/catch.hpp>

#include "analyzer/check/suppress.hpp"
#include "analyzer/migrations/layouts.hpp"
#include "analyzer/sql/parse.hpp"

using namespace twostep;
using twostep::sql::parse_file;

namespace {
std::string at(const std::string& text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}
}  // namespace

TEST_CASE("a file that parses whole gives one statement per RawStmt, starting at its first token",
          "[unit]") {
  std::string text = "-- leading comment\n\n  /* block */ CREATE TABLE a (id int);\nDROP TABLE a;";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 2);
  CHECK(at(text, parsed.statements[0].span) == "CREATE TABLE a (id int)");
  CHECK(at(text, parsed.statements[1].span) == "DROP TABLE a");
  CHECK(parsed.statements[0].kind == "CreateStmt");
  CHECK_FALSE(parsed.statements[1].error);
}

TEST_CASE("one bad statement does not hide the others", "[unit]") {
  std::string text =
      "ALTER TABLE a DROP COLUMN b;\nALTER TABLE a ADD COLUMN c int NOT NUL;\n"
      "ALTER TABLE a DROP COLUMN d;";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 3);
  CHECK_FALSE(parsed.statements[0].error);
  REQUIRE(parsed.statements[1].error);
  CHECK(text.substr(parsed.statements[1].error->offset, 3) == "NUL");
  CHECK_FALSE(parsed.statements[2].error);
  REQUIRE(parsed.statements[2].changes.size() == 1);
  const auto* drop = std::get_if<DropColumn>(&parsed.statements[2].changes[0]);
  REQUIRE(drop != nullptr);
  CHECK(drop->column == "d");
  // Node locations of a statement parsed on its own are offset back into the file.
  CHECK(at(text, drop->span) == "DROP COLUMN d");
}

TEST_CASE("a fragment without a keyword is a parse error, not dropped", "[unit]") {
  std::string text = "SELECT 1; foo bar; SELECT 3";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 3);
  REQUIRE(parsed.statements[1].error);
  CHECK(parsed.statements[1].error->offset == text.find("foo"));
  CHECK(at(text, parsed.statements[1].span) == "foo bar");
}

TEST_CASE("an unterminated dollar quote is a parse error at the quote; earlier statements stay",
          "[unit]") {
  std::string text =
      "ALTER TABLE a DROP COLUMN b;\nCREATE FUNCTION f() RETURNS int AS $$\nSELECT 1;\n";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 2);
  CHECK(parsed.statements[0].kind == "AlterTableStmt");
  REQUIRE(parsed.statements[1].error);
  CHECK(parsed.statements[1].error->offset == text.find("$$"));
  CHECK(parsed.statements[1].error->message.find("unterminated dollar-quoted string") == 0);
  CHECK(parsed.statements[1].error->message.find('\n') == std::string::npos);
}

TEST_CASE("an unterminated quote in the first statement is still reported", "[unit]") {
  std::string text = "SELECT 'abc";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 1);
  REQUIRE(parsed.statements[0].error);
  CHECK(parsed.statements[0].error->offset == 7);
}

TEST_CASE("error positions count characters, not bytes", "[unit]") {
  std::string text = "SELECT 'é'; SELEC 1";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.statements.size() == 2);
  REQUIRE(parsed.statements[1].error);
  CHECK(parsed.statements[1].error->offset == text.find("SELEC 1"));
}

TEST_CASE("syntax newer than PostgreSQL 15 says what the parser knows", "[unit]") {
  // A subquery in FROM without an alias is PostgreSQL 16 syntax.
  sql::ParsedFile parsed = parse_file("SELECT * FROM (SELECT 1);");
  REQUIRE(parsed.statements.size() == 1);
  REQUIRE(parsed.statements[0].error);
  CHECK(parsed.statements[0].error->message.find("PostgreSQL 15") != std::string::npos);
}

TEST_CASE("ignore directives attach to the statement before or after them", "[unit]") {
  std::string text =
      "-- twostep:ignore-file parse-error -- generated file\n"
      "-- twostep:ignore drop-column-in-use -- unused since 2.0\n"
      "ALTER TABLE a DROP COLUMN b;\n"
      "ALTER TABLE a DROP COLUMN c; -- twostep:ignore ban-drop-column, set-not-null -- same\n"
      "ALTER TABLE a DROP COLUMN d; /* twostep:ignore drop-column-in-use */\n";
  sql::ParsedFile parsed = parse_file(text);
  REQUIRE(parsed.directives.size() == 4);
  CHECK(parsed.directives[0].whole_file);
  CHECK(check::read_rules(parsed.directives[0]).rules == std::vector<std::string>{"parse-error"});
  CHECK(check::read_rules(parsed.directives[0]).reason == "generated file");
  CHECK(check::read_rules(parsed.directives[2]).rules ==
        std::vector<std::string>{"ban-drop-column", "set-not-null"});
  CHECK(check::read_rules(parsed.directives[3]).reason.empty());
  REQUIRE(parsed.statements.size() == 3);
  CHECK(parsed.statements[0].directives == std::vector<std::size_t>{1});
  CHECK(parsed.statements[1].directives == std::vector<std::size_t>{2});
  CHECK(parsed.statements[2].directives == std::vector<std::size_t>{3});
}

TEST_CASE("statement text folds whitespace for comparisons across edits", "[unit]") {
  std::string a = "CREATE TABLE a (\n  id int\n);";
  std::string b = "CREATE   TABLE a ( id int );  -- comment";
  CHECK(sql::statement_text(a, parse_file(a).statements[0]) ==
        sql::statement_text(b, parse_file(b).statements[0]));
}

TEST_CASE("bytes that are not text are parse errors, never cut off silently", "[unit]") {
  std::string with_nul("ALTER TABLE a DROP COLUMN b;\n\0garbage", 37);
  sql::ParsedFile parsed = parse_file(with_nul);
  REQUIRE(parsed.statements.size() == 2);
  REQUIRE(parsed.statements[1].error);
  CHECK(parsed.statements[1].error->offset == 29);

  std::string invalid =
      "ALTER TABLE a DROP COLUMN b;\nSELECT '\xff';\nALTER TABLE a DROP COLUMN c;";
  parsed = parse_file(invalid);
  REQUIRE(parsed.statements.size() == 3);
  REQUIRE(parsed.statements[1].error);
  CHECK(parsed.statements[1].error->message.find("UTF-8") != std::string::npos);
  CHECK(parsed.statements[2].kind == "AlterTableStmt");

  std::string bom =
      "\xEF\xBB\xBF"
      "ALTER TABLE a DROP COLUMN b;";
  parsed = parse_file(bom);
  REQUIRE(parsed.statements.size() == 1);
  CHECK_FALSE(parsed.statements[0].error);
  CHECK(parsed.statements[0].span.begin == 3);
}

TEST_CASE("down sections inside a migration file are never read", "[unit]") {
  std::string goose =
      "-- +goose Up\nALTER TABLE a ADD COLUMN b int;\n-- +goose Down\nALTER TABLE a DROP COLUMN "
      "b;\n";
  std::string up = goose;
  CHECK(twostep::migrations::keep_section(up, "+goose up", "+goose down"));
  CHECK(up.size() == goose.size());
  CHECK(up.find("DROP") == std::string::npos);
  CHECK(up.find("ADD COLUMN b") == goose.find("ADD COLUMN b"));
  std::string dbmate =
      "-- migrate:up\nSELECT 1;\n-- migrate:down\nDROP TABLE a;\n-- migrate:up\nSELECT 2;\n";
  up = dbmate;
  CHECK(twostep::migrations::keep_section(up, "migrate:up", "migrate:down"));
  CHECK(up.find("DROP") == std::string::npos);
  CHECK(up.find("SELECT 2") != std::string::npos);
  std::string plain = "ALTER TABLE a DROP COLUMN b; -- no markers";
  CHECK_FALSE(twostep::migrations::keep_section(plain, "+goose up", "+goose down"));
}

namespace {

check::DirectiveRules rules_of(const std::string& comment) {
  sql::ParsedFile parsed = parse_file(comment + "\nSELECT 1;\n");
  REQUIRE(parsed.directives.size() == 1);
  return check::read_rules(parsed.directives[0]);
}

}  // namespace

TEST_CASE("an ignore comment names its rules, then gives its reason", "[unit]") {
  using Rules = std::vector<std::string>;
  // `rule-id: reason` and `rule-id reason`: one rule, and the rest is the reason.
  CHECK(rules_of("-- twostep:ignore drop-column-in-use: read by the admin tool only").rules ==
        Rules{"drop-column-in-use"});
  CHECK(rules_of("-- twostep:ignore drop-column-in-use: read by the admin tool only").reason ==
        "read by the admin tool only");
  check::DirectiveRules words = rules_of("-- twostep:ignore drop-column-in-use retired in 4.2");
  CHECK(words.rules == Rules{"drop-column-in-use"});
  CHECK(words.reason == "retired in 4.2");
  // Commas join ids, with or without spaces; `--` opens the reason.
  check::DirectiveRules listed =
      rules_of("-- twostep:ignore drop-column-in-use , set-not-null,parse-error -- reviewed");
  CHECK(listed.rules == Rules{"drop-column-in-use", "set-not-null", "parse-error"});
  CHECK(listed.reason == "reviewed");
  // Spaces join ids where the next word is a rule id, as the older form wrote them.
  CHECK(rules_of("-- twostep:ignore drop-column-in-use set-not-null -- same").rules ==
        Rules{"drop-column-in-use", "set-not-null"});
  // An unknown id in a comma list stays an id, so that it is reported.
  CHECK(rules_of("-- twostep:ignore drop-colum-in-use, set-not-null -- x").rules ==
        Rules{"drop-colum-in-use", "set-not-null"});
  CHECK(rules_of("/* twostep:ignore-file parse-error: generated */").reason == "generated");
  CHECK(rules_of("-- twostep:ignore").rules.empty());
  CHECK(rules_of("-- twostep:ignore -- why").rules.empty());
  CHECK(rules_of("-- twostep:ignore drop-column-in-use").reason.empty());
}

TEST_CASE("squawk's ignore comments are read as squawk reads them", "[unit]") {
  sql::ParsedFile parsed = parse_file(
      "-- squawk-ignore ban-drop-column, renaming-column\n"
      "ALTER TABLE a DROP COLUMN b;\n"
      "/* squawk-ignore-file prefer-robust-stmts -- generated */\n"
      "-- note: squawk-ignore ban-drop-table is not at the comment's start\n"
      "-- squawk-ignored words\n");
  REQUIRE(parsed.directives.size() == 2);
  CHECK(parsed.directives[0].squawk);
  CHECK_FALSE(parsed.directives[0].whole_file);
  CHECK(check::read_rules(parsed.directives[0]).rules ==
        std::vector<std::string>{"ban-drop-column", "renaming-column"});
  CHECK(parsed.directives[1].whole_file);
  CHECK(check::read_rules(parsed.directives[1]).rules ==
        std::vector<std::string>{"prefer-robust-stmts"});
  CHECK(check::read_rules(parsed.directives[1]).reason == "generated");
}
