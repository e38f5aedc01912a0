// The pre-commit hook, driven by the real pre-commit (Debian's package) in a temp repository: the
// hook definition at the root of this repository, installed the way docs/integrations.md says.
#include <catch2/catch.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

const char* kUsers =
    "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n  legacy_email "
    "text\n);\n";
const char* kStore =
    "package store\n\nconst findUser = `SELECT id, email, legacy_email FROM users WHERE id = $1`\n";

// `text` with the word after `key` replaced (no <regex>: GCC 12's sanitizer builds warn falsely in
// it).
std::string with_value(std::string text, const std::string& key, const std::string& value) {
  std::size_t at = text.find(key);
  REQUIRE(at != std::string::npos);
  at += key.size();
  std::size_t end = text.find_first_of(" \n", at);
  return text.replace(at, end - at, value);
}

// A repository that uses the hook: its first commit is what is deployed (no remote: HEAD).
class HookedRepository {
 public:
  HookedRepository() : hooks_(temp_.path() / "twostep"), root_(temp_.path() / "app") {
    // The hook comes from a git repository holding this project's .pre-commit-hooks.yaml, as a
    // `repo:` entry names it.
    git_init(hooks_);
    write_file(hooks_ / ".pre-commit-hooks.yaml",
               read_file(fs::path(TWOSTEP_SOURCE_DIR) / ".pre-commit-hooks.yaml"));
    std::string rev = git_commit_all(hooks_, "hooks");
    // The documented .pre-commit-config.yaml, pointed at that repository.
    std::string config = read_file(fs::path(TWOSTEP_SOURCE_DIR) / "ci/pre-commit-config.yaml");
    config = with_value(config, "repo: ", hooks_.string());
    config = with_value(config, "rev: ", rev);
    git_init(root_);
    write_file(root_ / ".pre-commit-config.yaml", config);
    write_file(root_ / "migrations/0001_users.sql", kUsers);
    write_file(root_ / "internal/store/users.go", kStore);
    git_commit_all(root_, "deployed");
    Result install = run("pre-commit install");
    INFO(install.out << install.err);
    REQUIRE(install.exit_code == 0);
  }

  const fs::path& root() const { return root_; }
  void file(const std::string& path, const std::string& content) {
    write_file(root_ / path, content);
  }

  Result run(const std::string& command) const {
    return run_with_twostep(command, root_,
                            {{"PRE_COMMIT_HOME", (temp_.path() / "cache").string()}});
  }
  // `git commit` of what is staged, through the installed hook.
  Result commit(const std::string& message) const {
    return run("git commit -q -m " + shell_quote(message));
  }
  std::string head() const { return run("git rev-parse HEAD").out; }

 private:
  TempDir temp_;
  fs::path hooks_;
  fs::path root_;
};

}  // namespace

TEST_CASE("pre-commit refuses a commit that drops a column the deployed app reads",
          "[integrations]") {
  HookedRepository repository;
  std::string before = repository.head();
  repository.file("migrations/0002_drop_legacy_email.sql",
                  "ALTER TABLE users DROP COLUMN legacy_email;\n");
  repository.run("git add migrations/0002_drop_legacy_email.sql");
  Result result = repository.commit("drop legacy_email");
  INFO(result.out << result.err);
  CHECK(result.exit_code != 0);
  std::string shown = result.out + result.err;
  CHECK(shown.find("twostep") != std::string::npos);
  CHECK(shown.find("Failed") != std::string::npos);
  CHECK(shown.find("error[drop-column-in-use]") != std::string::npos);
  CHECK(shown.find("`internal/store/users.go:3` in the deployed version") != std::string::npos);
  CHECK(repository.head() == before);
}

TEST_CASE("pre-commit lets a clean migration and a commit without migrations through",
          "[integrations]") {
  HookedRepository repository;
  repository.file("migrations/0002_add_nickname.sql",
                  "ALTER TABLE users ADD COLUMN nickname text;\n");
  repository.run("git add -A");
  Result clean = repository.commit("add nickname");
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK((clean.out + clean.err).find("Passed") != std::string::npos);

  // Untracked work in progress is not part of the commit, so it does not decide it.
  repository.file("migrations/0003_wip.sql", "ALTER TABLE users DROP COLUMN legacy_email;\n");
  repository.file("README.md", "# app\n");
  repository.run("git add README.md");
  std::string before = repository.head();
  Result readme = repository.commit("readme");
  INFO(readme.out << readme.err);
  CHECK(readme.exit_code == 0);
  CHECK(repository.head() != before);
}

TEST_CASE("pre-commit checks the staged content, not unstaged edits", "[integrations]") {
  HookedRepository repository;
  repository.file("migrations/0002_add_nickname.sql",
                  "ALTER TABLE users ADD COLUMN nickname text;\n");
  repository.run("git add -A");
  // Edited after staging: the commit holds the staged version, which is safe.
  repository.file("migrations/0002_add_nickname.sql",
                  "ALTER TABLE users DROP COLUMN legacy_email;\n");
  Result passing = repository.commit("add nickname");
  INFO(passing.out << passing.err);
  CHECK(passing.exit_code == 0);

  // Staged the other way round: the dangerous version is refused even when the file on disk is
  // safe again.
  repository.file("migrations/0003_drop.sql", "ALTER TABLE users DROP COLUMN legacy_email;\n");
  repository.run("git add migrations/0003_drop.sql");
  repository.file("migrations/0003_drop.sql", "SELECT 1;\n");
  Result refused = repository.commit("drop");
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code != 0);
  CHECK((refused.out + refused.err).find("error[drop-column-in-use]") != std::string::npos);
}

TEST_CASE("the plain git hook script checks what is staged", "[integrations]") {
  TempDir temp;
  fs::path root = temp.path() / "app";
  git_init(root);
  write_file(root / "migrations/0001_users.sql", kUsers);
  write_file(root / "internal/store/users.go", kStore);
  git_commit_all(root, "deployed");
  fs::copy_file(fs::path(TWOSTEP_SOURCE_DIR) / "ci/pre-commit.sh", root / ".git/hooks/pre-commit");
  write_file(root / "migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN legacy_email;\n");
  Result untracked = run_with_twostep("git commit -q --allow-empty -m empty", root);
  CHECK(untracked.exit_code == 0);
  run_with_twostep("git add -A", root);
  Result staged = run_with_twostep("git commit -q -m drop", root);
  CHECK(staged.exit_code == 1);
  // git shows a hook's output on its stderr.
  CHECK(staged.err.find("error[drop-column-in-use]") != std::string::npos);
}
