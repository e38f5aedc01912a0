#pragma once
// Replaying changes into the schema model.
#include "twostep/change.hpp"
#include "twostep/schema.hpp"

namespace twostep::schema {

enum class Phase {
  History,  // the applied migrations: what production holds
  Pending,  // the migrations under check
};

// Makes sure every existing object that `change` names is in the model. What the history does not
// know (a baseline created outside the migrations, or no history at all) is assumed to exist and
// to be used by the deployed app: fail closed.
void assume_named_objects(Schema& schema, const Change& change);

// Applies `change`; objects it creates get the origin of `phase`.
void apply(Schema& schema, const Change& change, Phase phase);

}  // namespace twostep::schema
