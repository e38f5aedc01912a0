#include "analyzer/check/suppress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "rules/registry.hpp"

namespace twostep::check {
namespace {

// The canonical ids a valid directive suppresses (empty for a directive without a reason).
std::set<std::string> suppressed_ids(const sql::Directive& directive) {
  std::set<std::string> ids;
  if (directive.reason.empty()) return ids;
  for (const std::string& name : directive.rules) {
    if (const rules::RuleEntry* entry = rules::find(name)) ids.emplace(entry->info->id);
  }
  return ids;
}

const sql::Statement* statement_at(const sql::ParsedFile& parsed, std::size_t offset) {
  for (const sql::Statement& statement : parsed.statements) {
    if (statement.span.end > offset) return &statement;
  }
  return nullptr;
}

bool is_suppressed(const Diagnostic& diagnostic, const sql::ParsedFile& parsed) {
  for (const sql::Directive& directive : parsed.directives) {
    if (directive.whole_file && suppressed_ids(directive).count(diagnostic.rule) > 0) return true;
  }
  const sql::Statement* statement = statement_at(parsed, diagnostic.span.begin);
  if (statement == nullptr) return false;
  for (std::size_t index : statement->directives) {
    if (suppressed_ids(parsed.directives[index]).count(diagnostic.rule) > 0) return true;
  }
  return false;
}

}  // namespace

std::size_t suppress(std::deque<Diagnostic>& diagnostics,
                     const std::map<std::string, SuppressedFile>& files,
                     const std::function<void(std::string_view, const std::string&, Span,
                                              std::string, std::string)>& raise) {
  std::size_t before = diagnostics.size();
  std::erase_if(diagnostics, [&](const Diagnostic& diagnostic) {
    auto file = files.find(diagnostic.file);
    return file != files.end() && is_suppressed(diagnostic, *file->second.parsed);
  });
  std::size_t suppressed = before - diagnostics.size();

  for (const auto& [path, file] : files) {
    if (!file.report_directives) continue;
    for (const sql::Directive& directive : file.parsed->directives) {
      std::string form = directive.whole_file ? "twostep:ignore-file" : "twostep:ignore";
      if (directive.rules.empty()) {
        raise(rules::kIgnoreWithoutReason, path, directive.span,
              fmt::format("this `{}` comment names no rule, so it suppresses nothing", form),
              fmt::format("Write `-- {} RULE[,RULE] -- reason`; `twostep rules` lists the ids.",
                          form));
        continue;
      }
      for (const std::string& name : directive.rules) {
        if (rules::find(name) != nullptr) continue;
        raise(rules::kUnknownRule, path, directive.span,
              fmt::format("`{}` is not a twostep rule id, so this `{}` comment suppresses nothing "
                          "for it",
                          name, form),
              "Use an id or alias from `twostep rules`.");
      }
      if (directive.reason.empty()) {
        raise(rules::kIgnoreWithoutReason, path, directive.span,
              fmt::format("this `{}` comment gives no reason, so it suppresses nothing", form),
              fmt::format("Say why the finding does not apply: `-- {} {} -- <reason>`.", form,
                          fmt::join(directive.rules, ",")));
      }
    }
  }
  return suppressed;
}

}  // namespace twostep::check
