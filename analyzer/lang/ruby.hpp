#pragma once
// Ruby, read as tokens by a lexer that knows enough of the language (strings, heredocs, `%w[]`,
// regex literals, symbols, labels, `=begin` blocks, modifier `if` and `def` signatures) for a
// reader to follow `class` / `module` / `def` / `end` and the literals in between. Source it cannot
// follow (an unterminated literal or heredoc) is an error, never a guess.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::lang::ruby {

enum class Kind { Ident, Const, Label, String, Symbol, Words, Number, Var, Op, Newline };

struct Token {
  Kind kind = Kind::Op;
  std::string text;                // identifier, operator, or a literal's value
  std::vector<std::string> words;  // `%w[]` / `%i[]`
  bool literal = true;             // String / Symbol: no interpolation, value known
  bool space_before = false;
  bool member = false;  // right after `.`, `&.` or `::`: a method or constant, never a keyword
  bool ends_parameters = false;  // the `)` of `def name(…)`: an expression follows
  int line = 1;
  std::size_t begin = 0;  // the token's bytes in the source (a heredoc's: its opener)
  std::size_t end = 0;
  // String: where the value's bytes start in the source (a heredoc's: its body), and whether the
  // value is those bytes as written (no escape decoded), so that a position in the value is one
  // in the file.
  std::size_t value_begin = 0;
  bool exact = false;
};

// A `#` comment: its bytes in the source, from the `#` to the end of the line.
struct Comment {
  std::size_t begin = 0;
  std::size_t end = 0;
  int line = 1;
};

// Keywords after which an expression is expected (so `/` starts a regex, `%w` a literal, and
// `if` a block rather than a modifier).
bool is_operand_keyword(std::string_view word);

// The tokens of `source`; `error` says why it stops early ("unterminated heredoc `SQL` (line 3)"),
// and is empty when the whole source was read.
std::vector<Token> lex(std::string_view source, std::string& error,
                       std::vector<Comment>* comments = nullptr);

}  // namespace twostep::lang::ruby
