// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections, run in one
// transaction per file unless the file says `-- +goose NO TRANSACTION`; the statements go one by
// one, but a `StatementBegin`/`StatementEnd` block goes as one query. `.go` migrations register
// Go code that twostep cannot read.
#include <algorithm>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

// What goose's annotations say about the transaction and the queries of the up section.
struct Annotations {
  bool no_transaction = false;
  std::vector<Span> blocks;  // StatementBegin … StatementEnd in the up section
};

Annotations read_annotations(std::string_view text) {
  Annotations out;
  bool up = false;
  std::size_t block = std::string_view::npos;  // where the open block's SQL starts
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string words = comment_words(text.substr(start, end - start));
    if (words == "+goose no transaction") {
      out.no_transaction = true;
    } else if (words.rfind("+goose up", 0) == 0) {
      up = true;
    } else if (words.rfind("+goose down", 0) == 0) {
      up = false;
    } else if (words.rfind("+goose statementbegin", 0) == 0) {
      block = std::min(end + 1, text.size());
    } else if (words.rfind("+goose statementend", 0) == 0 && block != std::string_view::npos) {
      if (up) out.blocks.push_back({block, start});
      block = std::string_view::npos;
    }
    start = end + 1;
  }
  return out;
}

bool lower_contains(std::string text, std::string_view needle) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find(needle) != std::string::npos;
}

class GooseLayout final : public Layout {
 public:
  std::string_view name() const override { return "goose"; }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (path.find('/') != std::string::npos || !starts_with_digit(path)) continue;
      if (path.ends_with(".sql")) {
        if (lower_contains(files.read(path), "+goose up")) {
          claim.migrations.push_back(path);
          claim.strong = true;
        }
      } else if (path.ends_with(".go")) {
        std::string content = files.read(path);
        if (content.find("goose.Add") != std::string::npos) {
          claim.migrations.push_back(path);
          claim.strong = true;
        } else {
          claim.ignored.push_back(path);
        }
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = path.substr(0, path.rfind('.'));
      migration.file.version_text = path.substr(0, path.find('_'));
      migration.file.version = version_of(migration.file.version_text);
      if (path.ends_with(".go")) {
        migration.unanalysable = "a goose migration written in Go: twostep reads SQL only";
        out.push_back(std::move(migration));
        continue;
      }
      std::string text = files.read(path);
      Annotations annotations = read_annotations(text);
      bool no_transaction = annotations.no_transaction;
      migration.file.transaction = no_transaction ? TransactionMode::None : TransactionMode::File;
      migration.transaction_reason =
          no_transaction ? ""
                         : "goose runs this migration in one transaction (the file has no "
                           "`-- +goose NO TRANSACTION`)";
      migration.one_query = std::move(annotations.blocks);
      migration.one_query_reason =
          "goose sends a StatementBegin/StatementEnd block as one query, and PostgreSQL runs the "
          "statements of one query in one transaction block";
      keep_section(text, "+goose up", "+goose down");
      migration.text = std::move(text);
      out.push_back(std::move(migration));
    }
    std::sort(out.begin(), out.end(),
              [](const Migration& a, const Migration& b) { return migration_before(a.file, b.file); });
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_goose_layout() { return std::make_unique<GooseLayout>(); }

}  // namespace twostep::migrations
