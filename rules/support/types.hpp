#pragma once
// What the rules know about column types: which type changes rewrite the table, check every row,
// or leave the stored values alone.
#include <string_view>

#include "twostep/change.hpp"

namespace twostep::rules {

// Whether ALTER COLUMN … TYPE from `from` to `to` is binary-compatible and only widens what the
// column accepts: no table rewrite, and every value the app reads or writes stays valid
// (varchar length raised or removed, varchar → text, numeric precision raised at equal scale).
bool is_safe_widening(const TypeRef& from, const TypeRef& to);

// A change between binary-compatible types that narrows them (varchar length lowered, text to
// varchar(n)): no rewrite, but every row is read to check it, under the same lock.
bool is_checked_narrowing(const TypeRef& from, const TypeRef& to);

// timestamp ↔ timestamptz at the same precision: binary-compatible, and since PostgreSQL 12 no
// rewrite when the session's time zone is UTC (the stored microseconds do not change).
bool is_time_zone_change(const TypeRef& from, const TypeRef& to);

// Whether a `timezone` setting is UTC (`UTC`, `Etc/UTC`, `GMT`, `Zulu`, …, lower-cased).
bool is_utc(std::string_view zone);

}  // namespace twostep::rules
