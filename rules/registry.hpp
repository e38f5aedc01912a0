#pragma once
// Every rule twostep knows, generated from rules.def: `twostep rules`, `explain`, config
// validation, suppression and the docs all read it.
#include <memory>
#include <string_view>
#include <vector>

#include "twostep/rule.hpp"

namespace twostep::rules {

#define TWOSTEP_RULE(name)       \
  const RuleInfo& name##_info(); \
  std::unique_ptr<Rule> make_##name();
#define TWOSTEP_RAISED_RULE(name) const RuleInfo& name##_info();
#include "rules/rules.def"
#undef TWOSTEP_RULE
#undef TWOSTEP_RAISED_RULE

struct RuleEntry {
  const RuleInfo* info = nullptr;
  std::unique_ptr<Rule> (*make)() = nullptr;  // null for findings the pipeline raises itself
};

// In rules.def order.
const std::vector<RuleEntry>& all();

// By id or alias; null when unknown.
const RuleEntry* find(std::string_view id_or_alias);

// Ids of the findings the pipeline raises itself.
inline constexpr std::string_view kUnverifiedContract = "unverified-contract";
inline constexpr std::string_view kModifiedAppliedMigration = "modified-applied-migration";
inline constexpr std::string_view kParseError = "parse-error";
inline constexpr std::string_view kUnsupportedStatement = "unsupported-statement";
inline constexpr std::string_view kIgnoreWithoutReason = "ignore-without-reason";
inline constexpr std::string_view kUnknownRule = "unknown-rule";
inline constexpr std::string_view kDuplicateMigrationVersion = "duplicate-migration-version";
inline constexpr std::string_view kUnanalysableMigration = "unanalysable-migration";
inline constexpr std::string_view kOutOfOrderMigration = "out-of-order-migration";

}  // namespace twostep::rules
