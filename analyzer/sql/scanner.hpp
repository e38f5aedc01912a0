#pragma once
// Tokens from libpg_query's own scanner (pg_query_scan): comments, statement separators and
// positions come from PostgreSQL's lexer, never from a hand-written one.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::sql {

enum class TokenKind {
  Comment,
  Semicolon,
  OpenParen,
  CloseParen,
  OpenBracket,
  CloseBracket,
  Comma,
  Dot,
  Star,
  Other
};

struct Token {
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
  TokenKind kind = TokenKind::Other;
  bool keyword = false;
  bool unreserved = false;  // an unreserved keyword: usable as a name without quotes
};

// An error from PostgreSQL's lexer or parser, positioned in bytes.
struct SqlError {
  std::string message;
  std::size_t offset = 0;  // byte offset into the text that was given
  bool has_position = false;
};

struct ScanResult {
  std::vector<Token> tokens;
  std::optional<SqlError> error;  // an unterminated quote, dollar quote or comment
};

ScanResult scan(const std::string& text);

// The tokens (sorted by position, as the scanner gives them) that start in [begin, end).
std::span<const Token> tokens_between(const std::vector<Token>& tokens, std::size_t begin,
                                      std::size_t end);

// libpg_query reports `cursorpos` as a 1-based count of characters of the text it was given;
// this turns it into a byte offset into that text (0 when there is no position).
std::size_t cursor_to_offset(std::string_view text, int cursorpos);

}  // namespace twostep::sql
