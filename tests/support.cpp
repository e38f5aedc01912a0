#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace twostep::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("twostep-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

Result run_shell(const std::string& command, const std::filesystem::path& folder) {
  std::filesystem::path err_file = folder.parent_path() / (folder.filename().string() + ".stderr");
  // Built with += : GCC 12 warns falsely (-Wrestrict) on long operator+ chains of strings.
  std::string full = "cd ";
  full += shell_quote(folder.string());
  full += " && { ";
  full += command;
  full += " ; } 2>";
  full += shell_quote(err_file.string());
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start: " + command);
  Result result;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), read);
  }
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::error_code error;
  if (std::filesystem::exists(err_file, error)) {
    result.err = read_file(err_file);
    std::filesystem::remove(err_file, error);
  }
  return result;
}

namespace {

// `env` with the CI variables unset (CI itself sets `CI`), no colour, twostep's folder first on the
// PATH, and `environment`.
std::string controlled_environment(const std::map<std::string, std::string>& environment) {
  std::string command =
      "env -u CI -u CODEBUILD_BUILD_ID -u GITHUB_ACTIONS -u GITLAB_CI -u GIT_DIR "
      "-u GIT_WORK_TREE NO_COLOR=1 PATH=";
  command += shell_quote(std::filesystem::path(TWOSTEP_BINARY).parent_path().string());
  command += ":\"$PATH\"";
  for (const auto& [name, value] : environment) {
    command += ' ';
    command += name;
    command += '=';
    command += shell_quote(value);
  }
  return command;
}

}  // namespace

Result run_twostep(const std::vector<std::string>& args, const std::filesystem::path& folder,
                   const std::map<std::string, std::string>& environment) {
  std::string command = controlled_environment(environment);
  command += ' ';
  command += shell_quote(TWOSTEP_BINARY);
  for (const std::string& arg : args) {
    command += ' ';
    command += shell_quote(arg);
  }
  return run_shell(command, folder);
}

Result run_with_twostep(const std::string& command, const std::filesystem::path& folder,
                        const std::map<std::string, std::string>& environment) {
  std::string full = controlled_environment(environment);
  full += " bash -c ";
  full += shell_quote(command);
  return run_shell(full, folder);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void git(const std::filesystem::path& folder, const std::string& args) {
  Result result = run_shell("git " + args, folder);
  if (result.exit_code != 0) {
    throw std::runtime_error("git " + args + " failed: " + result.err);
  }
}

void git_init(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  git(folder, "init -q -b main");
  git(folder, "config user.email test@example.com");
  git(folder, "config user.name test");
  git(folder, "config commit.gpgsign false");
}

std::string git_commit_all(const std::filesystem::path& folder, const std::string& message) {
  git(folder, "add -A");
  git(folder, "commit -q --allow-empty -m " + shell_quote(message));
  Result head = run_shell("git rev-parse HEAD", folder);
  std::string id = head.out;
  while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
  return id;
}

}  // namespace twostep::testing
