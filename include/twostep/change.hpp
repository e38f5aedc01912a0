#pragma once
// Typed schema changes: what lowering makes of each statement. Names are as
// PostgreSQL's parser hands them over: unquoted identifiers already folded to lower case. Each
// change carries the byte span of the exact clause it came from.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "twostep/diagnostic.hpp"
#include "twostep/version.hpp"

namespace twostep {

// An identifier as SQL needs it written: quoted when it is not all lower case, or is a keyword
// PostgreSQL reserves (`"Orders"`, `"order"`), as PostgreSQL's own quote_ident does.
std::string quote_identifier(const std::string& name);

// A possibly schema-qualified name; an empty schema resolves through the search_path.
struct QualifiedName {
  std::string schema;
  std::string name;

  std::string display() const;  // `schema.name` or `name`, each part quoted where SQL needs it
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
};

// A type as written: `pg_catalog.varchar(255)`, `"Status"[]`.
struct TypeRef {
  std::vector<std::string> names;       // qualified parts; `pg_catalog` kept as the parser gives it
  std::vector<std::int64_t> modifiers;  // integer typmods (`(255)`, `(10,2)`)
  bool modifiers_known = true;          // false when a typmod is not an integer constant
  int array_dimensions = 0;

  std::string base() const;     // last name part, e.g. `varchar`, `int4`
  std::string display() const;  // SQL spelling, e.g. `varchar(255)`, `integer`
  friend bool operator==(const TypeRef&, const TypeRef&) = default;
};

struct ColumnDefinition {
  std::string name;
  std::optional<TypeRef> type;
  bool not_null = false;
  bool primary_key = false;
  bool has_default = false;  // DEFAULT, or a serial type's implicit sequence default
  bool identity = false;     // GENERATED … AS IDENTITY
  bool generated = false;    // GENERATED ALWAYS AS (…) STORED
  Span span;
};

enum class RelationKind { Table, View, MaterializedView, Index, Sequence, ForeignTable, Unknown };
const char* to_string(RelationKind kind);

struct ChangeBase {
  Span span;
};

struct CreateTable : ChangeBase {
  QualifiedName name;
  std::vector<ColumnDefinition> columns;
  bool columns_complete = true;  // false with LIKE, INHERITS, PARTITION OF, AS SELECT *
  bool if_not_exists = false;
  std::vector<QualifiedName> sources;  // LIKE / INHERITS / PARTITION OF / AS SELECT tables
};

// One output column of a view's query: a name, or a `*` / `t.*` that expands to the columns of
// `star_from` (unknown when the star's relation cannot be told).
struct ViewColumn {
  std::optional<std::string> name;
  std::optional<QualifiedName> star_from;
};

struct CreateView : ChangeBase {
  QualifiedName name;
  bool materialized = false;
  bool or_replace = false;
  std::vector<ViewColumn> columns;
  std::vector<QualifiedName> sources;  // every relation the query reads
  std::string query;                   // the query's text, for which columns it reads
};

struct DropRelation : ChangeBase {
  RelationKind kind = RelationKind::Table;  // as the statement says (DROP TABLE / VIEW / …)
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
  bool concurrently = false;
};

struct RenameRelation : ChangeBase {
  RelationKind declared_kind = RelationKind::Table;  // the keyword used; the model knows better
  QualifiedName name;
  std::string new_name;
  bool if_exists = false;
};

struct SetRelationSchema : ChangeBase {
  RelationKind declared_kind = RelationKind::Table;
  QualifiedName name;
  std::string new_schema;
};

struct AddColumn : ChangeBase {
  QualifiedName table;
  ColumnDefinition column;
  bool if_not_exists = false;
};

struct DropColumn : ChangeBase {
  QualifiedName table;
  std::string column;
  bool if_exists = false;
  bool cascade = false;
};

struct RenameColumn : ChangeBase {
  RelationKind declared_kind = RelationKind::Table;
  QualifiedName table;
  std::string column;
  std::string new_name;
};

struct AlterColumnType : ChangeBase {
  QualifiedName table;
  std::string column;
  TypeRef type;
  bool has_using = false;
  // `USING col` or `USING col::type`: the column's own value, converted as without USING.
  bool using_is_column = false;
};

struct SetNotNull : ChangeBase {
  QualifiedName table;
  std::string column;
};

struct DropNotNull : ChangeBase {
  QualifiedName table;
  std::string column;
};

struct SetDefault : ChangeBase {
  QualifiedName table;
  std::string column;
};

struct DropDefault : ChangeBase {
  QualifiedName table;
  std::string column;
};

enum class ConstraintKind { PrimaryKey, Unique, Check, ForeignKey, Exclusion, NotNull, Other };

struct AddConstraint : ChangeBase {
  QualifiedName table;
  std::string name;  // empty when PostgreSQL picks one
  ConstraintKind kind = ConstraintKind::Other;
  std::vector<std::string> columns;
  bool not_valid = false;
  bool using_index = false;
  std::string not_null_column;              // a CHECK that says only `column IS NOT NULL`
  std::optional<QualifiedName> references;  // FOREIGN KEY target
};

struct DropConstraint : ChangeBase {
  QualifiedName table;
  std::string name;
  bool if_exists = false;
};

struct ValidateConstraint : ChangeBase {
  QualifiedName table;
  std::string name;
};

// ALTER TABLE subcommands that change no column, type or constraint (OWNER, SET (…), triggers,
// row security, statistics, storage, identity options, …): known, nothing for the model.
struct AlterTableOther : ChangeBase {
  QualifiedName table;
  std::string subcommand;     // AT_… name from the parser
  bool concurrently = false;  // DETACH PARTITION … CONCURRENTLY
};

struct CreateIndex : ChangeBase {
  std::optional<std::string> name;  // schema is the table's
  QualifiedName table;
  std::vector<std::string> columns;  // plain column keys (expressions left out)
  bool unique = false;
  bool concurrently = false;
  bool if_not_exists = false;
};

struct CreateSchema : ChangeBase {
  std::string name;
  bool if_not_exists = false;
};

struct RenameSchema : ChangeBase {
  std::string name;
  std::string new_name;
};

struct DropSchema : ChangeBase {
  std::vector<std::string> names;
  bool cascade = false;
  bool if_exists = false;
};

struct CreateEnum : ChangeBase {
  QualifiedName name;
  std::vector<std::string> values;
};

struct AddEnumValue : ChangeBase {
  QualifiedName type;
  std::string value;
};

struct RenameEnumValue : ChangeBase {
  QualifiedName type;
  std::string old_value;
  std::string new_value;
};

// ALTER TYPE … RENAME TO, and ALTER TYPE … SET SCHEMA (`new_schema` set, name unchanged).
struct RenameType : ChangeBase {
  QualifiedName name;
  std::string new_name;
  std::string new_schema;  // empty: stays in its schema
};

struct DropType : ChangeBase {
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

struct CreateFunction : ChangeBase {
  QualifiedName name;
};

struct DropFunction : ChangeBase {
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

struct SetSearchPath : ChangeBase {
  std::vector<std::string> schemas;  // empty: back to the default (`public`)
};

enum class TransactionControl { Begin, Commit, Rollback, Savepoint, Other };

struct Transaction : ChangeBase {
  TransactionControl control = TransactionControl::Other;
  bool chain = false;  // COMMIT/ROLLBACK AND CHAIN: the next transaction starts at once
};

// A statement that changes no schema object: DML, COMMENT, GRANT, SET, ANALYZE, …
struct NoSchemaChange : ChangeBase {
  std::string statement;  // the parser's node name, e.g. `InsertStmt`: for lowering's own use
  std::vector<QualifiedName> relations;  // tables it reads or writes
  bool concurrently = false;             // REINDEX … CONCURRENTLY
  // The statement as people write it (`VACUUM`, `REINDEX SCHEMA/DATABASE/SYSTEM`), when
  // PostgreSQL refuses it inside a transaction block; empty otherwise.
  std::string outside_transaction;
  bool resets_session = false;  // DISCARD ALL: every session setting back to its default
  // A `timezone` setting: `timezone=utc` (lower-cased), `timezone-local=…` for SET LOCAL,
  // `timezone=` for a RESET, RESET ALL or SET … DEFAULT; empty for other statements.
  std::string target;
};

// A statement or ALTER TABLE subcommand lowering does not know: fail closed.
struct Unsupported : ChangeBase {
  std::string what;                      // `CreateRuleStmt`, `ALTER TABLE … AT_AttachPartition`
  std::vector<QualifiedName> relations;  // every table the statement names
};

// `DO $$ … $$`: its body is not analysed; only the words it mentions are.
struct DoBlock : ChangeBase {
  std::string body;
};

using Change =
    std::variant<CreateTable, CreateView, DropRelation, RenameRelation, SetRelationSchema,
                 AddColumn, DropColumn, RenameColumn, AlterColumnType, SetNotNull, DropNotNull,
                 SetDefault, DropDefault, AddConstraint, DropConstraint, ValidateConstraint,
                 AlterTableOther, CreateIndex, CreateSchema, RenameSchema, DropSchema, CreateEnum,
                 AddEnumValue, RenameEnumValue, RenameType, DropType, CreateFunction, DropFunction,
                 SetSearchPath, Transaction, NoSchemaChange, Unsupported, DoBlock>;

Span span_of(const Change& change);

// The statement as people write it (`CREATE INDEX CONCURRENTLY`), when `change` cannot run inside
// a transaction block on `version` ("cannot run inside a transaction block"); nothing otherwise.
std::optional<std::string> outside_transaction_only(const Change& change, PgVersion version);

}  // namespace twostep
