#pragma once
// The tool's own failures: thrown, caught only in main, printed as one line, exit code 2.
// Anything about the user's migrations is a Diagnostic instead.
#include <stdexcept>
#include <string>

namespace twostep {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad command line (unknown flag, missing value, unknown rule given to `explain`).
class UsageError : public Error {
 public:
  using Error::Error;
};

// twostep.toml that does not parse or holds an unknown key, rule id or value.
class ConfigError : public Error {
 public:
  using Error::Error;
};

// A file or folder that cannot be read.
class IoError : public Error {
 public:
  using Error::Error;
};

// A git repository, ref or object that cannot be read.
class GitError : public Error {
 public:
  using Error::Error;
};

}  // namespace twostep
