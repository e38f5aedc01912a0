#include <catch2/catch.hpp>

#include "analyzer/config/config.hpp"
#include "support.hpp"
#include "twostep/error.hpp"

using namespace twostep;

namespace {

std::string load_error(const std::string& toml) {
  testing::TempDir temp;
  testing::write_file(temp.path() / "twostep.toml", toml);
  try {
    config::load(temp.path() / "twostep.toml");
  } catch (const ConfigError& error) {
    std::string message = error.what();
    return message.substr(message.find("twostep.toml"));
  }
  return "no error";
}

}  // namespace

TEST_CASE("a valid config is read with paths relative to its folder", "[config]") {
  testing::TempDir temp;
  std::filesystem::create_directories(temp.path() / "db/migrations");
  std::filesystem::create_directories(temp.path() / "services/api");
  testing::write_file(temp.path() / "twostep.toml",
                      "migrations = \"db/migrations\"\n"
                      "deployed-ref = \"deployed/production\"\n"
                      "app-paths = [\"services/api\"]\n"
                      "exclude-paths = [\"**/generated/**\"]\n"
                      "not-migrations = [\"schema.sql\", \"seeds/**\"]\n"
                      "include-tests = true\n"
                      "postgres-version = \"14.3\"\n"
                      "[rules]\n"
                      "ban-drop-column = \"warning\"\n"
                      "unverified-contract = \"error\"\n"
                      "set-not-null = \"off\"\n");
  Config config = config::load(temp.path() / "twostep.toml");
  CHECK(*config.migrations == (temp.path() / "db/migrations").lexically_normal());
  CHECK(*config.deployed_ref == "deployed/production");
  CHECK(config.app_paths.at(0) == (temp.path() / "services/api").lexically_normal());
  CHECK(config.exclude_paths == std::vector<std::string>{"**/generated/**"});
  CHECK(config.not_migrations == std::vector<std::string>{"schema.sql", "seeds/**"});
  CHECK(config.include_tests);
  CHECK(config.postgres_version.major == 14);
  CHECK(config.postgres_version.minor == 3);
  CHECK(config.rules.at("drop-column-in-use") == RuleLevel::Warning);  // through squawk's alias
  CHECK(config.rules.at("unverified-contract") == RuleLevel::Error);
  CHECK(config.rules.at("set-not-null") == RuleLevel::Off);
}

TEST_CASE("config errors name the file, the line and the key", "[config]") {
  CHECK(load_error("deployed-ref = \"m\"\nmigratons = \"x\"\n")
            .rfind("twostep.toml:2: `migratons`: unknown key", 0) == 0);
  CHECK(load_error("[rules]\ndrop-colum-in-use = \"off\"\n")
            .rfind("twostep.toml:2: `rules.drop-colum-in-use`: unknown rule id; did you mean "
                   "`drop-column-in-use`?",
                   0) == 0);
  CHECK(load_error("[rules]\nset-not-null = \"fatal\"\n")
            .rfind("twostep.toml:2: `rules.set-not-null`: expected \"error\"", 0) == 0);
  CHECK(load_error("postgres-version = \"fifteen\"\n")
            .rfind("twostep.toml:1: `postgres-version`", 0) == 0);
  CHECK(load_error("include-tests = \"yes\"\n")
            .rfind("twostep.toml:1: `include-tests`: expected true or false", 0) == 0);
  CHECK(load_error("not-migrations = \"schema.sql\"\n")
            .rfind("twostep.toml:1: `not-migrations`", 0) == 0);
  CHECK(load_error("migrations = [\n").rfind("twostep.toml:", 0) == 0);
  CHECK(load_error("\nmigrations = \"db/migrate_sql\"\n")
            .rfind("twostep.toml:2: `migrations`: `db/migrate_sql` does not exist", 0) == 0);
  CHECK(load_error("app-paths = [\"nope\"]\n")
            .rfind("twostep.toml:1: `app-paths`: `nope` does not exist", 0) == 0);
  CHECK(load_error("postgres-version = 15.4\n").find("as a string") != std::string::npos);
  CHECK(load_error("[rules]\nban-drop-column = \"off\"\ndrop-column-in-use = \"error\"\n")
            .rfind("twostep.toml:3: `rules.drop-column-in-use`: sets `drop-column-in-use` again",
                   0) == 0);
}

TEST_CASE("twostep.toml is found upwards, up to the git root", "[config]") {
  testing::TempDir temp;
  testing::write_file(temp.path() / "twostep.toml", "");
  std::filesystem::create_directories(temp.path() / "repo" / "a" / "b");
  CHECK(config::find(temp.path() / "repo" / "a" / "b", std::nullopt) ==
        temp.path() / "twostep.toml");
  CHECK_FALSE(config::find(temp.path() / "repo" / "a" / "b", temp.path() / "repo"));
}
