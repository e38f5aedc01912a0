// dbmate: `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections, in file
// name order (dbmate sorts the names as strings), each in one transaction unless its
// `-- migrate:up` line says `transaction:false` — and even then sent as one query.
#include <algorithm>
#include <cctype>
#include <optional>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

// The `-- migrate:up …` line as written, or nothing. dbmate matches the marker at the start of
// the line and its options (`transaction:false`) case-sensitively; twostep takes the marker in
// any case, but only at the start of a line, and the options only as dbmate reads them.
std::optional<std::string> up_line(const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.starts_with("--") && comment_words(line).rfind("migrate:up", 0) == 0) return line;
    start = end + 1;
  }
  return std::nullopt;
}

// dbmate's version is the file name's leading digits (`^(\d+).*\.sql$`): `001-init.sql` and
// `001_users.sql` are both version `001`, and dbmate runs only one of them.
std::string dbmate_version(const std::string& name) {
  std::size_t end = 0;
  while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
  return name.substr(0, end);
}

class DbmateLayout final : public Layout {
 public:
  std::string_view name() const override { return "dbmate"; }
  bool records_version_only() const override { return true; }  // schema_migrations.version

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (path.find('/') != std::string::npos || !path.ends_with(".sql") ||
          !starts_with_digit(path)) {
        continue;
      }
      if (up_line(files.read(path))) {
        claim.migrations.push_back(path);
        claim.strong = true;
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = path.substr(0, path.size() - 4);
      migration.file.version_text = dbmate_version(path);
      migration.file.version = version_of(migration.file.version_text);
      migration.file.order = VersionOrder::Name;
      std::string text = files.read(path);
      std::string up = up_line(text).value_or("");
      bool no_transaction = up.find("transaction:false") != std::string::npos;  // as dbmate: exact
      keep_section(text, "migrate:up", "migrate:down");
      migration.outside_transaction =
          "put it alone in a migration whose `-- migrate:up` line says `transaction:false` (dbmate "
          "sends the up block as one query, so one statement only)";
      migration.text = std::move(text);
      // Either way dbmate sends the up block as one query: PostgreSQL runs the statements of one
      // query in one transaction block, whatever COMMIT stands among them.
      if (no_transaction) {
        migration.file.transaction = TransactionMode::Implicit;
        migration.transaction_reason =
            "dbmate sends the up block as one query even with `transaction:false`, and "
            "PostgreSQL runs it as one transaction when it holds more than one statement";
      } else {
        migration.file.transaction = TransactionMode::File;
        migration.transaction_reason =
            "dbmate runs this migration in one transaction (its `-- migrate:up` line has no "
            "`transaction:false`)";
        migration.one_query.push_back({0, migration.text.size()});
        migration.one_query_reason =
            "dbmate sends the up block as one query, and PostgreSQL runs the statements of one "
            "query in one transaction block, a COMMIT among them notwithstanding";
      }
      out.push_back(std::move(migration));
    }
    // dbmate orders by file name, not by number (`10_x.sql` before `9_x.sql`).
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_dbmate_layout() {
  return std::make_unique<DbmateLayout>();
}

}  // namespace twostep::migrations
