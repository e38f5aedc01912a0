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
`-- twostep:ignore RULE` or `-- twostep:ignore-file RULE` with nothing after the rule list, or
a comment that names no rule. Such a comment suppresses nothing. The reason is whatever follows
the rule ids (joined by commas): after `--`, after `:`, or as it stands, so
`-- twostep:ignore drop-column-in-use: read only by the admin tool` and
`-- twostep:ignore drop-column-in-use read only by the admin tool` both give one.

squawk's `-- squawk-ignore RULE` comments carry no reason; twostep honours them for the squawk ids
it shares (`ban-drop-column`, …) with a note rather than this finding, and not at all when they
name no rule.

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
