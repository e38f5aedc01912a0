#include "analyzer/sql/query_uses.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include "analyzer/sql/json_node.hpp"
#include "analyzer/sql/scanner.hpp"

namespace twostep::sql {
namespace {

// A relation or derived table visible by name in a query.
struct Source {
  std::string name;                       // alias, or the relation's own name
  std::optional<QualifiedName> relation;  // a table or view; nullopt for a subquery, CTE, function
  const Relation* known = nullptr;        // the schema's relation, when it knows it
  std::vector<std::string> columns;       // a derived table's output columns
  bool columns_known = false;             // for derived tables
};

struct Scope {
  const Scope* parent = nullptr;
  std::vector<Source> sources;
  std::map<std::string, Source> ctes;  // WITH names, visible here and below

  const Source* cte(const std::string& name) const {
    for (const Scope* scope = this; scope != nullptr; scope = scope->parent) {
      auto found = scope->ctes.find(name);
      if (found != scope->ctes.end()) return &found->second;
    }
    return nullptr;
  }
};

class Walker {
 public:
  explicit Walker(const Schema& schema) : schema_(schema) {}

  std::vector<ColumnUse> uses;

  // Any statement node `{"SelectStmt": {...}}`; returns the output columns of a SELECT.
  Source statement(const JsonNode& node, const Scope* parent) {
    std::string_view kind = node.kind();
    JsonNode body = node.body();
    if (kind == "SelectStmt") return select(body, parent);
    Scope scope;
    scope.parent = parent;
    with_clause(body.field("withClause"), scope);
    if (kind == "InsertStmt")
      insert(body, scope);
    else if (kind == "UpdateStmt")
      update(body, scope);
    else if (kind == "DeleteStmt")
      remove(body, scope);
    else if (kind == "MergeStmt")
      merge(body, scope);
    return {};
  }

 private:
  const Schema& schema_;
  bool discard_next_select_ = false;  // the next SELECT is an EXISTS subquery

  void use(const QualifiedName& relation, std::optional<std::string> column, Access access,
           bool all_columns = false) {
    ColumnUse item{relation, std::move(column), all_columns, access, false, std::nullopt};
    if (std::find(uses.begin(), uses.end(), item) == uses.end()) uses.push_back(std::move(item));
  }

  // The one relation of this name in any schema, when there is exactly one.
  const Relation* only_relation_named(const std::string& name) const {
    const Relation* found = nullptr;
    for (const auto& [id, relation] : schema_.relations()) {
      if (relation.name != name || relation.kind == RelationKind::Index ||
          relation.kind == RelationKind::Sequence) {
        continue;
      }
      if (found != nullptr) return nullptr;
      found = &relation;
    }
    return found;
  }

  Source relation_source(const JsonNode& range_var, const Scope& scope) {
    std::string name(range_var.string("relname"));
    std::string schema_name(range_var.string("schemaname"));
    std::string alias(range_var.field("alias").string("aliasname"));
    if (schema_name.empty()) {
      if (const Source* cte = scope.cte(name)) {
        Source derived = *cte;
        derived.name = alias.empty() ? name : alias;
        return derived;
      }
    }
    Source source;
    source.name = alias.empty() ? name : alias;
    source.known = schema_.find_relation({schema_name, name});
    if (source.known == nullptr && schema_name.empty()) source.known = only_relation_named(name);
    source.relation = source.known != nullptr
                          ? source.known->qualified()
                          : QualifiedName{schema_name.empty() ? "public" : schema_name, name};
    return source;
  }

  // Every column of a source, as reads (or writes).
  void all_of(const Source& source, Access access) {
    if (!source.relation) return;
    if (source.known != nullptr && source.known->columns_complete) {
      for (const Column& column : source.known->columns) use(*source.relation, column.name, access);
    } else {
      use(*source.relation, std::nullopt, access, true);
    }
  }

  void from_item(const JsonNode& item, Scope& scope) {
    std::string_view kind = item.kind();
    JsonNode body = item.body();
    if (kind == "RangeVar") {
      Source source = relation_source(body, scope);
      if (source.relation) use(*source.relation, std::nullopt, Access::Read);
      scope.sources.push_back(std::move(source));
    } else if (kind == "RangeSubselect") {
      // A subquery in FROM sees the WITH names of its query, and its sibling sources only when
      // LATERAL.
      Scope outside;
      outside.parent = scope.parent;
      outside.ctes = scope.ctes;
      Source derived = statement(body.field("subquery"), body.flag("lateral") ? &scope : &outside);
      derived.name = std::string(body.field("alias").string("aliasname"));
      rename_columns(derived, body.field("alias"));
      scope.sources.push_back(std::move(derived));
    } else if (kind == "JoinExpr") {
      from_item(body.field("larg"), scope);
      from_item(body.field("rarg"), scope);
      for (const std::string& column : string_list(body.list("usingClause"))) {
        unqualified_column(column, scope);
      }
      expression(body.field("quals"), scope);
    } else if (kind == "RangeFunction") {
      expression(body.field("functions"), scope);
      Source source;
      source.name = std::string(body.field("alias").string("aliasname"));
      scope.sources.push_back(std::move(source));
    } else {
      expression(item, scope);
    }
  }

  static void rename_columns(Source& source, const JsonNode& alias) {
    std::vector<std::string> names = string_list(alias.list("colnames"));
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i < source.columns.size())
        source.columns[i] = names[i];
      else
        source.columns.push_back(names[i]);
    }
  }

  void with_clause(const JsonNode& with, Scope& scope) {
    if (!with) return;
    for (const JsonNode& item : with.list("ctes")) {
      JsonNode cte = item.body();
      std::string name(cte.string("ctename"));
      // A recursive CTE sees itself; its columns come from its own column list.
      if (with.flag("recursive")) {
        Source self;
        self.name = name;
        self.columns = string_list(cte.list("aliascolnames"));
        self.columns_known = !self.columns.empty();
        scope.ctes[name] = self;
      }
      Source derived = statement(cte.field("ctequery"), &scope);
      derived.name = name;
      std::vector<std::string> aliases = string_list(cte.list("aliascolnames"));
      if (!aliases.empty()) {
        derived.columns = aliases;
        derived.columns_known = true;
      }
      scope.ctes[name] = std::move(derived);
    }
  }

  Source select(const JsonNode& body, const Scope* parent) {
    bool discarded = discard_next_select_;  // an EXISTS subquery's rows
    discard_next_select_ = false;
    Scope scope;
    scope.parent = parent;
    with_clause(body.field("withClause"), scope);
    std::string_view op = body.string("op");
    if (!op.empty() && op != "SETOP_NONE") {
      Source left = statement(body.field("larg"), &scope);
      statement(body.field("rarg"), &scope);
      return left;
    }
    for (const JsonNode& item : body.list("fromClause")) from_item(item, scope);
    Source output;
    output.columns_known = true;
    for (const JsonNode& target : body.list("targetList")) {
      JsonNode res = target.body();
      JsonNode value = res.field("val");
      std::string name(res.string("name"));
      if (value.is("ColumnRef")) {
        std::vector<JsonNode> fields = value.body().list("fields");
        if (!fields.empty() && fields.back().is("A_Star")) {
          if (!discarded) star(fields, scope, Access::Read, output);
          continue;
        }
        if (name.empty() && !fields.empty()) name = fields.back().string_value().value_or("");
      }
      expression(value, scope);
      output.columns.push_back(name.empty() ? "?column?" : name);
    }
    for (const char* key :
         {"whereClause", "groupClause", "havingClause", "sortClause", "distinctClause",
          "windowClause", "limitCount", "limitOffset", "valuesLists", "lockingClause"}) {
      expression(body.field(key), scope);
    }
    return output;
  }

  // `*` or `t.*`: every column of the sources it stands for.
  void star(const std::vector<JsonNode>& fields, const Scope& scope, Access access,
            Source& output) {
    if (fields.size() == 1) {
      for (const Source& source : scope.sources) expand(source, access, output);
      return;
    }
    std::string qualifier = fields[fields.size() - 2].string_value().value_or("");
    if (const Source* source = find_source(qualifier, scope)) expand(*source, access, output);
  }

  void expand(const Source& source, Access access, Source& output) {
    all_of(source, access);
    if (source.relation) {
      if (source.known != nullptr && source.known->columns_complete) {
        for (const Column& column : source.known->columns) output.columns.push_back(column.name);
      } else {
        output.columns_known = false;
      }
    } else {
      output.columns.insert(output.columns.end(), source.columns.begin(), source.columns.end());
      if (!source.columns_known) output.columns_known = false;
    }
  }

  static const Source* find_source(const std::string& name, const Scope& scope) {
    for (const Scope* current = &scope; current != nullptr; current = current->parent) {
      for (const Source& source : current->sources) {
        if (source.name == name) return &source;
      }
    }
    return nullptr;
  }

  static bool source_has(const Source& source, const std::string& column) {
    if (source.relation) {
      return source.known == nullptr || !source.known->columns_complete ||
             source.known->column(column) != nullptr;
    }
    return !source.columns_known ||
           std::find(source.columns.begin(), source.columns.end(), column) != source.columns.end();
  }

  // An unqualified column: every relation of the innermost scope that can have it, else the
  // scopes around it (a correlated subquery).
  void unqualified_column(const std::string& column, const Scope& scope,
                          Access access = Access::Read) {
    for (const Scope* current = &scope; current != nullptr; current = current->parent) {
      bool found = false;
      for (const Source& source : current->sources) {
        if (!source_has(source, column)) continue;
        found = true;
        if (source.relation) use(*source.relation, column, access);
      }
      if (found) return;
    }
    // No column of that name: PostgreSQL then reads it as a whole-row reference to the source of
    // that name (`row_to_json(u)`, sqlc's `sqlc.embed(users)`).
    if (const Source* source = find_source(column, scope)) {
      Source ignored;
      expand(*source, access, ignored);
    }
  }

  void column_ref(const JsonNode& ref, const Scope& scope) {
    std::vector<JsonNode> fields = ref.list("fields");
    if (fields.empty()) return;
    if (fields.back().is("A_Star")) {
      Source ignored;
      star(fields, scope, Access::Read, ignored);
      return;
    }
    std::vector<std::string> names;
    for (const JsonNode& field : fields) names.push_back(field.string_value().value_or(""));
    if (names.size() == 1) {
      unqualified_column(names[0], scope);
      return;
    }
    // [schema.]table.column (a composite field access `t.col.field` reads `col` of `t` too).
    const Source* source = find_source(names[0], scope);
    std::size_t column_index = 1;
    if (source == nullptr && names.size() >= 3) {
      for (const Scope* current = &scope; current != nullptr && source == nullptr;
           current = current->parent) {
        for (const Source& candidate : current->sources) {
          if (candidate.relation && candidate.relation->schema == names[0] &&
              candidate.relation->name == names[1]) {
            source = &candidate;
          }
        }
      }
      column_index = 2;
    }
    if (source == nullptr) {
      // `col.field` of a composite column, or an unknown qualifier: read the first name.
      unqualified_column(names[0], scope);
      return;
    }
    if (source->relation) use(*source->relation, names[column_index], Access::Read);
  }

  // Walks an expression (or any node) for column references and subqueries.
  void expression(const JsonNode& node, const Scope& scope) {
    if (!node) return;
    for (const JsonNode& item : node.items()) expression(item, scope);
    for (const auto& [key, value] : node.fields()) {
      if (key == "ColumnRef") {
        column_ref(value, scope);
      } else if (key == "SubLink" && value.string("subLinkType") == "EXISTS_SUBLINK") {
        // EXISTS discards the rows: a `*` in its select list reads no column.
        discard_next_select_ = true;
        expression(value, scope);
        discard_next_select_ = false;
      } else if (key == "SelectStmt" || key == "InsertStmt" || key == "UpdateStmt" ||
                 key == "DeleteStmt") {
        JsonNode wrapped = node;  // {"SelectStmt": {...}} is this very node
        statement(wrapped, &scope);
      } else {
        expression(value, scope);
      }
    }
  }

  void returning(const JsonNode& body, const Scope& scope) {
    for (const JsonNode& target : body.list("returningList")) {
      JsonNode value = target.body().field("val");
      if (value.is("ColumnRef") && !value.body().list("fields").empty() &&
          value.body().list("fields").back().is("A_Star")) {
        Source ignored;
        star(value.body().list("fields"), scope, Access::Read, ignored);
      } else {
        expression(value, scope);
      }
    }
  }

  Source target(const JsonNode& relation, Scope& scope) {
    Source source = relation_source(relation, scope);
    if (source.relation) use(*source.relation, std::nullopt, Access::Write);
    scope.sources.push_back(source);
    return source;
  }

  void insert(const JsonNode& body, Scope& scope) {
    Source table = target(body.field("relation"), scope);
    record_insert(table, body.list("cols"), body.field("selectStmt"));
    // The rows come from VALUES or a SELECT that cannot see the target.
    Scope source_scope;
    source_scope.parent = scope.parent;
    source_scope.ctes = scope.ctes;
    JsonNode select = body.field("selectStmt");
    if (select) statement(select, &source_scope);
    JsonNode conflict = body.field("onConflictClause");
    if (conflict) {
      for (const JsonNode& element : conflict.field("infer").list("indexElems")) {
        std::string name(element.body().string("name"));
        if (!name.empty() && table.relation) use(*table.relation, name, Access::Read);
        expression(element.body().field("expr"), scope);
      }
      expression(conflict.field("infer").field("whereClause"), scope);
      // DO UPDATE sees the target and `excluded`, a row of the target's shape.
      Scope update_scope = scope;
      Source excluded = table;
      excluded.name = "excluded";
      update_scope.sources.push_back(excluded);
      set_list(conflict.list("targetList"), table, update_scope);
      expression(conflict.field("whereClause"), update_scope);
    }
    returning(body, scope);
  }

  // Without a column list, a row's values fill the table's first columns; nullopt when the
  // schema cannot tell which those are.
  std::optional<std::vector<std::string>> positional(const Source& table, std::size_t width) const {
    if (table.known == nullptr || !table.known->columns_complete || width == 0) return std::nullopt;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < width && i < table.known->columns.size(); ++i) {
      names.push_back(table.known->columns[i].name);
    }
    return names;
  }

  // Clears the names whose value is DEFAULT in any row.
  static void drop_defaults(std::vector<std::string>& names, const std::vector<JsonNode>& row) {
    for (std::size_t i = 0; i < row.size() && i < names.size(); ++i) {
      if (row[i].is("SetToDefault")) names[i].clear();
    }
  }

  // The columns an INSERT's rows set: its column list (or, without one, the table's first
  // columns, as many as the rows have values), less those a VALUES row sets to DEFAULT.
  void record_insert(const Source& table, const std::vector<JsonNode>& columns,
                     const JsonNode& rows) {
    if (!table.relation) return;
    std::vector<JsonNode> values;
    if (rows.is("SelectStmt")) values = rows.body().list("valuesLists");
    std::optional<std::vector<std::string>> names = std::vector<std::string>{};
    if (!columns.empty()) {
      for (const JsonNode& column : columns) names->emplace_back(column.body().string("name"));
    } else if (!values.empty()) {
      names = positional(table, values[0].body().list("items").size());
    } else if (rows.is("SelectStmt")) {
      std::size_t width = rows.body().list("targetList").size();
      for (const JsonNode& target : rows.body().list("targetList")) {
        JsonNode value = target.body().field("val");
        if (value.is("ColumnRef") && value.body().list("fields").back().is("A_Star")) width = 0;
      }
      names = positional(table, width);
    }  // no rows at all: DEFAULT VALUES, every column takes its default
    if (names) {
      for (const JsonNode& row : values) drop_defaults(*names, row.body().list("items"));
    }
    record_rows(table, std::move(names));
  }

  // MERGE … WHEN NOT MATCHED THEN INSERT [(columns)] VALUES (…) | DEFAULT VALUES.
  void record_merge_insert(const Source& table, const JsonNode& clause) {
    if (!table.relation) return;
    std::vector<JsonNode> targets = clause.list("targetList");
    std::vector<JsonNode> values = clause.list("values");
    std::optional<std::vector<std::string>> names = std::vector<std::string>{};
    if (!targets.empty()) {
      for (const JsonNode& column : targets) names->emplace_back(column.body().string("name"));
    } else if (!values.empty()) {
      names = positional(table, values.size());
    }
    if (names) drop_defaults(*names, values);
    record_rows(table, std::move(names));
  }

  // The column writes, and the relation-level write with what it inserts.
  void record_rows(const Source& table, std::optional<std::vector<std::string>> names) {
    if (names) {
      std::erase(*names, std::string());
      for (const std::string& name : *names) use(*table.relation, name, Access::Write);
    } else {
      all_of(table, Access::Write);
    }
    // The target's relation-level write becomes this INSERT's.
    ColumnUse plain{*table.relation, std::nullopt, false, Access::Write, false, std::nullopt};
    auto write = std::find(uses.begin(), uses.end(), plain);
    ColumnUse insert{*table.relation, std::nullopt, false, Access::Write, true, std::move(names)};
    if (write != uses.end()) {
      *write = std::move(insert);
    } else if (std::find(uses.begin(), uses.end(), insert) == uses.end()) {
      uses.push_back(std::move(insert));
    }
  }

  void set_list(const std::vector<JsonNode>& targets, const Source& table, const Scope& scope) {
    for (const JsonNode& item : targets) {
      JsonNode res = item.body();
      if (table.relation) use(*table.relation, std::string(res.string("name")), Access::Write);
      expression(res.field("val"), scope);
    }
  }

  void update(const JsonNode& body, Scope& scope) {
    Source table = target(body.field("relation"), scope);
    for (const JsonNode& item : body.list("fromClause")) from_item(item, scope);
    set_list(body.list("targetList"), table, scope);
    expression(body.field("whereClause"), scope);
    returning(body, scope);
  }

  void remove(const JsonNode& body, Scope& scope) {
    target(body.field("relation"), scope);
    for (const JsonNode& item : body.list("usingClause")) from_item(item, scope);
    expression(body.field("whereClause"), scope);
    returning(body, scope);
  }

  void merge(const JsonNode& body, Scope& scope) {
    Source table = target(body.field("relation"), scope);
    from_item(body.field("sourceRelation"), scope);
    expression(body.field("joinCondition"), scope);
    for (const JsonNode& item : body.list("mergeWhenClauses")) {
      JsonNode clause = item.body();
      std::string_view command = clause.string("commandType");
      if (command == "CMD_INSERT") {
        record_merge_insert(table, clause);
        expression(clause.field("values"), scope);
      } else if (command == "CMD_UPDATE") {
        set_list(clause.list("targetList"), table, scope);
      }
      expression(clause.field("condition"), scope);
    }
  }
};

struct ParseResultDeleter {
  void operator()(PgQueryParseResult* result) const {
    pg_query_free_parse_result(*result);
    delete result;
  }
};

}  // namespace

QueryUses query_uses(const std::string& sql, const Schema& deployed) {
  QueryUses out;
  std::unique_ptr<PgQueryParseResult, ParseResultDeleter> result(
      new PgQueryParseResult(pg_query_parse(sql.c_str())));
  if (result->error != nullptr) {
    out.error = result->error->message != nullptr ? result->error->message : "syntax error";
    if (result->error->cursorpos > 0) {
      out.error_offset = cursor_to_offset(sql, result->error->cursorpos);
    }
    return out;
  }
  simdjson::dom::parser json;
  simdjson::dom::element document;
  if (json.parse(result->parse_tree, std::strlen(result->parse_tree)).get(document) !=
      simdjson::SUCCESS) {
    out.error = "not valid UTF-8";
    return out;
  }
  Walker walker(deployed);
  for (const JsonNode& raw : JsonNode(document).list("stmts")) {
    JsonNode statement = raw.field("stmt");
    std::string_view kind = statement.kind();
    if (kind != "SelectStmt" && kind != "InsertStmt" && kind != "UpdateStmt" &&
        kind != "DeleteStmt" && kind != "MergeStmt") {
      continue;  // BEGIN, SET, … around the queries of one literal
    }
    walker.statement(statement, nullptr);
    out.parsed = true;
  }
  if (!out.parsed) out.error = "not a query";
  out.uses = std::move(walker.uses);
  return out;
}

}  // namespace twostep::sql
