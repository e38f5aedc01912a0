// Fixtures: every file or folder under fixtures/rules/<rule>/, fixtures/layouts/<layout>/ and
// fixtures/apps/<provider>/ is a case whose expectations are written inline. A `.sql` file is
// checked in memory; a folder with `deployed/` and `pending/` trees becomes a real git repository
// checked by the real binary. Expectations are `-- expect: …` comments in SQL (and Go), and
// `# -- expect: …` comments in Ruby (Rails migrations), where one line is one statement's first.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "analyzer/check/engine.hpp"
#include "expectations.hpp"
#include "support.hpp"
#include "twostep/references.hpp"

namespace fs = std::filesystem;
using namespace twostep;

namespace {

struct Expectation {
  std::string file;
  int line = 0;
  int last_line = 0;  // an expectation alone on a line covers the whole next statement
  std::string severity;
  std::string rule;
  std::string text;
  bool used = false;
};

struct Finding {
  std::string file;
  int line = 0;
  std::string severity;
  std::string rule;
  std::string haystack;  // message, help and evidence, where an expectation's text must occur
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  lines.push_back(current);
  return lines;
}

std::string trim(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// `-- expect: SEVERITY RULE "TEXT"`: at the end of a line it applies to that line; alone on a line
// to the next line that holds SQL.
std::vector<Expectation> read_expectations(const std::string& file, const std::string& text,
                                           int first_line = 1) {
  // Ruby (Rails migrations) comments with `#`, and one line is one statement's first line.
  bool ruby = file.ends_with(".rb");
  std::string leader = ruby ? "#" : "--";
  std::vector<std::string> lines = split_lines(text);
  std::vector<Expectation> out;
  std::vector<Expectation> waiting;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    const std::string& line = lines[i];
    std::string trimmed = trim(line);
    std::vector<testing::ExpectComment> comments = testing::expect_comments(line);
    bool alone = !comments.empty() && trimmed.rfind(leader, 0) == 0;
    if (number >= first_line) {
      for (const testing::ExpectComment& comment : comments) {
        Expectation expectation{file,         number,       number, comment.severity,
                                comment.rule, comment.text, false};
        (alone ? waiting : out).push_back(expectation);
      }
    }
    bool holds_sql = !trimmed.empty() && trimmed.rfind(leader, 0) != 0;
    // A line that carries a `twostep:ignore` comment takes its expectation on the line before it.
    bool directive_line = comments.empty() && trimmed.find("twostep:ignore") != std::string::npos;
    if (directive_line && !waiting.empty()) {
      for (Expectation& expectation : waiting) {
        expectation.line = number;
        expectation.last_line = number;
        out.push_back(expectation);
      }
      waiting.clear();
    }
    if (holds_sql && !waiting.empty()) {
      // The statement ends on the first line from here whose code (before any `--`) has a `;`.
      int last = number;
      for (std::size_t j = i; j < lines.size() && !ruby; ++j) {
        last = static_cast<int>(j) + 1;
        if (lines[j].substr(0, lines[j].find("--")).find(';') != std::string::npos) break;
      }
      for (Expectation& expectation : waiting) {
        expectation.line = number;
        expectation.last_line = last;
        out.push_back(expectation);
      }
      waiting.clear();
    }
  }
  for (Expectation& expectation : waiting) out.push_back(expectation);  // never matched: fails
  return out;
}

void match(std::vector<Finding> findings, std::vector<Expectation> expectations) {
  std::vector<std::string> problems;
  for (const Finding& finding : findings) {
    auto expectation =
        std::find_if(expectations.begin(), expectations.end(), [&](const Expectation& e) {
          return !e.used && e.file == finding.file && e.line <= finding.line &&
                 finding.line <= e.last_line && e.severity == finding.severity &&
                 e.rule == finding.rule && finding.haystack.find(e.text) != std::string::npos;
        });
    if (expectation == expectations.end()) {
      problems.push_back("unexpected finding: " + finding.file + ":" +
                         std::to_string(finding.line) + ": " + finding.severity + " " +
                         finding.rule + ": " + finding.haystack);
    } else {
      expectation->used = true;
    }
  }
  for (const Expectation& expectation : expectations) {
    if (!expectation.used) {
      problems.push_back("expected, not found: " + expectation.file + ":" +
                         std::to_string(expectation.line) + ": " + expectation.severity + " " +
                         expectation.rule + " \"" + expectation.text + "\"");
    }
  }
  for (const std::string& problem : problems) FAIL_CHECK(problem);
}

// `-- ref:` lines: the deployed app's references.
//   public.users             a relation      public.users.email  a column
//   'active'                 a string literal word:status       a word
class FixtureReferences final : public References {
 public:
  void add(const std::string& object, Evidence evidence) {
    items_[object].push_back(std::move(evidence));
  }

  std::vector<Evidence> relation(const QualifiedName& relation) const override {
    return lookup(relation.schema + "." + relation.name);
  }
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override {
    return lookup(relation.schema + "." + relation.name + "." + column);
  }
  std::vector<Evidence> string_literal(const std::string& value) const override {
    return lookup("'" + value + "'");
  }
  std::vector<Evidence> word(const std::string& word) const override {
    return lookup("word:" + word);
  }

 private:
  std::map<std::string, std::vector<Evidence>> items_;
  std::vector<Evidence> lookup(const std::string& key) const {
    auto found = items_.find(key);
    return found == items_.end() ? std::vector<Evidence>{} : found->second;
  }
};

// Keeps lines [first, last) of the text and blanks the rest, so that offsets stay the file's.
std::string keep_lines(const std::string& text, int first, int last) {
  std::string out = text;
  int line = 1;
  for (char& c : out) {
    if (c == '\n') {
      ++line;
      continue;
    }
    if (line < first || line >= last) c = ' ';
  }
  return out;
}

void run_sql_fixture(const fs::path& path, const std::string& display) {
  std::string text = testing::read_file(path);
  std::vector<std::string> lines = split_lines(text);
  check::CheckInput input;
  FixtureReferences references;
  bool deployed = true;
  TransactionMode transaction = TransactionMode::None;
  int applied_line = 0;
  int pending_line = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = trim(lines[i]);
    int number = static_cast<int>(i) + 1;
    if (line == "-- applied:") applied_line = number;
    if (line == "-- pending:") pending_line = number;
    if (line.rfind("-- fixture:", 0) == 0) {
      std::istringstream words(line.substr(11));
      std::string word;
      while (words >> word) {
        if (word.rfind("pg=", 0) == 0)
          input.settings.postgres_version = PgVersion::parse(word.substr(3));
        else if (word == "tx=none")
          transaction = TransactionMode::None;
        else if (word == "tx=file")
          transaction = TransactionMode::File;
        else if (word == "tx=implicit")
          transaction = TransactionMode::Implicit;
        else if (word == "deployed=none")
          deployed = false;
        else
          FAIL("unknown fixture header word: " + word);
      }
    }
    if (line.rfind("-- ref:", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string object, where, strength = "exact", access = "read";
      words >> object >> where >> strength >> access;
      std::size_t colon = where.rfind(':');
      REQUIRE(colon != std::string::npos);
      Evidence evidence;
      evidence.file = where.substr(0, colon);
      evidence.line = std::stoi(where.substr(colon + 1));
      evidence.text = "(fixture reference)";
      evidence.strength = strength == "textual" ? Strength::Textual : Strength::Exact;
      evidence.access = access == "write"     ? Access::Write
                        : access == "unknown" ? Access::Unknown
                                              : Access::Read;
      evidence.commit = "0000000000000000000000000000000000000000";
      references.add(object, evidence);
    }
  }
  REQUIRE(pending_line > 0);
  std::string reason =
      transaction == TransactionMode::File       ? "the fixture runs in one transaction (tx=file)"
      : transaction == TransactionMode::Implicit ? "the fixture is sent as one query (tx=implicit)"
                                                 : "";
  int total = static_cast<int>(lines.size()) + 1;
  auto part = [&](std::string path, int from, int to) {
    Migration migration;
    migration.text = keep_lines(text, from, to);
    migration.file.transaction = transaction;
    migration.transaction_reason = reason;
    return MigrationText{std::move(path), {}, migration};
  };
  if (applied_line > 0) {
    int end = applied_line < pending_line ? pending_line : total;
    input.history.push_back(part(display + " (applied)", applied_line + 1, end));
  }
  int pending_end = applied_line > pending_line ? applied_line : total;
  input.pending.push_back(part(display, pending_line + 1, pending_end));
  input.references = deployed ? &references : nullptr;

  check::CheckOutput output = check::run(input);
  std::vector<Finding> findings;
  for (const Diagnostic& diagnostic : output.diagnostics) {
    std::string haystack = diagnostic.message;
    if (!diagnostic.help.empty()) haystack += " | help: " + diagnostic.help;
    for (const Evidence& evidence : diagnostic.evidence) {
      haystack += " | " + evidence.file + ":" + std::to_string(evidence.line) + " " + evidence.text;
    }
    findings.push_back({diagnostic.file, diagnostic.start.line, to_string(diagnostic.severity),
                        diagnostic.rule, haystack});
  }
  match(findings, read_expectations(display, keep_lines(text, pending_line + 1, pending_end)));
}

void copy_tree(const fs::path& from, const fs::path& to) {
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    fs::path target = to / fs::relative(entry.path(), from);
    if (entry.is_directory()) {
      fs::create_directories(target);
    } else {
      fs::create_directories(target.parent_path());
      fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
    }
  }
}

// A folder case: `deployed/` is committed and tagged `deployed`, `pending/` is laid over it (and
// committed unless the folder holds a file `uncommitted`), then `twostep check` runs with the
// arguments in `args` (default `check --deployed-ref deployed`; without `deployed/`, `check`).
// A file `deleted` lists deployed files (repository paths) removed before `pending/` is laid over
// (a rename is a deleted path and a pending one). A file `layout` names the layout the report
// must say was read.
void run_folder_fixture(const fs::path& folder) {
  testing::TempDir temp;
  fs::path repository = temp.path() / "repo";
  testing::git_init(repository);
  bool has_deployed = fs::exists(folder / "deployed");
  if (has_deployed) {
    copy_tree(folder / "deployed", repository);
    testing::git_commit_all(repository, "deployed");
    testing::git(repository, "tag deployed");
  }
  if (fs::exists(folder / "deleted")) {
    std::istringstream paths(testing::read_file(folder / "deleted"));
    std::string path;
    while (paths >> path) REQUIRE(fs::remove(repository / path));
  }
  if (fs::exists(folder / "pending")) copy_tree(folder / "pending", repository);
  if (has_deployed && !fs::exists(folder / "uncommitted"))
    testing::git_commit_all(repository, "pending");
  std::vector<std::string> args = {"check", "--format", "json"};
  if (has_deployed) args.insert(args.end(), {"--deployed-ref", "deployed"});
  if (fs::exists(folder / "args")) {
    std::istringstream words(testing::read_file(folder / "args"));
    args = {"--format", "json"};
    std::string word;
    std::vector<std::string> given;
    while (words >> word) given.push_back(word);
    args.insert(args.begin(), given.begin(), given.end());
  }
  testing::Result result = testing::run_twostep(args, repository);
  INFO("stderr: " << result.err);
  REQUIRE((result.exit_code == 0 || result.exit_code == 1));
  nlohmann::json report = nlohmann::json::parse(result.out);
  if (fs::exists(folder / "layout")) {
    std::istringstream named(testing::read_file(folder / "layout"));
    std::string layout;
    named >> layout;
    CHECK(report["layout"] == layout);
  }
  std::vector<Finding> findings;
  for (const auto& diagnostic : report["diagnostics"]) {
    std::string haystack = diagnostic["message"].get<std::string>();
    if (diagnostic.contains("help"))
      haystack += " | help: " + diagnostic["help"].get<std::string>();
    for (const auto& evidence : diagnostic["evidence"]) {
      haystack += " | " + evidence["file"].get<std::string>() + ":" +
                  std::to_string(evidence["line"].get<int>()) + " " +
                  evidence["text"].get<std::string>();
    }
    findings.push_back({diagnostic["file"], diagnostic["range"]["start"]["line"],
                        diagnostic["severity"], diagnostic["rule"], haystack});
  }
  std::vector<Expectation> expectations;
  for (const auto& entry : fs::recursive_directory_iterator(repository)) {
    // SQL migrations, Go ones (goose) whose comment can carry `// -- expect: …`, and Ruby ones
    // (Rails) with `# -- expect: …`.
    std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() ||
        (extension != ".sql" && extension != ".go" && extension != ".rb"))
      continue;
    if (entry.path().string().find("/.git/") != std::string::npos) continue;
    std::string relative = fs::relative(entry.path(), repository).generic_string();
    std::vector<Expectation> found = read_expectations(relative, testing::read_file(entry.path()));
    expectations.insert(expectations.end(), found.begin(), found.end());
  }
  bool errors = std::any_of(findings.begin(), findings.end(),
                            [](const Finding& f) { return f.severity == "error"; });
  CHECK(result.exit_code == (errors ? 1 : 0));
  match(findings, expectations);
}

std::vector<fs::path> sorted_entries(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// fixtures/rules/<rule>/ hold each rule's cases; fixtures/layouts/<layout>/ the cases about how a
// framework's files are read and run, fixtures/apps/<provider>/ the cases about what counts as the
// deployed app's use. Sections: `<rule>`, `layouts/<layout>`, `apps/<provider>`.
TEST_CASE("fixtures") {
  fs::path root = fs::path(TWOSTEP_SOURCE_DIR) / "fixtures";
  for (const char* group : {"rules", "layouts", "apps"}) {
    for (const fs::path& folder : sorted_entries(root / group)) {
      if (!fs::is_directory(folder)) continue;
      std::string section = folder.filename().string();
      if (std::string(group) != "rules") section = std::string(group) + "/" + section;
      DYNAMIC_SECTION(section) {
        for (const fs::path& fixture : sorted_entries(folder)) {
          std::string name = fixture.filename().string();
          DYNAMIC_SECTION(name) {
            if (fs::is_directory(fixture)) {
              run_folder_fixture(fixture);
            } else if (fixture.extension() == ".sql") {
              run_sql_fixture(fixture, section + "/" + name);
            }
          }
        }
      }
    }
  }
}
