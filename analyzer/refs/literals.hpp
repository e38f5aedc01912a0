#pragma once
// SQL in the deployed app's source (issue 11, provider 1): the string literals of a source file,
// whatever its language, and the ones that hold a query, with their placeholders normalised so
// that PostgreSQL's parser accepts them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::refs {

struct StringLiteral {
  std::size_t offset = 0;  // byte offset of the literal's first content byte in the file
  int line = 1;            // 1-based line of that byte
  // The literal's content: escapes resolved where the language has them (`\n`, `\"`, `''`);
  // interpolations (`${x}`, `#{x}`, `{x}` in f-strings) replaced by the marker `$?`.
  std::string value;
  std::size_t end = 0;  // byte offset just past the literal (and the parts joined to it)
};

// Every string literal of `content`, in order; the language comes from the path's extension
// (docs/references.md lists the families). Comments are skipped. Handles single, double and back
// quotes, Python triple quotes (and r/f/b prefixes), Ruby heredocs (<<~SQL, <<-SQL, <<SQL) and
// %q/%Q/%() literals, Go raw strings, Java/Kotlin/C# text blocks, JS/TS template literals, Rust
// raw strings (r"…", r#"…"#), and adjacent literals joined by `+` or by juxtaposition (Python,
// C) as one literal. Never throws on malformed input: an unterminated literal ends at the file's
// end.
std::vector<StringLiteral> string_literals(std::string_view path, std::string_view content);

// The literal as a query for PostgreSQL's parser, when it starts like one (SELECT, INSERT,
// UPDATE, DELETE, WITH, MERGE, after whitespace, comments and `(`): placeholders `?`, `%s`,
// `%(name)s`, `:name` (not `::type`), `@p1` / `@name`, `$1` and the `$?` interpolation marker all
// become `$1`, `$2`, … Nothing when it does not start like a query.
std::optional<std::string> as_query(std::string_view literal);

}  // namespace twostep::refs
