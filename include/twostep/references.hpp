#pragma once
// What the deployed app uses (DESIGN.md step 6). Queries take the names the deployed app knows:
// the model maps an object renamed by a pending migration back to its deployed name.
#include <string>
#include <vector>

#include "twostep/change.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep {

class References {
 public:
  virtual ~References() = default;

  // Evidence, best first; empty when the deployed app does not use the object.
  virtual std::vector<Evidence> relation(const QualifiedName& relation) const = 0;
  virtual std::vector<Evidence> column(const QualifiedName& relation,
                                       const std::string& column) const = 0;
  // A string literal with exactly this content ('active', "active"): enum values.
  virtual std::vector<Evidence> string_literal(const std::string& value) const = 0;
  // A whole word (a type name the app casts to).
  virtual std::vector<Evidence> word(const std::string& word) const = 0;
};

}  // namespace twostep
