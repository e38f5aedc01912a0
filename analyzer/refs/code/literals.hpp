#pragma once
// SQL in the deployed app's source: the string literals (analyzer/lang/scanner.hpp) that hold a
// query, with their placeholders normalised so that PostgreSQL's parser accepts them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::refs {

// The literal as a query for PostgreSQL's parser, when it starts like one (SELECT, INSERT,
// UPDATE, DELETE, WITH, MERGE, after whitespace, comments and `(`): placeholders `?`, `%s`,
// `%(name)s`, `:name` (not `::type`), `@p1` / `@name`, `$1` and the `$?` interpolation marker all
// become `$1`, `$2`, … Nothing when it does not start like a query.
std::optional<std::string> as_query(std::string_view literal);

// Whether the literal is DDL or maintenance (ALTER, DROP, CREATE, TRUNCATE, COMMENT, GRANT, …):
// the app's own schema upkeep (an upgrade routine, a `DROP TABLE IF EXISTS` in a reset helper),
// which names columns and tables without using them.
bool is_schema_statement(std::string_view literal);

}  // namespace twostep::refs
