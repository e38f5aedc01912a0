#include "rules/registry.hpp"

namespace twostep::rules {

// Raised when pending migrations are split from applied ones (analyzer/pending).
const RuleInfo& modified_applied_migration_info() {
  static const RuleInfo info{
      .id = "modified-applied-migration",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A migration that the deployed version already has was edited.",
      .doc = R"(## What it flags
A migration file whose content differs from its content in the deployed version, or that the
deployed version has and the working tree does not (deleted, or renamed: the new name looks like
a new migration and runs again). twostep replays
the deployed content (that is what ran in production), and diffs the file against it statement
by statement (whitespace and comments aside): every statement added or changed since deploy —
appended while a release is in progress, inserted at the top or in the middle, rewritten, or in a
file renamed with its version kept where the framework records versions only — is also checked
as pending, on top of the deployed content, since it runs wherever the file has not run yet. An
edit that only removes statements runs nothing new, and is this finding alone.

## What breaks
Frameworks record which migrations ran, by name or version: the edited content never runs where
the old content already ran, so environments drift apart (staging has the new column,
production does not), and frameworks that checksum migrations (Flyway, sqitch) refuse to run.

## Safe sequence
Leave applied migrations as they are. Put the change in a new migration.

## Example
```sql
-- 0003_users.sql, already deployed, edited to add a column
CREATE TABLE users (id bigint PRIMARY KEY, email text);
ALTER TABLE users ADD COLUMN name text;  -- appended after deploy
```

## Use instead
A new migration, `0004_users_name.sql`, holding the `ALTER TABLE`.

## Options
Severity in `[rules]`; `twostep:ignore-file modified-applied-migration -- reason` in the file
(a whitespace or comment fix, say).
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
