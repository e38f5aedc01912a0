#include "analyzer/refs/deployed_tree.hpp"

#include <algorithm>

#include "analyzer/refs/literals.hpp"
#include "analyzer/refs/source_line.hpp"
#include "analyzer/sql/parse.hpp"

namespace twostep::refs {
namespace {

// Generated bundles and data dumps are not the app's own code, and would dominate the scan.
constexpr std::size_t kLargestSourceFile = 4 * 1024 * 1024;

bool looks_binary(const std::string& content) {
  return content.find('\0', 0) < std::min<std::size_t>(content.size(), 8000);
}

QueryOccurrence occurrence(const SourceFile& file, int line, std::string sql,
                           const std::string& commit) {
  QueryOccurrence query;
  query.evidence = Evidence{file.path, line, source_line(file.content, line), Strength::Exact,
                            Access::Read, commit, std::nullopt};
  query.sql = std::move(sql);
  query.provider = "sql";
  return query;
}

// The queries of a `.sql` query file (sqlc and the like): one occurrence per statement.
void add_query_file(const SourceFile& file, const std::string& commit, DeployedApp& app) {
  sql::ParsedFile parsed = sql::parse_file(file.content);
  for (const sql::Statement& statement : parsed.statements) {
    std::string text = file.content.substr(statement.span.begin,
                                           statement.span.end - statement.span.begin);
    std::optional<std::string> query = as_query(text);
    if (!query) continue;
    int line = 1 + static_cast<int>(std::count(file.content.begin(),
                                               file.content.begin() + static_cast<std::ptrdiff_t>(statement.span.begin), '\n'));
    app.add_query(occurrence(file, line, std::move(*query), commit));
  }
}

}  // namespace

std::unique_ptr<DeployedApp> scan_sources(std::vector<std::pair<SourceFile, SourceKind>> files,
                                          const std::string& commit) {
  auto textual = std::make_unique<TextualReferences>(commit);
  std::vector<SourceFile> ruby;
  TextualReferences* app_textual = textual.get();
  auto app = std::make_unique<DeployedApp>(std::move(textual));
  for (auto& [file, kind] : files) {
    if (kind == SourceKind::NotSource) continue;
    app->count_source_file();
    if (kind == SourceKind::PrismaSchema) {
      ModelScan scan = read_prisma_schema(file);
      app->add_models(scan, commit);
      // A schema the provider could not read is still searched as text.
      if (!scan.failures.empty()) app_textual->add_file(file.path, file.content, SourceKind::Code);
      continue;
    }
    if (kind == SourceKind::SqlQueries) {
      add_query_file(file, commit, *app);
    } else {
      for (const StringLiteral& literal : string_literals(file.path, file.content)) {
        if (std::optional<std::string> query = as_query(literal.value)) {
          app->add_query(occurrence(file, literal.line, std::move(*query), commit));
        }
      }
      std::string_view path(file.path);
      if (path.ends_with(".rb")) ruby.push_back(file);
      if (path.ends_with(".rs") && (file.content.find("table!") != std::string::npos ||
                                    file.content.find("view!") != std::string::npos)) {
        app->add_models(read_diesel_schema(file), commit);
      }
    }
    app_textual->add_file(std::move(file.path), std::move(file.content), kind);
  }
  if (!ruby.empty()) app->add_models(read_rails_models(ruby), commit);
  return app;
}

std::unique_ptr<DeployedApp> scan_deployed_tree(const pending::Repository& repository,
                                                const pending::Commit& commit,
                                                const SourceFilter& filter) {
  std::vector<std::pair<SourceFile, SourceKind>> files;
  for (const pending::TreeFile& entry : repository.files(commit)) {
    SourceKind kind = classify(entry.path, filter);
    if (kind == SourceKind::NotSource) continue;
    std::string content = repository.read(entry);
    if (content.size() > kLargestSourceFile || looks_binary(content)) continue;
    files.emplace_back(SourceFile{entry.path, std::move(content)}, kind);
  }
  return scan_sources(std::move(files), commit.id);
}

}  // namespace twostep::refs
