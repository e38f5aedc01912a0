#pragma once
// Words as the textual references see them: runs of `[A-Za-z0-9_]`. A name that is lower case in
// the schema (unquoted) matches a word in any case; a name with capitals (quoted) matches exactly.
#include <string>
#include <string_view>

namespace twostep::refs {

inline bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

inline bool matches_exactly_only(std::string_view name) {
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// Calls `visit(word)` for every word of `text`, in order.
template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t begin = i;
    while (i < text.size() && is_word_char(text[i])) ++i;
    visit(text.substr(begin, i - begin));
  }
}

// Whether `text` contains `name` as a whole word, by the case rule above.
inline bool contains_word(std::string_view text, std::string_view name) {
  bool exact = matches_exactly_only(name);
  std::string folded_name = exact ? std::string(name) : fold_case(name);
  bool found = false;
  for_each_word(text, [&](std::string_view word) {
    if (!found) found = exact ? word == name : fold_case(word) == folded_name;
  });
  return found;
}

}  // namespace twostep::refs
