#pragma once
#include <memory>

#include "analyzer/git/repository.hpp"
#include "analyzer/refs/deployed_app.hpp"
#include "analyzer/refs/source_filter.hpp"

namespace twostep::refs {

// Reads the deployed app's source from the commit's git objects — only the files the filter
// keeps, each once — and runs every provider over it: SQL in string literals and query files,
// ActiveRecord, Prisma and Diesel models, and the textual floor. Queries are resolved when the
// result is bound to the deployed schema.
std::unique_ptr<DeployedApp> scan_deployed_tree(const git::Repository& repository,
                                                const git::Commit& commit,
                                                const SourceFilter& filter);

// The same over files already in memory (tests, and the manifest writer's own input).
std::unique_ptr<DeployedApp> scan_sources(std::vector<std::pair<SourceFile, SourceKind>> files,
                                          const std::string& commit);

}  // namespace twostep::refs
