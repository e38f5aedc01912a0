#include <fmt/format.h>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

class DropTableInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    if (const auto* drop = std::get_if<DropRelation>(&change)) {
      for (const QualifiedName& name : drop->names) {
        const Relation* relation = context.schema().find_relation(name);
        if (relation != nullptr && is_table(*relation)) report(*relation, drop->span, context, "");
      }
    } else if (const auto* drop_schema = std::get_if<DropSchema>(&change)) {
      if (!drop_schema->cascade) return;  // without CASCADE, a schema with tables is not dropped
      for (const std::string& schema : drop_schema->names) {
        for (const auto& [id, relation] : context.schema().relations()) {
          if (relation.schema == schema && is_table(relation)) {
            report(relation, drop_schema->span, context,
                   fmt::format(" (`DROP SCHEMA {} CASCADE` drops it)", schema));
          }
        }
      }
    }
  }

 private:
  static void report(const Relation& relation, Span span, RuleContext& context,
                     const std::string& how) {
    Usage usage = context.relation_usage(relation);
    if (!in_use(context, usage, span, fmt::format("table {}", name_of(relation)))) return;
    context
        .report(span, fmt::format("dropping table {}{} breaks the deployed app, which {} it",
                                  name_of(relation), how, use_verb(usage)))
        .evidence(usage.evidence)
        .help(fmt::format(
            "Contract in two releases: first deploy an app version that no longer reads or writes "
            "{}, then drop it in a migration of a later release:\n"
            "    DROP TABLE {};",
            deployed_name_of(relation), relation.qualified().display()));
  }
};

}  // namespace

const RuleInfo& drop_table_in_use_info() {
  static const RuleInfo info{
      .id = "drop-table-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary = "A pending migration drops a table that the deployed app version still uses.",
      .doc = R"(## What it flags
`DROP TABLE` (each table of `DROP TABLE a, b`, with or without `IF EXISTS` and `CASCADE`) and
`DROP SCHEMA … CASCADE` of a table that the deployed app version references. Tables created
earlier in the same pending set are new: dropping them is fine. A table the migrations never
created is assumed to have existed when the app was deployed, and is checked against the
deployed app like any other.

## What breaks
The deployed app keeps querying the table until the new version has replaced every task, and for
good if the deploy fails: `ERROR: relation "…" does not exist` on every such query. The data is
gone as well, so a rollback of the app cannot help.

## Safe sequence
1. Release N: deploy code that no longer reads or writes the table.
2. Release N+1: drop it (take a backup first if the data may be needed).

## Example
```sql
DROP TABLE sessions;
```

## Use instead
Remove every use of the table from the app first, and drop it in a later release.

## Options
Severity in `[rules]`. Squawk's `ban-drop-table` is an alias.
)",
      .aliases = {"ban-drop-table"},
  };
  return info;
}

std::unique_ptr<Rule> make_drop_table_in_use() {
  return std::make_unique<DropTableInUse>();
}

}  // namespace twostep::rules
