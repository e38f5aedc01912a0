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

// `CREATE TABLE IF NOT EXISTS` of a table that exists in production though the history does not
// describe it (made outside the migrations): the table as assumed, with the columns the
// statement names (and possibly more), so that the statement creates nothing.
void assume_existing_table(Schema& schema, const CreateTable& change);

// Applies `change`; objects it creates get the origin of `phase`.
void apply(Schema& schema, const Change& change, Phase phase);

}  // namespace twostep::schema
