// Every report format on one run with errors, warnings, evidence, a note and text that each format
// must escape, validated the way the consumers read them: JUnit against its schema (xmllint),
// SARIF against the 2.1.0 schema (python3-jsonschema), the others parsed and compared.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

const fs::path kSchemas = fs::path(TWOSTEP_SOURCE_DIR) / "../shared/schemas";

// Deployed: a users table the app reads. Pending: a drop the app notices (error, exact evidence),
// an ignore comment without a reason (warning), a line with non-ASCII text, and a name holding
// characters XML, Markdown and workflow commands must escape. History: a statement that does not
// parse (a note).
class Run {
 public:
  Run() : root_(temp_.path() / "repo") {
    git_init(root_);
    write_file(root_ / "migrations/0001_users.sql",
               "CREATE TABLE users (id bigint PRIMARY KEY, email text, \"a&b<c>\" text);\n"
               "CREATE STATSTICS broken;\n");
    write_file(root_ / "internal/store/users.go",
               "package store\n\nconst q = `SELECT id, email, \"a&b<c>\" FROM users`\n");
    git_commit_all(root_, "deployed");
    git(root_, "tag deployed");
    write_file(root_ / "migrations/0002_next.sql",
               "-- Déjà vu: müssen wir das? 🚀\n"
               "ALTER TABLE users DROP COLUMN email;\n"
               "ALTER TABLE users DROP COLUMN \"a&b<c>\";  -- twostep:ignore drop-column-in-use\n");
    git_commit_all(root_, "next");
  }

  Result check(std::vector<std::string> args) const {
    args.insert(args.begin(), {"check", "--deployed-ref", "deployed"});
    return run_twostep(args, root_);
  }
  // The report in `format`, written with --output; the terminal's text is returned in `text`.
  std::string report(const std::string& format, std::vector<std::string> extra = {},
                     std::string* text = nullptr) const {
    fs::path file = temp_.path() / ("report." + format);
    std::vector<std::string> args = {"--format", format, "--output", file.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Result result = check(args);
    INFO(result.err);
    CHECK(result.exit_code == 1);
    if (text != nullptr) *text = result.out;
    return read_file(file);
  }
  const fs::path& temp() const { return temp_.path(); }

 private:
  TempDir temp_;
  fs::path root_;
};

}  // namespace

TEST_CASE("--output writes the report; the terminal still gets text", "[reports]") {
  Run run;
  std::string text;
  std::string json = run.report("json", {}, &text);
  CHECK(nlohmann::json::parse(json)["summary"]["errors"] == 2);
  CHECK(text.find("error[drop-column-in-use]") != std::string::npos);
  CHECK(text.find("failed: ") != std::string::npos);
  Result unwritable =
      run.check({"--format", "json", "--output", (run.temp() / "no/such/dir/r.json").string()});
  CHECK(unwritable.exit_code == 2);
  CHECK(unwritable.err.find("no/such/dir/r.json: cannot write the report (--output)") !=
        std::string::npos);
  CHECK(unwritable.out.empty());
}

TEST_CASE("JUnit: a suite per migration, a failure per finding that fails the run", "[reports]") {
  Run run;
  std::string xml = run.report("junit");
  fs::path file = run.temp() / "report.junit";
  Result lint =
      run_shell("xmllint --noout --schema " + shell_quote((kSchemas / "junit-10.xsd").string()) +
                    " " + shell_quote(file.string()),
                run.temp());
  INFO(lint.err << xml);
  CHECK(lint.exit_code == 0);
  CHECK(xml.find("<testsuite name=\"migrations/0002_next.sql\" tests=\"3\" failures=\"2\"") !=
        std::string::npos);
  CHECK(xml.find(
            "<failure type=\"drop-column-in-use\" message=\"dropping `public.users.email` breaks "
            "the deployed app, which reads it\">") != std::string::npos);
  CHECK(xml.find("evidence: `internal/store/users.go:3` in the deployed version") !=
        std::string::npos);
  CHECK(xml.find("&quot;a&amp;b&lt;c&gt;&quot;") != std::string::npos);
  // The warning is a passing case with its text; --fail-on warning makes it a failure.
  CHECK(xml.find("<testcase name=\"warning ignore-without-reason at 3:") != std::string::npos);
  CHECK(xml.find("<system-out>migrations/0002_next.sql:3:") != std::string::npos);
  std::string strict = run.report("junit", {"--fail-on", "warning"});
  CHECK(strict.find("tests=\"3\" failures=\"3\"") != std::string::npos);
  // The note on the applied migration that does not parse.
  CHECK(xml.find("an applied statement does not parse") != std::string::npos);
}

TEST_CASE("SARIF 2.1.0: rules, locations in code points, the deployed code as related locations",
          "[reports]") {
  Run run;
  std::string text = run.report("sarif");
  fs::path file = run.temp() / "report.sarif";
  Result valid = run_shell(
      "/usr/bin/python3 -c " +
          shell_quote(
              "import json, sys, jsonschema\n"
              "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))\n") +
          " " + shell_quote((kSchemas / "sarif-schema-2.1.0.json").string()) + " " +
          shell_quote(file.string()),
      run.temp());
  INFO(valid.err);
  CHECK(valid.exit_code == 0);
  nlohmann::json sarif = nlohmann::json::parse(text);
  const nlohmann::json& sarif_run = sarif["runs"][0];
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif_run["columnKind"] == "unicodeCodePoints");
  const nlohmann::json& rules = sarif_run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() > 10);
  const nlohmann::json& results = sarif_run["results"];
  REQUIRE(results.size() == 3);
  const nlohmann::json& drop = results[0];
  CHECK(drop["ruleId"] == "drop-column-in-use");
  CHECK(rules[drop["ruleIndex"].get<std::size_t>()]["id"] == "drop-column-in-use");
  CHECK(rules[drop["ruleIndex"].get<std::size_t>()]["defaultConfiguration"]["level"] == "error");
  CHECK(rules[drop["ruleIndex"].get<std::size_t>()]["help"]["markdown"].get<std::string>().find(
            "## What it flags") == 0);
  CHECK(drop["level"] == "error");
  const nlohmann::json& location = drop["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "migrations/0002_next.sql");
  CHECK(location["region"]["startLine"] == 2);
  CHECK(location["region"]["startColumn"] == 19);
  CHECK(location["region"]["snippet"]["text"] == "DROP COLUMN email");
  const nlohmann::json& evidence = drop["relatedLocations"][0];
  CHECK(evidence["physicalLocation"]["artifactLocation"]["uri"] == "internal/store/users.go");
  // In the deployed commit's tree, not the checkout's.
  CHECK(evidence["physicalLocation"]["artifactLocation"]["uriBaseId"] == "DEPLOYED");
  CHECK(evidence["properties"]["commit"].get<std::string>().size() == 40);
  CHECK(evidence["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(evidence["message"]["text"].get<std::string>().find("in the deployed version") !=
        std::string::npos);
  CHECK(results[2]["level"] == "warning");
  // Same input, same bytes.
  CHECK(run.report("sarif") == text);
}

TEST_CASE("GitHub workflow commands: one annotation per finding, escaped", "[reports]") {
  Run run;
  std::string commands = run.report("github");
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < commands.size()) {
    std::size_t end = commands.find('\n', at);
    lines.push_back(commands.substr(at, end - at));
    at = end + 1;
  }
  REQUIRE(lines.size() == 5);  // three findings, the note, the summary
  CHECK(lines[0].rfind("::error file=migrations/0002_next.sql,line=2,col=19,endLine=2,endColumn=36,"
                       "title=twostep drop-column-in-use::dropping `public.users.email`",
                       0) == 0);
  CHECK(lines[0].find("%0Aevidence: `internal/store/users.go:3`") != std::string::npos);
  CHECK(lines[2].rfind("::warning file=migrations/0002_next.sql,line=3,", 0) == 0);
  CHECK(lines[3].rfind("::notice file=migrations/0001_users.sql,line=2::", 0) == 0);
  CHECK(lines[4].rfind("twostep: failed: 2 errors, 1 warning", 0) == 0);
}

TEST_CASE("GitLab Code Quality: an issue per finding with a stable, unique fingerprint",
          "[reports]") {
  Run run;
  nlohmann::json issues = nlohmann::json::parse(run.report("gitlab"));
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 3);
  CHECK(issues[0]["check_name"] == "drop-column-in-use");
  CHECK(issues[0]["severity"] == "critical");
  CHECK(issues[0]["location"]["path"] == "migrations/0002_next.sql");
  CHECK(issues[0]["location"]["lines"]["begin"] == 2);
  CHECK(issues[2]["severity"] == "minor");
  CHECK(issues[0]["fingerprint"] != issues[1]["fingerprint"]);
  CHECK(nlohmann::json::parse(run.report("gitlab"))[0]["fingerprint"] == issues[0]["fingerprint"]);
}

TEST_CASE("Markdown for a pull request: verdict, statement, evidence, fix", "[reports]") {
  Run run;
  std::string markdown = run.report("markdown");
  CHECK(markdown.rfind("## twostep failed: 2 errors, 1 warning", 0) == 0);
  CHECK(markdown.find("### error `drop-column-in-use` at `migrations/0002_next.sql:2:19`") !=
        std::string::npos);
  CHECK(markdown.find("```sql\nALTER TABLE users DROP COLUMN email;\n```") != std::string::npos);
  CHECK(markdown.find("- `internal/store/users.go:3` in the deployed version") !=
        std::string::npos);
  CHECK(markdown.find("**Fix:** Contract in two releases") != std::string::npos);
  CHECK(markdown.find("```sql\nALTER TABLE public.users DROP COLUMN email;\n```") !=
        std::string::npos);
  CHECK(markdown.find("### Notes") != std::string::npos);
}

TEST_CASE("--fail-on and --exclude decide the exit code", "[reports]") {
  Run run;
  CHECK(run.check({}).exit_code == 1);
  Result excluded = run.check({"-e", "drop-column-in-use"});
  CHECK(excluded.exit_code == 0);
  CHECK(excluded.out.find("passed: 0 errors, 1 warning") != std::string::npos);
  // A squawk id works as an alias, and commas separate ids.
  CHECK(run.check({"--exclude", "ban-drop-column,ignore-without-reason"})
            .out.find("0 errors, 0 warnings") != std::string::npos);
  Result strict = run.check({"-e", "ban-drop-column", "--fail-on", "warning"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("failed: 0 errors, 1 warning") != std::string::npos);
  Result typo = run.check({"-e", "drop-colum-in-use"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("--exclude `drop-colum-in-use`: not a twostep rule id; did you mean "
                      "`drop-column-in-use`?") != std::string::npos);
  Result squawk_only = run.check({"-e", "prefer-robust-stmts"});
  CHECK(squawk_only.exit_code == 2);
  CHECK(squawk_only.err.find("`prefer-robust-stmts` is a squawk rule that twostep does not have") !=
        std::string::npos);
  CHECK(run.check({"--fail-on", "info"}).exit_code == 2);
}
