#pragma once
// The schema model: what the database holds as of one statement. Objects keep
// their identity across renames, and remember the name the deployed app knows them by.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "twostep/change.hpp"

namespace twostep {

using ObjectId = std::uint32_t;

// Where an object comes from. Deployed and Assumed objects exist in production and may be used
// by the deployed app; Pending objects are created by the migrations under check.
enum class Origin {
  Deployed,  // replayed from the applied migrations
  Assumed,   // unknown to the history (a baseline made outside the migrations): fail closed
  Pending,   // created earlier in the pending set
};

inline bool existed_at_deploy(Origin origin) {
  return origin != Origin::Pending;
}

struct Column {
  ObjectId id = 0;
  std::string name;
  std::optional<TypeRef> type;
  bool definition_known = true;  // false for an assumed column: nullability and default unknown
  bool not_null = false;
  bool has_default = false;
  bool identity = false;
  bool generated = false;
  // Names of CHECK (column IS NOT NULL) constraints on it, and whether each is validated.
  std::map<std::string, bool> not_null_checks;
  Origin origin = Origin::Deployed;
  std::string deployed_name;  // empty for Pending columns

  bool has_validated_not_null_check() const;
};

struct Relation {
  ObjectId id = 0;
  std::string schema;
  std::string name;
  RelationKind kind = RelationKind::Table;
  Origin origin = Origin::Deployed;
  QualifiedName deployed_name;  // empty for Pending relations
  std::vector<Column> columns;
  bool columns_complete = true;      // false when the model may not know every column
  std::vector<ObjectId> depends_on;  // the relations a view reads
  // The columns a view reads, by relation; an empty name: every column (`*`, a whole row).
  std::vector<std::pair<ObjectId, std::string>> column_dependencies;
  std::optional<ObjectId> indexed_table;  // for indexes

  QualifiedName qualified() const { return {schema, name}; }
  const Column* column(std::string_view column_name) const;
  Column* column(std::string_view column_name);
};

struct EnumType {
  ObjectId id = 0;
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  bool values_complete = true;
  Origin origin = Origin::Deployed;
  QualifiedName deployed_name;

  QualifiedName qualified() const { return {schema, name}; }
};

class Schema {
 public:
  Schema();

  // Name resolution as PostgreSQL does it: a qualified name in its schema, an unqualified one in
  // the first schema of the search_path that has it.
  const Relation* find_relation(const QualifiedName& name) const;
  Relation* find_relation(const QualifiedName& name);
  const Relation* relation(ObjectId id) const;
  Relation* relation(ObjectId id);
  const EnumType* enum_type(ObjectId id) const;
  EnumType* enum_type(ObjectId id);
  const EnumType* find_enum(const QualifiedName& name) const;
  EnumType* find_enum(const QualifiedName& name);
  bool has_function(const QualifiedName& name) const;
  bool has_schema(const std::string& name) const { return schemas_.count(name) > 0; }

  // The schema an unqualified CREATE puts its object in: the first search_path entry that exists.
  std::string creation_schema(const QualifiedName& name) const;
  // The schema an unresolved reference is assumed to live in.
  std::string assumed_schema(const QualifiedName& name) const;

  Relation& add_relation(Relation relation);  // assigns the id
  // Names change only through here, so that lookups by name stay right.
  void rename_relation(ObjectId id, const std::string& schema, const std::string& name);
  Column& add_column(Relation& relation, Column column);
  EnumType& add_enum(EnumType type);
  void remove_relation(ObjectId id);
  void remove_enum(ObjectId id);
  void add_schema(const std::string& name) { schemas_.insert(name); }
  void remove_schema(const std::string& name);
  void add_function(const QualifiedName& name);
  void remove_function(const QualifiedName& name);

  // Views (transitively) built on `id`: what DROP … CASCADE takes with it.
  std::vector<ObjectId> dependents(ObjectId id) const;
  // Views (transitively) built on a column of `table`: what DROP COLUMN … CASCADE takes with it.
  std::vector<ObjectId> column_dependents(ObjectId table, const std::string& column) const;

  const std::map<ObjectId, Relation>& relations() const { return relations_; }
  const std::map<ObjectId, EnumType>& enums() const { return enums_; }

  const std::vector<std::string>& search_path() const { return search_path_; }
  void set_search_path(std::vector<std::string> path);

  // Records the names the deployed app knows every object by: called once history is replayed.
  void mark_deployed();

  // Views dropped earlier in the migration being applied. A view re-created under the same name
  // in the same migration is a replacement: it keeps the dropped view's identity, and so do the
  // columns it still has.
  void remember_dropped_view(const Relation& view);
  std::optional<Relation> take_dropped_view(const std::string& schema, const std::string& name);
  void forget_dropped_views() { dropped_views_.clear(); }

 private:
  ObjectId next_id_ = 1;
  std::map<ObjectId, Relation> relations_;
  std::map<std::pair<std::string, std::string>, ObjectId> relations_by_name_;
  std::map<ObjectId, EnumType> enums_;
  std::set<std::string> schemas_;
  std::set<std::pair<std::string, std::string>> functions_;
  std::vector<std::string> search_path_;
  std::map<std::pair<std::string, std::string>, Relation> dropped_views_;
};

}  // namespace twostep
