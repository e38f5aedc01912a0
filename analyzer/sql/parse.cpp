#include "analyzer/sql/parse.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "analyzer/sql/json_node.hpp"
#include "analyzer/sql/lower.hpp"

namespace twostep::sql {
namespace {

constexpr std::string_view kParserNote =
    " (twostep parses PostgreSQL 15 syntax; newer syntax is not understood)";

struct ParseResultDeleter {
  void operator()(PgQueryParseResult* result) const {
    pg_query_free_parse_result(*result);
    delete result;
  }
};
using ParseResultPtr = std::unique_ptr<PgQueryParseResult, ParseResultDeleter>;

// PostgreSQL quotes the rest of the input after "at or near" for unterminated literals: keep a
// finding's message on one short line.
std::string tidy_message(std::string message) {
  const std::string marker = "at or near \"";
  std::size_t at = message.find(marker);
  if (at == std::string::npos) return message;
  std::size_t begin = at + marker.size();
  std::size_t close = message.rfind('"');
  std::string quoted = message.substr(begin, close > begin ? close - begin : std::string::npos);
  std::size_t cut = quoted.find_first_of("\r\n");
  bool shortened = false;
  if (cut != std::string::npos) {
    quoted.resize(cut);
    shortened = true;
  }
  if (quoted.size() > 40) {
    quoted.resize(40);
    shortened = true;
  }
  return message.substr(0, begin) + quoted + (shortened ? "…" : "") + "\"";
}

ParseResultPtr run_parser(const std::string& text) {
  return ParseResultPtr(new PgQueryParseResult(pg_query_parse(text.c_str())));
}

SqlError parser_error(const PgQueryError& error, std::string_view parsed, std::size_t base) {
  SqlError out;
  out.message = tidy_message(error.message != nullptr ? error.message : "syntax error");
  // Any rejection may be syntax of a later PostgreSQL ("subquery in FROM must have an alias" is
  // PostgreSQL 16's optional alias): say which grammar judged it.
  out.message += kParserNote;
  out.has_position = error.cursorpos > 0;
  out.offset = base + cursor_to_offset(parsed, error.cursorpos);
  return out;
}

// A region of the file that the parser saw as one statement (or failed to).
struct Region {
  std::size_t begin = 0;  // libpg_query's stmt_location: right after the previous `;`
  std::size_t end = 0;    // exclusive; before the `;`
};

class FileParser {
 public:
  FileParser(const std::string& text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  // Parses text_[0, limit): the whole region at once, statement by statement where that fails.
  void parse(std::size_t limit, ParsedFile& out) {
    std::string region = text_.substr(0, limit);
    ParseResultPtr whole = run_parser(region);
    if (whole->error == nullptr) {
      simdjson::dom::parser json;
      simdjson::dom::element document;
      if (json.parse(whole->parse_tree, std::strlen(whole->parse_tree)).get(document) ==
          simdjson::SUCCESS) {
        for (const JsonNode& raw : JsonNode(document).list("stmts")) {
          std::size_t begin = static_cast<std::size_t>(raw.integer("stmt_location"));
          std::int64_t length = raw.integer("stmt_len");
          std::size_t end = length == 0 ? limit : begin + static_cast<std::size_t>(length);
          add_parsed(raw.field("stmt"), 0, Region{begin, end}, out);
        }
        return;
      }
    }
    parse_split(region, out);
  }

  // Statement span: first to last non-comment token of the region.
  std::optional<Span> token_span(Region region) const {
    std::optional<Span> span;
    for (const Token& token : tokens_between(tokens_, region.begin, region.end)) {
      if (token.kind == TokenKind::Comment || token.kind == TokenKind::Semicolon) continue;
      if (!span) span = Span{token.begin, token.end};
      span->end = std::min(token.end, region.end);
    }
    return span;
  }

  const std::vector<Token>& tokens() const { return tokens_; }

 private:
  const std::string& text_;
  std::vector<Token> tokens_;

  void add_parsed(const JsonNode& stmt, std::size_t base, Region region, ParsedFile& out) {
    std::optional<Span> span = token_span(region);
    if (!span) return;  // only comments: nothing to analyse
    Statement statement;
    statement.span = *span;
    LowerInput input{text_, base, *span, &tokens_};
    Lowered lowered = lower_statement(stmt, input);
    statement.kind = std::move(lowered.kind);
    statement.changes = std::move(lowered.changes);
    out.statements.push_back(std::move(statement));
  }

  void add_failed(SqlError error, Span span, ParsedFile& out) {
    Statement statement;
    statement.span = span;
    if (!error.has_position || error.offset < span.begin) error.offset = span.begin;
    statement.error = std::move(error);
    out.statements.push_back(std::move(statement));
  }

  // Parses one region on its own; node locations and error positions are relative to it.
  void parse_alone(Region region, ParsedFile& out) {
    std::optional<Span> span = token_span(region);
    if (!span) return;
    std::string piece = text_.substr(region.begin, region.end - region.begin);
    ParseResultPtr result = run_parser(piece);
    if (result->error != nullptr) {
      add_failed(parser_error(*result->error, piece, region.begin), *span, out);
      return;
    }
    simdjson::dom::parser json;
    simdjson::dom::element document;
    if (json.parse(result->parse_tree, std::strlen(result->parse_tree)).get(document) !=
        simdjson::SUCCESS) {
      // libpg_query passes bytes through; its JSON then holds invalid UTF-8.
      add_failed(SqlError{"the statement is not valid UTF-8 (twostep reads migrations as UTF-8)",
                          span->begin, true},
                 *span, out);
      return;
    }
    std::vector<JsonNode> raws = JsonNode(document).list("stmts");
    for (const JsonNode& raw : raws) {
      std::size_t begin = region.begin + static_cast<std::size_t>(raw.integer("stmt_location"));
      std::int64_t length = raw.integer("stmt_len");
      std::size_t end = length == 0 ? region.end : begin + static_cast<std::size_t>(length);
      add_parsed(raw.field("stmt"), region.begin, Region{begin, end}, out);
    }
  }

  void parse_split(const std::string& region_text, ParsedFile& out) {
    PgQuerySplitResult split = pg_query_split_with_scanner(region_text.c_str());
    std::vector<Region> regions;
    if (split.error == nullptr && split.stmts != nullptr) {
      for (int i = 0; i < split.n_stmts; ++i) {
        std::size_t begin = static_cast<std::size_t>(split.stmts[i]->stmt_location);
        regions.push_back(
            Region{begin, begin + static_cast<std::size_t>(split.stmts[i]->stmt_len)});
      }
    }
    pg_query_free_split_result(split);
    // The splitter drops fragments without a keyword (`SELECT 1; foo bar; SELECT 3`): every
    // token outside its statements, up to the next `;`, becomes a region of its own.
    std::vector<Region> orphans;
    std::size_t next = 0;
    std::optional<Region> orphan;
    for (const Token& token : tokens_) {
      if (token.begin >= region_text.size()) break;
      while (next < regions.size() && regions[next].end <= token.begin) ++next;
      bool covered = next < regions.size() && regions[next].begin <= token.begin;
      if (token.kind == TokenKind::Comment) continue;
      if (covered || token.kind == TokenKind::Semicolon) {
        if (orphan) orphans.push_back(*orphan);
        orphan.reset();
        continue;
      }
      if (!orphan) orphan = Region{token.begin, token.end};
      orphan->end = token.end;
    }
    if (orphan) orphans.push_back(*orphan);
    regions.insert(regions.end(), orphans.begin(), orphans.end());
    std::sort(regions.begin(), regions.end(),
              [](const Region& a, const Region& b) { return a.begin < b.begin; });
    for (const Region& region : regions) parse_alone(region, out);
  }
};

// A suppression comment's keyword and what follows it. `twostep:ignore` may stand anywhere in the
// comment; squawk's keyword only at its start, as squawk reads it.
std::optional<Directive> read_directive(std::string_view comment, Span span) {
  bool block = comment.rfind("/*", 0) == 0;
  Directive directive;
  directive.span = span;
  std::string_view rest;
  constexpr std::string_view kTwostep = "twostep:ignore";
  constexpr std::string_view kSquawk = "squawk-ignore";
  if (std::size_t at = comment.find(kTwostep); at != std::string_view::npos) {
    rest = comment.substr(at + kTwostep.size());
  } else {
    std::string_view body = comment.substr(2);
    std::size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || body.substr(first).rfind(kSquawk, 0) != 0) {
      return std::nullopt;
    }
    directive.squawk = true;
    rest = body.substr(first + kSquawk.size());
  }
  if (rest.rfind("-file", 0) == 0) {
    directive.whole_file = true;
    rest.remove_prefix(5);
  }
  if (block && rest.size() >= 2 && rest.substr(rest.size() - 2) == "*/") rest.remove_suffix(2);
  // `twostep:ignored`, `squawk-ignores`: another word, not a directive.
  if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\r' && rest[0] != '\n' &&
      rest[0] != '*') {
    return std::nullopt;
  }
  directive.body = std::string(rest);
  return directive;
}

// A statement directive belongs to the statement whose last line it ends (`…; -- twostep:ignore`)
// or contains, else to the next statement.
void attach_directives(const std::string& text, const std::vector<Token>& tokens, ParsedFile& out) {
  std::vector<std::size_t> newlines;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') newlines.push_back(i);
  }
  auto line_of = [&](std::size_t offset) {
    return std::lower_bound(newlines.begin(), newlines.end(), offset) - newlines.begin();
  };
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::Comment) continue;
    std::string_view comment(text.data() + token.begin, token.end - token.begin);
    std::optional<Directive> directive = read_directive(comment, {token.begin, token.end});
    if (!directive) continue;
    std::size_t index = out.directives.size();
    bool whole_file = directive->whole_file;
    out.directives.push_back(std::move(*directive));
    if (whole_file) continue;
    // Statements are in file order: the first one that ends after the comment either contains
    // it or follows it; the one before it may end on the comment's line.
    auto next = std::lower_bound(
        out.statements.begin(), out.statements.end(), token.begin,
        [](const Statement& s, std::size_t offset) { return s.span.end <= offset; });
    Statement* target = nullptr;
    bool inside = next != out.statements.end() && next->span.begin <= token.begin;
    if (!inside && next != out.statements.begin()) {
      Statement& previous = *std::prev(next);
      if (line_of(previous.span.end) == line_of(token.begin)) target = &previous;
    }
    if (target == nullptr && next != out.statements.end()) target = &*next;
    if (target != nullptr) target->directives.push_back(index);
  }
}

}  // namespace

ParsedFile parse_file(const std::string& original) {
  // A NUL byte ends the C string libpg_query sees: what follows it is not text, and is reported
  // rather than silently cut off.
  std::size_t nul = original.find('\0');
  if (nul != std::string::npos) {
    ParsedFile out = parse_file(original.substr(0, nul));
    Statement statement;
    statement.span = {nul, original.size()};
    statement.error = SqlError{
        "the file holds a NUL byte here: it is not a text SQL file, and the "
        "rest of it is not analysed",
        nul, true};
    out.statements.push_back(std::move(statement));
    return out;
  }
  // A UTF-8 byte order mark is not SQL; blank it so that offsets stay those of the file.
  std::string text = original;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.replace(0, 3, "   ");
  ParsedFile out;
  ScanResult scanned = scan(text);
  if (!scanned.error) {
    FileParser parser(text, std::move(scanned.tokens));
    parser.parse(text.size(), out);
    attach_directives(text, parser.tokens(), out);
    return out;
  }
  // An unterminated quote, dollar quote or comment: the scanner gives up on the whole file.
  // Everything up to the last `;` before it is parsed as usual; the rest is one parse-error.
  SqlError error = *scanned.error;
  error.message = tidy_message(error.message);
  std::string prefix = text.substr(0, error.offset);
  ScanResult prefix_scan = scan(prefix);
  std::size_t cut = 0;
  for (const Token& token : prefix_scan.tokens) {
    if (token.kind == TokenKind::Semicolon) cut = token.end;
  }
  FileParser parser(text, std::move(prefix_scan.tokens));
  if (cut > 0) parser.parse(cut, out);
  std::optional<Span> broken = parser.token_span(Region{cut, error.offset});
  Span span{broken ? broken->begin : error.offset, text.size()};
  std::size_t last = text.find_last_not_of(" \t\r\n");
  if (last != std::string::npos && last + 1 > span.begin) span.end = last + 1;
  Statement statement;
  statement.span = span;
  error.message += "; the rest of the file is not analysed";
  statement.error = std::move(error);
  out.statements.push_back(std::move(statement));
  attach_directives(text, parser.tokens(), out);
  return out;
}

std::string statement_text(const std::string& file_text, const Statement& statement) {
  std::string out;
  bool space = false;
  for (std::size_t i = statement.span.begin; i < statement.span.end && i < file_text.size(); ++i) {
    char c = file_text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace twostep::sql
