#pragma once
// What lowering knows of statement kinds by their parser node name: which change nothing the
// deployed app reads through the model, and which PostgreSQL refuses inside a transaction block.
#include <string>
#include <string_view>

#include "analyzer/sql/json_node.hpp"

namespace twostep::sql {

// Statements that create, drop or alter nothing the deployed app reads or writes through the
// model (data changes, privileges, comments, settings, maintenance, untracked objects).
bool is_known_without_schema_change(const std::string& kind);

// The statement in words when PostgreSQL refuses it inside a transaction block
// (PreventInTransactionBlock): `VACUUM`, `REINDEX SCHEMA/DATABASE/SYSTEM`; empty otherwise.
std::string outside_transaction_words(std::string_view kind, const JsonNode& body,
                                      bool concurrently);

}  // namespace twostep::sql
