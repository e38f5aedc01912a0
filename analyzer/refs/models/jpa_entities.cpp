// JPA entities (Hibernate, Spring Data JPA) in Java and Kotlin: an `@Entity` class reads and
// writes the columns of its persistent fields without naming them in a query. Names follow
// `@Table(name = …)` / `@Column(name = …)` / `@JoinColumn(name = …)`, else Spring Boot's default
// naming (`legacyEmail` → `legacy_email`, `OrderItem` → `order_item`) and Hibernate's own (the
// name as written, which PostgreSQL folds to `legacyemail`): both are references. Java and Kotlin
// are tokenized just enough for that (comments, strings, text blocks, characters, annotations,
// brackets); a file that cannot be tokenized is a failure, left to the textual provider.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/refs/models/models.hpp"
#include "analyzer/refs/source_line.hpp"

namespace twostep::refs {
namespace {

enum class Kind { Ident, String, Punct };

struct Token {
  Kind kind = Kind::Punct;
  std::string text;
  int line = 1;
};

// Comments, "strings", """text blocks""", 'c'haracters; `@`, brackets and other punctuation one
// character each.
std::optional<std::vector<Token>> tokenize(std::string_view source, std::string& error) {
  std::vector<Token> out;
  int line = 1;
  std::size_t at = 0;
  auto count_lines = [&](std::size_t from, std::size_t to) {
    line += static_cast<int>(std::count(source.begin() + static_cast<std::ptrdiff_t>(from),
                                        source.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
  };
  while (at < source.size()) {
    char c = source[at];
    if (c == '\n') {
      ++line;
      ++at;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
    } else if (source.compare(at, 2, "//") == 0) {
      at = std::min(source.find('\n', at), source.size());
    } else if (source.compare(at, 2, "/*") == 0) {
      std::size_t end = source.find("*/", at + 2);
      if (end == std::string_view::npos) {
        error = "unterminated comment on line " + std::to_string(line);
        return std::nullopt;
      }
      count_lines(at, end);
      at = end + 2;
    } else if (source.compare(at, 3, "\"\"\"") == 0) {
      std::size_t end = source.find("\"\"\"", at + 3);
      if (end == std::string_view::npos) {
        error = "unterminated text block on line " + std::to_string(line);
        return std::nullopt;
      }
      out.push_back({Kind::String, std::string(source.substr(at + 3, end - at - 3)), line});
      count_lines(at, end);
      at = end + 3;
    } else if (c == '"' || c == '\'') {
      std::string value;
      std::size_t i = at + 1;
      while (i < source.size() && source[i] != c && source[i] != '\n') {
        if (source[i] == '\\' && i + 1 < source.size()) ++i;
        value += source[i++];
      }
      if (i >= source.size() || source[i] != c) {
        error = "unterminated literal on line " + std::to_string(line);
        return std::nullopt;
      }
      out.push_back({c == '"' ? Kind::String : Kind::Punct, std::move(value), line});
      at = i + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
               static_cast<unsigned char>(c) >= 0x80) {
      std::size_t i = at;
      while (i < source.size() &&
             (std::isalnum(static_cast<unsigned char>(source[i])) || source[i] == '_' ||
              source[i] == '$' || static_cast<unsigned char>(source[i]) >= 0x80)) {
        ++i;
      }
      out.push_back({Kind::Ident, std::string(source.substr(at, i - at)), line});
      at = i;
    } else if (c == '`') {  // Kotlin's `quoted identifier`
      std::size_t end = source.find('`', at + 1);
      if (end == std::string_view::npos ||
          source.substr(at, end - at).find('\n') != std::string_view::npos) {
        error = "unterminated identifier on line " + std::to_string(line);
        return std::nullopt;
      }
      out.push_back({Kind::Ident, std::string(source.substr(at + 1, end - at - 1)), line});
      at = end + 1;
    } else {
      out.push_back({Kind::Punct, std::string(1, c), line});
      ++at;
    }
  }
  return out;
}

// Spring Boot's CamelCaseToUnderscoresNamingStrategy: `_` between a lower-case letter and an
// upper-case one followed by a lower-case one, `.` to `_`, all lower-cased.
std::string spring_name(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary = i > 0 && i + 1 < name.size() &&
                    std::islower(static_cast<unsigned char>(name[i - 1])) &&
                    std::isupper(static_cast<unsigned char>(c)) &&
                    std::islower(static_cast<unsigned char>(name[i + 1]));
    if (boundary) out += '_';
    out += c == '.' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Hibernate's default: the name as written, which PostgreSQL folds to lower case unquoted.
std::string folded_name(const std::string& name) {
  std::string out;
  for (char c : name) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Annotation {
  std::string name;  // last segment: `Column` for `@jakarta.persistence.Column`
  std::optional<std::string> name_argument;    // `name = "…"`
  std::optional<std::string> schema_argument;  // `schema = "…"`
  bool mapped_by = false;                      // `mappedBy = …`: the other side holds the column
};

class EntityReader {
 public:
  EntityReader(const SourceFile& file, std::vector<Token> tokens)
      : file_(file), tokens_(std::move(tokens)), kotlin_(file.path.ends_with(".kt")) {}

  // A class of this file: an entity's model, or a mapped superclass's fields (table unused).
  struct Class {
    std::string name;
    std::string superclass;  // simple name, empty when none
    bool entity = false;
    ModelReference model;
  };

  std::vector<Class> run() {
    std::vector<Class> out;
    std::vector<Annotation> pending;
    for (std::size_t i = 0; i < tokens_.size();) {
      if (is_punct(i, "@") && i + 1 < tokens_.size() && tokens_[i + 1].kind == Kind::Ident &&
          tokens_[i + 1].text != "interface") {
        pending.push_back(annotation(i));
        continue;
      }
      if (tokens_[i].kind == Kind::Ident && tokens_[i].text == "class" && i + 1 < tokens_.size() &&
          tokens_[i + 1].kind == Kind::Ident) {
        bool entity = find(pending, "Entity") != nullptr;
        if (entity || find(pending, "MappedSuperclass") != nullptr) {
          out.push_back(read_class(i, pending, entity));
        }
        pending.clear();
        ++i;
        continue;
      }
      if (is_punct(i, ";") || is_punct(i, "{") || is_punct(i, "}")) pending.clear();
      ++i;
    }
    return out;
  }

 private:
  const SourceFile& file_;
  std::vector<Token> tokens_;
  bool kotlin_;

  bool is_punct(std::size_t i, std::string_view text) const {
    return i < tokens_.size() && tokens_[i].kind == Kind::Punct && tokens_[i].text == text;
  }
  bool is_ident(std::size_t i, std::string_view text) const {
    return i < tokens_.size() && tokens_[i].kind == Kind::Ident && tokens_[i].text == text;
  }

  // The bracket closing the one at `open`, or the end.
  std::size_t closing(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < tokens_.size(); ++i) {
      if (is_punct(i, "(") || is_punct(i, "{") || is_punct(i, "[")) ++depth;
      if ((is_punct(i, ")") || is_punct(i, "}") || is_punct(i, "]")) && --depth == 0) return i;
    }
    return tokens_.size();
  }

  // `@a.b.Name(name = "x", schema = "s")` from `i` (the `@`); `i` is left after it.
  Annotation annotation(std::size_t& i) {
    Annotation out;
    ++i;
    while (i < tokens_.size() && tokens_[i].kind == Kind::Ident) {
      out.name = tokens_[i++].text;
      if (!is_punct(i, ".") || i + 1 >= tokens_.size() || tokens_[i + 1].kind != Kind::Ident) break;
      ++i;
    }
    if (is_punct(i, "(")) {
      std::size_t end = closing(i);
      for (std::size_t k = i + 1; k + 2 < end; ++k) {
        if (tokens_[k].kind == Kind::Ident && is_punct(k + 1, "=") &&
            tokens_[k + 2].kind == Kind::String) {
          if (tokens_[k].text == "name") out.name_argument = tokens_[k + 2].text;
          if (tokens_[k].text == "schema") out.schema_argument = tokens_[k + 2].text;
        }
        if (is_ident(k, "mappedBy")) out.mapped_by = true;
      }
      i = std::min(end + 1, tokens_.size());
    }
    return out;
  }

  static const Annotation* find(const std::vector<Annotation>& annotations, std::string_view name) {
    auto found = std::find_if(annotations.begin(), annotations.end(),
                              [&](const Annotation& a) { return a.name == name; });
    return found == annotations.end() ? nullptr : &*found;
  }

  void add_column(ModelReference& model, const std::string& field, int line,
                  const std::vector<Annotation>& annotations) {
    static const std::set<std::string_view> kNoColumn = {
        "Transient", "OneToMany", "ManyToMany", "Embedded", "EmbeddedId", "ElementCollection"};
    for (const Annotation& a : annotations) {
      if (kNoColumn.count(a.name) > 0 || a.mapped_by) return;
    }
    std::vector<std::string> names;
    const Annotation* column = find(annotations, "Column");
    const Annotation* join = find(annotations, "JoinColumn");
    bool to_one =
        find(annotations, "ManyToOne") != nullptr || find(annotations, "OneToOne") != nullptr;
    if (column && column->name_argument) {
      names.push_back(*column->name_argument);
    } else if (join && join->name_argument) {
      names.push_back(*join->name_argument);
    } else if (to_one) {  // the owning side's foreign key: `field_id`
      names.push_back(spring_name(field) + "_id");
      names.push_back(folded_name(field) + "_id");
    } else {
      names.push_back(spring_name(field));
      names.push_back(folded_name(field));
    }
    std::string text = source_line(file_.content, line);
    for (const std::string& name : names) {
      if (std::find(model.columns.begin(), model.columns.end(), name) != model.columns.end())
        continue;
      model.columns.push_back(name);
      model.declarations.push_back({line, text, {}});
    }
  }

  // The class at `i` (`class`): its table, its superclass and its fields' columns.
  Class read_class(std::size_t i, const std::vector<Annotation>& annotations, bool entity) {
    Class out;
    out.name = tokens_[i + 1].text;
    out.entity = entity;
    ModelReference& model = out.model;
    model.file = file_.path;
    model.line = tokens_[i].line;
    model.text = source_line(file_.content, model.line);
    const std::string& class_name = tokens_[i + 1].text;
    const Annotation* table = find(annotations, "Table");
    if (table && table->name_argument) {
      model.table.name = *table->name_argument;
    } else {
      model.table.name = spring_name(class_name);
    }
    if (table && table->schema_argument) model.table.schema = *table->schema_argument;
    std::size_t k = i + 2;
    // Kotlin's primary constructor: `class User(@Id val id: Long, val legacyEmail: String)`.
    if (is_punct(k, "(")) {
      std::size_t end = closing(k);
      read_members(k + 1, end, model, true);
      k = end + 1;
    }
    // `extends BaseEntity<Long>` (Java), `: BaseEntity()` (Kotlin): the superclass's simple name.
    while (k < tokens_.size() && !is_punct(k, "{") && !is_punct(k, ";")) {
      bool extends = is_ident(k, "extends") || (kotlin_ && is_punct(k, ":"));
      if (extends && out.superclass.empty()) {
        std::size_t name = k + 1;
        while (name + 2 < tokens_.size() && is_punct(name + 1, ".") &&
               tokens_[name + 2].kind == Kind::Ident) {
          name += 2;  // `com.acme.BaseEntity` → `BaseEntity`
        }
        if (name < tokens_.size() && tokens_[name].kind == Kind::Ident) {
          out.superclass = tokens_[name].text;
        }
      }
      ++k;
    }
    if (is_punct(k, "{")) read_members(k + 1, closing(k), model, false);
    return out;
  }

  // Fields (Java `Type name;`, Kotlin `val name: Type`) between `begin` and `end`, one bracket
  // level deep; methods, nested classes and initializers are skipped whole.
  void read_members(std::size_t begin, std::size_t end, ModelReference& model, bool parameters) {
    std::vector<Annotation> annotations;
    std::vector<std::size_t> words;  // identifiers of the declaration so far
    bool skip = false;               // a method, a static member, …
    for (std::size_t i = begin; i < end;) {
      // Kotlin ends a declaration at the end of its line, unless the line goes on.
      if (kotlin_ && !parameters && !words.empty() && i > begin &&
          tokens_[i].line > tokens_[i - 1].line && !is_punct(i - 1, "=") && !is_punct(i - 1, ",") &&
          !is_punct(i - 1, ".") && !is_punct(i, ".") && !is_punct(i, "?") && !is_punct(i, ":")) {
        finish(model, annotations, words, skip, false);
        annotations.clear();
        words.clear();
        skip = false;
      }
      if (is_punct(i, "@")) {
        annotations.push_back(annotation(i));
        continue;
      }
      if (is_punct(i, "(") || is_punct(i, "{") || is_punct(i, "[")) {
        // A method's parameters or body, an initializer, a nested class: not a field.
        if (!is_punct(i, "[")) skip = skip || !has_assignment(words);
        i = closing(i) + 1;
        if (is_punct(i - 1, "}") && !parameters) {
          finish(model, annotations, words, skip, true);
          annotations.clear();
          words.clear();
          skip = false;
        }
        continue;
      }
      bool separator = is_punct(i, ";") || (parameters && is_punct(i, ","));
      if (separator) {
        finish(model, annotations, words, skip, false);
        annotations.clear();
        words.clear();
        skip = false;
        ++i;
        continue;
      }
      if (tokens_[i].kind == Kind::Ident) {
        const std::string& word = tokens_[i].text;
        if (word == "static" || word == "transient" || word == "class" || word == "interface" ||
            word == "enum" || word == "fun" || word == "companion" || word == "object" ||
            word == "init" || word == "record") {
          skip = true;
        }
        words.push_back(i);
      } else if (is_punct(i, "=")) {
        words.push_back(i);
      }
      ++i;
    }
    finish(model, annotations, words, skip, false);
  }

  bool has_assignment(const std::vector<std::size_t>& words) const {
    return std::any_of(words.begin(), words.end(), [&](std::size_t w) { return is_punct(w, "="); });
  }

  // One declaration read: its field name is the identifier after `val`/`var` (Kotlin), else the
  // last identifier before `=` (Java).
  void finish(ModelReference& model, const std::vector<Annotation>& annotations,
              const std::vector<std::size_t>& words, bool skip, bool braces) {
    if (skip || words.empty() || braces) return;
    std::optional<std::size_t> name;
    for (std::size_t k = 0; k + 1 < words.size(); ++k) {
      if ((is_ident(words[k], "val") || is_ident(words[k], "var")) &&
          tokens_[words[k + 1]].kind == Kind::Ident) {
        name = words[k + 1];
        break;
      }
    }
    if (kotlin_ && !name) return;  // a constructor parameter that is no property, a function
    if (!name) {
      for (std::size_t word : words) {
        if (is_punct(word, "=")) break;
        name = word;
      }
      // `Type name` at least: a lone word is no Java field.
      std::size_t before_assignment =
          static_cast<std::size_t>(std::find_if(words.begin(), words.end(),
                                                [&](std::size_t w) { return is_punct(w, "="); }) -
                                   words.begin());
      if (before_assignment < 2) return;
    }
    if (!name || tokens_[*name].kind != Kind::Ident) return;
    add_column(model, tokens_[*name].text, tokens_[*name].line, annotations);
  }
};

}  // namespace

ModelScan read_jpa_entities(const std::vector<SourceFile>& files) {
  ModelScan scan;
  std::vector<EntityReader::Class> classes;
  for (const SourceFile& file : files) {
    std::string error;
    std::optional<std::vector<Token>> tokens = tokenize(file.content, error);
    if (!tokens) {
      scan.failures.push_back(ProviderFailure{file.path, "jpa", error});
      continue;
    }
    for (EntityReader::Class& found : EntityReader(file, std::move(*tokens)).run()) {
      classes.push_back(std::move(found));
    }
  }
  auto mapped_superclass = [&](const std::string& name) -> const EntityReader::Class* {
    for (const EntityReader::Class& c : classes) {
      if (c.name == name && !c.entity) return &c;
    }
    return nullptr;
  };
  for (const EntityReader::Class& entity : classes) {
    if (!entity.entity) continue;
    ModelReference model = entity.model;
    // The fields of the mapped superclasses up the chain (a cycle stops at its first repeat).
    std::set<std::string> seen = {entity.name};
    for (const EntityReader::Class* base = mapped_superclass(entity.superclass);
         base != nullptr && seen.insert(base->name).second;
         base = mapped_superclass(base->superclass)) {
      for (std::size_t k = 0; k < base->model.columns.size(); ++k) {
        const std::string& column = base->model.columns[k];
        if (std::find(model.columns.begin(), model.columns.end(), column) != model.columns.end()) {
          continue;
        }
        model.columns.push_back(column);
        ModelReference::Declaration declared = base->model.declarations.at(k);
        declared.file = base->model.file;
        model.declarations.push_back(std::move(declared));
      }
    }
    // Hibernate without Spring's naming keeps the class name: `OrderItem` → `orderitem`.
    bool named = model.table.name != spring_name(entity.name);
    std::string plain_name = folded_name(entity.name);
    scan.models.push_back(model);
    if (!named && plain_name != model.table.name) {
      model.table.name = plain_name;
      scan.models.push_back(std::move(model));
    }
  }
  return scan;
}

}  // namespace twostep::refs
