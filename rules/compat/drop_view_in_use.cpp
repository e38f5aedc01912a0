#include <fmt/format.h>

#include <map>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

// Views are judged once their migration is over: a view dropped and re-created under the same
// name in one migration is a replacement, and only the columns the new view lacks are gone.
class DropViewInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const Schema& schema = context.schema();
    if (const auto* drop = std::get_if<DropRelation>(&change)) {
      for (const QualifiedName& name : drop->names) {
        const Relation* relation = schema.find_relation(name);
        if (relation == nullptr) continue;
        if (is_view(*relation)) touch(*relation, drop->span, "dropping {view}");
        if (!drop->cascade) continue;
        for (ObjectId id : schema.dependents(relation->id)) {
          const Relation* dependent = schema.relation(id);
          if (dependent == nullptr || !is_view(*dependent)) continue;
          touch(*dependent, drop->span,
                fmt::format("dropping {{view}} (by `DROP … CASCADE` of `{}`)",
                            relation->qualified().display()));
        }
      }
    } else if (const auto* drop_column = std::get_if<DropColumn>(&change)) {
      const Relation* table = schema.find_relation(drop_column->table);
      if (table == nullptr || !drop_column->cascade) return;
      for (ObjectId id : schema.column_dependents(table->id, drop_column->column)) {
        const Relation* view = schema.relation(id);
        if (view == nullptr || !is_view(*view)) continue;
        touch(*view, drop_column->span,
              fmt::format("dropping {{view}} (by `DROP COLUMN {} CASCADE` of `{}`)",
                          drop_column->column, table->qualified().display()));
      }
    } else if (const auto* rename = std::get_if<RenameRelation>(&change)) {
      const Relation* relation = schema.find_relation(rename->name);
      if (relation != nullptr && is_view(*relation)) {
        touch(*relation, rename->span, fmt::format("renaming {{view}} to `{}`", rename->new_name));
      }
    } else if (const auto* move = std::get_if<SetRelationSchema>(&change)) {
      const Relation* relation = schema.find_relation(move->name);
      if (relation != nullptr && is_view(*relation)) {
        touch(*relation, move->span,
              fmt::format("moving {{view}} to schema `{}`", move->new_schema));
      }
    } else if (const auto* drop_schema = std::get_if<DropSchema>(&change)) {
      if (!drop_schema->cascade) return;
      for (const std::string& name : drop_schema->names) {
        for (const auto& [id, relation] : schema.relations()) {
          if (relation.schema != name || !is_view(relation)) continue;
          touch(relation, drop_schema->span,
                fmt::format("dropping {{view}} (by `DROP SCHEMA {} CASCADE`)", name));
        }
      }
    } else if (const auto* rename_schema = std::get_if<RenameSchema>(&change)) {
      for (const auto& [id, relation] : schema.relations()) {
        if (relation.schema != rename_schema->name || !is_view(relation)) continue;
        touch(relation, rename_schema->span,
              fmt::format("moving {{view}} to schema `{}` (by renaming its schema)",
                          rename_schema->new_name));
      }
    }
  }

  void finish_migration(RuleContext& context) override {
    for (const auto& [id, touched] : touched_) {
      const Relation& old = touched.view;
      const Relation* now = context.schema().find_relation(old.deployed_name);
      if (now == nullptr || !is_view(*now)) {
        report_gone(touched, context);
      } else {
        report_missing_columns(touched, *now, context);
      }
    }
    touched_.clear();
  }

 private:
  struct Touched {
    Relation view;  // as it was before the first statement that touched it
    Span span;
    std::string subject;  // "dropping {view}", with `{view}` standing for the view's name
  };
  std::map<ObjectId, Touched> touched_;

  void touch(const Relation& view, Span span, std::string subject) {
    if (!existed_at_deploy(view.origin)) return;
    touched_.try_emplace(view.id, Touched{view, span, std::move(subject)});
  }

  static void report_gone(const Touched& touched, RuleContext& context) {
    const Relation& view = touched.view;
    Usage usage = context.relation_usage(view);
    if (!in_use(context, usage, touched.span, fmt::format("view {}", name_of(view)))) return;
    std::string kind = view.kind == RelationKind::MaterializedView ? "materialized view" : "view";
    std::string subject = touched.subject;
    subject.replace(subject.find("{view}"), 6, kind + " " + name_of(view));
    context
        .report(touched.span, fmt::format("{} breaks the deployed app, which {} {}", subject,
                                          use_verb(usage), deployed_name_of(view)))
        .evidence(usage.evidence)
        .help(fmt::format(
            "Keep {} until no deployed version uses it: deploy code that stops using it first, and "
            "drop or rename it in a later release. To change its definition, re-create it under "
            "the same name in the same migration with every column the deployed app uses.",
            deployed_name_of(view)));
  }

  static void report_missing_columns(const Touched& touched, const Relation& now,
                                     RuleContext& context) {
    if (!now.columns_complete) return;  // the new definition's columns cannot be told
    for (const Column& column : touched.view.columns) {
      if (!existed_at_deploy(column.origin) || now.column(column.name) != nullptr) continue;
      Usage usage = context.column_usage(touched.view, column);
      if (!in_use(context, usage, touched.span,
                  fmt::format("column {}", name_of(touched.view, column)))) {
        continue;
      }
      context
          .report(touched.span,
                  fmt::format("re-creating view {} without column `{}` breaks the deployed app, "
                              "which {} {}",
                              name_of(touched.view), column.name, use_verb(usage),
                              deployed_name_of(touched.view, column)))
          .evidence(usage.evidence)
          .help(fmt::format(
              "Keep `{}` in the new definition of the view until no deployed version uses it, "
              "and remove it in a later release.",
              column.name));
    }
  }
};

}  // namespace

const RuleInfo& drop_view_in_use_info() {
  static const RuleInfo info{
      .id = "drop-view-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration drops or renames a view (or removes a column from one) that "
          "the deployed app version still uses.",
      .doc = R"(## What it flags
`DROP VIEW`, `DROP MATERIALIZED VIEW`, `ALTER … RENAME` / `SET SCHEMA` of a view (whatever the
keyword: `ALTER TABLE v RENAME` on a view is a view rename), and views dropped by
`DROP … CASCADE` of what they are built on (a table, a schema, or a column the view reads),
when the deployed app uses the view. A view dropped
and re-created under the same name in the same migration is a replacement: only the columns
that the new view no longer has count as dropped.

## What breaks
The deployed app keeps querying the view: `relation "…" does not exist`, or
`column "…" does not exist` for a column the new definition left out.

## Safe sequence
Change a view's definition by re-creating it with every column the deployed app uses (in one
migration, so that the name never disappears between releases); remove columns or the view
itself only after a release that no longer uses them.

## Example
```sql
DROP VIEW active_users;
CREATE VIEW active_users AS SELECT id FROM users WHERE active;  -- `email` is gone
```

## Use instead
```sql
DROP VIEW active_users;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE active;
```

## Options
Severity in `[rules]`. When the new definition's columns cannot be told (a `*` over a table the
migrations do not describe), the replacement is taken to keep every column.
)",
      .aliases = {},
  };
  return info;
}

std::unique_ptr<Rule> make_drop_view_in_use() {
  return std::make_unique<DropViewInUse>();
}

}  // namespace twostep::rules
