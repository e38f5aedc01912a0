#pragma once
// The plain layout: `NNN_name.sql` files and `NNN_name/up.sql` (or `migration.sql`) folders,
// ordered by the numbers of their leading version. Down parts never run on deploy: names ending
// in `down.sql` are never read.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "twostep/migration.hpp"

namespace twostep::migrations {

// The migrations among `paths` (relative to the migrations folder, `/`-separated), in order.
std::vector<MigrationFile> plain_layout(const std::vector<std::string>& paths);

// The numbers of the leading run of digits and separators (`_`, `-`, `.`):
// `2019-02-26-002946_x` → {2019, 2, 26, 2946}.
std::vector<std::uint64_t> version_of(std::string_view name);

// The part of a migration file that runs on deploy: a down section marked inside the file
// (`-- +goose Down`, `-- migrate:down`, up to the next up marker) is blanked, keeping every other
// byte where it is so that positions still point into the file.
std::string up_part(std::string text);

// Files of a migrations folder on disk, up to one folder deep, relative and `/`-separated.
std::vector<std::string> list_folder(const std::filesystem::path& folder);

}  // namespace twostep::migrations
