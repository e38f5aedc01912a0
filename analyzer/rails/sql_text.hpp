#pragma once
// The SQL that Rails' PostgreSQL adapter writes for the pieces of the migration DSL: literals,
// column definitions, index and foreign key clauses, with the names Rails computes
// (`index_posts_on_user_id`, `user_id` for a reference to `users`).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/rails/ruby_calls.hpp"

namespace twostep::rails {

// A symbol or literal string's text.
std::optional<std::string> name_of(const Value* value);
// Names given as one symbol or string, or as an array of them.
std::optional<std::vector<std::string>> names_of(const Value* value);
bool is_true(const Value* value);   // given, and neither false nor nil
bool is_false(const Value* value);  // given as false

std::string ident(const std::string& name);      // quoted where SQL needs it
std::string table_sql(const std::string& name);  // `billing.invoices` keeps its schema
std::string base_name(const std::string& table);
std::string quoted_string(const std::string& text);
// A Ruby literal as SQL (`-> { "now()" }` as its SQL); empty when it is not one.
std::string literal_sql(const Value& value);
// A constraint name derived from `identifier`, the same for the same call every time.
std::string hashed(std::string_view prefix, const std::string& identifier);

// `name type [COLLATE …] [GENERATED …] [DEFAULT …] [NOT NULL] [PRIMARY KEY]`.
std::string column_definition(const std::string& name, const std::string& type,
                              const Options& options);
std::string index_name(const std::string& table, const std::vector<std::string>& columns);
// CREATE INDEX for `add_index table, columns, options`; empty when the columns cannot be read.
std::string index_sql(const std::string& table, const Value* columns, const Options& options);
// `CONSTRAINT name FOREIGN KEY (column) REFERENCES to (id) …`.
std::string foreign_key_clause(const std::string& from, const std::string& to,
                               const Options& options);

// The DSL's column types (`t.string`, `t.jsonb`, …).
const std::set<std::string>& column_types();
// `change_table`'s `t.` methods, as the top-level calls they stand for.
const std::map<std::string, std::string>& table_methods();

}  // namespace twostep::rails
