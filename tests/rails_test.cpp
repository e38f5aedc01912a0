// The Rails migration DSL as SQL: what each call becomes, where each statement maps back to in
// the Ruby, and what is left untranslated.
#include <catch2/catch.hpp>

#include <string>

#include "analyzer/lang/ruby.hpp"
#include "analyzer/rails/translate.hpp"
#include "analyzer/sql/parse.hpp"

using namespace twostep;
using twostep::rails::Translation;

namespace {

std::string migration(const std::string& body, const std::string& class_body = "") {
  return "class Change < ActiveRecord::Migration[7.1]\n" + class_body + "  def change\n" + body +
         "  end\nend\n";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every statement of the translation parses as PostgreSQL 15 SQL.
void parses(const Translation& translation) {
  sql::ParsedFile parsed = sql::parse_file(translation.sql);
  for (const sql::Statement& statement : parsed.statements) {
    INFO(translation.sql.substr(statement.span.begin, statement.span.end - statement.span.begin));
    CHECK_FALSE(statement.error.has_value());
  }
}

Migration as_migration(const std::string& source, Translation translation) {
  Migration out;
  out.text = std::move(translation.sql);
  out.original_text = source;
  out.source_map = std::move(translation.source_map);
  return out;
}

}  // namespace

TEST_CASE("rails: column calls become Rails' ALTER TABLE statements", "[rails]") {
  Translation t = rails::translate_migration(
      migration("    add_column :users, :email, :string, null: false, default: \"\"\n"
                "    add_column :users, :score, :decimal, precision: 5, scale: 2\n"
                "    add_column :users, :tags, :string, array: true, default: []\n"
                "    add_column :users, :big, :integer, limit: 8\n"
                "    add_column :users, :at, :datetime\n"
                "    add_column :users, :meta, :jsonb, default: {}, null: false\n"
                "    ActiveRecord::Base.connection.execute(\"SELECT 1\")\n"
                "    remove_column :users, :name, :string\n"
                "    rename_column :users, :a, :b\n"
                "    change_column :users, :c, :text\n"
                "    change_column_null :users, :d, false, 0\n"
                "    change_column_default :users, :e, from: nil, to: true\n"));
  CHECK(t.untranslated.empty());
  CHECK(t.ddl_transaction);
  CHECK(has(t.sql, "ALTER TABLE users ADD COLUMN email character varying DEFAULT '' NOT NULL;"));
  CHECK(has(t.sql, "ADD COLUMN score numeric(5,2);"));
  CHECK(has(t.sql, "ADD COLUMN tags character varying[] DEFAULT '{}';"));
  CHECK(has(t.sql, "ADD COLUMN big bigint;"));
  CHECK(has(t.sql, "ADD COLUMN at timestamp(6);"));
  CHECK(has(t.sql, "ADD COLUMN meta jsonb DEFAULT '{}' NOT NULL;"));
  CHECK(has(t.sql, "\nSELECT 1\n;"));
  CHECK(has(t.sql, "ALTER TABLE users DROP COLUMN name;"));
  CHECK(has(t.sql, "ALTER TABLE users RENAME COLUMN a TO b;"));
  CHECK(has(t.sql, "ALTER TABLE users ALTER COLUMN c TYPE text;"));
  CHECK(has(t.sql, "UPDATE users SET d = 0 WHERE d IS NULL;"));
  CHECK(has(t.sql, "ALTER TABLE users ALTER COLUMN d SET NOT NULL;"));
  CHECK(has(t.sql, "ALTER TABLE users ALTER COLUMN e SET DEFAULT true;"));
  parses(t);
}

TEST_CASE("rails: create_table with references, timestamps and indexes", "[rails]") {
  Translation t = rails::translate_migration(
      migration("    create_table :posts do |t|\n"
                "      t.references :user, null: false, foreign_key: true\n"
                "      t.references :subject, polymorphic: true, index: false\n"
                "      t.string :title, null: false, index: { unique: true }\n"
                "      t.timestamps\n"
                "    end\n"));
  CHECK(t.untranslated.empty());
  CHECK(has(t.sql,
            "CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL, "
            "subject_type character varying, subject_id bigint, title character varying "
            "NOT NULL, created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL, "
            "CONSTRAINT fk_rails_"));
  CHECK(has(t.sql, "FOREIGN KEY (user_id) REFERENCES users (id));"));
  CHECK(has(t.sql, "CREATE INDEX index_posts_on_user_id ON posts (user_id);"));
  CHECK(has(t.sql, "CREATE UNIQUE INDEX index_posts_on_title ON posts (title);"));
  CHECK_FALSE(has(t.sql, "index_posts_on_subject"));
  parses(t);
}

TEST_CASE("rails: indexes, constraints and bulk change_table", "[rails]") {
  Translation t = rails::translate_migration(migration(
      "    add_index :users, [:a, :b], unique: true, algorithm: :concurrently, where: \"a > 0\"\n"
      "    remove_index :users, column: :a, if_exists: true\n"
      "    add_foreign_key :posts, :users, column: :author_id, on_delete: :cascade, validate: "
      "false\n"
      "    validate_foreign_key :posts, :users, column: :author_id\n"
      "    add_check_constraint :posts, \"views >= 0\", name: \"views_positive\", validate: false\n"
      "    change_table :users, bulk: true do |t|\n"
      "      t.string :x\n"
      "      t.remove :y\n"
      "    end\n",
      "  disable_ddl_transaction!\n"));
  CHECK_FALSE(t.ddl_transaction);
  CHECK(
      has(t.sql,
          "CREATE UNIQUE INDEX CONCURRENTLY index_users_on_a_and_b ON users (a, b) WHERE a > 0;"));
  CHECK(has(t.sql, "DROP INDEX IF EXISTS index_users_on_a;"));
  CHECK(has(t.sql, "FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID;"));
  CHECK(has(t.sql, "VALIDATE CONSTRAINT fk_rails_"));
  CHECK(has(t.sql, "ADD CONSTRAINT views_positive CHECK (views >= 0) NOT VALID;"));
  CHECK(has(t.sql, "ALTER TABLE users ADD COLUMN x character varying,\n  DROP COLUMN y;"));
  parses(t);
}

TEST_CASE("rails: execute maps its SQL byte for byte into the Ruby file", "[rails]") {
  std::string source = migration(
      "    execute <<~SQL\n"
      "      ALTER TABLE users DROP COLUMN email;\n"
      "    SQL\n"
      "    execute(\"ALTER TABLE users DROP COLUMN name\")\n");
  Translation t = rails::translate_migration(source);
  CHECK(t.untranslated.empty());
  Migration m = as_migration(source, t);
  for (const char* clause : {"DROP COLUMN email", "DROP COLUMN name"}) {
    std::size_t in_sql = m.text.find(clause);
    REQUIRE(in_sql != std::string::npos);
    Span mapped = original_span(m, {in_sql, in_sql + std::string(clause).size()});
    CHECK(source.substr(mapped.begin, mapped.end - mapped.begin) == clause);
  }
  parses(t);
}

TEST_CASE("rails: a DSL call maps to its whole Ruby statement", "[rails]") {
  std::string source = migration("    remove_column :users, :name\n");
  Migration m = as_migration(source, rails::translate_migration(source));
  std::size_t in_sql = m.text.find("DROP COLUMN name");
  REQUIRE(in_sql != std::string::npos);
  Span mapped = original_span(m, {in_sql, in_sql + 16});
  CHECK(source.substr(mapped.begin, mapped.end - mapped.begin) == "remove_column :users, :name");
}

TEST_CASE("rails: only what db:migrate runs is translated", "[rails]") {
  Translation t = rails::translate_migration(
      "class Old < ActiveRecord::Migration\n"
      "  def self.up\n"
      "    remove_column :users, :a\n"
      "  end\n"
      "  def self.down\n"
      "    remove_column :users, :b\n"
      "  end\n"
      "end\n");
  CHECK(has(t.sql, "DROP COLUMN a"));
  CHECK_FALSE(has(t.sql, "DROP COLUMN b"));
  Translation reversible =
      rails::translate_migration(migration("    reversible do |dir|\n"
                                           "      dir.up { execute \"SELECT 1\" }\n"
                                           "      dir.down { remove_column :users, :b }\n"
                                           "    end\n"));
  CHECK(has(reversible.sql, "SELECT 1"));
  CHECK_FALSE(has(reversible.sql, "DROP COLUMN b"));
}

TEST_CASE("rails: Ruby that is not the DSL is listed, on its line", "[rails]") {
  std::string source = migration(
      "    %i[a b].each { |c| remove_column :users, c }\n"
      "    User.where(x: 1).delete_all\n"
      "    execute \"DROP TABLE #{name}\"\n"
      "    frobnicate :users\n"
      "    add_foreign_key :posts, [:id], :users\n");
  Translation t = rails::translate_migration(source);
  REQUIRE(t.untranslated.size() == 5);
  CHECK(t.untranslated[4].what == "`add_foreign_key` with arguments twostep cannot read");
  CHECK(t.untranslated[0].what == "a loop (`.each`)");
  CHECK(has(t.untranslated[1].what, "`User.where…`, a query through a model"));
  CHECK(t.untranslated[1].tables == std::vector<std::string>{"users"});
  CHECK(has(t.untranslated[2].what, "interpolation"));
  CHECK(has(t.untranslated[3].what, "`frobnicate`"));
  CHECK(t.untranslated[3].tables == std::vector<std::string>{"users"});
  Migration m = as_migration(source, t);
  Span loop = original_span(m, t.untranslated[0].span);
  CHECK(source.substr(loop.begin, loop.end - loop.begin) ==
        "%i[a b].each { |c| remove_column :users, c }");
}

TEST_CASE("rails: a file the lexer cannot follow is an error, not a guess", "[rails]") {
  Translation t = rails::translate_migration(migration("    execute <<~SQL\n      SELECT 1\n"));
  REQUIRE(t.error.has_value());
  CHECK(has(*t.error, "unterminated heredoc"));
}

TEST_CASE("rails: db/schema.rb and db/structure.sql name their versions", "[rails]") {
  Translation t = rails::translate_schema(
      "ActiveRecord::Schema[7.1].define(version: 2024_03_01_120000) do\n"
      "  create_table \"users\", force: :cascade do |t|\n"
      "    t.string \"email\", null: false\n"
      "    t.index [\"email\"], name: \"index_users_on_email\", unique: true\n"
      "  end\n"
      "  add_foreign_key \"posts\", \"users\"\n"
      "end\n");
  CHECK(t.schema_version == "20240301120000");
  CHECK(has(t.sql,
            "CREATE TABLE users (id bigserial PRIMARY KEY, email character varying NOT "
            "NULL);"));
  CHECK_FALSE(has(t.sql, "DROP TABLE"));  // force: only matters to db:schema:load
  CHECK(has(t.sql, "CREATE UNIQUE INDEX index_users_on_email ON users (email);"));
  CHECK(rails::structure_version("INSERT INTO \"schema_migrations\" (version) VALUES\n"
                                 "('20231201000000'),\n('20240102000000');\n") == "20240102000000");
  CHECK(rails::structure_version("CREATE TABLE x ();") == "");
}

TEST_CASE("ruby lexer: offsets, heredoc bodies and comments", "[rails]") {
  std::string source = "execute <<~SQL # why\n  SELECT 1;\nSQL\nx = 'a\\'b'\n";
  std::string error;
  std::vector<lang::ruby::Comment> comments;
  std::vector<lang::ruby::Token> tokens = lang::ruby::lex(source, error, &comments);
  REQUIRE(error.empty());
  REQUIRE(tokens.size() >= 2);
  CHECK(tokens[0].begin == 0);
  CHECK(tokens[0].end == 7);
  const lang::ruby::Token& heredoc = tokens[1];
  CHECK(heredoc.text == "  SELECT 1;\n");
  CHECK(heredoc.literal);
  CHECK(heredoc.exact);
  CHECK(source.substr(heredoc.value_begin, heredoc.text.size()) == heredoc.text);
  REQUIRE(comments.size() == 1);
  CHECK(source.substr(comments[0].begin, comments[0].end - comments[0].begin) == "# why");
  const lang::ruby::Token& escaped = tokens[tokens.size() - 2];
  CHECK(escaped.text == "a'b");
  CHECK_FALSE(escaped.exact);
}

TEST_CASE("rails: a migration keeps the defaults of its Rails version", "[rails]") {
  std::string old_style =
      "class Old < ActiveRecord::Migration[5.0]\n"
      "  def change\n"
      "    create_table :posts do |t|\n"
      "      t.references :user\n"
      "      t.datetime :published_at\n"
      "    end\n"
      "  end\nend\n";
  Translation t = rails::translate_migration(old_style);
  CHECK(has(t.sql,
            "CREATE TABLE posts (id serial PRIMARY KEY, user_id integer, published_at "
            "timestamp);"));
  Translation current = rails::translate_migration(migration("    create_table :posts\n"));
  CHECK(has(current.sql, "CREATE TABLE posts (id bigserial PRIMARY KEY);"));
}

TEST_CASE("rails: blocks, clauses and chains as Rails runs them", "[rails]") {
  Translation t = rails::translate_migration(
      "class Change < ActiveRecord::Migration[7.1]\n"
      "  DROPPED = %i[a b].freeze\n"
      "  def up\n"
      "    safety_assured do # the table is empty\n"
      "      remove_column :users, :x\n"
      "    end\n"
      "    with_lock_retries do\n"
      "      add_column :users, :y, :string\n"
      "    end\n"
      "    DROPPED_COLUMNS.each { |c| remove_column :users, c }\n"
      "    { users: %i[a] }\n"
      "      .each { |table, columns| remove_columns table, *columns }\n"
      "    drop_join_table :users, :posts\n"
      "    add_index :users, :z\n"
      "  rescue ActiveRecord::RecordNotUnique\n"
      "    remove_column :users, :z\n"
      "  end\nend\n");
  REQUIRE(t.acknowledged.size() == 1);
  CHECK(t.acknowledged[0].reason == "the table is empty");
  CHECK(has(t.sql, "ALTER TABLE users ADD COLUMN y character varying;"));
  CHECK(has(t.sql, "DROP TABLE posts_users;"));
  CHECK(has(t.sql, "CREATE INDEX index_users_on_z ON users (z);"));
  CHECK_FALSE(has(t.sql, "DROP COLUMN z"));  // the rescue clause is no main path
  REQUIRE(t.untranslated.size() == 3);
  CHECK(t.untranslated[0].what == "a loop (`.each`)");
  CHECK(t.untranslated[0].tables.empty());              // a constant, not a model
  CHECK(t.untranslated[1].what == "a loop (`.each`)");  // one statement across two lines
  CHECK(has(t.untranslated[2].what, "`rescue` clause"));
  parses(t);
}
