#include "analyzer/git/repository.hpp"

#include "twostep/error.hpp"

namespace twostep::git {
namespace {

// libgit2 needs one global initialisation per process; it lives as long as the process.
void ensure_initialised() {
  static const int initialised = git_libgit2_init();
  (void)initialised;
}

std::string last_error() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

struct WalkState {
  std::string prefix;
  std::vector<TreeFile>* out;
};

int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  auto* state = static_cast<WalkState*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) return 0;
  TreeFile file;
  file.path = state->prefix + root + git_tree_entry_name(entry);
  file.oid = *git_tree_entry_id(entry);
  state->out->push_back(std::move(file));
  return 0;
}

}  // namespace

std::string blob_id(std::string_view content) {
  ensure_initialised();
  git_oid oid;
  if (git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB) != 0) {
    throw GitError("cannot hash content: " + last_error());
  }
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

std::optional<Repository> Repository::discover(const std::filesystem::path& start) {
  ensure_initialised();
  git_repository* raw = nullptr;
  std::string path = std::filesystem::absolute(start).string();
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0) return std::nullopt;
  const char* workdir = git_repository_workdir(raw);
  if (workdir == nullptr) {  // a bare repository has no working tree to check
    git_repository_free(raw);
    return std::nullopt;
  }
  std::shared_ptr<git_repository> owned(raw, [](git_repository* p) { git_repository_free(p); });
  std::filesystem::path root = std::filesystem::path(workdir).lexically_normal();
  if (!root.has_filename()) root = root.parent_path();
  return Repository(std::move(owned), std::move(root));
}

Commit Repository::resolve(const std::string& ref) const {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repository_.get(), ref.c_str()) != 0) {
    // `origin/main` names a remote branch; anything else may be a tag or a branch.
    std::string hint;
    bool hex = ref.size() >= 7 && ref.size() <= 40 &&
               ref.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    if (hex) {
      // A commit id: no tag or branch to fetch, and servers take only whole ids.
      throw GitError(
          "unknown git ref `" + ref + "`: no commit of this clone has that id. If it is right, " +
          "the clone lacks the commit (a shallow clone, or a branch not fetched): fetch it by "
          "its " +
          "full 40-digit id, `git fetch origin " +
          (ref.size() == 40 ? ref : "<full id of " + ref + ">") +
          "` (GitHub, GitLab and Bitbucket serve any commit by id), or deepen a shallow clone "
          "with `git fetch --unshallow`");
    }
    if (ref.find_first_of("~^:@{") != std::string::npos) {
      // `main~5`, `v1.4^{commit}`: an expression over a ref, which must resolve first.
      throw GitError("unknown git ref `" + ref + "`: the revision it names does not resolve in " +
                     "this clone; check that the branch or tag it starts from exists here (`git " +
                     "rev-parse '" + ref + "'` says why) and fetch it if it does not");
    }
    if (ref.rfind("origin/", 0) == 0) {
      std::string branch = ref.substr(7);
      hint += "`git fetch origin '+refs/heads/";
      hint += branch + ":refs/remotes/origin/" + branch + "'`";
    } else {
      hint += "`git fetch origin 'refs/tags/";
      hint += ref + ":refs/tags/" + ref + "'` for a tag, `git fetch origin '+refs/heads/" + ref +
              ":refs/heads/" + ref + "'` for a branch";
    }
    throw GitError("unknown git ref `" + ref +
                   "` (in a shallow clone or a CI checkout, fetch it first: " + hint + ")");
  }
  GitPtr<git_object> object(raw);
  git_object* peeled_raw = nullptr;
  if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) != 0) {
    throw GitError("git ref `" + ref + "` does not name a commit");
  }
  GitPtr<git_object> peeled(peeled_raw);
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, git_object_id(peeled.get()));
  return Commit{ref, hex};
}

bool Repository::has_reference(const std::string& name) const {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repository_.get(), name.c_str()) != 0) return false;
  GitPtr<git_reference> reference(raw);
  git_reference* resolved_raw = nullptr;
  if (git_reference_resolve(&resolved_raw, reference.get()) != 0) return false;
  GitPtr<git_reference> resolved(resolved_raw);
  return true;
}

bool Repository::has_commits() const {
  return git_repository_head_unborn(repository_.get()) == 0;
}

GitPtr<git_tree> Repository::tree_of(const Commit& commit) const {
  git_oid oid;
  if (git_oid_fromstr(&oid, commit.id.c_str()) != 0) throw GitError("bad commit id " + commit.id);
  git_commit* commit_raw = nullptr;
  if (git_commit_lookup(&commit_raw, repository_.get(), &oid) != 0) {
    throw GitError("cannot read commit " + commit.short_id() + ": " + last_error());
  }
  GitPtr<git_commit> git_commit_ptr(commit_raw);
  git_tree* tree_raw = nullptr;
  if (git_commit_tree(&tree_raw, git_commit_ptr.get()) != 0) {
    throw GitError("cannot read the tree of commit " + commit.short_id() + ": " + last_error());
  }
  return GitPtr<git_tree>(tree_raw);
}

std::optional<TreeFile> Repository::file(const Commit& commit, const std::string& path) const {
  GitPtr<git_tree> tree = tree_of(commit);
  git_tree_entry* entry_raw = nullptr;
  if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) != 0) return std::nullopt;
  std::unique_ptr<git_tree_entry, void (*)(git_tree_entry*)> entry(entry_raw, git_tree_entry_free);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
      git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK) {
    return std::nullopt;
  }
  TreeFile file;
  file.path = path;
  file.oid = *git_tree_entry_id(entry.get());
  return file;
}

std::vector<TreeFile> Repository::files(const Commit& commit, const std::string& folder) const {
  GitPtr<git_tree> tree = tree_of(commit);
  std::vector<TreeFile> out;
  WalkState state{"", &out};
  if (!folder.empty() && folder != ".") {
    git_tree_entry* entry_raw = nullptr;
    if (git_tree_entry_bypath(&entry_raw, tree.get(), folder.c_str()) != 0) return out;
    std::unique_ptr<git_tree_entry, void (*)(git_tree_entry*)> entry(entry_raw,
                                                                     git_tree_entry_free);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) return out;
    git_tree* sub_raw = nullptr;
    if (git_tree_lookup(&sub_raw, repository_.get(), git_tree_entry_id(entry.get())) != 0) {
      throw GitError("cannot read " + folder + " at " + commit.short_id() + ": " + last_error());
    }
    tree.reset(sub_raw);
    state.prefix = folder + "/";
  }
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_blob, &state) != 0) {
    throw GitError("cannot walk the tree of " + commit.short_id() + ": " + last_error());
  }
  return out;
}

std::vector<TreeFile> Repository::staged_files(const std::string& folder) const {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repository_.get()) != 0) {
    throw GitError("cannot read the git index: " + last_error());
  }
  GitPtr<git_index> index(raw);
  std::string prefix = folder.empty() || folder == "." ? "" : folder + "/";
  std::vector<TreeFile> out;
  std::size_t count = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (entry == nullptr || git_index_entry_stage(entry) != 0) continue;
    if (entry->mode == GIT_FILEMODE_LINK || entry->mode == GIT_FILEMODE_COMMIT) continue;
    std::string path = entry->path;
    if (path.rfind(prefix, 0) != 0) continue;
    out.push_back(TreeFile{std::move(path), entry->id, static_cast<std::size_t>(entry->file_size)});
  }
  return out;
}

std::string Repository::read(const TreeFile& file) const {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repository_.get(), &file.oid) != 0) {
    throw GitError("cannot read " + file.path + " from git: " + last_error());
  }
  GitPtr<git_blob> blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace twostep::git
