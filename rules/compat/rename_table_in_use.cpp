#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class RenameTableInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    if (const auto* rename = std::get_if<RenameRelation>(&change)) {
      const Relation* relation = context.schema().find_relation(rename->name);
      if (relation == nullptr || !is_table(*relation)) return;
      report(*relation, rename->span, context, QualifiedName{relation->schema, rename->new_name});
    } else if (const auto* move = std::get_if<SetRelationSchema>(&change)) {
      const Relation* relation = context.schema().find_relation(move->name);
      if (relation == nullptr || !is_table(*relation)) return;
      report(*relation, move->span, context, QualifiedName{move->new_schema, relation->name});
    } else if (const auto* rename_schema = std::get_if<RenameSchema>(&change)) {
      for (const auto& [id, relation] : context.schema().relations()) {
        if (relation.schema == rename_schema->name && is_table(relation)) {
          report(relation, rename_schema->span, context,
                 QualifiedName{rename_schema->new_name, relation.name});
        }
      }
    }
  }

 private:
  // `ALTER TABLE a RENAME TO b; CREATE VIEW a AS SELECT * FROM b;` keeps the old name working.
  static const CreateView* view_taking_old_name(const Relation& relation, RuleContext& context) {
    for (const Change& later : context.later_changes()) {
      const auto* view = std::get_if<CreateView>(&later);
      if (view != nullptr && view->name.name == relation.name &&
          (view->name.schema.empty() || view->name.schema == relation.schema)) {
        return view;
      }
    }
    return nullptr;
  }

  // Whether the view's output has `column`: by name, or through a `*` (any `*` over the
  // renamed table's new name is taken to cover it).
  static bool view_has(const CreateView& view, const std::string& column) {
    for (const ViewColumn& output : view.columns) {
      if (output.name == column || (!output.name && output.star_from)) return true;
      if (!output.name && !output.star_from) return true;  // a `*` that cannot be told: trust it
    }
    return false;
  }

  static void report(const Relation& relation, Span span, RuleContext& context,
                     const QualifiedName& new_name) {
    if (const CreateView* view = view_taking_old_name(relation, context)) {
      // The view keeps the old name; the deployed app breaks only on columns it leaves out.
      for (const Column& column : relation.columns) {
        if (!existed_at_deploy(column.origin) || view_has(*view, column.name)) continue;
        Usage usage = context.column_usage(relation, column);
        if (!in_use(context, usage, span, fmt::format("column {}", name_of(relation, column)))) {
          continue;
        }
        context
            .report(span, fmt::format("renaming table {} to `{}` breaks the deployed app: the view "
                                      "that takes the old name lacks column `{}`, which it {}",
                                      name_of(relation), new_name.display(), column.name,
                                      use_verb(usage)))
            .evidence(usage.evidence)
            .help(fmt::format("Give the view every column the deployed app uses, e.g. "
                              "`CREATE VIEW {} AS SELECT * FROM {};`",
                              relation.qualified().display(), new_name.display()));
      }
      return;
    }
    Usage usage = context.relation_usage(relation);
    if (!in_use(context, usage, span, fmt::format("table {}", name_of(relation)))) return;
    std::string old_name = relation.qualified().display();
    context
        .report(span, fmt::format("renaming table {} to `{}` breaks the deployed app, which {} {}",
                                  name_of(relation), new_name.display(), use_verb(usage),
                                  deployed_name_of(relation)))
        .evidence(usage.evidence)
        .help(fmt::format(
            "Keep the old name working until no deployed version uses it: rename the table and "
            "leave an updatable view under the old name in the same transaction:\n"
            "    BEGIN;\n"
            "    ALTER TABLE {old} RENAME TO {new_short};\n"
            "    CREATE VIEW {old} AS SELECT * FROM {new};\n"
            "    COMMIT;\n"
            "then deploy code that uses `{new}`, and drop the view in a later release. (A simple "
            "view accepts the old app's INSERT, UPDATE and DELETE.)",
            fmt::arg("old", old_name), fmt::arg("new", new_name.display()),
            fmt::arg("new_short", quote_identifier(new_name.name))));
  }
};

}  // namespace

const RuleInfo& rename_table_in_use_info() {
  static const RuleInfo info{
      .id = "rename-table-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration renames (or moves to another schema) a table that the "
          "deployed app version still uses.",
      .doc = R"(## What it flags
`ALTER TABLE … RENAME TO`, `ALTER TABLE … SET SCHEMA` and `ALTER SCHEMA … RENAME TO` of a table
that the deployed app version references. `ALTER TABLE v RENAME` on a view is a view rename
(`drop-view-in-use`): the object's kind comes from the schema model, not from the keyword.
A rename followed, in the same migration, by a view that takes the old name is the safe
sequence below and is not flagged.

## What breaks
The deployed app keeps using the old name until the new version has replaced every task, and for
good if the deploy fails: `relation "…" does not exist` on every query.

## Safe sequence
Rename the table and leave an updatable view under the old name, in one transaction; deploy code
that uses the new name; drop the view in a later release. A view over a single table with
`SELECT *` accepts the old app's writes.

## Example
```sql
ALTER TABLE accounts RENAME TO customers;
```

## Use instead
```sql
BEGIN;
ALTER TABLE accounts RENAME TO customers;
CREATE VIEW accounts AS SELECT * FROM customers;
COMMIT;
-- later release:
DROP VIEW accounts;
```

## Options
Severity in `[rules]`. Squawk's `renaming-table` is an alias.
)",
      .aliases = {"renaming-table"},
  };
  return info;
}

std::unique_ptr<Rule> make_rename_table_in_use() {
  return std::make_unique<RenameTableInUse>();
}

}  // namespace twostep::rules
