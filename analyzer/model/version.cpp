#include "twostep/version.hpp"

#include <stdexcept>

namespace twostep {

PgVersion PgVersion::parse(const std::string& text) {
  auto number = [&](std::size_t begin, std::size_t end) {
    if (begin >= end || end - begin > 4) throw std::invalid_argument("not a version: " + text);
    int value = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (text[i] < '0' || text[i] > '9') throw std::invalid_argument("not a version: " + text);
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  std::size_t dot = text.find('.');
  PgVersion version;
  version.major = number(0, dot == std::string::npos ? text.size() : dot);
  version.minor = dot == std::string::npos ? 0 : number(dot + 1, text.size());
  if (version.major < 9 || version.major > 99) {
    throw std::invalid_argument("not a PostgreSQL version: " + text);
  }
  return version;
}

std::string PgVersion::display() const {
  return minor == 0 ? std::to_string(major) : std::to_string(major) + "." + std::to_string(minor);
}

}  // namespace twostep
