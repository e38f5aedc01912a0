#include <nlohmann/json.hpp>

#include "analyzer/report/finding_text.hpp"
#include "analyzer/report/report.hpp"

namespace twostep::report {
namespace {

nlohmann::ordered_json position(const Position& p) {
  return {{"line", p.line}, {"column", p.column}, {"offset", p.offset}};
}

}  // namespace

void write_json(std::ostream& out, const check::CheckOutput& output, const check::RunInfo& info) {
  nlohmann::ordered_json root;
  root["version"] = 1;
  root["tool"] = {{"name", "twostep"}, {"version", TWOSTEP_VERSION}};
  if (info.deployed) {
    root["deployed"] = {{"ref", info.deployed->ref},
                        {"commit", info.deployed->commit},
                        {"guessed", !info.deployed_guess.empty()},
                        {"app_files", info.app_files}};
  } else {
    root["deployed"] = nullptr;
  }
  const check::Summary& summary = output.summary;
  root["summary"] = {{"files", summary.files},           {"statements", summary.statements},
                     {"errors", summary.errors},         {"warnings", summary.warnings},
                     {"suppressed", summary.suppressed}, {"skipped_files", summary.skipped_files}};
  root["layout"] = info.layout;
  root["pending"] = info.pending;
  nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : output.diagnostics) {
    nlohmann::ordered_json item;
    item["rule"] = diagnostic.rule;
    item["severity"] = to_string(diagnostic.severity);
    item["category"] = to_string(diagnostic.category);
    item["file"] = diagnostic.file;
    item["range"] = {{"start", position(diagnostic.start)}, {"end", position(diagnostic.end)}};
    item["message"] = diagnostic.message;
    item["help"] = diagnostic.help;
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
    for (const Evidence& e : diagnostic.evidence) {
      nlohmann::ordered_json item = {
          {"file", e.file},
          {"line", e.line},
          {"text", e.text},
          {"strength", to_string(e.strength)},
          {"access", to_string(e.access)},
          {"commit",
           e.commit.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.commit)}};
      if (e.calls) item["calls"] = *e.calls;
      evidence.push_back(std::move(item));
    }
    item["evidence"] = std::move(evidence);
    item["more_evidence"] = diagnostic.more_evidence;
    nlohmann::ordered_json related = nlohmann::ordered_json::array();
    for (const Related& r : diagnostic.related) {
      related.push_back({{"file", r.file}, {"line", r.line}, {"message", r.message}});
    }
    item["related"] = std::move(related);
    diagnostics.push_back(std::move(item));
  }
  root["diagnostics"] = std::move(diagnostics);
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const Note& note : run_notes(output)) {
    nlohmann::ordered_json item = {
        {"file",
         note.file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(note.file)},
        {"line", note.position.line > 0 ? nlohmann::ordered_json(note.position.line)
                                        : nlohmann::ordered_json(nullptr)},
        {"message", note.message}};
    notes.push_back(std::move(item));
  }
  root["notes"] = std::move(notes);
  out << root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace twostep::report
