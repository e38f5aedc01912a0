#include "rules/registry.hpp"

namespace twostep::rules {

// Raised by the compat rules through RuleContext::report_unverified.
const RuleInfo& unverified_contract_info() {
  static const RuleInfo info{
      .id = "unverified-contract",
      .category = Category::Compat,
      .default_severity = Severity::Warning,
      .enabled_by_default = true,
      .summary =
          "A contract step (drop, rename, …) that cannot be checked because there is no "
          "deployed version to compare with.",
      .doc = R"(## What it flags
A drop or rename (of a column, table, view, enum value) that the in-use rules would check against
the deployed app, when twostep has no deployed version: outside a git repository, in a
repository without commits, or when files are given on the command line with no deployed
version to read.

## What breaks
Nothing twostep can prove: it cannot see whether the running app still uses the object. A
contract step that the running app depends on takes production down while the migration runs
ahead of the deploy.

## Safe sequence
Give twostep the deployed version: `--deployed-ref REF` (a tag the deploy moves, the commit
of the running image) or `deployed-ref` in twostep.toml.

## Example
```sql
-- twostep check migrations/0042_drop_email.sql, outside git
ALTER TABLE users DROP COLUMN email;
```

## Use instead
```
twostep check --deployed-ref deployed/production
```

## Options
A warning by default. `unverified-contract = "error"` in `[rules]` fails closed: a contract
step that cannot be verified fails the check.
)",
      .aliases = {},
  };
  return info;
}

}  // namespace twostep::rules
