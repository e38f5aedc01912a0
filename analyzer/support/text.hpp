#pragma once
// Editing text in place without moving any position: what every reader that hides part of a file
// (a layout's down section, a query the SQL provider understood, a comment) does.
#include <cstddef>
#include <string>

namespace twostep::support {

// Blanks `text[begin, end)` but its line breaks, keeping every position.
void blank(std::string& text, std::size_t begin, std::size_t end);

}  // namespace twostep::support
