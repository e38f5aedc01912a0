// Prisma Migrate: `<timestamp>_<name>/migration.sql` beside `migration_lock.toml`. `prisma migrate
// deploy` sends a migration file as one multi-statement script: PostgreSQL runs it as one
// implicit transaction when it holds more than one statement (see docs/layouts.md for the
// versions this was checked for).
#include <algorithm>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

class PrismaLayout final : public Layout {
 public:
  std::string_view name() const override { return "prisma"; }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (path == "migration_lock.toml") {
        claim.ignored.push_back(path);
        claim.strong = true;
      } else if (std::count(path.begin(), path.end(), '/') == 1 &&
                 file_name(path) == "migration.sql" && starts_with_digit(folder_name(path))) {
        claim.migrations.push_back(path);
      } else if (std::count(path.begin(), path.end(), '/') == 1 && file_name(path) == "down.sql" &&
                 starts_with_digit(folder_name(path))) {
        // Prisma's guide to down migrations keeps them here; `migrate deploy` never reads them.
        claim.ignored.push_back(path);
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files,
                              const LayoutOptions& options) const override {
    // Prisma 7.4 and later may send the statements one by one: `transaction = "none"`.
    bool one_by_one = options.transaction == TransactionMode::None;
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = folder_name(path);
      migration.file.version_text = leading_version(migration.file.id);
      migration.file.version = version_of(migration.file.id);
      migration.file.transaction = one_by_one ? TransactionMode::None : TransactionMode::Implicit;
      migration.transaction_reason =
          one_by_one ? ""
                     : "prisma migrate deploy sends this file as one script (Prisma 4 to 6), which "
                       "PostgreSQL runs as one transaction when it holds more than one statement";
      migration.text = files.read(path);
      migration.outside_transaction =
          "put it alone in a migration of its own: Prisma sends a one-statement file alone, "
          "outside any transaction";
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_prisma_layout() {
  return std::make_unique<PrismaLayout>();
}

}  // namespace twostep::migrations
