#include "rules/support/contract.hpp"

#include <fmt/format.h>

namespace twostep::rules {

std::string deployed_name_of(const Relation& relation) {
  return fmt::format("`{}`", relation.deployed_name.display());
}

std::string deployed_name_of(const Relation& relation, const Column& column) {
  return fmt::format("`{}.{}`", relation.deployed_name.display(),
                     quote_identifier(column.deployed_name));
}

std::string name_of(const Relation& relation) {
  std::string current = relation.qualified().display();
  if (relation.origin == Origin::Pending || relation.deployed_name.display() == current) {
    return fmt::format("`{}`", current);
  }
  return fmt::format("`{}` (the deployed app's {})", current, deployed_name_of(relation));
}

std::string name_of(const Relation& relation, const Column& column) {
  std::string current =
      fmt::format("{}.{}", relation.qualified().display(), quote_identifier(column.name));
  if (column.origin == Origin::Pending) return fmt::format("`{}`", current);
  std::string deployed = fmt::format("{}.{}", relation.deployed_name.display(),
                                     quote_identifier(column.deployed_name));
  if (deployed == current) return fmt::format("`{}`", current);
  return fmt::format("`{}` (the deployed app's `{}`)", current, deployed);
}

std::string use_verb(const Usage& usage) {
  bool reads = false;
  bool writes = false;
  for (const Evidence& item : usage.evidence) {
    if (item.access == Access::Read) reads = true;
    if (item.access == Access::Write) writes = true;
    if (item.access == Access::Unknown) return "uses";
  }
  if (reads && writes) return "reads and writes";
  if (writes) return "writes";
  if (reads) return "reads";
  return "uses";
}

bool in_use(RuleContext& context, const Usage& usage, Span span, const std::string& object) {
  if (!usage.verifiable) {
    context.report_unverified(span, object);
    return false;
  }
  return usage.used();
}

bool is_table(const Relation& relation) {
  return relation.kind == RelationKind::Table || relation.kind == RelationKind::ForeignTable ||
         relation.kind == RelationKind::Unknown;
}

bool is_view(const Relation& relation) {
  return relation.kind == RelationKind::View || relation.kind == RelationKind::MaterializedView;
}

}  // namespace twostep::rules
