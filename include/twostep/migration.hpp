#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "twostep/diagnostic.hpp"

namespace twostep {

// How the migration tool sends a file to PostgreSQL.
enum class TransactionMode {
  None,      // statement by statement, autocommit (psql -f); only the script's own BEGIN counts
  File,      // the tool wraps the file in one transaction
  Implicit,  // one multi-statement query: a transaction when it holds more than one statement
};

// How a framework orders versions and tells them apart.
enum class VersionOrder {
  Numbers,      // version parts as numbers: `9` before `10`, `0042` is `42`
  VersionText,  // the version as a string (Diesel): `10` before `9`, `09` is not `9`
  Name,         // the file name as a string (dbmate); versions told apart as strings
};

// A migration found in a layout, before its content is read.
struct MigrationFile {
  std::string id;    // the name that identifies it to the framework (file or folder name)
  std::string path;  // the file holding the up SQL, relative to the migrations folder
  std::vector<std::uint64_t> version;  // numeric parts of the version, for ordering
  std::string version_text;            // the version as written, for messages ("1.10", "0042")
  VersionOrder order = VersionOrder::Numbers;
  TransactionMode transaction = TransactionMode::None;
  bool repeatable = false;  // Flyway `R__`: runs after the versioned ones, again when it changes
  // What the framework records as applied, where that is not the path: a sqitch change is its
  // plan entry (a reworked change's earlier script moves to `deploy/<change>@<tag>.sql`).
  std::string identity;
  // Only an exact copy of the deployed bytes is unedited (Flyway checksums every line); otherwise
  // whitespace that does not run (a down section, blank lines) may change.
  bool checksummed = false;

  const std::string& key() const { return identity.empty() ? path : identity; }
};

// SQL that is valid as written but that the framework breaks before PostgreSQL sees it (goose
// ends a query at a line ending in `;`, even inside a function body): a parse-error finding.
struct LayoutError {
  Span span;
  std::string message;
  std::string help;
};

// Where `text` is a translation of the file (a Rails migration's DSL into the SQL Rails sends): a
// piece of `text` and the piece of the file it stands for. `exact`: byte for byte (the SQL of an
// `execute` heredoc); otherwise the whole piece stands for the whole piece of the file.
struct SourceSegment {
  Span text;
  Span original;
  bool exact = false;
};

// A part of a migration that is not SQL and that twostep could not translate into SQL (Ruby that
// is no migration DSL call it knows): an unanalysable-migration finding.
struct Untranslated {
  Span span;                        // in `text`: a comment that stands for it
  std::string what;                 // "an `each` loop", for the message
  std::vector<std::string> tables;  // the tables it names (`schema.table` or `table`), if any
};

// strong_migrations' `safety_assured { … }`: the author acknowledges the lock and rewrite findings
// of the statements in `span`, for `reason` (a comment on its line or the lines above; empty:
// none given, and nothing is acknowledged).
struct Acknowledgement {
  Span span;    // the statements of the block, in `text`
  Span marker;  // a comment in `text` that stands for the `safety_assured` call
  std::string reason;
};

// A migration as its framework runs it.
struct Migration {
  MigrationFile file;
  // The up part: every other byte of the file (down sections, framework directives) blanked,
  // so that positions are the original file's.
  std::string text;
  // The file as written, where `text` differs from it beyond blanking (placeholders substituted,
  // same positions): what reporters show. Empty: `text` is what to show.
  std::string original_text;
  // Why the statements run (or not) in a transaction, in words, for findings:
  // "golang-migrate sends this file as one query, which PostgreSQL runs as one transaction".
  std::string transaction_reason;
  // How to run a statement outside the framework's transaction or query, in words, for the help
  // of findings ("put it alone in a migration whose `-- migrate:up` line says
  // `transaction:false`"); empty where nothing opens one.
  std::string outside_transaction;
  // With TransactionMode::File: a COMMIT in the script does not end it (Flyway's JDBC connection,
  // autocommit off, opens the next transaction at the next statement).
  bool transaction_outlives_commit = false;
  // Parts of `text` the tool sends as one multi-statement query each, beyond what `transaction`
  // says: the whole up part for dbmate and Diesel (which also open a transaction), a goose
  // StatementBegin/End block. PostgreSQL runs the statements of one query in one transaction
  // block, a COMMIT among them notwithstanding. (TransactionMode::Implicit is the whole file.)
  std::vector<Span> one_query;
  std::string one_query_reason;  // in words, for findings
  // Set when the migration cannot be analysed at all (a goose migration written in Go).
  std::optional<std::string> unanalysable;
  std::vector<LayoutError> layout_errors;
  // Where `text` is a translation of the file: which piece of `text` stands for which piece of
  // `original_text`, sorted. Empty: every position in `text` is the file's.
  std::vector<SourceSegment> source_map;
  std::vector<Untranslated> untranslated;
  std::vector<Acknowledgement> acknowledged;
};

// The span of the file as written that `span` of `migration.text` stands for.
Span original_span(const Migration& migration, Span span);

// Migration order: repeatable ones last, then version parts compared as numbers (or the version
// texts as strings, where the framework does), then the id.
bool migration_before(const MigrationFile& a, const MigrationFile& b);

// A migration as the check reads it, shown as `path`.
struct MigrationText {
  std::string path;  // display path
  // Per statement of the text, in order: whether it already ran in production as deployed (an
  // applied migration edited since: its unchanged statements). Those are replayed from the
  // deployed content, not checked; the added and changed ones are. Empty: none ran.
  std::vector<bool> ran;

  bool already_ran(std::size_t statement) const { return statement < ran.size() && ran[statement]; }
  // The up part, and how the framework runs it (transaction, one-query spans, reasons).
  Migration migration;

  const std::string& text() const { return migration.text; }
};

}  // namespace twostep
