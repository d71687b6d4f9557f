// Small byte-level string helpers shared by every stage. UTF-8 aware only where stated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

// Without leading and trailing ASCII white space.
std::string_view Trim(std::string_view s);
// Pieces between separators; empty pieces kept.
std::vector<std::string_view> SplitView(std::string_view s, char sep);
bool IsAsciiUpper(std::string_view s);  // non-empty and only 'A'..'Z'
std::string AsciiLower(std::string_view s);
// The set of byte values in s, folded onto 64 bits (bit byte & 63): see ByteSetsAllow().
uint64_t ByteSet(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// An identifier value in the form identifiers compare in: upper-case ASCII letters and digits
// only ("p-229 856" -> "P229856").
std::string CanonicalIdentifier(std::string_view value);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
// On false, *bad_offset (if given) is the byte offset of the first invalid sequence.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

}  // namespace interdict
