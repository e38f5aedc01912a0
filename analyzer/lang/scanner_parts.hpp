#pragma once
// The scanner's parts, shared by the files that implement it (scanner.cpp: the code between
// literals; literal_forms.cpp: each language's special literal openers; literal_bodies.cpp: what a
// literal holds). Not for use outside analyzer/lang: scanner.hpp is the interface.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/characters.hpp"
#include "analyzer/lang/scanner.hpp"
#include "analyzer/lang/syntax.hpp"
#include "analyzer/support/line_index.hpp"

namespace twostep::lang {

constexpr std::size_t npos = std::string_view::npos;
// Interpolations nest (`${ `${x}` }`); deeper than this their code is skipped by counting
// brackets, so that hostile input cannot exhaust the stack.
constexpr int max_depth = 64;
// Longest delimiter of a raw string (`r###"`, `R"tag(`, `[==[`, `"""""`): longer runs are taken
// as punctuation, which keeps matching the closing delimiter cheap.
constexpr std::size_t max_delimiter = 16;
// The marker that stands for an interpolated expression in a literal's value.
constexpr std::string_view marker = "$?";

// `open` + `middle` + `close` (a raw string's terminator), built by appending: GCC 12 warns
// falsely (-Wrestrict) on `"x" + std::string(…)` chains once they are inlined.
inline std::string delimiter(char open, std::string_view middle, char close) {
  std::string out(1, open);
  out.append(middle);
  out += close;
  return out;
}

inline int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline std::size_t utf8_length(char c) {
  auto byte = static_cast<unsigned char>(c);
  if ((byte & 0xE0) == 0xC0) return 2;
  if ((byte & 0xF0) == 0xE0) return 3;
  if ((byte & 0xF8) == 0xF0) return 4;
  return 1;
}

inline void append_utf8(std::string& out, unsigned long code) {
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
inline std::string_view one_char(char c) {
  static const std::array<char, 256> chars = [] {
    std::array<char, 256> all{};
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<char>(i);
    return all;
  }();
  return {&chars[static_cast<unsigned char>(c)], 1};
}

inline char closing_bracket(char open) {
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
inline std::string dedent(const std::string& text) {
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
  // `all_tokens`: record comments, words and punctuation too, not only the string literals.
  Scanner(std::string_view text, Language language, bool all_tokens = false)
      : text_(text),
        syntax_(syntax_of(language.lang)),
        limit_(text.size()),
        all_tokens_(all_tokens) {
    if (language.template_file) {
      bool php = language.lang == Lang::Php;
      code_open_ = php ? "<?" : "<%";
      code_close_ = php ? "?>" : "%>";
      // A PHP file without any tag is plain code (a snippet, or a file that never leaves PHP).
      template_ = !php || text.find("<?") != npos;
    }
  }

  std::vector<StringLiteral> run();
  std::vector<Token> run_tokens();

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
  bool all_tokens_ = false;
  std::vector<Token> other_;                 // comments, words, punctuation (with all_tokens_)
  std::optional<support::LineIndex> lines_;  // built once the scan is done
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
    while (pos_ < limit_ && is_identifier_char(text_[pos_])) ++pos_;
  }
  void read_heredocs(int depth);
  void scan();
  // Records a token other than a string, when all tokens are asked for.
  void note(TokenKind kind, std::size_t begin, std::size_t end) {
    if (all_tokens_ && end > begin) {
      other_.push_back(Token{kind, begin, end, 0, std::string(text_.substr(begin, end - begin))});
    }
  }
};

}  // namespace twostep::lang
