#pragma once
// Lowering: one parsed statement becomes typed Changes. The parse tree's
// shape is known here and in json_node only.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/sql/json_node.hpp"
#include "analyzer/sql/scanner.hpp"
#include "twostep/change.hpp"

namespace twostep::sql {

struct LowerInput {
  std::string_view text;  // the whole file
  std::size_t base = 0;   // where the parsed text starts in the file (node locations)
  Span span;              // the statement: first token to its end
  const std::vector<Token>* tokens = nullptr;  // the file's tokens, for sub-clause spans
};

struct Lowered {
  std::string kind;  // the parser's node name, e.g. `AlterTableStmt`
  std::vector<Change> changes;
};

// `stmt` is the RawStmt's `stmt` node: `{"AlterTableStmt": {…}}`.
Lowered lower_statement(const JsonNode& stmt, const LowerInput& input);

}  // namespace twostep::sql
