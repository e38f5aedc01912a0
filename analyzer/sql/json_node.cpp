#include "analyzer/sql/json_node.hpp"

namespace twostep::sql {

JsonNode JsonNode::field(std::string_view key) const {
  if (!valid_) return {};
  simdjson::dom::object object;
  if (element_.get_object().get(object) != simdjson::SUCCESS) return {};
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return {};
  return JsonNode(value);
}

std::string_view JsonNode::string(std::string_view key) const {
  JsonNode value = field(key);
  std::string_view out;
  if (!value.valid_ || value.element_.get_string().get(out) != simdjson::SUCCESS) return {};
  return out;
}

std::int64_t JsonNode::integer(std::string_view key, std::int64_t absent) const {
  JsonNode value = field(key);
  std::int64_t out = 0;
  if (!value.valid_ || value.element_.get_int64().get(out) != simdjson::SUCCESS) return absent;
  return out;
}

bool JsonNode::flag(std::string_view key) const {
  JsonNode value = field(key);
  bool out = false;
  if (!value.valid_ || value.element_.get_bool().get(out) != simdjson::SUCCESS) return false;
  return out;
}

std::vector<JsonNode> JsonNode::list(std::string_view key) const {
  return field(key).items();
}

std::vector<JsonNode> JsonNode::items() const {
  std::vector<JsonNode> out;
  simdjson::dom::array array;
  if (!valid_ || element_.get_array().get(array) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element item : array) out.emplace_back(item);
  return out;
}

std::vector<std::pair<std::string_view, JsonNode>> JsonNode::fields() const {
  std::vector<std::pair<std::string_view, JsonNode>> out;
  simdjson::dom::object object;
  if (!valid_ || element_.get_object().get(object) != simdjson::SUCCESS) return out;
  for (auto [key, value] : object) out.emplace_back(key, JsonNode(value));
  return out;
}

std::string_view JsonNode::kind() const {
  simdjson::dom::object object;
  if (!valid_ || element_.get_object().get(object) != simdjson::SUCCESS) return {};
  for (auto [key, value] : object) {
    (void)value;
    return key;
  }
  return {};
}

JsonNode JsonNode::body() const {
  simdjson::dom::object object;
  if (!valid_ || element_.get_object().get(object) != simdjson::SUCCESS) return {};
  for (auto [key, value] : object) {
    (void)key;
    return JsonNode(value);
  }
  return {};
}

std::optional<std::string> JsonNode::string_value() const {
  std::string_view k = kind();
  if (k == "String") return std::string(body().string("sval"));
  if (k == "Float") return std::string(body().string("fval"));
  if (k == "BitString") return std::string(body().string("bsval"));
  return std::nullopt;
}

std::optional<std::int64_t> JsonNode::integer_value() const {
  std::string_view k = kind();
  if (k == "Integer") return body().integer("ival");
  if (k == "A_Const") {
    JsonNode ival = body().field("ival");
    if (ival) return ival.integer("ival");
  }
  return std::nullopt;
}

void JsonNode::collect(std::string_view wanted, std::vector<JsonNode>& out) const {
  if (!valid_) return;
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (element_.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : array) JsonNode(item).collect(wanted, out);
  } else if (element_.get_object().get(object) == simdjson::SUCCESS) {
    for (auto [key, value] : object) {
      if (key == wanted) out.emplace_back(value);
      JsonNode(value).collect(wanted, out);
    }
  }
}

std::vector<std::string> string_list(const std::vector<JsonNode>& items) {
  std::vector<std::string> out;
  for (const JsonNode& item : items) {
    if (auto value = item.string_value()) out.push_back(*value);
  }
  return out;
}

}  // namespace twostep::sql
