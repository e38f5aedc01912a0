// Diesel: `<version>_<name>/up.sql` (and `down.sql`), each in one transaction unless the
// folder's `metadata.toml` says otherwise — and either way sent as one batch. The version is the
// folder name before its first `_` without dashes, compared as a string (as Diesel does).
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

#include "analyzer/migrations/layouts.hpp"
#include "twostep/error.hpp"

namespace twostep::migrations {
namespace {

// `2019-02-26-002946_name`, `2025-09-19-132648-0000_name` (newer Diesel CLIs) or
// `20190226002946_name`, and Diesel's own `00000000000000_diesel_initial_setup`.
bool diesel_folder(const std::string& folder) {
  auto digits = [&](std::size_t from, std::size_t count) {
    if (folder.size() < from + count) return false;
    return std::all_of(folder.begin() + static_cast<std::ptrdiff_t>(from),
                       folder.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  auto ends = [&](std::size_t at) {
    return folder.size() > at && (folder[at] == '_' || folder[at] == '-');
  };
  bool dashed = digits(0, 4) && folder.size() > 17 && folder[4] == '-' && digits(5, 2) &&
                folder[7] == '-' && digits(8, 2) && folder[10] == '-' && digits(11, 6) && ends(17);
  bool compact = digits(0, 14) && ends(14);
  return dashed || compact;
}

// Diesel reads metadata.toml with serde, where `run_in_transaction` defaults to bool's default:
// without the file a migration runs in a transaction, with a file that does not set the key it
// does not.
bool runs_in_transaction(const FileSource& files, const std::string& metadata) {
  if (!files.has(metadata)) return true;
  try {
    toml::table table = toml::parse(files.read(metadata));
    const toml::node* value = table.get("run_in_transaction");
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      throw UsageError(fmt::format("{}: `run_in_transaction` must be true or false", metadata));
    }
    return value->as_boolean()->get();
  } catch (const toml::parse_error& error) {
    throw UsageError(fmt::format("{}:{}:{}: {}", metadata, error.source().begin.line,
                                 error.source().begin.column, error.description()));
  }
}

std::string without_dashes(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  return text;
}

class DieselLayout final : public Layout {
 public:
  std::string_view name() const override { return "diesel"; }
  bool records_version_only() const override { return true; }  // __diesel_schema_migrations

  // Diesel takes every folder holding an up.sql (`diesel migration generate --version 0001 x`
  // makes `0001_x/`); its timestamped folder names, or a metadata.toml, say the folder is
  // Diesel's rather than the plain layout's `NNN_name/up.sql`.
  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      std::string folder = folder_name(path);
      if (std::count(path.begin(), path.end(), '/') != 1 || folder.empty() || folder[0] == '.') {
        continue;
      }
      std::string name = file_name(path);
      if (name == "up.sql") {
        claim.migrations.push_back(path);
        if (diesel_folder(folder)) claim.strong = true;
      } else if (name == "down.sql" || name == "metadata.toml") {
        claim.ignored.push_back(path);
        if (name == "metadata.toml") claim.strong = true;
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = folder_name(path);
      migration.file.version_text =
          without_dashes(migration.file.id.substr(0, migration.file.id.find('_')));
      migration.file.version = version_of(migration.file.version_text);
      migration.file.order = VersionOrder::VersionText;
      migration.text = files.read(path);
      migration.outside_transaction =
          "put it alone in a migration whose metadata.toml says `run_in_transaction = false` "
          "(Diesel sends up.sql as one batch, so one statement only)";
      // Either way Diesel sends up.sql as one batch (PQexec): PostgreSQL runs the statements of
      // one batch in one transaction block, whatever COMMIT stands among them.
      if (runs_in_transaction(files, migration.file.id + "/metadata.toml")) {
        migration.file.transaction = TransactionMode::File;
        migration.transaction_reason =
            "Diesel runs up.sql in one transaction (the migration has no metadata.toml, or it "
            "says `run_in_transaction = true`)";
        migration.one_query.push_back({0, migration.text.size()});
        migration.one_query_reason =
            "Diesel sends up.sql as one batch, and PostgreSQL runs the statements of one batch in "
            "one transaction block, a COMMIT among them notwithstanding";
      } else {
        migration.file.transaction = TransactionMode::Implicit;
        migration.transaction_reason =
            "Diesel sends up.sql as one batch even without its transaction, and PostgreSQL runs "
            "it as one transaction when it holds more than one statement";
      }
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_diesel_layout() {
  return std::make_unique<DieselLayout>();
}

}  // namespace twostep::migrations
