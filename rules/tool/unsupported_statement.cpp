#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by the check engine for statements lowering does not know (analyzer/check).
const RuleInfo& unsupported_statement_info() {
  static const RuleInfo info{
      .id = "unsupported-statement",
      .category = Category::Tool,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A statement twostep does not analyse touches an existing table.",
      .doc = R"(## What it flags
A statement kind (or `ALTER TABLE` subcommand) that twostep's lowering does not know, naming a
table that existed when the app was deployed; and a `DO` block whose body mentions such a table
as a word. It is an error when the deployed app uses that table, a warning otherwise. Statements
twostep knows change nothing it checks (data changes, `COMMENT`, `GRANT`/`REVOKE`, `SET`,
transaction control, triggers, sequences, …) are not flagged.

## What breaks
Possibly nothing — twostep cannot tell. It fails closed: a safety check that passes what it did
not understand is worse than none.

## Safe sequence
Review the statement by hand against the deployed app, then suppress the finding with the
reason.

## Example
```sql
DO $$ BEGIN EXECUTE 'ALTER TABLE users DROP COLUMN email'; END $$;
```

## Use instead
Plain DDL that twostep can check; or, after a review:
```sql
-- twostep:ignore unsupported-statement -- only touches the audit trigger, reviewed
DO $$ … $$;
```

## Options
`unsupported-statement = "warning"` in `[rules]` makes every such finding a warning,
`"error"` makes every one an error.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
