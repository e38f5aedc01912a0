// What a literal holds once its opener is read: its text up to the terminator, with escapes
// resolved and interpolations replaced by the marker (their code scanned for literals of its own).
#include <algorithm>

#include "analyzer/lang/scanner_parts.hpp"

namespace twostep::lang {

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
      if (!is_identifier_start(next)) return false;
      name(pos_ + 1);
      while (syntax_.lang == Lang::Groovy && at(pos_) == '.' && is_identifier_start(at(pos_ + 1))) {
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
        if (!is_identifier_start(at(i))) return false;
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
      if (!is_identifier_start(next)) return false;
      name(pos_ + 1);
      if (at(pos_) == '-' && at(pos_ + 1) == '>' && is_identifier_start(at(pos_ + 2))) {
        pos_ += 2;
        skip_identifier();
      } else if (at(pos_) == '[') {
        std::size_t end = pos_ + 1;
        while (end < limit_ && end - pos_ < 64 && text_[end] != ']' && text_[end] != '\n') ++end;
        if (at(end) == ']') pos_ = end + 1;
      }
      return true;
    case Interp::Perl:
      if ((c != '$' && c != '@') || (c == '@' && !is_identifier_start(next))) return false;
      if (c == '$' && next == '{') {
        pos_ += 2;
        embed(value, '}', depth);
        return true;
      }
      if (!is_identifier_start(next)) return false;
      name(pos_ + 1);
      while (at(pos_) == ':' && at(pos_ + 1) == ':' && is_identifier_start(at(pos_ + 2))) {
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
      if (is_identifier_start(next) && static_cast<unsigned char>(next) < 0x80) {
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

}  // namespace twostep::lang
