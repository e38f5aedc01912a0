#pragma once
// A read-only view of libpg_query's JSON parse tree, over simdjson's DOM. libpg_query omits
// fields that hold their default (false, 0, empty list), so an absent key reads as that default.
// This header stays inside analyzer/sql/: nothing else knows the tree's shape.
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::sql {

class JsonNode {
 public:
  JsonNode() = default;
  explicit JsonNode(simdjson::dom::element element) : element_(element), valid_(true) {}

  bool valid() const { return valid_; }
  explicit operator bool() const { return valid_; }

  JsonNode field(std::string_view key) const;
  std::string_view string(std::string_view key) const;  // "" when absent
  std::int64_t integer(std::string_view key, std::int64_t absent = 0) const;
  bool flag(std::string_view key) const;  // false when absent
  std::vector<JsonNode> list(std::string_view key) const;
  std::vector<JsonNode> items() const;                                // this node as an array
  std::vector<std::pair<std::string_view, JsonNode>> fields() const;  // this node as an object

  // A node is `{"KindName": {…}}`: its kind and its body.
  std::string_view kind() const;
  JsonNode body() const;
  bool is(std::string_view kind) const { return this->kind() == kind; }

  // `{"String": {"sval": "x"}}` → "x" (also Float/BitString values); nullopt otherwise.
  std::optional<std::string> string_value() const;
  // `{"Integer": {"ival": 5}}` or `{"A_Const": {"ival": {"ival": 5}}}` → 5.
  std::optional<std::int64_t> integer_value() const;

  // Every body of a node of `kind` below this one (depth first, document order).
  void collect(std::string_view kind, std::vector<JsonNode>& out) const;

 private:
  simdjson::dom::element element_;
  bool valid_ = false;
};

// Names from a list of String nodes: `[{"String":{"sval":"public"}},{"String":{"sval":"t"}}]`.
std::vector<std::string> string_list(const std::vector<JsonNode>& items);

}  // namespace twostep::sql
