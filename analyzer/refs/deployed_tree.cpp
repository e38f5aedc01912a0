#include "analyzer/refs/deployed_tree.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/lang/scanner.hpp"
#include "analyzer/refs/code/literals.hpp"
#include "analyzer/refs/source_line.hpp"
#include "analyzer/sql/parse.hpp"

namespace twostep::refs {
namespace {

// Generated bundles and data dumps are not the app's own code, and would dominate the scan.
constexpr std::size_t kLargestSourceFile = 4 * 1024 * 1024;

bool looks_binary(const std::string& content) {
  return content.find('\0', 0) < std::min<std::size_t>(content.size(), 8000);
}

QueryOccurrence occurrence(const SourceFile& file, std::size_t source, Span span, int line,
                           std::string sql, const std::string& commit) {
  QueryOccurrence query;
  query.evidence = Evidence{file.path,       line,         source_line(file.content, line),
                            Strength::Exact, Access::Read, commit,
                            std::nullopt};
  query.sql = std::move(sql);
  query.provider = "sql";
  query.source = source;
  query.span = span;
  return query;
}

// psql scripts hold meta-commands (`\set`, `\pset`, `\i`): a line of their own, not SQL.
std::string without_psql_commands(std::string text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t first = text.find_first_not_of(" \t", start);
    if (first < end && text[first] == '\\') {
      for (std::size_t i = start; i < end; ++i) text[i] = ' ';
    }
    start = end + 1;
  }
  return text;
}

// The queries of a `.sql` query file (sqlc and the like): one occurrence per statement.
void add_query_file(const SourceFile& file, std::size_t source, const std::string& commit,
                    DeployedApp& app) {
  sql::ParsedFile parsed = sql::parse_file(file.content);
  for (const sql::Statement& statement : parsed.statements) {
    std::string text =
        file.content.substr(statement.span.begin, statement.span.end - statement.span.begin);
    std::optional<std::string> query = as_query(text);
    if (!query) continue;
    auto begin = file.content.begin() + static_cast<std::ptrdiff_t>(statement.span.begin);
    int line = 1 + static_cast<int>(std::count(file.content.begin(), begin, '\n'));
    app.add_query(occurrence(file, source, statement.span, line, std::move(*query), commit));
  }
}

}  // namespace

std::unique_ptr<DeployedApp> scan_sources(std::vector<std::pair<SourceFile, SourceKind>> files,
                                          const std::string& commit) {
  auto app = std::make_unique<DeployedApp>(nullptr);
  app->set_commit(commit);
  std::vector<SourceFile> ruby;
  std::vector<SourceFile> jvm;  // Java and Kotlin files that may declare JPA entities
  // A multi-file Prisma schema is every .prisma file of one folder: their models, by folder.
  std::map<std::string, std::set<std::string>> prisma_models_by_folder;
  for (const auto& [file, kind] : files) {
    if (kind != SourceKind::PrismaSchema) continue;
    std::string folder = file.path.substr(0, file.path.rfind('/') + 1);
    prisma_models_by_folder[folder].merge(prisma_models(file));
  }
  for (auto& [file, kind] : files) {
    if (kind == SourceKind::NotSource) continue;
    app->count_source_file();
    if (kind == SourceKind::PrismaSchema) {
      ModelScan scan = read_prisma_schema(
          file, prisma_models_by_folder[file.path.substr(0, file.path.rfind('/') + 1)]);
      app->add_models(scan, commit);
      // A schema the provider could not read is still searched as text.
      if (!scan.failures.empty()) app->add_source(std::move(file), SourceKind::Code);
      continue;
    }
    if (kind == SourceKind::SqlQueries)
      file.content = without_psql_commands(std::move(file.content));
    std::size_t source = app->add_source(file, kind);
    if (kind == SourceKind::SqlQueries) {
      add_query_file(file, source, commit, *app);
      continue;
    }
    for (const lang::StringLiteral& literal : lang::string_literals(file.path, file.content)) {
      if (std::optional<std::string> query = as_query(literal.value)) {
        app->add_query(occurrence(file, source, Span{literal.offset, literal.end}, literal.line,
                                  std::move(*query), commit));
      } else if (is_schema_statement(literal.value)) {
        app->add_not_a_use(source, Span{literal.offset, literal.end});
      }
    }
    std::string_view path(file.path);
    if (path.ends_with(".rb")) ruby.push_back(file);
    if ((path.ends_with(".java") || path.ends_with(".kt")) &&
        (file.content.find("Entity") != std::string::npos ||
         file.content.find("MappedSuperclass") != std::string::npos)) {
      jvm.push_back(file);
    }
    if (path.ends_with(".rs") && (file.content.find("table!") != std::string::npos ||
                                  file.content.find("view!") != std::string::npos)) {
      app->add_models(read_diesel_schema(file), commit);
    }
  }
  if (!ruby.empty()) app->add_models(read_rails_models(ruby), commit);
  if (!jvm.empty()) app->add_models(read_jpa_entities(jvm), commit);
  return app;
}

std::unique_ptr<DeployedApp> scan_deployed_tree(const git::Repository& repository,
                                                const git::Commit& commit,
                                                const SourceFilter& filter) {
  std::vector<std::pair<SourceFile, SourceKind>> files;
  for (const git::TreeFile& entry : repository.files(commit)) {
    SourceKind kind = classify(entry.path, filter);
    if (kind == SourceKind::NotSource) continue;
    std::string content = repository.read(entry);
    if (content.size() > kLargestSourceFile || looks_binary(content)) continue;
    files.emplace_back(SourceFile{entry.path, std::move(content)}, kind);
  }
  return scan_sources(std::move(files), commit.id);
}

}  // namespace twostep::refs
