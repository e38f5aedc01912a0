// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections, run in one
// transaction per file unless the file says `-- +goose NO TRANSACTION`; `.go` migrations register
// Go code that twostep cannot read.
#include <algorithm>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

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
      bool no_transaction = lower_contains(text, "+goose no transaction");
      migration.file.transaction = no_transaction ? TransactionMode::None : TransactionMode::File;
      migration.transaction_reason =
          no_transaction ? ""
                         : "goose runs this migration in one transaction (the file has no "
                           "`-- +goose NO TRANSACTION`)";
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
