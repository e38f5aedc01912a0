#pragma once
// Every rule twostep knows, generated from rules.def: `twostep rules`, `explain`, config
// validation, suppression and the docs all read it.
#include <memory>
#include <optional>
#include <string>
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

// The id or alias closest to a misspelt `name` (`drop-colum-in-use`), if one is close enough to
// be what was meant.
std::optional<std::string_view> closest(std::string_view name);

// What to say after "`name` is not a twostep rule id": a did-you-mean, or that it is a squawk
// rule twostep does not have; empty when there is nothing to add. Starts with "; ".
std::string unknown_id_hint(std::string_view name);

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
inline constexpr std::string_view kConcurrentlyInTransaction = "concurrently-in-transaction";

}  // namespace twostep::rules
