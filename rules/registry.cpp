#include "rules/registry.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/squawk.hpp"

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

namespace {

// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string_view> closest(std::string_view name) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  auto consider = [&](std::string_view candidate) {
    std::size_t distance = edit_distance(name, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  };
  for (const RuleEntry& entry : all()) {
    consider(entry.info->id);
    for (std::string_view alias : entry.info->aliases) consider(alias);
  }
  // A third of the name may be wrong, and at least two characters: `drop-colum` is
  // `drop-column-in-use`'s typo only if most of it is right.
  std::size_t allowed = std::max<std::size_t>(2, name.size() / 3);
  if (!best || best_distance == 0 || best_distance > allowed) return std::nullopt;
  return best;
}

std::string unknown_id_hint(std::string_view name) {
  if (is_squawk_id(name)) {
    return fmt::format("; `{}` is a squawk rule that twostep does not have", name);
  }
  if (std::optional<std::string_view> near = closest(name)) {
    return fmt::format("; did you mean `{}`?", *near);
  }
  return "";
}

}  // namespace twostep::rules
