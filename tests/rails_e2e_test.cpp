// Rails end to end: the real binary on Rails repositories in temp folders, for what the folder
// fixtures (fixtures/layouts/rails/) cannot say: files named on the command line, the staged
// index, detection without twostep.toml.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

const char* kCreateUsers =
    "class CreateUsers < ActiveRecord::Migration[7.1]\n"
    "  def change\n"
    "    create_table :users do |t|\n"
    "      t.string :email, null: false\n"
    "      t.string :nickname\n"
    "    end\n"
    "  end\n"
    "end\n";

const char* kDropEmail =
    "class DropEmail < ActiveRecord::Migration[7.1]\n"
    "  def change\n"
    "    remove_column :users, :email\n"
    "  end\n"
    "end\n";

// A deployed Rails app (tagged `deployed`) whose User model loads every column of `users`.
fs::path rails_app(const TempDir& temp) {
  fs::path root = temp.path() / "app";
  git_init(root);
  write_file(root / "Gemfile", "source \"https://rubygems.org\"\ngem \"rails\"\n");
  write_file(root / "app/models/user.rb", "class User < ActiveRecord::Base\nend\n");
  write_file(root / "db/migrate/20240101000000_create_users.rb", kCreateUsers);
  git_commit_all(root, "deployed");
  git(root, "tag deployed");
  return root;
}

}  // namespace

TEST_CASE("rails: found by its Gemfile and db/migrate, without twostep.toml", "[rails-e2e]") {
  TempDir temp;
  fs::path root = rails_app(temp);
  write_file(root / "db/migrate/20240201000000_drop_email.rb", kDropEmail);
  git_commit_all(root, "next");
  Result result = run_twostep({"check", "--deployed-ref", "deployed", "--format", "json"}, root);
  INFO(result.err);
  REQUIRE(result.exit_code == 1);
  nlohmann::json report = nlohmann::json::parse(result.out);
  CHECK(report["layout"] == "rails");
  REQUIRE(report["diagnostics"].size() == 1);
  const auto& finding = report["diagnostics"][0];
  CHECK(finding["rule"] == "drop-column-in-use");
  CHECK(finding["file"] == "db/migrate/20240201000000_drop_email.rb");
  CHECK(finding["range"]["start"]["line"] == 3);
  CHECK(finding["range"]["start"]["column"] == 5);
  CHECK(finding["evidence"][0]["file"] == "app/models/user.rb");
}

TEST_CASE("rails: a named .rb file is read as a Rails migration, never as SQL", "[rails-e2e]") {
  TempDir temp;
  fs::path root = rails_app(temp);
  write_file(temp.path() / "20240201000000_drop_email.rb", kDropEmail);
  write_file(temp.path() / "helper.rb", "puts 'hello'\n");
  Result outside = run_twostep({"check", "--deployed-ref", "deployed",
                                (temp.path() / "20240201000000_drop_email.rb").string()},
                               root);
  CHECK(outside.exit_code == 1);
  CHECK(outside.out.find("error[drop-column-in-use]") != std::string::npos);
  CHECK(outside.out.find("parse-error") == std::string::npos);
  Result helper = run_twostep(
      {"check", "--deployed-ref", "deployed", (temp.path() / "helper.rb").string()}, root);
  CHECK(helper.exit_code == 0);
  CHECK(helper.out.find("a Ruby file not named like a Rails migration") != std::string::npos);
}

TEST_CASE("rails: --staged checks the migration as staged", "[rails-e2e]") {
  TempDir temp;
  fs::path root = rails_app(temp);
  write_file(root / "db/migrate/20240201000000_drop_email.rb", kDropEmail);
  git(root, "add db/migrate/20240201000000_drop_email.rb");
  // The working tree no longer drops anything, but the index still does.
  write_file(root / "db/migrate/20240201000000_drop_email.rb",
             "class DropEmail < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n");
  Result staged = run_twostep({"check", "--deployed-ref", "deployed", "--staged"}, root);
  CHECK(staged.exit_code == 1);
  CHECK(staged.out.find("db/migrate/20240201000000_drop_email.rb:3:5") != std::string::npos);
  Result working = run_twostep({"check", "--deployed-ref", "deployed"}, root);
  CHECK(working.exit_code == 0);
}

TEST_CASE("rails: a migration the Ruby lexer cannot follow fails closed", "[rails-e2e]") {
  TempDir temp;
  fs::path root = rails_app(temp);
  write_file(root / "db/migrate/20240201000000_broken.rb",
             "class Broken < ActiveRecord::Migration[7.1]\n  def change\n    execute <<~SQL\n"
             "      ALTER TABLE users DROP COLUMN email;\n  end\nend\n");
  git_commit_all(root, "next");
  Result result = run_twostep({"check", "--deployed-ref", "deployed"}, root);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("error[unanalysable-migration]") != std::string::npos);
  CHECK(result.out.find("unterminated heredoc `SQL` (line 3)") != std::string::npos);
  CHECK(result.out.find("db/migrate/20240201000000_broken.rb:3:1") != std::string::npos);
}
