#pragma once
// Ruby read as the migration DSL is written: statements that are method calls with literal
// arguments and blocks (`add_column :users, :email, :string, null: false`,
// `create_table :posts do |t| … end`). Anything else — a loop, a condition, an assignment, a call
// on an expression — is kept as an opaque statement with its span, so that the translator can
// report it instead of guessing. Read with the Ruby lexer (analyzer/lang/ruby).
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/lang/ruby.hpp"
#include "twostep/diagnostic.hpp"

namespace twostep::rails {

struct Value {
  enum class Kind {
    Symbol,
    String,
    Number,
    True,
    False,
    Nil,
    Array,
    Hash,
    Constant,  // `ActiveRecord::Base`
    Lambda,    // `-> { "now()" }`: the SQL expression of a default
    Other,     // an expression twostep does not evaluate
  };
  Kind kind = Kind::Other;
  std::string text;     // symbol, string, number, constant; a lambda's string
  bool literal = true;  // a string: no interpolation
  std::size_t value_begin = 0;
  bool exact = false;  // a string's value is its bytes at value_begin
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;  // a hash; keys without `:`
  Span span;

  static Value of(Kind kind, std::string text) {
    Value value;
    value.kind = kind;
    value.text = std::move(text);
    return value;
  }
  bool is_name() const { return kind == Kind::Symbol || (kind == Kind::String && literal); }
  const Value* option(std::string_view key) const;  // a hash entry
};

struct Node;

// Keyword arguments, in the order written.
using Options = std::vector<std::pair<std::string, Value>>;
const Value* find_option(const Options& options, std::string_view key);

struct Block {
  std::vector<std::string> params;
  std::vector<Node> body;
  Span span;
};

// One statement.
struct Node {
  bool call = false;  // a call `receiver.name args [block]`; otherwise `what` says what it is
  std::string receiver;
  std::string name;
  std::vector<Value> args;  // positional
  Options options;          // keyword arguments, or a trailing hash
  std::optional<Block> block;
  std::string what;  // an opaque statement: "an `each` loop", "an `if`", "an assignment"
  Span span;
  int line = 1;

  const Value* option(std::string_view key) const;
};

// A method of the migration class.
struct Method {
  std::string name;
  bool has_parameters = false;
  std::vector<Node> body;
  Span span;
  int line = 1;
};

struct MigrationClass {
  std::vector<Method> methods;   // `change`, `up`, `down` and any helper
  std::vector<Node> class_body;  // what stands in the class outside methods
  // `ActiveRecord::Migration[5.0]` → `5.0`; empty for a migration without one (Rails 4 and
  // earlier).
  std::string rails_version;
};

// A constant that names a model class (`User`, `Admin::Post`), not a value (`DROPPED_COLUMNS`).
bool is_model_name(const std::string& constant);

struct RubySource {
  std::string error;  // the lexer's or the reader's: the file cannot be followed
  std::vector<lang::ruby::Comment> comments;
};

// The first class of a migration file (`class AddX < ActiveRecord::Migration[7.1]`).
MigrationClass read_migration_class(std::string_view source, RubySource& out);

// The block of `ActiveRecord::Schema[7.1].define(version: …) do … end` (db/schema.rb), and the
// version it names (digits only; empty when none).
std::vector<Node> read_schema_definition(std::string_view source, std::string& version,
                                         RubySource& out);

}  // namespace twostep::rails
