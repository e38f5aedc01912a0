#include "analyzer/check/suppress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "rules/registry.hpp"
#include "rules/squawk.hpp"

namespace twostep::check {
namespace {

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

DirectiveRules read_twostep_rules(std::string_view body) {
  DirectiveRules out;
  std::size_t at = 0;
  auto skip_blanks = [&] {
    while (at < body.size() &&
           (body[at] == ' ' || body[at] == '\t' || body[at] == '\r' || body[at] == '\n')) {
      ++at;
    }
  };
  auto word_at = [&](std::size_t from) {
    std::size_t end = from;
    while (end < body.size() && id_char(body[end])) ++end;
    return body.substr(from, end - from);
  };
  while (true) {
    skip_blanks();
    std::string_view id = word_at(at);
    // `--` opens the reason even where it could start an id.
    if (id.empty() || id.rfind("--", 0) == 0) break;
    out.rules.emplace_back(id);
    at += id.size();
    skip_blanks();
    if (at < body.size() && body[at] == ',') {
      ++at;
      continue;
    }
    // The older space-joined list: the next word continues it only if it is a rule id, so that a
    // reason written without `--` is never read as more ids.
    std::string_view next = word_at(at);
    if (!next.empty() && next.rfind("--", 0) != 0 && rules::find(next) != nullptr &&
        (at + next.size() == body.size() || !id_char(body[at + next.size()]))) {
      continue;
    }
    break;
  }
  skip_blanks();
  std::string_view rest = body.substr(at);
  if (rest.rfind("--", 0) == 0) {
    rest.remove_prefix(2);
  } else if (rest.rfind(":", 0) == 0) {
    rest.remove_prefix(1);
  }
  out.reason = trim(rest);
  return out;
}

DirectiveRules read_squawk_rules(std::string_view body) {
  DirectiveRules out;
  std::size_t comment = body.find("--");
  if (comment != std::string_view::npos) out.reason = trim(body.substr(comment + 2));
  std::string_view list = body.substr(0, comment);
  std::size_t at = 0;
  while (at <= list.size()) {
    std::size_t end = std::min(list.find(',', at), list.size());
    std::string name = trim(list.substr(at, end - at));
    if (!name.empty()) out.rules.push_back(std::move(name));
    at = end + 1;
  }
  return out;
}

// The canonical ids a directive suppresses: a twostep directive's known ids when it gives a
// reason; a squawk directive's squawk ids that twostep shares (squawk's own comments carry no
// reason, and the ids twostep lacks are squawk's business).
std::set<std::string> suppressed_ids(const sql::Directive& directive) {
  std::set<std::string> ids;
  DirectiveRules named = read_rules(directive);
  if (!directive.squawk && named.reason.empty()) return ids;
  for (const std::string& name : named.rules) {
    if (directive.squawk && !rules::is_squawk_id(name)) continue;
    if (const rules::RuleEntry* entry = rules::find(name)) ids.emplace(entry->info->id);
  }
  return ids;
}

const sql::Statement* statement_at(const sql::ParsedFile& parsed, std::size_t offset) {
  auto found = std::lower_bound(
      parsed.statements.begin(), parsed.statements.end(), offset,
      [](const sql::Statement& statement, std::size_t at) { return statement.span.end <= at; });
  return found == parsed.statements.end() ? nullptr : &*found;
}

// The canonical ids each directive of a file suppresses, read once per file rather than once per
// finding.
std::vector<std::set<std::string>> suppressed_ids_of(const sql::ParsedFile& parsed) {
  std::vector<std::set<std::string>> out;
  out.reserve(parsed.directives.size());
  for (const sql::Directive& directive : parsed.directives)
    out.push_back(suppressed_ids(directive));
  return out;
}

// The directive that suppresses the finding, if one does; `ids` holds each directive's
// suppressed ids (suppressed_ids_of).
const sql::Directive* suppressing(const Diagnostic& diagnostic, const sql::ParsedFile& parsed,
                                  const std::vector<std::set<std::string>>& ids) {
  for (std::size_t index = 0; index < parsed.directives.size(); ++index) {
    if (parsed.directives[index].whole_file && ids[index].count(diagnostic.rule) > 0) {
      return &parsed.directives[index];
    }
  }
  const sql::Statement* statement = statement_at(parsed, diagnostic.span.begin);
  if (statement == nullptr) return nullptr;
  for (std::size_t index : statement->directives) {
    if (ids[index].count(diagnostic.rule) > 0) return &parsed.directives[index];
  }
  return nullptr;
}

void check_twostep_directive(const std::string& path, const sql::Directive& directive,
                             const RaiseFinding& raise) {
  std::string form = directive.whole_file ? "twostep:ignore-file" : "twostep:ignore";
  DirectiveRules named = read_rules(directive);
  if (named.rules.empty()) {
    raise(rules::kIgnoreWithoutReason, path, directive.span,
          fmt::format("this `{}` comment names no rule, so it suppresses nothing", form),
          fmt::format("Write `-- {} RULE[,RULE] -- reason`; `twostep rules` lists the ids.", form));
    return;
  }
  for (const std::string& name : named.rules) {
    if (rules::find(name) != nullptr) continue;
    raise(rules::kUnknownRule, path, directive.span,
          fmt::format("`{}` is not a twostep rule id, so this `{}` comment suppresses nothing for "
                      "it{}",
                      name, form, rules::unknown_id_hint(name)),
          "Use an id or alias from `twostep rules`.");
  }
  if (named.reason.empty()) {
    raise(rules::kIgnoreWithoutReason, path, directive.span,
          fmt::format("this `{}` comment gives no reason, so it suppresses nothing", form),
          fmt::format("Say why the finding does not apply: `-- {} {} -- <reason>`.", form,
                      fmt::join(named.rules, ",")));
  }
}

}  // namespace

DirectiveRules read_rules(const sql::Directive& directive) {
  return directive.squawk ? read_squawk_rules(directive.body) : read_twostep_rules(directive.body);
}

Suppression suppress(std::deque<Diagnostic>& diagnostics,
                     const std::map<std::string, SuppressedFile>& files,
                     const RaiseFinding& raise) {
  Suppression result;
  // What each squawk directive suppressed, for its note.
  std::map<const sql::Directive*, std::set<std::string>> by_squawk;
  std::map<std::string, std::vector<std::set<std::string>>> ids;
  for (const auto& [path, file] : files) ids.emplace(path, suppressed_ids_of(*file.parsed));
  std::size_t before = diagnostics.size();
  std::erase_if(diagnostics, [&](const Diagnostic& diagnostic) {
    auto file = files.find(diagnostic.file);
    if (file == files.end()) return false;
    const sql::Directive* directive =
        suppressing(diagnostic, *file->second.parsed, ids.at(diagnostic.file));
    if (directive != nullptr && directive->squawk) by_squawk[directive].insert(diagnostic.rule);
    return directive != nullptr;
  });
  result.suppressed = before - diagnostics.size();

  for (const auto& [path, file] : files) {
    if (!file.report_directives) continue;
    for (const sql::Directive& directive : file.parsed->directives) {
      if (!directive.squawk) {
        check_twostep_directive(path, directive, raise);
        continue;
      }
      std::string form = directive.whole_file ? "squawk-ignore-file" : "squawk-ignore";
      DirectiveRules named = read_rules(directive);
      auto suppressed = by_squawk.find(&directive);
      if (suppressed != by_squawk.end()) {
        std::vector<std::string> ids(suppressed->second.begin(), suppressed->second.end());
        result.notes.push_back(
            Note{path, directive.span, Position{0, 0, 0},
                 fmt::format("this `{}` comment suppresses `{}`{}; twostep's own form keeps the "
                             "reason with it: `-- {} {} -- <reason>`",
                             form, fmt::join(ids, "`, `"),
                             named.reason.empty() ? " without saying why" : ": " + named.reason,
                             directive.whole_file ? "twostep:ignore-file" : "twostep:ignore",
                             fmt::join(ids, ","))});
      } else if (named.rules.empty()) {
        result.notes.push_back(Note{
            path, directive.span, Position{0, 0, 0},
            fmt::format("this `{}` comment names no rule, and twostep honours squawk's comments "
                        "only for the rules it names: it suppresses no twostep finding",
                        form)});
      }
    }
  }
  return result;
}

}  // namespace twostep::check
