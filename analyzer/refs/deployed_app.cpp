#include "analyzer/refs/deployed_app.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <iterator>
#include <map>
#include <thread>
#include <tuple>

#include "analyzer/refs/words.hpp"
#include "analyzer/sql/query_uses.hpp"
#include "analyzer/support/text.hpp"
#include "twostep/schema.hpp"

namespace twostep::refs {
namespace {

QualifiedName with_default_schema(QualifiedName name) {
  if (name.schema.empty()) name.schema = "public";
  return name;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Format placeholders that splice a value into the text (Go `%v`, `%[1]d`; Rust, Python and C#
// `{}`, `{0}`, `{name}`) stand where a `$n` would.
std::string without_format_placeholders(const std::string& sql) {
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '%' && i + 1 < sql.size()) {
      std::size_t j = i + 1;
      if (sql[j] == '[') {
        while (j < sql.size() && sql[j] != ']') ++j;
        ++j;
      }
      if (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j]))) {
        out += "$999";
        i = j;
        continue;
      }
    }
    if (c == '{') {
      std::size_t close = sql.find('}', i);
      bool name = close != std::string::npos;
      for (std::size_t k = i + 1; name && k < close; ++k) {
        name = std::isalnum(static_cast<unsigned char>(sql[k])) || sql[k] == '_';
      }
      if (name) {
        out += "$999";
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

// Resolves a query of the app's source, repairing what splicing leaves behind: a value
// concatenated at the end (`"… WHERE id = " + id`), a fragment spliced where no value may stand
// (`… $1 ${filter}`), a list built at runtime (`IN (" + ids + ")`). A few edits at the parser's
// error position, each putting a value in or taking a spliced one out.
sql::QueryUses resolve(const std::string& sql, const Schema& schema) {
  sql::QueryUses uses = sql::query_uses(sql, schema);
  if (uses.parsed) return uses;
  std::string repaired = without_format_placeholders(sql);
  for (int attempt = 0; attempt < 5; ++attempt) {
    sql::QueryUses retry = sql::query_uses(repaired, schema);
    if (retry.parsed) return retry;
    if (!retry.error_offset) break;
    std::size_t at = *retry.error_offset;
    if (at >= repaired.size() || repaired.find_first_not_of(" \t\r\n", at) == std::string::npos) {
      repaired += " $999";
    } else if (repaired[at] == '$' && at + 1 < repaired.size() &&
               std::isdigit(static_cast<unsigned char>(repaired[at + 1]))) {
      std::size_t end = at + 1;
      while (end < repaired.size() && std::isdigit(static_cast<unsigned char>(repaired[end])))
        ++end;
      repaired.erase(at, end - at);
    } else {
      repaired.insert(at, "$999 ");
    }
  }
  return uses;  // the original error
}

// When a query cannot be repaired, its `*` still reads every column of the tables it names:
// the textual floor cannot see through a star.
std::vector<QualifiedName> starred_tables(const std::string& sql) {
  std::string lower = fold_case(sql);
  std::size_t select = lower.find("select");
  if (select == std::string::npos) return {};
  std::size_t from = lower.find(" from ", select);
  std::string_view list = std::string_view(lower).substr(
      select + 6, from == std::string::npos ? std::string::npos : from - select - 6);
  if (list.find('*') == std::string_view::npos) return {};
  std::vector<QualifiedName> out;
  for (std::string_view keyword : {std::string_view(" from "), std::string_view(" join ")}) {
    for (std::size_t at = lower.find(keyword); at != std::string::npos;
         at = lower.find(keyword, at + 1)) {
      std::size_t begin = lower.find_first_not_of(" \t\r\n", at + keyword.size());
      if (begin == std::string::npos) continue;
      std::size_t end = begin;
      while (end < sql.size() && (is_word_char(sql[end]) || sql[end] == '.')) ++end;
      std::string name = sql.substr(begin, end - begin);
      if (name.empty()) continue;
      std::size_t dot = name.find('.');
      out.push_back(dot == std::string::npos ? QualifiedName{"", fold_case(name)}
                                             : QualifiedName{fold_case(name.substr(0, dot)),
                                                             fold_case(name.substr(dot + 1))});
    }
  }
  return out;
}

}  // namespace

DeployedApp::DeployedApp(std::unique_ptr<References> textual) : textual_(std::move(textual)) {}

std::size_t DeployedApp::add_source(SourceFile file, SourceKind kind) {
  sources_.emplace_back(std::move(file), kind);
  return sources_.size() - 1;
}

void DeployedApp::index_sources(const std::vector<bool>& understood) {
  if (sources_.empty()) return;
  auto index = std::make_unique<TextualReferences>(commit_);
  std::vector<std::optional<std::string>> searched(sources_.size());
  auto leave_out = [&](std::size_t source, Span span) {
    std::optional<std::string>& text = searched[source];
    if (!text) text = sources_[source].first.content;
    support::blank(*text, span.begin, span.end);
  };
  for (std::size_t i = 0; i < queries_.size(); ++i) {
    const QueryOccurrence& query = queries_[i];
    if (understood[i] && query.source) leave_out(*query.source, query.span);
  }
  for (const auto& [source, span] : not_uses_) leave_out(source, span);
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    auto& [file, kind] = sources_[i];
    index->add_file(std::move(file.path), std::move(file.content), kind, std::move(searched[i]));
  }
  sources_.clear();
  textual_ = std::move(index);
}

bool DeployedApp::knows(const QualifiedName& relation) const {
  if (!known_) return true;
  QualifiedName key = with_default_schema(relation);
  return known_->count({key.schema, key.name}) > 0;
}

void DeployedApp::add_models(const ModelScan& scan, const std::string& commit) {
  for (const EnumValueReference& value : scan.enum_values) {
    enum_values_[value.value].push_back(Evidence{value.file, value.line, value.text,
                                                 Strength::Exact, Access::Unknown, commit,
                                                 std::nullopt});
  }
  for (const ModelReference& model : scan.models) {
    Reference reference;
    reference.relation = with_default_schema(model.table);
    reference.evidence = Evidence{model.file,      model.line, model.text,  Strength::Exact,
                                  Access::Unknown, commit,     std::nullopt};
    if (model.all_columns) {
      reference.all_columns = true;
      reference.except = model.ignored_columns;
      references_.push_back(reference);
    } else {
      references_.push_back(reference);  // the table itself
      for (std::size_t k = 0; k < model.columns.size(); ++k) {
        Reference one = reference;
        one.column = model.columns[k];
        if (k < model.declarations.size()) {  // the field's own line: `bio String?`
          one.evidence.line = model.declarations[k].line;
          one.evidence.text = model.declarations[k].text;
          if (!model.declarations[k].file.empty()) one.evidence.file = model.declarations[k].file;
        }
        references_.push_back(std::move(one));
      }
    }
    for (const std::string& ignored : model.ignored_columns) {
      ignored_in_file_.emplace(model.file, reference.relation.schema, reference.relation.name,
                               ignored);
    }
  }
  for (const ProviderFailure& failure : scan.failures) add_failure(failure);
  indexed_ = false;
}

void DeployedApp::add_failure(ProviderFailure failure) {
  fallback_files_.insert(failure.file);
  failures_.push_back(std::move(failure));
}

void DeployedApp::index() const {
  indexed_ = true;
  by_relation_.clear();
  for (std::size_t i = 0; i < references_.size(); ++i) {
    const QualifiedName& relation = references_[i].relation;
    by_relation_[{relation.schema, relation.name}].push_back(i);
  }
}

const std::vector<std::size_t>& DeployedApp::references_to(const QualifiedName& relation) const {
  static const std::vector<std::size_t> none;
  if (!indexed_) index();
  QualifiedName key = with_default_schema(relation);
  auto found = by_relation_.find({key.schema, key.name});
  return found == by_relation_.end() ? none : found->second;
}

void DeployedApp::add_reference(Reference reference) {
  reference.relation = with_default_schema(std::move(reference.relation));
  references_.push_back(std::move(reference));
  indexed_ = false;
}

void DeployedApp::bind(const Schema& deployed) {
  // Each query is parsed and resolved on its own: spread them over the cores.
  struct Resolved {
    std::vector<Reference> references;
    std::optional<ProviderFailure> failure;
  };
  std::vector<Resolved> resolved(queries_.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < queries_.size(); i = next++) {
      const QueryOccurrence& query = queries_[i];
      sql::QueryUses uses = resolve(query.sql, deployed);
      if (!uses.parsed) {
        resolved[i].failure = ProviderFailure{query.evidence.file, query.provider,
                                              "line " + std::to_string(query.evidence.line) +
                                                  ": the query does not parse: " + uses.error};
        for (const QualifiedName& table : starred_tables(query.sql)) {
          Reference star;
          const Relation* known = deployed.find_relation(table);
          star.relation = known != nullptr ? known->qualified() : with_default_schema(table);
          star.all_columns = true;
          star.evidence = query.evidence;
          star.evidence.strength = Strength::Textual;
          star.evidence.access = Access::Read;
          resolved[i].references.push_back(std::move(star));
        }
        continue;
      }
      for (const sql::ColumnUse& use : uses.uses) {
        Reference reference;
        reference.relation = use.relation;
        reference.column = use.column;
        reference.all_columns = use.all_columns;
        reference.inserts = use.inserts;
        reference.inserted_columns = use.inserted_columns;
        reference.evidence = query.evidence;
        reference.evidence.strength = Strength::Exact;
        reference.evidence.access = use.access;
        resolved[i].references.push_back(std::move(reference));
      }
    }
  };
  unsigned workers = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                                           std::max<std::size_t>(1, queries_.size() / 64));
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  std::vector<bool> understood(queries_.size());
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    Resolved& result = resolved[i];
    understood[i] = !result.failure;
    if (result.failure) add_failure(std::move(*result.failure));
    std::move(result.references.begin(), result.references.end(), std::back_inserter(references_));
  }
  index_sources(understood);
  queries_.clear();
  std::sort(references_.begin(), references_.end(), [](const Reference& a, const Reference& b) {
    return std::tie(a.evidence.file, a.evidence.line, a.relation.schema, a.relation.name, a.column,
                    a.evidence.access) < std::tie(b.evidence.file, b.evidence.line,
                                                  b.relation.schema, b.relation.name, b.column,
                                                  b.evidence.access);
  });
  indexed_ = false;
}

std::vector<Evidence> DeployedApp::combine(std::vector<Evidence> exact,
                                           std::vector<Evidence> textual) const {
  // One item per place, exact before textual; at one place, reads and writes merge.
  std::sort(exact.begin(), exact.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.strength, a.file, a.line, a.access) <
           std::tie(b.strength, b.file, b.line, b.access);
  });
  std::vector<Evidence> out;
  for (Evidence& item : exact) {
    if (!out.empty() && out.back().file == item.file && out.back().line == item.line) {
      if (out.back().access != item.access) out.back().access = Access::Unknown;
      continue;
    }
    out.push_back(std::move(item));
  }
  std::set<std::string> exact_files;
  for (const Evidence& item : out) exact_files.insert(item.file);
  for (Evidence& item : textual) {
    if (exact_files.count(item.file) == 0) out.push_back(std::move(item));
  }
  return out;
}

std::vector<Evidence> DeployedApp::relation(const QualifiedName& relation) const {
  std::vector<Evidence> exact;
  for (std::size_t i : references_to(relation)) exact.push_back(references_[i].evidence);
  return combine(std::move(exact), textual_evidence(relation, ""));
}

std::vector<Evidence> DeployedApp::column(const QualifiedName& relation,
                                          const std::string& column) const {
  std::vector<Evidence> exact;
  for (std::size_t i : references_to(relation)) {
    const Reference& reference = references_[i];
    bool covers = reference.column == column ||
                  (reference.all_columns && !contains(reference.except, column));
    if (covers) exact.push_back(reference.evidence);
  }
  return combine(std::move(exact), textual_evidence(relation, column));
}

std::vector<Evidence> DeployedApp::textual_evidence(const QualifiedName& relation,
                                                    const std::string& column) const {
  if (!textual_) return {};
  std::set<std::string_view> exact_files;
  for (std::size_t i : references_to(relation)) {
    const Reference& reference = references_[i];
    bool covers = column.empty() || reference.column == column ||
                  (reference.all_columns && !contains(reference.except, column));
    // A file a provider could not fully read stays with the textual floor.
    if (covers && fallback_files_.count(reference.evidence.file) == 0) {
      exact_files.insert(reference.evidence.file);
    }
  }
  std::vector<Evidence> out;
  QualifiedName key = with_default_schema(relation);
  for (Evidence& item :
       column.empty() ? textual_->relation(relation) : textual_->column(relation, column)) {
    if (exact_files.count(item.file) > 0) continue;
    if (!column.empty() && ignored_in_file_.count({item.file, key.schema, key.name, column}) > 0) {
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<Evidence> DeployedApp::string_literal(const std::string& value) const {
  std::vector<Evidence> out;
  if (auto declared = enum_values_.find(value); declared != enum_values_.end()) {
    out = declared->second;
  }
  if (textual_) {
    for (Evidence& item : textual_->string_literal(value)) out.push_back(std::move(item));
  }
  return out;
}

std::vector<Evidence> DeployedApp::word(const std::string& word) const {
  return textual_ ? textual_->word(word) : std::vector<Evidence>{};
}

std::vector<Evidence> DeployedApp::inserts_without(const QualifiedName& relation,
                                                   const std::string& column) const {
  std::vector<Evidence> exact;
  for (std::size_t i : references_to(relation)) {
    const Reference& reference = references_[i];
    if (reference.column) continue;
    bool model = reference.evidence.access == Access::Unknown;  // an ORM model may insert
    if (!model && !reference.inserts) continue;                 // reads, UPDATEs, DELETEs
    bool sets = reference.inserted_columns && contains(*reference.inserted_columns, column);
    if (!sets) exact.push_back(reference.evidence);
  }
  // The textual floor only searched what no provider understood: a match there may be an
  // insert (a query builder, SQL that did not parse), whatever else the file holds.
  std::vector<Evidence> textual = textual_ ? textual_->relation(relation) : std::vector<Evidence>{};
  return combine(std::move(exact), std::move(textual));
}

}  // namespace twostep::refs
