#include "analyzer/rails/sql_text.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "analyzer/rails/inflector.hpp"
#include "analyzer/rails/translate.hpp"
#include "twostep/change.hpp"

namespace twostep::rails {

using Kind = Value::Kind;

std::optional<std::string> name_of(const Value* value) {
  if (value == nullptr || !value->is_name()) return std::nullopt;
  return value->text;
}

// Names given as one symbol or string, or as an array of them.
std::optional<std::vector<std::string>> names_of(const Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_name()) return std::vector<std::string>{value->text};
  if (value->kind != Kind::Array) return std::nullopt;
  std::vector<std::string> out;
  for (const Value& item : value->items) {
    if (!item.is_name()) return std::nullopt;
    out.push_back(item.text);
  }
  return out;
}

bool is_true(const Value* value) {
  return value != nullptr && value->kind != Kind::False && value->kind != Kind::Nil;
}

bool is_false(const Value* value) {
  return value != nullptr && value->kind == Kind::False;
}

std::string ident(const std::string& name) {
  return quote_identifier(name);
}

// `"billing.invoices"` → `billing.invoices`; the schema part is kept.
std::string table_sql(const std::string& name) {
  std::size_t dot = name.find('.');
  if (dot == std::string::npos) return ident(name);
  return ident(name.substr(0, dot)) + "." + ident(name.substr(dot + 1));
}

std::string base_name(const std::string& table) {
  std::size_t dot = table.rfind('.');
  return dot == std::string::npos ? table : table.substr(dot + 1);
}

std::string quoted_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// A Ruby literal as SQL; empty when it is not one.
std::string literal_sql(const Value& value) {
  switch (value.kind) {
    case Kind::String:
      return value.literal ? quoted_string(value.text) : std::string();
    case Kind::Symbol:
      return quoted_string(value.text);
    case Kind::Number: {
      std::string digits;
      for (char c : value.text) {
        if (c != '_') digits += c;
      }
      return digits;
    }
    case Kind::True:
      return "true";
    case Kind::False:
      return "false";
    case Kind::Nil:
      return "NULL";
    case Kind::Lambda:
      return value.text;
    case Kind::Hash:
      // A JSON default (`default: {}`): its exact text changes no rule's verdict.
      return "'{}'";
    case Kind::Array: {
      std::vector<std::string> items;
      for (const Value& item : value.items) items.push_back(literal_sql(item));
      return fmt::format("'{{{}}}'", fmt::join(items, ","));
    }
    default:
      return {};
  }
}

// Rails names constraints after a digest of the table and column; twostep only needs a name that
// the same call computes again (remove_foreign_key, validate_check_constraint).
std::string hashed(std::string_view prefix, const std::string& identifier) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : identifier) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("{}{:010x}", prefix, hash & 0xFFFFFFFFFFULL);
}

std::string column_definition(const std::string& name, const std::string& type,
                              const Options& options) {
  std::string sql = ident(name) + " ";
  if (type == "virtual") {
    const Value* of = find_option(options, "type");
    sql += column_type(of && of->is_name() ? of->text : "text", options);
  } else {
    sql += column_type(type, options);
  }
  if (is_true(find_option(options, "array"))) sql += "[]";
  if (auto collation = name_of(find_option(options, "collation"))) {
    sql += " COLLATE " + ident(*collation);
  }
  if (type == "virtual") {
    if (const Value* as = find_option(options, "as"); as && as->kind == Kind::String) {
      sql += " GENERATED ALWAYS AS (" + as->text + ") STORED";
    }
  }
  if (const Value* value = find_option(options, "default");
      value != nullptr && value->kind != Kind::Nil) {
    std::string literal = literal_sql(*value);
    sql += " DEFAULT " + (literal.empty() ? std::string("NULL") : literal);
  }
  if (is_false(find_option(options, "null"))) sql += " NOT NULL";
  if (is_true(find_option(options, "primary_key"))) sql += " PRIMARY KEY";
  return sql;
}

std::string index_name(const std::string& table, const std::vector<std::string>& columns) {
  std::string name = "index_" + base_name(table) + "_on_";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) name += "_and_";
    for (char c : columns[i]) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      name += word ? c : '_';
    }
  }
  return name;
}

// CREATE INDEX for `add_index table, columns, options`; empty when the columns cannot be read.
std::string index_sql(const std::string& table, const Value* columns, const Options& options) {
  std::vector<std::string> names;
  std::vector<std::string> keys;
  if (columns != nullptr && columns->kind == Kind::String && columns->literal &&
      columns->text.find_first_of("( ") != std::string::npos) {
    names.push_back(columns->text);
    keys.push_back(columns->text);  // an expression, as written
  } else if (auto list = names_of(columns)) {
    names = *list;
    const Value* order = find_option(options, "order");
    for (const std::string& column : *list) {
      std::string key = ident(column);
      if (order != nullptr && order->kind == Kind::Hash) {
        if (auto direction = name_of(order->option(column))) key += " " + *direction;
      } else if (auto direction = name_of(order)) {
        key += " " + *direction;
      }
      keys.push_back(key);
    }
  } else {
    return {};
  }
  std::string name = name_of(find_option(options, "name")).value_or(index_name(table, names));
  std::string sql = "CREATE ";
  if (is_true(find_option(options, "unique"))) sql += "UNIQUE ";
  sql += "INDEX ";
  if (name_of(find_option(options, "algorithm")) == "concurrently") sql += "CONCURRENTLY ";
  if (is_true(find_option(options, "if_not_exists"))) sql += "IF NOT EXISTS ";
  sql += ident(name) + " ON " + table_sql(table);
  if (auto using_method = name_of(find_option(options, "using"))) sql += " USING " + *using_method;
  sql += fmt::format(" ({})", fmt::join(keys, ", "));
  if (auto include = names_of(find_option(options, "include"))) {
    std::vector<std::string> quoted;
    for (const std::string& column : *include) quoted.push_back(ident(column));
    sql += fmt::format(" INCLUDE ({})", fmt::join(quoted, ", "));
  }
  if (is_true(find_option(options, "nulls_not_distinct"))) sql += " NULLS NOT DISTINCT";
  if (const Value* where = find_option(options, "where"); where && where->kind == Kind::String) {
    sql += " WHERE " + where->text;
  }
  return sql;
}

std::string foreign_key_clause(const std::string& from, const std::string& to,
                               const Options& options) {
  std::string column =
      name_of(find_option(options, "column")).value_or(singularize(base_name(to)) + "_id");
  std::string primary = name_of(find_option(options, "primary_key")).value_or("id");
  std::string name = name_of(find_option(options, "name"))
                         .value_or(hashed("fk_rails_", from + "_" + column + "_fk"));
  std::string sql = fmt::format("CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})", ident(name),
                                ident(column), table_sql(to), ident(primary));
  for (const char* action : {"on_delete", "on_update"}) {
    auto how = name_of(find_option(options, action));
    if (!how) continue;
    std::string word = *how == "cascade"    ? "CASCADE"
                       : *how == "nullify"  ? "SET NULL"
                       : *how == "restrict" ? "RESTRICT"
                                            : "NO ACTION";
    sql += std::string(action) == "on_delete" ? " ON DELETE " : " ON UPDATE ";
    sql += word;
  }
  if (auto deferrable = name_of(find_option(options, "deferrable"))) {
    sql += *deferrable == "immediate" ? " DEFERRABLE INITIALLY IMMEDIATE"
                                      : " DEFERRABLE INITIALLY DEFERRED";
  }
  return sql;
}

const std::set<std::string>& column_types() {
  static const std::set<std::string> types = {
      "string",    "text",      "integer",     "bigint",    "float",     "decimal",   "numeric",
      "datetime",  "timestamp", "timestamptz", "time",      "date",      "binary",    "boolean",
      "json",      "jsonb",     "uuid",        "inet",      "cidr",      "macaddr",   "hstore",
      "citext",    "ltree",     "interval",    "money",     "xml",       "tsvector",  "point",
      "line",      "lseg",      "box",         "path",      "polygon",   "circle",    "oid",
      "daterange", "numrange",  "tsrange",     "tstzrange", "int4range", "int8range", "serial",
      "bigserial", "bit",       "bit_varying", "enum",      "virtual"};
  return types;
}

// `change_table`'s `t.` methods, as the top-level calls they stand for.
const std::map<std::string, std::string>& table_methods() {
  static const std::map<std::string, std::string> methods = {
      {"column", "add_column"},
      {"remove", "remove_columns"},
      {"rename", "rename_column"},
      {"change", "change_column"},
      {"change_default", "change_column_default"},
      {"change_null", "change_column_null"},
      {"index", "add_index"},
      {"remove_index", "remove_index"},
      {"rename_index", "rename_index"},
      {"references", "add_reference"},
      {"belongs_to", "add_reference"},
      {"remove_references", "remove_reference"},
      {"remove_belongs_to", "remove_reference"},
      {"timestamps", "add_timestamps"},
      {"remove_timestamps", "remove_timestamps"},
      {"check_constraint", "add_check_constraint"},
      {"remove_check_constraint", "remove_check_constraint"},
      {"foreign_key", "add_foreign_key"},
      {"remove_foreign_key", "remove_foreign_key"},
  };
  return methods;
}

}  // namespace twostep::rails
