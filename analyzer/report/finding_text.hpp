#pragma once
// What every reporter says the same way: a finding's evidence in words, a finding as plain text
// (CI annotations, JUnit failures), which findings fail the run, and text made safe for formats
// that must be valid UTF-8.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/check/engine.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep::report {

// An evidence item's parts in words: `internal/store/users.go:14`, the deployed commit's short id
// (empty when not from git), `exact, read`, and the source line.
struct EvidenceWords {
  std::string location;
  std::string commit;
  std::string how;
  std::string text;
};
EvidenceWords evidence_words(const Evidence& evidence);

// "`internal/store/users.go:14` in the deployed version `3672e1d` (exact, read): SELECT …"
std::string evidence_text(const Evidence& evidence);

// The message, each evidence item, the related places and the help, one per line: for formats
// that show a finding as one block of plain text.
std::string plain_text(const Diagnostic& diagnostic);

// The line of the summary: "1 error, 0 warnings (0 suppressed) in 1 pending file (2 statements)".
std::string summary_text(const check::Summary& summary);

// Whether a finding of this severity fails the run (`--fail-on`).
bool fails(Severity severity, Severity fail_on);
bool run_fails(const check::Summary& summary, Severity fail_on);

// Invalid UTF-8 sequences replaced by U+FFFD: source lines and messages quote the user's files.
std::string valid_utf8(std::string_view text);

// Every note of the run in one list, as the machine formats show them: applied statements that do
// not parse ("an applied statement does not parse: …", at their line) first, then the others.
std::vector<Note> run_notes(const check::CheckOutput& output);

// Fingerprints that CI systems use to follow a finding from one run to the next: a stable 128-bit
// hex digest (two FNV-1a passes) of the rule, the file and the message, and of how many identical
// findings came before it in the run.
class Fingerprints {
 public:
  std::string of(const Diagnostic& diagnostic);

 private:
  std::map<std::string, std::size_t> seen_;
};

}  // namespace twostep::report
