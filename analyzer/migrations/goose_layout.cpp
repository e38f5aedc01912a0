// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections, run in one
// transaction per file unless the file says `-- +goose NO TRANSACTION`; the statements go one by
// one (a query ends at a line ending in `;`), a `StatementBegin`/`StatementEnd` block as one
// query. `.go` migrations register Go code that twostep cannot read.
#include <fmt/format.h>

#include <algorithm>

#include "analyzer/migrations/layouts.hpp"
#include "analyzer/sql/parse.hpp"

namespace twostep::migrations {
namespace {

// What goose's annotations say about the transaction, and the queries goose sends from the up
// section. goose reads the file line by line: a query ends at a line whose last word (before a
// `--` comment) ends in `;`, so `CREATE INDEX …; CREATE INDEX …;` on one line is one query;
// a StatementBegin … StatementEnd block is one query whatever its semicolons.
struct Annotations {
  bool no_transaction = false;
  std::vector<Span> queries;  // each query of the up section, from its first line to its end
  std::vector<Span> envsub;   // between `-- +goose ENVSUB ON` and `OFF`: `${VAR}` is substituted
};

// goose's envsubst: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:=default}`. twostep
// does not read the environment the migration runs in: a default stands for the value, else
// the variable's name.
std::optional<std::string> envsub_default(const std::string& expression) {
  for (std::string_view operation : {":-", ":=", "-", "="}) {
    std::size_t at = expression.find(operation);
    if (at != std::string::npos && at > 0) return expression.substr(at + operation.size());
  }
  return std::nullopt;
}

// goose's endsWithSemicolon: the last whitespace-separated word before one starting with `--`.
bool ends_query(std::string_view line) {
  std::string_view last;
  std::size_t at = 0;
  while (at < line.size()) {
    std::size_t first = line.find_first_not_of(" \t\r\f\v", at);
    if (first == std::string_view::npos) break;
    std::size_t stop = std::min(line.find_first_of(" \t\r\f\v", first), line.size());
    std::string_view word = line.substr(first, stop - first);
    if (word.starts_with("--")) break;
    last = word;
    at = stop;
  }
  return last.ends_with(';');
}

Annotations read_annotations(std::string_view text) {
  Annotations out;
  bool up = false;
  bool in_block = false;
  std::size_t query = std::string_view::npos;  // where the query being read starts
  std::size_t start = 0;
  std::size_t envsub = std::string_view::npos;  // where the open ENVSUB region starts
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    // goose takes an annotation only at the start of a line; an indented one is SQL or a comment.
    std::string words = line.starts_with("--") ? comment_words(line) : std::string();
    if (words == "+goose no transaction") {
      out.no_transaction = true;
    } else if (words == "+goose envsub on" || words == "+goose envsubst on") {
      if (envsub == std::string_view::npos) envsub = std::min(end + 1, text.size());
    } else if (words == "+goose envsub off" || words == "+goose envsubst off") {
      if (envsub != std::string_view::npos) out.envsub.push_back({envsub, start});
      envsub = std::string_view::npos;
    } else if (words.rfind("+goose up", 0) == 0) {
      up = true;
    } else if (words.rfind("+goose down", 0) == 0) {
      up = false;
      query = std::string_view::npos;
    } else if (words.rfind("+goose statementbegin", 0) == 0) {
      in_block = true;
      query = std::min(end + 1, text.size());
    } else if (words.rfind("+goose statementend", 0) == 0 && in_block) {
      if (up && query != std::string_view::npos) out.queries.push_back({query, start});
      in_block = false;
      query = std::string_view::npos;
    } else if (up && !in_block) {
      std::size_t first = line.find_first_not_of(" \t\r");
      bool blank_or_comment = first == std::string_view::npos || line.substr(first, 2) == "--";
      if (query == std::string_view::npos && !blank_or_comment) query = start;
      if (query != std::string_view::npos && ends_query(line)) {
        out.queries.push_back({query, end});
        query = std::string_view::npos;
      }
    }
    start = end + 1;
  }
  if (envsub != std::string_view::npos) out.envsub.push_back({envsub, text.size()});
  return out;
}

bool lower_contains(std::string text, std::string_view needle) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find(needle) != std::string::npos;
}

// Statements goose cuts before PostgreSQL sees them: one that runs past the line ending in `;`
// where goose ends its query (a function body without StatementBegin/End), or whose last line
// does not end in `;` (goose: "unfinished SQL query").
void find_split_statements(Migration& migration) {
  for (const sql::Statement& statement : sql::parse_file(migration.text).statements) {
    if (statement.error) continue;  // a parse error of its own
    auto query =
        std::find_if(migration.one_query.begin(), migration.one_query.end(), [&](const Span& q) {
          return statement.span.begin >= q.begin && statement.span.begin < q.end;
        });
    std::size_t line_end =
        std::min(migration.text.find('\n', statement.span.begin), migration.text.size());
    Span first_line{statement.span.begin, line_end};
    if (query == migration.one_query.end()) {
      migration.layout_errors.push_back(
          {first_line,
           "goose finds no line ending in `;` after this statement: it stops with \"unfinished SQL "
           "query\" and the migration fails at deploy",
           "End the statement's last line with `;`, or wrap it in `-- +goose StatementBegin` / "
           "`-- +goose StatementEnd`."});
    } else if (statement.span.end > query->end) {
      int line = 1 + static_cast<int>(std::count(
                         migration.text.begin(),
                         migration.text.begin() + static_cast<std::ptrdiff_t>(query->end), '\n'));
      migration.layout_errors.push_back(
          {first_line,
           fmt::format(
               "goose ends its query at line {}, whose last word ends in `;`, inside this "
               "statement: PostgreSQL receives half of it and the migration fails at deploy",
               line),
           "Wrap the statement in `-- +goose StatementBegin` / `-- +goose StatementEnd`."});
    }
  }
}

class GooseLayout final : public Layout {
 public:
  std::string_view name() const override { return "goose"; }
  bool records_version_only() const override { return true; }  // goose_db_version.version_id
  std::string out_of_order(const LayoutOptions&) const override {
    return "goose refuses to migrate a database already past it (\"found 1 missing migrations "
           "before current version\") unless run with `-allow-missing`";
  }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    for (const std::string& path : files.paths()) {
      if (path.find('/') != std::string::npos || !starts_with_digit(path)) continue;
      if (path.ends_with(".sql")) {
        if (lower_contains(files.read(path), "+goose up")) {
          claim.migrations.push_back(path);
          claim.strong = true;
        }
      } else if (path.ends_with(".go")) {
        std::string content = files.read(path);
        if (content.find("goose.Add") != std::string::npos) {
          claim.migrations.push_back(path);
          claim.strong = true;
        } else {
          claim.ignored.push_back(path);
        }
      }
    }
    return claim;
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    for (const std::string& path : claim(files).migrations) {
      Migration migration;
      migration.file.path = path;
      migration.file.id = path.substr(0, path.rfind('.'));
      migration.file.version_text = path.substr(0, path.find('_'));
      migration.file.version = version_of(migration.file.version_text);
      if (path.ends_with(".go")) {
        // Read for the finding's snippet and to tell an edit; never parsed as SQL.
        migration.unanalysable = "a goose migration written in Go: twostep reads SQL only";
        migration.text = files.read(path);
        out.push_back(std::move(migration));
        continue;
      }
      std::string text = files.read(path);
      Annotations annotations = read_annotations(text);
      bool no_transaction = annotations.no_transaction;
      migration.file.transaction = no_transaction ? TransactionMode::None : TransactionMode::File;
      migration.transaction_reason =
          no_transaction ? ""
                         : "goose runs this migration in one transaction (the file has no "
                           "`-- +goose NO TRANSACTION`)";
      migration.outside_transaction =
          "put it in a migration marked `-- +goose NO TRANSACTION`, each statement on lines of "
          "its own (goose sends the lines up to one ending in `;` as one query)";
      migration.one_query = std::move(annotations.queries);
      migration.one_query_reason =
          "goose sends as one query the lines up to one that ends in `;` (or a "
          "StatementBegin/StatementEnd block), and PostgreSQL runs the statements of one query in "
          "one transaction block";
      std::string original = text;
      bool substituted = false;
      for (const Span& region : annotations.envsub) {
        substituted =
            substitute_placeholders(text, region.begin, region.end, envsub_default) || substituted;
      }
      std::string unblanked = std::move(original);
      if (keep_section(text, "+goose up", "+goose down")) {
        if (substituted) {
          // The up part as written, for snippets and to tell an edit.
          migration.original_text = unblanked;
          keep_section(migration.original_text, "+goose up", "+goose down");
        }
      } else {
        migration.unanalysable =
            "goose finds no `-- +goose Up` annotation at the start of a line, and refuses the file";
        text = std::move(unblanked);  // shown as written
      }
      migration.text = std::move(text);
      if (!migration.unanalysable) find_split_statements(migration);
      out.push_back(std::move(migration));
    }
    sort_in_order(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Layout> make_goose_layout() {
  return std::make_unique<GooseLayout>();
}

}  // namespace twostep::migrations
