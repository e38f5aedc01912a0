#pragma once
// Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction
// block"): what decides whether Flyway wraps a script, and what concurrently-in-transaction flags.
#include <optional>
#include <string>

#include "twostep/change.hpp"
#include "twostep/version.hpp"

namespace twostep::sql {

// The statement as people write it (`CREATE INDEX CONCURRENTLY`), when `change` cannot run
// inside a transaction block on `version`; nothing otherwise.
std::optional<std::string> outside_transaction_only(const Change& change, PgVersion version);

}  // namespace twostep::sql
