#include "analyzer/sql/scanner.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <memory>

namespace twostep::sql {
namespace {

TokenKind kind_of(PgQuery__Token token) {
  switch (token) {
    case PG_QUERY__TOKEN__SQL_COMMENT:
    case PG_QUERY__TOKEN__C_COMMENT:
      return TokenKind::Comment;
    case PG_QUERY__TOKEN__ASCII_59:
      return TokenKind::Semicolon;
    case PG_QUERY__TOKEN__ASCII_40:
      return TokenKind::OpenParen;
    case PG_QUERY__TOKEN__ASCII_41:
      return TokenKind::CloseParen;
    case PG_QUERY__TOKEN__ASCII_91:
      return TokenKind::OpenBracket;
    case PG_QUERY__TOKEN__ASCII_93:
      return TokenKind::CloseBracket;
    case PG_QUERY__TOKEN__ASCII_44:
      return TokenKind::Comma;
    case PG_QUERY__TOKEN__ASCII_46:
      return TokenKind::Dot;
    case PG_QUERY__TOKEN__ASCII_42:
      return TokenKind::Star;
    default:
      return TokenKind::Other;
  }
}

struct ScanResultDeleter {
  void operator()(PgQueryScanResult* result) const {
    pg_query_free_scan_result(*result);
    delete result;
  }
};

struct UnpackedDeleter {
  void operator()(PgQuery__ScanResult* result) const {
    pg_query__scan_result__free_unpacked(result, nullptr);
  }
};

}  // namespace

std::size_t cursor_to_offset(std::string_view text, int cursorpos) {
  if (cursorpos <= 0) return 0;
  std::size_t characters = static_cast<std::size_t>(cursorpos - 1);
  std::size_t offset = 0;
  while (offset < text.size() && characters > 0) {
    ++offset;
    // Skip UTF-8 continuation bytes: they belong to the character just counted.
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;
    }
    --characters;
  }
  return offset;
}

std::span<const Token> tokens_between(const std::vector<Token>& tokens, std::size_t begin,
                                      std::size_t end) {
  auto by_begin = [](const Token& token, std::size_t offset) { return token.begin < offset; };
  auto first = std::lower_bound(tokens.begin(), tokens.end(), begin, by_begin);
  auto last = std::lower_bound(first, tokens.end(), end, by_begin);
  return {first, last};
}

ScanResult scan(const std::string& text) {
  ScanResult out;
  std::unique_ptr<PgQueryScanResult, ScanResultDeleter> result(
      new PgQueryScanResult(pg_query_scan(text.c_str())));
  if (result->error != nullptr) {
    out.error =
        SqlError{result->error->message ? result->error->message : "scanner error",
                 cursor_to_offset(text, result->error->cursorpos), result->error->cursorpos > 0};
    return out;
  }
  std::unique_ptr<PgQuery__ScanResult, UnpackedDeleter> unpacked(pg_query__scan_result__unpack(
      nullptr, result->pbuf.len, reinterpret_cast<const uint8_t*>(result->pbuf.data)));
  if (!unpacked) {
    out.error = SqlError{"could not read the scanner's output", 0, false};
    return out;
  }
  out.tokens.reserve(unpacked->n_tokens);
  for (std::size_t i = 0; i < unpacked->n_tokens; ++i) {
    const PgQuery__ScanToken* token = unpacked->tokens[i];
    out.tokens.push_back(Token{static_cast<std::size_t>(token->start),
                               static_cast<std::size_t>(token->end), kind_of(token->token),
                               token->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD,
                               token->keyword_kind == PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD});
  }
  return out;
}

}  // namespace twostep::sql
