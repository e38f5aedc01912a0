#pragma once
// The string literals of a source file in any of the languages twostep reads, found by one
// scanner driven by each language's lexical rules (syntax.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::lang {

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

// A file cut into tokens, for readers that must tell prose from code: a name in a comment is no
// use of it, a name in a string literal or an identifier may be.
enum class TokenKind { Comment, String, Identifier, Number, Punctuation };

struct Token {
  TokenKind kind = TokenKind::Punctuation;
  std::size_t offset = 0;  // first byte (a string's first content byte, as in StringLiteral)
  std::size_t end = 0;     // just past it
  int line = 1;            // 1-based line of `offset`
  // A string's content as StringLiteral::value has it; the source text for the other kinds.
  std::string value;
};

// Every token of `content`, in file order, read with the same rules as string_literals(): its
// string tokens are exactly the string literals. Whitespace and template text (HTML around
// `<% %>`) are no tokens.
std::vector<Token> tokens(std::string_view path, std::string_view content);

}  // namespace twostep::lang
