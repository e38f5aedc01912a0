#include "rules/squawk.hpp"

#include <algorithm>
#include <array>

namespace twostep::rules {

bool is_squawk_id(std::string_view id) {
  static constexpr std::array<std::string_view, 37> kIds = {
      "adding-field-with-default",
      "adding-foreign-key-constraint",
      "adding-not-nullable-field",
      "adding-primary-key-constraint",
      "adding-required-field",
      "ban-alter-domain-with-add-constraint",
      "ban-char-field",
      "ban-concurrent-index-creation-in-transaction",
      "ban-create-domain-with-constraint",
      "ban-drop-column",
      "ban-drop-database",
      "ban-drop-not-null",
      "ban-drop-table",
      "ban-duplicate-column-assignments",
      "ban-truncate-cascade",
      "ban-uncommitted-transaction",
      "changing-column-type",
      "constraint-missing-not-valid",
      "disallowed-unique-constraint",
      "identifier-too-long",
      "prefer-bigint-over-int",
      "prefer-bigint-over-smallint",
      "prefer-identity",
      "prefer-repack",
      "prefer-robust-stmts",
      "prefer-text-field",
      "prefer-timestamptz",
      "renaming-column",
      "renaming-table",
      "require-concurrent-index-creation",
      "require-concurrent-index-deletion",
      "require-concurrent-partition-detach",
      "require-concurrent-reindex",
      "require-enum-value-ordering",
      "require-table-schema",
      "require-timeout-settings",
      "transaction-nesting",
  };
  return std::find(kIds.begin(), kIds.end(), id) != kIds.end();
}

}  // namespace twostep::rules
