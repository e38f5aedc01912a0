// ActiveRecord models. A model reads and writes every column of its table
// without naming them, so the provider only needs the class tree: which classes descend from
// ActiveRecord, what table each one maps to (Rails' own `compute_table_name`), and the columns it
// ignores. Ruby is read by the Ruby lexer (analyzer/lang/ruby), which keeps `class`/`module`/`end`
// balanced; a file it cannot follow is reported rather than guessed at.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "analyzer/lang/characters.hpp"
#include "analyzer/lang/ruby.hpp"
#include "analyzer/rails/inflector.hpp"
#include "analyzer/refs/models/models.hpp"
#include "analyzer/refs/source_line.hpp"
#include "analyzer/refs/words.hpp"

namespace twostep::refs {
namespace {

using lang::ruby::Kind;
using lang::ruby::Token;

// ---------------------------------------------------------------------------------------------
// Declarations

// A value the provider can only use when it is a literal (`self.table_name = "x"`).
struct Literal {
  bool known = false;
  std::string value;
};

// One `self.ignored_columns = […]` (or `+=`).
struct ListChange {
  bool append = false;
  bool known = true;
  std::vector<std::string> values;
};

// A module or class, merged over every file that opens it.
struct Namespace {
  bool is_class = false;
  bool has_superclass = false;
  std::string superclass;  // as written, `::` kept between parts, no leading `::`
  bool superclass_absolute = false;
  std::vector<std::string> lexical;  // enclosing modules/classes at the definition, innermost first
  std::size_t file = 0;              // index into the files given
  int line = 0;
  std::string text;
  std::optional<Literal> table_name;
  std::optional<Literal> prefix;  // `table_name_prefix`: a module method or a class attribute
  std::optional<Literal> suffix;
  std::optional<bool> pluralize;
  bool abstract = false;
  std::vector<ListChange> ignored;
  std::vector<ListChange> only;  // `self.only_columns` (Rails 8)
};

struct ParsedFile {
  std::map<std::string, Namespace> namespaces;
  std::vector<std::string> classes;  // every class name declared, even when the file fails
  std::string error;
};

std::string last_segment(const std::string& name) {
  std::size_t at = name.rfind("::");
  return at == std::string::npos ? name : name.substr(at + 2);
}

// `A::B::C` → `A::B`, `A`.
std::vector<std::string> module_parents(const std::string& name) {
  std::vector<std::string> out;
  std::string current = name;
  for (std::size_t at = current.rfind("::"); at != std::string::npos; at = current.rfind("::")) {
    current = current.substr(0, at);
    out.push_back(current);
  }
  return out;
}

class FileParser {
 public:
  FileParser(std::string_view content, std::size_t file_index)
      : content_(content), file_index_(file_index) {}

  ParsedFile run() {
    ParsedFile out;
    tokens_ = lang::ruby::lex(content_, out.error);
    for (i_ = 0; i_ < tokens_.size() && error_.empty(); ++i_) step();
    if (error_.empty() && !scopes_.empty()) {
      error_ = "`" + scopes_.back().opener + "` on line " + std::to_string(scopes_.back().line) +
               " has no `end`";
    }
    if (error_.empty() && depth_ != 0) error_ = "unbalanced brackets";
    if (out.error.empty()) out.error = error_;
    out.namespaces = std::move(namespaces_);
    out.classes = std::move(classes_);
    return out;
  }

 private:
  enum class ScopeKind { Module, Class, SingletonClass, Def, Block };

  struct Scope {
    ScopeKind kind = ScopeKind::Block;
    std::string name;  // Module / Class: the full name
    std::string opener;
    int line = 0;
    int depth = 0;  // bracket depth when it opened
    // A `def self.table_name` (and the like) on `target`: its body, when it is one literal.
    std::string target;
    std::string attribute;
    int body_tokens = 0;
    std::optional<std::string> body_literal;
  };

  const Token* at(std::size_t index) const {
    return index < tokens_.size() ? &tokens_[index] : nullptr;
  }
  bool is_op(std::size_t index, std::string_view op) const {
    const Token* token = at(index);
    return token && token->kind == Kind::Op && token->text == op;
  }
  bool is_keyword(const Token& token, std::string_view word) const {
    return token.kind == Kind::Ident && !token.member && token.text == word;
  }

  // Statement start for a block keyword: `if` after a value is a modifier.
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

  // Statement start for a declaration in a class body: first on its line or after `;`.
  bool starts_line(std::size_t index) const {
    return index == 0 || tokens_[index - 1].kind == Kind::Newline || is_op(index - 1, ";");
  }

  std::string current_namespace() const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      if (scope->kind == ScopeKind::Module || scope->kind == ScopeKind::Class) return scope->name;
    }
    return {};
  }

  std::vector<std::string> lexical_scopes() const {
    std::vector<std::string> out;
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      if (scope->kind == ScopeKind::Module || scope->kind == ScopeKind::Class) {
        out.push_back(scope->name);
      }
    }
    return out;
  }

  // The namespace whose body the parser is directly in (not in a method or block), if any.
  Namespace* body_namespace() {
    if (scopes_.empty()) return nullptr;
    const Scope& top = scopes_.back();
    if (top.kind != ScopeKind::Module && top.kind != ScopeKind::Class) return nullptr;
    if (top.depth != depth_) return nullptr;
    return &namespaces_[top.name];
  }

  void push(ScopeKind kind, const Token& opener, std::string name = {}) {
    Scope scope;
    scope.kind = kind;
    scope.name = std::move(name);
    scope.opener = opener.text;
    scope.line = opener.line;
    scope.depth = depth_;
    scopes_.push_back(std::move(scope));
  }

  // `A::B`, `::A`: the path starting at `index`; `next` is left after it.
  std::optional<std::string> constant_path(std::size_t index, std::size_t& next,
                                           bool& absolute) const {
    absolute = false;
    if (is_op(index, "::")) {
      absolute = true;
      ++index;
    }
    const Token* first = at(index);
    if (!first || first->kind != Kind::Const) return std::nullopt;
    std::string path = first->text;
    ++index;
    while (is_op(index, "::") && at(index + 1) && at(index + 1)->kind == Kind::Const) {
      path += "::" + at(index + 1)->text;
      index += 2;
    }
    next = index;
    return path;
  }

  void step() {
    const Token& token = tokens_[i_];
    // A loop's `do` may follow on the next line when the condition goes on (`until a or`).
    bool continued = token.kind == Kind::Newline && starts_statement(i_);
    if ((token.kind == Kind::Newline && !continued) ||
        (token.kind == Kind::Op && token.text == ";")) {
      loop_do_pending_ = false;
    }
    if (!scopes_.empty() && scopes_.back().kind == ScopeKind::Def && token.kind != Kind::Newline &&
        !(token.kind == Kind::Op && token.text == ";") && !is_keyword(token, "end")) {
      Scope& def = scopes_.back();
      if (++def.body_tokens == 1 && (token.kind == Kind::String || token.kind == Kind::Symbol) &&
          token.literal) {
        def.body_literal = token.text;
      }
    }
    if (token.kind == Kind::Op) {
      bracket(token);
      return;
    }
    if (token.kind != Kind::Ident || token.member) return;
    const std::string& word = token.text;
    if (word == "class") {
      open_class(token);
    } else if (word == "module") {
      open_module(token);
    } else if (word == "def") {
      open_def(token);
    } else if (word == "do") {
      if (loop_do_pending_) {
        loop_do_pending_ = false;  // `while x do`: the loop's own `do`
      } else {
        push(ScopeKind::Block, token);
      }
    } else if (word == "if" || word == "unless" || word == "while" || word == "until") {
      if (starts_statement(i_)) {
        push(ScopeKind::Block, token);
        loop_do_pending_ = word == "while" || word == "until";
      }
    } else if (word == "for") {
      push(ScopeKind::Block, token);
      loop_do_pending_ = true;
    } else if (word == "begin" || word == "case") {
      push(ScopeKind::Block, token);
    } else if (word == "end") {
      close(token);
    } else if (starts_line(i_)) {
      declaration(token);
    }
  }

  void bracket(const Token& token) {
    const std::string& op = token.text;
    if (op == "(" || op == "[" || op == "{") {
      ++depth_;
    } else if (op == ")" || op == "]" || op == "}") {
      if (--depth_ < 0) error_ = "unbalanced `" + op + "` on line " + std::to_string(token.line);
    }
  }

  void open_class(const Token& token) {
    if (is_op(i_ + 1, "<<")) {  // `class << self`
      push(ScopeKind::SingletonClass, token);
      ++i_;
      return;
    }
    std::size_t next = 0;
    bool absolute = false;
    std::optional<std::string> path = constant_path(i_ + 1, next, absolute);
    if (!path) {
      error_ = "cannot read the class name on line " + std::to_string(token.line);
      return;
    }
    std::string outer = current_namespace();
    std::string name = absolute || outer.empty() ? *path : outer + "::" + *path;
    classes_.push_back(name);
    Namespace& entry = namespaces_[name];
    entry.is_class = true;
    if (is_op(next, "<")) {
      std::size_t after = 0;
      bool super_absolute = false;
      std::optional<std::string> superclass = constant_path(next + 1, after, super_absolute);
      if (!entry.has_superclass) {
        entry.has_superclass = true;
        entry.superclass = superclass.value_or("");  // `< Struct.new(…)` etc.: not a model
        entry.superclass_absolute = super_absolute;
        entry.lexical = lexical_scopes();
        entry.file = file_index_;
        entry.line = token.line;
        entry.text = source_line(content_, token.line);
      }
      if (superclass) next = after;
    } else if (entry.line == 0) {
      entry.file = file_index_;
      entry.line = token.line;
      entry.text = source_line(content_, token.line);
    }
    push(ScopeKind::Class, token, name);
    i_ = next - 1;
  }

  void open_module(const Token& token) {
    std::size_t next = 0;
    bool absolute = false;
    std::optional<std::string> path = constant_path(i_ + 1, next, absolute);
    if (!path) {
      error_ = "cannot read the module name on line " + std::to_string(token.line);
      return;
    }
    std::string outer = current_namespace();
    std::string name = absolute || outer.empty() ? *path : outer + "::" + *path;
    namespaces_[name];  // known as a module (or a class reopened with `module`, which Ruby refuses)
    push(ScopeKind::Module, token, name);
    i_ = next - 1;
  }

  // `def name`, `def self.name`, `def name=(v)`, `def ==(other)`, `def name(args) = expr`.
  void open_def(const Token& token) {
    std::size_t j = i_ + 1;
    bool singleton = false;
    const Token* receiver = at(j);
    if (receiver && (receiver->kind == Kind::Ident || receiver->kind == Kind::Const) &&
        is_op(j + 1, ".")) {
      singleton = receiver->text == "self";
      j += 2;
    }
    const Token* name_token = at(j);
    if (!name_token) {
      error_ = "cannot read the method name on line " + std::to_string(token.line);
      return;
    }
    std::string name = name_token->text;
    if (is_op(j, "[")) {
      j += is_op(j + 1, "]") ? 2 : 1;
    } else {
      ++j;
      if (name_token->kind == Kind::Op && is_op(j, "@") && !at(j)->space_before) ++j;  // `-@`
    }
    bool setter = is_op(j, "=") && !at(j)->space_before;  // `def name=(value)`
    if (setter) ++j;
    if (is_op(j, "(")) {
      int depth = 0;
      for (; j < tokens_.size(); ++j) {
        const Token& t = tokens_[j];
        if (t.kind != Kind::Op) continue;
        if (t.text == "(" || t.text == "[" || t.text == "{") ++depth;
        if ((t.text == ")" || t.text == "]" || t.text == "}") && --depth == 0) break;
      }
      if (j == tokens_.size()) {
        error_ = "unclosed parameters on line " + std::to_string(token.line);
        return;
      }
      ++j;
    }
    // Which class method this defines, when it is one the table name depends on.
    std::string target;
    if (!scopes_.empty() && scopes_.back().depth == depth_) {
      const Scope& top = scopes_.back();
      if (singleton && (top.kind == ScopeKind::Module || top.kind == ScopeKind::Class)) {
        target = top.name;
      } else if (!singleton && top.kind == ScopeKind::SingletonClass) {
        target = current_namespace();
      }
    }
    bool attribute = !setter && (name == "table_name" || name == "table_name_prefix" ||
                                 name == "table_name_suffix");
    if (is_op(j, "=")) {  // endless: no `end`
      if (!target.empty() && attribute) {
        const Token* value = at(j + 1);
        const Token* after = at(j + 2);
        bool alone = !after || after->kind == Kind::Newline || is_op(j + 2, ";");
        Literal literal;
        if (value && (value->kind == Kind::String || value->kind == Kind::Symbol) &&
            value->literal && alone) {
          literal = Literal{true, value->text};
        }
        set_attribute(namespaces_[target], name, literal);
      }
      i_ = j;
      return;
    }
    push(ScopeKind::Def, token);
    if (!target.empty() && attribute) {
      scopes_.back().target = target;
      scopes_.back().attribute = name;
    }
    i_ = j - 1;
  }

  static void set_attribute(Namespace& entry, const std::string& attribute, Literal value) {
    if (attribute == "table_name") {
      entry.table_name = std::move(value);
    } else if (attribute == "table_name_prefix") {
      entry.prefix = std::move(value);
    } else if (attribute == "table_name_suffix") {
      entry.suffix = std::move(value);
    }
  }

  void close(const Token& token) {
    if (scopes_.empty()) {
      error_ = "`end` without an opening on line " + std::to_string(token.line);
      return;
    }
    Scope scope = std::move(scopes_.back());
    scopes_.pop_back();
    if (scope.depth != depth_) {
      error_ = "`" + scope.opener + "` on line " + std::to_string(scope.line) +
               " closes inside brackets on line " + std::to_string(token.line);
      return;
    }
    if (scope.kind == ScopeKind::Def && !scope.attribute.empty()) {
      Literal value;
      if (scope.body_tokens == 1 && scope.body_literal) value = Literal{true, *scope.body_literal};
      set_attribute(namespaces_[scope.target], scope.attribute, value);
    }
  }

  // `self.table_name = …`, `self.ignored_columns += …`, `primary_abstract_class`, … directly in a
  // class or module body.
  void declaration(const Token& token) {
    Namespace* entry = body_namespace();
    if (!entry) return;
    if (token.text == "primary_abstract_class") {
      entry->abstract = true;
      return;
    }
    if (token.text == "set_table_name") {  // Rails 3
      const Token* value = at(i_ + 1);
      bool known =
          value && (value->kind == Kind::String || value->kind == Kind::Symbol) && value->literal;
      entry->table_name = Literal{known, known ? value->text : ""};
      return;
    }
    if (token.text != "self" || !is_op(i_ + 1, ".")) return;
    const Token* attribute = at(i_ + 2);
    if (!attribute || attribute->kind != Kind::Ident) return;
    bool assign = is_op(i_ + 3, "=");
    bool append = is_op(i_ + 3, "+=");
    if (!assign && !append) return;
    std::size_t value_index = i_ + 4;
    const Token* value = at(value_index);
    const std::string& name = attribute->text;
    if (name == "ignored_columns" || name == "only_columns") {
      ListChange change = list_value(value_index);
      change.append = append;
      (name == "ignored_columns" ? entry->ignored : entry->only).push_back(std::move(change));
      return;
    }
    if (!assign) return;
    if (name == "table_name" || name == "table_name_prefix" || name == "table_name_suffix") {
      bool known =
          value && (value->kind == Kind::String || value->kind == Kind::Symbol) && value->literal;
      set_attribute(*entry, name, Literal{known, known ? value->text : ""});
    } else if (name == "abstract_class") {
      entry->abstract = value && value->kind == Kind::Ident && value->text == "true";
    } else if (name == "pluralize_table_names" && value && value->kind == Kind::Ident) {
      if (value->text == "true" || value->text == "false") entry->pluralize = value->text == "true";
    }
  }

  // `%w[a b]`, `%i[a b]`, `["a", :b]` (over several lines), `"a"`.
  ListChange list_value(std::size_t index) const {
    ListChange out;
    const Token* value = at(index);
    if (!value) {
      out.known = false;
      return out;
    }
    if (value->kind == Kind::Words) {
      out.values = value->words;
      out.known = value->literal;
      return out;
    }
    if ((value->kind == Kind::String || value->kind == Kind::Symbol) && value->literal) {
      out.values.push_back(value->text);
      return out;
    }
    if (!is_op(index, "[")) {
      out.known = false;
      return out;
    }
    for (std::size_t j = index + 1; j < tokens_.size(); ++j) {
      const Token& element = tokens_[j];
      if (element.kind == Kind::Op && element.text == "]") return out;
      if (element.kind == Kind::Newline || (element.kind == Kind::Op && element.text == ",")) {
        continue;
      }
      if ((element.kind == Kind::String || element.kind == Kind::Symbol) && element.literal) {
        out.values.push_back(element.text);
        continue;
      }
      break;
    }
    out.known = false;
    return out;
  }

  std::string_view content_;
  std::size_t file_index_;
  std::vector<Token> tokens_;
  std::size_t i_ = 0;
  std::vector<Scope> scopes_;
  int depth_ = 0;
  bool loop_do_pending_ = false;
  std::map<std::string, Namespace> namespaces_;
  std::vector<std::string> classes_;
  std::string error_;
};

void merge(Namespace& into, Namespace from) {
  into.is_class = into.is_class || from.is_class;
  if (!into.has_superclass && from.has_superclass) {
    into.has_superclass = true;
    into.superclass = std::move(from.superclass);
    into.superclass_absolute = from.superclass_absolute;
    into.lexical = std::move(from.lexical);
    into.file = from.file;
    into.line = from.line;
    into.text = std::move(from.text);
  } else if (into.line == 0) {
    into.file = from.file;
    into.line = from.line;
    into.text = std::move(from.text);
  }
  if (!into.table_name) into.table_name = std::move(from.table_name);
  if (!into.prefix) into.prefix = std::move(from.prefix);
  if (!into.suffix) into.suffix = std::move(from.suffix);
  if (!into.pluralize) into.pluralize = from.pluralize;
  into.abstract = into.abstract || from.abstract;
  for (ListChange& change : from.ignored) into.ignored.push_back(std::move(change));
  for (ListChange& change : from.only) into.only.push_back(std::move(change));
}

// ---------------------------------------------------------------------------------------------
// Rails' table names over the merged class tree

// What a class's superclass resolves to.
struct Superclass {
  enum class Kind { Known, ActiveRecordBase, ApplicationRecord, Other } kind = Kind::Other;
  std::string name;  // Known: the full name
};

// A table name, or why it cannot be told.
struct TableResult {
  std::optional<std::string> table;
  std::string reason;
};

class Resolver {
 public:
  Resolver(const std::map<std::string, Namespace>& namespaces, bool pluralize)
      : namespaces_(namespaces), pluralize_(pluralize) {}

  const Namespace* find(const std::string& name) const {
    auto found = namespaces_.find(name);
    return found == namespaces_.end() ? nullptr : &found->second;
  }
  const Namespace* find_class(const std::string& name) const {
    const Namespace* entry = find(name);
    return entry && entry->is_class ? entry : nullptr;
  }

  // Ruby's lookup: the enclosing lexical scopes, then the top level. As a last resort (code that
  // Ruby itself would reject), the class's own namespaces.
  Superclass superclass(const std::string& name) const {
    const Namespace* entry = find_class(name);
    Superclass out;
    if (!entry || !entry->has_superclass || entry->superclass.empty()) return out;
    const std::string& written = entry->superclass;
    std::vector<std::string> candidates;
    if (!entry->superclass_absolute) {
      for (const std::string& scope : entry->lexical) candidates.push_back(scope + "::" + written);
    }
    candidates.push_back(written);
    if (!entry->superclass_absolute) {
      for (const std::string& parent : module_parents(name)) {
        candidates.push_back(parent + "::" + written);
      }
    }
    for (const std::string& candidate : candidates) {
      if (candidate != name && find_class(candidate)) {
        out.kind = Superclass::Kind::Known;
        out.name = candidate;
        return out;
      }
    }
    if (written == "ActiveRecord::Base") {
      out.kind = Superclass::Kind::ActiveRecordBase;
    } else if (written == "ApplicationRecord") {
      out.kind = Superclass::Kind::ApplicationRecord;  // not among the files: the usual one
    }
    out.name = written;
    return out;
  }

  bool is_record(const std::string& name) const {
    std::set<std::string> seen;
    std::string current = name;
    while (seen.insert(current).second) {
      if (current == "ApplicationRecord") return true;
      Superclass parent = superclass(current);
      if (parent.kind == Superclass::Kind::ActiveRecordBase ||
          parent.kind == Superclass::Kind::ApplicationRecord) {
        return true;
      }
      if (parent.kind != Superclass::Kind::Known) return false;
      current = parent.name;
    }
    return false;  // an inheritance cycle
  }

  // `ApplicationRecord` is abstract by convention; without this, a file that spells it
  // differently would turn every model into an STI subclass of `application_records`.
  bool is_abstract(const std::string& name) const {
    const Namespace* entry = find_class(name);
    return name == "ApplicationRecord" || (entry && entry->abstract);
  }

  // Rails' `base_class`: the first class below an abstract class or ActiveRecord::Base.
  std::string base_class(const std::string& name) const {
    std::set<std::string> seen;
    std::string current = name;
    while (seen.insert(current).second) {
      Superclass parent = superclass(current);
      if (parent.kind != Superclass::Kind::Known || is_abstract(parent.name)) return current;
      current = parent.name;
    }
    return current;
  }

  // A class attribute (`table_name_prefix`, …): the class's own, else its superclass's.
  template <typename Get>
  auto inherited(const std::string& name, Get get) const -> decltype(get(Namespace{})) {
    std::set<std::string> seen;
    std::string current = name;
    while (seen.insert(current).second) {
      const Namespace* entry = find(current);
      if (!entry) break;
      if (auto value = get(*entry)) return value;
      Superclass parent = superclass(current);
      if (parent.kind != Superclass::Kind::Known) break;
      current = parent.name;
    }
    return {};
  }

  bool pluralizes(const std::string& name) const {
    return inherited(name, [](const Namespace& entry) { return entry.pluralize; })
        .value_or(pluralize_);
  }

  // `full_table_name_prefix`: the first module parent that responds to `table_name_prefix`, else
  // the class's own (inherited) attribute.
  Literal affix(const std::string& name, bool prefix) const {
    auto get = [prefix](const Namespace& entry) { return prefix ? entry.prefix : entry.suffix; };
    for (const std::string& parent : module_parents(name)) {
      const Namespace* entry = find(parent);
      if (!entry) continue;
      if (entry->is_class && is_record(parent)) {
        return inherited(parent, get).value_or(Literal{true, ""});
      }
      if (std::optional<Literal> own = get(*entry)) return *own;
    }
    return inherited(name, get).value_or(Literal{true, ""});
  }

  TableResult table(const std::string& name, std::set<std::string>& seen) const {
    if (!seen.insert(name).second) return {std::nullopt, "inheritance cycle through " + name};
    const Namespace* entry = find_class(name);
    if (!entry) return {std::nullopt, "unknown class " + name};
    if (entry->table_name) {
      if (!entry->table_name->known) {
        return {std::nullopt, "the table name of " + name + " is not a literal"};
      }
      return {entry->table_name->value, {}};
    }
    std::string base = base_class(name);
    if (base != name) return table(base, seen);
    Literal prefix = affix(name, true);
    Literal suffix = affix(name, false);
    if (!prefix.known || !suffix.known) {
      return {std::nullopt, "the table name prefix or suffix of " + name + " is not a literal"};
    }
    // A model nested in another model's class: `Invoice::Line` → `invoice_lines`.
    std::string contained;
    std::vector<std::string> parents = module_parents(name);
    if (!parents.empty() && find_class(parents[0]) && is_record(parents[0]) &&
        !is_abstract(parents[0])) {
      TableResult outer = table(parents[0], seen);
      if (!outer.table) return outer;
      contained = pluralizes(parents[0]) ? rails::singularize(*outer.table) : *outer.table;
      contained += "_";
    }
    std::string undecorated = rails::underscore(last_segment(name));
    if (pluralizes(name)) undecorated = rails::pluralize(undecorated);
    return {prefix.value + contained + undecorated + suffix.value, {}};
  }

  // `self.ignored_columns` (a class attribute): the changes of the class, over its superclass's.
  std::vector<std::string> columns(const std::string& name, bool ignored,
                                   std::set<std::string>& seen) const {
    const Namespace* entry = find_class(name);
    if (!entry || !seen.insert(name).second) return {};
    const std::vector<ListChange>& changes = ignored ? entry->ignored : entry->only;
    auto inherited_columns = [&] {
      Superclass parent = superclass(name);
      if (parent.kind != Superclass::Kind::Known) return std::vector<std::string>{};
      return columns(parent.name, ignored, seen);
    };
    if (changes.empty()) return inherited_columns();
    std::vector<std::string> out;
    if (changes.front().append) out = inherited_columns();
    for (const ListChange& change : changes) {
      if (!change.append) out.clear();
      for (const std::string& value : change.values) {
        if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
      }
    }
    return out;
  }

 private:
  const std::map<std::string, Namespace>& namespaces_;
  bool pluralize_;  // the application's default
};

// `billing.invoices` → {billing, invoices}; `"Billing"."Invoices"` likewise, unquoted.
QualifiedName split_table(const std::string& table) {
  auto unquote = [](std::string part) {
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
      part = part.substr(1, part.size() - 2);
    }
    return part;
  };
  std::size_t dot = table.find('.');
  if (dot == std::string::npos) return QualifiedName{"", unquote(table)};
  return QualifiedName{unquote(table.substr(0, dot)), unquote(table.substr(dot + 1))};
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

namespace {

// `config.active_record.pluralize_table_names = false` (config/application.rb, an environment)
// or `ActiveRecord::Base.pluralize_table_names = false` (an initializer): every model's table is
// singular unless the model says otherwise.
bool sets_singular_table_names(std::string_view content) {
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = std::min(content.find('\n', start), content.size());
    std::string line;
    for (char c : content.substr(start, end - start)) {
      if (c == '#') break;  // a comment (no string here holds one)
      if (c != ' ' && c != '\t' && c != '\r') line += c;
    }
    start = end + 1;
    if (line.ends_with("active_record.pluralize_table_names=false") ||
        line.ends_with("ActiveRecord::Base.pluralize_table_names=false")) {
      return true;
    }
  }
  return false;
}

}  // namespace

ModelScan read_rails_models(const std::vector<SourceFile>& files) {
  ModelScan scan;
  std::map<std::string, Namespace> namespaces;
  std::map<std::string, std::size_t> failed_classes;  // last segment → failed file
  std::map<std::size_t, std::string> failures;        // file → reason (the first)
  for (std::size_t index = 0; index < files.size(); ++index) {
    if (!ends_with(files[index].path, ".rb")) continue;
    ParsedFile parsed = FileParser(files[index].content, index).run();
    if (!parsed.error.empty()) {
      failures.emplace(index, parsed.error);
      for (const std::string& name : parsed.classes) {
        failed_classes.emplace(last_segment(name), index);
      }
      continue;
    }
    for (auto& [name, entry] : parsed.namespaces) merge(namespaces[name], std::move(entry));
  }

  bool singular = std::any_of(files.begin(), files.end(), [](const SourceFile& file) {
    return ends_with(file.path, ".rb") && sets_singular_table_names(file.content);
  });
  Resolver resolver(namespaces, !singular);
  std::vector<std::pair<std::string, const Namespace*>> classes;
  for (const auto& [name, entry] : namespaces) {
    if (entry.is_class && entry.has_superclass) classes.emplace_back(name, &entry);
  }
  std::sort(classes.begin(), classes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->file, a.second->line, a.first) <
           std::tie(b.second->file, b.second->line, b.first);
  });
  for (const auto& [name, entry] : classes) {
    if (!resolver.is_record(name)) {
      // A superclass declared in a file that could not be read may well be a model.
      Superclass parent = resolver.superclass(name);
      auto failed = failed_classes.find(last_segment(parent.name));
      if (parent.kind == Superclass::Kind::Other && failed != failed_classes.end()) {
        failures.emplace(entry->file, "the superclass of " + name + " is declared in " +
                                          files[failed->second].path + ", which could not be read");
      }
      continue;
    }
    if (resolver.is_abstract(name)) continue;
    std::set<std::string> seen;
    TableResult table = resolver.table(name, seen);
    if (!table.table) {
      failures.emplace(entry->file, table.reason);
      continue;
    }
    ModelReference model;
    model.file = files[entry->file].path;
    model.line = entry->line;
    model.text = entry->text;
    model.table = split_table(*table.table);
    std::set<std::string> seen_only;
    model.columns = resolver.columns(name, false, seen_only);
    model.all_columns = model.columns.empty();
    std::set<std::string> seen_ignored;
    model.ignored_columns = resolver.columns(name, true, seen_ignored);
    scan.models.push_back(std::move(model));
  }

  // A file that failed is read by the textual provider instead: none of its models are kept.
  for (const auto& [index, reason] : failures) {
    const std::string& path = files[index].path;
    scan.failures.push_back(ProviderFailure{path, "rails", reason});
    std::erase_if(scan.models, [&](const ModelReference& model) { return model.file == path; });
  }
  return scan;
}

}  // namespace twostep::refs
