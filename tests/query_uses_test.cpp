#include <catch2/catch.hpp>

#include "analyzer/schema/replay.hpp"
#include "analyzer/sql/parse.hpp"
#include "analyzer/sql/query_uses.hpp"

using namespace twostep;

namespace {

Schema deployed_schema() {
  Schema schema;
  std::string ddl =
      "CREATE TABLE users (id bigint, email text, name text, team_id bigint);"
      "CREATE TABLE teams (id bigint, title text);"
      "CREATE TABLE orders (id bigint, user_id bigint, total int, created_at timestamptz);"
      "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id bigint, amount int);";
  for (const sql::Statement& statement : sql::parse_file(ddl).statements) {
    for (const Change& change : statement.changes)
      schema::apply(schema, change, schema::Phase::History);
  }
  schema.mark_deployed();
  return schema;
}

// "public.users.email:r" style descriptions, for compact assertions.
std::vector<std::string> describe(const std::string& query) {
  Schema schema = deployed_schema();
  sql::QueryUses result = sql::query_uses(query, schema);
  INFO(result.error);
  REQUIRE(result.parsed);
  std::vector<std::string> out;
  for (const sql::ColumnUse& use : result.uses) {
    std::string text = use.relation.display();
    if (use.column) text += "." + *use.column;
    if (use.all_columns) text += ".*";
    text += use.access == Access::Write ? ":w" : ":r";
    if (use.inserted_columns) {
      text += "(insert";
      for (const std::string& column : *use.inserted_columns) text += " " + column;
      text += ")";
    }
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Uses = std::vector<std::string>;

}  // namespace

TEST_CASE("columns resolve through aliases and joins", "[query]") {
  CHECK(describe("SELECT u.email, t.title FROM users u JOIN teams t ON t.id = u.team_id") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r", "public.users.email:r",
             "public.users.team_id:r", "public.users:r"});
}

TEST_CASE("an unqualified column counts for every relation that has it", "[query]") {
  CHECK(describe("SELECT id, title FROM users, teams") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r", "public.users.id:r",
             "public.users:r"});
}

TEST_CASE("SELECT * and t.* read every column the deployed schema has", "[query]") {
  CHECK(describe("SELECT * FROM teams") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r"});
  CHECK(describe("SELECT t.* FROM teams t JOIN users u ON u.team_id = t.id") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r",
             "public.users.team_id:r", "public.users:r"});
  // A table the migrations do not describe: every column, whatever it has.
  CHECK(describe("SELECT * FROM legacy") == Uses{"public.legacy.*:r", "public.legacy:r"});
}

TEST_CASE("a star that selects no column reads none", "[query]") {
  // COUNT(*) counts rows; EXISTS discards them: neither reads a column (its WHERE still does).
  CHECK(describe("SELECT count(*) FROM teams") == Uses{"public.teams:r"});
  CHECK(describe("SELECT EXISTS (SELECT * FROM teams WHERE title = $1)") ==
        Uses{"public.teams.title:r", "public.teams:r"});
  // A star under the EXISTS, in a subquery of its own, still reads.
  CHECK(describe("SELECT 1 WHERE EXISTS (SELECT (SELECT t.* FROM teams t LIMIT 1))") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r"});
}

TEST_CASE("CTEs, subqueries and USING", "[query]") {
  CHECK(describe("WITH recent AS (SELECT user_id, total FROM orders WHERE created_at > now()) "
                 "SELECT u.email, r.total FROM users u JOIN recent r ON r.user_id = u.id") ==
        Uses{"public.orders.created_at:r", "public.orders.total:r", "public.orders.user_id:r",
             "public.orders:r", "public.users.email:r", "public.users.id:r", "public.users:r"});
  CHECK(describe("SELECT name FROM users WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = "
                 "users.id)") == Uses{"public.orders.user_id:r", "public.orders:r",
                                      "public.users.id:r", "public.users.name:r",
                                      "public.users:r"});
  CHECK(describe("SELECT x.total FROM (SELECT total FROM orders) x") ==
        Uses{"public.orders.total:r", "public.orders:r"});
  CHECK(describe("SELECT 1 FROM users JOIN teams USING (id)") ==
        Uses{"public.teams.id:r", "public.teams:r", "public.users.id:r", "public.users:r"});
}

TEST_CASE("writes: INSERT, UPDATE, DELETE, ON CONFLICT, RETURNING, MERGE", "[query]") {
  CHECK(describe("INSERT INTO users (email, name) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE "
                 "SET name = excluded.name RETURNING id") ==
        Uses{"public.users.email:r", "public.users.email:w", "public.users.id:r",
             "public.users.name:r", "public.users.name:w", "public.users:w(insert email name)"});
  // Without a column list, an INSERT writes every column.
  CHECK(describe("INSERT INTO teams VALUES ($1, $2)") ==
        Uses{"public.teams.id:w", "public.teams.title:w", "public.teams:w(insert id title)"});
  CHECK(describe("UPDATE users u SET name = $1 FROM teams t WHERE t.id = u.team_id") ==
        Uses{"public.teams.id:r", "public.teams:r", "public.users.name:w", "public.users.team_id:r",
             "public.users:w"});
  CHECK(describe("DELETE FROM orders WHERE user_id = $1 RETURNING total") ==
        Uses{"public.orders.total:r", "public.orders.user_id:r", "public.orders:w"});
  CHECK(describe("MERGE INTO teams t USING users u ON t.id = u.team_id WHEN MATCHED THEN UPDATE "
                 "SET title = u.name") == Uses{"public.teams.id:r", "public.teams.title:w",
                                               "public.teams:w", "public.users.name:r",
                                               "public.users.team_id:r", "public.users:r"});
}

TEST_CASE("DEFAULT values and positional INSERTs leave columns to their defaults", "[query]") {
  CHECK(describe("INSERT INTO users (email, name) VALUES ($1, DEFAULT)") ==
        Uses{"public.users.email:w", "public.users:w(insert email)"});
  CHECK(describe("INSERT INTO users DEFAULT VALUES") == Uses{"public.users:w(insert)"});
  CHECK(describe("INSERT INTO users VALUES (DEFAULT, $1)") ==
        Uses{"public.users.email:w", "public.users:w(insert email)"});
  CHECK(describe("MERGE INTO teams t USING users u ON t.id = u.team_id WHEN NOT MATCHED THEN "
                 "INSERT (id) VALUES (u.team_id)") ==
        Uses{"public.teams.id:r", "public.teams.id:w", "public.teams:w(insert id)",
             "public.users.team_id:r", "public.users:r"});
}

TEST_CASE("a whole-row reference reads every column", "[query]") {
  CHECK(describe("SELECT row_to_json(t) FROM teams t") ==
        Uses{"public.teams.id:r", "public.teams.title:r", "public.teams:r"});
}

TEST_CASE("schema-qualified relations", "[query]") {
  CHECK(describe("SELECT amount FROM billing.invoices") ==
        Uses{"billing.invoices.amount:r", "billing.invoices:r"});
  CHECK(describe("SELECT billing.invoices.amount FROM billing.invoices") ==
        Uses{"billing.invoices.amount:r", "billing.invoices:r"});
}

TEST_CASE("what is not one query is said", "[query]") {
  Schema schema = deployed_schema();
  CHECK_FALSE(sql::query_uses("Update your profile", schema).parsed);
  // Prose that happens to parse (`select a color` is `SELECT a AS color`) names no relation.
  CHECK(sql::query_uses("select a color", schema).uses.empty());
  CHECK_FALSE(sql::query_uses("CREATE TABLE x (id int)", schema).parsed);
  // Several statements in one literal: each query counts, the rest is skipped.
  CHECK(sql::query_uses("BEGIN; UPDATE teams SET title = $1; COMMIT", schema).uses.size() == 2);
}
