#pragma once
// The text of one line of a source file, as evidence shows it.
#include <string>
#include <string_view>

namespace twostep::refs {

// Line `line` (1-based) of `content`, trimmed, cut at 200 bytes; empty past the end.
std::string source_line(std::string_view content, int line);

}  // namespace twostep::refs
