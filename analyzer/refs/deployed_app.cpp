#include "analyzer/refs/deployed_app.hpp"

#include <algorithm>
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

bool same_relation(const QualifiedName& a, const QualifiedName& b) {
  return with_default_schema(a) == with_default_schema(b);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

DeployedApp::DeployedApp(std::unique_ptr<TextualReferences> textual)
    : textual_(std::move(textual)) {}

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
}

void DeployedApp::add_reference(Reference reference) {
  reference.relation = with_default_schema(std::move(reference.relation));
  references_.push_back(std::move(reference));
}

void DeployedApp::bind(const Schema& deployed) {
  for (const QueryOccurrence& query : queries_) {
    sql::QueryUses uses = sql::query_uses(query.sql, deployed);
    if (!uses.parsed) {
      failures_.push_back(ProviderFailure{query.evidence.file, query.provider,
                                          "line " + std::to_string(query.evidence.line) +
                                              ": the query does not parse: " + uses.error});
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
      references_.push_back(std::move(reference));
    }
  }
  queries_.clear();
  std::sort(references_.begin(), references_.end(), [](const Reference& a, const Reference& b) {
    return std::tie(a.evidence.file, a.evidence.line, a.relation.schema, a.relation.name, a.column,
                    a.evidence.access) < std::tie(b.evidence.file, b.evidence.line,
                                                  b.relation.schema, b.relation.name, b.column,
                                                  b.evidence.access);
  });
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
  for (const Reference& reference : references_) {
    if (same_relation(reference.relation, relation)) exact.push_back(reference.evidence);
  }
  return combine(std::move(exact), textual_ ? textual_->relation(relation) : std::vector<Evidence>{});
}

std::vector<Evidence> DeployedApp::column(const QualifiedName& relation,
                                          const std::string& column) const {
  std::vector<Evidence> exact;
  for (const Reference& reference : references_) {
    if (!same_relation(reference.relation, relation)) continue;
    bool covers = reference.column == column ||
                  (reference.all_columns && !contains(reference.except, column));
    if (covers) exact.push_back(reference.evidence);
  }
  std::vector<Evidence> textual;
  if (textual_) {
    QualifiedName key = with_default_schema(relation);
    for (Evidence& item : textual_->column(relation, column)) {
      // A model that ignores the column names it only to ignore it.
      if (ignored_in_file_.count({item.file, key.schema, key.name, column}) == 0) {
        textual.push_back(std::move(item));
      }
    }
  }
  return combine(std::move(exact), std::move(textual));
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
  for (const Reference& reference : references_) {
    if (!same_relation(reference.relation, relation) || reference.column) continue;
    if (reference.evidence.access == Access::Read) continue;
    // An INSERT that sets the column does not need its default; an UPDATE or DELETE inserts
    // nothing. What cannot be told (models, writes without a column list) may leave it out.
    if (reference.inserted_columns && contains(*reference.inserted_columns, column)) continue;
    if (reference.evidence.access == Access::Write && !reference.inserted_columns) continue;
    exact.push_back(reference.evidence);
  }
  std::vector<Evidence> textual;
  if (textual_) textual = textual_->relation(relation);
  return combine(std::move(exact), std::move(textual));
}

}  // namespace twostep::refs
