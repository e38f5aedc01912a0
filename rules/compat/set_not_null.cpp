#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class SetNotNullRule final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const auto* set = std::get_if<SetNotNull>(&change);
    if (set == nullptr) return;
    const Relation* relation = context.schema().find_relation(set->table);
    const Column* column = relation ? relation->column(set->column) : nullptr;
    if (column == nullptr || !existed_at_deploy(relation->origin)) return;
    if (column->definition_known && column->not_null) return;  // already NOT NULL: a no-op
    // PostgreSQL 12+ proves NOT NULL from a validated CHECK (col IS NOT NULL) and skips the scan;
    // that constraint already rejects NULL writes. The safe sequence ends here.
    if (context.postgres_version().major >= 12 && column->has_validated_not_null_check()) return;
    // A column added by the pending set without a default is left NULL by the deployed app's
    // inserts just the same.
    bool new_without_default = !existed_at_deploy(column->origin) && !column->has_default;
    if (!existed_at_deploy(column->origin) && !new_without_default) return;
    std::string table = relation->qualified().display();
    Usage usage = existed_at_deploy(column->origin) ? context.column_usage(*relation, *column)
                                                    : context.relation_usage(*relation);
    auto builder = context.report(
        set->span,
        fmt::format("`SET NOT NULL` on {} makes the deployed app's writes that leave it NULL fail, "
                    "and scans {} under an ACCESS EXCLUSIVE lock",
                    name_of(*relation, *column), name_of(*relation)));
    if (usage.verifiable) builder.evidence(usage.evidence);
    builder.help(fmt::format(
        "Once every deployed version writes a value, add the constraint without a long lock:\n"
        "    ALTER TABLE {table} ADD CONSTRAINT {col}_not_null CHECK ({col} IS NOT NULL) NOT "
        "VALID;\n"
        "    ALTER TABLE {table} VALIDATE CONSTRAINT {col}_not_null;  -- separate transaction\n"
        "    ALTER TABLE {table} ALTER COLUMN {col} SET NOT NULL;  -- PostgreSQL 12+: no scan\n"
        "    ALTER TABLE {table} DROP CONSTRAINT {col}_not_null;",
        fmt::arg("table", table), fmt::arg("col", quote_identifier(column->name))));
  }
};

}  // namespace

const RuleInfo& set_not_null_info() {
  static const RuleInfo info{
      .id = "set-not-null",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A pending migration sets NOT NULL on an existing column.",
      .doc = R"(## What it flags
`ALTER TABLE … ALTER COLUMN … SET NOT NULL` on a column that existed when the app was deployed,
or on a column the pending set added without a default to an existing table (the deployed
app's inserts leave it NULL). Not flagged on tables created in the pending set, nor — on
PostgreSQL 12 and later (`postgres-version`) — when a validated `CHECK (col IS NOT NULL)`
constraint is already in place: that is the last step of the safe sequence below.

## What breaks
- Writes of the deployed app that leave the column NULL fail with `null value in column "…"
  violates not-null constraint`.
- PostgreSQL scans the whole table to check the constraint while holding an ACCESS EXCLUSIVE
  lock: every read and write of the table waits.

## Safe sequence
1. Deploy code that always writes the column; backfill the NULLs.
2. `ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID`, then `VALIDATE CONSTRAINT` in its own
   transaction (a lighter lock).
3. `SET NOT NULL` (PostgreSQL 12+ uses the validated constraint and skips the scan), then drop
   the check constraint.

## Example
```sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
```

## Use instead
```sql
ALTER TABLE users ADD CONSTRAINT email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT email_not_null;
```

## Options
Severity in `[rules]`. Squawk's `adding-not-nullable-field` is an alias.
)",
      .aliases = {"adding-not-nullable-field"},
  };
  return info;
}

std::unique_ptr<Rule> make_set_not_null() {
  return std::make_unique<SetNotNullRule>();
}

}  // namespace twostep::rules
