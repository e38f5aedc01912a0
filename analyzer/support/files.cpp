#include "analyzer/support/files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "twostep/error.hpp"

namespace twostep::support {

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base) {
  std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  std::filesystem::path relative = absolute.lexically_relative(base);
  if (relative.empty()) return absolute.generic_string();
  return relative.generic_string();
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fmt::format("{}: cannot read the file", path.generic_string()));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw IoError(fmt::format("{}: cannot read the file", path.generic_string()));
  return content.str();
}

}  // namespace twostep::support
