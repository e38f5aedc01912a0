// Prisma models. The Prisma client selects and writes every scalar field of
// a model by its column name, so each `model` (and `view`) of `schema.prisma` references the
// columns of its scalar fields. The schema language is small and regular: a tokenizer and a
// line-by-line reading of each block are enough, and anything else is a failure.
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/refs/models/models.hpp"
#include "analyzer/refs/source_line.hpp"

namespace twostep::refs {
namespace {

enum class Kind { Ident, String, Number, Punct, Newline };

struct Token {
  Kind kind = Kind::Punct;
  std::string text;  // a string's value, without quotes
  int line = 1;
};

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// The tokens, or nothing (with `error` set) for an unterminated string.
std::optional<std::vector<Token>> tokenize(std::string_view source, std::string& error) {
  std::vector<Token> out;
  int line = 1;
  std::size_t at = 0;
  auto push = [&](Kind kind, std::string text) {
    out.push_back(Token{kind, std::move(text), line});
  };
  while (at < source.size()) {
    char c = source[at];
    if (c == '\n') {
      if (out.empty() || out.back().kind != Kind::Newline) push(Kind::Newline, "\n");
      ++line;
      ++at;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++at;
    } else if (c == '/' && at + 1 < source.size() && source[at + 1] == '/') {
      while (at < source.size() && source[at] != '\n') ++at;  // `//` and `///` doc comments
    } else if (c == '"') {
      int opened = line;
      std::string value;
      ++at;
      while (at < source.size() && source[at] != '"' && source[at] != '\n') {
        if (source[at] == '\\' && at + 1 < source.size()) ++at;
        value += source[at++];
      }
      if (at >= source.size() || source[at] != '"') {
        error = "unterminated string on line " + std::to_string(opened);
        return std::nullopt;
      }
      ++at;
      out.push_back(Token{Kind::String, std::move(value), opened});
    } else if (is_ident_char(c)) {
      std::size_t start = at;
      while (at < source.size() && is_ident_char(source[at])) ++at;
      bool number = std::isdigit(static_cast<unsigned char>(c)) || c == '-';
      push(number ? Kind::Number : Kind::Ident, std::string(source.substr(start, at - start)));
    } else if (c == '@' && at + 1 < source.size() && source[at + 1] == '@') {
      at += 2;
      push(Kind::Punct, "@@");
    } else {
      ++at;
      push(Kind::Punct, std::string(1, c));
    }
  }
  return out;
}

// A top-level block: `model User { … }`.
struct Block {
  std::string keyword;
  std::string name;
  int line = 1;
  std::size_t body_begin = 0;  // token indices, braces excluded
  std::size_t body_end = 0;
};

// One attribute, `@map("x")` or `@@schema(name: "x")`: its name and first string argument.
struct Attribute {
  std::string name;
  std::optional<std::string> argument;
};

class SchemaReader {
 public:
  SchemaReader(const SourceFile& file, std::vector<Token> tokens, std::set<std::string> models = {})
      : file_(file), tokens_(std::move(tokens)), models_(std::move(models)) {}

  // The models and views this file declares.
  std::set<std::string> model_names() {
    std::set<std::string> out;
    for (const Block& block : read_blocks()) {
      if (block.keyword == "model" || block.keyword == "view") out.insert(block.name);
    }
    return error_.empty() ? out : std::set<std::string>{};
  }

  ModelScan run() {
    ModelScan scan;
    std::vector<Block> blocks = read_blocks();
    for (const Block& block : blocks) {
      if (block.keyword == "model" || block.keyword == "view") models_.insert(block.name);
    }
    for (const Block& block : blocks) {
      if (!error_.empty()) break;
      if (block.keyword == "enum") read_enum(block, scan);
      if (block.keyword != "model" && block.keyword != "view") continue;
      if (std::optional<ModelReference> model = read_model(block)) {
        scan.models.push_back(std::move(*model));
      }
    }
    if (!error_.empty()) {
      scan.models.clear();
      scan.enum_values.clear();
      scan.failures.push_back(ProviderFailure{file_.path, "prisma", error_});
    }
    return scan;
  }

 private:
  bool is_punct(std::size_t index, std::string_view text) const {
    return index < tokens_.size() && tokens_[index].kind == Kind::Punct &&
           tokens_[index].text == text;
  }

  void fail(std::string message, int line) {
    if (error_.empty()) error_ = std::move(message) + " on line " + std::to_string(line);
  }

  std::vector<Block> read_blocks() {
    static const std::set<std::string_view> keywords = {"model", "view",       "enum",
                                                        "type",  "datasource", "generator"};
    std::vector<Block> out;
    std::size_t i = 0;
    while (i < tokens_.size() && error_.empty()) {
      const Token& token = tokens_[i];
      if (token.kind == Kind::Newline) {
        ++i;
        continue;
      }
      if (token.kind != Kind::Ident || keywords.count(token.text) == 0 || i + 2 >= tokens_.size() ||
          tokens_[i + 1].kind != Kind::Ident || !is_punct(i + 2, "{")) {
        fail("unexpected `" + token.text + "`", token.line);
        break;
      }
      Block block{token.text, tokens_[i + 1].text, token.line, i + 3, i + 3};
      int depth = 1;
      std::size_t j = i + 3;
      for (; j < tokens_.size(); ++j) {
        if (is_punct(j, "{")) ++depth;
        if (is_punct(j, "}") && --depth == 0) break;
      }
      if (j == tokens_.size()) {
        fail("`" + block.keyword + " " + block.name + "` has no closing brace", token.line);
        break;
      }
      block.body_end = j;
      out.push_back(std::move(block));
      i = j + 1;
    }
    return out;
  }

  // `@name`, `@db.VarChar(255)`, `@@map(name: "x")` from `i`; `i` is left after it.
  Attribute read_attribute(std::size_t& i, std::size_t end) {
    Attribute out;
    ++i;  // `@` / `@@`
    while (i < end && tokens_[i].kind == Kind::Ident) {
      out.name += tokens_[i++].text;
      if (!is_punct(i, ".")) break;
      out.name += ".";
      ++i;
    }
    if (out.name.empty()) {
      fail("cannot read an attribute", tokens_[i < end ? i : end - 1].line);
      return out;
    }
    if (is_punct(i, "(")) out.argument = skip_arguments(i, end);
    return out;
  }

  // `(…)` from `i`, left after it; the first string in it.
  std::optional<std::string> skip_arguments(std::size_t& i, std::size_t end) {
    std::optional<std::string> first;
    int depth = 0;
    std::size_t open = i;
    for (; i < end; ++i) {
      if (is_punct(i, "(") || is_punct(i, "[") || is_punct(i, "{")) ++depth;
      if (is_punct(i, ")") || is_punct(i, "]") || is_punct(i, "}")) {
        if (--depth == 0) break;
      }
      if (tokens_[i].kind == Kind::String && !first) first = tokens_[i].text;
    }
    if (i == end) {
      fail("unclosed parentheses", tokens_[open].line);
      return first;
    }
    ++i;
    return first;
  }

  std::optional<ModelReference> read_model(const Block& block) {
    ModelReference model;
    model.file = file_.path;
    model.line = block.line;
    model.text = source_line(file_.content, block.line);
    model.table.name = block.name;
    bool ignored = false;
    std::size_t i = block.body_begin;
    std::size_t end = block.body_end;
    while (i < end && error_.empty()) {
      const Token& token = tokens_[i];
      if (token.kind == Kind::Newline) {
        ++i;
      } else if (is_punct(i, "@@")) {
        Attribute attribute = read_attribute(i, end);
        if (attribute.name == "map" && attribute.argument) model.table.name = *attribute.argument;
        if (attribute.name == "schema" && attribute.argument) {
          model.table.schema = *attribute.argument;
        }
        if (attribute.name == "ignore") ignored = true;
      } else if (token.kind == Kind::Ident) {
        read_field(i, end, model);
      } else {
        fail("unexpected `" + token.text + "` in " + block.keyword + " " + block.name, token.line);
      }
    }
    if (ignored) return std::nullopt;
    return model;
  }

  // `VALUE @map("value")` per line; `@@map`, `@@schema` name the type, which the values do not
  // need.
  void read_enum(const Block& block, ModelScan& scan) {
    std::size_t i = block.body_begin;
    std::size_t end = block.body_end;
    while (i < end && error_.empty()) {
      const Token& token = tokens_[i];
      if (token.kind == Kind::Newline) {
        ++i;
      } else if (is_punct(i, "@@")) {
        read_attribute(i, end);
      } else if (token.kind == Kind::Ident) {
        std::string value = token.text;
        ++i;
        while (i < end && error_.empty() && tokens_[i].kind != Kind::Newline) {
          if (!is_punct(i, "@")) {
            fail("unexpected `" + tokens_[i].text + "` in enum " + block.name, tokens_[i].line);
            return;
          }
          Attribute attribute = read_attribute(i, end);
          if (attribute.name == "map" && attribute.argument) value = *attribute.argument;
        }
        scan.enum_values.push_back(
            {file_.path, token.line, source_line(file_.content, token.line), std::move(value)});
      } else {
        fail("unexpected `" + token.text + "` in enum " + block.name, token.line);
      }
    }
  }

  // `name Type[]? @attribute…`, up to the end of its line.
  void read_field(std::size_t& i, std::size_t end, ModelReference& model) {
    const Token& name = tokens_[i++];
    if (i >= end || tokens_[i].kind != Kind::Ident) {
      fail("field `" + name.text + "` has no type", name.line);
      return;
    }
    std::string type = tokens_[i++].text;
    if (type == "Unsupported" && is_punct(i, "(")) skip_arguments(i, end);  // `("circle")`
    while (is_punct(i, "[") || is_punct(i, "]") || is_punct(i, "?") || is_punct(i, "!")) ++i;
    std::optional<std::string> column;
    bool skip = false;
    while (i < end && error_.empty() && tokens_[i].kind != Kind::Newline) {
      if (!is_punct(i, "@")) {
        fail("unexpected `" + tokens_[i].text + "` in field `" + name.text + "`", tokens_[i].line);
        return;
      }
      Attribute attribute = read_attribute(i, end);
      if (attribute.name == "map" && attribute.argument) column = attribute.argument;
      if (attribute.name == "ignore" || attribute.name == "relation") skip = true;
    }
    // Relation fields hold no column; the client never selects an `Unsupported` field.
    if (skip || models_.count(type) > 0 || type == "Unsupported") return;
    model.columns.push_back(column.value_or(name.text));
    model.declarations.push_back({name.line, source_line(file_.content, name.line), {}});
  }

  const SourceFile& file_;
  std::vector<Token> tokens_;
  std::set<std::string> models_;
  std::string error_;
};

}  // namespace

ModelScan read_prisma_schema(const SourceFile& file, const std::set<std::string>& other_models) {
  std::string error;
  std::optional<std::vector<Token>> tokens = tokenize(file.content, error);
  if (!tokens) {
    ModelScan scan;
    scan.failures.push_back(ProviderFailure{file.path, "prisma", error});
    return scan;
  }
  return SchemaReader(file, std::move(*tokens), other_models).run();
}

std::set<std::string> prisma_models(const SourceFile& file) {
  std::string error;
  std::optional<std::vector<Token>> tokens = tokenize(file.content, error);
  if (!tokens) return {};
  return SchemaReader(file, std::move(*tokens)).model_names();
}

}  // namespace twostep::refs
