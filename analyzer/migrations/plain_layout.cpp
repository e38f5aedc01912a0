// The plain layout: `NNN_name.sql` files and `NNN_name/up.sql` (or `migration.sql`) folders,
// run by hand or by a script (`psql -f`): statement by statement unless twostep.toml says
// `transaction = "file"`. Names ending in `down.sql` are never read.
#include <algorithm>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

// Names that belong to a framework: a plain folder holding them is a mixed one.
bool framework_name(const std::string& name) {
  if (name.ends_with(".up.sql")) return true;  // golang-migrate
  if (name.rfind("R__", 0) == 0) return true;  // Flyway repeatable
  bool flyway = (name[0] == 'V' || name[0] == 'U') && name.size() > 1 &&
                starts_with_digit(name.substr(1)) && name.find("__") != std::string::npos;
  return flyway;
}

class PlainLayout final : public Layout {
 public:
  std::string_view name() const override { return "plain"; }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      std::string name = file_name(path);
      if (!name.ends_with(".sql")) continue;
      std::size_t depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
      if (name.ends_with("down.sql") && depth <= 1) {
        claim.ignored.push_back(path);
      } else if (depth == 0 && !framework_name(name)) {
        claim.migrations.push_back(path);
      } else if (depth == 1 && (name == "up.sql" || name == "migration.sql")) {
        claim.migrations.push_back(path);
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files,
                              const LayoutOptions& options) const override {
    TransactionMode mode = options.transaction.value_or(TransactionMode::None);
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      std::string folder = folder_name(path);
      migration.file.id = folder.empty() ? path.substr(0, path.size() - 4) : folder;
      migration.file.version = version_of(migration.file.id);
      migration.file.version_text = leading_version(migration.file.id);
      migration.file.transaction = mode;
      if (mode == TransactionMode::File) {
        migration.transaction_reason =
            "twostep.toml says the plain layout runs each file in one transaction "
            "(`transaction = \"file\"`)";
        migration.outside_transaction =
            "run it outside the file's transaction, in a step your migration runner does not wrap";
      }
      migration.text = files.read(path);
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_plain_layout() {
  return std::make_unique<PlainLayout>();
}

}  // namespace twostep::migrations
