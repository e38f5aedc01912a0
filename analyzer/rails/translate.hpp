#pragma once
// A Rails migration (or db/schema.rb) turned into the SQL that Rails' PostgreSQL adapter sends,
// read statically: no Ruby runs. Each statement maps back to the DSL call it came from (the SQL of
// an `execute` byte for byte), so that the SQL path's findings land on the Ruby line. What is not
// the DSL (a loop, a helper it cannot follow, interpolated SQL) is listed as untranslated, never
// guessed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rails/ruby_calls.hpp"
#include "twostep/migration.hpp"

namespace twostep::rails {

struct Translation {
  std::string sql;
  std::vector<SourceSegment> source_map;  // sorted by `text.begin`
  std::vector<Untranslated> untranslated;
  std::vector<Acknowledgement> acknowledged;  // strong_migrations' `safety_assured`
  bool ddl_transaction = true;                // false after `disable_ddl_transaction!`
  std::string schema_version;                 // db/schema.rb's `define(version:)`, digits only
  std::optional<std::string> error;  // the file cannot be read at all (unterminated literal, …)
};

// A migration file: what runs on `db:migrate` (`change`, else `up`; `reversible`'s `up` part).
Translation translate_migration(std::string_view source);

// db/schema.rb: the schema Rails loads, as SQL.
Translation translate_schema(std::string_view source);

// The version that db/structure.sql records last (`INSERT INTO "schema_migrations" (version)
// VALUES ('2024…'), …`); empty when it names none.
std::string structure_version(std::string_view sql);

// The PostgreSQL type Rails' adapter creates for a column type (`:string` → `character varying`,
// `:datetime` → `timestamp(6)`), with its `limit:`, `precision:` and `scale:`; a type Rails does
// not know is passed through as SQL, as Rails does.
std::string column_type(std::string_view type, const Options& options);

}  // namespace twostep::rails
