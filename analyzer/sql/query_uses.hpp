#pragma once
// What a query reads and writes (issue 11): a SELECT/INSERT/UPDATE/DELETE/MERGE (with CTEs,
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
  // On the relation-level write of an INSERT with a column list (also MERGE … INSERT): the
  // columns it sets. Every other column of the row gets its default.
  std::optional<std::vector<std::string>> inserted_columns;

  friend bool operator==(const ColumnUse&, const ColumnUse&) = default;
};

struct QueryUses {
  bool parsed = false;
  std::string error;  // why it did not parse (or is not one query)
  std::vector<ColumnUse> uses;  // deduplicated, in first-seen order
};

// `sql` is one statement (placeholders as `$n`). Unqualified names resolve through `public`
// like the deployed app's default search_path; an unqualified column in a query over several
// relations counts for every one that has it (or whose columns the schema does not know).
QueryUses query_uses(const std::string& sql, const Schema& deployed);

}  // namespace twostep::sql
