#pragma once
// A rule declares; the framework reports. A rule sees each typed change with the
// schema as it was before it, and reports through the context; it never computes positions,
// prints, or reads configuration.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "twostep/change.hpp"
#include "twostep/diagnostic.hpp"
#include "twostep/schema.hpp"
#include "twostep/version.hpp"

namespace twostep {

struct RuleInfo {
  std::string_view id;  // kebab-case, stable forever
  Category category = Category::Compat;
  Severity default_severity = Severity::Error;
  bool enabled_by_default = true;
  std::string_view summary;  // one sentence: `twostep rules`, SARIF, docs
  // Markdown in fixed sections: What it flags · What breaks · Safe sequence · Example ·
  // Use instead · Options.
  std::string_view doc;
  std::vector<std::string_view> aliases;  // older ids and peers' ids with the same meaning
};

// Whether, and where, the deployed app uses an object.
struct Usage {
  bool verifiable = true;          // false: there is no deployed version to check against
  std::vector<Evidence> evidence;  // best first; empty: unused

  bool used() const { return !evidence.empty(); }
};

// Builds one finding; every call is a no-op when the rule is turned off.
class DiagnosticBuilder {
 public:
  explicit DiagnosticBuilder(Diagnostic* diagnostic) : diagnostic_(diagnostic) {}
  DiagnosticBuilder& help(std::string text);
  DiagnosticBuilder& evidence(const std::vector<Evidence>& items);
  DiagnosticBuilder& related(std::string file, Span span, std::string message);

 private:
  Diagnostic* diagnostic_;
};

class RuleContext {
 public:
  virtual ~RuleContext() = default;

  // The schema before the change (in finish_migration: after the migration's last statement).
  virtual const Schema& schema() const = 0;
  virtual const std::string& file() const = 0;
  virtual Span statement_span() const = 0;
  virtual bool in_transaction() const = 0;
  // Why the statement runs in a transaction, in words ("the script's own BEGIN on line 3").
  virtual std::string transaction_reason() const = 0;
  // How to run the statement outside that transaction, in words ("drop the BEGIN/COMMIT around
  // it"; the framework's switch).
  virtual std::string transaction_fix() const = 0;
  virtual PgVersion postgres_version() const = 0;
  // The changes after this one in the same migration file (lookahead for replacements).
  virtual std::span<const Change> later_changes() const = 0;

  virtual Usage relation_usage(const Relation& relation) const = 0;
  virtual Usage column_usage(const Relation& relation, const Column& column) const = 0;
  // Writers that may insert rows into `relation` without setting the column the deployed app
  // knows as `column` (a column new to the app: every insert leaves it out).
  virtual Usage insert_usage(const Relation& relation, const std::string& column) const = 0;
  virtual Usage string_literal_usage(const std::string& value) const = 0;
  virtual Usage word_usage(const std::string& word) const = 0;

  // A finding of the running rule.
  virtual DiagnosticBuilder report(Span span, std::string message) = 0;
  // A contract step on `object` ("column `public.users.email`") that cannot be verified: there is
  // no deployed app to check against. The engine says why, and how to give it one.
  virtual DiagnosticBuilder report_unverified(Span span, const std::string& object) = 0;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void check(const Change& change, RuleContext& context) = 0;
  // Called once a pending migration's last statement has been applied.
  virtual void finish_migration(RuleContext& /*context*/) {}
};

}  // namespace twostep
