// SARIF 2.1.0 (OASIS), as code scanning reads it: every rule with its documentation and default
// level, a result per finding at its physical location, the deployed app's evidence as related
// locations, and notes as tool notifications.
#include <nlohmann/json.hpp>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"
#include "rules/registry.hpp"

namespace twostep::report {
namespace {

using Json = nlohmann::ordered_json;

// `drop-column-in-use` → `DropColumnInUse`: SARIF's rule `name` is an identifier.
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

const char* level_of(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

Json artifact(const std::string& file) {
  // Paths are relative to the repository root (else the current folder): %SRCROOT% is where the
  // viewer has the checkout.
  return {{"uri", valid_utf8(file)}, {"uriBaseId", "%SRCROOT%"}};
}

Json rule_descriptor(const RuleInfo& info) {
  Json rule;
  rule["id"] = info.id;
  rule["name"] = pascal_case(info.id);
  rule["shortDescription"] = {{"text", info.summary}};
  rule["fullDescription"] = {{"text", info.summary}};
  rule["help"] = {{"text", info.doc}, {"markdown", info.doc}};
  rule["defaultConfiguration"] = {{"enabled", info.enabled_by_default},
                                  {"level", level_of(info.default_severity)}};
  Json aliases = Json::array();
  for (std::string_view alias : info.aliases) aliases.push_back(alias);
  rule["properties"] = {{"category", to_string(info.category)},
                        {"tags", Json::array({to_string(info.category)})},
                        {"aliases", std::move(aliases)}};
  return rule;
}

Json region(const Diagnostic& diagnostic, const check::CheckOutput& output) {
  Json out = {{"startLine", diagnostic.start.line},
              {"startColumn", diagnostic.start.column},
              {"endLine", diagnostic.end.line},
              {"endColumn", diagnostic.end.column}};
  auto source = output.sources.find(diagnostic.file);
  if (source != output.sources.end() && diagnostic.span.end <= source->second.size() &&
      diagnostic.span.begin < diagnostic.span.end) {
    out["snippet"] = {
        {"text", valid_utf8(std::string_view(source->second)
                                .substr(diagnostic.span.begin,
                                        diagnostic.span.end - diagnostic.span.begin))}};
  }
  return out;
}

Json result(const Diagnostic& diagnostic, std::size_t rule_index, const std::string& fingerprint,
            const check::CheckOutput& output) {
  Json item;
  item["ruleId"] = diagnostic.rule;
  item["ruleIndex"] = rule_index;
  item["level"] = level_of(diagnostic.severity);
  // The first sentence stands alone (a viewer may show only it); the fix follows it.
  std::string text = diagnostic.message;
  if (!diagnostic.help.empty()) text += "\n\n" + diagnostic.help;
  item["message"] = {{"text", valid_utf8(text)}};
  item["locations"] = Json::array({{{"physicalLocation",
                                     {{"artifactLocation", artifact(diagnostic.file)},
                                      {"region", region(diagnostic, output)}}}}});
  Json related = Json::array();
  int id = 1;
  for (const Evidence& evidence : diagnostic.evidence) {
    Json location;
    location["id"] = id++;
    // The evidence is in the deployed version's tree, not in the checkout a viewer resolves
    // %SRCROOT% to (the file may have changed or gone since): its own base, and the commit.
    Json artifact_location = {{"uri", valid_utf8(evidence.file)}};
    if (!evidence.commit.empty()) artifact_location["uriBaseId"] = "DEPLOYED";
    Json physical = {{"artifactLocation", std::move(artifact_location)}};
    if (evidence.line > 0) physical["region"] = {{"startLine", evidence.line}};
    location["physicalLocation"] = std::move(physical);
    if (!evidence.commit.empty()) location["properties"] = {{"commit", evidence.commit}};
    location["message"] = {{"text", valid_utf8("evidence: " + evidence_text(evidence))}};
    related.push_back(std::move(location));
  }
  for (const Related& place : diagnostic.related) {
    Json location;
    location["id"] = id++;
    Json physical = {{"artifactLocation", artifact(place.file)}};
    if (place.line > 0) physical["region"] = {{"startLine", place.line}};
    location["physicalLocation"] = std::move(physical);
    location["message"] = {{"text", valid_utf8(place.message)}};
    related.push_back(std::move(location));
  }
  if (!related.empty()) item["relatedLocations"] = std::move(related);
  // Stable across runs where the statement moves: the rule, the file and what the finding says.
  item["partialFingerprints"] = {{"twostep/v1", fingerprint}};
  Json evidence = Json::array();
  for (const Evidence& e : diagnostic.evidence) {
    Json one = {{"file", valid_utf8(e.file)},
                {"line", e.line},
                {"strength", to_string(e.strength)},
                {"access", to_string(e.access)}};
    if (!e.commit.empty()) one["commit"] = e.commit;
    if (e.calls) one["calls"] = *e.calls;
    evidence.push_back(std::move(one));
  }
  item["properties"] = {{"category", to_string(diagnostic.category)},
                        {"evidence", std::move(evidence)},
                        {"moreEvidence", diagnostic.more_evidence}};
  return item;
}

}  // namespace

void write_sarif(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> index_of;
  for (const rules::RuleEntry& entry : rules::all()) {
    index_of.emplace(std::string(entry.info->id), rules.size());
    rules.push_back(rule_descriptor(*entry.info));
  }
  Json results = Json::array();
  Fingerprints fingerprints;
  for (const Diagnostic& diagnostic : output.diagnostics) {
    results.push_back(
        result(diagnostic, index_of.at(diagnostic.rule), fingerprints.of(diagnostic), output));
  }
  Json notifications = Json::array();
  auto notify = [&](const std::string& file, int line, const std::string& message) {
    Json notification = {{"level", "note"}, {"message", {{"text", valid_utf8(message)}}}};
    if (!file.empty()) {
      Json physical = {{"artifactLocation", artifact(file)}};
      if (line > 0) physical["region"] = {{"startLine", line}};
      notification["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
    }
    notifications.push_back(std::move(notification));
  };
  for (const Note& note : run_notes(output)) notify(note.file, note.position.line, note.message);

  Json run;
  run["tool"] = {{"driver",
                  {{"name", "twostep"},
                   {"version", TWOSTEP_VERSION},
                   {"semanticVersion", TWOSTEP_VERSION},
                   {"rules", std::move(rules)}}}};
  Json invocation = {{"executionSuccessful", true}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  run["invocations"] = Json::array({std::move(invocation)});
  // Columns count code points, as in every twostep format.
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json properties;
  if (info.deployed) {
    properties["deployed"] = {{"ref", info.deployed->ref},
                              {"commit", info.deployed->commit},
                              {"guessed", !info.deployed_guess.empty()},
                              {"appFiles", info.app_files}};
  } else {
    properties["deployed"] = nullptr;
  }
  properties["layout"] = info.layout;
  properties["pending"] = info.pending;
  const check::Summary& summary = output.summary;
  properties["summary"] = {{"files", summary.files},
                           {"statements", summary.statements},
                           {"errors", summary.errors},
                           {"warnings", summary.warnings},
                           {"suppressed", summary.suppressed}};
  run["properties"] = std::move(properties);

  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace twostep::report
