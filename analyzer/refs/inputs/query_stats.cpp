#include "analyzer/refs/inputs/query_stats.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "analyzer/refs/code/literals.hpp"
#include "analyzer/support/files.hpp"
#include "twostep/error.hpp"

namespace twostep::refs {
namespace {

// One CSV record starting at `at` (RFC 4180: quoted fields may hold commas, quotes and newlines).
std::vector<std::string> csv_record(const std::string& text, std::size_t& at, int& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  while (at < text.size()) {
    char c = text[at++];
    if (quoted) {
      if (c == '"') {
        if (at < text.size() && text[at] == '"') {
          field += '"';
          ++at;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && at < text.size() && text[at] == '\n') ++at;
      ++line;
      break;
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

std::string shorten(const std::string& query) {
  std::string out;
  bool space = false;
  for (char c : query) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 200) out = out.substr(0, 200) + "…";
  return out;
}

long long parse_calls(const std::string& text, const std::string& where) {
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw IoError(fmt::format("{}: `calls` is not a count: \"{}\"", where, text));
}

void add(std::vector<QueryOccurrence>& out, const std::string& shown, int line,
         const std::string& query, long long calls) {
  std::optional<std::string> sql = as_query(query);
  if (!sql) return;
  QueryOccurrence occurrence;
  occurrence.evidence =
      Evidence{shown, line, shorten(query), Strength::Exact, Access::Read, "", calls};
  occurrence.sql = std::move(*sql);
  occurrence.provider = "pg_stat_statements";
  out.push_back(std::move(occurrence));
}

}  // namespace

std::vector<QueryOccurrence> read_query_stats(const std::filesystem::path& file,
                                              const std::string& shown) {
  std::string text = support::read_text_file(file);
  std::vector<QueryOccurrence> out;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    int line = 0;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++line;
      std::string record = text.substr(start, end - start);
      start = end + 1;
      if (record.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = fmt::format("{}:{}", shown, line);
      nlohmann::json row;
      try {
        row = nlohmann::json::parse(record);
      } catch (const nlohmann::json::parse_error&) {
        throw IoError(where + ": not a JSON object (JSON lines: one object per line)");
      }
      if (!row.is_object() || !row.contains("query") || !row.at("query").is_string() ||
          !row.contains("calls")) {
        throw IoError(where + ": each line needs `query` (a string) and `calls`");
      }
      const nlohmann::json& calls = row.at("calls");
      long long count = calls.is_number_integer() ? calls.get<long long>()
                        : calls.is_string()       ? parse_calls(calls.get<std::string>(), where)
                                                  : -1;
      if (count < 0) throw IoError(where + ": `calls` is not a count");
      add(out, shown, line, row.at("query").get<std::string>(), count);
    }
    return out;
  }
  std::size_t at = 0;
  int line = 1;
  std::vector<std::string> header = csv_record(text, at, line);
  auto column = [&](const char* name) -> std::size_t {
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::string cell = header[i];
      while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.pop_back();
      if (cell == name) return i;
    }
    throw IoError(fmt::format(
        "{}:1: no `{}` column in the header (a pg_stat_statements export needs `query` and "
        "`calls`: \\copy (SELECT query, calls FROM pg_stat_statements) TO 'stats.csv' CSV HEADER)",
        shown, name));
  };
  std::size_t query_column = column("query");
  std::size_t calls_column = column("calls");
  while (at < text.size()) {
    int record_line = line;
    std::vector<std::string> fields = csv_record(text, at, line);
    if (fields.size() == 1 && fields[0].find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = fmt::format("{}:{}", shown, record_line);
    if (fields.size() <= std::max(query_column, calls_column)) {
      throw IoError(where + ": fewer fields than the header names");
    }
    add(out, shown, record_line, fields[query_column], parse_calls(fields[calls_column], where));
  }
  return out;
}

}  // namespace twostep::refs
