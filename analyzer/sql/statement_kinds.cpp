#include "analyzer/sql/statement_kinds.hpp"

#include <unordered_map>
#include <unordered_set>

namespace twostep::sql {

// The statement in words when PostgreSQL refuses it inside a transaction block
// (PreventInTransactionBlock); empty otherwise.
std::string outside_transaction_words(std::string_view kind, const JsonNode& body,
                                      bool concurrently) {
  if (kind == "ReindexStmt") {
    std::string_view target = body.string("kind");
    if (target == "REINDEX_OBJECT_SCHEMA" || target == "REINDEX_OBJECT_SYSTEM" ||
        target == "REINDEX_OBJECT_DATABASE") {
      return "REINDEX SCHEMA/DATABASE/SYSTEM";
    }
    return concurrently ? "REINDEX CONCURRENTLY" : "";
  }
  if (kind == "DiscardStmt" && body.string("target") == "DISCARD_ALL") return "DISCARD ALL";
  static const std::unordered_map<std::string, std::string> always = {
      {"CreateSubscriptionStmt", "CREATE SUBSCRIPTION"},
      {"DropSubscriptionStmt", "DROP SUBSCRIPTION"},
      {"VacuumStmt", "VACUUM"},
      {"CreatedbStmt", "CREATE DATABASE"},
      {"DropdbStmt", "DROP DATABASE"},
      {"CreateTableSpaceStmt", "CREATE TABLESPACE"},
      {"DropTableSpaceStmt", "DROP TABLESPACE"},
      {"AlterSystemStmt", "ALTER SYSTEM"}};
  auto found = always.find(std::string(kind));
  return found == always.end() ? "" : found->second;
}

bool is_known_without_schema_change(const std::string& kind) {
  // Statements that create, drop or alter nothing the deployed app reads or writes through
  // the model: data changes, privileges, comments, session settings, maintenance, and objects
  // the model does not track (sequences, triggers, policies, extensions, roles, statistics).
  static const std::unordered_set<std::string> known = {"InsertStmt",
                                                        "UpdateStmt",
                                                        "DeleteStmt",
                                                        "MergeStmt",
                                                        "SelectStmt",
                                                        "CopyStmt",
                                                        "TruncateStmt",
                                                        "CommentStmt",
                                                        "GrantStmt",
                                                        "GrantRoleStmt",
                                                        "AlterDefaultPrivilegesStmt",
                                                        "VariableShowStmt",
                                                        "DiscardStmt",
                                                        "LockStmt",
                                                        "VacuumStmt",
                                                        "ExplainStmt",
                                                        "NotifyStmt",
                                                        "ListenStmt",
                                                        "UnlistenStmt",
                                                        "CheckPointStmt",
                                                        "ClusterStmt",
                                                        "ReindexStmt",
                                                        "RefreshMatViewStmt",
                                                        "CreateTrigStmt",
                                                        "CreateSeqStmt",
                                                        "AlterSeqStmt",
                                                        "CreateExtensionStmt",
                                                        "AlterExtensionStmt",
                                                        "AlterExtensionContentsStmt",
                                                        "CreateRoleStmt",
                                                        "AlterRoleStmt",
                                                        "AlterRoleSetStmt",
                                                        "DropRoleStmt",
                                                        "CreatePolicyStmt",
                                                        "AlterPolicyStmt",
                                                        "AlterOwnerStmt",
                                                        "CreateStatsStmt",
                                                        "AlterStatsStmt",
                                                        "CreateDomainStmt",
                                                        "CompositeTypeStmt",
                                                        "DefineStmt",
                                                        "CreateCastStmt",
                                                        "AlterFunctionStmt",
                                                        "CreateEventTrigStmt",
                                                        "AlterEventTrigStmt",
                                                        "CreatePLangStmt",
                                                        "SecLabelStmt",
                                                        "CreatePublicationStmt",
                                                        "AlterPublicationStmt",
                                                        "CreateSubscriptionStmt",
                                                        "AlterSubscriptionStmt",
                                                        "DropSubscriptionStmt",
                                                        "CreateFdwStmt",
                                                        "AlterFdwStmt",
                                                        "CreateForeignServerStmt",
                                                        "AlterForeignServerStmt",
                                                        "CreateUserMappingStmt",
                                                        "AlterUserMappingStmt",
                                                        "DropUserMappingStmt",
                                                        "PrepareStmt",
                                                        "ExecuteStmt",
                                                        "DeallocateStmt",
                                                        "CallStmt",
                                                        "ConstraintsSetStmt",
                                                        "CreateConversionStmt",
                                                        "CreateOpClassStmt",
                                                        "CreateOpFamilyStmt",
                                                        "AlterOpFamilyStmt",
                                                        "CreateTransformStmt",
                                                        "AlterTSConfigurationStmt",
                                                        "AlterTSDictionaryStmt",
                                                        "CreateTableSpaceStmt",
                                                        "DropTableSpaceStmt",
                                                        "AlterTableSpaceOptionsStmt",
                                                        "AlterSystemStmt",
                                                        "CreateAmStmt",
                                                        "AlterDatabaseStmt",
                                                        "AlterDatabaseSetStmt",
                                                        "AlterCollationStmt",
                                                        "AlterOperatorStmt",
                                                        "AlterTypeStmt",
                                                        "CreateRangeStmt",
                                                        "DropOwnedStmt",
                                                        "ReassignOwnedStmt",
                                                        "LoadStmt",
                                                        "FetchStmt",
                                                        "DeclareCursorStmt",
                                                        "ClosePortalStmt",
                                                        "PLAssignStmt",
                                                        "ReturnStmt",
                                                        "CreatedbStmt",
                                                        "DropdbStmt"};
  return known.count(kind) > 0;
}

}  // namespace twostep::sql
