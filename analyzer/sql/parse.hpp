#pragma once
// Parsing a migration file: the whole file with libpg_query first; where that
// fails, split with the scanner and parse statement by statement, so that one bad statement never
// hides the others, and account for every byte that is neither whitespace nor comment.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/sql/scanner.hpp"
#include "twostep/change.hpp"

namespace twostep::sql {

// A suppression comment: `twostep:ignore` or `twostep:ignore-file`, or squawk's `squawk-ignore`
// or `squawk-ignore-file`. Which rules it names, and why, is read by suppression (analyzer/check),
// which knows the rule ids.
struct Directive {
  bool whole_file = false;
  bool squawk = false;  // squawk's form
  std::string body;     // what follows the keyword, without a block comment's `*/`
  Span span;            // the comment
};

struct Statement {
  Span span;         // first token to the end of the statement, without the `;`
  std::string kind;  // the parser's node name; empty when it did not parse
  std::vector<Change> changes;
  std::optional<SqlError> error;        // offset is a byte offset into the file
  std::vector<std::size_t> directives;  // indices into ParsedFile::directives
};

struct ParsedFile {
  std::vector<Statement> statements;
  std::vector<Directive> directives;
};

ParsedFile parse_file(const std::string& text);

// The text of a statement with runs of whitespace folded, to compare statements across edits.
std::string statement_text(const std::string& file_text, const Statement& statement);

}  // namespace twostep::sql
