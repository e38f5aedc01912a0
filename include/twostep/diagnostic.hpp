#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace twostep {

enum class Severity { Error, Warning };
enum class Category { Compat, Locks, Hygiene, Tool };

const char* to_string(Severity severity);
const char* to_string(Category category);

// A half-open byte range [begin, end) in the original file.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A resolved position: 1-based line, 1-based column in Unicode code points, 0-based byte offset.
struct Position {
  int line = 1;
  int column = 1;
  std::size_t offset = 0;
};

enum class Strength { Exact, Textual };
enum class Access { Read, Write, Unknown };

const char* to_string(Strength strength);
const char* to_string(Access access);

// Where the deployed app uses an object: the proof a compat finding stands on.
struct Evidence {
  std::string file;  // path in the deployed version, `/`-separated
  int line = 0;      // 1-based
  std::string text;  // the source line, trimmed
  Strength strength = Strength::Textual;
  Access access = Access::Unknown;
  std::string commit;              // full id of the deployed commit; empty when not from git
  std::optional<long long> calls;  // how often the query ran (pg_stat_statements)
};

// Another place in the migrations that explains the finding (the re-created view, ...).
struct Related {
  std::string file;
  Span span;
  int line = 0;  // filled when positions are resolved
  std::string message;
};

struct Diagnostic {
  std::string rule;
  Severity severity = Severity::Error;
  Category category = Category::Compat;
  std::string file;  // display path of the migration, `/`-separated
  Span span;
  Position start;  // filled when positions are resolved
  Position end;
  std::string message;
  std::string help;
  std::vector<Evidence> evidence;  // best first, at most kMaxEvidence
  std::size_t more_evidence = 0;   // evidence items left out
  std::vector<Related> related;
};

inline constexpr std::size_t kMaxEvidence = 5;

// What the check tells that is no finding: an applied statement that does not parse, a
// `squawk-ignore` comment honoured, a named file that is no up migration.
struct Note {
  std::string file;  // display path; empty when the note is about no file
  Span span;
  Position position{0, 0, 0};  // filled when positions are resolved; line 0: the whole file
  std::string message;
};

}  // namespace twostep
