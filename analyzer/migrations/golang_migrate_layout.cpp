// golang-migrate: `<version>_<title>.up.sql` and `.down.sql`. The postgres driver opens no
// transaction of its own but sends the whole file as one query, which PostgreSQL runs as one
// implicit transaction when it holds more than one statement; with `x-multi-statement` in the
// database URL it sends the statements one by one (`transaction = "none"` in twostep.toml).
#include <algorithm>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

bool versioned(const std::string& name, std::string_view suffix) {
  return name.ends_with(suffix) && starts_with_digit(name) && name.find('_') != std::string::npos &&
         std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(name.find('_')),
                     [](char c) { return c >= '0' && c <= '9'; });
}

class GolangMigrateLayout final : public Layout {
 public:
  std::string_view name() const override { return "golang-migrate"; }
  bool records_version_only() const override { return true; }  // schema_migrations.version
  std::string out_of_order(const LayoutOptions&) const override {
    return "golang-migrate never runs it: `migrate up` runs only the versions after the "
           "database's current one, so every database already past it skips this migration "
           "without a word";
  }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (path.find('/') != std::string::npos) continue;
      if (versioned(path, ".up.sql")) claim.migrations.push_back(path);
      if (versioned(path, ".down.sql")) claim.ignored.push_back(path);
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files,
                              const LayoutOptions& options) const override {
    bool one_by_one = options.transaction == TransactionMode::None;
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = path.substr(0, path.size() - std::string_view(".up.sql").size());
      // The version is the number before the first `_` (`0002_1.7.0_schema` is version 2).
      migration.file.version_text = path.substr(0, path.find('_'));
      migration.file.version = version_of(migration.file.version_text);
      migration.file.transaction = one_by_one ? TransactionMode::None : TransactionMode::Implicit;
      migration.transaction_reason =
          one_by_one ? ""
                     : "golang-migrate sends this file as one query, which PostgreSQL runs as one "
                       "transaction when it holds more than one statement";
      migration.text = files.read(path);
      migration.outside_transaction =
          "put it in a migration file of its own: golang-migrate sends a one-statement file "
          "alone, outside any transaction";
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_golang_migrate_layout() {
  return std::make_unique<GolangMigrateLayout>();
}

}  // namespace twostep::migrations
