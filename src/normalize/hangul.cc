#include "normalize/hangul.h"

namespace interdict::normalize_internal {

namespace {

// Indexed by jamo number within the syllable (Unicode's L/V/T order).
constexpr const char* kInitials[19] = {"k",  "kk", "n", "t",  "tt", "r", "m", "p", "pp", "s",
                                       "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kVowels[21] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                     "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                     "wo", "we", "wi", "yu",  "u",  "ui", "i"};
constexpr const char* kFinals[28] = {"",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                     "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                     "t", "ng", "t", "t", "k", "t", "p", "t"};

}  // namespace

void RomanizeHangulSyllable(uint32_t cp, std::string* out) {
  const uint32_t index = cp - 0xAC00;
  const uint32_t initial = index / (21 * 28);
  const uint32_t vowel = (index / 28) % 21;
  const uint32_t final = index % 28;
  if (initial == 11 && vowel == 20 && final == 0) {  // 이
    *out += "yi";
    return;
  }
  *out += kInitials[initial];
  *out += kVowels[vowel];
  *out += kFinals[final];
}

}  // namespace interdict::normalize_internal
