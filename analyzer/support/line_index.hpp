#pragma once
#include <string_view>
#include <vector>

#include "twostep/diagnostic.hpp"

namespace twostep::support {

// Line starts of one text, to turn byte offsets into 1-based lines and code-point columns.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Position position(std::size_t offset) const;
  int line(std::size_t offset) const;  // 1-based; the line alone, without walking to the column
  std::string_view line_text(int line) const;  // without its line break

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

}  // namespace twostep::support
