#pragma once
// Each language's lexical rules as the scanner reads them: its quotes and their escapes and
// interpolations, its comments, and what joins two literals into one.
#include <array>
#include <string_view>

#include "analyzer/lang/language.hpp"

namespace twostep::lang {

enum class Kind {
  None,    // the quote is not a literal opener
  String,  // a string literal: reported
  Char,    // a character literal ('a', '\n'): skipped when well formed
  Hidden,  // scanned like a string but not reported (Erlang atoms, shell commands)
};

enum class Escapes {
  None,           // backslashes are plain text
  Full,           // `\n`, `\x41`, `\u{…}`, `\"` … are resolved
  QuoteOnly,      // only `\\` and a backslashed delimiter (Ruby, PHP and Perl '…')
  Doubled,        // a doubled delimiter stands for itself (C# @"…", VB)
  KeepBackslash,  // Python raw strings: a backslash protects the next byte but stays
  Shell,          // shell "…": only `\$`, `` \` ``, `\"`, `\\` and line continuations
};

enum class Interp {
  None,
  DollarBrace,  // `${x}` (JS templates)
  DollarName,   // `$x`, `${x}` (Kotlin, Groovy, Dart, Scala s"…", Julia `$(x)`)
  Hash,         // `#{x}`, `#@x` (Ruby, Elixir)
  Brace,        // `{x}` with `{{` `}}` escapes (Python f"…", C# $"…")
  Paren,        // `\(x)` (Swift)
  Php,          // `$x`, `$x[0]`, `$x->y`, `{$x}`, `${x}`
  Perl,         // `$x`, `@x`, `${x}`
  Shell,        // `$x`, `${x}`, `$(x)`, `$1`, `` `x` ``
};

struct Quote {
  Kind kind = Kind::None;
  Escapes escapes = Escapes::Full;
  Interp interp = Interp::None;
  bool multiline = false;  // false: an unescaped newline ends an unterminated literal
};

constexpr Quote string_quote(Escapes escapes, Interp interp, bool multiline) {
  return Quote{Kind::String, escapes, interp, multiline};
}
constexpr Quote char_quote{Kind::Char, Escapes::Full, Interp::None, false};

struct Syntax {
  Lang lang = Lang::Generic;
  Quote single, dbl, back;
  bool triple_single = false;  // '''…'''
  bool triple_double = false;  // """…"""
  Escapes triple_escapes = Escapes::Full;
  bool slash_comments = false;             // `//` and `/* */`
  bool nested_comments = false;            // block comments nest
  bool hash_comments = false;              // `#` to the end of the line
  bool hash_at_word_start = false;         // … only where a word may start (shell, Perl)
  bool dash_comments = false;              // `--` to the end of the line
  std::array<std::string_view, 2> join{};  // operators that concatenate two literals
  bool juxtapose = false;                  // "a" "b" is one literal
  bool statement_newlines = false;         // a newline outside brackets ends a statement
  bool regex = false;                      // `/…/` literals where an operand may start
  bool ruby_like = false;                  // heredocs, %q(), `=begin`, `__END__`
};

Syntax syntax_of(Lang lang);

// Words after which an operand may start (so that `/` opens a regex literal there).
bool is_keyword(std::string_view word, Lang lang);

}  // namespace twostep::lang
