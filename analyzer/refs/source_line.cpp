#include "analyzer/refs/source_line.hpp"

namespace twostep::refs {

std::string source_line(std::string_view content, int line) {
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    std::size_t newline = content.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  std::size_t end = content.find('\n', start);
  std::string_view text = content.substr(start, end == std::string_view::npos ? end : end - start);
  std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t\r");
  std::string out(text.substr(first, last - first + 1));
  if (out.size() > 200) {
    // Cut on a character boundary, not inside a UTF-8 sequence.
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "…";
  }
  return out;
}

}  // namespace twostep::refs
