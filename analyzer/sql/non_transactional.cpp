#include "analyzer/sql/non_transactional.hpp"

namespace twostep::sql {

std::optional<std::string> outside_transaction_only(const Change& change, PgVersion version) {
  if (const auto* index = std::get_if<CreateIndex>(&change); index && index->concurrently) {
    return "CREATE INDEX CONCURRENTLY";
  }
  if (const auto* drop = std::get_if<DropRelation>(&change); drop && drop->concurrently) {
    return "DROP INDEX CONCURRENTLY";
  }
  if (const auto* other = std::get_if<AlterTableOther>(&change); other && other->concurrently) {
    return "ALTER TABLE … DETACH PARTITION … CONCURRENTLY";
  }
  // Before PostgreSQL 12, a new enum value could not be added inside a transaction block.
  if (std::holds_alternative<AddEnumValue>(change) && version.major < 12) {
    return "ALTER TYPE … ADD VALUE";
  }
  if (const auto* statement = std::get_if<NoSchemaChange>(&change)) {
    if (statement->statement == "ReindexStmt" && statement->concurrently) return "REINDEX CONCURRENTLY";
    if (statement->statement == "ReindexStmt" &&
        (statement->target == "REINDEX_OBJECT_SCHEMA" || statement->target == "REINDEX_OBJECT_SYSTEM" ||
         statement->target == "REINDEX_OBJECT_DATABASE")) {
      return "REINDEX SCHEMA/DATABASE/SYSTEM";
    }
    if (statement->statement == "CreateSubscriptionStmt") return "CREATE SUBSCRIPTION";
    if (statement->statement == "DropSubscriptionStmt") return "DROP SUBSCRIPTION";
    if (statement->statement == "DiscardStmt" && statement->target == "DISCARD_ALL") return "DISCARD ALL";
    if (statement->statement == "VacuumStmt") return "VACUUM";
    if (statement->statement == "CreatedbStmt") return "CREATE DATABASE";
    if (statement->statement == "DropdbStmt") return "DROP DATABASE";
    if (statement->statement == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
    if (statement->statement == "DropTableSpaceStmt") return "DROP TABLESPACE";
    if (statement->statement == "AlterSystemStmt") return "ALTER SYSTEM";
  }
  return std::nullopt;
}

}  // namespace twostep::sql
