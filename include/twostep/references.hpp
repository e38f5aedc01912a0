#pragma once
// What the deployed app uses. Queries take the names the deployed app knows:
// the model maps an object renamed by a pending migration back to its deployed name.
#include <string>
#include <vector>

#include "twostep/change.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep {

class Schema;

class References {
 public:
  virtual ~References() = default;

  // Called once the history is replayed, with the schema as deployed: providers that resolve
  // queries (`SELECT *`, unqualified columns) against it do so here.
  virtual void bind(const Schema& /*deployed*/) {}

  // Whether these references can answer for `relation` at all. A manifest only knows the objects
  // of the schema it was written against: for others, contract steps are unverified.
  virtual bool knows(const QualifiedName& /*relation*/) const { return true; }

  // Evidence, best first; empty when the deployed app does not use the object.
  virtual std::vector<Evidence> relation(const QualifiedName& relation) const = 0;
  virtual std::vector<Evidence> column(const QualifiedName& relation,
                                       const std::string& column) const = 0;
  // A string literal with exactly this content ('active', "active"): enum values.
  virtual std::vector<Evidence> string_literal(const std::string& value) const = 0;
  // A whole word (a type name the app casts to).
  virtual std::vector<Evidence> word(const std::string& word) const = 0;

  // Writers that may insert into `relation` without setting `column` (and so rely on its
  // default): INSERTs whose column list leaves it out, ORM models, textual references. By default
  // every reference to the relation that is not a read.
  virtual std::vector<Evidence> inserts_without(const QualifiedName& relation,
                                                const std::string& column) const {
    std::vector<Evidence> out;
    for (Evidence& item : this->relation(relation)) {
      if (item.access != Access::Read) out.push_back(std::move(item));
    }
    (void)column;
    return out;
  }
};

}  // namespace twostep
