#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by suppression (analyzer/check) for a directive naming an unknown rule.
const RuleInfo& unknown_rule_info() {
  static const RuleInfo info{
      .id = "unknown-rule",
      .category = Category::Tool,
      .default_severity = Severity::Warning,
      .enabled_by_default = true,
      .summary = "A `twostep:ignore` comment names a rule id twostep does not know.",
      .doc = R"(## What it flags
A rule id in a `twostep:ignore` or `twostep:ignore-file` comment that is neither a twostep rule
id nor one of its aliases (squawk's ids for the rules twostep shares with it). The known ids in
the same comment still apply. The message names the id it probably meant (did you mean
`drop-column-in-use`?), or says that the id is a squawk rule twostep does not have.

## What breaks
Nothing at deploy time, but the comment suppresses nothing for that id: usually a typo, and the
finding it meant to suppress still fails the check.

## Safe sequence
Use an id from `twostep rules`.

## Example
```sql
-- twostep:ignore drop-colum-in-use -- retired column
ALTER TABLE users DROP COLUMN legacy;
```

## Use instead
```sql
-- twostep:ignore drop-column-in-use -- retired column
ALTER TABLE users DROP COLUMN legacy;
```

## Options
Severity in `[rules]`.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
