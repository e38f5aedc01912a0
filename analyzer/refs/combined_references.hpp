#pragma once
// Several reference sources answering together: a manifest (or the git tree) and query
// statistics. The first source decides what is known; evidence is merged, exact first.
#include <memory>
#include <vector>

#include "twostep/references.hpp"

namespace twostep::refs {

class CombinedReferences final : public References {
 public:
  void add(std::unique_ptr<References> source) { sources_.push_back(std::move(source)); }
  bool empty() const { return sources_.empty(); }

  void bind(const Schema& deployed) override;
  bool knows(const QualifiedName& relation) const override;
  std::vector<Evidence> relation(const QualifiedName& relation) const override;
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override;
  std::vector<Evidence> string_literal(const std::string& value) const override;
  std::vector<Evidence> word(const std::string& word) const override;
  std::vector<Evidence> inserts_without(const QualifiedName& relation,
                                        const std::string& column) const override;

 private:
  std::vector<std::unique_ptr<References>> sources_;

  template <typename Ask>
  std::vector<Evidence> merged(Ask&& ask) const;
};

}  // namespace twostep::refs
