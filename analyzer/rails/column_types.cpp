// Rails' PostgreSQL column types (ActiveRecord's PostgreSQLAdapter::NATIVE_DATABASE_TYPES and its
// `type_to_sql`): the SQL type each DSL type creates.
#include <map>
#include <string>

#include "analyzer/rails/translate.hpp"
#include "twostep/change.hpp"

namespace twostep::rails {
namespace {

std::optional<std::string> number_option(const Options& options, std::string_view key) {
  const Value* value = find_option(options, key);
  if (value == nullptr || value->kind != Value::Kind::Number) return std::nullopt;
  std::string digits;
  for (char c : value->text) {
    if (c != '_') digits += c;
  }
  return digits;
}

// `precision: nil` says "no precision"; an absent option takes Rails' default.
bool precision_nil(const Options& options) {
  const Value* value = find_option(options, "precision");
  return value != nullptr && value->kind == Value::Kind::Nil;
}

}  // namespace

std::string column_type(std::string_view type, const Options& options) {
  static const std::map<std::string_view, std::string_view> plain = {
      {"text", "text"},
      {"bigint", "bigint"},
      {"float", "double precision"},
      {"date", "date"},
      {"binary", "bytea"},
      {"boolean", "boolean"},
      {"json", "json"},
      {"jsonb", "jsonb"},
      {"uuid", "uuid"},
      {"inet", "inet"},
      {"cidr", "cidr"},
      {"macaddr", "macaddr"},
      {"hstore", "hstore"},
      {"citext", "citext"},
      {"ltree", "ltree"},
      {"interval", "interval"},
      {"money", "money"},
      {"xml", "xml"},
      {"tsvector", "tsvector"},
      {"point", "point"},
      {"line", "line"},
      {"lseg", "lseg"},
      {"box", "box"},
      {"path", "path"},
      {"polygon", "polygon"},
      {"circle", "circle"},
      {"oid", "oid"},
      {"daterange", "daterange"},
      {"numrange", "numrange"},
      {"tsrange", "tsrange"},
      {"tstzrange", "tstzrange"},
      {"int4range", "int4range"},
      {"int8range", "int8range"},
      {"serial", "serial"},
      {"bigserial", "bigserial"},
  };
  std::optional<std::string> limit = number_option(options, "limit");
  std::optional<std::string> precision = number_option(options, "precision");
  std::optional<std::string> scale = number_option(options, "scale");
  if (auto found = plain.find(type); found != plain.end()) return std::string(found->second);
  if (type == "string") return limit ? "character varying(" + *limit + ")" : "character varying";
  if (type == "integer") {
    if (!limit) return "integer";
    int bytes = std::stoi(*limit);
    return bytes <= 2 ? "smallint" : bytes <= 4 ? "integer" : "bigint";
  }
  if (type == "decimal" || type == "numeric") {
    if (!precision) return "numeric";
    return scale ? "numeric(" + *precision + "," + *scale + ")" : "numeric(" + *precision + ")";
  }
  if (type == "datetime" || type == "timestamp" || type == "timestamptz" || type == "time") {
    // Rails 7 gives datetimes a precision of 6 unless told otherwise.
    std::string base = type == "time" ? "time" : "timestamp";
    std::string digits = precision                                    ? *precision
                         : (precision_nil(options) || type == "time") ? ""
                                                                      : "6";
    std::string out = digits.empty() ? base : base + "(" + digits + ")";
    return type == "timestamptz" ? out + " with time zone" : out;
  }
  if (type == "bit") return limit ? "bit(" + *limit + ")" : "bit";
  if (type == "bit_varying") return limit ? "bit varying(" + *limit + ")" : "bit varying";
  if (type == "enum") {
    const Value* named = find_option(options, "enum_type");
    if (named != nullptr && named->is_name()) return quote_identifier(named->text);
  }
  // A type Rails does not know is passed through as SQL (`:geography`, a domain, an enum).
  return std::string(type);
}

}  // namespace twostep::rails
