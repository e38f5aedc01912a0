#include "analyzer/refs/combined_references.hpp"

#include <algorithm>

namespace twostep::refs {

template <typename Ask>
std::vector<Evidence> CombinedReferences::merged(Ask&& ask) const {
  std::vector<Evidence> out;
  for (const auto& source : sources_) {
    std::vector<Evidence> part = ask(*source);
    out.insert(out.end(), part.begin(), part.end());
  }
  std::stable_sort(out.begin(), out.end(), [](const Evidence& a, const Evidence& b) {
    return a.strength < b.strength;  // exact before textual, each source's order kept
  });
  return out;
}

void CombinedReferences::bind(const Schema& deployed) {
  for (const auto& source : sources_) source->bind(deployed);
}

bool CombinedReferences::knows(const QualifiedName& relation) const {
  return !sources_.empty() && sources_.front()->knows(relation);
}

std::vector<Evidence> CombinedReferences::relation(const QualifiedName& relation) const {
  return merged([&](const References& source) { return source.relation(relation); });
}

std::vector<Evidence> CombinedReferences::column(const QualifiedName& relation,
                                                 const std::string& column) const {
  return merged([&](const References& source) { return source.column(relation, column); });
}

std::vector<Evidence> CombinedReferences::string_literal(const std::string& value) const {
  return merged([&](const References& source) { return source.string_literal(value); });
}

std::vector<Evidence> CombinedReferences::word(const std::string& word) const {
  return merged([&](const References& source) { return source.word(word); });
}

std::vector<Evidence> CombinedReferences::inserts_without(const QualifiedName& relation,
                                                          const std::string& column) const {
  return merged([&](const References& source) { return source.inserts_without(relation, column); });
}

}  // namespace twostep::refs
