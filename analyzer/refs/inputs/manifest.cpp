#include "analyzer/refs/inputs/manifest.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "twostep/error.hpp"

namespace twostep::refs {
namespace {

using Json = nlohmann::ordered_json;

std::string relation_text(const QualifiedName& name) {
  return name.schema + "." + name.name;
}

// Reading is strict: a manifest is written by twostep, so anything else is a tool error.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::string commit;  // the manifest's, for every evidence item

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
    out.commit = commit;
    out.file = string(item, "file");
    const Json& line = field(item, "line");
    if (!line.is_number_integer()) fail("`line` is not a number");
    out.line = line.get<int>();
    out.text = string(item, "text");
    out.strength = string(item, "strength") == "exact" ? Strength::Exact : Strength::Textual;
    std::string access = string(item, "access");
    out.access = access == "read"    ? Access::Read
                 : access == "write" ? Access::Write
                                     : Access::Unknown;
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

// The textual answers a manifest recorded, standing in for the textual index of the source.
class RecordedTextual final : public References {
 public:
  explicit RecordedTextual(const Manifest& manifest) {
    for (const Manifest::Answer& answer : manifest.answers) {
      answers_[{answer.relation.schema, answer.relation.name, answer.column.value_or("")}] =
          answer.textual;
    }
    for (const auto& [value, evidence] : manifest.literals) literals_[value] = evidence;
    for (const auto& [word, evidence] : manifest.words) words_[word] = evidence;
  }

  std::vector<Evidence> relation(const QualifiedName& relation) const override {
    return find(relation, "");
  }
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override {
    auto found = answers_.find({schema_of(relation), relation.name, column});
    // A column the manifest's schema did not describe, on a table it has: the table's evidence
    // is all there is to go on (fail closed).
    return found == answers_.end() ? find(relation, "") : found->second;
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
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<Evidence>> answers_;
  std::map<std::string, std::vector<Evidence>> literals_;
  std::map<std::string, std::vector<Evidence>> words_;

  static std::string schema_of(const QualifiedName& name) {
    return name.schema.empty() ? "public" : name.schema;
  }
  std::vector<Evidence> find(const QualifiedName& relation, const std::string& column) const {
    auto found = answers_.find({schema_of(relation), relation.name, column});
    return found == answers_.end() ? std::vector<Evidence>{} : found->second;
  }
};

}  // namespace

Manifest build_manifest(const DeployedApp& app, const Schema& deployed) {
  Manifest manifest;
  for (const auto& [id, relation] : deployed.relations()) {
    if (relation.kind == RelationKind::Index || relation.kind == RelationKind::Sequence) continue;
    QualifiedName name = relation.qualified();
    manifest.answers.push_back({name, std::nullopt, app.textual_evidence(name, "")});
    for (const Column& column : relation.columns) {
      manifest.answers.push_back({name, column.name, app.textual_evidence(name, column.name)});
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

namespace {

// A streaming JSON writer: a manifest can hold hundreds of thousands of items, too many to build
// as a DOM first. Strings are escaped, and invalid UTF-8 becomes U+FFFD, so the output always
// parses.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}

  Writer& raw(std::string_view text) {
    out_ << text;
    return *this;
  }
  Writer& key(std::string_view name) {
    separate();
    string(name);
    out_ << ':';
    fresh_ = true;
    return *this;
  }
  Writer& value(std::string_view text) {
    separate();
    string(text);
    return *this;
  }
  Writer& value(const char* text) { return value(std::string_view(text)); }
  Writer& value(const std::string& text) { return value(std::string_view(text)); }
  Writer& value(long long number) {
    separate();
    out_ << number;
    return *this;
  }
  Writer& value(bool flag) {
    separate();
    out_ << (flag ? "true" : "false");
    return *this;
  }
  Writer& null() {
    separate();
    out_ << "null";
    return *this;
  }
  Writer& open(char bracket) {
    separate();
    out_ << bracket;
    fresh_ = true;
    return *this;
  }
  Writer& close(char bracket) {
    out_ << bracket;
    fresh_ = false;
    return *this;
  }
  Writer& strings(const std::vector<std::string>& items) {
    open('[');
    for (const std::string& item : items) value(item);
    return close(']');
  }

 private:
  std::ostream& out_;
  bool fresh_ = true;  // nothing written yet in the current object or array, or after a key

  void separate() {
    if (!fresh_) out_ << ',';
    fresh_ = false;
  }

  void string(std::string_view text) {
    out_ << '"';
    std::size_t i = 0;
    while (i < text.size()) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c == '"' || c == '\\') {
        out_ << '\\' << static_cast<char>(c);
        ++i;
      } else if (c < 0x20) {
        out_ << fmt::format("\\u{:04x}", c);
        ++i;
      } else if (c < 0x80) {
        out_ << static_cast<char>(c);
        ++i;
      } else {
        std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
          valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (valid && c <= 0xF4) {
          out_ << text.substr(i, length);
          i += length;
        } else {
          out_ << "\xEF\xBF\xBD";
          ++i;
        }
      }
    }
    out_ << '"';
  }
};

void write_evidence(Writer& json, const Evidence& e) {
  json.open('{');
  json.key("file").value(e.file);
  json.key("line").value(static_cast<long long>(e.line));
  json.key("text").value(e.text);
  json.key("strength").value(to_string(e.strength));
  json.key("access").value(to_string(e.access));
  if (e.calls) json.key("calls").value(*e.calls);
  json.close('}');
}

void write_evidence_list(Writer& json, const std::vector<Evidence>& items) {
  json.open('[');
  for (const Evidence& item : items) write_evidence(json, item);
  json.close(']');
}

}  // namespace

void write_manifest(std::ostream& out, const Manifest& manifest) {
  Writer json(out);
  json.open('{');
  json.key("format").value("twostep-references");
  json.key("version").value(1LL);
  json.key("tool")
      .open('{')
      .key("name")
      .value("twostep")
      .key("version")
      .value(TWOSTEP_VERSION)
      .close('}');
  json.key("deployed")
      .open('{')
      .key("ref")
      .value(manifest.ref)
      .key("commit")
      .value(manifest.commit)
      .close('}');
  json.key("migrations_folder").value(manifest.migrations_folder);
  json.key("layout").value(manifest.layout);
  json.key("migrations").open('[');
  for (const Manifest::Migration& m : manifest.migrations) {
    json.open('{').key("id").value(m.id).key("file").value(m.file).key("version").value(m.version);
    json.close('}');
  }
  json.close(']');
  json.key("files").open('[');
  for (const Manifest::File& f : manifest.files) {
    json.open('{').key("path").value(f.path).key("hash").value(f.hash);
    json.key("content").value(f.content).close('}');
  }
  json.close(']');
  json.key("source_files").value(static_cast<long long>(manifest.source_files));
  json.key("objects").open('[');
  for (const Manifest::Answer& a : manifest.answers) {
    json.open('{').key("relation").value(relation_text(a.relation)).key("column");
    if (a.column) {
      json.value(*a.column);
    } else {
      json.null();
    }
    json.key("textual");
    write_evidence_list(json, a.textual);
    json.close('}');
  }
  json.close(']');
  json.key("enum_values").open('[');
  for (const auto& [value, evidence] : manifest.literals) {
    json.open('{').key("value").value(value).key("evidence");
    write_evidence_list(json, evidence);
    json.close('}');
  }
  json.close(']');
  json.key("type_names").open('[');
  for (const auto& [word, evidence] : manifest.words) {
    json.open('{').key("word").value(word).key("evidence");
    write_evidence_list(json, evidence);
    json.close('}');
  }
  json.close(']');
  // Grouped by place: a query's many column uses share its file, line and text.
  json.key("references").open('[');
  for (std::size_t i = 0; i < manifest.references.size();) {
    const Evidence& place = manifest.references[i].evidence;
    json.open('{');
    json.key("file").value(place.file).key("line").value(static_cast<long long>(place.line));
    json.key("text").value(place.text).key("strength").value(to_string(place.strength));
    if (place.calls) json.key("calls").value(*place.calls);
    json.key("uses").open('[');
    for (; i < manifest.references.size(); ++i) {
      const Reference& r = manifest.references[i];
      if (r.evidence.file != place.file || r.evidence.line != place.line ||
          r.evidence.text != place.text || r.evidence.strength != place.strength ||
          r.evidence.calls != place.calls) {
        break;
      }
      json.open('{').key("relation").value(relation_text(r.relation)).key("column");
      if (r.column) {
        json.value(*r.column);
      } else {
        json.null();
      }
      json.key("access").value(to_string(r.evidence.access));
      if (r.all_columns) json.key("all_columns").value(true);
      if (!r.except.empty()) json.key("except").strings(r.except);
      if (r.inserts) json.key("inserts").value(true);
      if (r.inserted_columns) json.key("inserted_columns").strings(*r.inserted_columns);
      json.close('}');
    }
    json.close(']').close('}');
  }
  json.close(']');
  json.key("fallbacks").open('[');
  for (const ProviderFailure& f : manifest.failures) {
    json.open('{').key("file").value(f.file).key("provider").value(f.provider);
    json.key("reason").value(f.reason).close('}');
  }
  json.close(']');
  json.close('}').raw("\n");
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
  reader.commit = manifest.commit;
  manifest.migrations_folder = reader.string(root, "migrations_folder");
  manifest.layout = reader.string(root, "layout");
  for (const Json& m : reader.field(root, "migrations")) {
    manifest.migrations.push_back(
        {reader.string(m, "id"), reader.string(m, "file"), reader.string(m, "version")});
  }
  for (const Json& f : reader.field(root, "files")) {
    manifest.files.push_back(
        {reader.string(f, "path"), reader.string(f, "hash"), reader.string(f, "content")});
  }
  for (const Json& item : reader.field(root, "objects")) {
    Manifest::Answer answer;
    answer.relation = reader.relation(item);
    const Json& column = reader.field(item, "column");
    if (column.is_string()) answer.column = column.get<std::string>();
    answer.textual = reader.evidence_list(item, "textual");
    manifest.answers.push_back(std::move(answer));
  }
  for (const Json& item : reader.field(root, "enum_values")) {
    manifest.literals.emplace_back(reader.string(item, "value"),
                                   reader.evidence_list(item, "evidence"));
  }
  for (const Json& item : reader.field(root, "type_names")) {
    manifest.words.emplace_back(reader.string(item, "word"),
                                reader.evidence_list(item, "evidence"));
  }
  for (const Json& place : reader.field(root, "references")) {
    Json fields = place;
    fields["access"] = "unknown";
    Evidence evidence = reader.evidence(fields);
    for (const Json& use : reader.field(place, "uses")) {
      Reference reference;
      reference.relation = reader.relation(use);
      const Json& column = reader.field(use, "column");
      if (column.is_string()) reference.column = column.get<std::string>();
      reference.all_columns = use.value("all_columns", false);
      reference.inserts = use.value("inserts", false);
      if (use.contains("except"))
        reference.except = use.at("except").get<std::vector<std::string>>();
      if (use.contains("inserted_columns")) {
        reference.inserted_columns = use.at("inserted_columns").get<std::vector<std::string>>();
      }
      reference.evidence = evidence;
      std::string access = reader.string(use, "access");
      reference.evidence.access = access == "read"    ? Access::Read
                                  : access == "write" ? Access::Write
                                                      : Access::Unknown;
      manifest.references.push_back(std::move(reference));
    }
  }
  if (root.contains("source_files") && root.at("source_files").is_number_unsigned()) {
    manifest.source_files = root.at("source_files").get<std::size_t>();
  }
  return manifest;
}

std::unique_ptr<References> manifest_references(const Manifest& manifest) {
  auto app = std::make_unique<DeployedApp>(std::make_unique<RecordedTextual>(manifest));
  std::set<std::pair<std::string, std::string>> known;
  for (const Manifest::Answer& answer : manifest.answers) {
    known.insert({answer.relation.schema, answer.relation.name});
  }
  app->set_known_relations(std::move(known));
  for (const Reference& reference : manifest.references) app->add_reference(reference);
  app->set_source_files(manifest.source_files);
  return app;
}

migrations::DeployedMigrations manifest_migrations(const Manifest& manifest) {
  migrations::DeployedMigrations out;
  out.ref = manifest.ref;
  out.short_id = manifest.commit.substr(0, 7);
  for (const Manifest::File& file : manifest.files) out.files[file.path] = file.content;
  return out;
}

}  // namespace twostep::refs
