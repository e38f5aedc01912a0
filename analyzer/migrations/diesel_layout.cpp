// Diesel: `<timestamp>_<name>/up.sql` (and `down.sql`), each in one transaction unless the
// folder's `metadata.toml` says `run_in_transaction = false` — and even then sent as one batch.
#include <algorithm>
#include <cctype>

#include "analyzer/migrations/layouts.hpp"

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

bool says_no_transaction(std::string toml) {
  toml.erase(std::remove_if(toml.begin(), toml.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             toml.end());
  return toml.find("run_in_transaction=false") != std::string::npos;
}

class DieselLayout final : public Layout {
 public:
  std::string_view name() const override { return "diesel"; }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      std::string folder = folder_name(path);
      if (std::count(path.begin(), path.end(), '/') != 1 || !diesel_folder(folder)) continue;
      std::string name = file_name(path);
      if (name == "up.sql") {
        claim.migrations.push_back(path);
      } else if (name == "down.sql" || name == "metadata.toml") {
        claim.ignored.push_back(path);
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
      migration.file.version_text = leading_version(migration.file.id);
      migration.file.version = version_of(migration.file.id);
      std::string metadata = migration.file.id + "/metadata.toml";
      bool no_transaction = files.has(metadata) && says_no_transaction(files.read(metadata));
      // Without its transaction Diesel still sends up.sql as one batch (PQexec): PostgreSQL runs
      // several statements sent together as one implicit transaction.
      migration.file.transaction = no_transaction ? TransactionMode::Implicit : TransactionMode::File;
      migration.transaction_reason =
          no_transaction ? "Diesel sends up.sql as one batch even with `run_in_transaction = "
                           "false`, and PostgreSQL runs it as one transaction when it holds more "
                           "than one statement"
                         : "Diesel runs up.sql in one transaction (no `run_in_transaction = "
                           "false` in the migration's metadata.toml)";
      migration.text = files.read(path);
      out.push_back(std::move(migration));
    }
    std::sort(out.begin(), out.end(),
              [](const Migration& a, const Migration& b) { return migration_before(a.file, b.file); });
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_diesel_layout() { return std::make_unique<DieselLayout>(); }

}  // namespace twostep::migrations
