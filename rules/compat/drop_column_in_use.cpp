#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class DropColumnInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const auto* drop = std::get_if<DropColumn>(&change);
    if (drop == nullptr) return;
    const Relation* relation = context.schema().find_relation(drop->table);
    const Column* column = relation ? relation->column(drop->column) : nullptr;
    if (column == nullptr || is_view(*relation)) return;
    Usage usage = context.column_usage(*relation, *column);
    if (!in_use(context, usage, drop->span,
                fmt::format("column {}", name_of(*relation, *column)))) {
      return;
    }
    std::string table = relation->qualified().display();
    context
        .report(drop->span, fmt::format("dropping {} breaks the deployed app, which {} it",
                                        name_of(*relation, *column), use_verb(usage)))
        .evidence(usage.evidence)
        .help(fmt::format(
            "Contract in two releases: first deploy an app version that no longer reads or writes "
            "`{col}` (with an ORM, tell it to ignore the column, e.g. Rails `ignored_columns`), "
            "then drop the column in a migration of a later release:\n"
            "    ALTER TABLE {table} DROP COLUMN {col};",
            fmt::arg("col", quote_identifier(column->name)), fmt::arg("table", table)));
  }
};

}  // namespace

const RuleInfo& drop_column_in_use_info() {
  static const RuleInfo info{
      .id = "drop-column-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A pending migration drops a column that the deployed app version still uses.",
      .doc = R"(## What it flags
`ALTER TABLE … DROP COLUMN` of a column that the deployed app version references: its code
(at the deployed git ref) names the column and its table. Columns of tables created earlier in
the same pending set are new, so dropping them is fine. A column the migrations never created
(a baseline made outside them) is assumed to have existed when the app was deployed, and is
checked against the deployed app like any other. So is a table that a pending
`CREATE TABLE IF NOT EXISTS` names when the history does not describe it but the deployed app
reads it: it exists in production, the statement creates nothing, and dropping its columns
breaks the app.

## What breaks
Migrations run before the new app version is deployed. From the moment the column is gone until
every old task has been replaced — and for good if the deploy fails and rolls back — the running
app sends queries that name the column, and PostgreSQL answers
`ERROR: column "email" does not exist`. An ORM that selects every column it knows breaks on
every read of the table.

## Safe sequence
1. Release N: deploy app code that no longer reads or writes the column (Rails:
   `self.ignored_columns += ["email"]`; other ORMs: remove the field from the model).
2. Release N+1: drop the column in a migration.

## Example
```sql
-- the deployed app runs `SELECT id, email FROM users`
ALTER TABLE users DROP COLUMN email;
```

## Use instead
Ship the code change first, and the `DROP COLUMN` in a later release, once the deployed
version no longer names the column.

## Options
Severity in `[rules]` of twostep.toml (`drop-column-in-use = "warning"`). Squawk's
`ban-drop-column` is an alias: it is accepted in `[rules]` and in `twostep:ignore` comments.
Unlike squawk, twostep only flags a drop that the deployed app would notice; without a deployed
version to compare with, the drop is reported as `unverified-contract`.
)",
      .aliases = {"ban-drop-column"},
  };
  return info;
}

std::unique_ptr<Rule> make_drop_column_in_use() {
  return std::make_unique<DropColumnInUse>();
}

}  // namespace twostep::rules
