#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class RenameColumnInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const auto* rename = std::get_if<RenameColumn>(&change);
    if (rename == nullptr) return;
    const Relation* relation = context.schema().find_relation(rename->table);
    const Column* column = relation ? relation->column(rename->column) : nullptr;
    if (column == nullptr) return;
    Usage usage = context.column_usage(*relation, *column);
    if (!in_use(context, usage, rename->span,
                fmt::format("column {}", name_of(*relation, *column)))) {
      return;
    }
    std::string table = relation->qualified().display();
    std::string type = column->type ? column->type->display() : "<its type>";
    std::string help;
    if (is_view(*relation)) {
      help = fmt::format(
          "Keep the old name until no deployed version uses it: re-create the view with both "
          "columns (`… {old} AS {old}, {old} AS {new} …`), deploy code that reads `{new}`, and "
          "drop `{old}` from the view in a later release.",
          fmt::arg("old", quote_identifier(column->name)),
          fmt::arg("new", quote_identifier(rename->new_name)));
    } else {
      help = fmt::format(
          "Rename in expand/contract steps instead:\n"
          "    1. ALTER TABLE {table} ADD COLUMN {new} {type};\n"
          "    2. deploy code that writes both `{old}` and `{new}` (or add a trigger that copies "
          "one to the other), then backfill:\n"
          "       UPDATE {table} SET {new} = {old} WHERE {new} IS NULL;\n"
          "    3. deploy code that reads `{new}` only;\n"
          "    4. in a later release: ALTER TABLE {table} DROP COLUMN {old};",
          fmt::arg("table", table), fmt::arg("new", quote_identifier(rename->new_name)),
          fmt::arg("old", quote_identifier(column->name)), fmt::arg("type", type));
    }
    context
        .report(rename->span,
                fmt::format("renaming {} to `{}` breaks the deployed app, which {} `{}`",
                            name_of(*relation, *column), rename->new_name, use_verb(usage),
                            column->deployed_name))
        .evidence(usage.evidence)
        .help(help);
  }
};

}  // namespace

const RuleInfo& rename_column_in_use_info() {
  static const RuleInfo info{
      .id = "rename-column-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A pending migration renames a column that the deployed app version still uses.",
      .doc = R"(## What it flags
`ALTER TABLE … RENAME COLUMN` (also on views) of a column that the deployed app version
references. Renaming a column created earlier in the same pending set is fine.

## What breaks
The deployed app keeps sending the old name until the new version has replaced every task, and
for good if the deploy fails: every such query fails with `column "…" does not exist`. A rename
is a contract step, however small it looks.

## Safe sequence
A rename is expand + deploy + contract:
1. Add the new column (same type).
2. Deploy code that writes both columns (or a trigger that copies one to the other); backfill
   the new column from the old one.
3. Deploy code that reads the new column only.
4. In a later release, drop the old column.

## Example
```sql
ALTER TABLE users RENAME COLUMN email TO email_address;
```

## Use instead
```sql
ALTER TABLE users ADD COLUMN email_address text;
-- release: dual-write; backfill
UPDATE users SET email_address = email WHERE email_address IS NULL;
-- later release, once nothing reads `email`:
ALTER TABLE users DROP COLUMN email;
```

## Options
Severity in `[rules]`. Squawk's `renaming-column` is an alias.
)",
      .aliases = {"renaming-column"},
  };
  return info;
}

std::unique_ptr<Rule> make_rename_column_in_use() {
  return std::make_unique<RenameColumnInUse>();
}

}  // namespace twostep::rules
