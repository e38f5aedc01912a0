#pragma once
// What the compat rules share: how an object is named in a message (with the name the deployed
// app knows it by, when a pending rename changed it), how its use is described, and the
// unverified-contract fallback when there is no deployed version to check against.
#include <string>
#include <string_view>

#include "twostep/rule.hpp"
#include "twostep/schema.hpp"

namespace twostep::rules {

// `public.customers` (the deployed app's `public.accounts`)
std::string name_of(const Relation& relation);
// `public.customers.email` (the deployed app's `public.accounts.email`)
std::string name_of(const Relation& relation, const Column& column);
// The name as the deployed app knows it, in backticks.
std::string deployed_name_of(const Relation& relation);
std::string deployed_name_of(const Relation& relation, const Column& column);

// "reads", "writes", "reads and writes" or "uses", from the evidence's access.
std::string use_verb(const Usage& usage);

// True when the deployed app uses the object. Without a deployed app to check against, reports
// the step on `object` as unverified-contract and returns false.
bool in_use(RuleContext& context, const Usage& usage, Span span, const std::string& object);

bool is_table(const Relation& relation);
bool is_view(const Relation& relation);

}  // namespace twostep::rules
