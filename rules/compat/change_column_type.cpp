#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"
#include "rules/support/types.hpp"

namespace twostep::rules {
namespace {

class ChangeColumnType final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    // The session's time zone, set in this migration (`SET timezone = 'UTC'`), and the
    // transaction's (`SET LOCAL`, which PostgreSQL ignores outside a transaction block).
    if (context.file() != file_) {
      file_ = context.file();
      utc_ = false;
      local_utc_.reset();
    }
    if (const auto* control = std::get_if<Transaction>(&change)) {
      if (control->control == TransactionControl::Commit ||
          control->control == TransactionControl::Rollback) {
        local_utc_.reset();
      }
      return;
    }
    if (const auto* setting = std::get_if<NoSchemaChange>(&change)) {
      std::string_view target = setting->target;
      if (target.starts_with("timezone=")) {
        utc_ = is_utc(target.substr(9));
        local_utc_.reset();
      } else if (target.starts_with("timezone-local=") && context.in_transaction()) {
        local_utc_ = is_utc(target.substr(15));
      } else if (setting->resets_session) {
        utc_ = false;
        local_utc_.reset();
      }
      return;
    }
    const auto* alter = std::get_if<AlterColumnType>(&change);
    if (alter == nullptr) return;
    const Relation* relation = context.schema().find_relation(alter->table);
    const Column* column = relation ? relation->column(alter->column) : nullptr;
    if (column == nullptr || !existed_at_deploy(relation->origin) ||
        !existed_at_deploy(column->origin)) {
      return;
    }
    // A widening that PostgreSQL does without a rewrite leaves every read and write working.
    if (column->type && !alter->has_using && is_safe_widening(*column->type, alter->type)) {
      return;
    }
    std::string from = column->type ? fmt::format("`{}`", column->type->display()) : "its old type";
    bool zone_change = column->type && is_time_zone_change(*column->type, alter->type) &&
                       (!alter->has_using || alter->using_is_column) &&
                       context.postgres_version().major >= 12;
    std::string to = alter->type.display();
    std::string table = relation->qualified().display();
    std::string help = fmt::format(
        "Change a type in expand/contract steps:\n"
        "    1. ALTER TABLE {table} ADD COLUMN {col}_new {to};\n"
        "    2. deploy code that writes both columns; backfill in batches:\n"
        "       UPDATE {table} SET {col}_new = {col}::{to} WHERE {col}_new IS NULL;\n"
        "    3. deploy code that reads `{col}_new`; in a later release drop `{col}` (and rename "
        "the new column in its own expand/contract cycle if the name matters).",
        fmt::arg("table", table), fmt::arg("col", quote_identifier(column->name)),
        fmt::arg("to", to));
    bool scan_only =
        column->type && !alter->has_using && is_checked_narrowing(*column->type, alter->type);
    std::string lock =
        scan_only ? fmt::format(
                        "reads every row of {} to check the new limit under an ACCESS EXCLUSIVE "
                        "lock",
                        name_of(*relation))
                  : fmt::format("rewrites {} and its indexes under an ACCESS EXCLUSIVE lock",
                                name_of(*relation));
    Usage usage = context.column_usage(*relation, *column);
    if (zone_change && local_utc_.value_or(utc_)) {
      // Nothing is rewritten; what the app reads still changes type.
      if (!usage.verifiable || !usage.used()) return;
      context
          .report(alter->span,
                  fmt::format("changing the type of {} from {} to `{}` can break the deployed app, "
                              "which {} it (no rewrite: the session's time zone is UTC)",
                              name_of(*relation, *column), from, to, use_verb(usage)))
          .evidence(usage.evidence)
          .help(help);
      return;
    }
    if (zone_change) {
      help +=
          "\nOr, where only the lock matters: `SET timezone = 'UTC';` before this statement "
          "makes PostgreSQL 12+ convert between timestamp and timestamptz without a rewrite.";
    }
    if (usage.verifiable && usage.used()) {
      context
          .report(alter->span,
                  fmt::format("changing the type of {} from {} to `{}` can break the deployed app, "
                              "which {} it, and {}",
                              name_of(*relation, *column), from, to, use_verb(usage), lock))
          .evidence(usage.evidence)
          .help(help);
      return;
    }
    context
        .report(alter->span,
                fmt::format("changing the type of {} from {} to `{}` {}, blocking every read and "
                            "write",
                            name_of(*relation, *column), from, to, lock))
        .help(help);
  }

 private:
  std::string file_;
  bool utc_ = false;
  std::optional<bool> local_utc_;
};

}  // namespace

const RuleInfo& change_column_type_info() {
  static const RuleInfo info{
      .id = "change-column-type",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration changes the type of an existing column that the deployed "
          "app uses, or in a way that rewrites the table.",
      .doc = R"(## What it flags
`ALTER TABLE … ALTER COLUMN … TYPE` on a column that existed when the app was deployed, unless
the change only widens the column in a way PostgreSQL does without rewriting the table:
`varchar(n)` to a larger `varchar(m)` or to `varchar`/`text`, `text` to `varchar`, `numeric(p,s)`
to a larger precision at the same scale or to `numeric`, `varbit(n)` to a larger length, `cidr`
to `inet`. Such a widening is not flagged even for a column the app uses: every value it reads
and writes stays valid. A change with `USING` (other than the column itself), or from a type the
migrations do not describe, is taken to rewrite the table. Columns created in the pending set are
new: not flagged.

`timestamp` ↔ `timestamptz` after `SET timezone = 'UTC'` (or `SET TIME ZONE 'UTC'`; `SET LOCAL`
within its transaction; `RESET ALL` and `DISCARD ALL` undo it) in the same migration rewrites
nothing on PostgreSQL 12 and later: it is flagged only where the deployed app
uses the column, whose values change type. Without that `SET`, the finding's help suggests it.

## What breaks
- The deployed app reads and writes the column with the old type in mind: drivers decode the new
  type differently, and writes of old-format values fail (`integer` → `uuid`, `text` → `jsonb`).
- The table and its indexes are rewritten under an ACCESS EXCLUSIVE lock: every query on the
  table waits for the whole rewrite. A narrowing between compatible types (`varchar(255)` to
  `varchar(100)`, `text` to `varchar(n)`) rewrites nothing but reads every row to check the new
  limit, under the same lock.

## Safe sequence
Add a new column of the new type, dual-write, backfill in batches, move reads, and drop the old
column in a later release.

## Example
```sql
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);  -- was integer
```

## Use instead
```sql
ALTER TABLE orders ADD COLUMN total_new numeric(12,2);
-- release: write both; backfill in batches; read total_new
-- later release: ALTER TABLE orders DROP COLUMN total;
```

## Options
Severity in `[rules]`. Squawk's `changing-column-type` is an alias. Unlike squawk, a widening
without a rewrite is not flagged.
)",
      .aliases = {"changing-column-type"},
  };
  return info;
}

std::unique_ptr<Rule> make_change_column_type() {
  return std::make_unique<ChangeColumnType>();
}

}  // namespace twostep::rules
