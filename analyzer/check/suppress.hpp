#pragma once
// Inline suppression: `-- twostep:ignore RULE[,RULE] -- reason` before a statement or after its
// `;`, `-- twostep:ignore-file RULE[,RULE] -- reason` anywhere in a file; squawk's
// `squawk-ignore` comments for the rules twostep shares with squawk.
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzer/sql/parse.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep::check {

// The rules a suppression comment names, as written, and its reason. `twostep:ignore a, b --
// why`, `twostep:ignore a: why` and `twostep:ignore a why` all name `a` (and `b`) for `why`: the
// list is ids joined by commas (or by spaces, where the next word is a known id), and what
// follows it, after an optional `--` or `:`, is the reason. squawk's form: ids joined by commas,
// up to an optional `-- comment`.
struct DirectiveRules {
  std::vector<std::string> rules;
  std::string reason;  // empty: none given
};
DirectiveRules read_rules(const sql::Directive& directive);

struct SuppressedFile {
  const sql::ParsedFile* parsed = nullptr;
  bool report_directives = false;  // directive problems are findings in checked files only
};

struct Suppression {
  std::size_t suppressed = 0;
  std::vector<Note> notes;  // squawk-ignore comments: what they suppressed, or why nothing
};

using RaiseFinding = std::function<void(std::string_view rule, const std::string& file, Span span,
                                        std::string message, std::string help)>;

// Removes suppressed findings and adds ignore-without-reason / unknown-rule findings for bad
// directives through `raise`.
Suppression suppress(std::deque<Diagnostic>& diagnostics,
                     const std::map<std::string, SuppressedFile>& files, const RaiseFinding& raise);

}  // namespace twostep::check
