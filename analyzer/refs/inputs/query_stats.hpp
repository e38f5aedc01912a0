#pragma once
// Query statistics: an export of pg_stat_statements — what the deployed
// app really ran, with how often.
#include <filesystem>
#include <vector>

#include "analyzer/refs/deployed_app.hpp"

namespace twostep::refs {

// Reads a CSV export with a header row, or JSON lines, holding at least `query` and `calls`.
// Queries that are not SELECT/INSERT/UPDATE/DELETE/MERGE/WITH are left out. Throws IoError naming
// the file and line for anything else.
std::vector<QueryOccurrence> read_query_stats(const std::filesystem::path& file,
                                              const std::string& shown_as);

}  // namespace twostep::refs
