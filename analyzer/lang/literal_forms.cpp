// The literal openers some languages add to plain quotes: C# verbatim and interpolated strings,
// regex literals, Ruby's %-literals and heredocs, Perl's quote operators, and prefixed strings
// (raw, byte, f-strings, Rust r#"…"#, C++ R"(…)").
#include <algorithm>

#include "analyzer/lang/scanner_parts.hpp"

namespace twostep::lang {

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
      if (c == '$' && next != '\0' && !is_identifier_char(next) && !is_space(next) && next != '{') {
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
      if (c == '$' && next != '\0' && next != '"' && next != '(' && next != '{' &&
          !is_identifier_char(next)) {
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
      if (c == '?' && (pos_ == 0 || !is_identifier_char(text_[pos_ - 1])) && next != '\0' &&
          !is_space(next)) {
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
          std::string close = delimiter(']', std::string(equals, '='), ']');
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
          std::string close = delimiter('|', text_.substr(pos_ + 1, i - pos_ - 1), '}');
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
  if (open == '\0' || is_identifier_char(open) || is_space(open) || open == '=') return false;
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
  } else if (lang == Lang::Shell && q == '\\' && is_identifier_start(at(i + 1))) {
    std::size_t end = i + 1;
    while (end < limit_ && is_identifier_char(text_[end])) ++end;
    tag = std::string(text_.substr(i + 1, end - i - 1));
    i = end;
    body.escapes = Escapes::None;
    body.interp = Interp::None;
  } else {
    // A bare `<<` takes a capitalised tag in Ruby and Perl: `x << y` and `a <<b` stay shifts.
    bool bare_ok = indented || lang == Lang::Shell || (q >= 'A' && q <= 'Z') || q == '_';
    if (!is_identifier_start(q) || static_cast<unsigned char>(q) >= 0x80 || !bare_ok) return false;
    std::size_t end = i;
    while (end < limit_ && is_identifier_char(text_[end])) ++end;
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
      bool found = heredoc.rest_is_code
                       ? text.starts_with(tag) &&
                             (text.size() == tag.size() || !is_identifier_char(text[tag.size()]))
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
  if (open == '\0' || is_identifier_char(open) || is_space(open) ||
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
      if (second == '\0' || is_identifier_char(second) || is_space(second)) return true;
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
      std::string close = delimiter('"', std::string(hashes, '#'), '\0');
      close.pop_back();
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
      std::string close = delimiter(')', text_.substr(pos_ + 1, i - pos_ - 1), '"');
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

}  // namespace twostep::lang
