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

// A boolean setting of a Flyway configuration file (`mixed`, `outOfOrder`): `flyway.<key>=true`
// in flyway.conf, `<key> = true` in the `[flyway]` table of flyway.toml; false when unset. `file`
// names the file in errors (UsageError, with line and column, for a flyway.toml that does not
// parse).
bool flyway_setting(const std::string& file, std::string_view text, const std::string& key);

}  // namespace twostep::migrations
