#include "analyzer/pending/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
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
                            const Commit& deployed, bool appended) {
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
      deployed.ref, deployed.short_id());
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

Plan split_by_git(const Repository& repository, const std::optional<Commit>& deployed,
                  const std::filesystem::path& folder) {
  Plan plan;
  std::string prefix = display_path(folder, repository.root());
  if (prefix == ".") prefix.clear();
  auto display = [&](const std::string& relative) {
    return prefix.empty() ? relative : prefix + "/" + relative;
  };

  std::map<std::string, std::string> deployed_content;  // relative path → content
  if (deployed) {
    std::vector<TreeFile> tree = repository.files(*deployed, prefix);
    std::map<std::string, const TreeFile*> by_path;
    std::vector<std::string> relative_paths;
    for (const TreeFile& file : tree) {
      std::string relative = prefix.empty() ? file.path : file.path.substr(prefix.size() + 1);
      if (std::count(relative.begin(), relative.end(), '/') > 1) continue;
      relative_paths.push_back(relative);
      by_path[relative] = &file;
    }
    for (const MigrationFile& migration : migrations::plain_layout(relative_paths)) {
      std::string content = repository.read(*by_path.at(migration.path));
      deployed_content[migration.path] = content;
      plan.history.push_back(
          check::MigrationText{display(migration.path), std::move(content), 0,
                               migration.transaction});
    }
  }

  for (const MigrationFile& migration : migrations::plain_layout(migrations::list_folder(folder))) {
    std::string text = read_text_file(folder / migration.path);
    std::string path = display(migration.path);
    auto applied = deployed_content.find(migration.path);
    if (applied == deployed_content.end()) {
      plan.pending.push_back(check::MigrationText{path, std::move(text), 0, migration.transaction});
      continue;
    }
    if (same_content(applied->second, text)) continue;
    // Edited after deploy. Statements appended to the deployed ones still run wherever the file
    // has not run yet: check them as pending.
    std::vector<std::string> before = statement_texts(applied->second);
    std::vector<std::string> after = statement_texts(text);
    bool appended = after.size() > before.size() &&
                    std::equal(before.begin(), before.end(), after.begin());
    plan.findings.push_back(modified_finding(path, text, *deployed, appended));
    if (appended) {
      plan.pending.push_back(
          check::MigrationText{path, std::move(text), before.size(), migration.transaction});
    } else {
      plan.other_sources.push_back(check::MigrationText{path, std::move(text), 0,
                                                        migration.transaction});
    }
  }
  return plan;
}

Plan split_explicit(const std::vector<std::filesystem::path>& files,
                    const std::filesystem::path& folder, const std::filesystem::path& base) {
  Plan plan;
  std::vector<MigrationFile> given;
  for (const std::filesystem::path& file : files) {
    MigrationFile migration;
    migration.path = file.string();
    std::string name = file.filename().string();
    bool in_folder_of_its_own = name == "up.sql" || name == "migration.sql";
    migration.id = in_folder_of_its_own ? file.parent_path().filename().string() : file.stem().string();
    migration.version = migrations::version_of(migration.id);
    given.push_back(std::move(migration));
  }
  std::sort(given.begin(), given.end(), migration_before);
  std::vector<std::filesystem::path> given_absolute;
  for (const std::filesystem::path& file : files) {
    given_absolute.push_back(std::filesystem::absolute(file).lexically_normal());
  }
  std::error_code error;
  if (!given.empty() && std::filesystem::is_directory(folder, error)) {
    for (const MigrationFile& migration :
         migrations::plain_layout(migrations::list_folder(folder))) {
      std::filesystem::path absolute = (folder / migration.path).lexically_normal();
      if (std::find(given_absolute.begin(), given_absolute.end(), absolute) !=
          given_absolute.end()) {
        continue;
      }
      if (!migration_before(migration, given.front())) continue;
      plan.history.push_back(check::MigrationText{display_path(absolute, base),
                                                  read_text_file(absolute), 0,
                                                  migration.transaction});
    }
  }
  for (const MigrationFile& migration : given) {
    std::filesystem::path path(migration.path);
    plan.pending.push_back(check::MigrationText{display_path(path, base), read_text_file(path), 0,
                                                migration.transaction});
  }
  return plan;
}

}  // namespace twostep::pending
