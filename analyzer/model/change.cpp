#include "twostep/change.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "analyzer/sql/scanner.hpp"

namespace twostep {

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) plain = false;
  }
  if (plain) {
    sql::ScanResult scanned = sql::scan(name);
    plain =
        scanned.tokens.size() == 1 && (!scanned.tokens[0].keyword || scanned.tokens[0].unreserved);
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QualifiedName::display() const {
  return schema.empty() ? quote_identifier(name)
                        : quote_identifier(schema) + "." + quote_identifier(name);
}

std::string TypeRef::base() const {
  return names.empty() ? std::string() : names.back();
}

std::string TypeRef::display() const {
  // The parser spells built-in types by their catalog names; show them as people write them.
  static const std::unordered_map<std::string, std::string> spelled = {
      {"int2", "smallint"},
      {"int4", "integer"},
      {"int8", "bigint"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"bool", "boolean"},
      {"bpchar", "char"},
      {"timestamptz", "timestamptz"},
      {"timetz", "timetz"}};
  std::string name;
  bool catalog = names.size() == 2 && names[0] == "pg_catalog";
  if (catalog) {
    auto found = spelled.find(names[1]);
    name = found != spelled.end() ? found->second : names[1];
  } else {
    for (const std::string& part : names) {
      if (!name.empty()) name += '.';
      name += part;
    }
  }
  if (!modifiers.empty()) {
    name += '(';
    for (std::size_t i = 0; i < modifiers.size(); ++i) {
      if (i > 0) name += ',';
      name += std::to_string(modifiers[i]);
    }
    name += ')';
  }
  for (int i = 0; i < array_dimensions; ++i) name += "[]";
  return name;
}

const char* to_string(RelationKind kind) {
  switch (kind) {
    case RelationKind::Table:
      return "table";
    case RelationKind::View:
      return "view";
    case RelationKind::MaterializedView:
      return "materialized view";
    case RelationKind::Index:
      return "index";
    case RelationKind::Sequence:
      return "sequence";
    case RelationKind::ForeignTable:
      return "foreign table";
    case RelationKind::Unknown:
      return "relation";
  }
  return "relation";
}

Span span_of(const Change& change) {
  return std::visit([](const auto& typed) { return typed.span; }, change);
}

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
  if (const auto* statement = std::get_if<NoSchemaChange>(&change);
      statement && !statement->outside_transaction.empty()) {
    return statement->outside_transaction;
  }
  return std::nullopt;
}

}  // namespace twostep
