#pragma once
// What a query reads and writes: a SELECT/INSERT/UPDATE/DELETE/MERGE (with CTEs,
// joins, subqueries) resolved against the schema as deployed, down to columns.
#include <optional>
#include <string>
#include <vector>

#include "twostep/change.hpp"
#include "twostep/diagnostic.hpp"
#include "twostep/schema.hpp"

namespace twostep::sql {

struct ColumnUse {
  QualifiedName relation;             // schema resolved (the model's, else the default)
  std::optional<std::string> column;  // nullopt: the relation itself
  // `*`, `t.*` or an INSERT without a column list over a relation whose columns the schema does
  // not know: every column.
  bool all_columns = false;
  Access access = Access::Read;
  // The relation-level write of an INSERT (also MERGE … INSERT) inserts rows.
  bool inserts = false;
  // For such a write: the columns its rows set (a DEFAULT value does not set one); every other
  // column gets its default. nullopt: cannot be told (a column list-less INSERT over a table the
  // schema does not describe), so any column may be left to its default.
  std::optional<std::vector<std::string>> inserted_columns;

  friend bool operator==(const ColumnUse&, const ColumnUse&) = default;
};

struct QueryUses {
  bool parsed = false;
  std::string error;                        // why it did not parse (or holds no query)
  std::optional<std::size_t> error_offset;  // byte offset where the parser stopped
  std::vector<ColumnUse> uses;              // deduplicated, in first-seen order
};

// `sql` holds queries (placeholders as `$n`); other statements in it are skipped. Unqualified
// names resolve through the schema's search_path, else to the one relation of that name in any
// schema (an app may set its own search_path), else to `public`; an unqualified column in a query
// over several relations counts for every one that has it (or whose columns the schema does not
// know); a name that is no column but a relation of the query (`row_to_json(u)`) is the whole
// row: every column.
QueryUses query_uses(const std::string& sql, const Schema& deployed);

}  // namespace twostep::sql
