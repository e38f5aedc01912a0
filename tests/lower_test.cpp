#include <catch2/catch.hpp>

#include "analyzer/sql/parse.hpp"

using namespace twostep;

namespace {

std::vector<Change> lower(const std::string& sql) {
  sql::ParsedFile parsed = sql::parse_file(sql);
  std::vector<Change> out;
  for (const sql::Statement& statement : parsed.statements) {
    REQUIRE_FALSE(statement.error);
    out.insert(out.end(), statement.changes.begin(), statement.changes.end());
  }
  return out;
}

template <typename T>
T only(const std::vector<Change>& changes) {
  REQUIRE(changes.size() == 1);
  const T* typed = std::get_if<T>(&changes[0]);
  REQUIRE(typed != nullptr);
  return *typed;
}

}  // namespace

TEST_CASE("CREATE TABLE keeps columns, nullability, defaults and keys", "[lower]") {
  auto changes = lower(
      "CREATE TABLE IF NOT EXISTS s.\"Users\" (id bigserial, email varchar(255) NOT NULL DEFAULT "
      "'',"
      " n int GENERATED ALWAYS AS IDENTITY, g int GENERATED ALWAYS AS (id * 2) STORED,"
      " code text, PRIMARY KEY (code))");
  const auto& table = only<CreateTable>(changes);
  CHECK(table.name == QualifiedName{"s", "Users"});
  CHECK(table.if_not_exists);
  REQUIRE(table.columns.size() == 5);
  CHECK(table.columns[0].has_default);  // serial
  CHECK(table.columns[1].not_null);
  CHECK(table.columns[1].has_default);
  CHECK(table.columns[1].type->display() == "varchar(255)");
  CHECK(table.columns[2].identity);
  CHECK(table.columns[3].generated);
  CHECK(table.columns[4].not_null);  // table-level primary key
  CHECK(table.columns_complete);
}

TEST_CASE("ALTER TABLE subcommands become one change each, with their own span", "[lower]") {
  std::string sql =
      "ALTER TABLE ONLY users ADD COLUMN x int NOT NULL DEFAULT 0, DROP COLUMN IF EXISTS y CASCADE,"
      " ALTER COLUMN email TYPE text USING email::text, ALTER x SET NOT NULL, ALTER x DROP NOT "
      "NULL,"
      " ALTER x SET DEFAULT 5, ALTER x DROP DEFAULT, ADD CONSTRAINT c CHECK (x > 0) NOT VALID,"
      " VALIDATE CONSTRAINT c, DROP CONSTRAINT d, OWNER TO bob";
  sql::ParsedFile parsed = sql::parse_file(sql);
  const auto& changes = parsed.statements.at(0).changes;
  REQUIRE(changes.size() == 11);
  CHECK(std::holds_alternative<AddColumn>(changes[0]));
  const auto& drop = std::get<DropColumn>(changes[1]);
  CHECK(drop.if_exists);
  CHECK(drop.cascade);
  CHECK(sql.substr(drop.span.begin, drop.span.end - drop.span.begin) ==
        "DROP COLUMN IF EXISTS y CASCADE");
  CHECK(std::get<AlterColumnType>(changes[2]).has_using);
  CHECK(std::holds_alternative<SetNotNull>(changes[3]));
  CHECK(std::holds_alternative<DropNotNull>(changes[4]));
  CHECK(std::holds_alternative<SetDefault>(changes[5]));
  CHECK(std::holds_alternative<DropDefault>(changes[6]));
  CHECK(std::get<AddConstraint>(changes[7]).not_valid);
  CHECK(std::holds_alternative<ValidateConstraint>(changes[8]));
  CHECK(std::holds_alternative<DropConstraint>(changes[9]));
  CHECK(std::holds_alternative<AlterTableOther>(changes[10]));
}

TEST_CASE("a statement kind lowering does not know fails closed with the tables it names",
          "[lower]") {
  const auto& unsupported =
      only<Unsupported>(lower("CREATE RULE r AS ON INSERT TO app.users DO NOTHING"));
  CHECK(unsupported.what == "CREATE RULE");
  CHECK(unsupported.relations == std::vector<QualifiedName>{{"app", "users"}});
}

TEST_CASE("DROP TABLE a, b lowers every name", "[lower]") {
  const auto& drop = only<DropRelation>(lower("DROP TABLE IF EXISTS a, s.b CASCADE"));
  CHECK(drop.kind == RelationKind::Table);
  CHECK(drop.names == std::vector<QualifiedName>{{"", "a"}, {"s", "b"}});
  CHECK(drop.if_exists);
  CHECK(drop.cascade);
}

TEST_CASE("renames keep the statement's keyword; the model decides the kind", "[lower]") {
  const auto& table_rename = only<RenameRelation>(lower("ALTER TABLE v RENAME TO w"));
  CHECK(table_rename.declared_kind == RelationKind::Table);
  const auto& view_rename = only<RenameRelation>(lower("ALTER VIEW v RENAME TO w"));
  CHECK(view_rename.declared_kind == RelationKind::View);
  const auto& column = only<RenameColumn>(lower("ALTER TABLE users RENAME COLUMN a TO b"));
  CHECK(column.column == "a");
  CHECK(column.new_name == "b");
  CHECK(only<SetRelationSchema>(lower("ALTER TABLE a SET SCHEMA b")).new_schema == "b");
  CHECK(only<RenameSchema>(lower("ALTER SCHEMA a RENAME TO b")).new_name == "b");
}

TEST_CASE("views record their output columns and sources", "[lower]") {
  const auto& view = only<CreateView>(lower(
      "CREATE OR REPLACE VIEW v AS SELECT u.id, email AS mail, lower(name), u.* FROM users u"));
  CHECK(view.or_replace);
  REQUIRE(view.columns.size() == 4);
  CHECK(view.columns[0].name == "id");
  CHECK(view.columns[1].name == "mail");
  CHECK(view.columns[2].name == "lower");
  CHECK_FALSE(view.columns[3].name);
  CHECK(view.columns[3].star_from == QualifiedName{"", "users"});
  CHECK(view.sources == std::vector<QualifiedName>{{"", "users"}});
  const auto& matview = only<CreateView>(lower("CREATE MATERIALIZED VIEW m AS SELECT 1 AS one"));
  CHECK(matview.materialized);
}

TEST_CASE("schemas, enum types and functions", "[lower]") {
  CHECK(only<DropSchema>(lower("DROP SCHEMA s CASCADE")).cascade);
  CHECK(only<CreateEnum>(lower("CREATE TYPE st AS ENUM ('a', 'b')")).values ==
        std::vector<std::string>{"a", "b"});
  CHECK(only<AddEnumValue>(lower("ALTER TYPE st ADD VALUE 'c'")).value == "c");
  CHECK(only<RenameEnumValue>(lower("ALTER TYPE st RENAME VALUE 'a' TO 'z'")).old_value == "a");
  CHECK(only<RenameType>(lower("ALTER TYPE st RENAME TO st2")).new_name == "st2");
  CHECK(only<DropType>(lower("DROP TYPE st, x")).names.size() == 2);
  CHECK(only<DropFunction>(lower("DROP FUNCTION f(int), g")).names.size() == 2);
}

TEST_CASE("search_path, transactions and known statements", "[lower]") {
  CHECK(only<SetSearchPath>(lower("SET search_path TO app, public")).schemas ==
        std::vector<std::string>{"app", "public"});
  CHECK(only<SetSearchPath>(lower("RESET search_path")).schemas.empty());
  CHECK(only<Transaction>(lower("BEGIN")).control == TransactionControl::Begin);
  CHECK(only<Transaction>(lower("COMMIT")).control == TransactionControl::Commit);
  for (const char* sql :
       {"UPDATE users SET a = 1", "COMMENT ON TABLE users IS 'x'", "GRANT SELECT ON users TO app",
        "SET lock_timeout = '2s'", "CREATE INDEX CONCURRENTLY i ON users (a)"}) {
    INFO(sql);
    auto changes = lower(sql);
    REQUIRE(changes.size() == 1);
    CHECK_FALSE(std::holds_alternative<Unsupported>(changes[0]));
  }
  CHECK(only<DoBlock>(lower("DO $$ BEGIN UPDATE users SET a = 1; END $$")).body.find("users") !=
        std::string::npos);
}
