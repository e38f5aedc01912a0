#pragma once
// Migration layouts: each framework's files, its order, its up parts, and how
// it runs them — in a transaction of its own, as one multi-statement query, or statement by
// statement. One file per framework; the registry and the auto-detection are in layouts.cpp.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/migrations/flyway_settings.hpp"
#include "twostep/migration.hpp"
#include "twostep/version.hpp"

namespace twostep::migrations {

// How deep below the migrations folder the working tree is read (symbolic links to folders are
// not followed; a git tree is read whole): Flyway scans its locations recursively
// (`releases/2024/q2/V7__x.sql`), and a sqitch change name may hold `/`
// (`deploy/app/schema/x.sql`).
inline constexpr std::size_t kMaxFolderDepth = 32;

// Whether any layout reads the content of a file of the migrations folder (SQL, goose's Go files,
// sqitch.plan, Flyway's .conf, Diesel's and Prisma's .toml); of the others only the path counts.
bool layouts_read(std::string_view path);

// The files of a migrations folder (on disk, in a git tree, in a manifest).
class FileSource {
 public:
  virtual ~FileSource() = default;
  // Relative to the folder, `/`-separated, sorted.
  virtual const std::vector<std::string>& paths() const = 0;
  // Throws IoError naming the file when it cannot be read.
  virtual std::string read(const std::string& path) const = 0;
  bool has(const std::string& path) const;
};

// A folder on disk.
class FolderSource final : public FileSource {
 public:
  explicit FolderSource(std::filesystem::path folder);
  const std::vector<std::string>& paths() const override { return paths_; }
  std::string read(const std::string& path) const override;

 private:
  std::filesystem::path folder_;
  std::vector<std::string> paths_;
};

// Files already in memory (a git tree's, a manifest's).
class MemorySource final : public FileSource {
 public:
  explicit MemorySource(std::map<std::string, std::string> files);
  const std::vector<std::string>& paths() const override { return paths_; }
  std::string read(const std::string& path) const override;
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::vector<std::string> paths_;
};

// Several folders read as one (a Rails engine's migrations beside the app's): each folder's paths
// behind its prefix (`../../engines/billing/db/migrate/`, relative to the first folder).
class CombinedSource final : public FileSource {
 public:
  void add(std::string prefix, std::unique_ptr<FileSource> source);
  const std::vector<std::string>& paths() const override { return paths_; }
  std::string read(const std::string& path) const override;

 private:
  std::vector<std::pair<std::string, std::unique_ptr<FileSource>>> sources_;
  std::vector<std::string> paths_;
};

// Another source's files but those `skip` names (twostep.toml's `not-migrations`).
class FilteredSource final : public FileSource {
 public:
  FilteredSource(std::unique_ptr<FileSource> source,
                 const std::function<bool(const std::string& path)>& skip);
  const std::vector<std::string>& paths() const override { return paths_; }
  std::string read(const std::string& path) const override { return source_->read(path); }

 private:
  std::unique_ptr<FileSource> source_;
  std::vector<std::string> paths_;
};

struct LayoutOptions {
  // `transaction` in twostep.toml: the plain layout's mode ("none", the default, or "file"), and
  // golang-migrate's `x-multi-statement` ("none": statements sent one by one).
  std::optional<TransactionMode> transaction;
  // flyway.conf / flyway.toml beside the migrations folder or at the project's base.
  FlywaySettings flyway;
  PgVersion postgres_version;  // ALTER TYPE … ADD VALUE needs no transaction before 12
};

class Layout {
 public:
  virtual ~Layout() = default;
  virtual std::string_view name() const = 0;

  // Which files of the folder this layout reads as migrations; `strong` when a file only this
  // framework has says so (sqitch.plan, migration_lock.toml, a `-- +goose Up` marker).
  struct Claim {
    std::vector<std::string> migrations;
    std::vector<std::string>
        ignored;  // its own files that are no up migration (down parts, configs)
    bool strong = false;
  };
  virtual Claim claim(const FileSource& files) const = 0;

  // The migrations, in the framework's order.
  virtual std::vector<Migration> load(const FileSource& files,
                                      const LayoutOptions& options) const = 0;

  // Files of the folder that are not up migrations and were not read (down parts, settings,
  // files that are not SQL), for the summary.
  virtual std::size_t skipped_files(const FileSource& files, const Claim& claim) const {
    return files.paths().size() - claim.migrations.size();
  }

  // The framework records an applied migration by its version alone (golang-migrate, goose,
  // dbmate, Diesel): a file renamed with its version kept is the same migration.
  virtual bool records_version_only() const { return false; }

  // What the framework does with a pending migration that sorts before one already applied, in
  // words ("golang-migrate never runs it: …"); empty where it simply runs it.
  virtual std::string out_of_order(const LayoutOptions&) const { return {}; }

  // Files beside the migrations folder (names in its parent folder) that hold the whole schema at
  // some version: Rails' db/schema.rb and db/structure.sql. Best first.
  virtual std::vector<std::string> baseline_files() const { return {}; }
  // Such a file as a migration whose version is the last one it includes: the history the
  // migrations after it build on. None when it names no version or cannot be read.
  virtual std::optional<Migration> baseline(const std::string& /*path*/,
                                            const std::string& /*content*/) const {
    return std::nullopt;
  }
};

// By name ("plain", "flyway", "golang-migrate", "goose", "dbmate", "diesel", "prisma", "sqitch",
// "rails");
// null when unknown.
std::unique_ptr<Layout> make_layout(std::string_view name);
const std::vector<std::string_view>& layout_names();

// The layout of a folder: the one that claims every SQL file and that no other layout claims as
// strongly. Throws UsageError naming the files that do not fit when the folder mixes layouts or
// fits none. `folder` (`migrations/`, or empty) prefixes the file names in errors.
std::unique_ptr<Layout> detect_layout(const FileSource& files, std::string_view folder = {});

// A layout set in twostep.toml must read every SQL file of the folder (as detection would):
// throws UsageError naming the ones it would pass unchecked.
void check_forced_layout(const Layout& layout, const FileSource& files,
                         std::string_view folder = {});

// The numbers of the leading run of digits and separators (`_`, `-`, `.`):
// `2019-02-26-002946_x` → {2019, 2, 26, 2946}.
std::vector<std::uint64_t> version_of(std::string_view name);

}  // namespace twostep::migrations
