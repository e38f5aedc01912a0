#include "analyzer/support/line_index.hpp"

#include <algorithm>

namespace twostep::support {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

int LineIndex::line(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                          starts_.begin());
}

Position LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t line = static_cast<std::size_t>(this->line(offset));  // 1-based
  std::size_t start = starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    // Count code points: every byte that is not a UTF-8 continuation byte starts one.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return Position{static_cast<int>(line), column, offset};
}

std::string_view LineIndex::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
  std::size_t start = starts_[static_cast<std::size_t>(line) - 1];
  std::size_t end = static_cast<std::size_t>(line) < starts_.size()
                        ? starts_[static_cast<std::size_t>(line)] - 1
                        : text_.size();
  std::string_view out = text_.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace twostep::support
