#include "analyzer/sql/lower.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/sql/statement_kinds.hpp"

namespace twostep::sql {
namespace {

QualifiedName range_var_name(const JsonNode& range_var) {
  return {std::string(range_var.string("schemaname")), std::string(range_var.string("relname"))};
}

// `[schema.]name` from a list of String nodes (the last two parts; a catalog part is ignored).
QualifiedName name_from_list(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return {"", parts[0]};
  return {parts[parts.size() - 2], parts.back()};
}

// Range variables appear wrapped (`{"RangeVar": {…}}` in FROM lists) and bare (the `relation`
// of most statements, a foreign key's `pktable`, an INTO clause's `rel`).
void collect_range_vars(const JsonNode& node, std::vector<JsonNode>& out) {
  for (const JsonNode& item : node.items()) collect_range_vars(item, out);
  for (const auto& [key, value] : node.fields()) {
    if (key == "RangeVar") {
      out.push_back(value);
    } else if ((key == "relation" || key == "view" || key == "rel" || key == "pktable") &&
               !value.string("relname").empty()) {
      out.push_back(value);
    }
    collect_range_vars(value, out);
  }
}

std::vector<QualifiedName> range_vars_in(const JsonNode& node) {
  std::vector<JsonNode> found;
  collect_range_vars(node, found);
  std::vector<QualifiedName> out;
  for (const JsonNode& range_var : found) {
    QualifiedName name = range_var_name(range_var);
    if (name.name.empty()) continue;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

TypeRef type_ref(const JsonNode& type_name) {
  TypeRef type;
  type.names = string_list(type_name.list("names"));
  for (const JsonNode& modifier : type_name.list("typmods")) {
    if (auto value = modifier.integer_value()) {
      type.modifiers.push_back(*value);
    } else {
      type.modifiers_known = false;
    }
  }
  type.array_dimensions = static_cast<int>(type_name.list("arrayBounds").size());
  return type;
}

// `NULL` or `NULL::type`: a default that gives what no default gives.
bool is_null_constant(const JsonNode& expression) {
  JsonNode node = expression;
  while (node.is("TypeCast")) node = node.body().field("arg");
  return node.is("A_Const") && node.body().flag("isnull");
}

// The column a `CHECK (col IS NOT NULL)` constraint proves NOT NULL, if that is all it says.
std::string not_null_check_column(const JsonNode& expression) {
  if (!expression.is("NullTest")) return {};
  JsonNode test = expression.body();
  if (test.string("nulltesttype") != "IS_NOT_NULL" || !test.field("arg").is("ColumnRef")) return {};
  std::vector<std::string> fields = string_list(test.field("arg").body().list("fields"));
  return fields.size() == 1 ? fields[0] : std::string();
}

bool is_serial(const TypeRef& type) {
  static const std::unordered_set<std::string> serials = {"serial",  "bigserial", "smallserial",
                                                          "serial2", "serial4",   "serial8"};
  return type.names.size() == 1 && serials.count(type.names[0]) > 0 && type.array_dimensions == 0;
}

// `RuleStmt` → `CREATE RULE`, `AlterDomainStmt` → `ALTER DOMAIN`: statement kinds as SQL.
std::string sql_name(const std::string& kind) {
  static const std::unordered_map<std::string, std::string> named = {
      {"RuleStmt", "CREATE RULE"},
      {"AlterTableMoveAllStmt", "ALTER … ALL IN TABLESPACE"},
      {"ImportForeignSchemaStmt", "IMPORT FOREIGN SCHEMA"},
      {"CreateTrigStmt", "CREATE TRIGGER"},
      {"CreateSeqStmt", "CREATE SEQUENCE"},
      {"AlterSeqStmt", "ALTER SEQUENCE"}};
  auto found = named.find(kind);
  if (found != named.end()) return found->second;
  std::string base = kind.size() > 4 && kind.substr(kind.size() - 4) == "Stmt"
                         ? kind.substr(0, kind.size() - 4)
                         : kind;
  std::string out;
  for (std::size_t i = 0; i < base.size(); ++i) {
    char c = base[i];
    if (c >= 'A' && c <= 'Z' && i > 0) out += ' ';
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

class Lowerer {
 public:
  explicit Lowerer(const LowerInput& input) : input_(input) {}

  Lowered lower(const JsonNode& stmt) {
    Lowered out;
    out.kind = std::string(stmt.kind());
    JsonNode body = stmt.body();
    const std::string& kind = out.kind;
    auto& changes = out.changes;
    if (kind == "CreateStmt") {
      changes.push_back(create_table(body));
    } else if (kind == "CreateForeignTableStmt") {
      CreateTable table = create_table(body.field("base"));
      changes.push_back(std::move(table));
    } else if (kind == "CreateTableAsStmt") {
      changes.push_back(create_table_as(body));
    } else if (kind == "SelectStmt" && body.field("intoClause")) {
      changes.push_back(select_into(body));
    } else if (kind == "ViewStmt") {
      changes.push_back(create_view(body));
    } else if (kind == "DropStmt") {
      changes.push_back(drop(body, kind));
    } else if (kind == "RenameStmt") {
      changes.push_back(rename(body, kind));
    } else if (kind == "AlterObjectSchemaStmt") {
      changes.push_back(set_schema(body, kind));
    } else if (kind == "AlterTableStmt") {
      alter_table(body, changes);
    } else if (kind == "IndexStmt") {
      changes.push_back(create_index(body));
    } else if (kind == "CreateSchemaStmt") {
      create_schema(body, changes);
    } else if (kind == "CreateEnumStmt") {
      CreateEnum change;
      change.span = input_.span;
      change.name = name_from_list(string_list(body.list("typeName")));
      change.values = string_list(body.list("vals"));
      changes.push_back(std::move(change));
    } else if (kind == "AlterEnumStmt") {
      changes.push_back(alter_enum(body));
    } else if (kind == "CreateFunctionStmt") {
      CreateFunction change;
      change.span = input_.span;
      change.name = name_from_list(string_list(body.list("funcname")));
      changes.push_back(std::move(change));
    } else if (kind == "VariableSetStmt") {
      changes.push_back(variable_set(body, kind));
    } else if (kind == "TransactionStmt") {
      changes.push_back(transaction(body));
    } else if (kind == "DoStmt") {
      DoBlock change;
      change.span = input_.span;
      for (const JsonNode& arg : body.list("args")) {
        JsonNode def = arg.body();
        if (def.string("defname") == "as") {
          if (auto value = def.field("arg").string_value()) change.body = *value;
        }
      }
      changes.push_back(std::move(change));
    } else if (is_known_without_schema_change(kind)) {
      NoSchemaChange change;
      change.span = input_.span;
      change.statement = kind;
      change.relations = range_vars_in(body);
      for (const JsonNode& param : body.list("params")) {
        if (param.body().string("defname") == "concurrently") change.concurrently = true;
      }
      // The parser makes ANALYZE a VacuumStmt; only VACUUM refuses a transaction block.
      if (kind == "VacuumStmt" && !body.flag("is_vacuumcmd")) change.statement = "AnalyzeStmt";
      change.resets_session = kind == "DiscardStmt" && body.string("target") == "DISCARD_ALL";
      change.outside_transaction =
          outside_transaction_words(change.statement, body, change.concurrently);
      changes.push_back(std::move(change));
    } else {
      changes.push_back(unsupported(sql_name(kind), body));
    }
    return out;
  }

 private:
  const LowerInput& input_;

  Unsupported unsupported(std::string what, const JsonNode& body) const {
    Unsupported change;
    change.span = input_.span;
    change.what = std::move(what);
    change.relations = range_vars_in(body);
    return change;
  }

  ColumnDefinition column_definition(const JsonNode& def) const {
    ColumnDefinition column;
    column.name = std::string(def.string("colname"));
    JsonNode type_name = def.field("typeName");
    if (type_name) column.type = type_ref(type_name);
    column.not_null = def.flag("is_not_null");
    if ((def.field("raw_default") && !is_null_constant(def.field("raw_default"))) ||
        def.field("cooked_default")) {
      column.has_default = true;
    }
    if (column.type && is_serial(*column.type)) {
      column.has_default = true;
      column.not_null = true;
    }
    for (const JsonNode& item : def.list("constraints")) {
      JsonNode constraint = item.body();
      std::string_view type = constraint.string("contype");
      if (type == "CONSTR_NOTNULL") {
        column.not_null = true;
      } else if (type == "CONSTR_NULL") {
        column.not_null = false;
      } else if (type == "CONSTR_PRIMARY") {
        column.not_null = true;
        column.primary_key = true;
      } else if (type == "CONSTR_DEFAULT") {
        column.has_default = !is_null_constant(constraint.field("raw_expr"));
      } else if (type == "CONSTR_IDENTITY") {
        column.identity = true;
        column.not_null = true;
      } else if (type == "CONSTR_GENERATED") {
        column.generated = true;
      }
    }
    std::int64_t location = def.integer("location", -1);
    if (location >= 0) {
      std::size_t begin = input_.base + static_cast<std::size_t>(location);
      column.span = {begin, clause_end(begin)};
    } else {
      column.span = input_.span;
    }
    return column;
  }

  CreateTable create_table(const JsonNode& body) const {
    CreateTable table;
    table.span = input_.span;
    table.name = range_var_name(body.field("relation"));
    table.if_not_exists = body.flag("if_not_exists");
    std::vector<std::string> primary_keys;
    for (const JsonNode& element : body.list("tableElts")) {
      if (element.is("ColumnDef")) {
        table.columns.push_back(column_definition(element.body()));
      } else if (element.is("Constraint")) {
        JsonNode constraint = element.body();
        if (constraint.string("contype") == "CONSTR_PRIMARY") {
          for (const std::string& key : string_list(constraint.list("keys"))) {
            primary_keys.push_back(key);
          }
        }
      } else if (element.is("TableLikeClause")) {
        table.columns_complete = false;
        table.sources.push_back(range_var_name(element.body().field("relation")));
      }
    }
    for (ColumnDefinition& column : table.columns) {
      if (std::find(primary_keys.begin(), primary_keys.end(), column.name) != primary_keys.end()) {
        column.not_null = true;
        column.primary_key = true;
      }
    }
    for (const JsonNode& parent : body.list("inhRelations")) {
      table.columns_complete = false;
      table.sources.push_back(range_var_name(parent.body()));
    }
    if (body.field("ofTypename")) table.columns_complete = false;
    return table;
  }

  // The output columns of a SELECT (the left-most branch of a set operation).
  void select_columns(const JsonNode& select, std::vector<ViewColumn>& columns) const {
    JsonNode branch = select;
    while (branch.string("op") != "" && branch.string("op") != "SETOP_NONE" &&
           branch.field("larg")) {
      branch = branch.field("larg");
    }
    std::vector<JsonNode> from = branch.list("fromClause");
    for (const JsonNode& target : branch.list("targetList")) {
      JsonNode res = target.body();
      ViewColumn column;
      std::string_view alias = res.string("name");
      JsonNode value = res.field("val");
      if (!alias.empty()) {
        column.name = std::string(alias);
      } else if (value.is("ColumnRef")) {
        std::vector<JsonNode> fields = value.body().list("fields");
        if (!fields.empty() && fields.back().is("A_Star")) {
          column.star_from = star_source(fields, from);
        } else if (!fields.empty()) {
          column.name = fields.back().string_value();
        }
      } else if (value.is("FuncCall")) {
        std::vector<std::string> name = string_list(value.body().list("funcname"));
        if (!name.empty()) column.name = name.back();
      } else if (value.is("TypeCast")) {
        JsonNode arg = value.body().field("arg");
        if (arg.is("ColumnRef")) {
          std::vector<JsonNode> fields = arg.body().list("fields");
          if (!fields.empty()) column.name = fields.back().string_value();
        }
        if (!column.name) {
          std::vector<std::string> type = string_list(value.body().field("typeName").list("names"));
          if (!type.empty()) column.name = type.back();
        }
      } else {
        column.name = "?column?";
      }
      columns.push_back(std::move(column));
    }
  }

  // The relation a `*` or `alias.*` expands from, when the FROM clause tells it.
  static std::optional<QualifiedName> star_source(const std::vector<JsonNode>& fields,
                                                  const std::vector<JsonNode>& from) {
    if (fields.size() == 1) {
      if (from.size() == 1 && from[0].is("RangeVar")) return range_var_name(from[0].body());
      return std::nullopt;
    }
    std::optional<std::string> qualifier = fields[fields.size() - 2].string_value();
    if (!qualifier) return std::nullopt;
    std::vector<JsonNode> range_vars;
    for (const JsonNode& item : from) {
      if (item.is("RangeVar")) range_vars.push_back(item.body());
      item.collect("RangeVar", range_vars);
    }
    for (const JsonNode& range_var : range_vars) {
      std::string_view alias = range_var.field("alias").string("aliasname");
      if (alias == *qualifier || (alias.empty() && range_var.string("relname") == *qualifier)) {
        return range_var_name(range_var);
      }
    }
    return std::nullopt;
  }

  // Renames from an explicit column list: `CREATE VIEW v (a, b)`, `CREATE TABLE t (a) AS …`.
  static void apply_column_aliases(const std::vector<std::string>& aliases,
                                   std::vector<ViewColumn>& columns) {
    for (std::size_t i = 0; i < aliases.size() && i < columns.size(); ++i) {
      columns[i].name = aliases[i];
      columns[i].star_from.reset();
    }
  }

  Change create_table_as(const JsonNode& body) const {
    JsonNode into = body.field("into");
    QualifiedName name = range_var_name(into.field("rel"));
    std::vector<ViewColumn> columns;
    JsonNode query = body.field("query");
    if (query.is("SelectStmt")) select_columns(query.body(), columns);
    apply_column_aliases(string_list(into.list("colNames")), columns);
    std::vector<QualifiedName> sources = range_vars_in(query.body());
    if (body.string("objtype") == "OBJECT_MATVIEW") {
      CreateView view;
      view.span = input_.span;
      view.name = name;
      view.materialized = true;
      view.query = query_after_as(into.field("rel"));
      view.columns = std::move(columns);
      view.sources = std::move(sources);
      return view;
    }
    return table_from_columns(name, columns, std::move(sources), body.flag("if_not_exists"));
  }

  Change select_into(const JsonNode& body) const {
    JsonNode into = body.field("intoClause");
    std::vector<ViewColumn> columns;
    select_columns(body, columns);
    apply_column_aliases(string_list(into.list("colNames")), columns);
    return table_from_columns(range_var_name(into.field("rel")), columns, range_vars_in(body),
                              false);
  }

  CreateTable table_from_columns(const QualifiedName& name, const std::vector<ViewColumn>& columns,
                                 std::vector<QualifiedName> sources, bool if_not_exists) const {
    CreateTable table;
    table.span = input_.span;
    table.name = name;
    table.if_not_exists = if_not_exists;
    table.sources = std::move(sources);
    for (const ViewColumn& column : columns) {
      if (!column.name) {
        table.columns_complete = false;
        continue;
      }
      ColumnDefinition definition;
      definition.name = *column.name;
      definition.span = input_.span;
      table.columns.push_back(std::move(definition));
    }
    return table;
  }

  CreateView create_view(const JsonNode& body) const {
    CreateView view;
    view.span = input_.span;
    view.name = range_var_name(body.field("view"));
    view.or_replace = body.flag("replace");
    JsonNode query = body.field("query");
    if (query.is("SelectStmt")) select_columns(query.body(), view.columns);
    apply_column_aliases(string_list(body.list("aliases")), view.columns);
    view.sources = range_vars_in(query.body());
    view.query = query_after_as(body.field("view"));
    return view;
  }

  // The text of `CREATE VIEW name [(columns)] [WITH (…)] AS query`: after the first top-level AS.
  std::string query_after_as(const JsonNode& name) const {
    std::int64_t location = name.integer("location", -1);
    if (input_.tokens == nullptr || location < 0) return {};
    int depth = 0;
    for (const Token& token : tokens_between(
             *input_.tokens, input_.base + static_cast<std::size_t>(location), input_.span.end)) {
      if (token.kind == TokenKind::OpenParen) ++depth;
      if (token.kind == TokenKind::CloseParen) --depth;
      std::string_view text = input_.text.substr(token.begin, token.end - token.begin);
      if (depth == 0 && text.size() == 2 && (text[0] == 'a' || text[0] == 'A') &&
          (text[1] == 's' || text[1] == 'S')) {
        return std::string(input_.text.substr(token.end, input_.span.end - token.end));
      }
    }
    return {};
  }

  static std::optional<RelationKind> relation_kind(std::string_view object_type) {
    if (object_type == "OBJECT_TABLE") return RelationKind::Table;
    if (object_type == "OBJECT_VIEW") return RelationKind::View;
    if (object_type == "OBJECT_MATVIEW") return RelationKind::MaterializedView;
    if (object_type == "OBJECT_INDEX") return RelationKind::Index;
    if (object_type == "OBJECT_SEQUENCE") return RelationKind::Sequence;
    if (object_type == "OBJECT_FOREIGN_TABLE") return RelationKind::ForeignTable;
    return std::nullopt;
  }

  Change drop(const JsonNode& body, const std::string& kind) const {
    std::string_view type = body.string("removeType");
    bool cascade = body.string("behavior") == "DROP_CASCADE";
    bool if_exists = body.flag("missing_ok");
    std::vector<JsonNode> objects = body.list("objects");
    if (auto relation = relation_kind(type)) {
      DropRelation change;
      change.span = input_.span;
      change.kind = *relation;
      change.if_exists = if_exists;
      change.cascade = cascade;
      change.concurrently = body.flag("concurrent");
      for (const JsonNode& object : objects) {
        change.names.push_back(name_from_list(string_list(object.body().list("items"))));
      }
      return change;
    }
    if (type == "OBJECT_SCHEMA") {
      DropSchema change;
      change.span = input_.span;
      change.cascade = cascade;
      change.if_exists = if_exists;
      change.names = string_list(objects);
      return change;
    }
    if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      DropType change;
      change.span = input_.span;
      change.cascade = cascade;
      change.if_exists = if_exists;
      for (const JsonNode& object : objects) {
        change.names.push_back(name_from_list(string_list(object.body().list("names"))));
      }
      return change;
    }
    if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
      DropFunction change;
      change.span = input_.span;
      change.cascade = cascade;
      change.if_exists = if_exists;
      for (const JsonNode& object : objects) {
        change.names.push_back(name_from_list(string_list(object.body().list("objname"))));
      }
      return change;
    }
    if (type == "OBJECT_TRIGGER" || type == "OBJECT_POLICY" || type == "OBJECT_RULE") {
      // `DROP TRIGGER t ON table`: the object is [schema.]table.name.
      NoSchemaChange change;
      change.span = input_.span;
      change.statement = kind;
      for (const JsonNode& object : objects) {
        std::vector<std::string> parts = string_list(object.body().list("items"));
        if (parts.size() >= 2) {
          parts.pop_back();
          change.relations.push_back(name_from_list(parts));
        }
      }
      return change;
    }
    if (type == "OBJECT_EXTENSION" || type == "OBJECT_ROLE" || type == "OBJECT_STATISTIC_EXT" ||
        type == "OBJECT_PUBLICATION" || type == "OBJECT_EVENT_TRIGGER" || type == "OBJECT_CAST" ||
        type == "OBJECT_FDW" || type == "OBJECT_FOREIGN_SERVER" || type == "OBJECT_COLLATION" ||
        type == "OBJECT_CONVERSION" || type == "OBJECT_TSCONFIGURATION" ||
        type == "OBJECT_TSDICTIONARY" || type == "OBJECT_LANGUAGE" || type == "OBJECT_AGGREGATE" ||
        type == "OBJECT_OPERATOR" || type == "OBJECT_OPCLASS" || type == "OBJECT_OPFAMILY" ||
        type == "OBJECT_TRANSFORM" || type == "OBJECT_ACCESS_METHOD") {
      NoSchemaChange change;
      change.span = input_.span;
      change.statement = kind;
      return change;
    }
    return unsupported("DROP " + object_word(type), body);
  }

  static std::string object_word(std::string_view object_type) {
    std::string word(object_type.substr(
        object_type.rfind('_') == std::string_view::npos ? 0 : std::string_view("OBJECT_").size()));
    std::replace(word.begin(), word.end(), '_', ' ');
    return word;
  }

  Change rename(const JsonNode& body, const std::string& kind) const {
    std::string_view type = body.string("renameType");
    std::string new_name(body.string("newname"));
    if (auto relation = relation_kind(type)) {
      RenameRelation change;
      change.span = input_.span;
      change.declared_kind = *relation;
      change.name = range_var_name(body.field("relation"));
      change.new_name = new_name;
      change.if_exists = body.flag("missing_ok");
      return change;
    }
    if (type == "OBJECT_COLUMN") {
      RenameColumn change;
      change.span = input_.span;
      change.declared_kind =
          relation_kind(body.string("relationType")).value_or(RelationKind::Table);
      change.table = range_var_name(body.field("relation"));
      change.column = std::string(body.string("subname"));
      change.new_name = new_name;
      return change;
    }
    if (type == "OBJECT_TABCONSTRAINT") {
      AlterTableOther change;
      change.span = input_.span;
      change.table = range_var_name(body.field("relation"));
      change.subcommand = "RENAME CONSTRAINT";
      return change;
    }
    if (type == "OBJECT_TYPE") {
      RenameType change;
      change.span = input_.span;
      change.name = name_from_list(string_list(body.field("object").body().list("items")));
      change.new_name = new_name;
      return change;
    }
    if (type == "OBJECT_SCHEMA") {
      RenameSchema change;
      change.span = input_.span;
      change.name = std::string(body.string("subname"));
      change.new_name = new_name;
      return change;
    }
    if (type == "OBJECT_TRIGGER" || type == "OBJECT_POLICY" || type == "OBJECT_RULE" ||
        type == "OBJECT_ROLE" || type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" ||
        type == "OBJECT_ROUTINE" || type == "OBJECT_AGGREGATE" || type == "OBJECT_STATISTIC_EXT" ||
        type == "OBJECT_PUBLICATION" || type == "OBJECT_SUBSCRIPTION" ||
        type == "OBJECT_EVENT_TRIGGER" || type == "OBJECT_TABLESPACE" ||
        type == "OBJECT_DATABASE" || type == "OBJECT_CONVERSION" || type == "OBJECT_COLLATION" ||
        type == "OBJECT_FOREIGN_SERVER" || type == "OBJECT_FDW" || type == "OBJECT_LANGUAGE" ||
        type == "OBJECT_TSCONFIGURATION" || type == "OBJECT_TSDICTIONARY" ||
        type == "OBJECT_OPCLASS" || type == "OBJECT_OPFAMILY" || type == "OBJECT_DOMCONSTRAINT") {
      NoSchemaChange change;
      change.span = input_.span;
      change.statement = kind;
      return change;
    }
    return unsupported("ALTER " + object_word(type) + " RENAME", body);
  }

  Change set_schema(const JsonNode& body, const std::string& kind) const {
    std::string_view type = body.string("objectType");
    if (auto relation = relation_kind(type)) {
      SetRelationSchema change;
      change.span = input_.span;
      change.declared_kind = *relation;
      change.name = range_var_name(body.field("relation"));
      change.new_schema = std::string(body.string("newschema"));
      return change;
    }
    if (type == "OBJECT_TYPE") {
      // The model tracks enum types; moving one breaks what names it just as a rename does.
      RenameType change;
      change.span = input_.span;
      change.name = name_from_list(string_list(body.field("object").body().list("items")));
      change.new_name = change.name.name;
      change.new_schema = std::string(body.string("newschema"));
      return change;
    }
    if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_EXTENSION" ||
        type == "OBJECT_AGGREGATE" || type == "OBJECT_COLLATION" || type == "OBJECT_OPERATOR") {
      NoSchemaChange change;
      change.span = input_.span;
      change.statement = kind;
      return change;
    }
    return unsupported("ALTER " + object_word(type) + " SET SCHEMA", body);
  }

  // The end of a clause that starts at `begin`: the next top-level `,` or the statement's end.
  std::size_t clause_end(std::size_t begin) const {
    if (input_.tokens == nullptr) return input_.span.end;
    int depth = 0;
    std::size_t last_end = begin;
    for (const Token& token : tokens_between(*input_.tokens, begin, input_.span.end)) {
      if (token.kind == TokenKind::Comment) continue;
      if (token.kind == TokenKind::OpenParen || token.kind == TokenKind::OpenBracket) ++depth;
      if (token.kind == TokenKind::CloseParen || token.kind == TokenKind::CloseBracket) {
        if (depth == 0) break;  // the end of an enclosing list
        --depth;
      }
      if (depth == 0 && token.kind == TokenKind::Comma) break;
      last_end = token.end;
    }
    return last_end;
  }

  // The spans of ALTER TABLE's subcommands: the statement's tokens after the table name, split
  // at top-level commas. Falls back to the whole statement when the count does not match.
  std::vector<Span> subcommand_spans(const JsonNode& relation, std::size_t count) const {
    std::vector<Span> spans(count, input_.span);
    std::int64_t location = relation.integer("location", -1);
    if (input_.tokens == nullptr || location < 0) return spans;
    std::size_t name_begin = input_.base + static_cast<std::size_t>(location);
    std::vector<const Token*> tokens;
    for (const Token& token : tokens_between(*input_.tokens, name_begin, input_.span.end)) {
      if (token.kind != TokenKind::Comment && token.end <= input_.span.end)
        tokens.push_back(&token);
    }
    std::size_t i = 0;
    // The qualified name, then an optional `*` (ALTER TABLE t * …).
    if (i < tokens.size()) ++i;
    while (i + 1 < tokens.size() && tokens[i]->kind == TokenKind::Dot) i += 2;
    if (i < tokens.size() && tokens[i]->kind == TokenKind::Star) ++i;
    std::vector<Span> found;
    int depth = 0;
    std::optional<Span> current;
    for (; i < tokens.size(); ++i) {
      const Token& token = *tokens[i];
      if (token.kind == TokenKind::OpenParen || token.kind == TokenKind::OpenBracket) ++depth;
      if (token.kind == TokenKind::CloseParen || token.kind == TokenKind::CloseBracket) --depth;
      if (depth == 0 && token.kind == TokenKind::Comma) {
        if (current) found.push_back(*current);
        current.reset();
        continue;
      }
      if (!current) current = Span{token.begin, token.end};
      current->end = token.end;
    }
    if (current) found.push_back(*current);
    if (found.size() == count) spans = found;
    return spans;
  }

  void alter_table(const JsonNode& body, std::vector<Change>& changes) const {
    JsonNode relation = body.field("relation");
    QualifiedName table = range_var_name(relation);
    std::vector<JsonNode> commands = body.list("cmds");
    std::vector<Span> spans = subcommand_spans(relation, commands.size());
    std::string_view object_type = body.string("objtype");
    bool on_table_like = object_type == "OBJECT_TABLE" || object_type == "OBJECT_VIEW" ||
                         object_type == "OBJECT_MATVIEW" || object_type == "OBJECT_FOREIGN_TABLE";
    for (std::size_t i = 0; i < commands.size(); ++i) {
      JsonNode command = commands[i].body();
      Span span = spans[i];
      std::string subtype(command.string("subtype"));
      std::string column(command.string("name"));
      if (!on_table_like) {
        // ALTER INDEX / ALTER SEQUENCE: storage and ownership of objects the app does not read.
        changes.push_back(other(table, span, subtype));
        continue;
      }
      if (subtype == "AT_AddColumn" || subtype == "AT_AddColumnRecurse") {
        AddColumn change;
        change.span = span;
        change.table = table;
        change.column = column_definition(command.field("def").body());
        change.column.span = span;
        change.if_not_exists = command.flag("missing_ok");
        changes.push_back(std::move(change));
      } else if (subtype == "AT_DropColumn" || subtype == "AT_DropColumnRecurse") {
        DropColumn change;
        change.span = span;
        change.table = table;
        change.column = column;
        change.if_exists = command.flag("missing_ok");
        change.cascade = command.string("behavior") == "DROP_CASCADE";
        changes.push_back(std::move(change));
      } else if (subtype == "AT_AlterColumnType") {
        AlterColumnType change;
        change.span = span;
        change.table = table;
        change.column = column;
        JsonNode def = command.field("def").body();
        change.type = type_ref(def.field("typeName"));
        change.has_using = static_cast<bool>(def.field("raw_default"));
        if (change.has_using) {
          JsonNode value = def.field("raw_default");
          while (value.is("TypeCast")) value = value.body().field("arg");
          std::vector<std::string> fields = value.is("ColumnRef")
                                                ? string_list(value.body().list("fields"))
                                                : std::vector<std::string>{};
          change.using_is_column = fields.size() == 1 && fields[0] == column;
        }
        changes.push_back(std::move(change));
      } else if (subtype == "AT_SetNotNull") {
        changes.push_back(column_change<SetNotNull>(table, column, span));
      } else if (subtype == "AT_DropNotNull") {
        changes.push_back(column_change<DropNotNull>(table, column, span));
      } else if (subtype == "AT_ColumnDefault" || subtype == "AT_CookedColumnDefault") {
        if (command.field("def") && !is_null_constant(command.field("def"))) {
          changes.push_back(column_change<SetDefault>(table, column, span));
        } else {
          changes.push_back(column_change<DropDefault>(table, column, span));
        }
      } else if (subtype == "AT_AddIdentity") {
        changes.push_back(column_change<SetDefault>(table, column, span));
      } else if (subtype == "AT_DropIdentity") {
        // The column stops generating values: inserts that leave it out get NULL.
        changes.push_back(column_change<DropDefault>(table, column, span));
      } else if (subtype == "AT_AddConstraint" || subtype == "AT_AddConstraintRecurse" ||
                 subtype == "AT_ReAddConstraint") {
        changes.push_back(add_constraint(table, command.field("def").body(), span));
      } else if (subtype == "AT_DropConstraint" || subtype == "AT_DropConstraintRecurse") {
        DropConstraint change;
        change.span = span;
        change.table = table;
        change.name = column;
        change.if_exists = command.flag("missing_ok");
        changes.push_back(std::move(change));
      } else if (subtype == "AT_ValidateConstraint" || subtype == "AT_ValidateConstraintRecurse") {
        ValidateConstraint change;
        change.span = span;
        change.table = table;
        change.name = column;
        changes.push_back(std::move(change));
      } else if (is_known_other_subcommand(subtype)) {
        AlterTableOther change = other(table, span, subtype);
        change.concurrently = command.field("def").body().flag("concurrent");
        changes.push_back(std::move(change));
      } else {
        Unsupported change;
        change.span = span;
        change.what = "ALTER TABLE … " + subtype;
        change.relations.push_back(table);
        changes.push_back(std::move(change));
      }
    }
  }

  static bool is_known_other_subcommand(const std::string& subtype) {
    static const std::unordered_set<std::string> known = {"AT_SetStatistics",
                                                          "AT_SetStorage",
                                                          "AT_SetCompression",
                                                          "AT_SetOptions",
                                                          "AT_ResetOptions",
                                                          "AT_SetRelOptions",
                                                          "AT_ResetRelOptions",
                                                          "AT_ReplaceRelOptions",
                                                          "AT_ChangeOwner",
                                                          "AT_ClusterOn",
                                                          "AT_DropCluster",
                                                          "AT_SetLogged",
                                                          "AT_SetUnLogged",
                                                          "AT_SetTableSpace",
                                                          "AT_SetAccessMethod",
                                                          "AT_EnableTrig",
                                                          "AT_EnableAlwaysTrig",
                                                          "AT_EnableReplicaTrig",
                                                          "AT_DisableTrig",
                                                          "AT_EnableTrigAll",
                                                          "AT_DisableTrigAll",
                                                          "AT_EnableTrigUser",
                                                          "AT_DisableTrigUser",
                                                          "AT_EnableRule",
                                                          "AT_EnableAlwaysRule",
                                                          "AT_EnableReplicaRule",
                                                          "AT_DisableRule",
                                                          "AT_EnableRowSecurity",
                                                          "AT_DisableRowSecurity",
                                                          "AT_ForceRowSecurity",
                                                          "AT_NoForceRowSecurity",
                                                          "AT_ReplicaIdentity",
                                                          "AT_GenericOptions",
                                                          "AT_AlterConstraint",
                                                          "AT_SetIdentity",
                                                          "AT_DropExpression",
                                                          "AT_AttachPartition",
                                                          "AT_DetachPartition",
                                                          "AT_DetachPartitionFinalize",
                                                          "AT_AddInherit",
                                                          "AT_DropInherit",
                                                          "AT_AddOf",
                                                          "AT_DropOf",
                                                          "AT_AddIndex",
                                                          "AT_ReAddIndex",
                                                          "AT_AddIndexConstraint",
                                                          "AT_DropOids",
                                                          "AT_AlterColumnGenericOptions",
                                                          "AT_CheckNotNull"};
    return known.count(subtype) > 0;
  }

  static AlterTableOther other(const QualifiedName& table, Span span, const std::string& subtype) {
    AlterTableOther change;
    change.span = span;
    change.table = table;
    change.subcommand = subtype;
    return change;
  }

  template <typename T>
  static T column_change(const QualifiedName& table, const std::string& column, Span span) {
    T change;
    change.span = span;
    change.table = table;
    change.column = column;
    return change;
  }

  AddConstraint add_constraint(const QualifiedName& table, const JsonNode& constraint,
                               Span span) const {
    AddConstraint change;
    change.span = span;
    change.table = table;
    change.name = std::string(constraint.string("conname"));
    std::string_view type = constraint.string("contype");
    if (type == "CONSTR_PRIMARY")
      change.kind = ConstraintKind::PrimaryKey;
    else if (type == "CONSTR_UNIQUE")
      change.kind = ConstraintKind::Unique;
    else if (type == "CONSTR_CHECK")
      change.kind = ConstraintKind::Check;
    else if (type == "CONSTR_FOREIGN")
      change.kind = ConstraintKind::ForeignKey;
    else if (type == "CONSTR_EXCLUSION")
      change.kind = ConstraintKind::Exclusion;
    else if (type == "CONSTR_NOTNULL")
      change.kind = ConstraintKind::NotNull;
    change.columns = string_list(constraint.list("keys"));
    if (change.kind == ConstraintKind::ForeignKey) {
      change.columns = string_list(constraint.list("fk_attrs"));
      change.references = range_var_name(constraint.field("pktable"));
    }
    change.not_valid = constraint.flag("skip_validation");
    if (change.kind == ConstraintKind::Check) {
      change.not_null_column = not_null_check_column(constraint.field("raw_expr"));
    }
    change.using_index = !constraint.string("indexname").empty();
    return change;
  }

  CreateIndex create_index(const JsonNode& body) const {
    CreateIndex change;
    change.span = input_.span;
    if (!body.string("idxname").empty()) change.name = std::string(body.string("idxname"));
    change.table = range_var_name(body.field("relation"));
    change.unique = body.flag("unique");
    change.concurrently = body.flag("concurrent");
    change.if_not_exists = body.flag("if_not_exists");
    for (const JsonNode& param : body.list("indexParams")) {
      std::string_view name = param.body().string("name");
      if (!name.empty()) change.columns.emplace_back(name);
    }
    return change;
  }

  void create_schema(const JsonNode& body, std::vector<Change>& changes) const {
    CreateSchema change;
    change.span = input_.span;
    change.name = std::string(body.string("schemaname"));
    if (change.name.empty()) change.name = std::string(body.field("authrole").string("rolename"));
    change.if_not_exists = body.flag("if_not_exists");
    std::string schema = change.name;
    changes.push_back(std::move(change));
    // `CREATE SCHEMA s CREATE TABLE t (…)`: the elements belong to the new schema.
    for (const JsonNode& element : body.list("schemaElts")) {
      Lowered nested = Lowerer(input_).lower(element);
      for (Change& inner : nested.changes) {
        std::visit(
            [&](auto& typed) {
              using T = std::decay_t<decltype(typed)>;
              if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, CreateView> ||
                            std::is_same_v<T, CreateEnum>) {
                if (typed.name.schema.empty()) typed.name.schema = schema;
              } else if constexpr (std::is_same_v<T, CreateIndex>) {
                if (typed.table.schema.empty()) typed.table.schema = schema;
              }
            },
            inner);
        changes.push_back(std::move(inner));
      }
    }
  }

  Change alter_enum(const JsonNode& body) const {
    QualifiedName type = name_from_list(string_list(body.list("typeName")));
    if (!body.string("oldVal").empty()) {
      RenameEnumValue change;
      change.span = input_.span;
      change.type = type;
      change.old_value = std::string(body.string("oldVal"));
      change.new_value = std::string(body.string("newVal"));
      return change;
    }
    AddEnumValue change;
    change.span = input_.span;
    change.type = type;
    change.value = std::string(body.string("newVal"));
    return change;
  }

  Change variable_set(const JsonNode& body, const std::string& kind) const {
    if (body.string("name") == "search_path") {
      SetSearchPath change;
      change.span = input_.span;
      if (body.string("kind") == "VAR_SET_VALUE") {
        for (const JsonNode& arg : body.list("args")) {
          if (arg.is("A_Const")) {
            JsonNode value = arg.body().field("sval");
            if (value) change.schemas.emplace_back(value.string("sval"));
          } else if (arg.is("ColumnRef")) {
            for (const std::string& part : string_list(arg.body().list("fields"))) {
              change.schemas.push_back(part);
            }
          }
        }
      }
      return change;
    }
    NoSchemaChange change;
    change.span = input_.span;
    change.statement = kind;
    // `SET timezone = 'UTC'` / `SET TIME ZONE 'UTC'`: `timezone=utc` (lower-cased), `SET LOCAL`:
    // `timezone-local=utc`; a RESET, `RESET ALL` or `SET … DEFAULT` is `timezone=`. Converting
    // timestamp to timestamptz rewrites nothing in UTC.
    if (body.string("kind") == "VAR_RESET_ALL") change.target = "timezone=";
    if (body.string("name") == "timezone") {
      change.target = body.flag("is_local") ? "timezone-local=" : "timezone=";
      if (body.string("kind") == "VAR_SET_VALUE") {
        std::vector<JsonNode> args = body.list("args");
        if (args.size() == 1 && args[0].is("A_Const")) {
          JsonNode value = args[0].body().field("sval");
          if (value) {
            for (char c : value.string("sval")) {
              change.target += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
          }
        }
      }
    }
    return change;
  }

  Change transaction(const JsonNode& body) const {
    Transaction change;
    change.span = input_.span;
    std::string_view kind = body.string("kind");
    // COMMIT PREPARED and ROLLBACK PREPARED finish another session's prepared transaction, not
    // this one's; PREPARE TRANSACTION ends this one.
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      change.control = TransactionControl::Begin;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_PREPARE") {
      change.control = TransactionControl::Commit;
      change.chain = body.flag("chain");
    } else if (kind == "TRANS_STMT_ROLLBACK") {
      change.control = TransactionControl::Rollback;
      change.chain = body.flag("chain");
    } else if (kind == "TRANS_STMT_SAVEPOINT" || kind == "TRANS_STMT_RELEASE" ||
               kind == "TRANS_STMT_ROLLBACK_TO") {
      change.control = TransactionControl::Savepoint;
    }
    return change;
  }
};

}  // namespace

Lowered lower_statement(const JsonNode& stmt, const LowerInput& input) {
  return Lowerer(input).lower(stmt);
}

}  // namespace twostep::sql
