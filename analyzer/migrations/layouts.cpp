#include <algorithm>
#include <cctype>

#include "analyzer/migrations/layouts.hpp"
#include "analyzer/support/text.hpp"

namespace twostep::migrations {

void sort_in_order(std::vector<Migration>& migrations) {
  std::sort(migrations.begin(), migrations.end(), [](const Migration& a, const Migration& b) {
    return migration_before(a.file, b.file);
  });
}

bool substitute_placeholders(
    std::string& text, std::size_t begin, std::size_t end,
    const std::function<std::optional<std::string>(const std::string& name)>& value) {
  end = std::min(end, text.size());
  auto identifier_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  // The placeholder at `at`, if it is one: the position after its `}`.
  auto placeholder_end = [&](std::size_t at) -> std::size_t {
    if (text.compare(at, 2, "${") != 0) return std::string::npos;
    std::size_t close = text.find_first_of("}\n", at + 2);
    return close == std::string::npos || close >= end || text[close] != '}' ? std::string::npos
                                                                            : close + 1;
  };
  bool changed = false;
  std::size_t at = begin;
  while ((at = text.find("${", at)) != std::string::npos && at < end) {
    if (placeholder_end(at) == std::string::npos) {
      at += 2;
      continue;
    }
    // The placeholder and what stands right after it in the same word (`${prefix}_orders`,
    // `${a}${b}`): their replacements are written together and the padding goes after the
    // word, so that `app_orders` stays one identifier.
    std::string replacement;
    std::size_t stop = at;
    while (stop < end) {
      std::size_t after = placeholder_end(stop);
      if (after != std::string::npos) {
        std::string name = text.substr(stop + 2, after - stop - 3);
        std::optional<std::string> known = value(name);
        if (known && known->size() <= after - stop && known->find('\n') == std::string::npos) {
          replacement += *known;
        } else {
          // The name as an identifier: letters, digits and `_`, not starting with a digit.
          if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) replacement += '_';
          for (char c : name) replacement += identifier_char(c) ? c : '_';
        }
        stop = after;
      } else if (identifier_char(text[stop])) {
        replacement += text[stop++];
      } else {
        break;
      }
    }
    replacement.resize(stop - at, ' ');
    text.replace(at, stop - at, replacement);
    changed = true;
    at = stop;
  }
  return changed;
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
    // goose and dbmate take a marker only at the start of a line: an indented one is a comment.
    std::string_view line = std::string_view(text).substr(start, end - start);
    std::string words = line.starts_with("--") ? comment_words(line) : std::string();
    bool is_up = !words.empty() && words.rfind(up, 0) == 0;
    bool is_down = !words.empty() && words.rfind(down, 0) == 0;
    if (is_up) {
      inside = true;
      found = true;
    } else if (is_down) {
      inside = false;
    }
    if (!inside || is_up) support::blank(text, start, end);
    start = end + 1;
  }
  return found;
}

}  // namespace twostep::migrations
