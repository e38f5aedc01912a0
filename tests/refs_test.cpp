#include <catch2/catch.hpp>

#include "analyzer/refs/code/textual.hpp"
#include "analyzer/refs/source_filter.hpp"
#include "support.hpp"

using namespace twostep;
using namespace twostep::refs;

TEST_CASE("the deployed app is its source code: not docs, data, vendored code, migrations or tests",
          "[refs]") {
  SourceFilter filter;
  filter.migration_paths = {"db/migrations"};
  CHECK(classify("internal/store/users.go", filter) == SourceKind::Code);
  CHECK(classify("app/models/user.rb", filter) == SourceKind::Code);
  CHECK(classify("web/src/App.tsx", filter) == SourceKind::Code);
  CHECK(classify("queries/users.sql", filter) == SourceKind::SqlQueries);
  CHECK(classify("db/migrations/0001_users.sql", filter) == SourceKind::NotSource);
  CHECK(classify("README.md", filter) == SourceKind::NotSource);
  CHECK(classify("docs/guide/users.py", filter) == SourceKind::NotSource);
  CHECK(classify("data/users.csv", filter) == SourceKind::NotSource);
  CHECK(classify("vendor/github.com/x/y.go", filter) == SourceKind::NotSource);
  CHECK(classify("web/node_modules/pg/index.js", filter) == SourceKind::NotSource);
  CHECK(classify("internal/store/users_test.go", filter) == SourceKind::NotSource);
  CHECK(classify("spec/models/user_spec.rb", filter) == SourceKind::NotSource);
  CHECK(classify("src/test/java/UserTest.java", filter) == SourceKind::NotSource);
  CHECK(classify("web/src/App.test.tsx", filter) == SourceKind::NotSource);
  CHECK(classify("tests/test_users.py", filter) == SourceKind::NotSource);
  filter.include_tests = true;
  CHECK(classify("internal/store/users_test.go", filter) == SourceKind::Code);
  CHECK(classify("tests/test_users.py", filter) == SourceKind::Code);
}

TEST_CASE("app-paths and exclude-paths narrow the scan", "[refs]") {
  SourceFilter filter;
  filter.app_paths = {"services/api"};
  filter.exclude_paths = {"**/generated/**", "legacy", "services/api/*.pb.go"};
  CHECK(classify("services/api/users.go", filter) == SourceKind::Code);
  CHECK(classify("services/worker/users.go", filter) == SourceKind::NotSource);
  CHECK(classify("services/api/generated/users.go", filter) == SourceKind::NotSource);
  CHECK(classify("services/api/legacy/users.go", filter) == SourceKind::NotSource);
  CHECK(classify("services/api/users.pb.go", filter) == SourceKind::NotSource);
  CHECK(glob_matches("a/**/c.go", "a/b/b2/c.go"));
  CHECK(glob_matches("a/**/c.go", "a/c.go"));
  CHECK_FALSE(glob_matches("a/*.go", "a/b/c.go"));
}

TEST_CASE("textual references: whole words, both names in one file for a column", "[refs]") {
  TextualReferences references("abc1234def");
  references.add_file("a.go", "package a\nconst q = `SELECT email FROM users`\n", SourceKind::Code);
  references.add_file("b.go", "package b\n// emails are sent elsewhere\nvar email string\n",
                      SourceKind::Code);
  references.add_file("c.rb", "class Account\n  # users_archive\nend\n", SourceKind::Code);
  auto column = references.column({"public", "users"}, "email");
  REQUIRE(column.size() == 1);  // b.go names `email` but not `users`
  CHECK(column[0].file == "a.go");
  CHECK(column[0].line == 2);
  CHECK(column[0].text == "const q = `SELECT email FROM users`");
  CHECK(column[0].commit == "abc1234def");
  CHECK(column[0].strength == Strength::Textual);
  CHECK(references.relation({"public", "users"}).size() == 1);  // `users_archive` is another word
  CHECK(references.relation({"public", "accounts"}).empty());   // `Account` is not `accounts`
}

TEST_CASE("lower-case names match any case; names with capitals match exactly", "[refs]") {
  TextualReferences references("");
  references.add_file("model.ts", "@Table(\"Users\")\nclass User {\n  CreatedAt: Date;\n}\n",
                      SourceKind::Code);
  CHECK(references.column({"public", "users"}, "createdat").size() == 1);
  CHECK(references.relation({"public", "Users"}).size() == 1);
  CHECK(references.relation({"public", "USERS"}).empty());
  CHECK(references.column({"public", "users"}, "CreatedAT").empty());
}

TEST_CASE("a name in a comment is no textual use; the next one in code is", "[refs]") {
  TextualReferences references("");
  references.add_file("users.go",
                      "package store\n// users.legacy is gone\n/* users.nickname */\n"
                      "var table = \"users\"\nvar columns = []string{\"nickname\"}\n",
                      SourceKind::Code);
  CHECK(references.column({"public", "users"}, "legacy").empty());
  std::vector<Evidence> nickname = references.column({"public", "users"}, "nickname");
  REQUIRE(nickname.size() == 1);
  CHECK(nickname[0].line == 5);  // past the comment that names it first
  CHECK(references.relation({"public", "users"})[0].line == 4);
}

TEST_CASE("a .sql file outside the migrations counts through its queries only", "[refs]") {
  TextualReferences references("");
  references.add_file("schema.sql",
                      "CREATE TABLE users (id int, email text);\n"
                      "COMMENT ON COLUMN users.email IS 'x';\n",
                      SourceKind::SqlQueries);
  references.add_file("queries.sql",
                      "-- name: GetUser :one\nCREATE INDEX i ON users (nickname);\n"
                      "SELECT id, email\nFROM users WHERE id = $1;\n",
                      SourceKind::SqlQueries);
  auto email = references.column({"public", "users"}, "email");
  REQUIRE(email.size() == 1);
  CHECK(email[0].file == "queries.sql");
  CHECK(email[0].line == 3);
  CHECK(references.column({"public", "users"}, "nickname").empty());
}

TEST_CASE("enum values are found as quoted strings", "[refs]") {
  TextualReferences references("");
  references.add_file("orders.py", "STATUS = 'pending'\nlabel = \"paid\"\nshipped = 1\n",
                      SourceKind::Code);
  CHECK(references.string_literal("pending").size() == 1);
  CHECK(references.string_literal("paid").at(0).line == 2);
  CHECK(references.string_literal("shipped").empty());
}

TEST_CASE("docs/references.md lists every extension read as code", "[refs]") {
  std::string doc =
      testing::read_file(std::filesystem::path(TWOSTEP_SOURCE_DIR) / "docs" / "references.md");
  for (std::string_view extension : code_extensions()) {
    INFO(extension);
    CHECK(doc.find("`." + std::string(extension) + "`") != std::string::npos);
  }
}
