#include "analyzer/check/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <thread>

#include "analyzer/check/suppress.hpp"
#include "analyzer/refs/words.hpp"
#include "analyzer/schema/replay.hpp"
#include "analyzer/sql/parse.hpp"
#include "analyzer/support/line_index.hpp"
#include "rules/registry.hpp"
#include "twostep/rule.hpp"

namespace twostep::check {
namespace {

// Independent files are parsed on both cores; replay and rules then run in order.
std::vector<sql::ParsedFile> parse_all(const std::vector<const MigrationText*>& files) {
  std::vector<sql::ParsedFile> parsed(files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      // An unanalysable migration (goose's Go) is not SQL: never parsed.
      if (!files[i]->migration.unanalysable) parsed[i] = sql::parse_file(files[i]->text());
    }
  };
  unsigned workers =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), files.size());
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  return parsed;
}

// Replays one applied migration into the model; statements that do not parse are gaps.
void replay_file(Schema& schema, const MigrationText& file, const sql::ParsedFile& parsed,
                 std::vector<HistoryGap>& gaps) {
  const Migration& migration = file.migration;
  support::LineIndex lines(migration.original_text.empty() ? file.text() : migration.original_text);
  for (const sql::Statement& statement : parsed.statements) {
    if (statement.error) {
      std::size_t offset =
          original_span(migration, {statement.error->offset, statement.error->offset}).begin;
      gaps.push_back(HistoryGap{file.path, lines.position(offset), statement.error->message});
      continue;
    }
    for (const Change& change : statement.changes) {
      schema::assume_named_objects(schema, change);
      schema::apply(schema, change, schema::Phase::History);
    }
  }
  schema.forget_dropped_views();
}

class Engine;

class EngineContext final : public RuleContext {
 public:
  EngineContext(Engine& engine) : engine_(engine) {}

  const Schema& schema() const override;
  const std::string& file() const override { return *file_; }
  Span statement_span() const override { return statement_span_; }
  bool in_transaction() const override { return in_transaction_; }
  std::string transaction_reason() const override { return transaction_reason_; }
  std::string transaction_fix() const override { return transaction_fix_; }
  PgVersion postgres_version() const override;
  std::span<const Change> later_changes() const override { return later_; }
  Usage relation_usage(const Relation& relation) const override;
  Usage column_usage(const Relation& relation, const Column& column) const override;
  Usage insert_usage(const Relation& relation, const std::string& column) const override;
  Usage string_literal_usage(const std::string& value) const override;
  Usage word_usage(const std::string& word) const override;
  DiagnosticBuilder report(Span span, std::string message) override;
  DiagnosticBuilder report_unverified(Span span, const std::string& object) override;

  const std::string* file_ = nullptr;
  Span statement_span_;
  bool in_transaction_ = false;
  std::string transaction_reason_;
  std::string transaction_fix_;
  std::span<const Change> later_;
  const RuleInfo* rule_ = nullptr;

 private:
  Engine& engine_;
};

class Engine {
 public:
  explicit Engine(const CheckInput& input) : input_(input), context_(*this) {}

  CheckOutput run() {
    std::vector<const MigrationText*> files;
    for (const MigrationText& text : input_.history) files.push_back(&text);
    for (const MigrationText& text : input_.pending) files.push_back(&text);
    for (const MigrationText& text : input_.other_sources) files.push_back(&text);
    std::vector<sql::ParsedFile> parsed = parse_all(files);
    std::size_t history_count = input_.history.size();
    std::size_t pending_count = input_.pending.size();

    for (std::size_t i = 0; i < history_count; ++i) replay_history(*files[i], parsed[i]);
    schema_.mark_deployed();
    schema_.forget_dropped_views();
    if (input_.references != nullptr) input_.references->bind(schema_);

    for (const rules::RuleEntry& entry : rules::all()) {
      if (entry.make == nullptr || !level(*entry.info, entry.info->default_severity)) continue;
      active_.push_back({entry.info, entry.make()});
    }
    for (std::size_t i = 0; i < pending_count; ++i) {
      check_pending(*files[history_count + i], parsed[history_count + i]);
      // --each: once checked, a migration is history for the ones after it.
      if (input_.each) schema_.mark_deployed();
    }
    for (const Diagnostic& finding : input_.findings) {
      const rules::RuleEntry* entry = rules::find(finding.rule);
      std::optional<Severity> severity =
          entry ? level(*entry->info, finding.severity) : std::optional<Severity>(finding.severity);
      if (!severity) continue;
      diagnostics_.push_back(finding);
      diagnostics_.back().severity = *severity;
    }

    // Suppression reads the directives of every file a finding can point into.
    std::map<std::string, SuppressedFile> suppressible;
    for (std::size_t i = history_count; i < files.size(); ++i) {
      suppressible[files[i]->path] = SuppressedFile{&parsed[i], true};
    }
    Suppression suppression = suppress(
        diagnostics_, suppressible,
        [&](std::string_view rule, const std::string& file, Span span, std::string message,
            std::string help) {
          if (Diagnostic* raised = raise(rule, std::nullopt, file, span, std::move(message))) {
            raised->help = std::move(help);
          }
        });
    output_.notes = input_.notes;
    output_.notes.insert(output_.notes.end(), suppression.notes.begin(), suppression.notes.end());
    output_.summary.suppressed = suppression.suppressed + acknowledge(files, history_count);

    for (const MigrationText* file : files) {
      const std::string& original = file->migration.original_text;
      output_.sources[file->path] = original.empty() ? file->text() : original;
    }
    finish();
    output_.summary.skipped_files = input_.skipped_files;
    return std::move(output_);
  }

  const CheckInput& input() const { return input_; }
  const Schema& schema() const { return schema_; }

  std::optional<Severity> level(const RuleInfo& info, Severity natural) const {
    auto configured = input_.settings.levels.find(std::string(info.id));
    if (configured != input_.settings.levels.end()) {
      switch (configured->second) {
        case RuleLevel::Off:
          return std::nullopt;
        case RuleLevel::Error:
          return Severity::Error;
        case RuleLevel::Warning:
          return Severity::Warning;
      }
    }
    if (!info.enabled_by_default) return std::nullopt;
    return natural;
  }

  // A finding of `rule` (at its natural severity, or `severity` where the rule decides per
  // finding); null when the rule is turned off.
  Diagnostic* raise(std::string_view rule, std::optional<Severity> severity,
                    const std::string& file, Span span, std::string message) {
    const rules::RuleEntry* entry = rules::find(rule);
    if (entry == nullptr) return nullptr;
    std::optional<Severity> effective =
        level(*entry->info, severity.value_or(entry->info->default_severity));
    if (!effective) return nullptr;
    Diagnostic& diagnostic = diagnostics_.emplace_back();
    diagnostic.rule = std::string(entry->info->id);
    diagnostic.severity = *effective;
    diagnostic.category = entry->info->category;
    diagnostic.file = file;
    diagnostic.span = span;
    diagnostic.message = std::move(message);
    return &diagnostic;
  }

 private:
  const CheckInput& input_;
  Schema schema_;
  EngineContext context_;
  struct ActiveRule {
    const RuleInfo* info;
    std::unique_ptr<Rule> rule;
  };
  std::vector<ActiveRule> active_;
  std::deque<Diagnostic> diagnostics_;
  CheckOutput output_;

  void replay_history(const MigrationText& file, const sql::ParsedFile& parsed) {
    ++output_.summary.history_files;
    output_.summary.history_statements += parsed.statements.size();
    replay_file(schema_, file, parsed, output_.history_gaps);
  }

  void check_pending(const MigrationText& file, const sql::ParsedFile& parsed) {
    ++output_.summary.files;
    const Migration& migration = file.migration;
    if (migration.unanalysable) {
      std::size_t line_end = std::min(file.text().find('\n'), file.text().size());
      if (Diagnostic* diagnostic =
              raise(rules::kUnanalysableMigration, std::nullopt, file.path, {0, line_end},
                    fmt::format("twostep cannot analyse this migration ({}): what it does to the "
                                "schema is not checked",
                                *migration.unanalysable))) {
        diagnostic->help =
            "Review it by hand against the deployed app; prefer a SQL migration where the change "
            "is plain SQL.";
      }
      return;
    }
    for (const Untranslated& part : migration.untranslated) report_untranslated(file, part);
    for (const LayoutError& error : migration.layout_errors) {
      if (in_statement_that_ran(file, parsed, error.span.begin)) continue;
      if (Diagnostic* diagnostic =
              raise(rules::kParseError, std::nullopt, file.path, error.span, error.message)) {
        diagnostic->help = error.help;
      }
    }
    // Statements that already ran are part of the history (the deployed content is replayed):
    // they are not checked, but their BEGIN and COMMIT still frame the ones that are.
    std::vector<Change> changes;
    std::vector<std::size_t> statement_of;  // index of each change's statement
    for (std::size_t s = 0; s < parsed.statements.size(); ++s) {
      if (file.already_ran(s)) continue;
      for (const Change& change : parsed.statements[s].changes) {
        changes.push_back(change);
        statement_of.push_back(s);
      }
    }
    // The tool's transaction, until a COMMIT ends it; the script's own, from BEGIN to COMMIT; and
    // the queries the tool sends whole: PostgreSQL runs every statement of a query that holds more
    // than one in a transaction block, whatever COMMIT stands among them (exec_simple_query).
    bool tool_transaction = migration.file.transaction == TransactionMode::File;
    bool explicit_transaction = false;
    std::string explicit_reason;
    std::vector<Span> one_query = migration.one_query;
    std::string one_query_reason = migration.one_query_reason.empty() ? migration.transaction_reason
                                                                      : migration.one_query_reason;
    if (migration.file.transaction == TransactionMode::Implicit) {
      one_query.push_back({0, file.text().size()});
      one_query_reason = migration.transaction_reason;
    }
    auto in_query_of_several = [&](const sql::Statement& statement) {
      return std::any_of(one_query.begin(), one_query.end(), [&](const Span& query) {
        auto inside = [&](const sql::Statement& other) {
          return other.span.begin >= query.begin && other.span.begin < query.end;
        };
        return inside(statement) &&
               std::count_if(parsed.statements.begin(), parsed.statements.end(), inside) > 1;
      });
    };

    context_.file_ = &file.path;
    std::size_t next_change = 0;
    for (std::size_t s = 0; s < parsed.statements.size(); ++s) {
      const sql::Statement& statement = parsed.statements[s];
      if (file.already_ran(s)) {
        for (const Change& change : statement.changes) {
          if (const auto* control = std::get_if<Transaction>(&change)) {
            track_transaction(*control, statement, file, explicit_transaction, explicit_reason,
                              tool_transaction);
          }
        }
        continue;
      }
      ++output_.summary.statements;
      if (statement.error) {
        report_parse_error(file, statement);
        continue;
      }
      for (; next_change < changes.size() && statement_of[next_change] == s; ++next_change) {
        const Change& change = changes[next_change];
        if (const auto* control = std::get_if<Transaction>(&change)) {
          track_transaction(*control, statement, file, explicit_transaction, explicit_reason,
                            tool_transaction);
        }
        assume_table_the_app_reads(change);
        schema::assume_named_objects(schema_, change);
        context_.statement_span_ = statement.span;
        bool in_query = in_query_of_several(statement);
        context_.in_transaction_ = explicit_transaction || tool_transaction || in_query;
        context_.transaction_reason_ = explicit_transaction ? explicit_reason
                                       : tool_transaction   ? migration.transaction_reason
                                                            : one_query_reason;
        context_.transaction_fix_ = explicit_transaction
                                        ? "drop the script's BEGIN/COMMIT around it"
                                        : migration.outside_transaction;
        context_.later_ = std::span<const Change>(changes).subspan(next_change + 1);
        check_unanalysed(file, change);
        for (ActiveRule& active : active_) {
          context_.rule_ = active.info;
          active.rule->check(change, context_);
        }
        schema::apply(schema_, change, schema::Phase::Pending);
      }
    }
    context_.later_ = {};
    for (ActiveRule& active : active_) {
      context_.rule_ = active.info;
      active.rule->finish_migration(context_);
    }
    schema_.forget_dropped_views();
  }

  // `CREATE TABLE IF NOT EXISTS` of a table the history does not describe but the deployed app
  // reads: the table exists in production (made outside the migrations), the statement creates
  // nothing, and what the release then does to it is checked as to a deployed table.
  void assume_table_the_app_reads(const Change& change) {
    const auto* create = std::get_if<CreateTable>(&change);
    const References* references = input_.references;
    if (create == nullptr || !create->if_not_exists || references == nullptr ||
        schema_.find_relation(create->name) != nullptr) {
      return;
    }
    QualifiedName deployed{schema_.assumed_schema(create->name), create->name.name};
    if (!references->knows(deployed) || references->relation(deployed).empty()) return;
    schema::assume_existing_table(schema_, *create);
  }

  // Whether `offset` lies in a statement that already ran in production.
  static bool in_statement_that_ran(const MigrationText& file, const sql::ParsedFile& parsed,
                                    std::size_t offset) {
    for (std::size_t s = 0; s < parsed.statements.size(); ++s) {
      const Span& span = parsed.statements[s].span;
      if (offset >= span.begin && offset <= span.end) return file.already_ran(s);
    }
    return false;
  }

  // A BEGIN opens the script's own transaction; a COMMIT or ROLLBACK ends it, and the tool's too
  // unless the tool's outlives it (COMMIT AND CHAIN starts the next transaction at once).
  static void track_transaction(const Transaction& control, const sql::Statement& statement,
                                const MigrationText& file, bool& explicit_transaction,
                                std::string& explicit_reason, bool& tool_transaction) {
    if (control.control == TransactionControl::Begin) {
      // The line in the file as written (a translated migration's text is not the file).
      const std::string& shown =
          file.migration.original_text.empty() ? file.text() : file.migration.original_text;
      std::size_t at = std::min(original_span(file.migration, statement.span).begin, shown.size());
      explicit_transaction = true;
      explicit_reason = fmt::format(
          "the script's own BEGIN on line {}",
          1 + std::count(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    }
    if ((control.control == TransactionControl::Commit ||
         control.control == TransactionControl::Rollback) &&
        !control.chain) {
      explicit_transaction = false;
      if (!file.migration.transaction_outlives_commit) tool_transaction = false;
    }
  }

  void report_parse_error(const MigrationText& file, const sql::Statement& statement) {
    const sql::SqlError& error = *statement.error;
    // Underline the word the parser stopped at.
    std::size_t end = error.offset;
    while (end < statement.span.end && end < file.text().size() &&
           !std::isspace(static_cast<unsigned char>(file.text()[end]))) {
      ++end;
    }
    if (end == error.offset) end = std::max(statement.span.end, error.offset);
    Diagnostic* diagnostic =
        raise(rules::kParseError, std::nullopt, file.path, {error.offset, end}, error.message);
    if (diagnostic == nullptr) return;
    diagnostic->help =
        error.message.rfind("unterminated", 0) == 0
            ? "Close the quote, dollar quote or comment: PostgreSQL cannot read the file either, "
              "and nothing after this point was checked."
            : "Fix the statement: PostgreSQL will reject it too. If it is valid in a PostgreSQL "
              "version newer than 15, review it by hand and add "
              "`-- twostep:ignore parse-error -- <reason>` above it.";
  }

  // Ruby the translation to SQL could not read (analyzer/rails): an error where it may touch a
  // table the deployed app uses or where what it touches cannot be told, a warning where every
  // table it names is known to the model and none is used.
  void report_untranslated(const MigrationText& file, const Untranslated& part) {
    std::vector<Evidence> evidence;
    std::vector<std::string> used;
    bool all_known = !part.tables.empty();
    for (const std::string& table : part.tables) {
      std::size_t dot = table.find('.');
      QualifiedName name = dot == std::string::npos
                               ? QualifiedName{"", table}
                               : QualifiedName{table.substr(0, dot), table.substr(dot + 1)};
      const Relation* relation = schema_.find_relation(name);
      if (relation == nullptr) {
        all_known = false;
        continue;
      }
      Usage usage = context_.relation_usage(*relation);
      if (usage.used() && existed_at_deploy(relation->origin)) {
        used.push_back(fmt::format("`{}`", relation->qualified().display()));
        evidence.insert(evidence.end(), usage.evidence.begin(), usage.evidence.end());
      }
    }
    bool error = !used.empty() || !all_known;
    std::string message = fmt::format(
        "twostep cannot translate this Ruby into SQL ({}): what it does to the schema is not "
        "checked{}",
        part.what,
        used.empty() ? std::string()
                     : fmt::format(", and it touches {}, which the deployed app uses",
                                   fmt::join(used, ", ")));
    Diagnostic* diagnostic =
        raise(rules::kUnanalysableMigration, error ? Severity::Error : Severity::Warning, file.path,
              part.span, std::move(message));
    if (diagnostic == nullptr) return;
    DiagnosticBuilder(diagnostic)
        .evidence(evidence)
        .help(
            "Write the change with the migration DSL or `execute` of a plain SQL string, so that "
            "twostep can check it; or review it by hand against the deployed app and say why it "
            "is safe: `# twostep:ignore unanalysable-migration -- <reason>` on the line above.");
  }

  // strong_migrations' `safety_assured { … }` with a reason acknowledges the lock and rewrite
  // findings of its statements; a finding about the deployed app's use of what it changes stays,
  // as does a statement PostgreSQL refuses in a transaction (the migration fails whatever anyone
  // says), and one without a reason acknowledges nothing. Returns how many findings it removed.
  std::size_t acknowledge(const std::vector<const MigrationText*>& files,
                          std::size_t history_count) {
    std::size_t removed = 0;
    for (std::size_t i = history_count; i < files.size(); ++i) {
      const MigrationText& file = *files[i];
      for (const Acknowledgement& block : file.migration.acknowledged) {
        if (block.reason.empty()) {
          if (Diagnostic* diagnostic =
                  raise(rules::kIgnoreWithoutReason, std::nullopt, file.path, block.marker,
                        "this `safety_assured` gives no reason, so twostep still reports what "
                        "its block does")) {
            diagnostic->help =
                "Say why it is safe in a comment on the line above `safety_assured` (or at the "
                "end of its line); twostep then accepts the lock findings of its block.";
          }
          continue;
        }
        auto in_block = [&](const Diagnostic& diagnostic) {
          return diagnostic.file == file.path && diagnostic.span.begin >= block.span.begin &&
                 diagnostic.span.begin < block.span.end;
        };
        std::size_t before = diagnostics_.size();
        std::erase_if(diagnostics_, [&](const Diagnostic& diagnostic) {
          return in_block(diagnostic) &&
                 (diagnostic.category == Category::Locks ||
                  diagnostic.category == Category::Hygiene) &&
                 diagnostic.rule != rules::kConcurrentlyInTransaction;
        });
        removed += before - diagnostics_.size();
        bool kept = std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
          return in_block(d) && d.category == Category::Compat;
        });
        if (kept) {
          output_.notes.push_back(Note{
              file.path, block.marker, Position{0, 0, 0},
              "`safety_assured` accepts lock findings only: what the deployed app still uses is "
              "reported whatever it says (put the column in `ignored_columns` and deploy first)"});
        }
      }
    }
    return removed;
  }

  // Statements lowering does not understand, and DO blocks, fail closed when they touch a table
  // that existed at deploy.
  void check_unanalysed(const MigrationText& file, const Change& change) {
    std::vector<Relation> touched;
    std::string what;
    if (const auto* unsupported = std::get_if<Unsupported>(&change)) {
      what = fmt::format("`{}` statements", unsupported->what);
      for (const QualifiedName& name : unsupported->relations) {
        if (const Relation* relation = schema_.find_relation(name)) {
          if (existed_at_deploy(relation->origin)) touched.push_back(*relation);
          continue;
        }
        Relation unknown;  // not described by the history: assumed to exist and be deployed
        unknown.schema = schema_.assumed_schema(name);
        unknown.name = name.name;
        unknown.origin = Origin::Assumed;
        unknown.deployed_name = {unknown.schema, unknown.name};
        touched.push_back(std::move(unknown));
      }
    } else if (const auto* block = std::get_if<DoBlock>(&change)) {
      what = "the body of `DO` blocks";
      for (const auto& [id, relation] : schema_.relations()) {
        if (relation.kind == RelationKind::Index || relation.kind == RelationKind::Sequence ||
            !existed_at_deploy(relation.origin)) {
          continue;
        }
        if (refs::contains_word(block->body, relation.name)) touched.push_back(relation);
      }
    } else {
      return;
    }
    if (touched.empty()) return;
    std::vector<Evidence> evidence;
    std::vector<std::string> used_names;
    std::vector<std::string> names;
    for (const Relation& relation : touched) {
      names.push_back(fmt::format("`{}`", relation.qualified().display()));
      Usage usage = context_.relation_usage(relation);
      if (usage.used()) {
        used_names.push_back(names.back());
        evidence.insert(evidence.end(), usage.evidence.begin(), usage.evidence.end());
      }
    }
    bool used = !used_names.empty();
    std::string message =
        used
            ? fmt::format(
                  "twostep does not analyse {}, and this one touches {}, which the "
                  "deployed app uses: review it by hand",
                  what, fmt::join(used_names, ", "))
            : fmt::format("twostep does not analyse {}, and this one touches {}: review it by hand",
                          what, fmt::join(names, ", "));
    Diagnostic* diagnostic =
        raise(rules::kUnsupportedStatement, used ? Severity::Error : Severity::Warning, file.path,
              span_of(change), std::move(message));
    if (diagnostic == nullptr) return;
    DiagnosticBuilder(diagnostic)
        .evidence(evidence)
        .help(
            "Check by hand that the deployed app survives this statement. If it does, say why: "
            "`-- twostep:ignore unsupported-statement -- <reason>` on the line above it.");
  }

  void finish() {
    // Findings of a translated file (a Rails migration) point into its translation: move them to
    // the Ruby they stand for.
    // A file both applied and pending (statements appended since deploy) is shown as it is now.
    std::map<std::string, const Migration*> translated;
    for (const auto* list : {&input_.pending, &input_.other_sources, &input_.history}) {
      for (const MigrationText& text : *list) {
        if (!text.migration.source_map.empty()) translated.emplace(text.path, &text.migration);
      }
    }
    auto to_file = [&](const std::string& path, Span& span) {
      auto found = translated.find(path);
      if (found != translated.end()) span = original_span(*found->second, span);
    };
    for (Diagnostic& diagnostic : diagnostics_) {
      to_file(diagnostic.file, diagnostic.span);
      for (Related& related : diagnostic.related) to_file(related.file, related.span);
    }
    for (Note& note : output_.notes) to_file(note.file, note.span);
    std::map<std::string, support::LineIndex> indexes;
    auto index_of = [&](const std::string& path) -> const support::LineIndex* {
      auto source = output_.sources.find(path);
      if (source == output_.sources.end()) return nullptr;
      return &indexes.try_emplace(path, source->second).first->second;
    };
    for (Diagnostic& diagnostic : diagnostics_) {
      // A finding that rests on textual evidence alone takes the configured severity for such
      // findings (evidence is ordered exact first: the first item tells).
      if (diagnostic.severity == Severity::Error && !diagnostic.evidence.empty() &&
          diagnostic.evidence.front().strength == Strength::Textual) {
        diagnostic.severity = input_.settings.textual_references;
      }
      if (const support::LineIndex* lines = index_of(diagnostic.file)) {
        diagnostic.start = lines->position(diagnostic.span.begin);
        diagnostic.end = lines->position(diagnostic.span.end);
      }
      for (Related& related : diagnostic.related) {
        if (const support::LineIndex* lines = index_of(related.file)) {
          related.line = lines->position(related.span.begin).line;
        }
      }
      if (diagnostic.severity == Severity::Error) ++output_.summary.errors;
      if (diagnostic.severity == Severity::Warning) ++output_.summary.warnings;
    }
    for (Note& note : output_.notes) {
      if (const support::LineIndex* lines = index_of(note.file)) {
        note.position = lines->position(note.span.begin);
      }
    }
    output_.diagnostics.assign(diagnostics_.begin(), diagnostics_.end());
    // Files in the order the migrations run (Flyway's V2 before V2.1, though `.` sorts before
    // `_`), then other files by name; within a file by position.
    std::map<std::string, std::size_t> run_order;
    for (const auto* list : {&input_.history, &input_.pending, &input_.other_sources}) {
      for (const MigrationText& text : *list) run_order.emplace(text.path, run_order.size());
    }
    auto rank = [&](const std::string& file) {
      auto found = run_order.find(file);
      return found == run_order.end() ? run_order.size() : found->second;
    };
    std::sort(output_.diagnostics.begin(), output_.diagnostics.end(),
              [&](const Diagnostic& a, const Diagnostic& b) {
                std::size_t rank_a = rank(a.file);
                std::size_t rank_b = rank(b.file);
                return std::tie(rank_a, a.file, a.span.begin, a.rule, a.message, a.span.end) <
                       std::tie(rank_b, b.file, b.span.begin, b.rule, b.message, b.span.end);
              });
    std::stable_sort(output_.notes.begin(), output_.notes.end(), [&](const Note& a, const Note& b) {
      std::size_t rank_a = rank(a.file);
      std::size_t rank_b = rank(b.file);
      return std::tie(rank_a, a.file, a.span.begin) < std::tie(rank_b, b.file, b.span.begin);
    });
  }
};

const Schema& EngineContext::schema() const {
  return engine_.schema();
}

PgVersion EngineContext::postgres_version() const {
  return engine_.input().settings.postgres_version;
}

Usage EngineContext::relation_usage(const Relation& relation) const {
  if (!existed_at_deploy(relation.origin)) return Usage{true, {}};
  const References* references = engine_.input().references;
  if (references == nullptr || !references->knows(relation.deployed_name)) return Usage{false, {}};
  return Usage{true, references->relation(relation.deployed_name)};
}

Usage EngineContext::column_usage(const Relation& relation, const Column& column) const {
  if (!existed_at_deploy(relation.origin) || !existed_at_deploy(column.origin)) {
    return Usage{true, {}};
  }
  const References* references = engine_.input().references;
  if (references == nullptr || !references->knows(relation.deployed_name)) return Usage{false, {}};
  return Usage{true, references->column(relation.deployed_name, column.deployed_name)};
}

Usage EngineContext::insert_usage(const Relation& relation, const std::string& column) const {
  if (!existed_at_deploy(relation.origin)) return Usage{true, {}};
  const References* references = engine_.input().references;
  if (references == nullptr || !references->knows(relation.deployed_name)) return Usage{false, {}};
  return Usage{true, references->inserts_without(relation.deployed_name, column)};
}

Usage EngineContext::string_literal_usage(const std::string& value) const {
  const References* references = engine_.input().references;
  if (references == nullptr) return Usage{false, {}};
  return Usage{true, references->string_literal(value)};
}

Usage EngineContext::word_usage(const std::string& word) const {
  const References* references = engine_.input().references;
  if (references == nullptr) return Usage{false, {}};
  return Usage{true, references->word(word)};
}

DiagnosticBuilder EngineContext::report(Span span, std::string message) {
  return DiagnosticBuilder(
      engine_.raise(rule_->id, std::nullopt, *file_, span, std::move(message)));
}

DiagnosticBuilder EngineContext::report_unverified(Span span, const std::string& object) {
  const CheckInput& input = engine_.input();
  DiagnosticBuilder builder(
      engine_.raise(rules::kUnverifiedContract, std::nullopt, *file_, span,
                    fmt::format("cannot check whether the deployed app still uses {}: {}", object,
                                input.unverified_reason)));
  builder.help(input.unverified_help);
  return builder;
}

}  // namespace

CheckOutput run(const CheckInput& input) {
  return Engine(input).run();
}

Schema replay(const std::vector<MigrationText>& history, std::vector<HistoryGap>& gaps) {
  std::vector<const MigrationText*> files;
  for (const MigrationText& text : history) files.push_back(&text);
  std::vector<sql::ParsedFile> parsed = parse_all(files);
  Schema schema;
  for (std::size_t i = 0; i < history.size(); ++i) replay_file(schema, history[i], parsed[i], gaps);
  schema.mark_deployed();
  return schema;
}

}  // namespace twostep::check
