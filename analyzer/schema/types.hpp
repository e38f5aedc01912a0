#pragma once
#include "twostep/change.hpp"

namespace twostep::schema {

// Whether ALTER COLUMN … TYPE from `from` to `to` is binary-compatible and only widens what the
// column accepts: no table rewrite, and every value the app reads or writes stays valid
// (varchar length raised or removed, varchar → text, numeric precision raised at equal scale).
bool is_safe_widening(const TypeRef& from, const TypeRef& to);

// A change between binary-compatible types that narrows them (varchar length lowered, text to
// varchar(n)): no rewrite, but every row is read to check it, under the same lock.
bool is_checked_narrowing(const TypeRef& from, const TypeRef& to);

}  // namespace twostep::schema
