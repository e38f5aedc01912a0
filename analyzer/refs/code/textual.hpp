#pragma once
// The textual provider: a table is referenced where a source file contains its name as a whole
// word; a column where one file contains both the column's and its table's names. A heuristic
// that leans to safety: lower-case names match case-insensitively, names with capitals (created
// quoted) match exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/refs/source_filter.hpp"
#include "twostep/references.hpp"

namespace twostep::refs {

class TextualReferences final : public References {
 public:
  explicit TextualReferences(std::string commit) : commit_(std::move(commit)) {}

  // Adds one file of the deployed app; SqlQueries files keep only their query statements. Words
  // are indexed from `searched` when given (the file with what exact providers understood
  // blanked); string literals and evidence lines always come from `content`.
  void add_file(std::string path, std::string content, SourceKind kind,
                std::optional<std::string> searched = std::nullopt);

  std::vector<Evidence> relation(const QualifiedName& relation) const override;
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override;
  std::vector<Evidence> string_literal(const std::string& value) const override;
  std::vector<Evidence> word(const std::string& word) const override;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string path;
    std::string content;
  };
  struct Hit {
    std::uint32_t file;
    std::uint32_t line;  // 1-based, first occurrence of the word in the file
  };
  std::string commit_;
  std::vector<File> files_;
  std::unordered_map<std::string, std::vector<Hit>> by_word_;            // exact spelling
  std::unordered_map<std::string, std::vector<std::string>> spellings_;  // folded → exact ones

  // First hit per file, by file index, honouring the case rule.
  std::vector<Hit> hits(const std::string& name) const;
  Evidence evidence(const Hit& hit) const;
};

// Blanks every statement of a `.sql` file that is not a query (SELECT, INSERT, UPDATE, DELETE,
// MERGE, WITH, VALUES), keeping offsets and lines: a schema dump is not a reference.
std::string keep_queries(const std::string& sql);

}  // namespace twostep::refs
