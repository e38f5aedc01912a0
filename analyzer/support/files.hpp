#pragma once
// Reading files and naming them the way every report shows them.
#include <filesystem>
#include <string>

namespace twostep::support {

// Where display paths are relative to: the repository root inside git, else the current folder.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

// A file's bytes; throws IoError naming the file when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace twostep::support
