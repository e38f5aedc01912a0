#include "analyzer/pending/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/migrations/plain_layout.hpp"
#include "analyzer/sql/parse.hpp"
#include "rules/registry.hpp"
#include "twostep/error.hpp"

namespace twostep::pending {
namespace {

std::vector<std::string> statement_texts(const std::string& text) {
  sql::ParsedFile parsed = sql::parse_file(text);
  std::vector<std::string> out;
  for (const sql::Statement& statement : parsed.statements) {
    out.push_back(sql::statement_text(text, statement));
  }
  return out;
}

Diagnostic modified_finding(const std::string& path, const std::string& text,
                            const DeployedMigrations& deployed, bool appended) {
  Diagnostic finding;
  finding.rule = std::string(rules::kModifiedAppliedMigration);
  finding.severity = Severity::Error;
  finding.category = Category::Compat;
  finding.file = path;
  std::size_t line_end = text.find('\n');
  finding.span = {0, line_end == std::string::npos ? text.size() : line_end};
  if (line_end != std::string::npos && line_end > 0 && text[line_end - 1] == '\r') {
    --finding.span.end;
  }
  finding.message = fmt::format(
      "this migration was edited after it was deployed in `{}` ({}): databases that already "
      "ran it will not run the new content",
      deployed.ref, deployed.short_id);
  finding.help =
      appended
          ? "The statements appended after the deployed ones are checked as pending below. Move "
            "them to a new migration so that every database runs them."
          : "Revert the edit and put the change in a new migration; the deployed content is what "
            "twostep replays as history.";
  return finding;
}

// Line endings differ between a checkout and its blob where git converts them (core.autocrlf):
// that is not an edit.
bool same_content(const std::string& a, const std::string& b) {
  auto strip = [](const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += text[i];
    }
    return out;
  };
  return a == b || strip(a) == strip(b);
}

}  // namespace

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base) {
  std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  std::filesystem::path relative = absolute.lexically_relative(base);
  if (relative.empty()) return absolute.generic_string();
  return relative.generic_string();
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fmt::format("{}: cannot read the file", path.generic_string()));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw IoError(fmt::format("{}: cannot read the file", path.generic_string()));
  return content.str();
}

namespace {

// A migration with where it is shown and what it holds.
struct Entry {
  MigrationFile file;
  std::string display;
  std::string text;
};

class Splitter {
 public:
  Splitter(const std::optional<DeployedMigrations>& deployed, const std::filesystem::path& folder,
           const std::filesystem::path& base)
      : deployed_(deployed), folder_(folder), base_(base) {
    std::error_code error;
    if (std::filesystem::is_directory(folder, error)) {
      std::vector<std::string> listed = migrations::list_folder(folder);
      working_ = migrations::plain_layout(listed);
      skipped_files_ = listed.size() - working_.size();
    }
    if (deployed_) read_deployed();
  }

  std::size_t skipped_files() const { return skipped_files_; }

  Plan by_deployed_version() {
    Plan plan;
    for (const Entry& entry : deployed_files_) add(plan.history, entry, 0);
    std::set<std::string> working_paths;
    for (const MigrationFile& migration : working_) working_paths.insert(migration.path);
    for (const Entry& entry : deployed_files_) {
      if (working_paths.count(entry.file.path) == 0) plan.findings.push_back(deleted_finding(entry));
    }
    for (const MigrationFile& migration : working_) {
      Entry entry{migration, display(migration.path), read_migration(folder_ / migration.path)};
      classify(entry, plan);
    }
    return plan;
  }

  Plan by_named_files(const std::vector<std::filesystem::path>& files) {
    Plan plan;
    std::vector<Entry> named;
    for (const std::filesystem::path& file : files) {
      std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
      Entry entry;
      entry.file.path = relative_to_folder(absolute);
      std::string name = absolute.filename().string();
      bool leaf = name == "up.sql" || name == "migration.sql";
      entry.file.id = leaf ? absolute.parent_path().filename().string() : absolute.stem().string();
      entry.file.version = migrations::version_of(entry.file.id);
      entry.display = display_path(absolute, base_);
      entry.text = read_migration(absolute);
      named.push_back(std::move(entry));
    }
    std::sort(named.begin(), named.end(),
              [](const Entry& a, const Entry& b) { return migration_before(a.file, b.file); });
    std::set<std::string> named_paths;
    for (const Entry& entry : named) named_paths.insert(entry.file.path);
    auto runs_before = [&](const MigrationFile& file) {
      return !named.empty() && named_paths.count(file.path) == 0 &&
             migration_before(file, named.front().file);
    };
    // History: what runs before the first named file, as deployed where the deployed version has
    // it, else from the working tree.
    std::vector<Entry> history;
    for (const Entry& entry : deployed_files_) {
      if (runs_before(entry.file)) history.push_back(entry);
    }
    for (const MigrationFile& migration : working_) {
      if (!runs_before(migration) || deployed_content_.count(migration.path) > 0) continue;
      history.push_back(
          Entry{migration, display(migration.path), read_migration(folder_ / migration.path)});
    }
    std::sort(history.begin(), history.end(),
              [](const Entry& a, const Entry& b) { return migration_before(a.file, b.file); });
    for (const Entry& entry : history) add(plan.history, entry, 0);
    for (const Entry& entry : named) {
      if (deployed_content_.count(entry.file.path) > 0 &&
          !same_content(deployed_content_.at(entry.file.path), entry.text)) {
        classify(entry, plan);
      } else {
        add(plan.pending, entry, 0);
      }
    }
    return plan;
  }

 private:
  const std::optional<DeployedMigrations>& deployed_;
  std::filesystem::path folder_;
  std::filesystem::path base_;
  std::vector<MigrationFile> working_;
  std::size_t skipped_files_ = 0;
  std::vector<Entry> deployed_files_;
  std::map<std::string, std::string> deployed_content_;  // path in the folder → content

  static std::string read_migration(const std::filesystem::path& path) {
    return migrations::up_part(read_text_file(path));
  }

  std::string display(const std::string& relative) const {
    return display_path(folder_ / relative, base_);
  }

  std::string relative_to_folder(const std::filesystem::path& absolute) const {
    std::filesystem::path relative =
        absolute.lexically_relative(std::filesystem::absolute(folder_).lexically_normal());
    std::string text = relative.generic_string();
    if (text.empty() || text.rfind("..", 0) == 0) return absolute.generic_string();
    return text;
  }

  void read_deployed() {
    std::vector<std::string> paths;
    std::map<std::string, const std::string*> content;
    for (const DeployedMigrations::File& file : deployed_->files) {
      paths.push_back(file.path);
      content[file.path] = &file.content;
    }
    for (const MigrationFile& migration : migrations::plain_layout(paths)) {
      deployed_content_[migration.path] = *content.at(migration.path);
      deployed_files_.push_back(
          Entry{migration, display(migration.path), *content.at(migration.path)});
    }
  }

  // An applied migration gone from the working tree: deleted, or renamed (its new name then looks
  // pending and would run again).
  Diagnostic deleted_finding(const Entry& entry) const {
    Diagnostic finding;
    finding.rule = std::string(rules::kModifiedAppliedMigration);
    finding.severity = Severity::Error;
    finding.category = Category::Compat;
    finding.file = entry.display;
    finding.message = fmt::format(
        "this migration was deleted or renamed after it was deployed in `{}` ({}): frameworks that "
        "record applied migrations report it missing, and run a renamed copy again",
        deployed_->ref, deployed_->short_id);
    finding.help =
        "Restore the file under its deployed name; change the schema in a new migration instead.";
    return finding;
  }

  static void add(std::vector<check::MigrationText>& to, const Entry& entry, std::size_t skip) {
    to.push_back(check::MigrationText{entry.display, entry.text, skip, entry.file.transaction});
  }

  // A working-tree migration: new (pending), unchanged (nothing), or edited after deploy.
  void classify(const Entry& entry, Plan& plan) {
    auto applied = deployed_content_.find(entry.file.path);
    if (applied == deployed_content_.end()) {
      add(plan.pending, entry, 0);
      return;
    }
    if (same_content(applied->second, entry.text)) return;
    // Statements appended to the deployed ones still run wherever the file has not run yet.
    std::vector<std::string> before = statement_texts(applied->second);
    std::vector<std::string> after = statement_texts(entry.text);
    bool appended = after.size() > before.size() &&
                    std::equal(before.begin(), before.end(), after.begin());
    plan.findings.push_back(modified_finding(entry.display, entry.text, *deployed_, appended));
    add(appended ? plan.pending : plan.other_sources, entry, appended ? before.size() : 0);
  }
};

}  // namespace

DeployedMigrations migrations_at(const Repository& repository, const Commit& commit,
                                 const std::filesystem::path& folder) {
  DeployedMigrations out;
  out.ref = commit.ref;
  out.short_id = commit.short_id();
  std::string prefix = display_path(folder, repository.root());
  if (prefix == ".") prefix.clear();
  std::vector<TreeFile> tree = repository.files(commit, prefix);
  std::map<std::string, const TreeFile*> by_path;
  std::vector<std::string> relative_paths;
  for (const TreeFile& file : tree) {
    std::string relative = prefix.empty() ? file.path : file.path.substr(prefix.size() + 1);
    if (std::count(relative.begin(), relative.end(), '/') > 1) continue;
    relative_paths.push_back(relative);
    by_path[relative] = &file;
  }
  for (const MigrationFile& migration : migrations::plain_layout(relative_paths)) {
    out.files.push_back(DeployedMigrations::File{
        migration.path, migrations::up_part(repository.read(*by_path.at(migration.path)))});
  }
  return out;
}

Plan split(const std::optional<DeployedMigrations>& deployed, const std::filesystem::path& folder,
           const std::filesystem::path& base, const std::vector<std::filesystem::path>& files) {
  Splitter splitter(deployed, folder, base);
  Plan plan = files.empty() ? splitter.by_deployed_version() : splitter.by_named_files(files);
  plan.skipped_files = splitter.skipped_files();
  return plan;
}

}  // namespace twostep::pending
