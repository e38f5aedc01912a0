// Rails: `db/migrate/<version>_<name>.rb` (an engine's copies `<version>_<name>.<engine>.rb`), in
// version order, each run in one transaction unless its class says `disable_ddl_transaction!`.
// The Ruby is translated into the SQL Rails sends (analyzer/rails), never run. The deployed
// version's db/schema.rb or db/structure.sql is the schema the migrations after it build on: Rails
// apps often delete migrations older than it.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "analyzer/migrations/layouts.hpp"
#include "analyzer/rails/translate.hpp"

namespace twostep::migrations {
namespace {

// Rails' own pattern: `\A([0-9]+)_([_a-z0-9]*)\.?([_a-z0-9]*)?\.rb\z`.
bool rails_migration_name(const std::string& name) {
  std::size_t at = 0;
  while (at < name.size() && std::isdigit(static_cast<unsigned char>(name[at]))) ++at;
  if (at == 0 || at >= name.size() || name[at] != '_' || !name.ends_with(".rb")) return false;
  std::string_view rest(name.data() + at + 1, name.size() - at - 1 - 3);
  int dots = 0;
  for (char c : rest) {
    if (c == '.') {
      ++dots;
    } else if (!(std::islower(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return dots <= 1;
}

// The line an error message names (`unterminated heredoc \`SQL\` (line 3)`), else the first.
Span line_of_error(const std::string& source, const std::string& message) {
  int wanted = 1;
  std::size_t at = message.rfind("(line ");
  if (at != std::string::npos) wanted = std::max(1, std::atoi(message.c_str() + at + 6));
  std::size_t begin = 0;
  for (int line = 1; line < wanted; ++line) {
    std::size_t next = source.find('\n', begin);
    if (next == std::string::npos) break;
    begin = next + 1;
  }
  std::size_t end = std::min(source.find('\n', begin), source.size());
  return {begin, end};
}

void from_translation(rails::Translation translation, std::string source, Migration& migration) {
  migration.original_text = std::move(source);
  if (translation.error) {
    // Fails closed on the line the lexer stopped at: what the file does is unknown.
    Span line = line_of_error(migration.original_text, *translation.error);
    migration.text = "-- Ruby twostep cannot read\n";
    migration.source_map.push_back(SourceSegment{{0, migration.text.size() - 1}, line});
    migration.untranslated.push_back(Untranslated{
        {0, migration.text.size() - 1},
        fmt::format("the Ruby cannot be followed from here on: {}", *translation.error),
        {}});
    return;
  }
  migration.text = std::move(translation.sql);
  migration.source_map = std::move(translation.source_map);
  migration.untranslated = std::move(translation.untranslated);
  migration.acknowledged = std::move(translation.acknowledged);
  // A translation with no statement at all keeps one piece, so that positions stay in the file.
  if (migration.source_map.empty()) migration.source_map.push_back(SourceSegment{{0, 0}, {0, 0}});
}

class RailsLayout final : public Layout {
 public:
  std::string_view name() const override { return "rails"; }
  bool records_version_only() const override { return true; }  // schema_migrations.version

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (!path.ends_with(".rb")) continue;
      if (rails_migration_name(file_name(path))) {
        claim.migrations.push_back(path);
        claim.strong = true;
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      std::string name = file_name(path);
      migration.file.path = path;
      migration.file.version_text = name.substr(0, name.find('_'));
      migration.file.id = migration.file.version_text;
      migration.file.version = version_of(migration.file.version_text);
      std::string source = files.read(path);
      rails::Translation translation = rails::translate_migration(source);
      bool transaction = translation.ddl_transaction;
      from_translation(std::move(translation), std::move(source), migration);
      migration.file.transaction = transaction ? TransactionMode::File : TransactionMode::None;
      if (transaction) {
        migration.transaction_reason =
            "Rails runs each migration in a transaction unless its class says "
            "`disable_ddl_transaction!`";
        migration.outside_transaction =
            "add `disable_ddl_transaction!` to the migration class, and keep the statement in a "
            "migration of its own (Rails then runs every statement of it outside a transaction)";
      }
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }

  std::vector<std::string> baseline_files() const override {
    return {"schema.rb", "structure.sql"};
  }

  std::optional<Migration> baseline(const std::string& path,
                                    const std::string& content) const override {
    Migration migration;
    migration.file.path = path;
    migration.file.id = file_name(path);
    std::string version;
    if (path.ends_with(".rb")) {
      rails::Translation translation = rails::translate_schema(content);
      version = translation.schema_version;
      if (translation.error) return std::nullopt;  // history falls back to the migrations
      from_translation(std::move(translation), content, migration);
    } else {
      version = rails::structure_version(content);
      migration.text = content;
    }
    if (version.empty()) return std::nullopt;
    migration.file.version_text = version;
    migration.file.version = version_of(version);
    return migration;
  }
};

}  // namespace

std::unique_ptr<Layout> make_rails_layout() {
  return std::make_unique<RailsLayout>();
}

}  // namespace twostep::migrations
