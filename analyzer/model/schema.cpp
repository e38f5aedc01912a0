#include "twostep/schema.hpp"

#include <algorithm>
#include <utility>

namespace twostep {
namespace {

bool is_implicit_schema(const std::string& name) {
  return name == "$user" || name == "pg_catalog" || name == "pg_temp";
}

}  // namespace

bool Column::has_validated_not_null_check() const {
  for (const auto& [name, validated] : not_null_checks) {
    if (validated) return true;
  }
  return false;
}

const Column* Relation::column(std::string_view column_name) const {
  for (const Column& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

Column* Relation::column(std::string_view column_name) {
  for (Column& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

Schema::Schema() : schemas_{"public"}, search_path_{"public"} {}

const Relation* Schema::find_relation(const QualifiedName& name) const {
  auto in_schema = [&](const std::string& schema) -> const Relation* {
    auto found = relations_by_name_.find({schema, name.name});
    return found == relations_by_name_.end() ? nullptr : &relations_.at(found->second);
  };
  if (!name.schema.empty()) return in_schema(name.schema);
  for (const std::string& schema : search_path_) {
    if (const Relation* found = in_schema(schema)) return found;
  }
  return nullptr;
}

Relation* Schema::find_relation(const QualifiedName& name) {
  return const_cast<Relation*>(std::as_const(*this).find_relation(name));
}

const Relation* Schema::relation(ObjectId id) const {
  auto found = relations_.find(id);
  return found == relations_.end() ? nullptr : &found->second;
}

Relation* Schema::relation(ObjectId id) {
  auto found = relations_.find(id);
  return found == relations_.end() ? nullptr : &found->second;
}

const EnumType* Schema::enum_type(ObjectId id) const {
  auto found = enums_.find(id);
  return found == enums_.end() ? nullptr : &found->second;
}

EnumType* Schema::enum_type(ObjectId id) {
  auto found = enums_.find(id);
  return found == enums_.end() ? nullptr : &found->second;
}

const EnumType* Schema::find_enum(const QualifiedName& name) const {
  auto in_schema = [&](const std::string& schema) -> const EnumType* {
    for (const auto& [id, type] : enums_) {
      if (type.schema == schema && type.name == name.name) return &type;
    }
    return nullptr;
  };
  if (!name.schema.empty()) return in_schema(name.schema);
  for (const std::string& schema : search_path_) {
    if (const EnumType* found = in_schema(schema)) return found;
  }
  return nullptr;
}

EnumType* Schema::find_enum(const QualifiedName& name) {
  return const_cast<EnumType*>(std::as_const(*this).find_enum(name));
}

bool Schema::has_function(const QualifiedName& name) const {
  if (!name.schema.empty()) return functions_.count({name.schema, name.name}) > 0;
  for (const std::string& schema : search_path_) {
    if (functions_.count({schema, name.name}) > 0) return true;
  }
  return false;
}

std::string Schema::creation_schema(const QualifiedName& name) const {
  if (!name.schema.empty()) return name.schema;
  for (const std::string& schema : search_path_) {
    if (!is_implicit_schema(schema) && has_schema(schema)) return schema;
  }
  return "public";
}

std::string Schema::assumed_schema(const QualifiedName& name) const {
  if (!name.schema.empty()) return name.schema;
  for (const std::string& schema : search_path_) {
    if (!is_implicit_schema(schema)) return schema;
  }
  return "public";
}

Relation& Schema::add_relation(Relation relation) {
  relation.id = next_id_++;
  for (Column& column : relation.columns) column.id = next_id_++;
  schemas_.insert(relation.schema);
  ObjectId id = relation.id;
  relations_by_name_[{relation.schema, relation.name}] = id;
  return relations_.insert_or_assign(id, std::move(relation)).first->second;
}

void Schema::rename_relation(ObjectId id, const std::string& schema, const std::string& name) {
  Relation* found = relation(id);
  if (found == nullptr) return;
  auto indexed = relations_by_name_.find({found->schema, found->name});
  if (indexed != relations_by_name_.end() && indexed->second == id)
    relations_by_name_.erase(indexed);
  found->schema = schema;
  found->name = name;
  schemas_.insert(schema);
  relations_by_name_[{schema, name}] = id;
}

Column& Schema::add_column(Relation& relation, Column column) {
  column.id = next_id_++;
  relation.columns.push_back(std::move(column));
  return relation.columns.back();
}

EnumType& Schema::add_enum(EnumType type) {
  type.id = next_id_++;
  schemas_.insert(type.schema);
  ObjectId id = type.id;
  return enums_.insert_or_assign(id, std::move(type)).first->second;
}

void Schema::remove_relation(ObjectId id) {
  if (const Relation* found = relation(id)) {
    auto indexed = relations_by_name_.find({found->schema, found->name});
    if (indexed != relations_by_name_.end() && indexed->second == id)
      relations_by_name_.erase(indexed);
  }
  relations_.erase(id);
  // A table's indexes go with it.
  std::vector<ObjectId> indexes;
  for (const auto& [other, relation] : relations_) {
    if (relation.indexed_table == id) indexes.push_back(other);
  }
  for (ObjectId index : indexes) remove_relation(index);
}

void Schema::remove_enum(ObjectId id) {
  enums_.erase(id);
}

void Schema::remove_schema(const std::string& name) {
  schemas_.erase(name);
  std::vector<ObjectId> inside;
  for (const auto& [id, relation] : relations_) {
    if (relation.schema == name) inside.push_back(id);
  }
  for (ObjectId id : inside) remove_relation(id);
  std::erase_if(enums_, [&](const auto& entry) { return entry.second.schema == name; });
  std::erase_if(functions_, [&](const auto& entry) { return entry.first == name; });
}

void Schema::add_function(const QualifiedName& name) {
  functions_.insert({name.schema, name.name});
}

void Schema::remove_function(const QualifiedName& name) {
  if (!name.schema.empty()) {
    functions_.erase({name.schema, name.name});
    return;
  }
  for (const std::string& schema : search_path_) {
    if (functions_.erase({schema, name.name}) > 0) return;
  }
}

std::vector<ObjectId> Schema::dependents(ObjectId id) const {
  std::vector<ObjectId> out;
  std::vector<ObjectId> frontier{id};
  while (!frontier.empty()) {
    ObjectId current = frontier.back();
    frontier.pop_back();
    for (const auto& [other_id, relation] : relations_) {
      bool depends = std::find(relation.depends_on.begin(), relation.depends_on.end(), current) !=
                     relation.depends_on.end();
      if (depends && std::find(out.begin(), out.end(), other_id) == out.end()) {
        out.push_back(other_id);
        frontier.push_back(other_id);
      }
    }
  }
  return out;
}

std::vector<ObjectId> Schema::column_dependents(ObjectId table, const std::string& column) const {
  std::vector<ObjectId> out;
  for (const auto& [id, relation] : relations_) {
    for (const auto& [source, name] : relation.column_dependencies) {
      if (source == table && (name.empty() || name == column)) {
        out.push_back(id);
        break;
      }
    }
  }
  std::vector<ObjectId> direct = out;
  for (ObjectId view : direct) {
    for (ObjectId dependent : dependents(view)) {
      if (std::find(out.begin(), out.end(), dependent) == out.end()) out.push_back(dependent);
    }
  }
  return out;
}

void Schema::set_search_path(std::vector<std::string> path) {
  search_path_ = path.empty() ? std::vector<std::string>{"public"} : std::move(path);
}

void Schema::mark_deployed() {
  for (auto& [id, relation] : relations_) {
    relation.deployed_name = relation.qualified();
    if (relation.origin == Origin::Pending) relation.origin = Origin::Deployed;
    for (Column& column : relation.columns) {
      column.deployed_name = column.name;
      if (column.origin == Origin::Pending) column.origin = Origin::Deployed;
    }
  }
  for (auto& [id, type] : enums_) {
    type.deployed_name = type.qualified();
    if (type.origin == Origin::Pending) type.origin = Origin::Deployed;
  }
}

void Schema::remember_dropped_view(const Relation& view) {
  dropped_views_.insert_or_assign({view.schema, view.name}, view);
}

std::optional<Relation> Schema::take_dropped_view(const std::string& schema,
                                                  const std::string& name) {
  auto found = dropped_views_.find({schema, name});
  if (found == dropped_views_.end()) return std::nullopt;
  Relation view = std::move(found->second);
  dropped_views_.erase(found);
  return view;
}

}  // namespace twostep
