#include <algorithm>
#include <cctype>

#include "analyzer/migrations/layouts.hpp"

namespace twostep::migrations {

void substitute_placeholders(
    std::string& text, std::size_t begin, std::size_t end,
    const std::function<std::optional<std::string>(const std::string& name)>& value) {
  end = std::min(end, text.size());
  std::size_t at = begin;
  while ((at = text.find("${", at)) != std::string::npos && at < end) {
    std::size_t close = text.find_first_of("}\n", at + 2);
    if (close == std::string::npos || close >= end || text[close] != '}') {
      at += 2;
      continue;
    }
    std::size_t width = close + 1 - at;
    std::string name = text.substr(at + 2, close - at - 2);
    std::optional<std::string> known = value(name);
    std::string replacement;
    if (known && known->size() <= width && known->find('\n') == std::string::npos) {
      replacement = *known;
    } else {
      // The name as an identifier: letters, digits and `_`, not starting with a digit.
      if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) replacement += '_';
      for (char c : name) {
        replacement += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      }
    }
    replacement.resize(width, ' ');
    text.replace(at, width, replacement);
    at = close + 1;
  }
}

std::string comment_words(std::string_view line) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos || line.substr(at, 2) != "--") return {};
  std::string out;
  bool space = false;
  for (char c : line.substr(at + 2)) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string file_name(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folder_name(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {};
  std::size_t before = path.rfind('/', slash - 1);
  return path.substr(before == std::string::npos ? 0 : before + 1,
                     slash - (before == std::string::npos ? 0 : before + 1));
}

bool starts_with_digit(std::string_view text) {
  return !text.empty() && text[0] >= '0' && text[0] <= '9';
}

std::string leading_version(std::string_view name) {
  std::size_t end = 0;
  while (end < name.size() && (std::isdigit(static_cast<unsigned char>(name[end])) ||
                               name[end] == '_' || name[end] == '-' || name[end] == '.')) {
    ++end;
  }
  while (end > 0 && !std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
  return std::string(name.substr(0, end));
}

bool keep_section(std::string& text, std::string_view up, std::string_view down) {
  bool inside = false;
  bool found = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string words = comment_words(std::string_view(text).substr(start, end - start));
    bool is_up = !words.empty() && words.rfind(up, 0) == 0;
    bool is_down = !words.empty() && words.rfind(down, 0) == 0;
    if (is_up) {
      inside = true;
      found = true;
    } else if (is_down) {
      inside = false;
    }
    if (!inside || is_up) blank(text, start, end);
    start = end + 1;
  }
  return found;
}

}  // namespace twostep::migrations
