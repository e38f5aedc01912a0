#pragma once
// Reading a git repository with libgit2: the deployed version's tree comes from git objects,
// never from the working tree and never by checking out.
#include <git2.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twostep::git {

struct GitDeleter {
  void operator()(git_repository* p) const { git_repository_free(p); }
  void operator()(git_commit* p) const { git_commit_free(p); }
  void operator()(git_tree* p) const { git_tree_free(p); }
  void operator()(git_object* p) const { git_object_free(p); }
  void operator()(git_reference* p) const { git_reference_free(p); }
  void operator()(git_blob* p) const { git_blob_free(p); }
  void operator()(git_index* p) const { git_index_free(p); }
};
template <typename T>
using GitPtr = std::unique_ptr<T, GitDeleter>;

struct TreeFile {
  std::string path;  // repository-relative, `/`-separated
  git_oid oid;
  std::size_t size = 0;
};

// A commit: the deployed version.
struct Commit {
  std::string ref;  // as named (`deployed/production`, `origin/HEAD`, `HEAD`)
  std::string id;   // full hex id

  std::string short_id() const { return id.substr(0, 7); }
};

// Git's id of a blob with this content (what `git hash-object` prints): a content hash that needs
// no repository.
std::string blob_id(std::string_view content);

class Repository {
 public:
  // The repository holding `start`, or nothing outside git.
  static std::optional<Repository> discover(const std::filesystem::path& start);

  const std::filesystem::path& root() const { return root_; }

  // Throws GitError naming the ref when it does not resolve to a commit.
  Commit resolve(const std::string& ref) const;
  bool has_reference(const std::string& name) const;
  bool has_commits() const;

  // Every blob of the commit's tree (symlinks and submodules left out), optionally only under
  // `folder` (repository-relative).
  std::vector<TreeFile> files(const Commit& commit, const std::string& folder = "") const;
  // One blob of the commit's tree by its path (not a symlink); nothing when there is none.
  std::optional<TreeFile> file(const Commit& commit, const std::string& path) const;
  // Every blob staged in the index (stage 0; symlinks and submodules left out), optionally only
  // under `folder`: what the next commit holds.
  std::vector<TreeFile> staged_files(const std::string& folder = "") const;
  std::string read(const TreeFile& file) const;

 private:
  GitPtr<git_tree> tree_of(const Commit& commit) const;
  Repository(std::shared_ptr<git_repository> repository, std::filesystem::path root)
      : repository_(std::move(repository)), root_(std::move(root)) {}
  std::shared_ptr<git_repository> repository_;
  std::filesystem::path root_;
};

}  // namespace twostep::git
