// Romanisation of one precomposed Hangul syllable (U+AC00-U+D7A3), computed from its jamo.
//
// The style is McCune-Reischauer without diacritics, with the initials the DPRK uses, because the
// Korean names on sanctions lists are overwhelmingly North Korean ("KIM Jong Un", "RI Yong Ho",
// "CHOE Ryong Hae", "PAK Pong Ju"): initial ㄹ is "r" (ICU's Korean-Latin/BGN applies the South
// Korean initial rule and writes 리 as "ni"), initial ㅈ is "j" (BGN: "chong" for 정), aspirated
// ㅋ ㅌ ㅍ ㅊ are "k t p ch" (the aspiration apostrophe is deleted by every pipeline anyway).
// 이 alone is "yi", never the single letter "i" that would look like an initial.
// Syllables are romanised one at a time, so no sound change across syllables is applied: the
// normalizer emits one token per syllable and the matcher joins them.
#pragma once

#include <cstdint>
#include <string>

namespace interdict::normalize_internal {

inline bool IsHangulSyllable(uint32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }

// Appends the romanisation of `cp` (which must satisfy IsHangulSyllable) to `out`.
void RomanizeHangulSyllable(uint32_t cp, std::string* out);

}  // namespace interdict::normalize_internal
