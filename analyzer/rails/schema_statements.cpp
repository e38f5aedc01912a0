// The calls of ActiveRecord's SchemaStatements on one table (`add_column`, `remove_index`,
// `add_foreign_key`, …), top-level or from a `change_table` block, as the SQL Rails sends.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "analyzer/rails/translator.hpp"

namespace twostep::rails {

using Kind = Value::Kind;

bool Translator::is_table_call(const std::string& name) {
  static const std::set<std::string> names = {"drop_join_table",
                                              "drop_table",
                                              "enable_extension",
                                              "disable_extension",
                                              "create_schema",
                                              "drop_schema",
                                              "create_enum",
                                              "drop_enum",
                                              "add_enum_value",
                                              "rename_enum_value",
                                              "rename_enum",
                                              "rename_table",
                                              "add_column",
                                              "remove_column",
                                              "remove_columns",
                                              "rename_column",
                                              "change_column",
                                              "change_column_null",
                                              "change_column_default",
                                              "change_column_comment",
                                              "change_table_comment",
                                              "add_timestamps",
                                              "remove_timestamps",
                                              "add_reference",
                                              "add_belongs_to",
                                              "remove_reference",
                                              "remove_belongs_to",
                                              "add_index",
                                              "remove_index",
                                              "rename_index",
                                              "add_foreign_key",
                                              "remove_foreign_key",
                                              "validate_foreign_key",
                                              "add_check_constraint",
                                              "remove_check_constraint",
                                              "validate_check_constraint"};
  return names.count(name) > 0;
}

bool Translator::dsl(const std::string& name, const Call& call, Span ruby) {
  const Value* table_value = call.arg(0);
  if (name == "drop_join_table") {
    auto first = name_of(call.arg(0));
    auto second = name_of(call.arg(1));
    if (!first || !second) return false;
    std::vector<std::string> tables = {*first, *second};
    std::sort(tables.begin(), tables.end());
    std::string joined = name_of(call.option("table_name")).value_or(tables[0] + "_" + tables[1]);
    emit("DROP TABLE " + table_sql(joined), ruby);
    return true;
  }
  if (name == "drop_table") {
    std::vector<std::string> tables;
    for (const Value* value : call.args) {
      if (!value->is_name()) return false;
      tables.push_back(table_sql(value->text));
    }
    if (tables.empty()) return false;
    std::string sql = "DROP TABLE ";
    if (is_true(call.option("if_exists"))) sql += "IF EXISTS ";
    sql += fmt::format("{}", fmt::join(tables, ", "));
    if (name_of(call.option("force")) == "cascade") sql += " CASCADE";
    emit(sql, ruby);
    return true;
  }
  if (name == "enable_extension" || name == "disable_extension") {
    auto extension = name_of(table_value);
    if (!extension) return false;
    emit(name == "enable_extension" ? "CREATE EXTENSION IF NOT EXISTS " + ident(*extension)
                                    : "DROP EXTENSION IF EXISTS " + ident(*extension) + " CASCADE",
         ruby);
    return true;
  }
  if (name == "create_schema" || name == "drop_schema") {
    auto schema = name_of(table_value);
    if (!schema) return false;
    emit((name == "create_schema" ? "CREATE SCHEMA " : "DROP SCHEMA ") + ident(*schema), ruby);
    return true;
  }
  if (name == "create_enum" || name == "drop_enum" || name == "add_enum_value" ||
      name == "rename_enum_value" || name == "rename_enum") {
    auto type = name_of(table_value);
    if (!type) return false;
    std::string type_sql = table_sql(*type);
    if (name == "create_enum") {
      const Value* values = call.arg(1);
      auto labels = names_of(values);
      if (!labels) return false;
      std::vector<std::string> quoted;
      for (const std::string& label : *labels) quoted.push_back(quoted_string(label));
      emit(fmt::format("CREATE TYPE {} AS ENUM ({})", type_sql, fmt::join(quoted, ", ")), ruby);
    } else if (name == "drop_enum") {
      emit("DROP TYPE " + std::string(is_true(call.option("if_exists")) ? "IF EXISTS " : "") +
               type_sql,
           ruby);
    } else if (name == "add_enum_value") {
      auto value = name_of(call.arg(1));
      if (!value) return false;
      std::string sql = "ALTER TYPE " + type_sql + " ADD VALUE " + quoted_string(*value);
      if (auto before = name_of(call.option("before"))) sql += " BEFORE " + quoted_string(*before);
      if (auto after = name_of(call.option("after"))) sql += " AFTER " + quoted_string(*after);
      emit(sql, ruby);
    } else if (name == "rename_enum_value") {
      auto from = name_of(call.option("from"));
      auto to = name_of(call.option("to"));
      if (!from || !to) return false;
      emit(fmt::format("ALTER TYPE {} RENAME VALUE {} TO {}", type_sql, quoted_string(*from),
                       quoted_string(*to)),
           ruby);
    } else {
      auto to = name_of(call.arg(1) ? call.arg(1) : call.option("to"));
      if (!to) return false;
      emit(fmt::format("ALTER TYPE {} RENAME TO {}", type_sql, ident(*to)), ruby);
    }
    return true;
  }
  auto table = name_of(table_value);
  if (!table) return false;
  const Value* second = call.arg(1);
  if (name == "rename_table") {
    auto to = name_of(second);
    if (!to) return false;
    emit(fmt::format("ALTER TABLE {} RENAME TO {}", table_sql(*table), ident(*to)), ruby);
    return true;
  }
  if (name == "add_column") {
    auto column = name_of(second);
    auto type = name_of(call.arg(2));
    if (!column || !type) return false;
    std::string sql = "ADD COLUMN ";
    if (is_true(call.option("if_not_exists"))) sql += "IF NOT EXISTS ";
    alter(*table, sql + column_sql(*column, *type, call.options), ruby);
    if (is_true(call.option("index"))) {
      Value columns = Value::of(Kind::String, *column);
      const Value* index = call.option("index");
      emit(index_sql(*table, &columns, index->kind == Kind::Hash ? index->entries : Options{}),
           ruby);
    }
    return true;
  }
  if (name == "remove_column" || name == "remove_columns") {
    std::vector<std::string> columns;
    std::size_t last = name == "remove_column" ? 2 : call.args.size();
    for (std::size_t i = 1; i < std::min(last, call.args.size()); ++i) {
      if (!call.args[i]->is_name()) return false;
      columns.push_back(call.args[i]->text);
    }
    if (columns.empty()) return false;
    std::string if_exists = is_true(call.option("if_exists")) ? "IF EXISTS " : "";
    for (const std::string& column : columns) {
      alter(*table, "DROP COLUMN " + if_exists + ident(column), ruby);
    }
    return true;
  }
  if (name == "rename_column") {
    auto from = name_of(second);
    auto to = name_of(call.arg(2));
    if (!from || !to) return false;
    emit(fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", table_sql(*table), ident(*from),
                     ident(*to)),
         ruby);
    return true;
  }
  if (name == "change_column") {
    auto column = name_of(second);
    auto type = name_of(call.arg(2));
    if (!column || !type) return false;
    std::string new_type = type_sql(*type, call.options);
    if (is_true(call.option("array"))) new_type += "[]";
    std::string sql = fmt::format("ALTER COLUMN {} TYPE {}", ident(*column), new_type);
    if (const Value* using_value = call.option("using");
        using_value && using_value->kind == Kind::String) {
      sql += " USING " + using_value->text;
    }
    if (const Value* value = call.option("default")) {
      sql += value->kind == Kind::Nil
                 ? fmt::format(", ALTER COLUMN {} DROP DEFAULT", ident(*column))
                 : fmt::format(", ALTER COLUMN {} SET DEFAULT {}", ident(*column),
                               literal_sql(*value));
    }
    if (const Value* null = call.option("null")) {
      sql += fmt::format(", ALTER COLUMN {} {} NOT NULL", ident(*column),
                         is_false(null) ? "SET" : "DROP");
    }
    alter(*table, sql, ruby);
    return true;
  }
  if (name == "change_column_null") {
    auto column = name_of(second);
    const Value* allow = call.arg(2);
    if (!column || allow == nullptr) return false;
    if (const Value* fill = call.arg(3); fill != nullptr && is_false(allow)) {
      emit(fmt::format("UPDATE {} SET {} = {} WHERE {} IS NULL", table_sql(*table), ident(*column),
                       literal_sql(*fill), ident(*column)),
           ruby);
    }
    alter(*table,
          fmt::format("ALTER COLUMN {} {} NOT NULL", ident(*column),
                      is_false(allow) ? "SET" : "DROP"),
          ruby);
    return true;
  }
  if (name == "change_column_default") {
    auto column = name_of(second);
    if (!column) return false;
    const Value* value = call.option("to");
    if (value == nullptr && call.option("from") == nullptr) value = call.arg(2);
    if (value == nullptr && call.option("from") == nullptr) return false;
    alter(*table,
          value == nullptr || value->kind == Kind::Nil
              ? fmt::format("ALTER COLUMN {} DROP DEFAULT", ident(*column))
              : fmt::format("ALTER COLUMN {} SET DEFAULT {}", ident(*column), literal_sql(*value)),
          ruby);
    return true;
  }
  if (name == "change_column_comment" || name == "change_table_comment") {
    emit(name == "change_table_comment"
             ? fmt::format("COMMENT ON TABLE {} IS NULL", table_sql(*table))
             : fmt::format("COMMENT ON COLUMN {}.{} IS NULL", table_sql(*table),
                           ident(name_of(second).value_or("id"))),
         ruby);
    return true;
  }
  if (name == "add_timestamps" || name == "remove_timestamps") {
    Options options = call.options;
    if (!find_option(options, "null"))
      options.emplace_back("null", Value::of(Kind::False, "false"));
    for (const char* column : {"created_at", "updated_at"}) {
      alter(*table,
            name == "add_timestamps" ? "ADD COLUMN " + column_sql(column, "datetime", options)
                                     : "DROP COLUMN " + ident(column),
            ruby);
    }
    return true;
  }
  if (name == "add_reference" || name == "add_belongs_to") {
    auto reference_name = name_of(second);
    if (!reference_name) return false;
    TableParts parts;
    reference(*table, *reference_name, call.options, parts, ruby);
    std::vector<std::string> constraints;
    for (const std::string& column : parts.columns) {
      if (column.rfind("FK ", 0) == 0) {
        constraints.push_back(column.substr(3));
      } else {
        alter(*table, "ADD COLUMN " + column, ruby);
      }
    }
    emit_after(parts);
    for (const std::string& constraint : constraints) alter(*table, "ADD " + constraint, ruby);
    return true;
  }
  if (name == "remove_reference" || name == "remove_belongs_to") {
    auto reference_name = name_of(second);
    if (!reference_name) return false;
    if (is_true(call.option("foreign_key")) && !is_true(call.option("polymorphic"))) {
      std::string column = *reference_name + "_id";
      alter(
          *table,
          "DROP CONSTRAINT IF EXISTS " + ident(hashed("fk_rails_", *table + "_" + column + "_fk")),
          ruby);
    }
    alter(*table, "DROP COLUMN " + ident(*reference_name + "_id"), ruby);
    if (is_true(call.option("polymorphic"))) {
      alter(*table, "DROP COLUMN " + ident(*reference_name + "_type"), ruby);
    }
    return true;
  }
  if (name == "add_index") {
    std::string sql = index_sql(*table, second, call.options);
    if (sql.empty()) return false;
    emit(sql, ruby);
    return true;
  }
  if (name == "remove_index" || name == "rename_index") {
    if (name == "rename_index") {
      auto from = name_of(second);
      auto to = name_of(call.arg(2));
      if (!from || !to) return false;
      emit(fmt::format("ALTER INDEX {} RENAME TO {}", ident(*from), ident(*to)), ruby);
      return true;
    }
    std::optional<std::string> index = name_of(call.option("name"));
    if (!index) {
      const Value* columns = call.option("column") ? call.option("column") : second;
      auto list = names_of(columns);
      if (!list) return false;
      index = index_name(*table, *list);
    }
    std::string sql = "DROP INDEX ";
    if (name_of(call.option("algorithm")) == "concurrently") sql += "CONCURRENTLY ";
    if (is_true(call.option("if_exists"))) sql += "IF EXISTS ";
    emit(sql + ident(*index), ruby);
    return true;
  }
  if (name == "add_foreign_key") {
    auto to = name_of(second);
    if (!to) return false;
    std::string sql = "ADD " + foreign_key_clause(*table, *to, call.options);
    if (is_false(call.option("validate"))) sql += " NOT VALID";
    alter(*table, sql, ruby);
    return true;
  }
  if (name == "remove_foreign_key" || name == "validate_foreign_key") {
    std::optional<std::string> constraint = name_of(call.option("name"));
    if (!constraint) {
      auto to = name_of(second ? second : call.option("to_table"));
      std::string column = name_of(call.option("column"))
                               .value_or(to ? singularize(base_name(*to)) + "_id" : std::string());
      if (column.empty()) return false;
      constraint = hashed("fk_rails_", *table + "_" + column + "_fk");
    }
    alter(*table,
          (name == "remove_foreign_key" ? "DROP CONSTRAINT " : "VALIDATE CONSTRAINT ") +
              ident(*constraint),
          ruby);
    return true;
  }
  if (name == "add_check_constraint") {
    if (second == nullptr || second->kind != Kind::String || !second->literal) return false;
    std::string constraint =
        name_of(call.option("name")).value_or(hashed("chk_rails_", second->text));
    std::string sql = fmt::format("ADD CONSTRAINT {} CHECK ({})", ident(constraint), second->text);
    if (is_false(call.option("validate"))) sql += " NOT VALID";
    alter(*table, sql, ruby);
    return true;
  }
  if (name == "remove_check_constraint" || name == "validate_check_constraint") {
    std::optional<std::string> constraint = name_of(call.option("name"));
    if (!constraint && second != nullptr && second->kind == Kind::String && second->literal) {
      constraint = hashed("chk_rails_", second->text);
    }
    if (!constraint) return false;
    alter(*table,
          (name == "remove_check_constraint" ? "DROP CONSTRAINT " : "VALIDATE CONSTRAINT ") +
              ident(*constraint),
          ruby);
    return true;
  }
  return false;
}

}  // namespace twostep::rails
