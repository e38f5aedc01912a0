#include "expectations.hpp"

namespace twostep::testing {
namespace {

std::size_t skip_spaces(const std::string& text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

}  // namespace

std::vector<ExpectComment> expect_comments(const std::string& line) {
  std::vector<ExpectComment> out;
  std::size_t at = 0;
  while ((at = line.find("--", at)) != std::string::npos) {
    std::size_t cursor = skip_spaces(line, at + 2);
    at += 2;
    if (line.compare(cursor, 7, "expect:") != 0) continue;
    cursor = skip_spaces(line, cursor + 7);
    ExpectComment comment;
    for (const char* severity : {"error", "warning"}) {
      std::string word(severity);
      if (line.compare(cursor, word.size(), word) == 0) comment.severity = word;
    }
    if (comment.severity.empty()) continue;
    cursor = skip_spaces(line, cursor + comment.severity.size());
    std::size_t rule_end = cursor;
    while (rule_end < line.size() &&
           ((line[rule_end] >= 'a' && line[rule_end] <= 'z') ||
            (line[rule_end] >= '0' && line[rule_end] <= '9') || line[rule_end] == '-')) {
      ++rule_end;
    }
    comment.rule = line.substr(cursor, rule_end - cursor);
    if (comment.rule.empty()) continue;
    cursor = skip_spaces(line, rule_end);
    if (cursor < line.size() && line[cursor] == '"') {
      std::size_t close = line.find('"', cursor + 1);
      if (close != std::string::npos) comment.text = line.substr(cursor + 1, close - cursor - 1);
    }
    out.push_back(std::move(comment));
  }
  return out;
}

bool is_kebab_case(const std::string& id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i - 1] == '-')) return false;
  }
  return true;
}

}  // namespace twostep::testing
