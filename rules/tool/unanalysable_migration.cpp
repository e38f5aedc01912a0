#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by the check engine for a pending migration a layout cannot read (analyzer/check).
const RuleInfo& unanalysable_migration_info() {
  static const RuleInfo info{
      .id = "unanalysable-migration",
      .category = Category::Tool,
      .default_severity = Severity::Warning,
      .enabled_by_default = true,
      .summary =
          "A pending migration is not SQL that twostep can read (a goose migration "
          "written in Go), or holds Ruby that twostep cannot translate into SQL (Rails).",
      .doc = R"(## What it flags
A pending migration that is code, not SQL: a goose migration written in Go (`00042_x.go`
registering with `goose.AddMigration`). twostep does not run or read it, so what it does to the
schema is neither checked nor known to the model.

In a Rails migration, twostep translates the migration DSL into the SQL Rails sends, and flags
each piece of Ruby it cannot translate, on its line: a loop, a condition, a query through a model
(`User.where(…).update_all`), a helper method that takes arguments, `execute` of an interpolated
string (`"#{…}"`). It is an error when that Ruby names a table the deployed app uses, or when
twostep cannot tell which tables it touches; a warning when every table it names is known and
unused by the deployed app. `docs/layouts.md` lists what is translated.

## What breaks
Possibly nothing — twostep cannot tell. It says so rather than pass it silently.

## Safe sequence
Review the migration by hand against the deployed app; where it only runs SQL, prefer a SQL
migration that twostep can check.

## Example
```
migrations/00042_backfill_totals.go
```
```ruby
%i[email name].each { |column| remove_column :users, column }
```

## Use instead
`migrations/00042_backfill_totals.sql` with `-- +goose Up` where the change is plain SQL; in
Rails, one DSL call per change (`remove_column :users, :email`), or `execute` of a plain SQL
string or heredoc.

## Options
Severity in `[rules]` (`"error"` fails closed on every Go migration).
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
