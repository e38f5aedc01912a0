#pragma once
// Everything twostep knows the deployed app uses: exact references from the
// providers (SQL in the source, ORM models, query statistics, a manifest) and the textual floor.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/refs/code/textual.hpp"
#include "analyzer/refs/models/models.hpp"
#include "twostep/references.hpp"

namespace twostep::refs {

// One resolved reference: to a relation, to one of its columns, or to all of them.
struct Reference {
  QualifiedName relation;  // schema resolved (`public` when the app does not say)
  std::optional<std::string> column;
  bool all_columns = false;
  std::vector<std::string> except;  // columns an all-columns reference leaves out
  // The relation-level write of an INSERT: it inserts rows that set `inserted_columns` (nullopt:
  // cannot be told); every other column gets its default.
  bool inserts = false;
  std::optional<std::vector<std::string>> inserted_columns;
  Evidence evidence;
};

// A query of the deployed app, found in its source or its statistics, resolved at bind().
struct QueryOccurrence {
  Evidence evidence;     // where, and how often it ran (pg_stat_statements)
  std::string sql;       // placeholders as $n
  std::string provider;  // "sql" (source and query files) or "pg_stat_statements"
  // Where it lies in its source file (add_source's index), so that the textual floor leaves
  // out what the query resolution understood.
  std::optional<std::size_t> source;
  Span span;
};

class DeployedApp final : public References {
 public:
  // The textual floor: the textual answers a manifest recorded, or null (query statistics
  // alone, or an index built from add_source()).
  explicit DeployedApp(std::unique_ptr<References> textual);

  // A source file for the textual floor: indexed at bind(), once the queries found in it are
  // resolved — text the query provider understood is not searched again. Returns its index.
  std::size_t add_source(SourceFile file, SourceKind kind);
  void set_commit(std::string commit) { commit_ = std::move(commit); }

  void add_query(QueryOccurrence query) { queries_.push_back(std::move(query)); }
  // Text of a source that names schema objects without using them (a DDL string literal: the
  // app's own schema upkeep): left out of the textual search.
  void add_not_a_use(std::size_t source, Span span) { not_uses_.emplace_back(source, span); }
  void add_models(const ModelScan& scan, const std::string& commit);
  void add_reference(Reference reference);
  void add_failure(ProviderFailure failure);
  void count_source_file() { ++source_files_; }
  void set_source_files(std::size_t count) { source_files_ = count; }
  // Restricts what these references answer for (a manifest's schema); unset: everything.
  void set_known_relations(std::set<std::pair<std::string, std::string>> known) {
    known_ = std::move(known);
  }
  std::size_t source_files() const { return source_files_; }

  void bind(const Schema& deployed) override;
  bool knows(const QualifiedName& relation) const override;
  std::vector<Evidence> relation(const QualifiedName& relation) const override;
  std::vector<Evidence> column(const QualifiedName& relation,
                               const std::string& column) const override;
  std::vector<Evidence> string_literal(const std::string& value) const override;
  std::vector<Evidence> word(const std::string& word) const override;
  std::vector<Evidence> inserts_without(const QualifiedName& relation,
                                        const std::string& column) const override;

  // Only the textual evidence, from files without exact evidence for the object (a manifest
  // records these beside the exact references). `column` empty: the relation itself.
  std::vector<Evidence> textual_evidence(const QualifiedName& relation,
                                         const std::string& column) const;

  // Every exact reference (after bind()), sorted; what `twostep refs` lists.
  const std::vector<Reference>& references() const { return references_; }
  const std::vector<ProviderFailure>& failures() const { return failures_; }

 private:
  std::unique_ptr<References> textual_;
  std::vector<std::pair<SourceFile, SourceKind>> sources_;  // awaiting bind()
  std::string commit_;
  std::optional<std::set<std::pair<std::string, std::string>>> known_;
  std::vector<QueryOccurrence> queries_;
  std::vector<std::pair<std::size_t, Span>> not_uses_;  // source index, span
  std::vector<Reference> references_;
  // references_ by relation (schema, name); rebuilt on the first question after a change.
  mutable std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_relation_;
  mutable bool indexed_ = false;
  std::vector<ProviderFailure> failures_;
  std::set<std::string> fallback_files_;  // files a provider could not fully read
  std::size_t source_files_ = 0;
  // Enum values the app's models declare (Prisma enums), by stored value: exact evidence.
  std::map<std::string, std::vector<Evidence>> enum_values_;
  // Columns a model ignores, by (file, relation): not textual references in that file.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> ignored_in_file_;

  void index() const;
  void index_sources(const std::vector<bool>& understood);
  const std::vector<std::size_t>& references_to(const QualifiedName& relation) const;

  // Exact evidence first (one item per place), then textual evidence from other files.
  std::vector<Evidence> combine(std::vector<Evidence> exact, std::vector<Evidence> textual) const;
};

}  // namespace twostep::refs
