// sqitch: `sqitch.plan` lists the changes in deploy order; each change's deploy script is
// `deploy/<change>.sql`, or `deploy/<change>@<tag>.sql` for an earlier version of a reworked
// change. sqitch opens no transaction: the scripts bring their own BEGIN and COMMIT.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {
namespace {

struct PlannedChange {
  std::string name;
  std::string script;  // relative to the project folder
};

std::vector<PlannedChange> read_plan(const FileSource& files) {
  std::string plan = files.read("sqitch.plan");
  struct Entry {
    bool tag;
    std::string name;
  };
  std::vector<Entry> entries;
  std::size_t start = 0;
  while (start < plan.size()) {
    std::size_t end = plan.find('\n', start);
    if (end == std::string::npos) end = plan.size();
    std::string line = plan.substr(start, end - start);
    start = end + 1;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#' || line[first] == '%') continue;
    std::size_t stop = first;
    while (stop < line.size() && !std::isspace(static_cast<unsigned char>(line[stop])) &&
           line[stop] != '[') {
      ++stop;
    }
    std::string word = line.substr(first, stop - first);
    if (word.empty()) continue;
    if (word[0] == '@') {
      entries.push_back({true, word.substr(1)});
    } else {
      entries.push_back({false, word});
    }
  }
  std::vector<PlannedChange> out;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].tag) continue;
    const std::string& name = entries[i].name;
    // A change planned again later (reworked): this occurrence's script carries the first tag
    // after it whose script exists.
    bool reworked = std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries.end(),
                                [&](const Entry& e) { return !e.tag && e.name == name; });
    std::string script = "deploy/" + name + ".sql";
    if (reworked) {
      for (std::size_t j = i + 1; j < entries.size(); ++j) {
        std::string tagged = "deploy/" + name + "@" + entries[j].name + ".sql";
        if (entries[j].tag && files.has(tagged)) {
          script = tagged;
          break;
        }
      }
    }
    out.push_back({name, script});
  }
  return out;
}

class SqitchLayout final : public Layout {
 public:
  std::string_view name() const override { return "sqitch"; }

  Claim claim(const FileSource& files) const override {
    Claim claim;
    if (!files.has("sqitch.plan")) return claim;
    claim.strong = true;
    std::vector<PlannedChange> plan = read_plan(files);
    for (const std::string& path : files.paths()) {
      bool planned = std::any_of(plan.begin(), plan.end(), [&](const PlannedChange& change) {
        return change.script == path;
      });
      if (planned) {
        claim.migrations.push_back(path);
      } else {
        claim.ignored.push_back(path);  // revert/, verify/, unplanned scripts, sqitch.conf
      }
    }
    return claim;
  }

  // A sqitch project is often the repository root: only sqitch's own files count as skipped.
  std::size_t skipped_files(const FileSource&, const Claim& claim) const override {
    return static_cast<std::size_t>(
        std::count_if(claim.ignored.begin(), claim.ignored.end(), [](const std::string& path) {
          return path.starts_with("deploy/") || path.starts_with("revert/") ||
                 path.starts_with("verify/") || path == "sqitch.plan" || path == "sqitch.conf";
        }));
  }

  std::vector<Migration> load(const FileSource& files, const LayoutOptions&) const override {
    std::vector<Migration> out;
    std::vector<PlannedChange> plan = read_plan(files);
    std::map<std::string, int> occurrences;
    for (std::size_t i = 0; i < plan.size(); ++i) {
      Migration migration;
      migration.file.identity = fmt::format("{}#{}", plan[i].name, ++occurrences[plan[i].name]);
      migration.file.path = plan[i].script;
      migration.file.id = plan[i].script.substr(7, plan[i].script.size() - 11);  // deploy/….sql
      migration.file.version = {i + 1};
      migration.file.version_text = plan[i].name;
      migration.file.transaction = TransactionMode::None;
      migration.text = files.read(plan[i].script);
      out.push_back(std::move(migration));
    }
    return out;  // plan order
  }
};

}  // namespace

std::unique_ptr<Layout> make_sqitch_layout() {
  return std::make_unique<SqitchLayout>();
}

}  // namespace twostep::migrations
