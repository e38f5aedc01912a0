#include "analyzer/refs/deployed_app.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>
#include <map>
#include <tuple>

#include "analyzer/sql/query_uses.hpp"
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

}  // namespace

DeployedApp::DeployedApp(std::unique_ptr<References> textual) : textual_(std::move(textual)) {}

bool DeployedApp::knows(const QualifiedName& relation) const {
  if (!known_) return true;
  QualifiedName key = with_default_schema(relation);
  return known_->count({key.schema, key.name}) > 0;
}

void DeployedApp::add_models(const ModelScan& scan, const std::string& commit) {
  for (const ModelReference& model : scan.models) {
    Reference reference;
    reference.relation = with_default_schema(model.table);
    reference.evidence = Evidence{model.file, model.line, model.text, Strength::Exact,
                                  Access::Unknown, commit, std::nullopt};
    if (model.all_columns) {
      reference.all_columns = true;
      reference.except = model.ignored_columns;
      references_.push_back(reference);
    } else {
      references_.push_back(reference);  // the table itself
      for (const std::string& column : model.columns) {
        Reference one = reference;
        one.column = column;
        references_.push_back(std::move(one));
      }
    }
    for (const std::string& ignored : model.ignored_columns) {
      ignored_in_file_.emplace(model.file, reference.relation.schema, reference.relation.name,
                               ignored);
    }
  }
  failures_.insert(failures_.end(), scan.failures.begin(), scan.failures.end());
  indexed_ = false;
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
      sql::QueryUses uses = sql::query_uses(query.sql, deployed);
      if (!uses.parsed) {
        resolved[i].failure = ProviderFailure{query.evidence.file, query.provider,
                                              "line " + std::to_string(query.evidence.line) +
                                                  ": the query does not parse: " + uses.error};
        continue;
      }
      for (const sql::ColumnUse& use : uses.uses) {
        Reference reference;
        reference.relation = use.relation;
        reference.column = use.column;
        reference.all_columns = use.all_columns;
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
  for (Resolved& result : resolved) {
    if (result.failure) failures_.push_back(std::move(*result.failure));
    std::move(result.references.begin(), result.references.end(), std::back_inserter(references_));
  }
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
    if (covers) exact_files.insert(reference.evidence.file);
  }
  std::vector<Evidence> out;
  QualifiedName key = with_default_schema(relation);
  for (Evidence& item : column.empty() ? textual_->relation(relation)
                                       : textual_->column(relation, column)) {
    if (exact_files.count(item.file) > 0) continue;
    if (!column.empty() && ignored_in_file_.count({item.file, key.schema, key.name, column}) > 0) {
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<Evidence> DeployedApp::string_literal(const std::string& value) const {
  return textual_ ? textual_->string_literal(value) : std::vector<Evidence>{};
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
    if (reference.evidence.access == Access::Read) continue;
    // An INSERT that sets the column does not need its default; an UPDATE or DELETE inserts
    // nothing. What cannot be told (models, writes without a column list) may leave it out.
    if (reference.inserted_columns && contains(*reference.inserted_columns, column)) continue;
    if (reference.evidence.access == Access::Write && !reference.inserted_columns) continue;
    exact.push_back(reference.evidence);
  }
  // Textual evidence only from files whose use of the relation no exact reference explains.
  return combine(std::move(exact), textual_evidence(relation, ""));
}

}  // namespace twostep::refs
