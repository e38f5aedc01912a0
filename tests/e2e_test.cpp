// End to end: real git repositories in temp folders, the real binary, its exit code and output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

// A repository whose first commit is the deployed version (tagged `deployed`).
class Project {
 public:
  Project() : root_(temp_.path() / "repo") { git_init(root_); }

  const fs::path& root() const { return root_; }
  Project& file(const std::string& path, const std::string& content) {
    write_file(root_ / path, content);
    return *this;
  }
  Project& remove(const std::string& path) {
    fs::remove(root_ / path);
    return *this;
  }
  std::string deploy() {
    std::string id = git_commit_all(root_, "deployed");
    git(root_, "tag deployed");
    return id;
  }
  void commit(const std::string& message = "next") { git_commit_all(root_, message); }

  Result check(std::vector<std::string> args = {"--deployed-ref", "deployed"},
               const std::map<std::string, std::string>& environment = {}) const {
    args.insert(args.begin(), "check");
    return run_twostep(args, root_, environment);
  }
  nlohmann::json check_json(std::vector<std::string> args = {"--deployed-ref", "deployed"}) const {
    args.insert(args.end(), {"--format", "json"});
    Result result = check(args);
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    return nlohmann::json::parse(result.out);
  }

 private:
  TempDir temp_;
  fs::path root_;
};

const char* kUsers =
    "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n  nickname "
    "text\n);\n";
const char* kStore =
    "package store\n\nconst findUser = `SELECT id, email FROM users WHERE id = $1`\n";

void deploy_shop(Project& project) {
  project.file("migrations/0001_users.sql", kUsers).file("internal/store/users.go", kStore);
  project.deploy();
}

std::vector<std::string> rules_of(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& diagnostic : report["diagnostics"]) out.push_back(diagnostic["rule"]);
  return out;
}

}  // namespace

TEST_CASE("a referenced column drop exits 1 with the evidence line", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  Result result = project.check();
  CHECK(result.exit_code == 1);
  CHECK(result.out.find(
            "error[drop-column-in-use]: dropping `public.users.email` breaks the deployed app") !=
        std::string::npos);
  CHECK(result.out.find("migrations/0002_drop_email.sql:1:19") != std::string::npos);
  CHECK(result.out.find("`internal/store/users.go:3` in the deployed version") !=
        std::string::npos);
  CHECK(result.out.find("twostep: deployed version `deployed`") != std::string::npos);
  CHECK(result.out.find("1 pending migration") != std::string::npos);
}

TEST_CASE("an unreferenced column drop exits 0", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop_nickname.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
      .commit();
  Result result = project.check();
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("passed: 0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("renames, table drops, type changes and required columns fail", "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("migrations/0002_next.sql",
            "ALTER TABLE users RENAME COLUMN email TO email_address;\n"
            "ALTER TABLE users ALTER COLUMN id TYPE integer;\n"
            "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;\n"
            "DROP TABLE users;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(rules_of(report) == std::vector<std::string>{"rename-column-in-use", "change-column-type",
                                                     "add-required-column", "drop-table-in-use"});
  CHECK(report["summary"]["errors"] == 4);
}

TEST_CASE("a mixed-case reference in app code matches an unquoted column", "[e2e]") {
  Project project;
  project.file("migrations/0001_users.sql", "CREATE TABLE users (id int, createdat timestamptz);\n")
      .file("web/models/user.ts", "export interface Users {\n  CreatedAt: Date;\n}\n");
  project.deploy();
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN createdat;\n").commit();
  nlohmann::json report = project.check_json();
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["evidence"][0]["file"] == "web/models/user.ts");
  CHECK(report["diagnostics"][0]["evidence"][0]["line"] == 2);
}

TEST_CASE("inline ignores need a reason", "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("migrations/0002_drop.sql",
            "-- twostep:ignore drop-column-in-use -- only the retired admin tool read it\n"
            "ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  Result with_reason = project.check();
  CHECK(with_reason.exit_code == 0);
  CHECK(with_reason.out.find("(1 suppressed)") != std::string::npos);

  project
      .file("migrations/0002_drop.sql",
            "ALTER TABLE users DROP COLUMN email;  -- twostep:ignore drop-column-in-use\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(rules_of(report) ==
        std::vector<std::string>{"drop-column-in-use", "ignore-without-reason"});
  CHECK(report["summary"]["suppressed"] == 0);
}

TEST_CASE("parse errors point at their line; a fragment or an unterminated quote is no empty file",
          "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("migrations/0002_broken.sql",
            "ALTER TABLE users DROP COLUMN email;\n"
            "SELECT 1; foo bar; SELECT 3;\n"
            "ALTER TABLE users ADD COLUMN a int NOT NUL;\n"
            "CREATE FUNCTION f() RETURNS int AS $$\n  SELECT 1;\n")
      .commit();
  nlohmann::json report = project.check_json();
  std::vector<std::pair<std::string, int>> found;
  for (const auto& d : report["diagnostics"]) {
    found.emplace_back(d["rule"], d["range"]["start"]["line"].get<int>());
  }
  CHECK(found ==
        std::vector<std::pair<std::string, int>>{
            {"drop-column-in-use", 1}, {"parse-error", 2}, {"parse-error", 3}, {"parse-error", 4}});
  CHECK(report["diagnostics"][1]["range"]["start"]["column"] == 11);
  CHECK(report["diagnostics"][3]["message"].get<std::string>().find("unterminated dollar-quoted") ==
        0);
  CHECK(report["diagnostics"][3]["range"]["start"]["column"] == 36);
}

TEST_CASE("ranges start at the statement, not its comments, and count code points", "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("migrations/0002_drop.sql",
            "-- Löschen: the column moved to `contacts` (ü, 東京)\n"
            "/* reviewed */\n"
            "  /* é */ ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  nlohmann::json report = project.check_json();
  REQUIRE(report["diagnostics"].size() == 1);
  const auto& range = report["diagnostics"][0]["range"];
  CHECK(range["start"]["line"] == 3);
  CHECK(range["start"]["column"] == 29);  // `DROP`, counted in code points: `é` is one
  std::string text = read_file(project.root() / "migrations/0002_drop.sql");
  CHECK(text.substr(range["start"]["offset"].get<std::size_t>(), 4) == "DROP");
  CHECK(range["end"]["column"] == 46);
}

TEST_CASE("schema-qualified names resolve to the same objects", "[e2e]") {
  Project project;
  project
      .file(
          "migrations/0001_app.sql",
          "CREATE SCHEMA billing;\nCREATE TABLE billing.invoices (id int, total int, memo text);\n")
      .file("app/invoices.py", "INVOICE_TOTAL = 'SELECT total FROM billing.invoices'\n");
  project.deploy();
  project
      .file("migrations/0002_drop.sql",
            "SET search_path TO billing, public;\nALTER TABLE invoices DROP COLUMN total;\n"
            "ALTER TABLE billing.invoices DROP COLUMN memo;\n")
      .commit();
  nlohmann::json report = project.check_json();
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["message"].get<std::string>().find("`billing.invoices.total`") !=
        std::string::npos);
}

TEST_CASE("pre-commit: an untracked migration is pending against HEAD", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n");  // untracked
  Result result = project.check({});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("deployed version `HEAD`") != std::string::npos);
  CHECK(result.out.find("pending: migrations/0002_drop.sql") != std::string::npos);
}

TEST_CASE("the remote default branch is the deployed version when it exists", "[e2e]") {
  Project project;
  deploy_shop(project);
  git(project.root(), "update-ref refs/remotes/origin/main HEAD");
  git(project.root(), "symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main");
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  Result result = project.check({});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("deployed version `origin/HEAD`") != std::string::npos);
}

TEST_CASE("the deployed version still uses the column even when the pending commit stops using it",
          "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("internal/store/users.go", "package store\n\nconst findUser = `SELECT id FROM users`\n")
      .file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  Result result = project.check();
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("internal/store/users.go:3") != std::string::npos);
}

TEST_CASE("an applied migration edited after deploy is replayed as deployed", "[e2e]") {
  Project project;
  project.file("migrations/0001_users.sql", "CREATE TABLE users (id int, name varchar(50));\n");
  project.deploy();
  // The edit would make the widening below look like a narrowing rewrite from text.
  project.file("migrations/0001_users.sql", "CREATE TABLE users (id int, name text);\n")
      .file("migrations/0002_widen.sql", "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(rules_of(report) == std::vector<std::string>{"modified-applied-migration"});
  CHECK(report["diagnostics"][0]["file"] == "migrations/0001_users.sql");
  CHECK(report["diagnostics"][0]["range"]["start"]["line"] == 1);
}

TEST_CASE("a DROP COLUMN appended to an applied migration is found", "[e2e]") {
  Project project;
  deploy_shop(project);
  project
      .file("migrations/0001_users.sql",
            std::string(kUsers) + "ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(rules_of(report) ==
        std::vector<std::string>{"modified-applied-migration", "drop-column-in-use"});
  CHECK(report["diagnostics"][1]["range"]["start"]["line"] == 6);
}

TEST_CASE("docs, dumps, tests and vendored code are not the deployed app", "[e2e]") {
  Project project;
  project.file("db/migrations/0001_users.sql", kUsers)
      .file("README.md", "Users have an `email` column in the users table.\n")
      .file("docs/schema.md", "users.email holds the address\n")
      .file("db/schema.sql", "CREATE TABLE users (id bigint, email text NOT NULL);\n")
      .file("internal/store/users_test.go", "package store\n// SELECT email FROM users\n")
      .file("vendor/github.com/acme/orm/users.go", "package orm\n// users.email\n")
      .file("internal/store/users.go", "package store\n\nconst q = `SELECT id FROM users`\n");
  project.deploy();
  project.file("db/migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  Result result = project.check();
  INFO(result.out);
  CHECK(result.exit_code == 0);
}

TEST_CASE("without a deployed version, contract steps are unverified", "[e2e]") {
  TempDir temp;
  write_file(temp.path() / "migrations/0001_users.sql", kUsers);
  write_file(temp.path() / "migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  Result result = run_twostep({"check", "migrations/0002_drop.sql"}, temp.path());
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("no deployed version (not in a git repository)") != std::string::npos);
  CHECK(result.out.find("warning[unverified-contract]") != std::string::npos);

  write_file(temp.path() / "twostep.toml", "[rules]\nunverified-contract = \"error\"\n");
  CHECK(run_twostep({"check", "migrations/0002_drop.sql"}, temp.path()).exit_code == 1);

  // Outside git nothing tells which migrations are pending: say so rather than guess.
  Result unnamed = run_twostep({"check"}, temp.path());
  CHECK(unnamed.exit_code == 2);
  CHECK(unnamed.err.find("not in a git repository") != std::string::npos);
}

TEST_CASE("explicit paths are the pending ones; earlier migrations are history", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n")
      .file("migrations/0003_more.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
      .commit();
  nlohmann::json report =
      project.check_json({"--deployed-ref", "deployed", "migrations/0003_more.sql"});
  CHECK(report["pending"] == std::vector<std::string>{"migrations/0003_more.sql"});
  CHECK(report["diagnostics"].empty());
}

TEST_CASE("tool failures exit 2 with one line naming the problem", "[e2e]") {
  Project project;
  deploy_shop(project);
  Result unknown_ref = project.check({"--deployed-ref", "no-such-tag"});
  CHECK(unknown_ref.exit_code == 2);
  CHECK(unknown_ref.err.rfind("twostep: error: unknown git ref `no-such-tag`", 0) == 0);
  CHECK(std::count(unknown_ref.err.begin(), unknown_ref.err.end(), '\n') == 1);

  Result in_ci = project.check({}, {{"CI", "true"}});
  CHECK(in_ci.exit_code == 2);
  CHECK(in_ci.err.find("--deployed-ref") != std::string::npos);
  CHECK(project.check({}, {{"CODEBUILD_BUILD_ID", "build:1"}}).exit_code == 2);
  CHECK(project.check({"--deployed-ref", "deployed"}, {{"CI", "true"}}).exit_code == 0);

  Result bad_flag = project.check({"--no-such-flag"});
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err.rfind("twostep: error:", 0) == 0);
  CHECK(project.check({"--deployed-ref"}).exit_code == 2);

  Result missing = project.check({"--deployed-ref", "deployed", "migrations/0009_nope.sql"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("migrations/0009_nope.sql") != std::string::npos);

  project.file("twostep.toml", "migrations = \"migrations\"\n\n[rules]\nno-such-rule = \"off\"\n");
  Result bad_config = project.check();
  CHECK(bad_config.exit_code == 2);
  CHECK(bad_config.err.find("twostep.toml:4: `rules.no-such-rule`: unknown rule id") !=
        std::string::npos);
}

TEST_CASE("json output has the documented shape and is sorted", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0003_b.sql", "ALTER TABLE users DROP COLUMN email;\n")
      .file("migrations/0002_a.sql",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nDROP TABLE users;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(report["version"] == 1);
  CHECK(report["tool"]["name"] == "twostep");
  CHECK(report["deployed"]["ref"] == "deployed");
  CHECK(report["deployed"]["commit"].get<std::string>().size() == 40);
  for (const char* key :
       {"files", "statements", "errors", "warnings", "suppressed", "skipped_files"}) {
    CHECK(report["summary"].contains(key));
  }
  std::vector<std::pair<std::string, std::size_t>> order;
  for (const auto& d : report["diagnostics"]) {
    order.emplace_back(d["file"], d["range"]["start"]["offset"]);
    for (const char* key : {"rule", "severity", "category", "file", "range", "message", "help",
                            "evidence", "related"}) {
      CHECK(d.contains(key));
    }
  }
  CHECK(std::is_sorted(order.begin(), order.end()));
  CHECK(order.front().first == "migrations/0002_a.sql");
  // Same input, same bytes.
  CHECK(project.check({"--deployed-ref", "deployed", "--format", "json"}).out ==
        project.check({"--deployed-ref", "deployed", "--format", "json"}).out);
}

TEST_CASE("after a pending table rename, a drop names both names", "[e2e]") {
  Project project;
  project.file("migrations/0001.sql", "CREATE TABLE accounts (id int, email text);\n")
      .file("app/accounts.rb", "TABLE = \"accounts\"\nAccount.where(\"email = ?\", x)\n");
  project.deploy();
  project
      .file("migrations/0002.sql",
            "ALTER TABLE accounts RENAME TO customers; -- twostep:ignore rename-table-in-use -- a "
            "view follows\n"
            "ALTER TABLE customers DROP COLUMN email;\n")
      .commit();
  nlohmann::json report = project.check_json();
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["message"] ==
        "dropping `public.customers.email` (the deployed app's `public.accounts.email`) breaks the "
        "deployed app, which uses it");
}

TEST_CASE("down parts are never read; a folder mixing layouts is named, not guessed", "[e2e]") {
  Project project;
  project.file("migrations/0001_users.up.sql", kUsers)
      .file("migrations/0001_users.down.sql", "DROP TABLE users;\n")
      .file("internal/store/users.go", kStore);
  project.deploy();
  project.file("migrations/0002_add.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n")
      .file("migrations/0002_add.down.sql", "ALTER TABLE users DROP COLUMN email;\n")
      .file("migrations/README.md", "How to write migrations.\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(report["layout"] == "golang-migrate");
  CHECK(report["diagnostics"].empty());
  CHECK(report["pending"] == std::vector<std::string>{"migrations/0002_add.up.sql"});
  CHECK(report["summary"]["skipped_files"] == 3);

  project.file("migrations/0003_plain.sql", "ALTER TABLE users ADD COLUMN age int;\n").commit();
  Result mixed = project.check();
  CHECK(mixed.exit_code == 2);
  CHECK(mixed.err.find("migrations/0003_plain.sql does not fit") != std::string::npos);

  // Setting the layout does not make twostep pass the file it would not read.
  project.file("twostep.toml", "layout = \"golang-migrate\"\n").commit();
  Result forced = project.check();
  CHECK(forced.exit_code == 2);
  CHECK(forced.err.find("does not read migrations/0003_plain.sql") != std::string::npos);
  CHECK(forced.err.find("not-migrations") != std::string::npos);

  // Saying what is no migration does: the file is neither read nor a misfit.
  project.file("twostep.toml", "not-migrations = [\"0003_plain.sql\"]\n").commit();
  nlohmann::json listed = project.check_json();
  CHECK(listed["layout"] == "golang-migrate");
  CHECK(listed["pending"] == std::vector<std::string>{"migrations/0002_add.up.sql"});
}

TEST_CASE("migrations sort by the numbers of their version, not lexically", "[e2e]") {
  Project project;
  project.file("migrations/1_base.sql", "CREATE TABLE users (id int);\n")
      .file("app/reports.go", "const q = `SELECT total FROM invoices`\n");
  project.deploy();
  // `9_…` creates the table `10_…` changes. Lexically `10_…` comes first: its drop would hit a
  // table the history does not know, assumed deployed and used (`invoices.total` is in the app).
  project.file("migrations/9_invoices.sql", "CREATE TABLE invoices (id int, total int);\n")
      .file("migrations/10_drop_total.sql", "ALTER TABLE invoices DROP COLUMN total;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(report["pending"] ==
        std::vector<std::string>{"migrations/9_invoices.sql", "migrations/10_drop_total.sql"});
  CHECK(report["diagnostics"].empty());
}

TEST_CASE("a deployed version without app source makes contract steps unverified, not passed",
          "[e2e]") {
  Project project;
  project.file("migrations/0001_users.sql", kUsers).file("README.md", "The app lives elsewhere.\n");
  project.deploy();
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  Result result = project.check();
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("0 files of app source read") != std::string::npos);
  CHECK(result.out.find("warning[unverified-contract]") != std::string::npos);
  CHECK(result.out.find("holds no file twostep reads as the app's source") != std::string::npos);
}

TEST_CASE("a guessed deployed version says so; origin/main stands in for a missing origin/HEAD",
          "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  Result head = project.check({});
  CHECK(head.exit_code == 0);  // committed on this branch: HEAD holds it, so nothing is pending
  CHECK(head.out.find("deployed version guessed: no remote default branch") != std::string::npos);

  git(project.root(), "update-ref refs/remotes/origin/main deployed");
  Result remote = project.check({});
  CHECK(remote.exit_code == 1);
  CHECK(remote.out.find("deployed version `origin/main`") != std::string::npos);
  CHECK(project.check({"--deployed-ref", "deployed"}).out.find("guessed") == std::string::npos);
}

TEST_CASE("CI=false is not CI; an unknown ref says how to fetch it", "[e2e]") {
  Project project;
  deploy_shop(project);
  CHECK(project.check({}, {{"CI", "false"}}).exit_code == 0);
  Result missing = project.check({"--deployed-ref", "deployed/prod"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("git fetch origin 'refs/tags/deployed/prod:refs/tags/deployed/prod'") !=
        std::string::npos);
  Result branch = project.check({"--deployed-ref", "origin/production"});
  CHECK(branch.exit_code == 2);
  CHECK(
      branch.err.find("git fetch origin '+refs/heads/production:refs/remotes/origin/production'") !=
      std::string::npos);
}

TEST_CASE("a goose file's down section is never read", "[e2e]") {
  Project project;
  project
      .file("migrations/00001_users.sql",
            std::string("-- +goose Up\n") + kUsers + "-- +goose Down\nDROP TABLE users;\n")
      .file("internal/store/users.go", kStore);
  project.deploy();
  project
      .file("migrations/00002_bio.sql",
            "-- +goose Up\nALTER TABLE users ADD COLUMN bio text;\n\n-- +goose Down\n"
            "ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(report["layout"] == "goose");
  CHECK(report["diagnostics"].empty());
  CHECK(report["summary"]["statements"] == 1);
}

TEST_CASE("the frameworks' default folders are found without configuration", "[e2e]") {
  for (const char* folder : {"prisma/migrations", "src/main/resources/db/migration"}) {
    Project project;
    bool prisma = std::string(folder) == "prisma/migrations";
    std::string first = prisma ? "/20240101000000_users/migration.sql" : "/V1__users.sql";
    std::string second = prisma ? "/20240201000000_drop/migration.sql" : "/V2__drop.sql";
    project.file(std::string(folder) + first, kUsers).file("internal/store/users.go", kStore);
    if (prisma)
      project.file(std::string(folder) + "/migration_lock.toml", "provider = \"postgresql\"\n");
    project.deploy();
    project.file(std::string(folder) + second, "ALTER TABLE users DROP COLUMN email;\n").commit();
    nlohmann::json report = project.check_json();
    CHECK(report["layout"] == (prisma ? "prisma" : "flyway"));
    REQUIRE(report["diagnostics"].size() == 1);
    CHECK(report["diagnostics"][0]["file"] == std::string(folder) + second);
  }
}

TEST_CASE("findings follow the order the migrations run, not the file names", "[e2e]") {
  Project project;
  project.file("migrations/V1__users.sql", kUsers).file("internal/store/users.go", kStore);
  project.deploy();
  // `.` sorts before `_`, but Flyway runs V2 before V2.1.
  project
      .file("migrations/V2__a.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY a ON users (email);\nCOMMIT;\n")
      .file("migrations/V2.1__b.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY b ON users (email);\nCOMMIT;\n")
      .commit();
  nlohmann::json report = project.check_json();
  CHECK(report["layout"] == "flyway");
  REQUIRE(report["diagnostics"].size() == 2);
  CHECK(report["diagnostics"][0]["file"] == "migrations/V2__a.sql");
  CHECK(report["diagnostics"][1]["file"] == "migrations/V2.1__b.sql");
}

TEST_CASE("a named file that the layout never runs as an up migration is not checked as one",
          "[e2e]") {
  Project project;
  project.file("migrations/000001_users.up.sql", kUsers)
      .file("migrations/000001_users.down.sql", "DROP TABLE users;\n")
      .file("internal/store/users.go", kStore);
  project.deploy();
  project.file("migrations/000002_nick.up.sql", "ALTER TABLE users ADD COLUMN nick text;\n")
      .file("migrations/000002_nick.down.sql", "ALTER TABLE users DROP COLUMN email;\n")
      .commit();
  // As pre-commit would pass them: the down part is named too.
  Result both = project.check({"--deployed-ref", "deployed", "migrations/000002_nick.up.sql",
                               "migrations/000002_nick.down.sql"});
  INFO(both.out << both.err);
  CHECK(both.exit_code == 0);
  CHECK(both.out.find("pending: migrations/000002_nick.up.sql") != std::string::npos);
  CHECK(both.out.find("pending: migrations/000002_nick.down.sql") == std::string::npos);
  CHECK(both.out.find("note: migrations/000002_nick.down.sql: not an up migration in the "
                      "golang-migrate layout") != std::string::npos);
  Result down_only =
      project.check({"--deployed-ref", "deployed", "migrations/000002_nick.down.sql"});
  CHECK(down_only.exit_code == 0);
  CHECK(down_only.out.find("in 0 pending files") != std::string::npos);
  // Files listed in `not-migrations` are no migrations either.
  project.file("twostep.toml", "not-migrations = [\"seed.sql\"]\n")
      .file("migrations/seed.sql", "DELETE FROM users;\n");
  nlohmann::json report = project.check_json({"--deployed-ref", "deployed", "migrations/seed.sql"});
  CHECK(report["pending"].empty());
  REQUIRE(report["notes"].size() == 1);
  CHECK(report["notes"][0]["file"] == "migrations/seed.sql");
  CHECK(report["notes"][0]["line"].is_null());
  CHECK(report["notes"][0]["message"].get<std::string>().find("not-migrations") !=
        std::string::npos);
}

TEST_CASE("--staged checks what the index holds", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  // Untracked: not part of the next commit.
  Result untracked = project.check({"--staged"});
  CHECK(untracked.exit_code == 0);
  CHECK(untracked.out.find("0 pending migrations") != std::string::npos);
  git(project.root(), "add migrations/0002_drop.sql");
  project.file("migrations/0002_drop.sql", "SELECT 1;\n");
  Result staged = project.check({"--staged"});
  CHECK(staged.exit_code == 1);
  CHECK(staged.out.find("error[drop-column-in-use]") != std::string::npos);
  // The working tree itself holds the harmless edit.
  CHECK(project.check({}).exit_code == 0);
  CHECK(project.check({"--staged", "migrations/0002_drop.sql"}).exit_code == 2);
}

TEST_CASE("an unknown commit id is fetched by id, not as a tag", "[e2e]") {
  Project project;
  deploy_shop(project);
  Result result = project.check({"--deployed-ref", "0123abcd"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("no commit of this clone has that id. If it is right") !=
        std::string::npos);
  CHECK(result.err.find("git fetch origin <full id of 0123abcd>") != std::string::npos);
  CHECK(result.err.find("refs/tags/") == std::string::npos);
  Result expression = project.check({"--deployed-ref", "main~5"});
  CHECK(expression.exit_code == 2);
  CHECK(expression.err.find("the revision it names does not resolve") != std::string::npos);
  CHECK(expression.err.find("refs/tags/") == std::string::npos);
}

TEST_CASE("a file named from outside its repository is checked against that repository", "[e2e]") {
  Project project;
  deploy_shop(project);
  project.file("migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n").commit();
  TempDir elsewhere;
  Result result = run_twostep({"check", "--deployed-ref", "deployed",
                               (project.root() / "migrations/0002_drop.sql").string()},
                              elsewhere.path());
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("error[drop-column-in-use]") != std::string::npos);
}

TEST_CASE("--nothing-deployed: every migration is pending, outside git too", "[e2e]") {
  TempDir temp;
  write_file(temp.path() / "migrations/0001_users.sql", kUsers);
  write_file(temp.path() / "migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  Result result = run_twostep({"check", "--nothing-deployed"}, temp.path(), {{"CI", "true"}});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("no deployed version (--nothing-deployed: every migration is pending)") !=
        std::string::npos);
  CHECK(result.out.find("2 pending migrations, 0 applied") != std::string::npos);
  CHECK(
      run_twostep({"check", "--nothing-deployed", "--deployed-ref", "x"}, temp.path()).exit_code ==
      2);
}
