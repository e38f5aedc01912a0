#include "twostep/diagnostic.hpp"

namespace twostep {

const char* to_string(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

const char* to_string(Category category) {
  switch (category) {
    case Category::Compat:
      return "compat";
    case Category::Locks:
      return "locks";
    case Category::Hygiene:
      return "hygiene";
    case Category::Tool:
      return "tool";
  }
  return "tool";
}

const char* to_string(Strength strength) {
  return strength == Strength::Exact ? "exact" : "textual";
}

const char* to_string(Access access) {
  switch (access) {
    case Access::Read:
      return "read";
    case Access::Write:
      return "write";
    case Access::Unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace twostep
