#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace twostep {

// How the migration tool sends a file to PostgreSQL.
enum class TransactionMode {
  None,      // statement by statement, autocommit (psql -f); only the script's own BEGIN counts
  File,      // the tool wraps the file in one transaction
  Implicit,  // one multi-statement query: a transaction when it holds more than one statement
};

// A migration found in a layout, before its content is read.
struct MigrationFile {
  std::string id;    // the name that identifies it to the framework (file or folder name)
  std::string path;  // the file holding the up SQL, relative to the migrations folder
  std::vector<std::uint64_t> version;  // numeric parts of the version, for ordering
  std::string version_text;            // the version as written, for messages ("1.10", "0042")
  TransactionMode transaction = TransactionMode::None;
  bool repeatable = false;  // Flyway `R__`: runs after the versioned ones, again when it changes
};

// A migration as its framework runs it.
struct Migration {
  MigrationFile file;
  // The up part: every other byte of the file (down sections, framework directives) blanked,
  // so that positions are the original file's.
  std::string text;
  // Why the statements run (or not) in a transaction, in words, for findings:
  // "golang-migrate sends this file as one query, which PostgreSQL runs as one transaction".
  std::string transaction_reason;
  // Set when the migration cannot be analysed at all (a goose migration written in Go).
  std::optional<std::string> unanalysable;
};

// Migration order: repeatable ones last, then version parts compared as numbers, then the id.
bool migration_before(const MigrationFile& a, const MigrationFile& b);

}  // namespace twostep
