#pragma once
#include <string>

namespace twostep {

// The PostgreSQL version the migrations run on (config `postgres-version`).
struct PgVersion {
  int major = 15;
  int minor = 0;

  // "15", "14.3"; throws std::invalid_argument on anything else.
  static PgVersion parse(const std::string& text);
  std::string display() const;
};

}  // namespace twostep
