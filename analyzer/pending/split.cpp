#include "analyzer/pending/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/migrations/layout.hpp"
#include "analyzer/refs/source_filter.hpp"
#include "analyzer/sql/parse.hpp"
#include "analyzer/sql/scanner.hpp"
#include "analyzer/support/files.hpp"
#include "rules/registry.hpp"
#include "twostep/error.hpp"

namespace twostep::pending {
namespace {

// Each statement as its tokens, comments left out and whitespace folded: what tells an edit.
std::vector<std::string> statement_texts(const std::string& text) {
  sql::ParsedFile parsed = sql::parse_file(text);
  sql::ScanResult scanned = sql::scan(text);
  std::vector<std::string> out;
  for (const sql::Statement& statement : parsed.statements) {
    if (scanned.error) {  // the scanner gave up: whitespace alone is folded
      out.push_back(sql::statement_text(text, statement));
      continue;
    }
    std::string key;
    for (const sql::Token& token :
         sql::tokens_between(scanned.tokens, statement.span.begin, statement.span.end)) {
      if (token.kind == sql::TokenKind::Comment) continue;
      if (!key.empty()) key += ' ';
      key.append(text, token.begin, token.end - token.begin);
    }
    out.push_back(std::move(key));
  }
  return out;
}

// Which statements of `now` are ones of `deployed`, kept in order (a longest common
// subsequence): the others were added or changed since deploy.
std::vector<bool> unchanged_statements(const std::vector<std::string>& deployed,
                                       const std::vector<std::string>& now) {
  std::vector<bool> kept(now.size(), false);
  std::size_t n = deployed.size();
  std::size_t m = now.size();
  // Common leading and trailing statements first: an append or a prepend costs nothing more.
  std::size_t head = 0;
  while (head < n && head < m && deployed[head] == now[head]) kept[head++] = true;
  std::size_t tail = 0;
  while (tail < n - head && tail < m - head && deployed[n - 1 - tail] == now[m - 1 - tail]) {
    kept[m - 1 - tail] = true;
    ++tail;
  }
  std::size_t rows = n - head - tail;
  std::size_t columns = m - head - tail;
  // A table of the middle's lengths; a middle too large for it keeps only head and tail.
  if (rows == 0 || columns == 0 || rows * columns > 4'000'000) return kept;
  std::vector<std::vector<std::uint32_t>> length(rows + 1,
                                                 std::vector<std::uint32_t>(columns + 1, 0));
  for (std::size_t i = rows; i-- > 0;) {
    for (std::size_t j = columns; j-- > 0;) {
      length[i][j] = deployed[head + i] == now[head + j]
                         ? length[i + 1][j + 1] + 1
                         : std::max(length[i + 1][j], length[i][j + 1]);
    }
  }
  for (std::size_t i = 0, j = 0; i < rows && j < columns;) {
    if (deployed[head + i] == now[head + j]) {
      kept[head + j] = true;
      ++i;
      ++j;
    } else if (length[i + 1][j] >= length[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return kept;
}

// Line endings differ between a checkout and its blob where git converts them (core.autocrlf):
// that is not an edit.
std::string without_carriage_returns(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

// The lines that hold something, without trailing blanks: the up part of a file whose down
// section (blanked) was edited, moved or grew is unchanged.
std::vector<std::string_view> content_lines(const std::string& text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    std::size_t last = line.find_last_not_of(" \t\r\f\v");
    if (last != std::string_view::npos) out.push_back(line.substr(0, last + 1));
    start = end + 1;
  }
  return out;
}

bool same_content(const MigrationFile& file, const std::string& deployed, const std::string& now) {
  if (deployed == now) return true;
  if (file.checksummed) return without_carriage_returns(deployed) == without_carriage_returns(now);
  return content_lines(deployed) == content_lines(now);
}

}  // namespace

namespace {

// A migration with where it is shown.
struct Entry {
  Migration migration;
  std::string display;

  const MigrationFile& file() const { return migration.file; }
  const std::string& text() const { return migration.text; }
  // The up part as written (placeholders not substituted): what tells an edit (Flyway checksums
  // the script before it replaces placeholders).
  const std::string& raw() const {
    return migration.original_text.empty() ? migration.text : migration.original_text;
  }
};

bool before(const Entry& a, const Entry& b) {
  return migration_before(a.file(), b.file());
}

// A version as the framework tells versions apart: numbers (`0042` is `42`), or strings.
using VersionKey = std::pair<std::vector<std::uint64_t>, std::string>;
VersionKey version_key(const MigrationFile& file) {
  return file.order == VersionOrder::Numbers
             ? VersionKey(file.version, std::string())
             : VersionKey(std::vector<std::uint64_t>{}, file.version_text);
}

Diagnostic finding_at_first_line(std::string_view rule, const std::string& path,
                                 const std::string& text, std::string message, std::string help) {
  Diagnostic finding;
  finding.rule = std::string(rule);
  finding.severity = Severity::Error;
  finding.category = rule == rules::kModifiedAppliedMigration ? Category::Compat : Category::Tool;
  finding.file = path;
  // The first line that holds something: the up part's blanked markers (`-- migrate:up`) do not.
  std::size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) first = 0;
  std::size_t line_end = std::min(text.find('\n', first), text.size());
  std::size_t last = text.find_last_not_of(" \t\r\f\v", line_end == 0 ? 0 : line_end - 1);
  finding.span = {first, last == std::string::npos || last < first ? first : last + 1};
  finding.message = std::move(message);
  finding.help = std::move(help);
  return finding;
}

class Splitter {
 public:
  Splitter(const std::optional<migrations::DeployedMigrations>& deployed,
           const std::filesystem::path& folder, const std::filesystem::path& base,
           const SplitOptions& options)
      : deployed_(deployed), folder_(folder), base_(base), options_(options) {
    std::error_code error;
    if (options.staged) {
      working_source_ = std::make_unique<migrations::MemorySource>(*options.staged);
    } else if (std::filesystem::is_directory(folder, error)) {
      working_source_ = std::make_unique<migrations::FolderSource>(folder);
      if (!options.extra_folders.empty()) {
        auto combined = std::make_unique<migrations::CombinedSource>();
        combined->add("", std::move(working_source_));
        for (const std::filesystem::path& extra : options.extra_folders) {
          combined->add(extra_prefix(folder, extra),
                        std::make_unique<migrations::FolderSource>(extra));
        }
        working_source_ = std::move(combined);
      }
    }
    if (deployed_) deployed_source_ = std::make_unique<migrations::MemorySource>(deployed_->files);
    if (!options.not_migrations.empty()) {
      auto skip = [&](const std::string& path) {
        return std::any_of(
            options.not_migrations.begin(), options.not_migrations.end(),
            [&](const std::string& pattern) { return refs::glob_matches(pattern, path); });
      };
      if (working_source_) {
        working_source_ =
            std::make_unique<migrations::FilteredSource>(std::move(working_source_), skip);
      }
      if (deployed_source_) {
        deployed_source_ =
            std::make_unique<migrations::FilteredSource>(std::move(deployed_source_), skip);
      }
    }
    const migrations::FileSource* basis =
        working_source_ ? static_cast<const migrations::FileSource*>(working_source_.get())
                        : deployed_source_.get();
    std::string shown = display_of("");  // the folder, `/`-terminated
    if (!shown.empty() && !shown.ends_with('/')) shown += '/';
    if (shown == "./") shown.clear();
    if (options.layout) {
      layout_ = migrations::make_layout(*options.layout);
      if (working_source_) migrations::check_forced_layout(*layout_, *working_source_, shown);
    } else if (basis != nullptr) {
      layout_ = migrations::detect_layout(*basis, shown);
    } else {
      layout_ = migrations::make_layout("plain");
    }
    if (working_source_) {
      for (Migration& migration : layout_->load(*working_source_, options.layout_options)) {
        std::string display = display_of(migration.file.path);
        working_.push_back(Entry{std::move(migration), std::move(display)});
      }
      migrations::Layout::Claim claim = layout_->claim(*working_source_);
      skipped_files_ = layout_->skipped_files(*working_source_, claim);
    }
    if (deployed_source_) {
      for (Migration& migration : layout_->load(*deployed_source_, options.layout_options)) {
        std::string display = display_of(migration.file.path);
        deployed_files_.push_back(Entry{std::move(migration), std::move(display)});
      }
    }
    if (deployed_) find_baseline();
    tell_apart(deployed_files_, {});
    tell_apart(working_, deployed_files_);
    for (const Entry& entry : deployed_files_) {
      deployed_content_[entry.file().key()] = entry.text();
      deployed_raw_[entry.file().key()] = entry.raw();
    }
  }

  std::size_t skipped_files() const { return skipped_files_; }
  std::string layout_name() const { return std::string(layout_->name()); }
  std::string baseline_name() const {
    if (!baseline_ || options_.each) return {};
    return fmt::format("{} (version {})", baseline_->display, baseline_->file().version_text);
  }

  Plan by_deployed_version() {
    Plan plan;
    if (baseline_) add(plan.history, *baseline_);
    for (const Entry& entry : deployed_files_) {
      if (!in_baseline(entry)) add(plan.history, entry);
    }
    find_renames();
    std::set<std::string> working_keys;
    for (const Entry& entry : working_) working_keys.insert(applied_key(entry));
    for (const Entry& entry : deployed_files_) {
      if (working_keys.count(entry.file().key()) == 0 && !entry.file().repeatable) {
        plan.findings.push_back(deleted_finding(entry));
      }
    }
    for (const Entry& entry : working_) classify(entry, plan);
    report_duplicates(plan);
    report_out_of_order(plan);
    return plan;
  }

  // --each: every migration in turn; the engine makes each one history once checked.
  Plan each() {
    Plan plan;
    for (const Entry& entry : working_) add(plan.pending, entry);
    report_duplicates(plan);
    return plan;
  }

  Plan by_named_files(const std::vector<std::filesystem::path>& files) {
    Plan plan;
    std::vector<Entry> named;
    for (const std::filesystem::path& file : files) {
      std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
      std::string relative = relative_to_folder(absolute);
      auto known = std::find_if(working_.begin(), working_.end(),
                                [&](const Entry& e) { return e.file().path == relative; });
      if (known != working_.end()) {
        named.push_back(*known);
        continue;
      }
      // A file of the migrations folder that the framework never runs as an up migration (a down
      // part, a settings file, a file listed in `not-migrations`) is not one because it is named.
      if (std::string why = not_run(relative); !why.empty()) {
        Note note;
        note.file = support::display_path(absolute, base_);
        note.message = why;
        plan.notes.push_back(std::move(note));
        continue;
      }
      // A Ruby file is never SQL: outside the migrations folder it is read as a Rails migration,
      // or is no migration at all.
      if (absolute.extension() == ".rb") {
        std::string name = absolute.filename().string();
        std::vector<Migration> loaded = migrations::make_layout("rails")->load(
            migrations::MemorySource(
                std::map<std::string, std::string>{{name, support::read_text_file(absolute)}}),
            options_.layout_options);
        if (loaded.empty()) {
          Note note;
          note.file = support::display_path(absolute, base_);
          note.message =
              "a Ruby file not named like a Rails migration (`<version>_<name>.rb`): Rails never "
              "runs it as one, so it is not checked";
          plan.notes.push_back(std::move(note));
          continue;
        }
        loaded.front().file.path = relative;
        named.push_back(Entry{std::move(loaded.front()), support::display_path(absolute, base_)});
        continue;
      }
      // Not a file of the migrations folder: read it whole, as the plain layout would.
      Entry entry;
      entry.migration.file.path = relative;
      std::string name = absolute.filename().string();
      bool leaf = name == "up.sql" || name == "migration.sql";
      entry.migration.file.id =
          leaf ? absolute.parent_path().filename().string() : absolute.stem().string();
      entry.migration.file.version = migrations::version_of(entry.migration.file.id);
      entry.migration.text = support::read_text_file(absolute);
      entry.display = support::display_path(absolute, base_);
      named.push_back(std::move(entry));
    }
    std::sort(named.begin(), named.end(), before);
    std::set<std::string> named_paths;
    for (const Entry& entry : named) named_paths.insert(entry.file().path);
    auto runs_before = [&](const Entry& entry) {
      return !named.empty() && named_paths.count(entry.file().path) == 0 &&
             migration_before(entry.file(), named.front().file());
    };
    // Named files the deployed version lacks run after everything it has applied, whatever their
    // versions say (if the framework runs them at all: out-of-order-migration).
    bool all_new = std::all_of(named.begin(), named.end(), [&](const Entry& entry) {
      return deployed_content_.count(applied_key(entry)) == 0;
    });
    // History: what runs before the first named file (every applied migration, when the named
    // ones are new), as deployed where the deployed version has it, else from the working tree.
    std::vector<Entry> history;
    for (const Entry& entry : deployed_files_) {
      if (runs_before(entry) || (all_new && named_paths.count(entry.file().path) == 0)) {
        history.push_back(entry);
      }
    }
    for (const Entry& entry : working_) {
      if (runs_before(entry) && deployed_content_.count(entry.file().key()) == 0) {
        history.push_back(entry);
      }
    }
    std::sort(history.begin(), history.end(), before);
    if (baseline_) add(plan.history, *baseline_);
    for (const Entry& entry : history) {
      if (!in_baseline(entry)) add(plan.history, entry);
    }
    for (const Entry& entry : named) {
      auto applied = deployed_raw_.find(entry.file().key());
      if (applied != deployed_raw_.end() &&
          !same_content(entry.file(), applied->second, entry.raw())) {
        classify(entry, plan);
      } else {
        add(plan.pending, entry);
      }
    }
    report_duplicates(plan, &named_paths);
    report_out_of_order(plan, &named_paths);
    return plan;
  }

 private:
  const std::optional<migrations::DeployedMigrations>& deployed_;
  std::filesystem::path folder_;
  std::filesystem::path base_;
  const SplitOptions& options_;
  std::unique_ptr<migrations::FileSource> working_source_;
  std::unique_ptr<migrations::FileSource> deployed_source_;
  std::unique_ptr<migrations::Layout> layout_;
  std::vector<Entry> working_;
  std::vector<Entry> deployed_files_;
  std::map<std::string, std::string> deployed_content_;  // MigrationFile::key() → up part
  std::map<std::string, std::string> deployed_raw_;      // MigrationFile::key() → Entry::raw()
  // The deployed schema file the layout builds on (Rails' db/schema.rb), and the migrations it
  // already holds: every one up to its version.
  std::optional<Entry> baseline_;

  void find_baseline() {
    for (const std::string& name : layout_->baseline_files()) {
      auto file = deployed_->beside.find(name);
      if (file == deployed_->beside.end()) continue;
      std::filesystem::path path = folder_.parent_path() / name;
      std::optional<Migration> migration = layout_->baseline(name, file->second);
      if (!migration) continue;
      baseline_ = Entry{std::move(*migration), support::display_path(path, base_)};
      return;
    }
  }

  bool in_baseline(const Entry& entry) const {
    return baseline_ && !entry.file().repeatable &&
           entry.file().version <= baseline_->file().version;
  }

  // Working-tree key → the deployed key it renames, where the framework records versions only.
  std::map<std::string, std::string> renamed_;
  std::size_t skipped_files_ = 0;

  // Why the framework never runs this file of the folder as an up migration; empty when it is
  // not one of the folder's files (then it is read whole, as a plain migration).
  std::string not_run(const std::string& relative) const {
    if (relative.rfind("/", 0) == 0) return {};  // outside the folder: an absolute path
    bool listed = std::any_of(
        options_.not_migrations.begin(), options_.not_migrations.end(),
        [&](const std::string& pattern) { return refs::glob_matches(pattern, relative); });
    if (listed) {
      return "listed in `not-migrations` in twostep.toml: not a migration, so not checked";
    }
    if (working_source_ && working_source_->has(relative)) {
      return fmt::format(
          "not an up migration in the {} layout (a down part, a settings file or a "
          "file that is not SQL): {} never runs it as one, so it is not checked",
          layout_->name(), layout_->name());
    }
    return {};
  }

  std::string display_of(const std::string& relative) const {
    return support::display_path(folder_ / relative, base_);
  }

  std::string relative_to_folder(const std::filesystem::path& absolute) const {
    std::filesystem::path relative =
        absolute.lexically_relative(std::filesystem::absolute(folder_).lexically_normal());
    std::string text = relative.generic_string();
    // A file of an extra migrations folder is named from the main one (`../../engines/…`).
    if (text.rfind("..", 0) == 0 && working_source_ && working_source_->has(text)) return text;
    if (text.empty() || text.rfind("..", 0) == 0) return absolute.generic_string();
    return text;
  }

  static void add(std::vector<MigrationText>& to, const Entry& entry) {
    to.push_back(MigrationText{entry.display, {}, entry.migration});
  }

  // Two migrations with one key (Flyway's `V2__init.sql` in two subfolders): the one at the path
  // the deployed version has keeps the key, the others are known by their paths.
  static void tell_apart(std::vector<Entry>& entries, const std::vector<Entry>& deployed) {
    std::map<std::string, std::vector<Entry*>> by_key;
    for (Entry& entry : entries) by_key[entry.file().key()].push_back(&entry);
    for (auto& [key, same] : by_key) {
      if (same.size() < 2) continue;
      auto deployed_path = std::find_if(deployed.begin(), deployed.end(),
                                        [&](const Entry& e) { return e.file().key() == key; });
      for (Entry* entry : same) {
        bool keeps =
            deployed_path != deployed.end() && deployed_path->file().path == entry->file().path;
        if (!keeps) entry->migration.file.identity = entry->file().path;
      }
    }
  }

  // The key under which the deployed version knows this working-tree migration.
  std::string applied_key(const Entry& entry) const {
    auto renamed = renamed_.find(entry.file().key());
    return renamed == renamed_.end() ? entry.file().key() : renamed->second;
  }

  // Where the framework records an applied migration by its version alone, a deployed file gone
  // from the working tree and a new file with the same version (and no other file with it) are
  // one migration renamed: no second run, and an edit only if the content changed.
  void find_renames() {
    if (!layout_->records_version_only()) return;
    std::map<VersionKey, std::vector<const Entry*>> gone;
    std::map<VersionKey, std::vector<const Entry*>> added;
    for (const Entry& entry : deployed_files_) {
      bool kept = std::any_of(working_.begin(), working_.end(),
                              [&](const Entry& e) { return e.file().key() == entry.file().key(); });
      if (!kept && !entry.file().version.empty()) gone[version_key(entry.file())].push_back(&entry);
    }
    for (const Entry& entry : working_) {
      if (deployed_content_.count(entry.file().key()) == 0 && !entry.file().version.empty()) {
        added[version_key(entry.file())].push_back(&entry);
      }
    }
    for (const auto& [version, entries] : gone) {
      auto match = added.find(version);
      if (entries.size() == 1 && match != added.end() && match->second.size() == 1) {
        renamed_[match->second.front()->file().key()] = entries.front()->file().key();
      }
    }
  }

  // A new migration that sorts before one the deployed version has applied: frameworks that run
  // only what comes after the database's current version skip it, or refuse to run.
  void report_out_of_order(Plan& plan, const std::set<std::string>* scope = nullptr) const {
    std::string consequence = layout_->out_of_order(options_.layout_options);
    if (consequence.empty()) return;
    const Entry* last_applied = nullptr;
    for (const Entry& entry : deployed_files_) {
      if (entry.file().repeatable) continue;
      if (last_applied == nullptr || before(*last_applied, entry)) last_applied = &entry;
    }
    if (last_applied == nullptr) return;
    for (const Entry& entry : working_) {
      if (entry.file().repeatable || deployed_content_.count(applied_key(entry)) > 0 ||
          !before(entry, *last_applied) ||
          (scope != nullptr && scope->count(entry.file().path) == 0)) {
        continue;
      }
      // The same version as an applied one is a duplicate-migration-version finding already.
      if (std::any_of(deployed_files_.begin(), deployed_files_.end(), [&](const Entry& e) {
            return version_key(e.file()) == version_key(entry.file());
          })) {
        continue;
      }
      Diagnostic finding = finding_at_first_line(
          rules::kOutOfOrderMigration, entry.display, entry.text(),
          fmt::format("`{}` sorts before `{}`, which the deployed version `{}` ({}) has already "
                      "applied: {}",
                      entry.file().id, last_applied->file().id, deployed_->ref, deployed_->short_id,
                      consequence),
          fmt::format("Give this migration a version after {} (rename the file), so that it runs "
                      "after every applied migration.",
                      last_applied->file().version_text));
      finding.related.push_back(
          Related{last_applied->display, {0, 0}, 0, "the latest applied migration"});
      plan.findings.push_back(std::move(finding));
    }
  }

  // An applied migration gone from the working tree: deleted, or renamed (its new name then looks
  // pending and would run again).
  Diagnostic deleted_finding(const Entry& entry) const {
    return finding_at_first_line(
        rules::kModifiedAppliedMigration, entry.display, entry.text(),
        fmt::format("this migration was deleted or renamed after it was deployed in `{}` ({}): "
                    "frameworks that record applied migrations report it missing, and run a "
                    "renamed copy again",
                    deployed_->ref, deployed_->short_id),
        "Restore the file under its deployed name; change the schema in a new migration instead.");
  }

  // A working-tree migration: new (pending), unchanged (nothing), or edited after deploy.
  void classify(const Entry& entry, Plan& plan) {
    auto applied = deployed_content_.find(applied_key(entry));
    if (applied == deployed_content_.end()) {
      add(plan.pending, entry);
      return;
    }
    if (same_content(entry.file(), deployed_raw_.at(applied->first), entry.raw())) return;
    // A repeatable migration runs again whenever it changes: an edit is simply pending.
    if (entry.file().repeatable) {
      add(plan.pending, entry);
      return;
    }
    // Statements added or changed since deploy still run wherever the file has not run yet
    // (a fresh database, a staging one that skipped a release): they are checked as pending, on
    // top of the deployed content, which is what production ran.
    std::vector<bool> unchanged =
        unchanged_statements(statement_texts(applied->second), statement_texts(entry.text()));
    bool added = std::find(unchanged.begin(), unchanged.end(), false) != unchanged.end();
    plan.findings.push_back(finding_at_first_line(
        rules::kModifiedAppliedMigration, entry.display, entry.text(),
        fmt::format("this migration was edited after it was deployed in `{}` ({}): databases that "
                    "already ran it will not run the new content",
                    deployed_->ref, deployed_->short_id),
        added ? "The statements added or changed since deploy are checked as pending below. Move "
                "them to a new migration so that every database runs them."
              : "Revert the edit and put the change in a new migration; the deployed content is "
                "what twostep replays as history."));
    MigrationText text{entry.display, added ? unchanged : std::vector<bool>{}, entry.migration};
    (added ? plan.pending : plan.other_sources).push_back(std::move(text));
  }

  // Two migrations with one version (branches that both took the next number): most frameworks
  // refuse to run, or run only one of them. Reported on the new ones among `scope` (every working
  // migration when null), never on one the deployed version has (renaming that would run it
  // again), and set against an applied one where there is one, else against the first.
  void report_duplicates(Plan& plan, const std::set<std::string>* scope = nullptr) const {
    auto is_new = [&](const Entry* e) { return deployed_content_.count(applied_key(*e)) == 0; };
    auto in_scope = [&](const Entry* e) {
      return scope == nullptr || scope->count(e->file().path) > 0;
    };
    std::map<VersionKey, std::vector<const Entry*>> by_version;
    for (const Entry& entry : working_) {
      if (entry.file().repeatable || entry.file().version.empty()) continue;
      by_version[version_key(entry.file())].push_back(&entry);
    }
    for (const auto& [version, entries] : by_version) {
      if (entries.size() < 2) continue;
      auto applied =
          std::find_if(entries.begin(), entries.end(), [&](const Entry* e) { return !is_new(e); });
      const Entry& other = applied != entries.end() ? **applied : *entries[0];
      for (const Entry* candidate : entries) {
        if (candidate == &other || !is_new(candidate) || !in_scope(candidate)) continue;
        const Entry& entry = *candidate;
        Diagnostic finding = finding_at_first_line(
            rules::kDuplicateMigrationVersion, entry.display, entry.text(),
            fmt::format(
                "`{}` has version {} like {} `{}`: {} runs only one of them, or refuses "
                "to run",
                entry.file().id, entry.file().version_text,
                applied != entries.end() ? "the applied migration" : "the pending migration",
                other.file().id == entry.file().id ? other.display : other.file().id,
                layout_->name()),
            "Give this migration the next free version (rename the file), so that every database "
            "runs both.");
        finding.related.push_back(Related{other.display, {0, 0}, 0, "the other migration"});
        plan.findings.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

namespace {

// The migrations folder's files among `files` (repository paths), by their path in the folder.
// Every path counts (detection, skipped files), but only what a layout reads is read: a sqitch
// project at the repository root holds the whole app.
std::map<std::string, std::string> folder_files(const git::Repository& repository,
                                                const std::vector<git::TreeFile>& files,
                                                const std::string& prefix) {
  std::map<std::string, std::string> out;
  for (const git::TreeFile& file : files) {
    std::string relative = prefix.empty() ? file.path : file.path.substr(prefix.size() + 1);
    out[relative] = migrations::layouts_read(relative) ? repository.read(file) : std::string();
  }
  return out;
}

std::string folder_prefix(const git::Repository& repository, const std::filesystem::path& folder) {
  std::string prefix = support::display_path(folder, repository.root());
  return prefix == "." ? std::string() : prefix;
}

}  // namespace

std::string extra_prefix(const std::filesystem::path& folder, const std::filesystem::path& extra) {
  std::string relative =
      std::filesystem::absolute(extra)
          .lexically_normal()
          .lexically_relative(std::filesystem::absolute(folder).lexically_normal())
          .generic_string();
  if (!relative.empty() && !relative.ends_with('/')) relative += '/';
  return relative;
}

namespace {

// The files of the migrations folder and of the extra ones (named from it: `../../engines/…`),
// as `list` gives each folder's (a commit's tree, the index).
std::map<std::string, std::string> folders_files(
    const git::Repository& repository, const std::filesystem::path& folder,
    const std::vector<std::filesystem::path>& extra,
    const std::function<std::vector<git::TreeFile>(const std::string& prefix)>& list) {
  std::string prefix = folder_prefix(repository, folder);
  std::map<std::string, std::string> out = folder_files(repository, list(prefix), prefix);
  for (const std::filesystem::path& more : extra) {
    std::string more_prefix = folder_prefix(repository, more);
    std::string named = extra_prefix(folder, more);
    for (auto& [path, content] : folder_files(repository, list(more_prefix), more_prefix)) {
      out[named + path] = std::move(content);
    }
  }
  return out;
}

}  // namespace

migrations::DeployedMigrations migrations_at(const git::Repository& repository,
                                             const git::Commit& commit,
                                             const std::filesystem::path& folder,
                                             const std::vector<std::filesystem::path>& extra) {
  migrations::DeployedMigrations out;
  out.ref = commit.ref;
  out.short_id = commit.short_id();
  out.files = folders_files(repository, folder, extra, [&](const std::string& prefix) {
    return repository.files(commit, prefix);
  });
  // A baseline schema beside the folder (db/schema.rb beside db/migrate), for the layouts that
  // read one: each file read by its path, not by walking the parent folder.
  std::string prefix = folder_prefix(repository, folder);
  if (prefix.find('/') != std::string::npos) {
    std::string parent = prefix.substr(0, prefix.rfind('/') + 1);
    for (std::string_view layout : migrations::layout_names()) {
      for (const std::string& name : migrations::make_layout(layout)->baseline_files()) {
        if (out.beside.count(name) > 0) continue;
        if (std::optional<git::TreeFile> file = repository.file(commit, parent + name)) {
          out.beside[name] = repository.read(*file);
        }
      }
    }
  }
  return out;
}

std::map<std::string, std::string> staged_migrations(
    const git::Repository& repository, const std::filesystem::path& folder,
    const std::vector<std::filesystem::path>& extra) {
  return folders_files(repository, folder, extra,
                       [&](const std::string& prefix) { return repository.staged_files(prefix); });
}

Plan split(const std::optional<migrations::DeployedMigrations>& deployed,
           const std::filesystem::path& folder, const std::filesystem::path& base,
           const std::vector<std::filesystem::path>& files, const SplitOptions& options) {
  Splitter splitter(deployed, folder, base, options);
  Plan plan = options.each    ? splitter.each()
              : files.empty() ? splitter.by_deployed_version()
                              : splitter.by_named_files(files);
  plan.skipped_files = splitter.skipped_files();
  plan.layout = splitter.layout_name();
  plan.baseline = splitter.baseline_name();
  return plan;
}

}  // namespace twostep::pending
