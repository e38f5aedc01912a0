#include "rules/registry.hpp"

namespace twostep::rules {

const std::vector<RuleEntry>& all() {
  static const std::vector<RuleEntry> entries = {
#define TWOSTEP_RULE(name) RuleEntry{&name##_info(), &make_##name},
#define TWOSTEP_RAISED_RULE(name) RuleEntry{&name##_info(), nullptr},
#include "rules/rules.def"
#undef TWOSTEP_RULE
#undef TWOSTEP_RAISED_RULE
  };
  return entries;
}

const RuleEntry* find(std::string_view id_or_alias) {
  for (const RuleEntry& entry : all()) {
    if (entry.info->id == id_or_alias) return &entry;
  }
  for (const RuleEntry& entry : all()) {
    for (std::string_view alias : entry.info->aliases) {
      if (alias == id_or_alias) return &entry;
    }
  }
  return nullptr;
}

}  // namespace twostep::rules
