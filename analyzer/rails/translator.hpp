#pragma once
// The translator shared by translate.cpp (blocks, tables, the framework around the calls) and
// schema_statements.cpp (the calls on a table): it writes the SQL and the source map.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/rails/inflector.hpp"
#include "analyzer/rails/sql_text.hpp"
#include "analyzer/rails/translate.hpp"

namespace twostep::rails {

// What the DSL reads, resolved from one call's arguments.
struct Call {
  const Node& node;
  std::vector<const Value*> args;  // positional, the table first where the DSL has one
  Options options;

  const Value* arg(std::size_t index) const { return index < args.size() ? args[index] : nullptr; }
  const Value* option(std::string_view key) const { return find_option(options, key); }
};

class Translator {
 public:
  using Kind = Value::Kind;

  // `rails_version`: the migration's `ActiveRecord::Migration[x.y]` (its defaults); empty: before
  // Rails 5. db/schema.rb spells its types out, and takes the current defaults.
  Translator(std::string_view source, const RubySource& ruby, bool schema,
             std::string rails_version = "7.1")
      : source_(source), schema_(schema), rails_version_(std::move(rails_version)) {
    for (const lang::ruby::Comment& comment : ruby.comments) {
      std::string_view text = source.substr(comment.begin, comment.end - comment.begin);
      comments_.push_back(comment);
      directive_.push_back(text.find("twostep:ignore") != std::string_view::npos ||
                           text.find("squawk-ignore") != std::string_view::npos);
    }
  }

  Translation out;

  void run(const std::vector<Node>& body) { statements(body); }

  void set_methods(const std::vector<Method>& methods) {
    for (const Method& method : methods) methods_[method.name] = &method;
  }

  void flush_remaining_comments() { flush_before(source_.size(), false); }

 private:
  std::string_view source_;
  bool schema_;
  std::string rails_version_;

  // Whether the migration keeps the defaults of a Rails older than `major.minor`.
  bool before(int major, int minor) const {
    if (rails_version_.empty()) return true;
    int have_major = std::atoi(rails_version_.c_str());
    std::size_t dot = rails_version_.find('.');
    int have_minor = dot == std::string::npos ? 0 : std::atoi(rails_version_.c_str() + dot + 1);
    return have_major < major || (have_major == major && have_minor < minor);
  }
  // Rails 5.1 made primary and foreign keys bigint; before, they were integer.
  std::string key_type() const { return before(5, 1) ? "integer" : "bigint"; }
  // Rails 7.0 gave datetimes a precision of 6; before, none.
  Options with_defaults(const std::string& type, Options options) const {
    if ((type == "datetime" || type == "timestamp") && before(7, 0) &&
        find_option(options, "precision") == nullptr) {
      options.emplace_back("precision", Value::of(Kind::Nil, "nil"));
    }
    return options;
  }
  std::string column_sql(const std::string& name, const std::string& type,
                         const Options& options) const {
    return column_definition(name, type, with_defaults(type, options));
  }
  std::string type_sql(const std::string& type, const Options& options) const {
    return column_type(type, with_defaults(type, options));
  }
  std::vector<lang::ruby::Comment> comments_;
  std::vector<bool> directive_;
  std::size_t next_comment_ = 0;
  std::map<std::string, const Method*> methods_;
  std::set<std::string> inlining_;
  // change_table with `bulk: true`: subcommands on this table join the ALTER TABLE before them.
  std::optional<std::string> bulk_table_;
  std::size_t bulk_end_ = std::string::npos;  // where the last bulk ALTER TABLE ends in the SQL

  int last_line(const Node& node) const {
    return node.line + static_cast<int>(std::count(source_.begin() + node.span.begin,
                                                   source_.begin() + node.span.end, '\n'));
  }

  void segment(std::size_t begin, Span original, bool exact = false) {
    out.source_map.push_back(SourceSegment{{begin, out.sql.size()}, original, exact});
  }

  // Suppression comments stay where they stand: before a statement on lines of their own, or
  // after it on its line (analyzer/sql/parse.cpp attaches them the same way in SQL).
  void flush_before(std::size_t offset, bool trailing) {
    for (; next_comment_ < comments_.size() && comments_[next_comment_].begin < offset;
         ++next_comment_) {
      if (!directive_[next_comment_]) continue;
      const lang::ruby::Comment& comment = comments_[next_comment_];
      std::string_view body = source_.substr(comment.begin + 1, comment.end - comment.begin - 1);
      if (trailing && !out.sql.empty() && out.sql.back() == '\n') {
        out.sql.pop_back();
        out.sql += ' ';
      }
      std::size_t begin = out.sql.size();
      out.sql += "--";
      out.sql += body;
      segment(begin, {comment.begin, comment.end});
      out.sql += '\n';
    }
  }

  // The comments up to the end of the node's last line follow its last statement on its line.
  void trailing_comments(const Node& node) {
    int line = last_line(node);
    while (next_comment_ < comments_.size() && comments_[next_comment_].line <= line) {
      flush_before(comments_[next_comment_].begin + 1, true);
    }
  }

  // One statement Rails sends, standing for `ruby` in the file.
  void emit(const std::string& sql, Span ruby) {
    bulk_end_ = std::string::npos;
    std::size_t begin = out.sql.size();
    out.sql += sql;
    segment(begin, ruby);
    out.sql += ";\n";
  }

  // `ALTER TABLE t <subcommand>`; in a bulk change_table, joined to the ALTER TABLE before it.
  void alter(const std::string& table, const std::string& subcommand, Span ruby) {
    if (bulk_table_ && *bulk_table_ == table && bulk_end_ == out.sql.size()) {
      out.sql.resize(out.sql.size() - 2);  // the `;\n`
      out.sql += ",\n  ";
      std::size_t begin = out.sql.size();
      out.sql += subcommand;
      segment(begin, ruby);
      out.sql += ";\n";
      bulk_end_ = out.sql.size();
      return;
    }
    emit("ALTER TABLE " + table_sql(table) + " " + subcommand, ruby);
    if (bulk_table_ && *bulk_table_ == table) bulk_end_ = out.sql.size();
  }

  void untranslated(const Node& node, const std::string& what,
                    std::vector<std::string> tables = {}) {
    bulk_end_ = std::string::npos;
    std::size_t begin = out.sql.size();
    out.sql += "-- Ruby twostep does not translate";
    segment(begin, node.span);
    out.untranslated.push_back(Untranslated{{begin, out.sql.size()}, what, std::move(tables)});
    out.sql += '\n';
  }

  void statements(const std::vector<Node>& body) {
    for (const Node& node : body) {
      flush_before(node.span.begin, false);
      statement(node);
      trailing_comments(node);
    }
  }

  static std::vector<std::string> first_table(const Node& node) {
    if (!node.args.empty() && node.args.front().is_name()) return {node.args.front().text};
    return {};
  }

  void statement(const Node& node) {
    if (!node.call) {
      untranslated(node, node.what, model_table(node.receiver));
      return;
    }
    if (!node.receiver.empty()) {
      receiver_call(node);
      return;
    }
    Call call{node, {}, node.options};
    for (const Value& value : node.args) call.args.push_back(&value);
    if (dsl(node.name, call, node.span)) return;
    const std::string& name = node.name;
    if (is_table_call(name)) {
      untranslated(node, fmt::format("`{}` with arguments twostep cannot read", name),
                   first_table(node));
      return;
    }
    if (name == "reversible") {
      reversible(node);
    } else if (name == "up_only" || name == "say_with_time" || name == "suppress_messages" ||
               name == "with_lock_retries" || name == "transaction") {
      // Blocks that run their statements as they stand (GitLab's `with_lock_retries` retries
      // them with a short lock timeout).
      if (node.block) statements(node.block->body);
    } else if (name == "say" || name == "disable_ddl_transaction!") {
      if (name == "disable_ddl_transaction!") out.ddl_transaction = false;
    } else if (name == "safety_assured") {
      safety_assured(node);
    } else if (name == "execute") {
      execute(node);
    } else if (name == "create_table") {
      create_table(node);
    } else if (name == "change_table") {
      change_table(node);
    } else if (name == "create_join_table") {
      create_join_table(node);
    } else if (auto method = methods_.find(name); method != methods_.end() &&
                                                  !method->second->has_parameters &&
                                                  node.args.empty() && inlining_.count(name) == 0) {
      // A helper method of the migration, without parameters: its body runs here.
      inlining_.insert(name);
      statements(method->second->body);
      inlining_.erase(name);
    } else if (methods_.count(name) > 0) {
      untranslated(node,
                   fmt::format("a call to `{}`, a method of this migration that takes "
                               "arguments",
                               name),
                   first_table(node));
    } else if (name == "revert") {
      untranslated(node, "`revert`, which runs another migration backwards", first_table(node));
    } else {
      untranslated(node,
                   fmt::format("a call to `{}`, which is no migration method twostep knows", name),
                   first_table(node));
    }
  }

  // `Admin::User` → `users`, the table a model's query reads; nothing for a local.
  static std::vector<std::string> model_table(const std::string& receiver) {
    if (!is_model_name(receiver)) return {};
    std::string model = receiver;
    if (std::size_t at = model.rfind("::"); at != std::string::npos) model = model.substr(at + 2);
    return {pluralize(underscore(model))};
  }

  void receiver_call(const Node& node) {
    if ((node.receiver == "connection" || node.receiver == "ActiveRecord::Base") &&
        node.name == "execute") {
      execute(node);
      return;
    }
    if (node.name == "reset_column_information") return;  // reloads the model's columns only
    static const std::set<std::string> loops = {"each", "each_with_index", "each_pair", "times",
                                                "map",  "find_each",       "in_batches"};
    if (loops.count(node.name) > 0) {
      untranslated(node, "a loop (`." + node.name + "`)", model_table(node.receiver));
      return;
    }
    if (std::vector<std::string> table = model_table(node.receiver); !table.empty()) {
      untranslated(node,
                   fmt::format("`{}.{}`, a query through a model, which twostep does not run",
                               node.receiver, node.name),
                   table);
      return;
    }
    bool constant = node.receiver[0] >= 'A' && node.receiver[0] <= 'Z';
    untranslated(node,
                 constant ? fmt::format("a call to `{}.{}`, which twostep does not know",
                                        node.receiver, node.name)
                          : fmt::format("`{}.{}` outside a table block", node.receiver, node.name));
  }

  void reversible(const Node& node) {
    if (!node.block) {
      untranslated(node, "`reversible` without a block");
      return;
    }
    std::string direction = node.block->params.empty() ? "dir" : node.block->params.front();
    for (const Node& inner : node.block->body) {
      flush_before(inner.span.begin, false);
      if (inner.call && inner.receiver == direction &&
          (inner.name == "up" || inner.name == "down")) {
        // Only what runs on `db:migrate` counts: the `down` part is never checked.
        if (inner.name == "up" && inner.block) statements(inner.block->body);
      } else {
        statement(inner);
      }
      trailing_comments(inner);
    }
  }

  void safety_assured(const Node& node) {
    std::size_t marker = out.sql.size();
    out.sql += "-- safety_assured";
    segment(marker, {node.span.begin, node.span.begin + std::string_view("safety_assured").size()});
    Span marker_span{marker, out.sql.size()};
    out.sql += '\n';
    std::size_t begin = out.sql.size();
    if (node.block) statements(node.block->body);
    out.acknowledged.push_back(
        Acknowledgement{{begin, out.sql.size()}, marker_span, reason_for(node)});
  }

  // The comment on a line's end, or the comment lines right above it: the reason for an
  // acknowledgement.
  std::string reason_for(const Node& node) const {
    std::vector<std::string> lines;
    int line = node.line - 1;
    for (auto comment = comments_.rbegin(); comment != comments_.rend(); ++comment) {
      if (comment->line == line && comment->begin < node.span.begin) {
        lines.insert(lines.begin(), comment_text(*comment));
        --line;
      }
    }
    // On its own line (`safety_assured do # the table is empty`), after the call's name.
    for (const lang::ruby::Comment& comment : comments_) {
      if (comment.line == node.line && comment.begin > node.span.begin) {
        lines.push_back(comment_text(comment));
      }
    }
    std::string out;
    for (const std::string& text : lines) {
      if (text.empty()) continue;
      if (!out.empty()) out += ' ';
      out += text;
    }
    return out;
  }

  std::string comment_text(const lang::ruby::Comment& comment) const {
    std::string_view text = source_.substr(comment.begin, comment.end - comment.begin);
    while (!text.empty() && (text.front() == '#' || text.front() == ' ' || text.front() == '\t')) {
      text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return std::string(text);
  }

  void execute(const Node& node) {
    const Value* sql = node.args.empty() ? nullptr : &node.args.front();
    if (sql == nullptr || sql->kind != Kind::String) {
      untranslated(node, "`execute` of SQL that is not a string literal");
      return;
    }
    if (!sql->literal) {
      untranslated(node, "`execute` of SQL built with interpolation (`#{…}`)");
      return;
    }
    bulk_end_ = std::string::npos;
    std::size_t begin = out.sql.size();
    out.sql += sql->text;
    if (sql->exact) {
      segment(begin, {sql->value_begin, sql->value_begin + sql->text.size()}, true);
    } else {
      segment(begin, node.span);
    }
    std::size_t last = out.sql.find_last_not_of(" \t\r\n");
    if (last == std::string::npos || last < begin || out.sql[last] != ';') out.sql += "\n;";
    out.sql += '\n';
  }

  // ----------------------------------------------------------------------------------------
  // Columns

  struct TableParts {
    std::vector<std::string> columns;                 // definitions and table constraints
    std::vector<std::pair<std::string, Span>> after;  // statements after CREATE TABLE
  };

  // The statements a table's definition sends after it (its indexes).
  void emit_after(const TableParts& parts) {
    for (const auto& [sql, span] : parts.after) {
      if (!sql.empty()) emit(sql, span);
    }
  }

  // `t.references :user` / `add_reference :posts, :user`: its columns, index and foreign key.
  void reference(const std::string& table, const std::string& name, const Options& options,
                 TableParts& parts, Span ruby) {
    bool polymorphic = is_true(find_option(options, "polymorphic"));
    std::string type = name_of(find_option(options, "type")).value_or(key_type());
    Options column_options;
    if (const Value* null = find_option(options, "null"))
      column_options.emplace_back("null", *null);
    if (const Value* fallback = find_option(options, "default")) {
      column_options.emplace_back("default", *fallback);
    }
    if (polymorphic) {
      parts.columns.push_back(column_sql(name + "_type", "string", column_options));
    }
    parts.columns.push_back(column_sql(name + "_id", type, column_options));
    const Value* index = find_option(options, "index");
    if (!is_false(index) && !(index != nullptr && index->kind == Kind::Nil)) {
      Value columns;
      columns.kind = Kind::Array;
      for (const std::string& column : polymorphic
                                           ? std::vector<std::string>{name + "_type", name + "_id"}
                                           : std::vector<std::string>{name + "_id"}) {
        Value item;
        item.kind = Kind::String;
        item.text = column;
        columns.items.push_back(item);
      }
      Options index_options =
          index != nullptr && index->kind == Kind::Hash ? index->entries : Options{};
      parts.after.emplace_back(index_sql(table, &columns, index_options), ruby);
    }
    const Value* foreign_key = find_option(options, "foreign_key");
    if (is_true(foreign_key) && !polymorphic) {
      Options fk_options = foreign_key->kind == Kind::Hash ? foreign_key->entries : Options{};
      std::string to = name_of(find_option(fk_options, "to_table")).value_or(pluralize(name));
      fk_options.emplace_back("column", Value::of(Kind::String, name + "_id"));
      parts.columns.push_back("FK " + foreign_key_clause(table, to, fk_options) +
                              (is_false(find_option(fk_options, "validate")) ? " NOT VALID" : ""));
    }
  }

  // ----------------------------------------------------------------------------------------
  // Tables

  void create_table(const Node& node) {
    auto table = name_of(node.args.empty() ? nullptr : &node.args.front());
    if (!table) {
      untranslated(node, "`create_table` of a table named by an expression");
      return;
    }
    const Value* force = node.option("force");
    if (is_true(force) && !schema_) {
      emit("DROP TABLE IF EXISTS " + table_sql(*table) +
               (name_of(force) == "cascade" ? " CASCADE" : ""),
           node.span);
    }
    TableParts parts;
    const Value* id = node.option("id");
    const Value* primary_key = node.option("primary_key");
    std::optional<std::vector<std::string>> primary_keys = names_of(primary_key);
    if (primary_keys && primary_keys->size() > 1) {
      // A composite key: its columns come from the block.
    } else if (!is_false(id)) {
      std::string key = primary_keys ? primary_keys->front() : "id";
      std::string type = name_of(id).value_or(key_type());
      if (type == "uuid") {
        parts.columns.push_back(ident(key) +
                                " uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY");
      } else if (type == "bigint" || type == "primary_key") {
        parts.columns.push_back(ident(key) + " bigserial PRIMARY KEY");
      } else if (type == "integer" || type == "serial") {
        parts.columns.push_back(ident(key) + " serial PRIMARY KEY");
      } else {
        parts.columns.push_back(ident(key) + " " + column_type(type, {}) + " PRIMARY KEY");
      }
    }
    if (node.block) {
      std::string var = node.block->params.empty() ? "t" : node.block->params.front();
      for (const Node& inner : node.block->body) table_column(*table, var, inner, parts);
    }
    if (primary_keys && primary_keys->size() > 1) {
      std::vector<std::string> quoted;
      for (const std::string& column : *primary_keys) quoted.push_back(ident(column));
      parts.columns.push_back(fmt::format("PRIMARY KEY ({})", fmt::join(quoted, ", ")));
    }
    // Columns first, then table constraints, as Rails writes them.
    std::vector<std::string> definitions;
    std::vector<std::string> constraints;
    for (const std::string& column : parts.columns) {
      if (column.rfind("FK ", 0) == 0) {
        constraints.push_back(column.substr(3));
      } else if (column.rfind("CONSTRAINT ", 0) == 0 || column.rfind("PRIMARY KEY (", 0) == 0) {
        constraints.push_back(column);
      } else {
        definitions.push_back(column);
      }
    }
    definitions.insert(definitions.end(), constraints.begin(), constraints.end());
    std::string head =
        is_true(node.option("temporary")) ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
    if (is_true(node.option("if_not_exists"))) head += "IF NOT EXISTS ";
    if (const Value* as = node.option("as"); as && as->kind == Kind::String && as->literal) {
      emit(head + table_sql(*table) + " AS " + as->text, node.span);
    } else {
      emit(fmt::format("{}{} ({})", head, table_sql(*table), fmt::join(definitions, ", ")),
           node.span);
    }
    emit_after(parts);
  }

  // One `t.…` line of a create_table block.
  void table_column(const std::string& table, const std::string& var, const Node& inner,
                    TableParts& parts) {
    if (!inner.call || inner.receiver != var) {
      untranslated(
          inner,
          inner.call ? fmt::format("`{}` in a `create_table` block", inner.name) : inner.what,
          {table});
      return;
    }
    const std::string& method = inner.name;
    auto column_names = [&](std::size_t count) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < std::min(count, inner.args.size()); ++i) {
        if (inner.args[i].is_name()) out.push_back(inner.args[i].text);
      }
      return out;
    };
    auto with_index = [&](const std::string& column) {
      const Value* index = inner.option("index");
      if (!is_true(index)) return;
      Value columns = Value::of(Kind::String, column);
      Options options = index->kind == Kind::Hash ? index->entries : Options{};
      if (is_true(inner.option("unique")))
        options.emplace_back("unique", Value::of(Kind::True, "true"));
      parts.after.emplace_back(index_sql(table, &columns, options), inner.span);
    };
    if (method == "column" || method == "primary_key") {
      if (inner.args.size() < 1 || !inner.args[0].is_name()) {
        untranslated(inner, "a column named by an expression", {table});
        return;
      }
      std::string type = inner.args.size() > 1 && inner.args[1].is_name() ? inner.args[1].text
                         : method == "primary_key"                        ? "primary_key"
                                                                          : "string";
      Options options = inner.options;
      if (method == "primary_key")
        options.emplace_back("primary_key", Value::of(Kind::True, "true"));
      if (type == "primary_key") {
        parts.columns.push_back(ident(inner.args[0].text) + (key_type() == "bigint"
                                                                 ? " bigserial PRIMARY KEY"
                                                                 : " serial PRIMARY KEY"));
      } else {
        parts.columns.push_back(column_sql(inner.args[0].text, type, options));
      }
      with_index(inner.args[0].text);
    } else if (column_types().count(method) > 0) {
      for (const std::string& name : column_names(inner.args.size())) {
        parts.columns.push_back(column_sql(name, method, inner.options));
        with_index(name);
      }
    } else if (method == "timestamps") {
      Options options = inner.options;
      if (!find_option(options, "null"))
        options.emplace_back("null", Value::of(Kind::False, "false"));
      for (const char* name : {"created_at", "updated_at"}) {
        parts.columns.push_back(column_sql(name, "datetime", options));
      }
    } else if (method == "references" || method == "belongs_to") {
      for (const std::string& name : column_names(inner.args.size())) {
        reference(table, name, inner.options, parts, inner.span);
      }
    } else if (method == "index") {
      std::string sql =
          index_sql(table, inner.args.empty() ? nullptr : &inner.args[0], inner.options);
      if (sql.empty()) {
        untranslated(inner, "an index on columns given by an expression", {table});
      } else {
        parts.after.emplace_back(sql, inner.span);
      }
    } else if (method == "check_constraint" && !inner.args.empty() &&
               inner.args[0].kind == Kind::String && inner.args[0].literal) {
      std::string name =
          name_of(inner.option("name")).value_or(hashed("chk_rails_", inner.args[0].text));
      parts.columns.push_back(
          fmt::format("CONSTRAINT {} CHECK ({})", ident(name), inner.args[0].text));
    } else if (method == "foreign_key" && !inner.args.empty() && inner.args[0].is_name()) {
      parts.columns.push_back("FK " + foreign_key_clause(table, inner.args[0].text, inner.options));
    } else {
      untranslated(inner, fmt::format("`{}.{}` in a `create_table` block", var, method), {table});
    }
  }

  void change_table(const Node& node) {
    auto table = name_of(node.args.empty() ? nullptr : &node.args.front());
    if (!table || !node.block) {
      untranslated(node, "`change_table` twostep cannot read", first_table(node));
      return;
    }
    std::string var = node.block->params.empty() ? "t" : node.block->params.front();
    if (is_true(node.option("bulk"))) bulk_table_ = *table;
    for (const Node& inner : node.block->body) {
      flush_before(inner.span.begin, false);
      if (!inner.call || inner.receiver != var) {
        untranslated(
            inner,
            inner.call ? fmt::format("`{}` in a `change_table` block", inner.name) : inner.what,
            {*table});
        trailing_comments(inner);
        continue;
      }
      Call call{inner, {&node.args.front()}, inner.options};
      for (const Value& value : inner.args) call.args.push_back(&value);
      std::string method = inner.name;
      bool translated = false;
      if (auto mapped = table_methods().find(method); mapped != table_methods().end()) {
        translated = dsl(mapped->second, call, inner.span);
      } else if (column_types().count(method) > 0) {
        // `t.string :a, :b`: add_column for each.
        translated = true;
        for (std::size_t i = 1; i < call.args.size(); ++i) {
          Value type = Value::of(Kind::Symbol, method);
          Call column{inner, {call.args[0], call.args[i], &type}, inner.options};
          translated = dsl("add_column", column, inner.span) && translated;
        }
      }
      if (!translated) {
        untranslated(inner, fmt::format("`{}.{}` in a `change_table` block", var, method),
                     {*table});
      }
      trailing_comments(inner);
    }
    bulk_table_.reset();
    bulk_end_ = std::string::npos;
  }

  void create_join_table(const Node& node) {
    auto first = name_of(node.args.size() > 0 ? &node.args[0] : nullptr);
    auto second = name_of(node.args.size() > 1 ? &node.args[1] : nullptr);
    if (!first || !second) {
      untranslated(node, "`create_join_table` of tables named by expressions");
      return;
    }
    std::vector<std::string> tables = {*first, *second};
    std::sort(tables.begin(), tables.end());
    std::string name = name_of(node.option("table_name")).value_or(tables[0] + "_" + tables[1]);
    TableParts parts;
    Options options = {{"null", Value::of(Kind::False, "false")}};
    for (const std::string& table : {*first, *second}) {
      parts.columns.push_back(column_sql(singularize(table) + "_id", key_type(), options));
    }
    if (node.block) {
      std::string var = node.block->params.empty() ? "t" : node.block->params.front();
      for (const Node& inner : node.block->body) table_column(name, var, inner, parts);
    }
    emit(fmt::format("CREATE TABLE {} ({})", table_sql(name), fmt::join(parts.columns, ", ")),
         node.span);
    emit_after(parts);
  }

 public:
  // The calls on a table: top-level (`add_column :users, …`) or from `change_table`. False when
  // the name is none of them or its arguments cannot be read.
  bool dsl(const std::string& name, const Call& call, Span ruby);
  // Whether `dsl` knows the name (then a false return means arguments it cannot read).
  static bool is_table_call(const std::string& name);
};

}  // namespace twostep::rails
