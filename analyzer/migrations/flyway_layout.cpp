// Flyway: `V<version>__<description>.sql` in version order (`1.10` after `1.9`; `_` separates
// version parts like `.`), then `R__<description>.sql` repeatables by description, run again
// whenever they change; `U…` undo scripts never run on deploy. One transaction per script, except
// where the script's `.sql.conf` says `executeInTransaction=false`, or where the script holds
// statements PostgreSQL refuses in a transaction block: then Flyway runs it without one — and
// refuses a script that mixes both kinds unless `mixed` is set.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>

#include "analyzer/migrations/flyway_settings.hpp"
#include "analyzer/migrations/layouts.hpp"
#include "analyzer/sql/parse.hpp"

namespace twostep::migrations {
namespace {

enum class Kind { Versioned, Repeatable, Undo, None };

// `V1_2__add.sql` → Versioned, version text `1_2`.
Kind kind_of(const std::string& name, std::string& version) {
  if (!name.ends_with(".sql")) return Kind::None;
  std::size_t separator = name.find("__");
  if (separator == std::string::npos) return Kind::None;
  if (name.rfind("R__", 0) == 0) return Kind::Repeatable;
  if ((name[0] != 'V' && name[0] != 'U') || separator < 2) return Kind::None;
  version = name.substr(1, separator - 1);
  bool valid = std::all_of(version.begin(), version.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_';
  });
  if (!valid || !std::isdigit(static_cast<unsigned char>(version[0]))) return Kind::None;
  return name[0] == 'V' ? Kind::Versioned : Kind::Undo;
}

// Flyway's SQL callbacks: `<event>.sql` or `<event>__<description>.sql` beside the migrations
// (`afterMigrate.sql`, `beforeEachMigrate__lock_timeout.sql`). They are Flyway's own files, but no
// migrations: twostep does not check them (docs/layouts.md).
bool is_callback(const std::string& name) {
  // Every event is `before…` or `after…` (beforeMigrate, afterEachMigrateError, afterClean, …),
  // but createSchema.
  static constexpr std::array<std::string_view, 3> kPrefixes = {"before", "after", "createSchema"};
  if (!name.ends_with(".sql")) return false;
  std::string event = name.substr(0, std::min(name.find("__"), name.size() - 4));
  if (event.empty() || !std::all_of(event.begin(), event.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](std::string_view prefix) {
    return event.rfind(prefix, 0) == 0 &&
           (event.size() == prefix.size() ||
            std::isupper(static_cast<unsigned char>(event[prefix.size()])));
  });
}

// Flyway compares version parts as numbers, and ignores trailing zero parts (`1.0` is `1`).
std::vector<std::uint64_t> flyway_version(const std::string& text) {
  std::vector<std::uint64_t> parts = version_of(text);
  while (parts.size() > 1 && parts.back() == 0) parts.pop_back();
  return parts;
}

// The statements Flyway itself treats as unable to run in a transaction (PostgreSQLParser's
// detectCanExecuteInTransaction): a script holding one runs without a transaction. Flyway does
// not know every such statement — REINDEX INDEX … CONCURRENTLY and DETACH PARTITION …
// CONCURRENTLY it runs in a transaction, where PostgreSQL refuses them.
// What Flyway puts for `${name}`: a configured placeholder (names compared as Flyway does,
// ignoring case), or a built-in one twostep can know; nothing for the rest (the user, the
// database, the time), which become identifiers of their names.
std::optional<std::string> placeholder_value(const std::string& name,
                                             const FlywaySettings& settings) {
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  if (name == "flyway:defaultSchema") return settings.default_schema;
  if (name == "flyway:table") return std::string("flyway_schema_history");
  for (const auto& [key, value] : settings.placeholders) {
    if (lower(key) == lower(name)) return value;
  }
  return std::nullopt;
}

// Flyway orders repeatable scripts by description, where `_` reads as a space.
std::string repeatable_description(const std::string& id) {
  std::string description = id.substr(3);  // R__…
  std::replace(description.begin(), description.end(), '_', ' ');
  return description;
}

// Flyway runs a script outside a transaction when its own parser sees a statement PostgreSQL
// refuses in one; it does not know `REINDEX … CONCURRENTLY` or `DETACH PARTITION … CONCURRENTLY`.
bool flyway_runs_outside_transaction(const Change& change, PgVersion version) {
  std::optional<std::string> statement = outside_transaction_only(change, version);
  return statement && *statement != "REINDEX CONCURRENTLY" &&
         *statement != "ALTER TABLE … DETACH PARTITION … CONCURRENTLY";
}

class FlywayLayout final : public Layout {
 public:
  std::string_view name() const override { return "flyway"; }
  std::string out_of_order(const LayoutOptions& options) const override {
    if (options.flyway.out_of_order) return {};
    return "Flyway's validation fails on a database already past it (\"Detected resolved "
           "migration not applied to database\"), so `flyway migrate` stops, unless `outOfOrder` "
           "is set";
  }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      std::string name = file_name(path);
      std::string version;
      Kind kind = kind_of(name, version);
      if (kind == Kind::Versioned || kind == Kind::Repeatable) {
        claim.migrations.push_back(path);
      } else if (kind == Kind::Undo || name.ends_with(".sql.conf") || is_callback(name)) {
        claim.ignored.push_back(path);
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files,
                              const LayoutOptions& options) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      std::string name = file_name(path);
      Migration migration;
      migration.file.path = path;
      migration.file.checksummed = true;
      // Flyway knows a script by its version (or repeatable description) and its file name, not
      // by the subfolder it sits in: moving it between subfolders is no edit. (Two scripts of one
      // name in two subfolders are told apart by their paths: pending::split.)
      migration.file.identity = name;
      migration.file.id = name.substr(0, name.size() - 4);
      std::string version;
      if (kind_of(name, version) == Kind::Repeatable) {
        migration.file.repeatable = true;
        migration.file.version_text.push_back(
            'R');  // not `= "R"`: GCC 12 warns falsely (-Wrestrict)
      } else {
        migration.file.version_text = version;
        migration.file.version = flyway_version(version);
      }
      migration.text = files.read(path);
      if (options.flyway.placeholder_replacement) {
        std::string original = migration.text;
        if (substitute_placeholders(migration.text, 0, migration.text.size(),
                                    [&](const std::string& placeholder) {
                                      return placeholder_value(placeholder, options.flyway);
                                    })) {
          migration.original_text = std::move(original);
        }
      }
      std::optional<bool> in_transaction;
      if (files.has(path + ".conf")) {
        in_transaction =
            boolean_property(read_properties(files.read(path + ".conf")), "executeInTransaction");
      }
      decide_transaction(migration, in_transaction, options);
      out.push_back(std::move(migration));
    }
    std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) {
      if (a.file.repeatable && b.file.repeatable) {
        return repeatable_description(a.file.id) < repeatable_description(b.file.id);
      }
      return migration_before(a.file, b.file);
    });
    return out;
  }

 private:
  // `executeInTransaction` in the script's .sql.conf overrides what Flyway would detect.
  static void decide_transaction(Migration& migration, std::optional<bool> conf_says,
                                 const LayoutOptions& options) {
    if (conf_says == false) {
      migration.file.transaction = TransactionMode::None;
      return;
    }
    if (conf_says == true) {
      migration.file.transaction = TransactionMode::File;
      migration.transaction_outlives_commit = true;
      migration.transaction_reason =
          "Flyway runs this script in one transaction: its .sql.conf says "
          "`executeInTransaction=true`";
      migration.outside_transaction =
          "move it to a script of its own, without `executeInTransaction=true` in a .sql.conf";
      return;
    }
    bool outside = false;
    bool transactional = false;
    for (const sql::Statement& statement : sql::parse_file(migration.text).statements) {
      bool this_outside = false;
      for (const Change& change : statement.changes) {
        if (flyway_runs_outside_transaction(change, options.postgres_version)) this_outside = true;
      }
      outside = outside || this_outside;
      if (!this_outside) transactional = true;
    }
    if (outside && (!transactional || options.flyway.mixed)) {
      migration.file.transaction = TransactionMode::None;  // Flyway runs it without a transaction
      return;
    }
    migration.file.transaction = TransactionMode::File;
    // A COMMIT in the script does not end it: the JDBC connection, autocommit off, opens the next
    // transaction at the next statement (and a mixed script is refused whole).
    migration.transaction_outlives_commit = true;
    migration.transaction_reason =
        outside ? "Flyway would run this script in one transaction, and refuses it outright: it "
                  "mixes statements that cannot run in a transaction with ones that can (allowed "
                  "only with `mixed` set, as `flyway.mixed=true`)"
                : "Flyway runs each script in one transaction: it does not know that this "
                  "statement cannot run in one, and the script has no `executeInTransaction=false` "
                  "in its .sql.conf";
    migration.outside_transaction =
        outside ? "move it to a script of its own, which Flyway runs without a transaction"
                : "move it to a script of its own with `executeInTransaction=false` in the "
                  "script's .sql.conf (Flyway detects CREATE/DROP INDEX CONCURRENTLY by itself, "
                  "not REINDEX or DETACH PARTITION)";
  }
};

}  // namespace

std::unique_ptr<Layout> make_flyway_layout() {
  return std::make_unique<FlywayLayout>();
}

}  // namespace twostep::migrations
