#pragma once
// The check itself: replay the history, run the rules over the pending migrations statement by
// statement, suppress, sort and position the findings. Everything before it (layouts, git,
// references) only prepares a CheckInput.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "twostep/config.hpp"
#include "twostep/diagnostic.hpp"
#include "twostep/migration.hpp"
#include "twostep/references.hpp"
#include "twostep/schema.hpp"
#include "twostep/version.hpp"

namespace twostep::check {

struct RuleSettings {
  std::map<std::string, RuleLevel> levels;  // canonical rule id → level; absent: the default
  PgVersion postgres_version;
  // The severity of a finding whose evidence is all textual (config `textual-references`).
  Severity textual_references = Severity::Error;
};

struct CheckInput {
  std::vector<MigrationText> history;  // applied, in migration order, as deployed
  std::vector<MigrationText> pending;  // in migration order
  // Null: no deployed app to check against. Bound to the deployed schema once history is replayed.
  References* references = nullptr;
  // Why there is none, and how to give twostep one: the unverified-contract message and help.
  std::string unverified_reason = "there is no deployed version to compare with";
  std::string unverified_help =
      "Name the deployed version with `--deployed-ref REF` (or `deployed-ref` in twostep.toml) so "
      "that twostep can check this contract step against its code.";
  RuleSettings settings;
  // Findings raised before the analysis (modified-applied-migration), and the texts of the files
  // they point into when those are not pending.
  std::vector<Diagnostic> findings;
  std::vector<MigrationText> other_sources;
  // Notes raised before the analysis (a named file that is no up migration).
  std::vector<Note> notes;
  // --each: every pending migration becomes history once checked (adopting twostep on an
  // existing repository: each migration checked against the ones before it).
  bool each = false;
  std::size_t skipped_files = 0;  // files of the migrations folder that are not up migrations
};

struct Summary {
  std::size_t files = 0;       // pending files checked
  std::size_t statements = 0;  // pending statements checked
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t suppressed = 0;
  std::size_t skipped_files = 0;  // files of the migrations folder that are not up migrations
  std::size_t history_files = 0;
  std::size_t history_statements = 0;
};

// An applied statement that does not parse: what it did is unknown to the model.
struct HistoryGap {
  std::string file;
  Position position;
  std::string message;
};

struct CheckOutput {
  std::vector<Diagnostic> diagnostics;  // sorted by file, offset, rule; positions resolved
  Summary summary;
  std::vector<HistoryGap> history_gaps;
  std::vector<Note>
      notes;  // sorted like the diagnostics; positions resolved where the file is known
  std::map<std::string, std::string> sources;  // path → text, for reporters
};

CheckOutput run(const CheckInput& input);

// The schema the applied migrations leave: what the deployed app runs against.
Schema replay(const std::vector<MigrationText>& history, std::vector<HistoryGap>& gaps);

}  // namespace twostep::check
