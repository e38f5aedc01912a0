#pragma once
// `-- expect: SEVERITY RULE "TEXT"` comments of rule fixtures.
#include <string>
#include <vector>

namespace twostep::testing {

struct ExpectComment {
  std::string severity;  // "error" or "warning"
  std::string rule;
  std::string text;  // may be empty
};

// Every expectation comment on one line, in order.
std::vector<ExpectComment> expect_comments(const std::string& line);

bool is_kebab_case(const std::string& id);

}  // namespace twostep::testing
