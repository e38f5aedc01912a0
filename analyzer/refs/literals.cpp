#include "analyzer/refs/literals.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace twostep::refs {
namespace {

constexpr std::size_t npos = std::string_view::npos;
// Interpolations nest (`${ `${x}` }`); deeper than this their code is skipped by counting
// brackets, so that hostile input cannot exhaust the stack.
constexpr int max_depth = 64;
// Longest delimiter of a raw string (`r###"`, `R"tag(`, `[==[`, `"""""`): longer runs are taken
// as punctuation, which keeps matching the closing delimiter cheap.
constexpr std::size_t max_delimiter = 16;
// The marker that stands for an interpolated expression in a literal's value.
constexpr std::string_view marker = "$?";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Identifier bytes: ASCII word characters and any byte of a multi-byte UTF-8 sequence.
bool is_word(char c) {
  return is_alpha(c) || is_digit(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_start(char c) {
  return is_word(c) && !is_digit(c);
}
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
bool is_space(char c) {
  return is_blank(c) || c == '\n';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::size_t utf8_length(char c) {
  auto byte = static_cast<unsigned char>(c);
  if ((byte & 0xE0) == 0xC0) return 2;
  if ((byte & 0xF0) == 0xE0) return 3;
  if ((byte & 0xF8) == 0xF0) return 4;
  return 1;
}

void append_utf8(std::string& out, unsigned long code) {
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// A one-character view that outlives the call, for closing delimiters absent from the text.
std::string_view one_char(char c) {
  static const std::array<char, 256> chars = [] {
    std::array<char, 256> all{};
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<char>(i);
    return all;
  }();
  return {&chars[static_cast<unsigned char>(c)], 1};
}

char closing_bracket(char open) {
  switch (open) {
    case '(':
      return ')';
    case '[':
      return ']';
    case '{':
      return '}';
    case '<':
      return '>';
    default:
      return '\0';
  }
}

// `<<~` heredocs drop the indentation common to their non-blank lines.
std::string dedent(const std::string& text) {
  std::size_t common = npos;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::size_t first = start;
    while (first < end && (text[first] == ' ' || text[first] == '\t')) ++first;
    if (first < end) common = std::min(common, first - start);
    start = end + 1;
  }
  if (common == npos || common == 0) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::size_t first = start;
    while (first < end && first - start < common && (text[first] == ' ' || text[first] == '\t')) {
      ++first;
    }
    out.append(text, first, end - first);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Languages

enum class Lang {
  Generic,
  C,
  Go,
  Java,
  Kotlin,
  Scala,
  Groovy,
  CSharp,
  JavaScript,
  Rust,
  Swift,
  Dart,
  Php,
  Python,
  Ruby,
  Elixir,
  Shell,
  Perl,
  Lua,
  Erlang,
  Clojure,
  Haskell,
  OCaml,
  Julia,
  Nim,
  R,
  VisualBasic
};

struct Language {
  Lang lang = Lang::Generic;
  bool template_file = false;  // code only inside `<% %>` (or `<? ?>`) tags
};

Language language_of(std::string_view path) {
  struct Family {
    Lang lang;
    std::string_view extensions;  // space-separated
  };
  static constexpr std::array<Family, 26> families = {{
      {Lang::Go, "go"},
      {Lang::Java, "java jsp"},
      {Lang::Kotlin, "kt kts"},
      {Lang::Scala, "scala sc"},
      {Lang::Groovy, "groovy gradle"},
      {Lang::CSharp, "cs csx fs fsx cshtml razor"},
      {Lang::JavaScript, "js jsx ts tsx mjs cjs mts cts vue svelte ejs"},
      {Lang::Rust, "rs"},
      {Lang::C, "c h cc cpp cxx hpp hh hxx m mm zig"},
      {Lang::Swift, "swift"},
      {Lang::Dart, "dart"},
      {Lang::Php, "php phtml"},
      {Lang::Python, "py pyi pyw"},
      {Lang::Ruby, "rb rake gemspec ru cr erb"},
      {Lang::Elixir, "ex exs"},
      {Lang::Shell, "sh bash zsh ksh bats"},
      {Lang::Perl, "pl pm"},
      {Lang::Lua, "lua"},
      {Lang::Erlang, "erl hrl"},
      {Lang::Clojure, "clj cljs cljc"},
      {Lang::Haskell, "hs elm"},
      {Lang::OCaml, "ml mli"},
      {Lang::Julia, "jl"},
      {Lang::Nim, "nim"},
      {Lang::R, "r"},
      {Lang::VisualBasic, "vb vbs bas"},
  }};
  // Templates: HTML around code tags.
  static constexpr std::array<std::string_view, 5> templates = {"jsp", "ejs", "php", "phtml",
                                                                "erb"};
  std::size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == npos ? path : path.substr(slash + 1);
  if (name == "Rakefile" || name == "Gemfile" || name == "Guardfile") return {Lang::Ruby, false};
  std::size_t dot = name.rfind('.');
  if (dot == npos) return {};
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) c = lower(c);
  if (extension.empty() || extension.find(' ') != std::string::npos) return {};
  bool template_file = std::find(templates.begin(), templates.end(), extension) != templates.end();
  for (const Family& family : families) {
    for (std::size_t begin = 0; begin < family.extensions.size();) {
      std::size_t end = std::min(family.extensions.find(' ', begin), family.extensions.size());
      if (family.extensions.substr(begin, end - begin) == extension) {
        return {family.lang, template_file};
      }
      begin = end + 1;
    }
  }
  return {};
}

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

// ---------------------------------------------------------------------------------------------
// The scanner

// How a literal's body is read once its opener is consumed.
struct Body {
  std::string_view close;  // the terminator; empty: the body runs to the limit (heredocs)
  Escapes escapes = Escapes::Full;
  Interp interp = Interp::None;
  bool multiline = true;
  char nest_open = '\0';   // `%q(a (b) c)`: the opening bracket nests
  std::size_t hashes = 0;  // Swift #"…"#: escapes and interpolations are `\#`
  std::size_t braces = 1;  // C# $$"""…""": interpolations open with this many braces
};

class Scanner {
 public:
  Scanner(std::string_view text, Language language)
      : text_(text), syntax_(syntax_of(language.lang)), limit_(text.size()) {
    if (language.template_file) {
      bool php = language.lang == Lang::Php;
      code_open_ = php ? "<?" : "<%";
      code_close_ = php ? "?>" : "%>";
      // A PHP file without any tag is plain code (a snippet, or a file that never leaves PHP).
      template_ = !php || text.find("<?") != npos;
    }
  }

  std::vector<StringLiteral> run();

 private:
  struct Slot {
    std::size_t offset;
    std::string value;
    std::size_t end = 0;  // just past the literal (its last joined part, its heredoc body)
  };
  struct Heredoc {
    std::size_t slot;  // npos: not reported
    std::string tag;
    bool indented;      // the terminator may be indented
    bool squiggly;      // Ruby <<~: the body is dedented
    bool rest_is_code;  // PHP: code may follow the terminator on its line
    Body body;
  };
  // The literal that the next one joins, and whether the joining operator was seen.
  struct Join {
    std::size_t slot = npos;
    bool op = false;
  };
  enum class Prev { Operator, Identifier, Operand };
  // The state of one run of code: the file, or one interpolation.
  struct Level {
    char close;  // the bracket that ends an interpolation; '\0' at top level
    int depth;
    Join join;
    Prev prev = Prev::Operator;
    int nesting = 0;
    bool continued = false;  // the line ends with a backslash
  };

  std::string_view text_;
  Syntax syntax_;
  std::size_t pos_ = 0;
  std::size_t limit_;  // heredoc bodies are read with a narrowed limit
  std::vector<Slot> slots_;
  std::vector<Heredoc> heredocs_;   // opened on the current line, read after it
  std::size_t no_regex_until_ = 0;  // a failed regex attempt is not retried on its line
  bool template_ = false;
  std::string_view code_open_, code_close_;

  char at(std::size_t i) const { return i < limit_ ? text_[i] : '\0'; }
  bool looking_at(std::size_t i, std::string_view s) const {
    return i <= limit_ && s.size() <= limit_ - i && text_.substr(i, s.size()) == s;
  }
  bool looking_at(std::string_view s) const { return looking_at(pos_, s); }
  std::string_view window() const { return text_.substr(0, limit_); }
  bool at_line_start() const { return pos_ == 0 || text_[pos_ - 1] == '\n'; }
  std::size_t run_of(std::size_t i, char c) const {
    std::size_t end = i;
    while (end < limit_ && text_[end] == c && end - i <= max_delimiter) ++end;
    return end - i;
  }

  void code(char close, int depth);
  void newline(Level& level);
  bool line_construct();
  bool comment(const Level& level);
  void skip_line(int depth);
  void skip_block(std::string_view close, std::string_view open);
  bool quote(Level& level);
  bool char_literal(Level& level);
  bool special(Level& level);
  bool csharp(Level& level);
  bool regex(Level& level);
  bool percent_literal(Level& level);
  bool heredoc(Level& level);
  bool perl_quote(Level& level, std::string_view word);
  bool prefixed(Level& level, std::string_view word);
  void word(Level& level);
  bool join_operator(Level& level);
  void punctuation(Level& level);
  void skip_char(Level& level, std::size_t skip);

  void report(Level& level, const Body& body);
  void hide(Level& level, const Body& body);
  std::string read_body(const Body& body, int depth);
  void escape(std::string& value, const Body& body, std::size_t intro);
  bool interpolation(std::string& value, const Body& body, int depth);
  void embed(std::string& value, char close, int depth);
  void skip_balanced(char close);
  void skip_identifier() {
    while (pos_ < limit_ && is_word(text_[pos_])) ++pos_;
  }
  void read_heredocs(int depth);
};

std::vector<StringLiteral> Scanner::run() {
  if (template_) {
    while (pos_ < limit_) {
      std::size_t open = window().find(code_open_, pos_);
      if (open == npos) break;
      pos_ = open + code_open_.size();
      if (!code_close_.empty() && code_close_[0] == '%') {
        if (at(pos_) == '%') {  // `<%%` is a literal `<%`
          ++pos_;
          continue;
        }
        bool hash = at(pos_) == '#';
        bool dashes = at(pos_) == '-' && at(pos_ + 1) == '-';
        if (hash || dashes) {  // template comments: <%# … %>, <%-- … --%>
          std::size_t end = window().find(code_close_, pos_);
          pos_ = end == npos ? limit_ : end + code_close_.size();
          continue;
        }
      }
      code('\0', 0);
    }
  } else {
    code('\0', 0);
  }
  if (!heredocs_.empty()) {  // opened on the last line: their bodies are empty
    pos_ = limit_;
    read_heredocs(0);
  }

  std::vector<std::size_t> newlines;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') newlines.push_back(i);
  }
  std::vector<StringLiteral> out;
  out.reserve(slots_.size());
  for (Slot& slot : slots_) {
    auto before = std::lower_bound(newlines.begin(), newlines.end(), slot.offset);
    out.push_back(StringLiteral{slot.offset, static_cast<int>(before - newlines.begin()) + 1,
                                std::move(slot.value), std::max(slot.end, slot.offset)});
  }
  std::stable_sort(out.begin(), out.end(), [](const StringLiteral& a, const StringLiteral& b) {
    return a.offset < b.offset;
  });
  return out;
}

void Scanner::code(char close, int depth) {
  Level level{close, depth, {}, Prev::Operator, 0, false};
  while (pos_ < limit_) {
    char c = text_[pos_];
    if (template_ && depth == 0 && looking_at(code_close_)) {
      pos_ += code_close_.size();
      return;
    }
    if (c == '\n') {
      newline(level);
      continue;
    }
    if (is_blank(c)) {
      ++pos_;
      continue;
    }
    if (close != '\0' && c == close && level.nesting == 0) {
      ++pos_;
      return;
    }
    if ((c == '=' || c == '_') && at_line_start() && line_construct()) continue;
    if (comment(level)) continue;
    if (c == '\\' && (at(pos_ + 1) == '\n' || (at(pos_ + 1) == '\r' && at(pos_ + 2) == '\n'))) {
      level.continued = true;
      ++pos_;
      continue;
    }
    if (special(level)) continue;
    if (quote(level)) continue;
    if (is_word(c)) {
      word(level);
      continue;
    }
    if (join_operator(level)) continue;
    punctuation(level);
  }
}

void Scanner::newline(Level& level) {
  ++pos_;
  if (!heredocs_.empty()) read_heredocs(level.depth);
  bool ends_statement = syntax_.statement_newlines && level.nesting == 0 && !level.continued;
  if (ends_statement && !level.join.op) level.join = Join{};
  level.continued = false;
}

// Constructs that only count at the start of a line: Ruby's `=begin`…`=end` and `__END__`, and
// Perl's POD (`=head1`…`=cut`) and `__END__` / `__DATA__`.
bool Scanner::line_construct() {
  if (!syntax_.ruby_like) return false;
  auto line_is = [&](std::string_view word) {
    if (!looking_at(word)) return false;
    char after = at(pos_ + word.size());
    return after == '\0' || is_space(after);
  };
  if (line_is("__END__") || (syntax_.lang == Lang::Perl && line_is("__DATA__"))) {
    pos_ = limit_;
    return true;
  }
  bool ruby_block = syntax_.lang == Lang::Ruby && line_is("=begin");
  bool pod = syntax_.lang == Lang::Perl && text_[pos_] == '=' && is_alpha(at(pos_ + 1));
  if (!ruby_block && !pod) return false;
  std::size_t end = window().find(ruby_block ? "\n=end" : "\n=cut", pos_);
  if (end == npos) {
    pos_ = limit_;
  } else {
    std::size_t eol = window().find('\n', end + 1);
    pos_ = eol == npos ? limit_ : eol;
  }
  return true;
}

bool Scanner::comment(const Level& level) {
  char c = text_[pos_];
  char next = at(pos_ + 1);
  Lang lang = syntax_.lang;
  if (syntax_.slash_comments && c == '/' && next == '/') {
    skip_line(level.depth);
    return true;
  }
  if (syntax_.slash_comments && c == '/' && next == '*') {
    pos_ += 2;
    skip_block("*/", syntax_.nested_comments ? "/*" : "");
    return true;
  }
  if (c == '#' && syntax_.hash_comments) {
    if (syntax_.hash_at_word_start && pos_ > 0) {
      char before = text_[pos_ - 1];
      if (!is_space(before) && before != ';' && before != '&' && before != '|' && before != '(' &&
          before != ')') {
        return false;
      }
    }
    if (lang == Lang::Julia && next == '=') {
      pos_ += 2;
      skip_block("=#", "#=");
    } else if (lang == Lang::Nim && next == '[') {
      pos_ += 2;
      skip_block("]#", "#[");
    } else {
      skip_line(level.depth);
    }
    return true;
  }
  if (c == '-' && next == '-' && syntax_.dash_comments) {
    if (lang == Lang::Lua && at(pos_ + 2) == '[') {
      std::size_t equals = run_of(pos_ + 3, '=');
      if (equals <= max_delimiter && at(pos_ + 3 + equals) == '[') {
        std::string close = "]" + std::string(equals, '=') + "]";
        pos_ += 4 + equals;
        skip_block(close, "");
        return true;
      }
    }
    skip_line(level.depth);
    return true;
  }
  if (lang == Lang::Haskell && c == '{' && next == '-') {
    pos_ += 2;
    skip_block("-}", "{-");
    return true;
  }
  if (lang == Lang::OCaml && c == '(' && next == '*') {
    pos_ += 2;
    skip_block("*)", "(*");
    return true;
  }
  if ((lang == Lang::Erlang && c == '%') || (lang == Lang::Clojure && c == ';') ||
      (lang == Lang::VisualBasic && c == '\'')) {
    skip_line(level.depth);
    return true;
  }
  return false;
}

void Scanner::skip_line(int depth) {
  // In a template a line comment also ends at the end of the code tag (`// … ?>`).
  bool tag = template_ && depth == 0;
  while (pos_ < limit_ && text_[pos_] != '\n') {
    if (tag && looking_at(code_close_)) return;
    ++pos_;
  }
}

// From after an opener to after its `close`; with `open`, comments nest.
void Scanner::skip_block(std::string_view close, std::string_view open) {
  int depth = 1;
  while (pos_ < limit_) {
    if (looking_at(close)) {
      pos_ += close.size();
      if (--depth == 0) return;
    } else if (!open.empty() && looking_at(open)) {
      pos_ += open.size();
      ++depth;
    } else {
      ++pos_;
    }
  }
}

bool Scanner::quote(Level& level) {
  char c = text_[pos_];
  const Quote* rule = c == '\''  ? &syntax_.single
                      : c == '"' ? &syntax_.dbl
                      : c == '`' ? &syntax_.back
                                 : nullptr;
  if (rule == nullptr || rule->kind == Kind::None) return false;
  if (rule->kind == Kind::Char) return char_literal(level);
  bool triple_allowed = c == '"' ? syntax_.triple_double : c == '\'' && syntax_.triple_single;
  Body body;
  body.interp = rule->interp;
  if (triple_allowed && at(pos_ + 1) == c && at(pos_ + 2) == c) {
    body.close = text_.substr(pos_, 3);
    body.escapes = syntax_.triple_escapes;
    pos_ += 3;
  } else {
    body.close = text_.substr(pos_, 1);
    body.escapes = rule->escapes;
    body.multiline = rule->multiline;
    ++pos_;
  }
  if (rule->kind == Kind::String) {
    report(level, body);
  } else {
    hide(level, body);
  }
  return true;
}

// 'a', '\n', '\'', '\u{1F600}', 'é': skipped whole. Anything else ('static lifetimes, Scala
// symbols, C++ digit separators, Haskell primes) leaves the quote as punctuation.
bool Scanner::char_literal(Level& level) {
  std::size_t i = pos_ + 1;
  std::size_t end = npos;
  if (at(i) == '\\') {
    for (std::size_t j = i + 2; j < limit_ && j < i + 14; ++j) {
      if (text_[j] == '\n') break;
      if (text_[j] == '\'') {
        end = j;
        break;
      }
    }
  } else if (i < limit_ && text_[i] != '\n' && text_[i] != '\'') {
    std::size_t after = i + utf8_length(text_[i]);
    if (at(after) == '\'') end = after;
  }
  if (end == npos) return false;
  pos_ = end + 1;
  level.join = Join{};
  level.prev = Prev::Operand;
  return true;
}

// Skips `skip` bytes that form a character literal or a sigil, not a string.
void Scanner::skip_char(Level& level, std::size_t skip) {
  pos_ = std::min(pos_ + skip, limit_);
  level.join = Join{};
  level.prev = Prev::Operand;
}

bool Scanner::special(Level& level) {
  char c = text_[pos_];
  char next = at(pos_ + 1);
  switch (syntax_.lang) {
    case Lang::CSharp:
      if (csharp(level)) return true;
      break;
    case Lang::Swift:
      if (c == '#') {
        std::size_t hashes = run_of(pos_, '#');
        std::size_t quote_at = pos_ + hashes;
        if (hashes > max_delimiter || at(quote_at) != '"') {
          pos_ += hashes;
          level.join = Join{};
          level.prev = Prev::Operator;
          return true;
        }
        bool triple = at(quote_at + 1) == '"' && at(quote_at + 2) == '"';
        std::string close = (triple ? "\"\"\"" : "\"") + std::string(hashes, '#');
        Body body{.close = close,
                  .escapes = Escapes::Full,
                  .interp = Interp::Paren,
                  .multiline = triple,
                  .hashes = hashes};
        pos_ = quote_at + (triple ? 3 : 1);
        report(level, body);
        return true;
      }
      break;
    case Lang::Ruby:
    case Lang::Perl:
      if (c == '<' && next == '<' && heredoc(level)) return true;
      if (c == '%' && syntax_.lang == Lang::Ruby && percent_literal(level)) return true;
      if (c == '$' && next != '\0' && !is_word(next) && !is_space(next) && next != '{') {
        skip_char(level, 2);  // special globals: $' $" $/ $;
        return true;
      }
      break;
    case Lang::Php:
      if (c == '<' && looking_at("<<<") && heredoc(level)) return true;
      break;
    case Lang::Shell:
      if (c == '<' && next == '<' && at(pos_ + 2) != '<' && heredoc(level)) return true;
      if (c == '$' && next == '\'') {
        pos_ += 2;
        report(level, Body{.close = "'", .escapes = Escapes::Full});
        return true;
      }
      if (c == '$' && next != '\0' && next != '"' && next != '(' && next != '{' && !is_word(next)) {
        skip_char(level, 2);  // $# $? $$ …
        return true;
      }
      if (c == '\\' && next != '\0') {  // `don\'t` outside quotes
        skip_char(level, 1 + utf8_length(next));
        return true;
      }
      break;
    case Lang::Elixir:
      if (c == '~' && is_alpha(next)) {
        std::size_t i = pos_ + 1;
        while (i < limit_ && is_alpha(text_[i]) && i - pos_ <= max_delimiter) ++i;
        char open = at(i);
        std::string_view openers = "/|\"'([{<";
        if (open == '\0' || openers.find(open) == npos) return false;
        bool raw = next >= 'A' && next <= 'Z';
        Body body{.close = {},
                  .escapes = raw ? Escapes::QuoteOnly : Escapes::Full,
                  .interp = raw ? Interp::None : Interp::Hash};
        if ((open == '"' || open == '\'') && at(i + 1) == open && at(i + 2) == open) {
          body.close = text_.substr(i, 3);
          pos_ = i + 3;
        } else {
          char closer = closing_bracket(open);
          body.close = one_char(closer != '\0' ? closer : open);
          if (closer != '\0') body.nest_open = open;
          pos_ = i + 1;
        }
        report(level, body);
        return true;
      }
      if (c == '?' && (pos_ == 0 || !is_word(text_[pos_ - 1])) && next != '\0' && !is_space(next)) {
        skip_char(level, next == '\\' ? 3 : 1 + utf8_length(next));  // ?a ?" ?\n
        return true;
      }
      break;
    case Lang::Erlang:
      if (c == '$' && next != '\0') {
        skip_char(level, next == '\\' ? 3 : 1 + utf8_length(next));  // $a $" $\n
        return true;
      }
      break;
    case Lang::Clojure:
      if (c == '\\' && next != '\0') {
        skip_char(level, 1 + utf8_length(next));  // \a \" \(
        return true;
      }
      break;
    case Lang::Lua:
      if (c == '[' && (next == '[' || next == '=')) {
        std::size_t equals = run_of(pos_ + 1, '=');
        if (equals <= max_delimiter && at(pos_ + 1 + equals) == '[') {
          std::string close = "]" + std::string(equals, '=') + "]";
          pos_ += 2 + equals;
          report(level, Body{.close = close, .escapes = Escapes::None});
          return true;
        }
      }
      break;
    case Lang::OCaml:
      if (c == '{' && (next == '|' || (next >= 'a' && next <= 'z') || next == '_')) {
        std::size_t i = pos_ + 1;
        while (i < limit_ && ((text_[i] >= 'a' && text_[i] <= 'z') || text_[i] == '_') &&
               i - pos_ <= max_delimiter) {
          ++i;
        }
        if (at(i) == '|') {
          std::string close = "|" + std::string(text_.substr(pos_ + 1, i - pos_ - 1)) + "}";
          pos_ = i + 1;
          report(level, Body{.close = close, .escapes = Escapes::None});
          return true;
        }
      }
      break;
    default:
      break;
  }
  if (c == '/' && syntax_.regex && regex(level)) return true;
  return false;
}

// C#: @"verbatim", $"interpolated {x}", $@"…", """raw""", $$"""raw {{x}}""".
bool Scanner::csharp(Level& level) {
  char c = text_[pos_];
  if (c == '@' && at(pos_ + 1) == '"') {
    pos_ += 2;
    report(level, Body{.close = "\"", .escapes = Escapes::Doubled});
    return true;
  }
  if (c == '@' && at(pos_ + 1) == '$' && at(pos_ + 2) == '"') {
    pos_ += 3;
    report(level, Body{.close = "\"", .escapes = Escapes::Doubled, .interp = Interp::Brace});
    return true;
  }
  if (c == '$') {
    std::size_t dollars = run_of(pos_, '$');
    std::size_t i = pos_ + dollars;
    bool verbatim = at(i) == '@';
    if (verbatim) ++i;
    if (at(i) != '"' || dollars > max_delimiter) {
      pos_ += dollars;  // the whole run, so that a long one is looked at once
      level.join = Join{};
      level.prev = Prev::Operator;
      return true;
    }
    std::size_t quotes = run_of(i, '"');
    if (!verbatim && quotes >= 3 && quotes <= max_delimiter) {
      Body body{.close = text_.substr(i, quotes),
                .escapes = Escapes::None,
                .interp = Interp::Brace,
                .braces = dollars};
      pos_ = i + quotes;
      report(level, body);
      return true;
    }
    pos_ = i + 1;
    report(level, Body{.close = "\"",
                       .escapes = verbatim ? Escapes::Doubled : Escapes::Full,
                       .interp = Interp::Brace,
                       .multiline = verbatim});
    return true;
  }
  if (c == '"') {
    std::size_t quotes = run_of(pos_, '"');
    if (quotes < 3) return false;
    if (quotes > max_delimiter) {
      pos_ += quotes;
      level.join = Join{};
      return true;
    }
    Body body{.close = text_.substr(pos_, quotes), .escapes = Escapes::None};
    pos_ += quotes;
    report(level, body);
    return true;
  }
  return false;
}

// `/…/` where an operand may start (JS, Ruby, Perl, Groovy): a regex such as /'/ must not open a
// string. A `/` after an operand divides; in Ruby and Perl `f /x/` (a method call) is a regex.
bool Scanner::regex(Level& level) {
  if (pos_ < no_regex_until_) return false;
  bool operand_next = level.prev == Prev::Operator;
  if (level.prev == Prev::Identifier && syntax_.lang != Lang::JavaScript &&
      syntax_.lang != Lang::Groovy) {
    char next = at(pos_ + 1);
    operand_next =
        pos_ > 0 && is_blank(text_[pos_ - 1]) && next != '\0' && !is_space(next) && next != '=';
  }
  if (!operand_next) return false;
  bool in_class = false;
  std::size_t i = pos_ + 1;
  while (i < limit_ && text_[i] != '\n') {
    char c = text_[i];
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      pos_ = i + 1;
      level.join = Join{};
      level.prev = Prev::Operand;
      return true;
    }
    ++i;
  }
  no_regex_until_ = std::min(i, limit_);
  return false;
}

// Ruby %q(…) %Q[…] %(…) %w[…] %i[…] %r{…} %x(…).
bool Scanner::percent_literal(Level& level) {
  bool operand_next = level.prev == Prev::Operator;
  std::size_t i = pos_ + 1;
  char type = at(i);
  if (std::string_view("qQwWiIrsx").find(type) != npos && type != '\0') {
    ++i;
  } else {
    type = '\0';
  }
  char open = at(i);
  if (open == '\0' || is_word(open) || is_space(open) || open == '=') return false;
  if (level.prev == Prev::Identifier) {
    operand_next = pos_ > 0 && is_blank(text_[pos_ - 1]);
  }
  if (!operand_next) return false;
  char closer = closing_bracket(open);
  bool quoted = type == 'q' || type == 'w' || type == 'i' || type == 's';
  Body body{.close = one_char(closer != '\0' ? closer : open),
            .escapes = quoted ? Escapes::QuoteOnly : Escapes::Full,
            .interp = quoted ? Interp::None : Interp::Hash,
            .nest_open = closer != '\0' ? open : '\0'};
  pos_ = i + 1;
  if (type == '\0' || type == 'q' || type == 'Q') {
    report(level, body);
  } else {
    hide(level, body);
  }
  return true;
}

// Heredoc openers: Ruby / Perl `<<~SQL`, `<<-SQL`, `<<SQL`, `<<~'SQL'`; shell `<<EOF`,
// `<<-'EOF'`; PHP `<<<SQL`, `<<<'SQL'`. The body starts on the next line.
bool Scanner::heredoc(Level& level) {
  Lang lang = syntax_.lang;
  std::size_t i = pos_ + (lang == Lang::Php ? 3 : 2);
  bool indented = lang == Lang::Php;
  bool squiggly = false;
  if (lang != Lang::Php && (at(i) == '~' || at(i) == '-')) {
    squiggly = at(i) == '~';
    indented = true;
    ++i;
  }
  if (lang == Lang::Php || lang == Lang::Shell) {
    while (at(i) == ' ' || at(i) == '\t') ++i;
  }
  char q = at(i);
  Body body{};
  switch (lang) {
    case Lang::Ruby:
      body.interp = Interp::Hash;
      break;
    case Lang::Perl:
      body.interp = Interp::Perl;
      break;
    case Lang::Php:
      body.interp = Interp::Php;
      break;
    default:
      body.interp = Interp::Shell;
      body.escapes = Escapes::Shell;
      break;
  }
  bool reported = true;
  std::string tag;
  if (q == '\'' || q == '"' || q == '`') {
    std::size_t end = i + 1;
    while (end < limit_ && text_[end] != q && text_[end] != '\n') ++end;
    if (at(end) != q || end == i + 1) return false;
    tag = std::string(text_.substr(i + 1, end - i - 1));
    i = end + 1;
    if (q == '\'') {
      body.escapes = Escapes::None;
      body.interp = Interp::None;
    }
    reported = q != '`';
  } else if (lang == Lang::Shell && q == '\\' && is_ident_start(at(i + 1))) {
    std::size_t end = i + 1;
    while (end < limit_ && is_word(text_[end])) ++end;
    tag = std::string(text_.substr(i + 1, end - i - 1));
    i = end;
    body.escapes = Escapes::None;
    body.interp = Interp::None;
  } else {
    // A bare `<<` takes a capitalised tag in Ruby and Perl: `x << y` and `a <<b` stay shifts.
    bool bare_ok = indented || lang == Lang::Shell || (q >= 'A' && q <= 'Z') || q == '_';
    if (!is_ident_start(q) || static_cast<unsigned char>(q) >= 0x80 || !bare_ok) return false;
    std::size_t end = i;
    while (end < limit_ && is_word(text_[end])) ++end;
    tag = std::string(text_.substr(i, end - i));
    i = end;
  }
  pos_ = i;
  std::size_t slot = npos;
  if (reported) {
    slot = slots_.size();
    slots_.push_back(Slot{pos_, {}});
  }
  heredocs_.push_back(Heredoc{slot, std::move(tag), indented, squiggly, lang == Lang::Php, body});
  level.join = Join{};
  level.prev = Prev::Operand;
  return true;
}

void Scanner::read_heredocs(int depth) {
  std::vector<Heredoc> pending;
  pending.swap(heredocs_);
  for (Heredoc& heredoc : pending) {
    std::size_t body_start = pos_;
    std::size_t body_end = limit_;
    std::size_t after = limit_;
    for (std::size_t line = pos_; line < limit_;) {
      std::size_t eol = std::min(window().find('\n', line), limit_);
      std::size_t first = line;
      if (heredoc.indented) {
        while (first < eol && is_blank(text_[first])) ++first;
      }
      std::size_t last = eol;
      while (last > first && is_blank(text_[last - 1])) --last;
      std::string_view text = text_.substr(first, last - first);
      const std::string& tag = heredoc.tag;
      bool found = heredoc.rest_is_code ? text.starts_with(tag) && (text.size() == tag.size() ||
                                                                    !is_word(text[tag.size()]))
                                        : text == tag;
      if (found) {
        body_end = line;
        after = heredoc.rest_is_code ? first + tag.size() : std::min(eol + 1, limit_);
        break;
      }
      line = eol + 1;
    }
    std::size_t saved_limit = limit_;
    limit_ = body_end;
    pos_ = body_start;
    std::string value = read_body(heredoc.body, depth);
    limit_ = saved_limit;
    pos_ = std::max(pos_, after);
    if (heredoc.slot != npos) {
      slots_[heredoc.slot] =
          Slot{body_start, heredoc.squiggly ? dedent(value) : std::move(value), body_end};
    }
  }
}

// Perl quote-like operators: q(…) qq{…} qw[…] qr/…/ m/…/ s/…/…/ tr/…/…/ y/…/…/.
bool Scanner::perl_quote(Level& level, std::string_view word) {
  static constexpr std::array<std::string_view, 8> operators = {"q", "qq", "qw", "qr",
                                                                "m", "s",  "tr", "y"};
  if (std::find(operators.begin(), operators.end(), word) == operators.end()) return false;
  char open = at(pos_);
  if (open == '\0' || is_word(open) || is_space(open) ||
      std::string_view("=,;)}]>:").find(open) != npos) {
    return false;
  }
  auto body_for = [&](char opener) {
    char closer = closing_bracket(opener);
    return Body{.close = one_char(closer != '\0' ? closer : opener),
                .escapes = Escapes::QuoteOnly,
                .nest_open = closer != '\0' ? opener : '\0'};
  };
  ++pos_;
  if (word == "q") {
    report(level, body_for(open));
    return true;
  }
  if (word == "qq") {
    Body body = body_for(open);
    body.escapes = Escapes::Full;
    body.interp = Interp::Perl;
    report(level, body);
    return true;
  }
  hide(level, body_for(open));
  if (word == "s" || word == "tr" || word == "y") {
    if (closing_bracket(open) != '\0') {
      while (pos_ < limit_ && is_space(text_[pos_])) ++pos_;
      char second = at(pos_);
      if (second == '\0' || is_word(second) || is_space(second)) return true;
      ++pos_;
      hide(level, body_for(second));
    } else {
      hide(level, body_for(open));
    }
  }
  return true;
}

// A word directly followed by a quote may be a string prefix: Python r"…" f"…" rb'…', Rust
// r#"…"#, C++ R"tag(…)tag", Scala s"…" and sql"…", Dart r'…', Nim r"…".
bool Scanner::prefixed(Level& level, std::string_view word) {
  char q = at(pos_);
  switch (syntax_.lang) {
    case Lang::Python: {
      if ((q != '\'' && q != '"') || word.size() > 2) return false;
      bool raw = false;
      bool format = false;
      for (char p : word) {
        switch (lower(p)) {
          case 'r':
            raw = true;
            break;
          case 'f':
          case 't':
            format = true;
            break;
          case 'b':
          case 'u':
            break;
          default:
            return false;
        }
      }
      bool triple = at(pos_ + 1) == q && at(pos_ + 2) == q;
      Body body{.close = text_.substr(pos_, triple ? 3 : 1),
                .escapes = raw ? Escapes::KeepBackslash : Escapes::Full,
                .interp = format ? Interp::Brace : Interp::None,
                .multiline = triple};
      pos_ += triple ? 3 : 1;
      report(level, body);
      return true;
    }
    case Lang::Rust: {
      if (word != "r" && word != "br" && word != "cr") return false;
      std::size_t hashes = run_of(pos_, '#');
      if (hashes > max_delimiter || at(pos_ + hashes) != '"') return false;
      std::string close = "\"" + std::string(hashes, '#');
      pos_ += hashes + 1;
      report(level, Body{.close = close, .escapes = Escapes::None});
      return true;
    }
    case Lang::C: {
      if (q != '"' ||
          (word != "R" && word != "u8R" && word != "uR" && word != "UR" && word != "LR")) {
        return false;
      }
      std::size_t i = pos_ + 1;
      while (i < limit_ && i - pos_ <= max_delimiter + 1) {
        char d = text_[i];
        if (d == '(' || d == ')' || d == '\\' || d == '"' || is_space(d)) break;
        ++i;
      }
      if (at(i) != '(') return false;  // not a raw string after all: an ordinary one follows
      std::string close = ")" + std::string(text_.substr(pos_ + 1, i - pos_ - 1)) + "\"";
      pos_ = i + 1;
      report(level, Body{.close = close, .escapes = Escapes::None});
      return true;
    }
    case Lang::Scala: {
      if (q != '"') return false;
      bool triple = at(pos_ + 1) == '"' && at(pos_ + 2) == '"';
      Body body{.close = text_.substr(pos_, triple ? 3 : 1),
                .escapes = word == "raw" ? Escapes::None : Escapes::Full,
                .interp = Interp::DollarName,
                .multiline = triple};
      pos_ += triple ? 3 : 1;
      report(level, body);
      return true;
    }
    case Lang::Dart:
    case Lang::Nim: {
      if (word != "r" && word != "R") return false;
      bool quote_ok = q == '"' || (q == '\'' && syntax_.lang == Lang::Dart);
      if (!quote_ok) return false;
      bool triple = at(pos_ + 1) == q && at(pos_ + 2) == q;
      Body body{.close = text_.substr(pos_, triple ? 3 : 1),
                .escapes = syntax_.lang == Lang::Nim && !triple ? Escapes::Doubled : Escapes::None,
                .multiline = triple};
      pos_ += triple ? 3 : 1;
      report(level, body);
      return true;
    }
    case Lang::Perl:
      return perl_quote(level, word);
    default:
      return false;
  }
}

void Scanner::word(Level& level) {
  std::size_t begin = pos_;
  bool number = is_digit(text_[pos_]);
  skip_identifier();
  Lang lang = syntax_.lang;
  if (number && lang == Lang::C) {  // 1'000'000
    while (at(pos_) == '\'' && is_word(at(pos_ + 1))) {
      ++pos_;
      skip_identifier();
    }
  }
  if ((lang == Lang::Haskell || lang == Lang::OCaml) && !number) {  // primes: foldl'
    while (at(pos_) == '\'') {
      ++pos_;
      skip_identifier();
    }
  }
  if ((lang == Lang::Ruby || lang == Lang::Elixir) && !number &&
      (at(pos_) == '?' || at(pos_) == '!') && at(pos_ + 1) != '=') {
    ++pos_;  // predicate and bang methods: empty? save!
  }
  std::string_view word = text_.substr(begin, pos_ - begin);
  if (!number && prefixed(level, word)) return;
  level.join = Join{};
  if (number) {
    level.prev = Prev::Operand;
  } else {
    level.prev = syntax_.regex && is_keyword(word, lang) ? Prev::Operator : Prev::Identifier;
  }
}

bool Scanner::join_operator(Level& level) {
  for (std::string_view op : syntax_.join) {
    if (op.empty() || !looking_at(op)) continue;
    char after = at(pos_ + op.size());
    if (after == '=' || (op.size() == 1 && after == op[0]) || (op == ".." && after == '.')) {
      continue;  // +=, ++, .=, ..., &&
    }
    if (level.join.slot != npos && !level.join.op) {
      level.join.op = true;
    } else {
      level.join = Join{};
    }
    pos_ += op.size();
    level.prev = Prev::Operator;
    return true;
  }
  return false;
}

void Scanner::punctuation(Level& level) {
  switch (text_[pos_]) {
    case '(':
    case '[':
    case '{':
      ++level.nesting;
      level.prev = Prev::Operator;
      break;
    case ')':
    case ']':
      if (level.nesting > 0) --level.nesting;
      level.prev = Prev::Operand;
      break;
    case '}':
      if (level.nesting > 0) --level.nesting;
      level.prev = Prev::Operator;
      break;
    default:
      level.prev = Prev::Operator;
      break;
  }
  level.join = Join{};
  ++pos_;
}

void Scanner::report(Level& level, const Body& body) {
  bool joins = level.join.slot != npos && (level.join.op || syntax_.juxtapose);
  if (joins) {
    std::size_t slot = level.join.slot;
    std::string value = read_body(body, level.depth);
    slots_[slot].value += value;
    slots_[slot].end = pos_;
    level.join = Join{slot, false};
  } else {
    std::size_t slot = slots_.size();
    slots_.push_back(Slot{pos_, {}});
    std::string value = read_body(body, level.depth);
    slots_[slot].value = std::move(value);
    slots_[slot].end = pos_;
    level.join = Join{slot, false};
  }
  level.prev = Prev::Operand;
}

void Scanner::hide(Level& level, const Body& body) {
  read_body(body, level.depth);  // literals inside its interpolations still count
  level.join = Join{};
  level.prev = Prev::Operand;
}

std::string Scanner::read_body(const Body& body, int depth) {
  std::string value;
  int nesting = 0;
  while (pos_ < limit_) {
    char c = text_[pos_];
    if (!body.close.empty() && c == body.close[0] && looking_at(body.close)) {
      if (body.escapes == Escapes::Doubled && looking_at(pos_ + body.close.size(), body.close)) {
        value += body.close;
        pos_ += 2 * body.close.size();
        continue;
      }
      if (nesting > 0) {
        --nesting;
        value += c;
        ++pos_;
        continue;
      }
      pos_ += body.close.size();
      return value;
    }
    if (body.nest_open != '\0' && c == body.nest_open) {
      ++nesting;
      value += c;
      ++pos_;
      continue;
    }
    if (c == '\r' && at(pos_ + 1) == '\n') {  // CRLF files give LF values
      ++pos_;
      continue;
    }
    if (c == '\n' && !body.multiline) return value;  // unterminated: the newline is code's
    if (c == '\\' && body.escapes != Escapes::None && body.escapes != Escapes::Doubled) {
      std::size_t intro = 1;
      while (intro <= body.hashes && at(pos_ + intro) == '#') ++intro;
      if (intro <= body.hashes) {  // Swift #"…\n…"#: a backslash without its hashes is text
        value += c;
        ++pos_;
        continue;
      }
      if (body.interp == Interp::Paren && at(pos_ + intro) == '(') {
        pos_ += intro + 1;
        embed(value, ')', depth);
        continue;
      }
      escape(value, body, intro);
      continue;
    }
    if (body.interp != Interp::None && interpolation(value, body, depth)) continue;
    value += c;
    ++pos_;
  }
  return value;  // unterminated: the literal ends at the limit
}

// Resolves the escape whose backslash (and Swift hashes: `intro` bytes) is at pos_.
void Scanner::escape(std::string& value, const Body& body, std::size_t intro) {
  std::size_t e = pos_ + intro;
  if (e >= limit_) {
    value += '\\';
    pos_ = limit_;
    return;
  }
  char d = text_[e];
  char close = body.close.empty() ? '\0' : body.close[0];
  bool delimiter = d == close || (body.nest_open != '\0' && d == body.nest_open);
  switch (body.escapes) {
    case Escapes::KeepBackslash:
      value += '\\';
      if (d == '\r' && at(e + 1) == '\n') ++e;
      value += text_[e];
      pos_ = e + 1;
      return;
    case Escapes::QuoteOnly:
      if (d == '\\' || delimiter) {
        value += d;
        pos_ = e + 1;
      } else {
        value += '\\';
        pos_ = e;
      }
      return;
    case Escapes::Shell:
      if (d == '$' || d == '`' || d == '"' || d == '\\') {
        value += d;
        pos_ = e + 1;
      } else if (d == '\n') {
        pos_ = e + 1;
      } else {
        value += '\\';
        pos_ = e;
      }
      return;
    case Escapes::None:
    case Escapes::Doubled:
    case Escapes::Full:
      break;
  }
  pos_ = e + 1;
  switch (d) {
    case 'n':
      value += '\n';
      return;
    case 't':
      value += '\t';
      return;
    case 'r':
      value += '\r';
      return;
    case 'a':
      value += '\a';
      return;
    case 'b':
      value += '\b';
      return;
    case 'f':
      value += '\f';
      return;
    case 'v':
      value += '\v';
      return;
    case 'e':
      value += '\x1b';
      return;
    case '\n':
      return;  // a line continuation
    case '\r':
      if (at(pos_) == '\n') ++pos_;
      return;
    case 'x': {
      unsigned code = 0;
      std::size_t digits = 0;
      while (digits < 2 && hex_value(at(pos_)) >= 0) {
        code = code * 16 + static_cast<unsigned>(hex_value(text_[pos_]));
        ++pos_;
        ++digits;
      }
      if (digits == 0) {
        value += "\\x";
      } else {
        value += static_cast<char>(code);
      }
      return;
    }
    case 'u':
    case 'U': {
      unsigned long code = 0;
      std::size_t digits = 0;
      if (d == 'u' && at(pos_) == '{') {
        std::size_t i = pos_ + 1;
        while (hex_value(at(i)) >= 0 && digits < 8) {
          code = code * 16 + static_cast<unsigned long>(hex_value(text_[i]));
          ++i;
          ++digits;
        }
        if (digits > 0 && at(i) == '}') {
          append_utf8(value, code);
          pos_ = i + 1;
          return;
        }
      } else {
        std::size_t want = d == 'u' ? 4 : 8;
        while (digits < want && hex_value(at(pos_ + digits)) >= 0) {
          code = code * 16 + static_cast<unsigned long>(hex_value(text_[pos_ + digits]));
          ++digits;
        }
        if (digits == want) {
          append_utf8(value, code);
          pos_ += want;
          return;
        }
      }
      value += '\\';
      value += d;
      return;
    }
    default:
      break;
  }
  if (d >= '0' && d <= '7') {
    unsigned code = static_cast<unsigned>(d - '0');
    for (int digits = 1; digits < 3 && at(pos_) >= '0' && at(pos_) <= '7'; ++digits) {
      code = code * 8 + static_cast<unsigned>(text_[pos_] - '0');
      ++pos_;
    }
    value += static_cast<char>(code & 0xFF);
    return;
  }
  if (delimiter || std::string_view("\\'\"`$#{}/? ").find(d) != npos) {
    value += d;
    return;
  }
  value += '\\';  // unknown: kept as written (regex classes such as `\d`)
  value += d;
}

// An interpolation at pos_ adds the marker to the value and scans its code.
bool Scanner::interpolation(std::string& value, const Body& body, int depth) {
  char c = text_[pos_];
  char next = at(pos_ + 1);
  auto name = [&](std::size_t from) {
    value += marker;
    pos_ = from;
    skip_identifier();
  };
  switch (body.interp) {
    case Interp::None:
    case Interp::Paren:  // at backslashes, in read_body
      return false;
    case Interp::DollarBrace:
      if (c != '$' || next != '{') return false;
      pos_ += 2;
      embed(value, '}', depth);
      return true;
    case Interp::DollarName:
      if (c != '$') return false;
      if (next == '{') {
        pos_ += 2;
        embed(value, '}', depth);
        return true;
      }
      if (next == '(' && syntax_.lang == Lang::Julia) {
        pos_ += 2;
        embed(value, ')', depth);
        return true;
      }
      if (next == '$' && syntax_.lang == Lang::Scala) {
        value += '$';
        pos_ += 2;
        return true;
      }
      if (!is_ident_start(next)) return false;
      name(pos_ + 1);
      while (syntax_.lang == Lang::Groovy && at(pos_) == '.' && is_ident_start(at(pos_ + 1))) {
        ++pos_;  // "$user.name" reads a property
        skip_identifier();
      }
      return true;
    case Interp::Hash:
      if (c != '#') return false;
      if (next == '{') {
        pos_ += 2;
        embed(value, '}', depth);
        return true;
      }
      if (syntax_.lang == Lang::Ruby && (next == '@' || next == '$')) {
        std::size_t i = pos_ + 2;
        if (next == '@' && at(i) == '@') ++i;
        if (!is_ident_start(at(i))) return false;
        name(i);
        return true;
      }
      return false;
    case Interp::Brace:
      if (c == '{') {
        if (body.braces <= 1) {
          if (next == '{') {
            value += '{';
            pos_ += 2;
          } else {
            ++pos_;
            embed(value, '}', depth);
          }
          return true;
        }
        std::size_t run = run_of(pos_, '{');
        if (run < body.braces) {
          value.append(run, '{');
          pos_ += run;
          return true;
        }
        value.append(run - body.braces, '{');
        pos_ += run;
        embed(value, '}', depth);
        for (std::size_t i = 1; i < body.braces && at(pos_) == '}'; ++i) ++pos_;
        return true;
      }
      if (c == '}' && next == '}' && body.braces <= 1) {
        value += '}';
        pos_ += 2;
        return true;
      }
      return false;
    case Interp::Php:
      if (c == '{' && next == '$') {
        ++pos_;
        embed(value, '}', depth);
        return true;
      }
      if (c != '$') return false;
      if (next == '{') {
        pos_ += 2;
        embed(value, '}', depth);
        return true;
      }
      if (!is_ident_start(next)) return false;
      name(pos_ + 1);
      if (at(pos_) == '-' && at(pos_ + 1) == '>' && is_ident_start(at(pos_ + 2))) {
        pos_ += 2;
        skip_identifier();
      } else if (at(pos_) == '[') {
        std::size_t end = pos_ + 1;
        while (end < limit_ && end - pos_ < 64 && text_[end] != ']' && text_[end] != '\n') ++end;
        if (at(end) == ']') pos_ = end + 1;
      }
      return true;
    case Interp::Perl:
      if ((c != '$' && c != '@') || (c == '@' && !is_ident_start(next))) return false;
      if (c == '$' && next == '{') {
        pos_ += 2;
        embed(value, '}', depth);
        return true;
      }
      if (!is_ident_start(next)) return false;
      name(pos_ + 1);
      while (at(pos_) == ':' && at(pos_ + 1) == ':' && is_ident_start(at(pos_ + 2))) {
        pos_ += 2;  // $Package::name
        skip_identifier();
      }
      return true;
    case Interp::Shell:
      if (c == '`') {
        value += marker;
        std::size_t end = window().find('`', pos_ + 1);
        pos_ = end == npos ? limit_ : end + 1;
        return true;
      }
      if (c != '$') return false;
      if (next == '{' || next == '(') {
        pos_ += 2;
        embed(value, next == '{' ? '}' : ')', depth);
        return true;
      }
      if (is_ident_start(next) && static_cast<unsigned char>(next) < 0x80) {
        name(pos_ + 1);
        return true;
      }
      if (next != '\0' && (is_digit(next) || std::string_view("@*#?!$-").find(next) != npos)) {
        value += marker;
        pos_ += 2;
        return true;
      }
      return false;
  }
  return false;
}

void Scanner::embed(std::string& value, char close, int depth) {
  value += marker;
  if (depth + 1 >= max_depth) {
    skip_balanced(close);
  } else {
    code(close, depth + 1);
  }
}

void Scanner::skip_balanced(char close) {
  char open = close == '}' ? '{' : close == ')' ? '(' : '[';
  int nesting = 0;
  while (pos_ < limit_) {
    char c = text_[pos_++];
    if (c == open) {
      ++nesting;
    } else if (c == close && nesting-- == 0) {
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

bool starts_like_query(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (is_space(c) || c == '(') {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      if (i == npos) return false;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      int depth = 0;
      while (i < sql.size()) {
        if (sql.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
      if (depth != 0) return false;
    } else {
      break;
    }
  }
  static constexpr std::array<std::string_view, 6> keywords = {"select", "insert", "update",
                                                               "delete", "with",   "merge"};
  for (std::string_view keyword : keywords) {
    if (i + keyword.size() >= sql.size() || is_word(sql[i + keyword.size()])) continue;
    bool same = true;
    for (std::size_t k = 0; k < keyword.size() && same; ++k) same = lower(sql[i + k]) == keyword[k];
    if (same) return true;
  }
  return false;
}

// Copies `sql`, replacing each placeholder by `$n`. Quoted strings, quoted identifiers,
// dollar-quoted bodies and comments are copied untouched.
class Placeholders {
 public:
  explicit Placeholders(std::string_view sql) : sql_(sql) {}

  std::string run() {
    out_.reserve(sql_.size() + 8);
    while (i_ < sql_.size()) step();
    return std::move(out_);
  }

 private:
  std::string_view sql_;
  std::size_t i_ = 0;
  std::string out_;
  int next_ = 0;
  std::map<std::string, int, std::less<>> numbered_;  // `$n` as written → its new number

  char at(std::size_t i) const { return i < sql_.size() ? sql_[i] : '\0'; }

  void placeholder(std::size_t skip) {
    out_ += '$';
    out_ += std::to_string(++next_);
    i_ += skip;
  }
  void copy_to(std::size_t end) {
    end = std::min(end, sql_.size());
    out_.append(sql_.substr(i_, end - i_));
    i_ = end;
  }
  // A quoted run from i_ whose quote is `q`; doubled quotes stay inside; `backslashes` for E'…'.
  void quoted(char q, bool backslashes) {
    std::size_t j = i_ + 1;
    while (j < sql_.size()) {
      if (backslashes && sql_[j] == '\\') {
        j += 2;
      } else if (sql_[j] == q) {
        if (at(j + 1) != q) break;
        j += 2;
      } else {
        ++j;
      }
    }
    copy_to(j + 1);
  }

  void step() {
    char c = sql_[i_];
    char next = at(i_ + 1);
    switch (c) {
      case '\'': {
        bool escape_string = i_ > 0 && (sql_[i_ - 1] == 'E' || sql_[i_ - 1] == 'e') &&
                             (i_ == 1 || !is_word(sql_[i_ - 2]));
        quoted('\'', escape_string);
        return;
      }
      case '"':
        quoted('"', false);
        return;
      case '-':
        if (next == '-') {
          copy_to(sql_.find('\n', i_));
          return;
        }
        break;
      case '/':
        if (next == '*') {
          std::size_t j = i_ + 2;
          int depth = 1;
          while (j < sql_.size() && depth > 0) {
            if (sql_.compare(j, 2, "/*") == 0) {
              ++depth;
              j += 2;
            } else if (sql_.compare(j, 2, "*/") == 0) {
              --depth;
              j += 2;
            } else {
              ++j;
            }
          }
          copy_to(j);
          return;
        }
        break;
      case '$':
        if (next == '?') return placeholder(2);
        if (is_digit(next)) {
          std::size_t j = i_ + 1;
          while (j < sql_.size() && is_digit(sql_[j])) ++j;
          std::string_view written = sql_.substr(i_ + 1, j - i_ - 1);
          auto found = numbered_.find(written);
          int number = found != numbered_.end() ? found->second : ++next_;
          if (found == numbered_.end()) numbered_.emplace(std::string(written), number);
          out_ += '$';
          out_ += std::to_string(number);
          i_ = j;
          return;
        }
        if (next == '{') return brace_placeholder();  // MyBatis ${name}
        if (next == '$' || is_ident_start(next)) {    // $$ … $$, $tag$ … $tag$
          std::size_t j = i_ + 1;
          while (j < sql_.size() && is_word(sql_[j])) ++j;
          if (at(j) == '$') {
            std::string_view tag = sql_.substr(i_, j - i_ + 1);
            std::size_t end = sql_.find(tag, j + 1);
            copy_to(end == npos ? sql_.size() : end + tag.size());
            return;
          }
        }
        break;
      case '#':
        if (next == '{') return brace_placeholder();  // MyBatis #{name}
        break;
      case '?':
        if (next == '|' || next == '&') break;  // jsonb ?| and ?& operators
        if (next == '?') {                      // JDBC's escape for the jsonb ? operator
          out_ += '?';
          i_ += 2;
          return;
        }
        return placeholder(1);
      case '%':
        if (next == 's' || next == 'd' || next == 'b') return placeholder(2);
        if (next == '%') {
          out_ += '%';
          i_ += 2;
          return;
        }
        if (next == '(') {
          std::size_t j = i_ + 2;
          while (j < sql_.size() && j - i_ < 66 && is_word(sql_[j])) ++j;
          if (at(j) == ')' && j > i_ + 2 && is_alpha(at(j + 1))) return placeholder(j + 2 - i_);
        }
        break;
      case ':':
        if (next == ':') {
          out_ += "::";
          i_ += 2;
          return;
        }
        if (is_ident_start(next)) return named(1);
        break;
      case '@':
        if (next == '@') {
          out_ += "@@";
          i_ += 2;
          return;
        }
        if (is_ident_start(next)) return named(1);
        break;
      default:
        if (is_word(c)) {  // whole words, so that `a$1` (an identifier) stays
          std::size_t j = i_;
          while (j < sql_.size() && (is_word(sql_[j]) || sql_[j] == '$')) ++j;
          copy_to(j);
          return;
        }
        break;
    }
    out_ += c;
    ++i_;
  }

  void named(std::size_t sigil) {
    std::size_t j = i_ + sigil;
    while (j < sql_.size() && is_word(sql_[j])) ++j;
    placeholder(j - i_);
  }
  void brace_placeholder() {
    std::size_t end = sql_.find('}', i_ + 2);
    if (end == npos) {
      out_ += sql_[i_];
      ++i_;
      return;
    }
    placeholder(end + 1 - i_);
  }
};

}  // namespace

std::vector<StringLiteral> string_literals(std::string_view path, std::string_view content) {
  Scanner scanner(content, language_of(path));
  return scanner.run();
}

std::optional<std::string> as_query(std::string_view literal) {
  if (!starts_like_query(literal)) return std::nullopt;
  return Placeholders(literal).run();
}

}  // namespace twostep::refs
