#include "analyzer/lang/scanner.hpp"

#include <algorithm>

#include "analyzer/lang/scanner_parts.hpp"

namespace twostep::lang {

void Scanner::scan() {
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
          std::size_t begin = open;
          pos_ = end == npos ? limit_ : end + code_close_.size();
          note(TokenKind::Comment, begin, pos_);
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
}

std::vector<StringLiteral> Scanner::run() {
  scan();
  lines_.emplace(text_);
  std::vector<StringLiteral> out;
  out.reserve(slots_.size());
  for (Slot& slot : slots_) {
    out.push_back(StringLiteral{slot.offset, lines_->line(slot.offset), std::move(slot.value),
                                std::max(slot.end, slot.offset)});
  }
  std::stable_sort(out.begin(), out.end(), [](const StringLiteral& a, const StringLiteral& b) {
    return a.offset < b.offset;
  });
  return out;
}

std::vector<Token> Scanner::run_tokens() {
  std::vector<StringLiteral> strings = run();
  std::vector<Token> out;
  out.reserve(strings.size() + other_.size());
  for (StringLiteral& literal : strings) {
    out.push_back(Token{TokenKind::String, literal.offset, literal.end, literal.line,
                        std::move(literal.value)});
  }
  for (Token& token : other_) {
    token.line = lines_->line(token.offset);
    out.push_back(std::move(token));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Token& a, const Token& b) { return a.offset < b.offset; });
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
    std::size_t begin = pos_;
    if ((c == '=' || c == '_') && at_line_start() && line_construct()) {
      note(TokenKind::Comment, begin, pos_);
      continue;
    }
    if (comment(level)) {
      note(TokenKind::Comment, begin, pos_);
      continue;
    }
    if (c == '\\' && (at(pos_ + 1) == '\n' || (at(pos_ + 1) == '\r' && at(pos_ + 2) == '\n'))) {
      level.continued = true;
      ++pos_;
      continue;
    }
    if (special(level)) continue;
    if (quote(level)) continue;
    if (is_identifier_char(c)) {
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
        std::string close = delimiter(']', std::string(equals, '='), ']');
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

void Scanner::word(Level& level) {
  std::size_t begin = pos_;
  bool number = is_digit(text_[pos_]);
  skip_identifier();
  Lang lang = syntax_.lang;
  if (number && lang == Lang::C) {  // 1'000'000
    while (at(pos_) == '\'' && is_identifier_char(at(pos_ + 1))) {
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
  note(number ? TokenKind::Number : TokenKind::Identifier, begin, begin + word.size());
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
    note(TokenKind::Punctuation, pos_, pos_ + op.size());
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
  note(TokenKind::Punctuation, pos_, pos_ + 1);
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

std::vector<StringLiteral> string_literals(std::string_view path, std::string_view content) {
  Scanner scanner(content, language_of(path));
  return scanner.run();
}

std::vector<Token> tokens(std::string_view path, std::string_view content) {
  Scanner scanner(content, language_of(path), true);
  return scanner.run_tokens();
}

}  // namespace twostep::lang
