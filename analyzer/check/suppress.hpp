#pragma once
// Inline suppression: `-- twostep:ignore RULE[,RULE] -- reason` before a statement or after its
// `;`, `-- twostep:ignore-file RULE[,RULE] -- reason` anywhere in a file.
#include <deque>
#include <functional>
#include <map>
#include <string>

#include "analyzer/sql/parse.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep::check {

struct SuppressedFile {
  const sql::ParsedFile* parsed = nullptr;
  bool report_directives = false;  // directive problems are findings in checked files only
};

// Removes suppressed findings (returns how many) and adds ignore-without-reason / unknown-rule
// findings for bad directives. `severity_of` gives a raised rule's severity, or nothing when off.
std::size_t suppress(std::deque<Diagnostic>& diagnostics,
                     const std::map<std::string, SuppressedFile>& files,
                     const std::function<void(std::string_view rule, const std::string& file,
                                              Span span, std::string message, std::string help)>&
                         raise);

}  // namespace twostep::check
