#pragma once
// Helpers for tests that build real git repositories in temp folders and run the real binary.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace twostep::testing {

// A fresh folder under the system temp folder, removed with its content at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string shell_quote(const std::string& text);

// Runs a shell command in `folder`; fails the test (throws) when the shell cannot start.
Result run_shell(const std::string& command, const std::filesystem::path& folder);

// Runs the twostep binary in `folder` with `args`, in an environment the test controls: CI
// variables unset (CI itself sets `CI`), no colour, plus `environment`.
Result run_twostep(const std::vector<std::string>& args, const std::filesystem::path& folder,
                   const std::map<std::string, std::string>& environment = {});

// Runs a bash command in `folder` in that same controlled environment, with the built twostep
// first on the PATH: for tests that drive a real client (pre-commit, a CI script) that calls it.
Result run_with_twostep(const std::string& command, const std::filesystem::path& folder,
                        const std::map<std::string, std::string>& environment = {});

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// A git repository with a committer identity, on branch main.
void git_init(const std::filesystem::path& folder);
// Stages everything and commits; returns the commit id.
std::string git_commit_all(const std::filesystem::path& folder, const std::string& message);
void git(const std::filesystem::path& folder, const std::string& args);

}  // namespace twostep::testing
