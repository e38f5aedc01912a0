#pragma once
// Flyway's settings files as Flyway reads them: Java properties (flyway.conf, a script's
// `.sql.conf`) and flyway.toml. A commented-out line is no setting.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace twostep::migrations {

// `key=value`, `key: value` or `key value` per line; `#` and `!` start comment lines.
std::map<std::string, std::string> read_properties(std::string_view text);

// A boolean setting as Flyway parses it (`true` in any case), or nothing when it is not set.
std::optional<bool> boolean_property(const std::map<std::string, std::string>& properties,
                                     const std::string& key);

// What twostep needs of a Flyway configuration.
struct FlywaySettings {
  // `mixed`: a script mixing statements that cannot run in a transaction with ones that can runs
  // without one (else Flyway refuses it).
  bool mixed = false;
  // `outOfOrder`: a pending script that sorts before an applied one runs.
  bool out_of_order = false;
  // `placeholderReplacement` (default true), `placeholders.<name>`, and the schema
  // `${flyway:defaultSchema}` names (`defaultSchema`, else the first of `schemas`).
  bool placeholder_replacement = true;
  std::map<std::string, std::string> placeholders;
  std::string default_schema = "public";
};

// Reads a configuration file into `settings`, over what earlier files set: `flyway.<key>=…` in
// flyway.conf, `<key> = …` in the `[flyway]` table of flyway.toml. `file` names the file in
// errors (UsageError with line and column for a flyway.toml that does not parse).
void read_flyway_settings(const std::string& file, std::string_view text, FlywaySettings& settings);

}  // namespace twostep::migrations
