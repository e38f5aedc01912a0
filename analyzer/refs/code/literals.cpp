#include "analyzer/refs/code/literals.hpp"

#include <array>
#include <map>
#include <utility>

#include "analyzer/lang/characters.hpp"

namespace twostep::refs {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Where the first keyword of `sql` starts, after whitespace, comments and `(`; npos when a
// comment does not close.
std::size_t first_keyword(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (lang::is_space(c) || c == '(') {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      if (i == npos) return npos;
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
      if (depth != 0) return npos;
    } else {
      break;
    }
  }
  return i;
}

// Whether `sql` starts with one of `keywords` (lower case), as a whole word, in any case.
template <std::size_t N>
bool starts_with_keyword(std::string_view sql, const std::array<std::string_view, N>& keywords) {
  std::size_t i = first_keyword(sql);
  if (i == npos) return false;
  for (std::string_view keyword : keywords) {
    if (i + keyword.size() >= sql.size() || lang::is_identifier_char(sql[i + keyword.size()]))
      continue;
    bool same = true;
    for (std::size_t k = 0; k < keyword.size() && same; ++k)
      same = lang::lower(sql[i + k]) == keyword[k];
    if (same) return true;
  }
  return false;
}

bool starts_like_query(std::string_view sql) {
  static constexpr std::array<std::string_view, 6> keywords = {"select", "insert", "update",
                                                               "delete", "with",   "merge"};
  return starts_with_keyword(sql, keywords);
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
                             (i_ == 1 || !lang::is_identifier_char(sql_[i_ - 2]));
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
        if (lang::is_digit(next)) {
          std::size_t j = i_ + 1;
          while (j < sql_.size() && lang::is_digit(sql_[j])) ++j;
          std::string_view written = sql_.substr(i_ + 1, j - i_ - 1);
          auto found = numbered_.find(written);
          int number = found != numbered_.end() ? found->second : ++next_;
          if (found == numbered_.end()) numbered_.emplace(std::string(written), number);
          out_ += '$';
          out_ += std::to_string(number);
          i_ = j;
          return;
        }
        if (next == '{') return brace_placeholder();           // MyBatis ${name}
        if (next == '$' || lang::is_identifier_start(next)) {  // $$ … $$, $tag$ … $tag$
          std::size_t j = i_ + 1;
          while (j < sql_.size() && lang::is_identifier_char(sql_[j])) ++j;
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
          while (j < sql_.size() && j - i_ < 66 && lang::is_identifier_char(sql_[j])) ++j;
          if (at(j) == ')' && j > i_ + 2 && lang::is_alpha(at(j + 1)))
            return placeholder(j + 2 - i_);
        }
        break;
      case ':':
        if (next == ':') {
          out_ += "::";
          i_ += 2;
          return;
        }
        if (lang::is_identifier_start(next)) return named(1);
        break;
      case '@':
        if (next == '@') {
          out_ += "@@";
          i_ += 2;
          return;
        }
        if (lang::is_identifier_start(next)) return named(1);
        break;
      default:
        if (lang::is_identifier_char(c)) {  // whole words, so that `a$1` (an identifier) stays
          std::size_t j = i_;
          while (j < sql_.size() && (lang::is_identifier_char(sql_[j]) || sql_[j] == '$')) ++j;
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
    while (j < sql_.size() && lang::is_identifier_char(sql_[j])) ++j;
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

bool is_schema_statement(std::string_view literal) {
  static constexpr std::array<std::string_view, 10> keywords = {
      "alter", "drop",   "create",  "truncate", "comment",
      "grant", "revoke", "reindex", "vacuum",   "cluster"};
  return starts_with_keyword(literal, keywords);
}

std::optional<std::string> as_query(std::string_view literal) {
  if (!starts_like_query(literal)) return std::nullopt;
  return Placeholders(literal).run();
}

}  // namespace twostep::refs
