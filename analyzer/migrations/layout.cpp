#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <system_error>

#include "analyzer/migrations/layout.hpp"
#include "analyzer/migrations/layouts.hpp"
#include "twostep/error.hpp"

namespace twostep::migrations {

bool layouts_read(std::string_view path) {
  for (std::string_view suffix : {".sql", ".go", ".toml", ".conf", ".plan", ".rb"}) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

bool FileSource::has(const std::string& path) const {
  return std::binary_search(paths().begin(), paths().end(), path);
}

FolderSource::FolderSource(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder_, error)) {
    throw IoError(folder_.generic_string() + ": not a folder");
  }
  auto add = [&](const std::filesystem::path& path, const std::string& prefix, std::size_t depth,
                 auto&& self) -> void {
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      if (entry.is_regular_file(error)) {
        paths_.push_back(prefix + name);
      } else if (entry.is_directory(error) && !entry.is_symlink(error) && depth < kMaxFolderDepth) {
        self(entry.path(), prefix + name + "/", depth + 1, self);
      }
    }
  };
  add(folder_, "", 0, add);
  if (error) throw IoError(folder_.generic_string() + ": " + error.message());
  std::sort(paths_.begin(), paths_.end());
}

std::string FolderSource::read(const std::string& path) const {
  std::ifstream in(folder_ / path, std::ios::binary);
  if (!in)
    throw IoError(fmt::format("{}: cannot read the file", (folder_ / path).generic_string()));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

FilteredSource::FilteredSource(std::unique_ptr<FileSource> source,
                               const std::function<bool(const std::string& path)>& skip)
    : source_(std::move(source)) {
  for (const std::string& path : source_->paths()) {
    if (!skip(path)) paths_.push_back(path);
  }
}

void CombinedSource::add(std::string prefix, std::unique_ptr<FileSource> source) {
  for (const std::string& path : source->paths()) paths_.push_back(prefix + path);
  std::sort(paths_.begin(), paths_.end());
  sources_.emplace_back(std::move(prefix), std::move(source));
}

std::string CombinedSource::read(const std::string& path) const {
  // The longest prefix that holds the path: `../x/` before ``.
  const FileSource* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [prefix, source] : sources_) {
    if (path.rfind(prefix, 0) != 0 || (best != nullptr && prefix.size() < best_length)) continue;
    if (!source->has(path.substr(prefix.size()))) continue;
    best = source.get();
    best_length = prefix.size();
  }
  if (best == nullptr) throw IoError(path + ": not in the migrations folders");
  return best->read(path.substr(best_length));
}

MemorySource::MemorySource(std::map<std::string, std::string> files) : files_(std::move(files)) {
  for (const auto& [path, content] : files_) paths_.push_back(path);
}

std::string MemorySource::read(const std::string& path) const {
  auto found = files_.find(path);
  if (found == files_.end()) throw IoError(path + ": not in the deployed version");
  return found->second;
}

std::vector<std::uint64_t> version_of(std::string_view name) {
  std::vector<std::uint64_t> parts;
  std::uint64_t current = 0;
  bool in_number = false;
  for (char c : name) {
    if (c >= '0' && c <= '9') {
      std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
      constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
      current = current > (kMax - digit) / 10 ? kMax : current * 10 + digit;
      in_number = true;
    } else if (c == '_' || c == '-' || c == '.') {
      if (in_number) parts.push_back(current);
      current = 0;
      in_number = false;
    } else {
      break;
    }
  }
  if (in_number) parts.push_back(current);
  return parts;
}

const std::vector<std::string_view>& layout_names() {
  static const std::vector<std::string_view> names = {"plain",  "flyway", "golang-migrate",
                                                      "goose",  "dbmate", "diesel",
                                                      "prisma", "sqitch", "rails"};
  return names;
}

std::unique_ptr<Layout> make_layout(std::string_view name) {
  if (name == "plain") return make_plain_layout();
  if (name == "flyway") return make_flyway_layout();
  if (name == "golang-migrate") return make_golang_migrate_layout();
  if (name == "goose") return make_goose_layout();
  if (name == "dbmate") return make_dbmate_layout();
  if (name == "diesel") return make_diesel_layout();
  if (name == "prisma") return make_prisma_layout();
  if (name == "sqitch") return make_sqitch_layout();
  if (name == "rails") return make_rails_layout();
  return nullptr;
}

namespace {

// The files a layout must account for: SQL files, and Go files named like goose migrations
// (other Go files, `embed.go` with `//go:embed *.sql`, are no migrations).
std::vector<std::string> migration_like(const FileSource& files) {
  std::vector<std::string> out;
  for (const std::string& path : files.paths()) {
    // Go and Ruby files named like goose or Rails migrations.
    bool named = starts_with_digit(file_name(path));
    if (path.ends_with(".sql") || (path.ends_with(".go") && !path.ends_with("_test.go") && named) ||
        (path.ends_with(".rb") && named)) {
      out.push_back(path);
    }
  }
  return out;
}

std::vector<std::string> not_claimed(const std::vector<std::string>& paths,
                                     const Layout::Claim& claim) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    const auto& m = claim.migrations;
    const auto& i = claim.ignored;
    if (std::find(m.begin(), m.end(), path) == m.end() &&
        std::find(i.begin(), i.end(), path) == i.end()) {
      out.push_back(path);
    }
  }
  return out;
}

// `migrations/a.sql, migrations/b.sql and 3 more`
std::string listed(const std::vector<std::string>& paths, std::string_view folder) {
  std::string out;
  for (std::size_t k = 0; k < paths.size() && k < 5; ++k) {
    if (k > 0) out += ", ";
    out += folder;
    out += paths[k];
  }
  if (paths.size() > 5) out += fmt::format(" and {} more", paths.size() - 5);
  return out;
}

}  // namespace

std::unique_ptr<Layout> detect_layout(const FileSource& files, std::string_view folder) {
  std::vector<std::string> sql = migration_like(files);
  struct Candidate {
    std::unique_ptr<Layout> layout;
    Layout::Claim claim;
    std::size_t covered = 0;
  };
  std::vector<Candidate> candidates;
  for (std::string_view name : layout_names()) {
    Candidate candidate{make_layout(name), {}, 0};
    candidate.claim = candidate.layout->claim(files);
    candidate.covered = sql.size() - not_claimed(sql, candidate.claim).size();
    candidates.push_back(std::move(candidate));
  }
  // A framework's own marker (sqitch.plan, migration_lock.toml, `-- +goose Up`) decides; else
  // the most specific naming that accounts for every file, the plain layout last.
  auto fits = [&](const Candidate& c) {
    return c.covered == sql.size() && !c.claim.migrations.empty();
  };
  const Candidate* chosen = nullptr;
  const Candidate* marked = nullptr;  // a framework's marker, whether or not it covers everything
  for (const Candidate& c : candidates) {
    if (!c.claim.strong) continue;
    if (marked != nullptr && fits(*marked) && fits(c)) {
      throw UsageError(
          fmt::format("the migrations folder {}fits both the {} and the {} layout: set `layout` in "
                      "twostep.toml",
                      folder.empty() ? "" : fmt::format("`{}` ", folder), marked->layout->name(),
                      c.layout->name()));
    }
    if (marked == nullptr || fits(c)) marked = &c;
    if (fits(c)) chosen = &c;
  }
  // Files beside a framework's marked ones that it does not take: a mixed folder, not a plain one.
  if (chosen == nullptr && marked == nullptr) {
    for (std::string_view name : {"flyway", "golang-migrate", "prisma", "plain", "diesel"}) {
      for (const Candidate& c : candidates) {
        if (chosen == nullptr && c.layout->name() == name && !c.claim.strong && fits(c))
          chosen = &c;
      }
    }
  }
  if (chosen != nullptr) {
    for (Candidate& c : candidates) {
      if (&c == chosen) return std::move(c.layout);
    }
  }
  if (sql.empty()) return make_plain_layout();
  // Name what does not fit the layout that accounts for most files (a marked one on a tie): one
  // odd file among many is the misfit, not the many.
  // Name what does not fit the layout that accounts for most files, among the marked ones where
  // a framework's marker is present: one odd file among many is the misfit, not the many.
  std::size_t marked_count = 0;
  const Candidate* best = &candidates.front();
  const Candidate* best_marked = nullptr;
  for (const Candidate& c : candidates) {
    if (c.covered > best->covered) best = &c;
    if (c.claim.strong) {
      ++marked_count;
      if (best_marked == nullptr || c.covered > best_marked->covered) best_marked = &c;
    }
  }
  if (marked_count == 1 && fits(*best)) {
    // Every file fits a naming, but some carry one framework's marker.
    throw UsageError(fmt::format(
        "cannot tell the layout of the migrations folder{}: it looks like {} but {} carr{} {}'s "
        "marker; set `layout` in twostep.toml (one of: {})",
        folder.empty() ? "" : fmt::format(" `{}`", folder), best->layout->name(),
        listed(best_marked->claim.migrations, folder),
        best_marked->claim.migrations.size() == 1 ? "ies" : "y", best_marked->layout->name(),
        fmt::join(layout_names(), ", ")));
  }
  if (best_marked != nullptr) {
    // Beside a framework's marker the plain fallback says nothing; one marked file among many
    // of another framework's naming is the odd one, not the many.
    const Candidate* best_framework = best_marked;
    for (const Candidate& c : candidates) {
      if (c.layout->name() != "plain" && c.covered > best_framework->covered) best_framework = &c;
    }
    best = best_framework;
  }
  std::vector<std::string> misfits = not_claimed(sql, best->claim);
  throw UsageError(fmt::format(
      "cannot tell the layout of the migrations folder{}: it looks like {} but {} do{} not fit; "
      "set `layout` in twostep.toml (one of: {}), or list what is no migration in `not-migrations`",
      folder.empty() ? "" : fmt::format(" `{}`", folder), best->layout->name(),
      listed(misfits, folder), misfits.size() == 1 ? "es" : "", fmt::join(layout_names(), ", ")));
}

void check_forced_layout(const Layout& layout, const FileSource& files, std::string_view folder) {
  std::vector<std::string> misfits = not_claimed(migration_like(files), layout.claim(files));
  if (misfits.empty()) return;
  throw UsageError(fmt::format(
      "`layout = \"{}\"` in twostep.toml does not read {}: it would pass {} unchecked; fix "
      "`layout`, or list what is no migration in `not-migrations` (globs relative to the "
      "migrations folder)",
      layout.name(), listed(misfits, folder), misfits.size() == 1 ? "it" : "them"));
}

}  // namespace twostep::migrations
