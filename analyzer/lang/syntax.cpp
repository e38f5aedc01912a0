#include "analyzer/lang/syntax.hpp"

#include <algorithm>

namespace twostep::lang {

Syntax syntax_of(Lang lang) {
  Syntax s;
  s.lang = lang;
  const Quote single_line = string_quote(Escapes::Full, Interp::None, false);
  const Quote multi_line = string_quote(Escapes::Full, Interp::None, true);
  switch (lang) {
    case Lang::Generic:
      // Unknown syntax: an apostrophe in prose must not swallow the file.
      s.single = single_line;
      s.dbl = multi_line;
      break;
    case Lang::C:
      s.slash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.juxtapose = true;
      break;
    case Lang::Go:
      s.slash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.back = string_quote(Escapes::None, Interp::None, true);
      s.join = {"+"};
      break;
    case Lang::Java:
      s.slash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.triple_double = true;
      s.join = {"+"};
      break;
    case Lang::Kotlin:
      s.slash_comments = s.nested_comments = true;
      s.single = char_quote;
      s.dbl = string_quote(Escapes::Full, Interp::DollarName, false);
      s.triple_double = true;
      s.triple_escapes = Escapes::None;
      s.join = {"+"};
      break;
    case Lang::Scala:
      s.slash_comments = s.nested_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.triple_double = true;
      s.triple_escapes = Escapes::None;
      s.join = {"+"};
      break;
    case Lang::Groovy:
      s.slash_comments = true;
      s.single = single_line;
      s.dbl = string_quote(Escapes::Full, Interp::DollarName, false);
      s.triple_single = s.triple_double = true;
      s.join = {"+"};
      s.regex = true;  // slashy strings
      break;
    case Lang::CSharp:
      s.slash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.join = {"+"};
      break;
    case Lang::JavaScript:
      s.slash_comments = true;
      s.single = s.dbl = single_line;
      s.back = string_quote(Escapes::Full, Interp::DollarBrace, true);
      s.join = {"+"};
      s.regex = true;
      break;
    case Lang::Rust:
      s.slash_comments = s.nested_comments = true;
      s.single = char_quote;
      s.dbl = multi_line;
      break;
    case Lang::Swift:
      s.slash_comments = s.nested_comments = true;
      s.dbl = string_quote(Escapes::Full, Interp::Paren, false);
      s.triple_double = true;
      s.join = {"+"};
      break;
    case Lang::Dart:
      s.slash_comments = s.nested_comments = true;
      s.single = s.dbl = string_quote(Escapes::Full, Interp::DollarName, false);
      s.triple_single = s.triple_double = true;
      s.join = {"+"};
      s.juxtapose = true;
      break;
    case Lang::Php:
      s.slash_comments = s.hash_comments = true;
      s.single = string_quote(Escapes::QuoteOnly, Interp::None, true);
      s.dbl = string_quote(Escapes::Full, Interp::Php, true);
      s.back = Quote{Kind::Hidden, Escapes::Full, Interp::Php, true};
      s.join = {"."};
      break;
    case Lang::Python:
      s.hash_comments = true;
      s.single = s.dbl = single_line;
      s.triple_single = s.triple_double = true;
      s.join = {"+"};
      s.juxtapose = true;
      s.statement_newlines = true;
      break;
    case Lang::Ruby:
      s.hash_comments = true;
      s.single = string_quote(Escapes::QuoteOnly, Interp::None, true);
      s.dbl = string_quote(Escapes::Full, Interp::Hash, true);
      s.back = Quote{Kind::Hidden, Escapes::Full, Interp::Hash, true};
      s.join = {"+"};
      s.juxtapose = true;
      s.statement_newlines = true;
      s.regex = true;
      s.ruby_like = true;
      break;
    case Lang::Elixir:
      s.hash_comments = true;
      s.single = s.dbl = string_quote(Escapes::Full, Interp::Hash, true);
      s.triple_single = s.triple_double = true;
      s.join = {"<>"};
      s.statement_newlines = true;
      break;
    case Lang::Shell:
      s.hash_comments = s.hash_at_word_start = true;
      s.single = string_quote(Escapes::None, Interp::None, true);
      s.dbl = string_quote(Escapes::Shell, Interp::Shell, true);
      s.back = Quote{Kind::Hidden, Escapes::None, Interp::None, true};
      break;
    case Lang::Perl:
      s.hash_comments = s.hash_at_word_start = true;
      s.single = string_quote(Escapes::QuoteOnly, Interp::None, true);
      s.dbl = string_quote(Escapes::Full, Interp::Perl, true);
      s.back = Quote{Kind::Hidden, Escapes::Full, Interp::Perl, true};
      s.join = {"."};
      s.regex = true;
      s.ruby_like = true;
      break;
    case Lang::Lua:
      s.dash_comments = true;
      s.single = s.dbl = single_line;
      s.join = {".."};
      break;
    case Lang::Erlang:
      s.single = Quote{Kind::Hidden, Escapes::Full, Interp::None, false};  // quoted atoms
      s.dbl = multi_line;
      s.juxtapose = true;
      break;
    case Lang::Clojure:
      s.dbl = multi_line;
      break;
    case Lang::Haskell:
      s.dash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.triple_double = true;  // Elm
      s.join = {"++"};
      break;
    case Lang::OCaml:
      s.single = char_quote;
      s.dbl = multi_line;
      s.join = {"^"};
      break;
    case Lang::Julia:
      s.hash_comments = true;
      s.single = char_quote;
      s.dbl = string_quote(Escapes::Full, Interp::DollarName, true);
      s.triple_double = true;
      s.join = {"*"};
      break;
    case Lang::Nim:
      s.hash_comments = true;
      s.single = char_quote;
      s.dbl = single_line;
      s.triple_double = true;
      s.triple_escapes = Escapes::None;
      s.join = {"&"};
      break;
    case Lang::R:
      s.hash_comments = true;
      s.single = s.dbl = multi_line;
      break;
    case Lang::VisualBasic:
      s.dbl = string_quote(Escapes::Doubled, Interp::None, false);
      s.join = {"&", "+"};
      break;
  }
  return s;
}

bool is_keyword(std::string_view word, Lang lang) {
  // After these words an operand starts: a `/` opens a regex rather than dividing.
  static constexpr std::array<std::string_view, 14> js = {
      "return", "typeof", "instanceof", "in", "of",   "new",   "delete",
      "void",   "throw",  "case",       "do", "else", "yield", "await"};
  static constexpr std::array<std::string_view, 14> ruby = {
      "if",     "unless", "while", "until", "and",   "or",    "not",
      "return", "when",   "case",  "then",  "elsif", "split", "grep"};
  if (lang == Lang::Ruby || lang == Lang::Perl) {
    return std::find(ruby.begin(), ruby.end(), word) != ruby.end();
  }
  return std::find(js.begin(), js.end(), word) != js.end();
}

}  // namespace twostep::lang
