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
  std::optional<std::filesystem::path> deployed_refs;     // a manifest instead of the git tree
  std::optional<std::filesystem::path> deployed_queries;  // a pg_stat_statements export
  bool each = false;  // every migration in turn, the ones before it as history
  bool staged = false;  // pending: the migrations as staged in the index (a pre-commit hook)
  bool nothing_deployed = false;  // no version deployed yet: every migration is pending
  std::string format = "text";
  std::optional<std::filesystem::path> output;  // the report in `format`; stdout gets text
  std::string fail_on = "error";                 // the lowest severity that fails the run
  std::vector<std::string> exclude;              // rules turned off for this run
  std::string color = "auto";
};

struct RefsOptions {
  std::optional<std::string> at;
  std::optional<std::filesystem::path> output;
  std::optional<std::filesystem::path> migrations;
  std::optional<std::filesystem::path> config;
};

int check_command(const CheckOptions& options, std::ostream& out);
int refs_command(const RefsOptions& options, std::ostream& out, std::ostream& err);
int rules_command(const std::string& format, std::ostream& out);
int explain_command(const std::string& rule, std::ostream& out);

}  // namespace twostep::cli
