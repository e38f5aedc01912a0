#include <catch2/catch.hpp>

#include "analyzer/schema/replay.hpp"
#include "analyzer/sql/parse.hpp"
#include "rules/support/types.hpp"

using namespace twostep;

namespace {

void replay(Schema& schema, const std::string& sql, schema::Phase phase) {
  for (const sql::Statement& statement : sql::parse_file(sql).statements) {
    REQUIRE_FALSE(statement.error);
    for (const Change& change : statement.changes) {
      schema::assume_named_objects(schema, change);
      schema::apply(schema, change, phase);
    }
  }
}

TypeRef type(const std::string& sql_type) {
  auto parsed = sql::parse_file("ALTER TABLE t ALTER COLUMN c TYPE " + sql_type);
  return std::get<AlterColumnType>(parsed.statements.at(0).changes.at(0)).type;
}

}  // namespace

TEST_CASE("objects keep their identity and deployed name across renames", "[schema]") {
  Schema schema;
  replay(schema, "CREATE TABLE accounts (id bigint, email text);", schema::Phase::History);
  schema.mark_deployed();
  replay(schema,
         "ALTER TABLE accounts RENAME TO customers; ALTER TABLE customers RENAME COLUMN email TO "
         "mail;",
         schema::Phase::Pending);
  const Relation* customers = schema.find_relation({"", "customers"});
  REQUIRE(customers != nullptr);
  CHECK(customers->origin == Origin::Deployed);
  CHECK(customers->deployed_name == QualifiedName{"public", "accounts"});
  REQUIRE(customers->column("mail") != nullptr);
  CHECK(customers->column("mail")->deployed_name == "email");
  CHECK(schema.find_relation({"", "accounts"}) == nullptr);
}

TEST_CASE("what the history does not describe is assumed deployed; pending objects are new",
          "[schema]") {
  Schema schema;
  schema.mark_deployed();
  replay(schema, "ALTER TABLE legacy DROP COLUMN a; CREATE TABLE fresh (id int);",
         schema::Phase::Pending);
  const Relation* legacy = schema.find_relation({"", "legacy"});
  REQUIRE(legacy != nullptr);
  CHECK(legacy->origin == Origin::Assumed);
  CHECK_FALSE(legacy->columns_complete);
  CHECK(schema.find_relation({"public", "fresh"})->origin == Origin::Pending);
}

TEST_CASE("search_path decides where unqualified names resolve", "[schema]") {
  Schema schema;
  replay(schema,
         "CREATE SCHEMA app; SET search_path TO app, public; CREATE TABLE users (id int);"
         "RESET search_path; CREATE TABLE users (id int, other int);",
         schema::Phase::History);
  CHECK(schema.find_relation({"app", "users"})->columns.size() == 1);
  CHECK(schema.find_relation({"", "users"})->columns.size() == 2);
}

TEST_CASE("a view dropped and re-created in one migration keeps its identity", "[schema]") {
  Schema schema;
  replay(schema, "CREATE TABLE users (id int, email text); CREATE VIEW v AS SELECT * FROM users;",
         schema::Phase::History);
  schema.mark_deployed();
  ObjectId before = schema.find_relation({"", "v"})->id;
  (void)before;
  replay(schema, "DROP VIEW v; CREATE VIEW v AS SELECT id FROM users;", schema::Phase::Pending);
  const Relation* view = schema.find_relation({"", "v"});
  REQUIRE(view != nullptr);
  CHECK(view->origin == Origin::Deployed);
  CHECK(view->column("id")->origin == Origin::Deployed);
  CHECK(view->column("email") == nullptr);
}

TEST_CASE("DROP … CASCADE takes dependent views; DROP SCHEMA CASCADE its objects", "[schema]") {
  Schema schema;
  replay(schema,
         "CREATE SCHEMA s; CREATE TABLE s.t (id int); CREATE VIEW s.v AS SELECT id FROM s.t;"
         "CREATE VIEW w AS SELECT id FROM s.v; CREATE TYPE s.e AS ENUM ('a');",
         schema::Phase::History);
  ObjectId table = schema.find_relation({"s", "t"})->id;
  CHECK(schema.dependents(table).size() == 2);
  replay(schema, "DROP TABLE s.t CASCADE;", schema::Phase::History);
  CHECK(schema.find_relation({"", "w"}) == nullptr);
  replay(schema, "DROP SCHEMA s CASCADE;", schema::Phase::History);
  CHECK(schema.find_enum({"s", "e"}) == nullptr);
}

TEST_CASE("ALTER TABLE … RENAME on a view renames the view", "[schema]") {
  Schema schema;
  replay(schema, "CREATE VIEW v AS SELECT 1 AS one; ALTER TABLE v RENAME TO w;",
         schema::Phase::History);
  const Relation* renamed = schema.find_relation({"", "w"});
  REQUIRE(renamed != nullptr);
  CHECK(renamed->kind == RelationKind::View);
}

TEST_CASE("binary-compatible widenings are told from rewrites", "[schema]") {
  CHECK(rules::is_safe_widening(type("varchar(50)"), type("varchar(100)")));
  CHECK(rules::is_safe_widening(type("varchar(50)"), type("varchar")));
  CHECK(rules::is_safe_widening(type("varchar(50)"), type("text")));
  CHECK(rules::is_safe_widening(type("numeric(10,2)"), type("numeric(12,2)")));
  CHECK_FALSE(rules::is_safe_widening(type("varchar(100)"), type("varchar(50)")));
  CHECK_FALSE(rules::is_safe_widening(type("int"), type("bigint")));
  CHECK_FALSE(rules::is_safe_widening(type("numeric(10,2)"), type("numeric(12,3)")));
  CHECK_FALSE(rules::is_safe_widening(type("text"), type("varchar(10)")));
}
