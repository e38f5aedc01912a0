// GitLab Code Quality (a subset of Code Climate's issue format): a JSON array of issues that the
// merge request widget shows on the lines of the migration.
#include <nlohmann/json.hpp>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"

namespace twostep::report {
namespace {

using Json = nlohmann::ordered_json;

const char* category_of(Category category) {
  switch (category) {
    case Category::Compat:
      return "Compatibility";
    case Category::Locks:
      return "Performance";
    case Category::Hygiene:
      return "Style";
    case Category::Tool:
      return "Bug Risk";
  }
  return "Bug Risk";
}

}  // namespace

void write_gitlab(std::ostream& out, const check::CheckOutput& output,
                  const check::RunInfo& /*info*/) {
  Json issues = Json::array();
  Fingerprints fingerprints;
  for (const Diagnostic& d : output.diagnostics) {
    Json issue;
    issue["type"] = "issue";
    issue["check_name"] = d.rule;
    issue["description"] = valid_utf8(d.message);
    issue["content"] = {{"body", valid_utf8(plain_text(d))}};
    issue["categories"] = Json::array({category_of(d.category)});
    // Error findings break the deployed app or the run: GitLab's `critical`.
    issue["severity"] = d.severity == Severity::Error ? "critical" : "minor";
    issue["fingerprint"] = fingerprints.of(d);
    issue["location"] = {{"path", valid_utf8(d.file)},
                         {"lines", {{"begin", d.start.line}, {"end", d.end.line}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace twostep::report
