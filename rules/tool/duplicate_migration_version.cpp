#include "rules/registry.hpp"

namespace twostep::rules {

// Raised when pending migrations are split from applied ones (analyzer/pending).
const RuleInfo& duplicate_migration_version_info() {
  static const RuleInfo info{
      .id = "duplicate-migration-version",
      .category = Category::Tool,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "Two migrations have the same version.",
      .doc = R"(## What it flags
Two migrations of the folder with the same version — what two branches produce when both took
the next number — when at least one of them is pending. The finding is on the later one (by
name) and names the other. Versions are the layout's: golang-migrate, goose and dbmate the
number before the first `_`, Flyway the `V` version (`1.1` and `1_1` are one version), the plain
layout the numbers of the leading digits and separators, Diesel and Prisma the folder's
timestamp.

## What breaks
Most frameworks refuse to run with a duplicate version (golang-migrate, Flyway); others run only
one of the two, or run them in an order that differs between databases.

## Safe sequence
Renumber the migration that is not deployed yet.

## Example
```
migrations/0042_add_orders_note.up.sql
migrations/0042_add_users_bio.up.sql
```

## Use instead
```
migrations/0042_add_orders_note.up.sql
migrations/0043_add_users_bio.up.sql
```

## Options
Severity in `[rules]`.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
