#include "analyzer/refs/manifest.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "twostep/error.hpp"

namespace twostep::refs {
namespace {

using Json = nlohmann::ordered_json;

Json evidence_json(const Evidence& e) {
  Json out = {{"file", e.file},
              {"line", e.line},
              {"text", e.text},
              {"strength", to_string(e.strength)},
              {"access", to_string(e.access)},
              {"commit", e.commit.empty() ? Json(nullptr) : Json(e.commit)}};
  if (e.calls) out["calls"] = *e.calls;
  return out;
}

Json evidence_list(const std::vector<Evidence>& items) {
  Json out = Json::array();
  for (const Evidence& item : items) out.push_back(evidence_json(item));
  return out;
}

std::string relation_text(const QualifiedName& name) { return name.schema + "." + name.name; }

// Reading is strict: a manifest is written by twostep, so anything else is a tool error.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw IoError(fmt::format("{}: not a twostep references manifest: {}", file_, what));
  }

  const Json& field(const Json& object, const char* key) const {
    if (!object.is_object() || !object.contains(key)) fail(fmt::format("`{}` is missing", key));
    return object.at(key);
  }

  std::string string(const Json& object, const char* key) const {
    const Json& value = field(object, key);
    if (!value.is_string()) fail(fmt::format("`{}` is not a string", key));
    return value.get<std::string>();
  }

  QualifiedName relation(const Json& object) const {
    std::string text = string(object, "relation");
    std::size_t dot = text.find('.');
    if (dot == std::string::npos) fail("`relation` is not schema.name: " + text);
    return {text.substr(0, dot), text.substr(dot + 1)};
  }

  Evidence evidence(const Json& item) const {
    Evidence out;
    out.file = string(item, "file");
    const Json& line = field(item, "line");
    if (!line.is_number_integer()) fail("`line` is not a number");
    out.line = line.get<int>();
    out.text = string(item, "text");
    out.strength = string(item, "strength") == "exact" ? Strength::Exact : Strength::Textual;
    std::string access = string(item, "access");
    out.access = access == "read" ? Access::Read : access == "write" ? Access::Write : Access::Unknown;
    if (item.contains("commit") && item.at("commit").is_string()) out.commit = item.at("commit");
    if (item.contains("calls") && item.at("calls").is_number_integer()) {
      out.calls = item.at("calls").get<long long>();
    }
    return out;
  }

  std::vector<Evidence> evidence_list(const Json& object, const char* key) const {
    std::vector<Evidence> out;
    const Json& list = field(object, key);
    if (!list.is_array()) fail(fmt::format("`{}` is not a list", key));
    for (const Json& item : list) out.push_back(evidence(item));
    return out;
  }

 private:
  std::string file_;
};

class ManifestReferences final : public References {
 public:
  explicit ManifestReferences(const Manifest& manifest) {
    for (const Manifest::Answer& answer : manifest.answers) {
      Key key{answer.relation.schema, answer.relation.name, answer.column.value_or("")};
      answers_[key] = &answer;
      known_.insert({answer.relation.schema, answer.relation.name});
    }
    for (const auto& [value, evidence] : manifest.literals) literals_[value] = evidence;
    for (const auto& [word, evidence] : manifest.words) words_[word] = evidence;
  }

  bool knows(const QualifiedName& relation) const override {
    return known_.count({schema_of(relation), relation.name}) > 0;
  }
  std::vector<Evidence> relation(const QualifiedName& relation) const override {
    const Manifest::Answer* answer = find(relation, "");
    return answer ? answer->evidence : std::vector<Evidence>{};
  }
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override {
    const Manifest::Answer* answer = find(relation, column);
    // A column the deployed schema did not describe, on a table it knows: the app's evidence for
    // the whole table is all there is to go on (fail closed).
    if (answer == nullptr) return this->relation(relation);
    return answer->evidence;
  }
  std::vector<Evidence> inserts_without(const QualifiedName& relation,
                                        const std::string& column) const override {
    const Manifest::Answer* answer = find(relation, column);
    if (answer != nullptr) return answer->inserts_without;
    // A column added since: every writer of the table leaves it out.
    std::vector<Evidence> out;
    for (const Evidence& item : this->relation(relation)) {
      if (item.access != Access::Read) out.push_back(item);
    }
    return out;
  }
  std::vector<Evidence> string_literal(const std::string& value) const override {
    auto found = literals_.find(value);
    return found == literals_.end() ? std::vector<Evidence>{} : found->second;
  }
  std::vector<Evidence> word(const std::string& word) const override {
    auto found = words_.find(word);
    return found == words_.end() ? std::vector<Evidence>{} : found->second;
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, const Manifest::Answer*> answers_;
  std::set<std::pair<std::string, std::string>> known_;
  std::map<std::string, std::vector<Evidence>> literals_;
  std::map<std::string, std::vector<Evidence>> words_;

  static std::string schema_of(const QualifiedName& name) {
    return name.schema.empty() ? "public" : name.schema;
  }
  const Manifest::Answer* find(const QualifiedName& relation, const std::string& column) const {
    auto found = answers_.find({schema_of(relation), relation.name, column});
    return found == answers_.end() ? nullptr : found->second;
  }
};

}  // namespace

Manifest build_manifest(const DeployedApp& app, const Schema& deployed) {
  Manifest manifest;
  for (const auto& [id, relation] : deployed.relations()) {
    if (relation.kind == RelationKind::Index || relation.kind == RelationKind::Sequence) continue;
    QualifiedName name = relation.qualified();
    manifest.answers.push_back({name, std::nullopt, app.relation(name), {}});
    for (const Column& column : relation.columns) {
      manifest.answers.push_back({name, column.name, app.column(name, column.name),
                                  app.inserts_without(name, column.name)});
    }
  }
  for (const auto& [id, type] : deployed.enums()) {
    for (const std::string& value : type.values) {
      manifest.literals.emplace_back(value, app.string_literal(value));
    }
    manifest.words.emplace_back(type.name, app.word(type.name));
  }
  manifest.references = app.references();
  manifest.failures = app.failures();
  manifest.source_files = app.source_files();
  return manifest;
}

void write_manifest(std::ostream& out, const Manifest& manifest) {
  Json root;
  root["format"] = "twostep-references";
  root["version"] = 1;
  root["tool"] = {{"name", "twostep"}, {"version", TWOSTEP_VERSION}};
  root["deployed"] = {{"ref", manifest.ref}, {"commit", manifest.commit}};
  root["migrations_folder"] = manifest.migrations_folder;
  Json migrations = Json::array();
  for (const Manifest::Migration& m : manifest.migrations) {
    migrations.push_back({{"id", m.id}, {"file", m.file}, {"path", m.path}, {"hash", m.hash},
                          {"content", m.content}});
  }
  root["migrations"] = std::move(migrations);
  root["source_files"] = manifest.source_files;
  Json answers = Json::array();
  for (const Manifest::Answer& a : manifest.answers) {
    Json item = {{"relation", relation_text(a.relation)},
                 {"column", a.column ? Json(*a.column) : Json(nullptr)},
                 {"evidence", evidence_list(a.evidence)}};
    if (a.column) item["inserts_without"] = evidence_list(a.inserts_without);
    answers.push_back(std::move(item));
  }
  root["objects"] = std::move(answers);
  Json literals = Json::array();
  for (const auto& [value, evidence] : manifest.literals) {
    literals.push_back({{"value", value}, {"evidence", evidence_list(evidence)}});
  }
  root["enum_values"] = std::move(literals);
  Json words = Json::array();
  for (const auto& [word, evidence] : manifest.words) {
    words.push_back({{"word", word}, {"evidence", evidence_list(evidence)}});
  }
  root["type_names"] = std::move(words);
  Json references = Json::array();
  for (const Reference& r : manifest.references) {
    Json item = {{"relation", relation_text(r.relation)},
                 {"column", r.column ? Json(*r.column) : Json(nullptr)},
                 {"all_columns", r.all_columns},
                 {"except", r.except},
                 {"evidence", evidence_json(r.evidence)}};
    if (r.inserted_columns) item["inserted_columns"] = *r.inserted_columns;
    references.push_back(std::move(item));
  }
  root["references"] = std::move(references);
  Json failures = Json::array();
  for (const ProviderFailure& f : manifest.failures) {
    failures.push_back({{"file", f.file}, {"provider", f.provider}, {"reason", f.reason}});
  }
  root["fallbacks"] = std::move(failures);
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

Manifest read_manifest(const std::filesystem::path& file) {
  std::string shown = file.generic_string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError(fmt::format("{}: cannot read the references manifest", shown));
  Json root;
  try {
    root = Json::parse(in);
  } catch (const Json::parse_error& error) {
    throw IoError(fmt::format("{}: not valid JSON (byte {}): {}", shown, error.byte,
                              "a references manifest is written by `twostep refs`"));
  }
  Reader reader(shown);
  if (!root.is_object() || root.value("format", "") != "twostep-references") {
    reader.fail("`format` is not \"twostep-references\"");
  }
  if (root.value("version", 0) != 1) reader.fail("unknown `version` (this twostep reads 1)");
  Manifest manifest;
  const Json& deployed = reader.field(root, "deployed");
  manifest.ref = reader.string(deployed, "ref");
  manifest.commit = reader.string(deployed, "commit");
  manifest.migrations_folder = reader.string(root, "migrations_folder");
  for (const Json& m : reader.field(root, "migrations")) {
    manifest.migrations.push_back({reader.string(m, "id"), reader.string(m, "file"),
                                   reader.string(m, "path"), reader.string(m, "hash"),
                                   reader.string(m, "content")});
  }
  for (const Json& item : reader.field(root, "objects")) {
    Manifest::Answer answer;
    answer.relation = reader.relation(item);
    const Json& column = reader.field(item, "column");
    if (column.is_string()) answer.column = column.get<std::string>();
    answer.evidence = reader.evidence_list(item, "evidence");
    if (answer.column) answer.inserts_without = reader.evidence_list(item, "inserts_without");
    manifest.answers.push_back(std::move(answer));
  }
  for (const Json& item : reader.field(root, "enum_values")) {
    manifest.literals.emplace_back(reader.string(item, "value"), reader.evidence_list(item, "evidence"));
  }
  for (const Json& item : reader.field(root, "type_names")) {
    manifest.words.emplace_back(reader.string(item, "word"), reader.evidence_list(item, "evidence"));
  }
  if (root.contains("source_files") && root.at("source_files").is_number_unsigned()) {
    manifest.source_files = root.at("source_files").get<std::size_t>();
  }
  return manifest;
}

std::unique_ptr<References> manifest_references(const Manifest& manifest) {
  return std::make_unique<ManifestReferences>(manifest);
}

pending::DeployedMigrations manifest_migrations(const Manifest& manifest) {
  pending::DeployedMigrations out;
  out.ref = manifest.ref;
  out.short_id = manifest.commit.substr(0, 7);
  for (const Manifest::Migration& migration : manifest.migrations) {
    out.files.push_back({migration.path, migration.content});
  }
  return out;
}

}  // namespace twostep::refs
