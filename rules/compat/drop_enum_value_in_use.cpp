#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "rules/registry.hpp"
#include "rules/support/contract.hpp"

namespace twostep::rules {
namespace {

bool has_value(const EnumType& type, const std::string& value) {
  return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
}

std::string type_name(const EnumType& type) {
  std::string current = type.qualified().display();
  std::string deployed = type.deployed_name.display();
  if (current == deployed) return fmt::format("`{}`", current);
  return fmt::format("`{}` (the deployed app's `{}`)", current, deployed);
}

// Enum types are judged once their migration is over, against the schema it leaves: the usual
// way to remove a value (create a new type, move the columns, drop the old type, rename the new
// one) is several statements, and only the end state tells which values are gone.
class DropEnumValueInUse final : public Rule {
 public:
  void check(const Change& change, RuleContext& context) override {
    const Schema& schema = context.schema();
    if (const auto* drop = std::get_if<DropType>(&change)) {
      for (const QualifiedName& name : drop->names) {
        if (const EnumType* type = schema.find_enum(name)) {
          touch(*type, drop->span, fmt::format("dropping enum type {}", type_name(*type)));
        }
      }
    } else if (const auto* rename = std::get_if<RenameType>(&change)) {
      if (const EnumType* type = schema.find_enum(rename->name)) {
        std::string subject =
            rename->new_schema.empty()
                ? fmt::format("renaming enum type {} to `{}`", type_name(*type), rename->new_name)
                : fmt::format("moving enum type {} to schema `{}`", type_name(*type),
                              rename->new_schema);
        touch(*type, rename->span, subject);
      }
    } else if (const auto* rename_value = std::get_if<RenameEnumValue>(&change)) {
      if (const EnumType* type = schema.find_enum(rename_value->type)) {
        std::string subject =
            fmt::format("renaming value '{}' of enum type {} to '{}'", rename_value->old_value,
                        type_name(*type), rename_value->new_value);
        touch(*type, rename_value->span, subject);
        auto touched = touched_.find(type->id);  // absent for a type the pending set created
        if (touched != touched_.end()) {
          touched->second.value_changes.try_emplace(rename_value->old_value,
                                                    ValueChange{rename_value->span, subject});
        }
      }
    } else if (const auto* drop_schema = std::get_if<DropSchema>(&change)) {
      if (!drop_schema->cascade) return;
      for (const std::string& name : drop_schema->names) {
        for (const auto& [id, type] : schema.enums()) {
          if (type.schema != name) continue;
          touch(type, drop_schema->span,
                fmt::format("dropping enum type {} (by `DROP SCHEMA {} CASCADE`)", type_name(type),
                            name));
        }
      }
    } else if (const auto* rename_schema = std::get_if<RenameSchema>(&change)) {
      for (const auto& [id, type] : schema.enums()) {
        if (type.schema != rename_schema->name) continue;
        touch(type, rename_schema->span,
              fmt::format("moving enum type {} to schema `{}`", type_name(type),
                          rename_schema->new_name));
      }
    }
  }

  void finish_migration(RuleContext& context) override {
    for (const auto& [id, touched] : touched_) judge(touched, context);
    touched_.clear();
  }

 private:
  struct ValueChange {
    Span span;
    std::string subject;
  };
  struct Touched {
    EnumType type;  // as it was before the first statement that touched it
    Span span;
    std::string subject;
    std::map<std::string, ValueChange> value_changes;
  };
  std::map<ObjectId, Touched> touched_;

  void touch(const EnumType& type, Span span, std::string subject) {
    if (!existed_at_deploy(type.origin)) return;
    touched_.try_emplace(type.id, Touched{type, span, std::move(subject), {}});
  }

  static void judge(const Touched& touched, RuleContext& context) {
    const Schema& schema = context.schema();
    const EnumType& old = touched.type;
    const EnumType* same = schema.enum_type(old.id);
    const EnumType* at_old_name = schema.find_enum(old.deployed_name);
    // The values the deployed app can still write: those of the type that now has its name,
    // or of the type itself if it was only renamed.
    const EnumType* successor = at_old_name != nullptr ? at_old_name : same;
    // Without a deployed version, one warning per type says what could not be checked.
    Usage probe = context.word_usage(old.deployed_name.name);
    if (!probe.verifiable) {
      in_use(context, probe, touched.span,
             fmt::format("enum type `{}` and its values", old.deployed_name.display()));
      return;
    }
    bool reported = false;
    for (const std::string& value : old.values) {
      auto change = touched.value_changes.find(value);
      bool renamed = change != touched.value_changes.end();
      if (successor != nullptr && has_value(*successor, value)) continue;
      // A type the migrations do not describe may have had the value all along, unless this
      // migration renamed it away.
      if (successor != nullptr && !successor->values_complete && !renamed) continue;
      Usage usage = context.string_literal_usage(value);
      Span span = renamed ? change->second.span : touched.span;
      std::string subject;
      if (renamed) {
        subject = change->second.subject;
      } else if (successor != nullptr) {
        subject = fmt::format("re-creating enum type {} without value '{}'", type_name(old), value);
      } else {
        subject = fmt::format("{} removes value '{}', and", touched.subject, value);
      }
      if (!in_use(context, usage, span, fmt::format("enum value '{}'", value))) continue;
      reported = true;
      context
          .report(span, fmt::format("{} breaks the deployed app, which uses '{}'", subject, value))
          .evidence(usage.evidence)
          .help(fmt::format(
              "Keep '{}' until no deployed version writes or compares it: deploy code that stops "
              "using the value (and migrate the rows that hold it), then remove it in a later "
              "release.",
              value));
    }
    if (at_old_name != nullptr || reported) return;
    // The type's name is gone: the deployed app breaks where it names the type (casts, DDL).
    Usage usage = context.word_usage(old.deployed_name.name);
    if (!in_use(context, usage, touched.span,
                fmt::format("enum type `{}`", old.deployed_name.display()))) {
      return;
    }
    context
        .report(touched.span, fmt::format("{} breaks the deployed app, which names `{}`",
                                          touched.subject, old.deployed_name.name))
        .evidence(usage.evidence)
        .help(fmt::format(
            "Keep a type named `{}` until no deployed version names it: deploy code that uses the "
            "new name first, and rename or drop the type in a later release.",
            old.deployed_name.display()));
  }
};

}  // namespace

const RuleInfo& drop_enum_value_in_use_info() {
  static const RuleInfo info{
      .id = "drop-enum-value-in-use",
      .category = Category::Compat,
      .default_severity = Severity::Error,
      .enabled_by_default = true,
      .summary =
          "A pending migration removes or renames an enum value (or renames an enum type) "
          "that the deployed app version uses.",
      .doc = R"(## What it flags
At the end of each pending migration, for every enum type it touched:
- `ALTER TYPE … RENAME VALUE 'a' TO 'b'` where the deployed app contains `'a'` (or `"a"`) as a
  quoted string;
- an enum type dropped, or dropped and re-created (or replaced by renaming another type to its
  name) without a value that the deployed app contains as a quoted string;
- an enum type renamed (or dropped) whose name the deployed app contains as a word, e.g. in a
  cast `'active'::status`.

## What breaks
The deployed app writes and compares the old values: `invalid input value for enum status:
"pending"` on every insert or update that uses one, and casts to a type that no longer exists
fail with `type "…" does not exist`.

## Safe sequence
1. Add the new value (`ALTER TYPE … ADD VALUE`), which is always safe.
2. Deploy code that writes the new value and no longer writes the old one; migrate the rows.
3. In a later release, re-create the type without the old value.

## Example
```sql
ALTER TYPE order_status RENAME VALUE 'pending' TO 'queued';
```

## Use instead
```sql
ALTER TYPE order_status ADD VALUE 'queued';
-- release: write 'queued'; UPDATE orders SET status = 'queued' WHERE status = 'pending';
-- a later release re-creates the type without 'pending'.
```

## Options
Severity in `[rules]`. Enum values are matched as quoted strings anywhere in the deployed app's
source, so a common word used as a value may be found in unrelated code: suppress such a finding
with a `twostep:ignore` comment that says why.
)",
      .aliases = {},
  };
  return info;
}

std::unique_ptr<Rule> make_drop_enum_value_in_use() {
  return std::make_unique<DropEnumValueInUse>();
}

}  // namespace twostep::rules
