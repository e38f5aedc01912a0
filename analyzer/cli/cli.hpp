#pragma once
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace twostep::cli {

// The whole program: parses the command line, runs the command, returns the exit code
// (0 nothing at error severity, 1 findings at error severity, 2 the tool could not do its job).
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

struct CheckOptions {
  std::vector<std::filesystem::path> paths;
  std::optional<std::filesystem::path> migrations;
  std::optional<std::string> deployed_ref;
  std::optional<std::filesystem::path> config;
  std::string format = "text";
  std::string color = "auto";
};

int check_command(const CheckOptions& options, std::ostream& out);
int rules_command(const std::string& format, std::ostream& out);
int explain_command(const std::string& rule, std::ostream& out);

}  // namespace twostep::cli
