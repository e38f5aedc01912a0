#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace twostep {

// How the migration tool sends a file to PostgreSQL.
enum class TransactionMode {
  None,      // statement by statement, autocommit (psql -f)
  File,      // the tool wraps the file in one transaction
  Implicit,  // one multi-statement query: a transaction when it holds more than one statement
};

// A migration found in a layout, before its content is read.
struct MigrationFile {
  std::string id;    // the name that identifies it to the framework (file or folder name)
  std::string path;  // the file holding the up SQL, relative to the migrations folder
  std::vector<std::uint64_t> version;  // numeric parts of the leading version, for ordering
  TransactionMode transaction = TransactionMode::None;
};

// Migration order: version parts compared as numbers, then the id.
bool migration_before(const MigrationFile& a, const MigrationFile& b);

}  // namespace twostep
