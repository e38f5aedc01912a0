#include "analyzer/refs/code/textual.hpp"

#include <algorithm>
#include <array>

#include "analyzer/lang/scanner.hpp"
#include "analyzer/refs/source_line.hpp"
#include "analyzer/refs/words.hpp"
#include "analyzer/sql/parse.hpp"
#include "analyzer/support/text.hpp"

namespace twostep::refs {
namespace {}  // namespace

std::string keep_queries(const std::string& sql) {
  static constexpr std::array<std::string_view, 7> queries = {
      "select", "insert", "update", "delete", "merge", "with", "values"};
  std::string out = sql;
  sql::ParsedFile parsed = sql::parse_file(sql);
  std::size_t kept_until = 0;
  auto blank = [&](std::size_t begin, std::size_t end) { support::blank(out, begin, end); };
  for (const sql::Statement& statement : parsed.statements) {
    std::size_t word_end = statement.span.begin;
    while (word_end < sql.size() && is_word_char(sql[word_end])) ++word_end;
    std::string first = fold_case(
        std::string_view(sql).substr(statement.span.begin, word_end - statement.span.begin));
    bool query = std::find(queries.begin(), queries.end(), first) != queries.end();
    blank(kept_until, statement.span.begin);  // comments and separators between statements
    if (!query) blank(statement.span.begin, statement.span.end);
    kept_until = statement.span.end;
  }
  blank(kept_until, out.size());
  return out;
}

void TextualReferences::add_file(std::string path, std::string content, SourceKind kind,
                                 std::optional<std::string> searched) {
  if (kind == SourceKind::NotSource) return;
  if (kind == SourceKind::SqlQueries) {
    content = keep_queries(content);
    if (searched) searched = keep_queries(*searched);
  } else {
    // A name in a comment is prose, not a use: comments are left out of the search, and the
    // next mention in the file's code is the one found.
    std::vector<lang::Token> tokens = lang::tokens(path, content);
    bool any = std::any_of(tokens.begin(), tokens.end(), [](const lang::Token& token) {
      return token.kind == lang::TokenKind::Comment;
    });
    if (any) {
      if (!searched) searched = content;
      for (const lang::Token& token : tokens) {
        if (token.kind == lang::TokenKind::Comment)
          support::blank(*searched, token.offset, token.end);
      }
    }
  }
  const std::string& words = searched ? *searched : content;
  auto index = static_cast<std::uint32_t>(files_.size());
  std::uint32_t line = 1;
  std::size_t i = 0;
  std::unordered_map<std::string_view, bool> seen;
  while (i < words.size()) {
    char c = words[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (!is_word_char(c)) {
      ++i;
      continue;
    }
    std::size_t begin = i;
    while (i < words.size() && is_word_char(words[i])) ++i;
    std::string_view word(words.data() + begin, i - begin);
    if (word[0] >= '0' && word[0] <= '9') continue;  // numbers name nothing
    if (!seen.emplace(word, true).second) continue;
    std::string key(word);
    auto [entry, inserted] = by_word_.try_emplace(key);
    if (inserted) spellings_[fold_case(key)].push_back(key);
    entry->second.push_back(Hit{index, line});
  }
  files_.push_back(File{std::move(path), std::move(content)});
}

std::vector<TextualReferences::Hit> TextualReferences::hits(const std::string& name) const {
  std::vector<Hit> out;
  auto collect = [&](const std::string& spelling) {
    auto found = by_word_.find(spelling);
    if (found != by_word_.end()) out.insert(out.end(), found->second.begin(), found->second.end());
  };
  if (matches_exactly_only(name)) {
    collect(name);
  } else if (auto spellings = spellings_.find(name); spellings != spellings_.end()) {
    for (const std::string& spelling : spellings->second) collect(spelling);
  }
  // One hit per file, its first line; sorted by file so that callers can intersect. A single
  // spelling's hits are in file order already (files are indexed in order, once per word).
  auto by_file = [](const Hit& a, const Hit& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  };
  if (!std::is_sorted(out.begin(), out.end(), by_file)) std::sort(out.begin(), out.end(), by_file);
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Hit& a, const Hit& b) { return a.file == b.file; }),
            out.end());
  return out;
}

Evidence TextualReferences::evidence(const Hit& hit) const {
  const File& file = files_[hit.file];
  return Evidence{file.path,
                  static_cast<int>(hit.line),
                  source_line(file.content, static_cast<int>(hit.line)),
                  Strength::Textual,
                  Access::Unknown,
                  commit_,
                  std::nullopt};
}

namespace {
void sort_by_path(std::vector<Evidence>& evidence) {
  std::sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
}
}  // namespace

std::vector<Evidence> TextualReferences::relation(const QualifiedName& relation) const {
  return word(relation.name);
}

std::vector<Evidence> TextualReferences::column(const QualifiedName& relation,
                                                const std::string& column) const {
  std::vector<Hit> table_hits = hits(relation.name);
  std::vector<Evidence> out;
  auto table = table_hits.begin();
  for (const Hit& hit : hits(column)) {  // both sorted by file: a merge
    while (table != table_hits.end() && table->file < hit.file) ++table;
    if (table != table_hits.end() && table->file == hit.file) out.push_back(evidence(hit));
  }
  sort_by_path(out);
  return out;
}

std::vector<Evidence> TextualReferences::word(const std::string& name) const {
  std::vector<Evidence> out;
  for (const Hit& hit : hits(name)) out.push_back(evidence(hit));
  sort_by_path(out);
  return out;
}

std::vector<Evidence> TextualReferences::string_literal(const std::string& value) const {
  std::vector<Evidence> out;
  if (value.empty()) return out;
  for (std::uint32_t index = 0; index < files_.size(); ++index) {
    const std::string& content = files_[index].content;
    std::size_t best = std::string::npos;
    for (char quote : {'\'', '"', '`'}) {
      std::string needle = quote + value + quote;
      std::size_t at = content.find(needle);
      if (at != std::string::npos) best = std::min(best, at);
    }
    if (best == std::string::npos) continue;
    auto line = static_cast<std::uint32_t>(
        1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(best), '\n'));
    out.push_back(evidence(Hit{index, line}));
  }
  sort_by_path(out);
  return out;
}

}  // namespace twostep::refs
