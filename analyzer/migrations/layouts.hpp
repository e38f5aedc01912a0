#pragma once
// The layouts, one file each (make_layout() in layout.cpp is the registry), and what they share
// (layouts.cpp).
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "analyzer/migrations/layout.hpp"

namespace twostep::migrations {

std::unique_ptr<Layout> make_plain_layout();
std::unique_ptr<Layout> make_flyway_layout();
std::unique_ptr<Layout> make_golang_migrate_layout();
std::unique_ptr<Layout> make_goose_layout();
std::unique_ptr<Layout> make_dbmate_layout();
std::unique_ptr<Layout> make_diesel_layout();
std::unique_ptr<Layout> make_prisma_layout();
std::unique_ptr<Layout> make_sqitch_layout();
std::unique_ptr<Layout> make_rails_layout();

// Shared by the layouts.
// Sorts migrations in the framework's order (migration_before: version, repeatables last).
void sort_in_order(std::vector<Migration>& migrations);
std::string file_name(const std::string& path);    // `a/b/c.sql` → `c.sql`
std::string folder_name(const std::string& path);  // `a/b/c.sql` → `b`
bool starts_with_digit(std::string_view text);
// The version as written: the leading run of digits and separators, without a trailing one.
std::string leading_version(std::string_view name);
// Blanks every line outside the section that starts after a line matching `up` and ends before a
// line matching `down` (markers are `-- …` comment lines starting the line, as goose and dbmate
// read them; matching is on the comment's words).
// Returns false when there is no `up` marker.
bool keep_section(std::string& text, std::string_view up, std::string_view down);
// Replaces each `${name}` in text[begin, end) as a tool does before sending the SQL (Flyway's
// placeholders, goose's ENVSUB): with `value(name)` where it is known and no longer than the
// placeholder, else with the name as an identifier (`${flyway:user}` → `flyway_user`), padded
// with spaces so that every position stays the file's (after the word it stands in, which stays
// one word). `name` is what stands between the braces. Returns whether anything was replaced.
bool substitute_placeholders(
    std::string& text, std::size_t begin, std::size_t end,
    const std::function<std::optional<std::string>(const std::string& name)>& value);

// The words of a `--` comment line, lower-cased and joined by one space: `--  +goose   UP` →
// `+goose up`. Empty for a line that is not a comment.
std::string comment_words(std::string_view line);

}  // namespace twostep::migrations
