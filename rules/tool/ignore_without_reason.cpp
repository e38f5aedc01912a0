#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by suppression (analyzer/check) for a directive without a reason.
const RuleInfo& ignore_without_reason_info() {
  static const RuleInfo info{
      .id = "ignore-without-reason",
      .category = Category::Tool,
      .default_severity = Severity::Warning,
      .enabled_by_default = true,
      .summary = "A `twostep:ignore` comment gives no reason, so it suppresses nothing.",
      .doc = R"(## What it flags
`-- twostep:ignore RULE` or `-- twostep:ignore-file RULE` without `-- reason` after the rule
list. Such a comment suppresses nothing.

## What breaks
Nothing at deploy time. A suppression without a reason cannot be reviewed: the next engineer
cannot tell a checked exception from a silenced alarm.

## Safe sequence
Say why the finding does not apply.

## Example
```sql
ALTER TABLE users DROP COLUMN email;  -- twostep:ignore drop-column-in-use
```

## Use instead
```sql
ALTER TABLE users DROP COLUMN email;  -- twostep:ignore drop-column-in-use -- read only by the admin tool, retired in 4.2
```

## Options
Severity in `[rules]`.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
