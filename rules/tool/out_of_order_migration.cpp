#include "rules/registry.hpp"

namespace twostep::rules {

// Raised when pending migrations are split from applied ones (analyzer/pending).
const RuleInfo& out_of_order_migration_info() {
  static const RuleInfo info{
      .id = "out-of-order-migration",
      .category = Category::Tool,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A pending migration sorts before one the deployed version has already applied.",
      .doc = R"(## What it flags
A new migration whose version sorts before the latest migration of the deployed version — what a
branch merged after a later one produces (`0002_x` arrives once `0003_y` is applied), in the
layouts whose framework does not simply run it:

- golang-migrate runs only the versions after the database's current one: every database already
  past it skips the migration without a word, and the schema the later migrations and the new
  app expect is never made.
- goose stops with "found 1 missing migrations before current version" unless run with
  `-allow-missing`.
- Flyway's validation fails ("Detected resolved migration not applied to database") unless
  `outOfOrder` is set (`flyway.outOfOrder=true` in flyway.conf or `outOfOrder = true` under
  `[flyway]` in flyway.toml beside the migrations folder, which twostep reads).

dbmate, Diesel and Prisma run a missing migration wherever it sorts, so there is no finding
for them (dbmate run with `--strict` refuses it, a flag twostep cannot see: renumber anyway if
you use it). The plain layout's runner is unknown and sqitch follows its plan, so neither is
judged. A migration with the same version as an applied one is a
`duplicate-migration-version` finding instead.

## What breaks
With golang-migrate the migration silently never runs on production; with goose and Flyway the
migration stage fails and nothing after it is applied.

## Safe sequence
Renumber the pending migration after the latest applied one. Its statements are checked as
pending either way, after every applied migration, which is where they run once renumbered.

## Example
```
migrations/0001_users.up.sql       (deployed)
migrations/0003_orders.up.sql      (deployed)
migrations/0002_users_bio.up.sql   (pending: sorts before 0003)
```

## Use instead
```
migrations/0004_users_bio.up.sql
```

## Options
Severity in `[rules]`; set it to `"off"` when goose runs with `-allow-missing`.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
