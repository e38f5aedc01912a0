#include "analyzer/schema/replay.hpp"

#include <algorithm>
#include <set>

#include "analyzer/sql/query_uses.hpp"

namespace twostep::schema {
namespace {

Origin origin_of(Phase phase) {
  return phase == Phase::History ? Origin::Deployed : Origin::Pending;
}

Relation& assume_relation(Schema& schema, const QualifiedName& name, RelationKind kind) {
  if (Relation* found = schema.find_relation(name)) return *found;
  Relation relation;
  relation.schema = schema.assumed_schema(name);
  relation.name = name.name;
  relation.kind = kind;
  relation.origin = Origin::Assumed;
  relation.deployed_name = {relation.schema, relation.name};
  relation.columns_complete = false;
  return schema.add_relation(std::move(relation));
}

void assume_column(Schema& schema, const QualifiedName& table, const std::string& name,
                   RelationKind kind = RelationKind::Table) {
  Relation& relation = assume_relation(schema, table, kind);
  if (relation.column(name) != nullptr) return;
  Column column;
  column.name = name;
  column.definition_known = false;
  // A column missing from a table created by the pending set is part of that new table.
  column.origin = relation.origin == Origin::Pending ? Origin::Pending : Origin::Assumed;
  if (column.origin != Origin::Pending) column.deployed_name = name;
  schema.add_column(relation, std::move(column));
}

EnumType& assume_enum(Schema& schema, const QualifiedName& name) {
  if (EnumType* found = schema.find_enum(name)) return *found;
  EnumType type;
  type.schema = schema.assumed_schema(name);
  type.name = name.name;
  type.values_complete = false;
  type.origin = Origin::Assumed;
  type.deployed_name = {type.schema, type.name};
  return schema.add_enum(std::move(type));
}

Column column_from(const ColumnDefinition& definition, Origin origin) {
  Column column;
  column.name = definition.name;
  column.type = definition.type;
  column.definition_known = definition.type.has_value();
  column.not_null = definition.not_null;
  column.has_default = definition.has_default;
  column.identity = definition.identity;
  column.generated = definition.generated;
  column.origin = origin;
  return column;
}

void create_table(Schema& schema, const CreateTable& change, Phase phase) {
  std::string schema_name = schema.creation_schema(change.name);
  if (schema.find_relation({schema_name, change.name.name}) != nullptr) return;
  Relation relation;
  relation.schema = schema_name;
  relation.name = change.name.name;
  relation.kind = RelationKind::Table;
  relation.origin = origin_of(phase);
  relation.columns_complete = change.columns_complete;
  for (const ColumnDefinition& definition : change.columns) {
    relation.columns.push_back(column_from(definition, relation.origin));
  }
  // LIKE / INHERITS / PARTITION OF bring the source's columns.
  if (!change.columns_complete && !change.sources.empty()) {
    bool complete = true;
    for (const QualifiedName& source_name : change.sources) {
      const Relation* source = schema.find_relation(source_name);
      if (source == nullptr || !source->columns_complete) {
        complete = false;
        if (source == nullptr) continue;
      }
      for (const Column& column : source->columns) {
        if (relation.column(column.name) != nullptr) continue;
        Column copy = column;
        copy.origin = relation.origin;
        copy.deployed_name.clear();
        relation.columns.push_back(std::move(copy));
      }
    }
    relation.columns_complete = complete && change.columns.size() == relation.columns.size();
  }
  schema.add_relation(std::move(relation));
}

void create_view(Schema& schema, const CreateView& change, Phase phase) {
  std::string schema_name = schema.creation_schema(change.name);
  Relation view;
  view.schema = schema_name;
  view.name = change.name.name;
  view.kind = change.materialized ? RelationKind::MaterializedView : RelationKind::View;
  view.origin = origin_of(phase);
  view.columns_complete = true;
  for (const ViewColumn& output : change.columns) {
    if (output.name) {
      Column column;
      column.name = *output.name;
      column.definition_known = false;
      column.origin = view.origin;
      view.columns.push_back(std::move(column));
      continue;
    }
    const Relation* source = output.star_from ? schema.find_relation(*output.star_from) : nullptr;
    if (source == nullptr) {
      view.columns_complete = false;
      continue;
    }
    if (!source->columns_complete) view.columns_complete = false;
    for (const Column& column : source->columns) {
      Column copy;
      copy.name = column.name;
      copy.type = column.type;
      copy.definition_known = false;
      copy.origin = view.origin;
      view.columns.push_back(std::move(copy));
    }
  }
  for (const QualifiedName& source_name : change.sources) {
    if (const Relation* source = schema.find_relation(source_name)) {
      view.depends_on.push_back(source->id);
    }
  }
  // Which columns it reads: DROP COLUMN … CASCADE drops the views that read the column.
  if (!change.query.empty()) {
    for (const sql::ColumnUse& use : sql::query_uses(change.query, schema).uses) {
      const Relation* source = schema.find_relation(use.relation);
      if (source == nullptr || (!use.column && !use.all_columns)) continue;
      view.column_dependencies.emplace_back(source->id, use.column.value_or(""));
    }
  }

  Relation* existing = schema.find_relation({schema_name, change.name.name});
  std::optional<Relation> replaced = existing != nullptr
                                         ? std::optional<Relation>(*existing)
                                         : schema.take_dropped_view(schema_name, change.name.name);
  if (replaced) {
    // CREATE OR REPLACE, or DROP + CREATE in one migration: the same view to the deployed app.
    view.origin = replaced->origin;
    view.deployed_name = replaced->deployed_name;
    for (Column& column : view.columns) {
      if (const Column* old = replaced->column(column.name)) {
        column.origin = old->origin;
        column.deployed_name = old->deployed_name;
      }
    }
    if (existing != nullptr) schema.remove_relation(existing->id);
  }
  schema.add_relation(std::move(view));
}

void drop_relation_and_dependents(Schema& schema, ObjectId id, bool cascade) {
  std::vector<ObjectId> victims{id};
  if (cascade) {
    std::vector<ObjectId> dependents = schema.dependents(id);
    victims.insert(victims.end(), dependents.begin(), dependents.end());
  }
  for (ObjectId victim : victims) {
    const Relation* relation = schema.relation(victim);
    if (relation == nullptr) continue;
    if (relation->kind == RelationKind::View || relation->kind == RelationKind::MaterializedView) {
      schema.remember_dropped_view(*relation);
    }
    schema.remove_relation(victim);
  }
}

void add_column(Schema& schema, const AddColumn& change, Phase phase) {
  Relation* relation = schema.find_relation(change.table);
  if (relation == nullptr || relation->column(change.column.name) != nullptr) return;
  // A column added to a new table is as new as its table.
  Origin origin = relation->origin == Origin::Pending ? Origin::Pending : origin_of(phase);
  schema.add_column(*relation, column_from(change.column, origin));
}

Column* find_column(Schema& schema, const QualifiedName& table, const std::string& name) {
  Relation* relation = schema.find_relation(table);
  return relation == nullptr ? nullptr : relation->column(name);
}

void rename_schema(Schema& schema, const RenameSchema& change) {
  std::vector<ObjectId> relations;
  for (const auto& [id, relation] : schema.relations()) {
    if (relation.schema == change.name) relations.push_back(id);
  }
  for (ObjectId id : relations) {
    schema.rename_relation(id, change.new_name, schema.relation(id)->name);
  }
  std::vector<ObjectId> enums;
  for (const auto& [id, type] : schema.enums()) {
    if (type.schema == change.name) enums.push_back(id);
  }
  for (ObjectId id : enums) schema.enum_type(id)->schema = change.new_name;
  schema.remove_schema(change.name);
  schema.add_schema(change.new_name);
}

}  // namespace

void assume_existing_table(Schema& schema, const CreateTable& change) {
  Relation& relation = assume_relation(schema, change.name, RelationKind::Table);
  for (const ColumnDefinition& definition : change.columns) {
    if (relation.column(definition.name) != nullptr) continue;
    Column column = column_from(definition, Origin::Assumed);
    column.deployed_name = column.name;
    schema.add_column(relation, std::move(column));
  }
}

void assume_named_objects(Schema& schema, const Change& change) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, DropRelation>) {
          for (const QualifiedName& name : c.names) assume_relation(schema, name, c.kind);
        } else if constexpr (std::is_same_v<T, RenameRelation> ||
                             std::is_same_v<T, SetRelationSchema>) {
          assume_relation(schema, c.name, c.declared_kind);
        } else if constexpr (std::is_same_v<T, RenameColumn>) {
          assume_column(schema, c.table, c.column, c.declared_kind);
        } else if constexpr (std::is_same_v<T, DropColumn> || std::is_same_v<T, AlterColumnType> ||
                             std::is_same_v<T, SetNotNull> || std::is_same_v<T, DropNotNull> ||
                             std::is_same_v<T, SetDefault> || std::is_same_v<T, DropDefault>) {
          assume_column(schema, c.table, c.column);
        } else if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, AddConstraint> ||
                             std::is_same_v<T, DropConstraint> ||
                             std::is_same_v<T, ValidateConstraint> ||
                             std::is_same_v<T, AlterTableOther> || std::is_same_v<T, CreateIndex>) {
          assume_relation(schema, c.table, RelationKind::Table);
        } else if constexpr (std::is_same_v<T, AddEnumValue>) {
          assume_enum(schema, c.type);
        } else if constexpr (std::is_same_v<T, RenameEnumValue>) {
          EnumType& type = assume_enum(schema, c.type);
          if (std::find(type.values.begin(), type.values.end(), c.old_value) == type.values.end()) {
            type.values.push_back(c.old_value);
          }
        } else if constexpr (std::is_same_v<T, RenameType>) {
          assume_enum(schema, c.name);
        } else if constexpr (std::is_same_v<T, DropType>) {
          for (const QualifiedName& name : c.names) assume_enum(schema, name);
        }
      },
      change);
}

void apply(Schema& schema, const Change& change, Phase phase) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          create_table(schema, c, phase);
        } else if constexpr (std::is_same_v<T, CreateView>) {
          create_view(schema, c, phase);
        } else if constexpr (std::is_same_v<T, DropRelation>) {
          for (const QualifiedName& name : c.names) {
            if (const Relation* relation = schema.find_relation(name)) {
              drop_relation_and_dependents(schema, relation->id, c.cascade);
            }
          }
        } else if constexpr (std::is_same_v<T, RenameRelation>) {
          if (const Relation* relation = schema.find_relation(c.name)) {
            schema.rename_relation(relation->id, relation->schema, c.new_name);
          }
        } else if constexpr (std::is_same_v<T, SetRelationSchema>) {
          if (const Relation* relation = schema.find_relation(c.name)) {
            schema.rename_relation(relation->id, c.new_schema, relation->name);
          }
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          add_column(schema, c, phase);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          if (Relation* relation = schema.find_relation(c.table)) {
            ObjectId table = relation->id;
            std::erase_if(relation->columns,
                          [&](const Column& col) { return col.name == c.column; });
            if (c.cascade) {
              for (ObjectId view : schema.column_dependents(table, c.column)) {
                drop_relation_and_dependents(schema, view, false);
              }
            }
          }
        } else if constexpr (std::is_same_v<T, RenameColumn>) {
          if (Column* column = find_column(schema, c.table, c.column)) column->name = c.new_name;
        } else if constexpr (std::is_same_v<T, AlterColumnType>) {
          if (Column* column = find_column(schema, c.table, c.column)) column->type = c.type;
        } else if constexpr (std::is_same_v<T, SetNotNull>) {
          if (Column* column = find_column(schema, c.table, c.column)) column->not_null = true;
        } else if constexpr (std::is_same_v<T, DropNotNull>) {
          if (Column* column = find_column(schema, c.table, c.column)) column->not_null = false;
        } else if constexpr (std::is_same_v<T, SetDefault>) {
          if (Column* column = find_column(schema, c.table, c.column)) column->has_default = true;
        } else if constexpr (std::is_same_v<T, DropDefault>) {
          if (Column* column = find_column(schema, c.table, c.column)) {
            column->has_default = false;
            column->identity = false;
          }
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          if (c.kind == ConstraintKind::PrimaryKey) {
            for (const std::string& name : c.columns) {
              if (Column* column = find_column(schema, c.table, name)) column->not_null = true;
            }
          }
          if (!c.not_null_column.empty() && !c.name.empty()) {
            if (Column* column = find_column(schema, c.table, c.not_null_column)) {
              column->not_null_checks[c.name] = !c.not_valid;
            }
          }
        } else if constexpr (std::is_same_v<T, ValidateConstraint> ||
                             std::is_same_v<T, DropConstraint>) {
          Relation* relation = schema.find_relation(c.table);
          if (relation == nullptr) return;
          for (Column& column : relation->columns) {
            auto check = column.not_null_checks.find(c.name);
            if (check == column.not_null_checks.end()) continue;
            if constexpr (std::is_same_v<T, ValidateConstraint>) {
              check->second = true;
            } else {
              column.not_null_checks.erase(check);
            }
          }
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          const Relation* table = schema.find_relation(c.table);
          if (table == nullptr || !c.name) return;
          if (schema.find_relation({table->schema, *c.name}) != nullptr) return;
          Relation index;
          index.schema = table->schema;
          index.name = *c.name;
          index.kind = RelationKind::Index;
          index.origin = origin_of(phase);
          index.indexed_table = table->id;
          schema.add_relation(std::move(index));
        } else if constexpr (std::is_same_v<T, CreateSchema>) {
          schema.add_schema(c.name);
        } else if constexpr (std::is_same_v<T, RenameSchema>) {
          rename_schema(schema, c);
        } else if constexpr (std::is_same_v<T, DropSchema>) {
          for (const std::string& name : c.names) schema.remove_schema(name);
        } else if constexpr (std::is_same_v<T, CreateEnum>) {
          std::string schema_name = schema.creation_schema(c.name);
          if (schema.find_enum({schema_name, c.name.name}) != nullptr) return;
          EnumType type;
          type.schema = schema_name;
          type.name = c.name.name;
          type.values = c.values;
          type.origin = origin_of(phase);
          schema.add_enum(std::move(type));
        } else if constexpr (std::is_same_v<T, AddEnumValue>) {
          if (EnumType* type = schema.find_enum(c.type)) {
            if (std::find(type->values.begin(), type->values.end(), c.value) ==
                type->values.end()) {
              type->values.push_back(c.value);
            }
          }
        } else if constexpr (std::is_same_v<T, RenameEnumValue>) {
          if (EnumType* type = schema.find_enum(c.type)) {
            std::replace(type->values.begin(), type->values.end(), c.old_value, c.new_value);
          }
        } else if constexpr (std::is_same_v<T, RenameType>) {
          if (EnumType* type = schema.find_enum(c.name)) {
            std::string old_schema = type->schema;
            std::string old_name = type->name;
            if (!c.new_name.empty()) type->name = c.new_name;
            if (!c.new_schema.empty()) {
              type->schema = c.new_schema;
              schema.add_schema(c.new_schema);
            }
            // Columns of the type follow it: after `ALTER TYPE mood RENAME TO mood_old` they are
            // of type mood_old, not of a new `mood` created next.
            std::vector<ObjectId> ids;
            for (const auto& [id, relation] : schema.relations()) ids.push_back(id);
            for (ObjectId id : ids) {
              for (Column& column : schema.relation(id)->columns) {
                if (!column.type || column.type->names.empty() ||
                    column.type->names.back() != old_name ||
                    (column.type->names.size() == 2 && column.type->names[0] != old_schema)) {
                  continue;
                }
                if (column.type->names.size() == 2 || type->schema != old_schema) {
                  column.type->names = {type->schema, type->name};
                } else {
                  column.type->names = {type->name};
                }
              }
            }
          }
        } else if constexpr (std::is_same_v<T, DropType>) {
          for (const QualifiedName& name : c.names) {
            if (const EnumType* type = schema.find_enum(name)) schema.remove_enum(type->id);
          }
        } else if constexpr (std::is_same_v<T, CreateFunction>) {
          schema.add_function({schema.creation_schema(c.name), c.name.name});
        } else if constexpr (std::is_same_v<T, DropFunction>) {
          for (const QualifiedName& name : c.names) schema.remove_function(name);
        } else if constexpr (std::is_same_v<T, SetSearchPath>) {
          schema.set_search_path(c.schemas);
        }
      },
      change);
}

}  // namespace twostep::schema
