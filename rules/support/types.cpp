#include "rules/support/types.hpp"

#include <string>

namespace twostep::rules {
namespace {

// The catalog name of a type as the parser spells it (`pg_catalog.varchar` → `varchar`;
// `text` comes unqualified).
std::string canonical(const TypeRef& type) {
  if (type.names.size() == 2 && type.names[0] == "pg_catalog") return type.names[1];
  if (type.names.size() == 1) {
    const std::string& name = type.names[0];
    if (name == "character varying") return "varchar";
    if (name == "decimal") return "numeric";
    return name;
  }
  return type.names.empty() ? std::string() : type.names[0] + "." + type.names.back();
}

}  // namespace

bool is_safe_widening(const TypeRef& from, const TypeRef& to) {
  if (!from.modifiers_known || !to.modifiers_known) return false;
  if (from.array_dimensions != to.array_dimensions) return false;
  std::string a = canonical(from);
  std::string b = canonical(to);
  if (a == b && from.modifiers == to.modifiers) return true;
  if (a == "varchar" && b == "varchar") {
    return to.modifiers.empty() ||
           (!from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0]);
  }
  if (a == "varchar" && b == "text") return true;
  if (a == "text" && b == "varchar") return to.modifiers.empty();
  if (a == "varbit" && b == "varbit") {
    return to.modifiers.empty() ||
           (!from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0]);
  }
  if (a == "numeric" && b == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    std::int64_t from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    std::int64_t to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return from_scale == to_scale && to.modifiers[0] >= from.modifiers[0];
  }
  if (a == "cidr" && b == "inet") return true;
  return false;
}

bool is_checked_narrowing(const TypeRef& from, const TypeRef& to) {
  if (!from.modifiers_known || !to.modifiers_known ||
      from.array_dimensions != to.array_dimensions) {
    return false;
  }
  std::string a = canonical(from);
  std::string b = canonical(to);
  bool strings = (a == "varchar" || a == "text") && b == "varchar" && !to.modifiers.empty();
  bool bits = a == "varbit" && b == "varbit" && !to.modifiers.empty();
  return (strings || bits) && !is_safe_widening(from, to);
}

bool is_time_zone_change(const TypeRef& from, const TypeRef& to) {
  if (!from.modifiers_known || !to.modifiers_known ||
      from.array_dimensions != to.array_dimensions || from.modifiers != to.modifiers) {
    return false;
  }
  std::string a = canonical(from);
  std::string b = canonical(to);
  return (a == "timestamp" && b == "timestamptz") || (a == "timestamptz" && b == "timestamp");
}

bool is_utc(std::string_view zone) {
  for (std::string_view utc :
       {"utc", "etc/utc", "universal", "etc/universal", "zulu", "etc/zulu", "gmt", "etc/gmt",
        "gmt0", "etc/gmt0", "greenwich", "etc/greenwich", "uct", "etc/uct", "z"}) {
    if (zone == utc) return true;
  }
  return false;
}

}  // namespace twostep::rules
