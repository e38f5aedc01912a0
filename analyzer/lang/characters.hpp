#pragma once
// Characters as the source languages twostep reads classify them.

namespace twostep::lang {

// Identifiers of the languages the providers read: ASCII letters, digits and `_`, and any byte
// of a multi-byte UTF-8 sequence; not starting with a digit.
inline bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

inline bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

}  // namespace twostep::lang
