#pragma once
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/check/prepare.hpp"
#include "analyzer/check/release_manifest.hpp"

namespace twostep::cli {

// The whole program: parses the command line, runs the command, returns the exit code
// (0 nothing at error severity, 1 findings at error severity, 2 the tool could not do its job).
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

struct CheckOptions {
  check::Request request;
  std::string format = "text";
  std::optional<std::filesystem::path> output;  // the report in `format`; stdout gets text
  std::string fail_on = "error";                // the lowest severity that fails the run
  std::string color = "auto";
};

struct RefsOptions {
  check::ReleaseRequest request;
  std::optional<std::filesystem::path> output;  // the manifest's file; stdout when absent
};

int check_command(const CheckOptions& options, std::ostream& out);
int refs_command(const RefsOptions& options, std::ostream& out, std::ostream& err);
int rules_command(const std::string& format, std::ostream& out);
int explain_command(const std::string& rule, std::ostream& out);

}  // namespace twostep::cli
