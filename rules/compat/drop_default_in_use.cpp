#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class DropDefaultInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const auto* drop = std::get_if<DropDefault>(&change);
    if (drop == nullptr) return;
    const Relation* relation = context.schema().find_relation(drop->table);
    const Column* column = relation ? relation->column(drop->column) : nullptr;
    // A column added by the pending set to an existing table counts too: the deployed app's
    // inserts leave it out and get its default.
    if (column == nullptr || !existed_at_deploy(relation->origin)) return;
    if (default_restored(*drop, *relation, context)) return;
    // Unknown columns (not described by the migrations) may be NOT NULL with a default.
    if (column->definition_known &&
        (!column->not_null || !(column->has_default || column->identity))) {
      return;
    }
    // A column the pending set added is new to the deployed app: its inserts leave it out.
    Usage usage = context.insert_usage(
        *relation, existed_at_deploy(column->origin) ? column->deployed_name : column->name);
    if (!in_use(context, usage, drop->span, fmt::format("table {}", name_of(*relation)))) return;
    std::string table = relation->qualified().display();
    context
        .report(drop->span,
                fmt::format("dropping the default of NOT NULL column {} breaks the deployed app's "
                            "inserts into {} that leave it out",
                            name_of(*relation, *column), name_of(*relation)))
        .evidence(usage.evidence)
        .help(fmt::format(
            "First deploy code that sets `{col}` on every insert, then drop the default in a later "
            "release:\n"
            "    ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT;",
            fmt::arg("table", table), fmt::arg("col", quote_identifier(column->name))));
  }

 private:
  // Dropped and set again within one transaction (how Prisma swaps an enum type: DROP DEFAULT,
  // ALTER … TYPE, SET DEFAULT): no insert ever sees the column without a default.
  static bool default_restored(const DropDefault& drop, const Relation& relation,
                               const RuleContext& context) {
    if (!context.in_transaction()) return false;
    for (const Change& later : context.later_changes()) {
      if (const auto* control = std::get_if<Transaction>(&later)) {
        if (control->control == TransactionControl::Commit ||
            control->control == TransactionControl::Rollback) {
          return false;
        }
      }
      const auto* set = std::get_if<SetDefault>(&later);
      if (set != nullptr && set->column == drop.column &&
          context.schema().find_relation(set->table) == &relation) {
        return true;
      }
    }
    return false;
  }
};

}  // namespace

const RuleInfo& drop_default_in_use_info() {
  static const RuleInfo info{
      .id = "drop-default-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration drops the default of a NOT NULL column of a table that the "
          "deployed app writes.",
      .doc = R"(## What it flags
`ALTER TABLE … ALTER COLUMN … DROP DEFAULT` (also `SET DEFAULT NULL` and `DROP IDENTITY`) on a
NOT NULL column of a table that the deployed app inserts into without setting the column —
including a column the pending set just added with a default, which the deployed app's inserts
leave out. An INSERT whose column list sets the column does not count; an INSERT that leaves it
out, an ORM model, or a textual reference to the table does (it may insert without it). A column
the migrations do not describe is taken to be NOT NULL with a default. A default dropped and set
again later in the same transaction (how Prisma swaps an enum type) is not flagged: no insert
finds the column without one.

## What breaks
The deployed app's inserts that leave the column out relied on the default: they now fail with
`null value in column "…" violates not-null constraint`.

## Safe sequence
1. Deploy code that sets the column on every insert.
2. Drop the default in a later release.

## Example
```sql
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;  -- status is NOT NULL DEFAULT 'new'
```

## Use instead
Ship code that always writes `status`, then drop the default in the next release.

## Options
Severity in `[rules]`.
)",
      .aliases = {},
  };
  return info;
}

std::unique_ptr<Rule> make_drop_default_in_use() {
  return std::make_unique<DropDefaultInUse>();
}

}  // namespace twostep::rules
