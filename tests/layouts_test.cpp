#include <catch2/catch.hpp>

#include "analyzer/migrations/flyway_settings.hpp"
#include "analyzer/migrations/layout.hpp"
#include "analyzer/migrations/layouts.hpp"
#include "twostep/error.hpp"

using namespace twostep;
using namespace twostep::migrations;

namespace {

std::string detected(std::map<std::string, std::string> files) {
  MemorySource source(std::move(files));
  return std::string(detect_layout(source)->name());
}

std::vector<Migration> load(std::map<std::string, std::string> files, LayoutOptions options = {}) {
  MemorySource source(std::move(files));
  return detect_layout(source)->load(source, options);
}

std::vector<std::string> ids(const std::vector<Migration>& migrations) {
  std::vector<std::string> out;
  for (const Migration& migration : migrations) out.push_back(migration.file.id);
  return out;
}

}  // namespace

TEST_CASE("layouts are detected from their files", "[layouts]") {
  CHECK(detected({{"0001_a.sql", ""}, {"0002_b.sql", ""}}) == "plain");
  CHECK(
      detected({{"V1__a.sql", ""}, {"V1.1__b.sql", ""}, {"R__views.sql", ""}, {"U1__a.sql", ""}}) ==
      "flyway");
  CHECK(detected({{"0001_a.up.sql", ""}, {"0001_a.down.sql", ""}}) == "golang-migrate");
  CHECK(detected({{"00001_a.sql", "-- +goose Up\nSELECT 1;\n"},
                  {"00002_b.go", "goose.AddMigration(up, down)"}}) == "goose");
  CHECK(detected({{"20240101_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n"}}) == "dbmate");
  CHECK(detected({{"2019-02-26-002946_a/up.sql", ""}, {"2019-02-26-002946_a/down.sql", ""}}) ==
        "diesel");
  CHECK(detected({{"20210101000000_a/migration.sql", ""}, {"migration_lock.toml", ""}}) ==
        "prisma");
  CHECK(detected({{"sqitch.plan", "%project=x\nusers 2024-01-01T00:00:00Z a <a@b>\n"},
                  {"deploy/users.sql", ""},
                  {"revert/users.sql", ""}}) == "sqitch");
}

TEST_CASE("the frameworks' own files beside the migrations are no misfits", "[layouts]") {
  // Go's `//go:embed *.sql` file in a golang-migrate or goose folder.
  CHECK(detected(
            {{"0001_a.up.sql", ""}, {"0001_a.down.sql", ""}, {"embed.go", "//go:embed *.sql"}}) ==
        "golang-migrate");
  CHECK(detected({{"00001_a.sql", "-- +goose Up\n"}, {"migrations.go", "//go:embed *.sql"}}) ==
        "goose");
  // Prisma's down migrations, Flyway's callbacks.
  CHECK(detected({{"migration_lock.toml", ""},
                  {"20210101000000_a/migration.sql", ""},
                  {"20210101000000_a/down.sql", ""}}) == "prisma");
  CHECK(detected({{"V1__a.sql", ""},
                  {"afterMigrate.sql", ""},
                  {"beforeEachMigrate__timeout.sql", ""},
                  {"afterMigrateError.sql", ""}}) == "flyway");
  CHECK_THROWS_AS(detected({{"V1__a.sql", ""}, {"afterthought.sql", ""}}), UsageError);
}

TEST_CASE("a folder mixing layouts is an error naming what does not fit", "[layouts]") {
  MemorySource mixed({{"0001_a.up.sql", ""}, {"0002_b.sql", ""}});
  try {
    detect_layout(mixed);
    FAIL("no error");
  } catch (const UsageError& error) {
    std::string message = error.what();
    CHECK(message.find("does not fit") != std::string::npos);
  }
  MemorySource goose(
      {{"00001_a.sql", "-- +goose Up\nSELECT 1;\n"}, {"00002_b.sql", "SELECT 2;\n"}});
  CHECK_THROWS_AS(detect_layout(goose), UsageError);
}

TEST_CASE("each framework's order", "[layouts]") {
  CHECK(ids(load({{"10_b.sql", ""}, {"9_a.sql", ""}})) == std::vector<std::string>{"9_a", "10_b"});
  CHECK(ids(load({{"V1.10__b.sql", ""},
                  {"V1.9__a.sql", ""},
                  {"R__z.sql", ""},
                  {"R__a.sql", ""},
                  {"V2__c.sql", ""}})) ==
        std::vector<std::string>{"V1.9__a", "V1.10__b", "V2__c", "R__a", "R__z"});
  CHECK(ids(load({{"10_b.up.sql", ""}, {"9_a.up.sql", ""}})) ==
        std::vector<std::string>{"9_a", "10_b"});
  // dbmate sorts names as strings.
  CHECK(ids(load({{"10_b.sql", "-- migrate:up\n"}, {"9_a.sql", "-- migrate:up\n"}})) ==
        std::vector<std::string>{"10_b", "9_a"});
  CHECK(ids(load({{"sqitch.plan",
                   "%project=x\nb 2024-01-01T00:00:00Z a <a@b>\na 2024-01-02T00:00:00Z a <a@b>\n"},
                  {"deploy/a.sql", ""},
                  {"deploy/b.sql", ""}})) == std::vector<std::string>{"b", "a"});
}

TEST_CASE("up parts keep the file's positions", "[layouts]") {
  std::string goose =
      "-- +goose Up\nALTER TABLE t ADD COLUMN c int;\n-- +goose Down\nDROP TABLE t;\n";
  std::vector<Migration> migrations = load({{"00001_a.sql", goose}});
  REQUIRE(migrations.size() == 1);
  CHECK(migrations[0].text.size() == goose.size());
  CHECK(migrations[0].text.find("ALTER") == goose.find("ALTER"));
  CHECK(migrations[0].text.find("DROP") == std::string::npos);
}

TEST_CASE("transaction modes", "[layouts]") {
  CHECK(load({{"0001_a.sql", ""}})[0].file.transaction == TransactionMode::None);
  LayoutOptions file;
  file.transaction = TransactionMode::File;
  CHECK(load({{"0001_a.sql", ""}}, file)[0].file.transaction == TransactionMode::File);
  CHECK(load({{"0001_a.up.sql", ""}})[0].file.transaction == TransactionMode::Implicit);
  LayoutOptions multi;
  multi.transaction = TransactionMode::None;
  CHECK(load({{"0001_a.up.sql", ""}}, multi)[0].file.transaction == TransactionMode::None);
  CHECK(load({{"00001_a.sql", "-- +goose Up\n"}})[0].file.transaction == TransactionMode::File);
  CHECK(load({{"00001_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n"}})[0].file.transaction ==
        TransactionMode::None);
  CHECK(load({{"1_a.sql", "-- migrate:up\n"}})[0].file.transaction == TransactionMode::File);
  CHECK(load({{"1_a.sql", "-- migrate:up transaction:false\n"}})[0].file.transaction ==
        TransactionMode::Implicit);
  CHECK(load({{"2019-02-26-002946_a/up.sql", ""}})[0].file.transaction == TransactionMode::File);
  CHECK(load({{"2019-02-26-002946_a/up.sql", ""},
              {"2019-02-26-002946_a/metadata.toml", "run_in_transaction = false\n"}})[0]
            .file.transaction == TransactionMode::Implicit);
  // Diesel's metadata.toml defaults run_in_transaction to false when the file is there.
  CHECK(load({{"2019-02-26-002946_a/up.sql", ""},
              {"2019-02-26-002946_a/metadata.toml", "# nothing\n"}})[0]
            .file.transaction == TransactionMode::Implicit);
  CHECK(load({{"2019-02-26-002946_a/up.sql", ""},
              {"2019-02-26-002946_a/metadata.toml", "run_in_transaction = true\n"}})[0]
            .file.transaction == TransactionMode::File);
  CHECK_THROWS_WITH(load({{"2019-02-26-002946_a/up.sql", ""},
                          {"2019-02-26-002946_a/metadata.toml", "run_in_transaction = \n"}}),
                    Catch::Contains("2019-02-26-002946_a/metadata.toml:1:"));
  // goose: the annotation, not the words anywhere; StatementBegin/End blocks of the up section.
  std::string goose =
      "-- +goose Up\n-- We might want +goose NO TRANSACTION here one day.\n-- +goose "
      "StatementBegin\n"
      "SELECT 1; SELECT 2;\n-- +goose StatementEnd\n-- +goose Down\n-- +goose "
      "StatementBegin\nSELECT 3;\n"
      "-- +goose StatementEnd\n";
  Migration annotated = load({{"00001_a.sql", goose}})[0];
  CHECK(annotated.file.transaction == TransactionMode::File);
  REQUIRE(annotated.one_query.size() == 1);
  CHECK(goose.substr(annotated.one_query[0].begin,
                     annotated.one_query[0].end - annotated.one_query[0].begin) ==
        "SELECT 1; SELECT 2;\n");
  CHECK(load({{"20210101000000_a/migration.sql", ""}, {"migration_lock.toml", ""}})[0]
            .file.transaction == TransactionMode::Implicit);
  // Flyway: a script of statements it knows cannot run in a transaction runs without one.
  CHECK(load({{"V1__a.sql", "CREATE INDEX CONCURRENTLY i ON t (c);"}})[0].file.transaction ==
        TransactionMode::None);
  CHECK(load({{"V1__a.sql", "ALTER TABLE t ADD c int; CREATE INDEX CONCURRENTLY i ON t (c);"}})[0]
            .file.transaction == TransactionMode::File);
  LayoutOptions mixed;
  mixed.flyway.mixed = true;
  CHECK(load({{"V1__a.sql", "ALTER TABLE t ADD c int; CREATE INDEX CONCURRENTLY i ON t (c);"}},
             mixed)[0]
            .file.transaction == TransactionMode::None);
  CHECK(load({{"V1__a.sql", "CREATE TABLE t (c int);"},
              {"V1__a.sql.conf", "executeInTransaction=false\n"}})[0]
            .file.transaction == TransactionMode::None);
  // Flyway does not know REINDEX … CONCURRENTLY: it runs it in a transaction.
  CHECK(load({{"V1__a.sql", "REINDEX INDEX CONCURRENTLY i;"}})[0].file.transaction ==
        TransactionMode::File);
}

TEST_CASE("versions as each framework reads them", "[layouts]") {
  CHECK(load({{"V1_1__a.sql", ""}})[0].file.version == std::vector<std::uint64_t>{1, 1});
  CHECK(load({{"V1.0__a.sql", ""}})[0].file.version == std::vector<std::uint64_t>{1});
  CHECK(load({{"0002_1.7.0_schema.up.sql", ""}})[0].file.version == std::vector<std::uint64_t>{2});
  // Diesel: the folder name before `_`, dashes removed, compared as a string.
  CHECK(load({{"2019-02-26-002946_a/up.sql", ""}})[0].file.version_text == "20190226002946");
  CHECK(
      ids(load({{"2024-02-01-000002_dashed/up.sql", ""}, {"20240201000001_compact/up.sql", ""}})) ==
      std::vector<std::string>{"20240201000001_compact", "2024-02-01-000002_dashed"});
  std::vector<Migration> reworked =
      load({{"sqitch.plan",
             "%project=x\nusers 2024 a <a@b>\n@v1 2024 a <a@b>\nusers [users@v1] 2024 a <a@b>\n"},
            {"deploy/users.sql", "v2"},
            {"deploy/users@v1.sql", "v1"}});
  REQUIRE(reworked.size() == 2);
  CHECK(reworked[0].text == "v1");
  CHECK(reworked[1].text == "v2");
}

TEST_CASE("a mixed folder names the odd files, not the many", "[layouts]") {
  MemorySource dbmate_and_goose({{"1_a.sql", "-- migrate:up\nSELECT 1;\n"},
                                 {"2_b.sql", "-- migrate:up\nSELECT 2;\n"},
                                 {"3_c.sql", "-- +goose Up\nSELECT 3;\n"}});
  CHECK_THROWS_WITH(detect_layout(dbmate_and_goose, "db/"),
                    Catch::Contains("looks like dbmate but db/3_c.sql does not fit"));
  // One dbmate file among golang-migrate ones: the dbmate file is the odd one.
  MemorySource golang_and_dbmate({{"1_a.up.sql", ""},
                                  {"1_a.down.sql", ""},
                                  {"2_b.up.sql", ""},
                                  {"2_b.down.sql", ""},
                                  {"3_c.sql", "-- migrate:up\nSELECT 3;\n"}});
  CHECK_THROWS_WITH(detect_layout(golang_and_dbmate),
                    Catch::Contains("looks like golang-migrate but 3_c.sql does not fit"));
  // Every file fits golang-migrate's naming, but one carries goose's marker.
  MemorySource marked({{"1_a.up.sql", "SELECT 1;\n"}, {"2_b.up.sql", "-- +goose Up\nSELECT 2;\n"}});
  CHECK_THROWS_WITH(
      detect_layout(marked),
      Catch::Contains("looks like golang-migrate but 2_b.up.sql carries goose's marker"));
}

TEST_CASE("a layout set in twostep.toml must read every SQL file", "[layouts]") {
  MemorySource folder({{"1_a.up.sql", ""}, {"1_a.down.sql", ""}, {"V2__b.sql", ""}});
  CHECK_NOTHROW(check_forced_layout(*make_layout("golang-migrate"),
                                    MemorySource({{"1_a.up.sql", ""}, {"1_a.down.sql", ""}})));
  CHECK_THROWS_WITH(check_forced_layout(*make_layout("golang-migrate"), folder, "migrations/"),
                    Catch::Contains("does not read migrations/V2__b.sql"));
  CHECK_THROWS_WITH(check_forced_layout(*make_layout("goose"), folder),
                    Catch::Contains("1_a.down.sql, 1_a.up.sql, V2__b.sql"));
}

TEST_CASE("framework details read as the frameworks read them", "[layouts]") {
  // goose: a query ends at a line ending in `;` (two statements on a line are one query), and an
  // annotation counts only at the start of a line.
  std::string goose =
      "-- +goose NO TRANSACTION\n-- +goose Up\n-- a comment\nSELECT 1; SELECT 2;\nSELECT 3\n  ; -- "
      "x\n";
  Migration lines = load({{"00001_a.sql", goose}})[0];
  CHECK(lines.file.transaction == TransactionMode::None);
  REQUIRE(lines.one_query.size() == 2);
  CHECK(goose.substr(lines.one_query[0].begin, lines.one_query[0].end - lines.one_query[0].begin) ==
        "SELECT 1; SELECT 2;");
  CHECK(goose.substr(lines.one_query[1].begin, lines.one_query[1].end - lines.one_query[1].begin) ==
        "SELECT 3\n  ; -- x");
  CHECK(load({{"00001_a.sql", "  -- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n"}})[0]
            .file.transaction == TransactionMode::File);
  // dbmate: the version is the leading digits; options are case-sensitive.
  CHECK(load({{"001-init.sql", "-- migrate:up\n"}})[0].file.version_text == "001");
  CHECK(load({{"1_a.sql", "-- migrate:up transaction:FALSE\n"}})[0].file.transaction ==
        TransactionMode::File);
  // Flyway: .sql.conf is a properties file; executeInTransaction=true overrides the detection.
  std::string mixed = "ANALYZE t; CREATE INDEX CONCURRENTLY i ON t (c);";
  CHECK(load({{"V1__a.sql", mixed}, {"V1__a.sql.conf", "# executeInTransaction=false\n"}})[0]
            .file.transaction == TransactionMode::File);
  CHECK(load({{"V1__a.sql", mixed}, {"V1__a.sql.conf", "executeInTransaction : FALSE\n"}})[0]
            .file.transaction == TransactionMode::None);
  CHECK(load({{"V1__a.sql", "CREATE INDEX CONCURRENTLY i ON t (c);"},
              {"V1__a.sql.conf", "executeInTransaction=true"}})[0]
            .file.transaction == TransactionMode::File);
  // Flyway: repeatables by description, `_` read as a space (` ` sorts before `-`).
  CHECK(ids(load({{"R__report-summary.sql", ""}, {"R__report_base.sql", ""}})) ==
        std::vector<std::string>{"R__report_base", "R__report-summary"});
  // Diesel: folders without a timestamp are Diesel's beside a timestamped one or a metadata.toml.
  CHECK(detected({{"0001_a/up.sql", ""}, {"00000000000000_diesel_initial_setup/up.sql", ""}}) ==
        "diesel");
  CHECK(detected({{"0001_a/up.sql", ""},
                  {"0001_a/metadata.toml", "run_in_transaction = true\n"}}) == "diesel");
  CHECK(detected({{"0001_a/up.sql", ""}, {"0001_a/down.sql", ""}}) == "plain");
  CHECK(load({{"0001_a/up.sql", ""}, {"0001_a/metadata.toml", ""}})[0].file.version_text == "0001");
}

TEST_CASE("Flyway's settings files", "[layouts]") {
  auto properties = read_properties(
      "# flyway.mixed=true\n! comment\nflyway.outOfOrder = true\nkey: value\nbare word\n");
  CHECK(properties.count("# flyway.mixed") == 0);
  CHECK(properties.count("flyway.mixed") == 0);
  CHECK(properties["flyway.outOfOrder"] == "true");
  CHECK(properties["key"] == "value");
  CHECK(properties["bare"] == "word");
  CHECK(boolean_property(properties, "flyway.outOfOrder") == true);
  CHECK_FALSE(boolean_property(properties, "flyway.mixed").has_value());
  auto settings = [](const std::string& file, std::string_view text) {
    FlywaySettings out;
    read_flyway_settings(file, text, out);
    return out;
  };
  CHECK(settings("flyway.conf", "flyway.mixed=TRUE\n").mixed);
  CHECK_FALSE(settings("flyway.conf", "#flyway.mixed=true\n").mixed);
  CHECK(settings("flyway.toml", "[flyway]\noutOfOrder = true\n").out_of_order);
  CHECK_FALSE(settings("flyway.toml", "# [flyway]\n# mixed = true\n").mixed);
  CHECK_THROWS_WITH(settings("conf/flyway.toml", "[flyway\n"),
                    Catch::Contains("conf/flyway.toml:1:"));
  FlywaySettings conf = settings("flyway.conf",
                                 "flyway.schemas=app,audit\nflyway.placeholders.role = reader\n"
                                 "flyway.placeholderReplacement=false\n");
  CHECK(conf.default_schema == "app");
  CHECK(conf.placeholders["role"] == "reader");
  CHECK_FALSE(conf.placeholder_replacement);
  FlywaySettings toml = settings("flyway.toml",
                                 "[flyway]\nschemas = [\"app\"]\ndefaultSchema = \"core\"\n"
                                 "[flyway.placeholders]\nrole = \"reader\"\n");
  CHECK(toml.default_schema == "core");
  CHECK(toml.placeholders["role"] == "reader");
  CHECK(toml.placeholder_replacement);
}

TEST_CASE("skipped files are the framework's own, even in a project root", "[layouts]") {
  MemorySource sqitch({{"sqitch.plan", "%project=x\nusers 2024-01-01T00:00:00Z a <a@b>\n"},
                       {"sqitch.conf", ""},
                       {"deploy/users.sql", ""},
                       {"revert/users.sql", ""},
                       {"verify/users.sql", ""},
                       {"lib/user.rb", ""},
                       {"Gemfile", ""}});
  auto layout = detect_layout(sqitch);
  CHECK(layout->skipped_files(sqitch, layout->claim(sqitch)) == 4);
  MemorySource golang({{"1_a.up.sql", ""}, {"1_a.down.sql", ""}, {"README.md", ""}});
  auto plain = detect_layout(golang);
  CHECK(plain->skipped_files(golang, plain->claim(golang)) == 2);
}

TEST_CASE("placeholders are substituted in place", "[layouts]") {
  std::string text = "GRANT SELECT ON ${schema}.t TO ${flyway:user}; -- ${unterminated\n'${x}' ${}";
  std::size_t size = text.size();
  substitute_placeholders(text, 0, text.size(),
                          [](const std::string& name) -> std::optional<std::string> {
                            if (name == "schema") return "public";
                            if (name == "x") return "much too long";
                            return std::nullopt;
                          });
  CHECK(text.size() == size);
  CHECK(text == "GRANT SELECT ON public   .t TO flyway_user   ; -- ${unterminated\n'x   ' _  ");
  // A placeholder inside a word keeps the word whole: the padding goes after it.
  std::string word = "CREATE TABLE ${p}_orders_${q}x (id int);";
  substitute_placeholders(word, 0, word.size(),
                          [](const std::string& name) -> std::optional<std::string> {
                            return name == "p" ? std::optional<std::string>("app") : std::nullopt;
                          });
  CHECK(word == "CREATE TABLE app_orders_qx     (id int);");
  // Only inside the region asked for.
  std::string region = "${a} ${b}";
  substitute_placeholders(region, 4, region.size(),
                          [](const std::string&) { return std::nullopt; });
  CHECK(region == "${a} b   ");
  // Flyway: placeholders from its settings, none with placeholderReplacement=false.
  LayoutOptions options;
  options.flyway.default_schema = "app";
  options.flyway.placeholders["Reader"] = "rr";
  CHECK(load({{"V1__a.sql", "GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${reader};"}},
             options)[0]
            .text == "GRANT USAGE ON SCHEMA app                     TO rr       ;");
  options.flyway.placeholder_replacement = false;
  CHECK(load({{"V1__a.sql", "SELECT '${x}';"}}, options)[0].text == "SELECT '${x}';");
  // goose: only between ENVSUB ON and OFF; a default stands for the value.
  std::string goose =
      "-- +goose Up\n-- +goose ENVSUB ON\nSELECT ${A:-1};\n-- +goose ENVSUB OFF\nSELECT '${B}';\n";
  std::string up = load({{"00001_a.sql", goose}})[0].text;
  CHECK(up.find("SELECT 1      ;") != std::string::npos);
  CHECK(up.find("SELECT '${B}';") != std::string::npos);
}
