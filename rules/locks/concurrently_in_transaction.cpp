#include <fmt/format.h>

#include "rules/registry.hpp"

namespace twostep::rules {
namespace {

class ConcurrentlyInTransaction final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    if (!context.in_transaction()) return;
    std::optional<std::string> statement =
        outside_transaction_only(change, context.postgres_version());
    if (!statement) return;
    std::string why = context.transaction_reason();
    std::string version_note = std::holds_alternative<AddEnumValue>(change)
                                   ? fmt::format(" before PostgreSQL 12 (postgres-version is {})",
                                                 context.postgres_version().display())
                                   : "";
    context
        .report(span_of(change),
                fmt::format("`{}` cannot run inside a transaction block{}, and this one runs in "
                            "one: {}; the migration fails at deploy",
                            *statement, version_note, why))
        .help(context.transaction_fix().empty()
                  ? fmt::format("Run `{}` outside a transaction: put it in a migration of its own "
                                "that runs without one, with no BEGIN/COMMIT around it.",
                                *statement)
                  : fmt::format("Run `{}` outside a transaction: {}.", *statement,
                                context.transaction_fix()));
  }
};

}  // namespace

const RuleInfo& concurrently_in_transaction_info() {
  static const RuleInfo info{
      .id = "concurrently-in-transaction",
      .category = Category::Locks,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A statement that PostgreSQL refuses inside a transaction block runs in one: the "
          "migration fails at deploy.",
      .doc = R"(## What it flags
`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`,
`ALTER TABLE … DETACH PARTITION … CONCURRENTLY`, `ALTER TYPE … ADD VALUE` before PostgreSQL 12
(`postgres-version`), and `VACUUM`, `CREATE`/`DROP DATABASE`, `CREATE`/`DROP TABLESPACE`,
`ALTER SYSTEM`, when the statement runs inside a transaction. What opens the transaction depends
on the layout (docs/layouts.md), and the finding says which:
- the framework wraps each migration (goose, dbmate, Diesel, Flyway for a script that also holds
  transactional statements);
- the protocol: golang-migrate and Prisma send a file as one multi-statement query, which
  PostgreSQL runs as one implicit transaction when it holds more than one statement;
- the script's own `BEGIN` (any layout, sqitch and plain scripts included).

## What breaks
PostgreSQL rejects the statement (`CREATE INDEX CONCURRENTLY cannot run inside a transaction
block`): the migration fails at deploy, and the deploy with it — after earlier statements of a
non-transactional run may already have changed the schema.

## Safe sequence
Put the statement in a migration of its own that runs without a transaction: goose
`-- +goose NO TRANSACTION`, dbmate `-- migrate:up transaction:false`, Diesel
`run_in_transaction = false` in `metadata.toml`, Flyway a script holding only such statements,
golang-migrate or Prisma a file holding this one statement; no `BEGIN`/`COMMIT` around it.

## Example
```sql
-- 0042_index.up.sql (golang-migrate)
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
```

## Use instead
```sql
-- 0042_shipped_at.up.sql
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
-- 0043_shipped_at_index.up.sql: one statement, no implicit transaction
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
```

## Options
Severity in `[rules]`. Squawk's `ban-concurrent-index-creation-in-transaction` is an alias.
Fixtures and tests say the transaction mode with `tx=none|file|implicit`.
)",
      .aliases = {"ban-concurrent-index-creation-in-transaction"},
  };
  return info;
}

std::unique_ptr<Rule> make_concurrently_in_transaction() {
  return std::make_unique<ConcurrentlyInTransaction>();
}

}  // namespace twostep::rules
