// End to end for the reference providers: real git repositories, the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

class App {
 public:
  App() : root_(temp_.path() / "repo") { git_init(root_); }
  const fs::path& root() const { return root_; }
  App& file(const std::string& path, const std::string& content) {
    write_file(root_ / path, content);
    return *this;
  }
  void deploy() {
    git_commit_all(root_, "deployed");
    git(root_, "tag deployed");
  }
  // Commits `migration` as the next release and checks it against `deployed`.
  nlohmann::json check(const std::string& migration, std::vector<std::string> extra = {}) {
    file("migrations/0099_next.sql", migration);
    git_commit_all(root_, "next");
    std::vector<std::string> args = {"check", "--deployed-ref", "deployed", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Result result = run_twostep(args, root_);
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    last_exit = result.exit_code;
    return nlohmann::json::parse(result.out);
  }
  int last_exit = -1;

 private:
  TempDir temp_;
  fs::path root_;
};

const char* kSchema =
    "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, legacy text, role text,\n"
    "                    nickname text, status text NOT NULL DEFAULT 'new');\n"
    "CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint, total int, note text);\n";

// The rules and evidence of every finding: "rule file:line strength".
std::vector<std::string> findings(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& d : report["diagnostics"]) {
    std::string item = d["rule"].get<std::string>();
    for (const auto& e : d["evidence"]) {
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on long operator+ chains.
      item += ' ';
      item += e["file"].get<std::string>();
      item += ':';
      item += std::to_string(e["line"].get<int>());
      item += ':';
      item += e["strength"].get<std::string>();
    }
    out.push_back(item);
  }
  return out;
}

}  // namespace

TEST_CASE("a column reached only through SELECT * is referenced", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("store/orders.go",
            "package store\n\nconst all = `SELECT * FROM orders WHERE id = $1`\n");
  app.deploy();
  nlohmann::json report = app.check("ALTER TABLE orders DROP COLUMN note;\n");
  CHECK(findings(report) == std::vector<std::string>{"drop-column-in-use store/orders.go:3:exact"});
  CHECK(report["diagnostics"][0]["evidence"][0]["access"] == "read");
}

TEST_CASE("an INSERT without a column list writes every column", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file(
          "jobs/copy.py",
          "def copy(cur):\n    cur.execute(\"INSERT INTO orders VALUES (%s, %s, %s, %s)\", row)\n");
  app.deploy();
  nlohmann::json report = app.check("ALTER TABLE orders DROP COLUMN note;\n");
  CHECK(findings(report) == std::vector<std::string>{"drop-column-in-use jobs/copy.py:2:exact"});
  CHECK(report["diagnostics"][0]["evidence"][0]["access"] == "write");
}

TEST_CASE("Rails models: ignored columns pass, the others fail; STI subclasses use the base table",
          "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("app/models/application_record.rb",
            "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\nend\n")
      .file("app/models/user.rb",
            "class User < ApplicationRecord\n  self.ignored_columns += %w[legacy]\nend\n")
      .file("app/models/admin.rb", "class Admin < User\nend\n")
      .file("app/models/order.rb", "class Order < ApplicationRecord\n  belongs_to :user\nend\n");
  app.deploy();
  // Neither `role` nor `note` is named anywhere in the code: the models read every column.
  nlohmann::json report = app.check(
      "ALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users DROP COLUMN role;\n"
      "ALTER TABLE orders DROP COLUMN note;\n");
  CHECK(findings(report) ==
        std::vector<std::string>{
            "drop-column-in-use app/models/admin.rb:1:exact app/models/user.rb:1:exact",
            "drop-column-in-use app/models/order.rb:1:exact"});
}

TEST_CASE("a Prisma field's @map names the column", "[providers]") {
  App app;
  app.file("migrations/0001.sql",
           "CREATE TABLE accounts (id bigint PRIMARY KEY, display_name text, secret text);\n")
      .file(
          "prisma/schema.prisma",
          "model Account {\n  id          BigInt @id\n  displayName String @map(\"display_name\")\n"
          "  secret      String @ignore\n  @@map(\"accounts\")\n}\n");
  app.deploy();
  nlohmann::json report = app.check(
      "ALTER TABLE accounts DROP COLUMN display_name;\nALTER TABLE accounts DROP COLUMN secret;\n");
  CHECK(findings(report) ==
        std::vector<std::string>{"drop-column-in-use prisma/schema.prisma:3:exact"});
}

TEST_CASE("a Diesel table! block declares the columns it reads", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("src/schema.rs",
            "diesel::table! {\n    orders (id) {\n        id -> Int8,\n        total -> "
            "Nullable<Int4>,\n    }\n}\n");
  app.deploy();
  nlohmann::json report =
      app.check("ALTER TABLE orders DROP COLUMN total;\nALTER TABLE orders DROP COLUMN note;\n");
  CHECK(findings(report) == std::vector<std::string>{"drop-column-in-use src/schema.rs:4:exact"});
}

TEST_CASE("placeholders of each language's drivers parse", "[providers]") {
  App app;
  app.file("migrations/0001.sql",
           "CREATE TABLE t (id int, a int, b int, c int, d int, e int, f int, g int, h int);\n")
      .file("go/q.go", "package q\nconst q = \"SELECT a FROM t WHERE id = $1\"\n")
      .file("py/q.py", "cur.execute(\"SELECT b FROM t WHERE id = %s\", (1,))\n")
      .file("py/named.py", "cur.execute(\"SELECT c FROM t WHERE id = %(id)s\", {})\n")
      .file("rb/q.rb", "DB.fetch('SELECT d FROM t WHERE id = ?', 1)\n")
      .file("java/Q.java", "class Q { String q = \"SELECT e FROM t \" +\n  \"WHERE id = ?\"; }\n")
      .file("js/q.ts", "const q = `SELECT f FROM t WHERE id = ${id}`;\n")
      .file("php/q.php", "<?php $q = 'SELECT g FROM t WHERE id = :id';\n")
      .file("cs/Q.cs", "class Q { string q = @\"SELECT h FROM t WHERE id = @p1\"; }\n");
  app.deploy();
  std::string drops;
  for (char column : std::string("abcdefgh")) {
    drops += "ALTER TABLE t DROP COLUMN ";
    drops += column;
    drops += ";\n";
  }
  nlohmann::json report = app.check(drops);
  REQUIRE(report["diagnostics"].size() == 8);
  for (const auto& d : report["diagnostics"]) {
    INFO(d["message"]);
    CHECK(d["evidence"][0]["strength"] == "exact");
  }
}

TEST_CASE("prose and SQL that does not parse fall back to textual, visibly", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("ui/messages.py", "TITLE = \"Update your nickname in users settings\"\n")
      .file("db/broken.py", "Q = \"SELECT note FROM orders GROUP\"\n");
  app.deploy();
  nlohmann::json report =
      app.check("ALTER TABLE users DROP COLUMN nickname;\nALTER TABLE orders DROP COLUMN note;\n");
  CHECK(findings(report) == std::vector<std::string>{"drop-column-in-use ui/messages.py:1:textual",
                                                     "drop-column-in-use db/broken.py:1:textual"});
  Result refs = run_twostep({"refs", "--at", "deployed"}, app.root());
  REQUIRE(refs.exit_code == 0);
  nlohmann::json manifest = nlohmann::json::parse(refs.out);
  std::vector<std::string> fallbacks;
  for (const auto& f : manifest["fallbacks"]) fallbacks.push_back(f["file"]);
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "db/broken.py") != fallbacks.end());
}

TEST_CASE("textual-references = \"warning\" lets textual-only findings pass", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("twostep.toml", "textual-references = \"warning\"\n")
      .file("lib/mail.rb", "deliver(:users, :nickname)\n")
      .file("store/orders.go", "package store\nconst q = `SELECT note FROM orders`\n");
  app.deploy();
  nlohmann::json report =
      app.check("ALTER TABLE users DROP COLUMN nickname;\nALTER TABLE orders DROP COLUMN note;\n");
  REQUIRE(report["diagnostics"].size() == 2);
  CHECK(report["diagnostics"][0]["severity"] == "warning");  // nickname: textual only
  CHECK(report["diagnostics"][1]["severity"] == "error");    // note: exact
}

TEST_CASE("drop-default-in-use: an INSERT that sets the column needs no default", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("store/users.go",
            "package store\nconst add = `INSERT INTO users (email, status) VALUES ($1, $2)`\n");
  app.deploy();
  nlohmann::json report = app.check("ALTER TABLE users ALTER COLUMN status DROP DEFAULT;\n");
  CHECK(report["diagnostics"].empty());

  App omitting;
  omitting.file("migrations/0001.sql", kSchema)
      .file("store/users.go",
            "package store\nconst add = `INSERT INTO users (email) VALUES ($1)`\n");
  omitting.deploy();
  report = omitting.check("ALTER TABLE users ALTER COLUMN status DROP DEFAULT;\n");
  CHECK(findings(report) == std::vector<std::string>{"drop-default-in-use store/users.go:2:exact"});
}

TEST_CASE("a manifest round trip: refs in the release, check without git", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema)
      .file("store/orders.go", "package store\nconst q = `SELECT id, total FROM orders`\n")
      .file("app/models/user.rb", "class User < ActiveRecord::Base\nend\n");
  app.deploy();
  Result refs = run_twostep({"refs", "-o", "refs.json"}, app.root());
  REQUIRE(refs.exit_code == 0);
  CHECK(refs.err.find("twostep refs: HEAD") == 0);

  // The next release's build: a copy of the sources without .git.
  TempDir build;
  fs::create_directories(build.path() / "migrations");
  fs::copy_file(app.root() / "migrations/0001.sql", build.path() / "migrations/0001.sql");
  write_file(build.path() / "migrations/0002.sql",
             "ALTER TABLE orders DROP COLUMN total;\nALTER TABLE orders DROP COLUMN note;\n"
             "ALTER TABLE users DROP COLUMN role;\nALTER TABLE ghosts DROP COLUMN x;\n");
  Result check = run_twostep(
      {"check", "--deployed-refs", (app.root() / "refs.json").string(), "--format", "json"},
      build.path());
  INFO(check.err);
  REQUIRE(check.exit_code == 1);
  nlohmann::json report = nlohmann::json::parse(check.out);
  CHECK(report["pending"] == std::vector<std::string>{"migrations/0002.sql"});
  CHECK(findings(report) ==
        std::vector<std::string>{"drop-column-in-use store/orders.go:2:exact",
                                 "drop-column-in-use app/models/user.rb:1:exact",
                                 // A table the manifest's schema does not have: cannot be answered.
                                 "unverified-contract"});

  // An applied migration edited since the release is found from the manifest's content.
  write_file(build.path() / "migrations/0001.sql", std::string(kSchema) + "-- edited\n");
  check = run_twostep(
      {"check", "--deployed-refs", (app.root() / "refs.json").string(), "--format", "json"},
      build.path());
  report = nlohmann::json::parse(check.out);
  CHECK(report["diagnostics"][0]["rule"] == "modified-applied-migration");
}

TEST_CASE("a pg_stat_statements export is what the app ran", "[providers]") {
  App app;
  app.file("migrations/0001.sql", kSchema);
  app.deploy();
  write_file(app.root() / "stats.csv",
             "userid,query,calls\n10,\"SELECT note, total\nFROM orders WHERE id = $1\",4821\n"
             "10,BEGIN,99\n");
  nlohmann::json report = app.check("ALTER TABLE orders DROP COLUMN note;\n",
                                    {"--deployed-queries", (app.root() / "stats.csv").string()});
  REQUIRE(report["diagnostics"].size() == 1);
  const auto& evidence = report["diagnostics"][0]["evidence"][0];
  CHECK(evidence["calls"] == 4821);
  CHECK(evidence["text"] == "SELECT note, total FROM orders WHERE id = $1");
  CHECK(evidence["strength"] == "exact");

  write_file(app.root() / "stats.jsonl",
             "{\"query\": \"UPDATE orders SET note = $1\", \"calls\": 7}\n");
  report = app.check("ALTER TABLE orders DROP COLUMN note;\n",
                     {"--deployed-queries", (app.root() / "stats.jsonl").string()});
  CHECK(report["diagnostics"][0]["evidence"][0]["access"] == "write");

  write_file(app.root() / "bad.csv", "userid,calls\n1,2\n");
  Result bad = run_twostep({"check", "--deployed-ref", "deployed", "--deployed-queries", "bad.csv"},
                           app.root());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.csv:1: no `query` column") != std::string::npos);
}
