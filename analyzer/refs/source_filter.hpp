#pragma once
// Which files of the deployed tree are the deployed app's source: code in a common language, not
// docs, data, vendored code, migrations or tests. `*.sql` files count through their queries only.
#include <string>
#include <string_view>
#include <vector>

namespace twostep::refs {

enum class SourceKind {
  NotSource,
  Code,          // any text in it may reference the schema
  SqlQueries,    // a `.sql` file outside the migrations: only its queries count, never its DDL
  PrismaSchema,  // a `.prisma` schema: its models are exact references
};

struct SourceFilter {
  std::vector<std::string> app_paths;      // repository-relative folders; empty: everything
  std::vector<std::string> exclude_paths;  // globs on repository-relative paths
  // Repository-relative folders of migration scripts: never the app's source.
  std::vector<std::string> migration_paths;
  bool include_tests = false;
};

SourceKind classify(std::string_view path, const SourceFilter& filter);

// The file extensions read as code (without the dot), for the docs.
const std::vector<std::string_view>& code_extensions();

// `*` within a path segment, `**` across segments, `?` one character. A pattern also matches
// everything under a folder it matches.
bool glob_matches(std::string_view pattern, std::string_view path);

}  // namespace twostep::refs
