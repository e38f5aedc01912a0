#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class AddRequiredColumn final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const auto* add = std::get_if<AddColumn>(&change);
    if (add == nullptr) return;
    const ColumnDefinition& column = add->column;
    if (!column.not_null || column.has_default || column.identity || column.generated) return;
    const Relation* relation = context.schema().find_relation(add->table);
    if (relation == nullptr || !existed_at_deploy(relation->origin)) return;
    if (add->if_not_exists && relation->column(column.name) != nullptr) return;
    std::string type = column.type ? column.type->display() : "<type>";
    std::string table = relation->qualified().display();
    // The deployed app's inserts into the table cannot set a column it does not know.
    Usage usage = context.insert_usage(*relation, column.name);
    auto builder = context.report(
        add->span,
        fmt::format(
            "adding NOT NULL column `{}.{}` without a default breaks the deployed app's "
            "inserts into {}, which do not set it (and fails at once if the table has rows)",
            table, quote_identifier(column.name), name_of(*relation)));
    if (usage.verifiable) builder.evidence(usage.evidence);
    builder.help(fmt::format(
        "Give the column a default, which the deployed app's inserts will get (a constant default "
        "does not rewrite the table on PostgreSQL 11+):\n"
        "    ALTER TABLE {table} ADD COLUMN {col} {type} NOT NULL DEFAULT <value>;\n"
        "or add it nullable, deploy code that writes it, backfill, and add NOT NULL in a later "
        "release.",
        fmt::arg("table", table), fmt::arg("col", quote_identifier(column.name)),
        fmt::arg("type", type)));
  }
};

}  // namespace

const RuleInfo& add_required_column_info() {
  static const RuleInfo info{
      .id = "add-required-column",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration adds a NOT NULL column without a default to an existing "
          "table.",
      .doc = R"(## What it flags
`ALTER TABLE … ADD COLUMN … NOT NULL` (or `PRIMARY KEY`) without `DEFAULT` on a table that
existed when the app was deployed. Identity columns, generated columns and `serial` types are
filled by the server and are not flagged; neither is a column added to a table created in the
same pending set.

## What breaks
On a table with rows the statement fails at once (`column "…" contains null values`), stopping
the deploy. On an empty table it succeeds, and then every insert of the deployed app — which
does not know the column — fails with `null value in column "…" violates not-null constraint`.

## Safe sequence
Add the column with a default (on PostgreSQL 11+ a constant default does not rewrite the
table), or add it nullable, deploy code that writes it, backfill, and set NOT NULL in a later
release (see `set-not-null`).

## Example
```sql
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
```

## Use instead
```sql
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;
```

## Options
Severity in `[rules]`. Squawk's `adding-required-field` is an alias.
)",
      .aliases = {"adding-required-field"},
  };
  return info;
}

std::unique_ptr<Rule> make_add_required_column() {
  return std::make_unique<AddRequiredColumn>();
}

}  // namespace twostep::rules
