#include "analyzer/rails/ruby_calls.hpp"

#include <algorithm>
#include <set>

namespace twostep::rails {
namespace {

using lang::ruby::Kind;
using lang::ruby::Token;

// String methods that leave SQL as it is for PostgreSQL (`<<~SQL.squish` folds whitespace).
bool keeps_sql(const std::string& method) {
  static const std::set<std::string> methods = {"squish", "strip", "chomp",
                                                "freeze", "dup",   "strip_heredoc"};
  return methods.count(method) > 0;
}

}  // namespace

bool is_model_name(const std::string& constant) {
  std::string last =
      constant.substr(constant.rfind(':') == std::string::npos ? 0 : constant.rfind(':') + 1);
  if (last.empty() || last[0] < 'A' || last[0] > 'Z') return false;
  // `DROPPED_COLUMNS`, `DB`: a constant or a module, not a model class.
  return std::any_of(last.begin(), last.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

namespace {

class Reader {
 public:
  explicit Reader(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  bool at_end() const { return i_ >= tokens_.size(); }
  std::size_t index() const { return i_; }
  void seek(std::size_t index) { i_ = index; }
  const std::vector<Token>& tokens() const { return tokens_; }

  const Token* at(std::size_t index) const {
    return index < tokens_.size() ? &tokens_[index] : nullptr;
  }
  bool is_op(std::size_t index, std::string_view op) const {
    const Token* token = at(index);
    return token != nullptr && token->kind == Kind::Op && token->text == op;
  }
  bool is_keyword(std::size_t index, std::string_view word) const {
    const Token* token = at(index);
    return token != nullptr && token->kind == Kind::Ident && !token->member && token->text == word;
  }
  bool is_newline(std::size_t index) const {
    const Token* token = at(index);
    return token == nullptr || token->kind == Kind::Newline || is_op(index, ";");
  }

  // Where an expression starts, so that `if` there opens a block rather than ending a statement.
  bool starts_statement(std::size_t index) const {
    if (index == 0) return true;
    const Token& prev = tokens_[index - 1];
    switch (prev.kind) {
      case Kind::Newline:
      case Kind::Label:
        return true;
      case Kind::Op:
        return (prev.text != ")" || prev.ends_parameters) && prev.text != "]" && prev.text != "}";
      case Kind::Ident:
        return !prev.member && lang::ruby::is_operand_keyword(prev.text);
      default:
        return false;
    }
  }

  bool opens_block(std::size_t index) const {
    static const std::set<std::string_view> always = {"class", "module", "def",
                                                      "begin", "case",   "do"};
    static const std::set<std::string_view> at_start = {"if", "unless", "while", "until", "for"};
    const Token* token = at(index);
    if (token == nullptr || token->kind != Kind::Ident || token->member) return false;
    if (always.count(token->text) > 0) return true;
    return at_start.count(token->text) > 0 && starts_statement(index);
  }

  // Steps over one token, or over a whole bracketed or `… end` construct starting at it.
  void advance_over() {
    const Token& token = tokens_[i_];
    if (token.kind == Kind::Op && (token.text == "(" || token.text == "[" || token.text == "{")) {
      std::string close = token.text == "(" ? ")" : token.text == "[" ? "]" : "}";
      ++i_;
      while (!at_end() && !is_op(i_, close)) advance_over();
      if (!at_end()) ++i_;
      return;
    }
    if (opens_block(i_)) {
      bool loop = token.text == "while" || token.text == "until" || token.text == "for";
      ++i_;
      if (loop) {  // the loop's own `do` on its line opens nothing more
        while (!at_end() && !is_newline(i_) && !is_keyword(i_, "do")) advance_over();
        if (is_keyword(i_, "do")) ++i_;
      }
      while (!at_end() && !is_keyword(i_, "end")) advance_over();
      if (!at_end()) ++i_;
      return;
    }
    ++i_;
  }

  // To the end of the statement (a newline or `;` outside brackets), or before `stop`.
  void skip_statement(std::string_view stop) {
    while (!at_end() && !is_newline(i_) && !is_stop(i_, stop)) advance_over();
  }

  bool is_stop(std::size_t index, std::string_view stop) const {
    return stop == "end" ? is_keyword(index, "end") : is_op(index, stop);
  }

  std::vector<Node> body(std::string_view stop) {
    std::vector<Node> out;
    while (!at_end()) {
      while (!at_end() && is_newline(i_)) ++i_;
      if (at_end() || is_stop(i_, stop)) break;
      if (stop == "end" && (is_keyword(i_, "rescue") || is_keyword(i_, "ensure"))) {
        // `def up … rescue … end`: what runs only when the statements above fail (or always,
        // for `ensure`) is kept whole, not read as the main path.
        std::size_t first = i_;
        Node node;
        node.what = is_keyword(i_, "rescue")
                        ? "a `rescue` clause, which runs when the statements above it fail"
                        : "an `ensure` clause";
        while (!at_end() && !is_keyword(i_, "end")) advance_over();
        finish(node, first);
        out.push_back(std::move(node));
        break;
      }
      if (is_op(i_, ")") || is_op(i_, "]") || is_op(i_, "}") || is_keyword(i_, "end")) {
        ++i_;  // a stray closer: never loop on it
        continue;
      }
      std::size_t before = i_;
      out.push_back(statement(stop));
      if (i_ == before) advance_over();
    }
    return out;
  }

  void finish(Node& node, std::size_t first) {
    node.span.begin = tokens_[first].begin;
    node.span.end = i_ > first ? tokens_[i_ - 1].end : tokens_[first].end;
    node.line = tokens_[first].line;
  }

  Node opaque(std::size_t first, std::string what, std::string_view stop,
              std::string receiver = {}) {
    static const std::set<std::string> loops = {
        "each",      "each_with_index", "times",           "map",       "upto", "find_each",
        "each_pair", "downto",          "find_in_batches", "in_batches"};
    Node node;
    node.what = std::move(what);
    node.receiver = std::move(receiver);
    i_ = first;
    skip_statement(stop);
    if (i_ == first) advance_over();
    bool control =
        tokens_[first].kind == Kind::Ident && !tokens_[first].member && opens_block(first);
    for (std::size_t j = first; j < i_ && !control; ++j) {
      if (tokens_[j].kind == Kind::Ident && tokens_[j].member && loops.count(tokens_[j].text) > 0) {
        node.what = "a loop (`." + tokens_[j].text + "`)";
        break;
      }
    }
    finish(node, first);
    return node;
  }

  Node statement(std::string_view stop) {
    std::size_t first = i_;
    const Token& token = tokens_[i_];
    if (token.kind == Kind::Ident && !token.member) {
      static const std::set<std::string_view> control = {"if",    "unless", "while", "until",
                                                         "case",  "begin",  "for",   "return",
                                                         "raise", "loop",   "def",   "class"};
      if (control.count(token.text) > 0) {
        std::string what = token.text == "def" ? "a method definition"
                                               : "`" + token.text + "`, which twostep does not run";
        return opaque(first, what, stop);
      }
    }
    Node node;
    node.call = true;
    // `receiver.name`: a local (`t`, `dir`) or a constant path (`User`, `Admin::User`).
    if ((token.kind == Kind::Ident || token.kind == Kind::Const) &&
        (is_op(i_ + 1, ".") || is_op(i_ + 1, "::"))) {
      std::string receiver = token.text;
      std::size_t j = i_ + 1;
      while (is_op(j, "::") && at(j + 1) && at(j + 1)->kind == Kind::Const) {
        receiver += "::" + at(j + 1)->text;
        j += 2;
      }
      if (!is_op(j, ".") || !at(j + 1) || at(j + 1)->kind != Kind::Ident) {
        return opaque(first, "an expression", stop);
      }
      node.receiver = receiver;
      i_ = j + 1;
    } else if (token.kind != Kind::Ident) {
      return opaque(first, "an expression", stop);
    }
    node.name = tokens_[i_].text;
    ++i_;
    // `ActiveRecord::Base.connection.execute(…)`: the migration's own connection.
    if (node.name == "connection" && is_op(i_, ".") && at(i_ + 1) &&
        at(i_ + 1)->kind == Kind::Ident) {
      node.receiver = "connection";
      node.name = at(i_ + 1)->text;
      i_ += 2;
    }
    const Token* next = at(i_);
    if (next != nullptr && next->kind == Kind::Op &&
        (next->text == "=" || next->text == "+=" || next->text == "||=" || next->text == "-=" ||
         next->text == "<<=" || next->text == "*=")) {
      return opaque(first, "an assignment", stop);
    }
    if (next != nullptr && next->kind == Kind::Op && next->text == "(" && !next->space_before) {
      ++i_;
      if (!arguments(node, ")", true)) return opaque(first, "a call twostep cannot read", stop);
      if (!is_op(i_, ")")) return opaque(first, "a call twostep cannot read", stop);
      ++i_;
    } else if (starts_argument(i_)) {
      if (!arguments(node, "", false)) return opaque(first, "a call twostep cannot read", stop);
    }
    if (is_keyword(i_, "do") || (is_op(i_, "{") && at(i_)->space_before)) {
      bool braces = is_op(i_, "{");
      std::size_t opened = i_;
      ++i_;
      Block block;
      if (is_op(i_, "|")) {
        ++i_;
        while (!at_end() && !is_op(i_, "|")) {
          if (tokens_[i_].kind == Kind::Ident) block.params.push_back(tokens_[i_].text);
          ++i_;
        }
        if (!at_end()) ++i_;
      }
      block.body = body(braces ? "}" : "end");
      if (at_end()) return opaque(first, "a block twostep cannot read", stop);
      ++i_;
      block.span = {tokens_[opened].begin, tokens_[i_ - 1].end};
      node.block = std::move(block);
    }
    if (is_op(i_, ".") || is_op(i_, "&.")) {
      bool model = is_model_name(node.receiver);
      return opaque(first,
                    model ? "`" + node.receiver + "." + node.name +
                                "…`, a query through a model, which twostep does not run"
                          : "a call on the result of `" + node.name + "`",
                    stop, node.receiver);
    }
    if (is_keyword(i_, "if") || is_keyword(i_, "unless") || is_keyword(i_, "while") ||
        is_keyword(i_, "until") || is_keyword(i_, "rescue")) {
      return opaque(first, "a call under a condition (`" + tokens_[i_].text + "`)", stop);
    }
    if (!at_end() && !is_newline(i_) && !is_stop(i_, stop)) {
      return opaque(first, "an expression", stop);
    }
    finish(node, first);
    return node;
  }

  // Whether the token can begin a call's first argument written without parentheses.
  bool starts_argument(std::size_t index) const {
    const Token* token = at(index);
    if (token == nullptr || !token->space_before) return false;
    switch (token->kind) {
      case Kind::Symbol:
      case Kind::String:
      case Kind::Number:
      case Kind::Label:
      case Kind::Words:
      case Kind::Const:
      case Kind::Var:
        return true;
      case Kind::Ident:
        return !lang::ruby::is_operand_keyword(token->text) && token->text != "do" &&
               token->text != "end";
      case Kind::Op:
        return token->text == "[" || token->text == "->" || token->text == "-" ||
               token->text == "(" || token->text == "*" || token->text == "&" ||
               token->text == "::";
      default:
        return false;
    }
  }

  bool ends_arguments(std::string_view close, bool multiline) const {
    if (at_end()) return true;
    if (!close.empty() && is_op(i_, close)) return true;
    if (!multiline && (is_newline(i_) || is_keyword(i_, "do") || is_keyword(i_, "if") ||
                       is_keyword(i_, "unless") || (is_op(i_, "{") && at(i_)->space_before))) {
      return true;
    }
    return is_keyword(i_, "end") || is_op(i_, "}") || is_op(i_, ")") || is_op(i_, "]");
  }

  void skip_newlines() {
    while (!at_end() && tokens_[i_].kind == Kind::Newline) ++i_;
  }

  // Positional arguments and keyword options, up to `close` (or the end of the line).
  bool arguments(Node& node, std::string_view close, bool multiline) {
    while (true) {
      if (multiline) skip_newlines();
      if (ends_arguments(close, multiline)) return true;
      const Token& token = tokens_[i_];
      if (token.kind == Kind::Label) {
        ++i_;
        skip_newlines();
        node.options.emplace_back(token.text, value(multiline));
      } else {
        Value item = value(multiline);
        if (is_op(i_, "=>")) {
          ++i_;
          skip_newlines();
          node.options.emplace_back(item.text, value(multiline));
        } else {
          node.args.push_back(std::move(item));
        }
      }
      if (is_op(i_, ",")) {
        ++i_;
        skip_newlines();
        continue;
      }
      return ends_arguments(close, multiline);
    }
  }

  Value other_from(std::size_t first, bool multiline) {
    i_ = first;
    while (!at_end() && !is_op(i_, ",") && !is_op(i_, ")") && !is_op(i_, "]") && !is_op(i_, "}") &&
           !is_op(i_, "=>") && !(!multiline && is_newline(i_)) && !is_keyword(i_, "end") &&
           !(!multiline && is_keyword(i_, "do"))) {
      advance_over();
    }
    if (i_ == first && !at_end()) advance_over();
    Value out;
    out.kind = Value::Kind::Other;
    out.span = {tokens_[first].begin, tokens_[std::max(first, i_ - 1)].end};
    return out;
  }

  // A value; anything but a literal (or a literal followed by an operator) is Other.
  Value value(bool multiline) {
    std::size_t first = i_;
    if (at_end()) return Value{};
    const Token& token = tokens_[i_];
    Value out;
    out.span = {token.begin, token.end};
    switch (token.kind) {
      case Kind::Symbol:
        out.kind = Value::Kind::Symbol;
        out.text = token.text;
        out.literal = token.literal;
        ++i_;
        break;
      case Kind::String:
        out.kind = Value::Kind::String;
        out.text = token.text;
        out.literal = token.literal;
        out.value_begin = token.value_begin;
        out.exact = token.exact;
        ++i_;
        while (is_op(i_, ".") && at(i_ + 1) && at(i_ + 1)->kind == Kind::Ident &&
               keeps_sql(at(i_ + 1)->text)) {
          i_ += 2;
        }
        break;
      case Kind::Number:
        out.kind = Value::Kind::Number;
        out.text = token.text;
        ++i_;
        break;
      case Kind::Words:
        out.kind = Value::Kind::Array;
        for (const std::string& word : token.words) {
          Value item;
          item.kind = Value::Kind::String;
          item.text = word;
          item.literal = token.literal;
          out.items.push_back(std::move(item));
        }
        ++i_;
        break;
      case Kind::Ident:
        if (!token.member &&
            (token.text == "true" || token.text == "false" || token.text == "nil")) {
          out.kind = token.text == "true"    ? Value::Kind::True
                     : token.text == "false" ? Value::Kind::False
                                             : Value::Kind::Nil;
          ++i_;
          break;
        }
        return other_from(first, multiline);
      case Kind::Const: {
        out.kind = Value::Kind::Constant;
        out.text = token.text;
        ++i_;
        while (is_op(i_, "::") && at(i_ + 1) && at(i_ + 1)->kind == Kind::Const) {
          out.text += "::" + at(i_ + 1)->text;
          i_ += 2;
        }
        break;
      }
      case Kind::Op:
        if (token.text == "-" && at(i_ + 1) && at(i_ + 1)->kind == Kind::Number &&
            !at(i_ + 1)->space_before) {
          out.kind = Value::Kind::Number;
          out.text = "-" + at(i_ + 1)->text;
          i_ += 2;
          break;
        }
        if (token.text == "[") {
          out.kind = Value::Kind::Array;
          ++i_;
          while (true) {
            skip_newlines();
            if (at_end() || is_op(i_, "]")) break;
            out.items.push_back(value(true));
            skip_newlines();
            if (!is_op(i_, ",")) break;
            ++i_;
          }
          if (!is_op(i_, "]")) return other_from(first, multiline);
          ++i_;
          break;
        }
        if (token.text == "{") {
          out.kind = Value::Kind::Hash;
          ++i_;
          while (true) {
            skip_newlines();
            if (at_end() || is_op(i_, "}")) break;
            std::string key;
            if (tokens_[i_].kind == Kind::Label) {
              key = tokens_[i_].text;
              ++i_;
            } else {
              Value named = value(true);
              if (!is_op(i_, "=>")) return other_from(first, multiline);
              ++i_;
              key = named.text;
            }
            skip_newlines();
            out.entries.emplace_back(key, value(true));
            skip_newlines();
            if (!is_op(i_, ",")) break;
            ++i_;
          }
          if (!is_op(i_, "}")) return other_from(first, multiline);
          ++i_;
          break;
        }
        if (token.text == "->") {
          // `-> { "now()" }`: a default given as SQL.
          ++i_;
          bool braces = is_op(i_, "{");
          if ((braces || is_keyword(i_, "do")) && at(i_ + 1) && at(i_ + 1)->kind == Kind::String &&
              at(i_ + 1)->literal && (braces ? is_op(i_ + 2, "}") : is_keyword(i_ + 2, "end"))) {
            out.kind = Value::Kind::Lambda;
            out.text = at(i_ + 1)->text;
            i_ += 3;
            break;
          }
          return other_from(first, multiline);
        }
        return other_from(first, multiline);
      default:
        return other_from(first, multiline);
    }
    // A literal followed by an operator or a call is an expression.
    if (!at_end() && tokens_[i_].kind == Kind::Op && !is_op(i_, ",") && !is_op(i_, ")") &&
        !is_op(i_, "]") && !is_op(i_, "}") && !is_op(i_, "=>") && !is_op(i_, ";") &&
        !(is_op(i_, "{") && tokens_[i_].space_before)) {
      return other_from(first, multiline);
    }
    if (!at_end() && tokens_[i_].kind == Kind::String && out.kind == Value::Kind::String) {
      return other_from(first, multiline);  // "a" "b": adjacent literals
    }
    out.span.end = tokens_[i_ - 1].end;
    return out;
  }

  // `def name`, `def self.name`, `def name(args)`: the method and its body.
  Method method() {
    std::size_t first = i_;
    Method out;
    out.line = tokens_[i_].line;
    ++i_;
    if (is_keyword(i_, "self") && is_op(i_ + 1, ".")) i_ += 2;
    if (!at_end()) out.name = tokens_[i_].text;
    ++i_;
    if (is_op(i_, "(")) {
      out.has_parameters = !is_op(i_ + 1, ")");
      advance_over();
    } else if (!is_newline(i_) && !is_op(i_, "=")) {
      out.has_parameters = true;
      while (!at_end() && !is_newline(i_)) ++i_;
    }
    if (is_op(i_, "=")) {  // an endless method: one expression
      skip_statement("end");
      out.span = {tokens_[first].begin, tokens_[i_ - 1].end};
      return out;
    }
    out.body = body("end");
    if (!at_end()) ++i_;
    out.span = {tokens_[first].begin, tokens_[std::min(i_, tokens_.size()) - 1].end};
    return out;
  }

 private:
  std::vector<Token> tokens_;
  std::size_t i_ = 0;
};

Reader read(std::string_view source, RubySource& out) {
  std::vector<Token> tokens = lang::ruby::lex(source, out.error, &out.comments);
  return Reader(std::move(tokens));
}

}  // namespace

const Value* find_option(const Options& options, std::string_view key) {
  for (const auto& [name, value] : options) {
    if (name == key) return &value;
  }
  return nullptr;
}

const Value* Value::option(std::string_view key) const {
  return find_option(entries, key);
}

const Value* Node::option(std::string_view key) const {
  return find_option(options, key);
}

MigrationClass read_migration_class(std::string_view source, RubySource& out) {
  Reader reader = read(source, out);
  MigrationClass result;
  if (!out.error.empty()) return result;
  const std::vector<Token>& tokens = reader.tokens();
  std::size_t start = tokens.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (reader.is_keyword(i, "class") && reader.starts_statement(i) && !reader.is_op(i + 1, "<<")) {
      start = i;
      break;
    }
  }
  if (start == tokens.size()) {
    out.error = "no migration class in the file";
    return result;
  }
  reader.seek(start);
  while (!reader.at_end() && !reader.is_newline(reader.index())) {
    // `ActiveRecord::Migration[5.0]`: the Rails version whose defaults the migration keeps.
    const Token& token = tokens[reader.index()];
    if (token.kind == Kind::Number && reader.is_op(reader.index() - 1, "[")) {
      result.rails_version = token.text;
    }
    reader.seek(reader.index() + 1);
  }
  while (!reader.at_end()) {
    while (!reader.at_end() && reader.is_newline(reader.index())) reader.seek(reader.index() + 1);
    if (reader.at_end() || reader.is_keyword(reader.index(), "end")) break;
    if (reader.is_keyword(reader.index(), "def")) {
      result.methods.push_back(reader.method());
      continue;
    }
    std::size_t before = reader.index();
    result.class_body.push_back(reader.statement("end"));
    if (reader.index() == before) reader.advance_over();
  }
  if (reader.at_end()) out.error = "the migration class has no `end`";
  return result;
}

std::vector<Node> read_schema_definition(std::string_view source, std::string& version,
                                         RubySource& out) {
  Reader reader = read(source, out);
  if (!out.error.empty()) return {};
  const std::vector<Token>& tokens = reader.tokens();
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].kind != Kind::Ident || !tokens[i].member || tokens[i].text != "define") continue;
    reader.seek(i);
    Node define = reader.statement("end");
    if (!define.call || !define.block) break;
    if (const Value* named = define.option("version"); named && named->kind != Value::Kind::Other) {
      for (char c : named->text) {
        if (c >= '0' && c <= '9') version += c;
      }
    }
    return std::move(define.block->body);
  }
  out.error = "no `ActiveRecord::Schema.define` block in the file";
  return {};
}

}  // namespace twostep::rails
