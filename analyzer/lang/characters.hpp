#pragma once
// Characters as the source languages twostep reads classify them.

namespace twostep::lang {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Identifiers of the languages twostep reads: ASCII letters, digits and `_`, and any byte of a
// multi-byte UTF-8 sequence; not starting with a digit.
inline bool is_identifier_start(char c) {
  return is_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
inline bool is_identifier_char(char c) {
  return is_identifier_start(c) || is_digit(c);
}

inline bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_space(char c) {
  return is_blank(c) || c == '\n';
}
inline char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace twostep::lang
