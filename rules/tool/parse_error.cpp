#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by the parser stage (analyzer/sql): one per statement that does not parse.
const RuleInfo& parse_error_info() {
  static const RuleInfo info{
      .id = "parse-error",
      .category = Category::Tool,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A statement of a pending migration does not parse as PostgreSQL 15 SQL.",
      .doc = R"(## What it flags
A statement that PostgreSQL's own parser (libpg_query, PostgreSQL 15 grammar) rejects, at the
line and column where the parser stopped; a fragment between statements that is not a statement
at all (`SELECT 1; foo bar; SELECT 3`); an unterminated quote, dollar quote or comment (the rest
of the file cannot be read). One bad statement never hides findings in the others: the rest of
the file is still analysed statement by statement.

Also valid SQL that the framework cuts before PostgreSQL sees it: goose ends a query at every
line whose last word ends in `;`, so a function body without `-- +goose StatementBegin` /
`StatementEnd` arrives in halves, and a statement whose last line lacks `;` is an "unfinished SQL
query".

## What breaks
PostgreSQL will reject the statement too, so the migration fails at deploy time, half applied if
it does not run in a transaction. Or the statement uses syntax newer than PostgreSQL 15, which
twostep cannot analyse: what it does to the schema is not checked.

## Safe sequence
Fix the statement. For syntax newer than PostgreSQL 15, review the statement by hand and
suppress the finding with a reason.

## Example
```sql
ALTER TABLE users ADD COLUMN email text NOT NUL;
```

## Use instead
```sql
ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';
```

## Options
`-- twostep:ignore parse-error -- reason` above the statement. Parse errors in applied
migrations are not findings; the summary notes them, and the objects they touch are treated
as existing when the app was deployed, and checked against the deployed app.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
