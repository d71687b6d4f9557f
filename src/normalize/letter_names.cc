#include "normalize/letter_names.h"

#include <unicode/uchar.h>

#include <string_view>

namespace interdict::normalize_internal {

namespace {

enum class Role {
  kNone,       // no sound: a tone mark, a sign, punctuation
  kLetter,     // a consonant, syllable or vowel letter
  kVowelSign,  // a dependent vowel: replaces the inherent vowel before it
  kKiller,     // a virama: removes the inherent vowel before it
};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The first word from name[at] that is not a qualifier, lower-cased, a-z only.
std::string SoundAfter(std::string_view name, size_t at) {
  static constexpr std::string_view kQualifiers[] = {
      "CAPITAL ", "SMALL ", "FINAL ", "MEDIAL ", "INITIAL ", "ISOLATED ", "SUBJOINED ", "LETTER "};
  for (bool skipped = true; skipped;) {
    skipped = false;
    for (std::string_view q : kQualifiers) {
      if (name.substr(at, q.size()) == q) {
        at += q.size();
        skipped = true;
      }
    }
  }
  std::string out;
  for (; at < name.size() && name[at] != ' ' && name[at] != '-'; ++at) {
    const char c = name[at];
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
  }
  return out;
}

Role RoleOf(UChar32 c, std::string* sound) {
  char buf[128];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t len = u_charName(c, U_UNICODE_CHAR_NAME, buf, sizeof(buf), &status);
  if (U_FAILURE(status) || len <= 0 || len >= static_cast<int32_t>(sizeof(buf))) return Role::kNone;
  const std::string_view name(buf, static_cast<size_t>(len));
  for (std::string_view killer : {"VIRAMA", "COENG", "ASAT", "HALANTA", "KILLER"}) {
    if (name.find(killer) != std::string_view::npos) return Role::kKiller;
  }
  if (size_t p = name.find(" VOWEL SIGN "); p != std::string_view::npos) {
    *sound = SoundAfter(name, p + 12);
    return sound->empty() ? Role::kNone : Role::kVowelSign;
  }
  for (std::string_view key : {" LETTER ", " SYLLABLE ", " SYLLABICS ", " VOWEL "}) {
    if (size_t p = name.find(key); p != std::string_view::npos) {
      *sound = SoundAfter(name, p + key.size());
      if (sound->empty()) return Role::kNone;
      // A subjoined letter is the second of a stack: the one above it has no vowel of its own.
      return name.find("SUBJOINED") != std::string_view::npos ? Role::kVowelSign : Role::kLetter;
    }
  }
  return Role::kNone;
}

}  // namespace

void RomanizeByLetterNames(const icu::UnicodeString& text, int32_t begin, int32_t end,
                           std::string* out) {
  // The last letter's reading in `out` starts at `last`; npos when no letter may lose its vowel.
  size_t last = std::string::npos;
  auto drop_inherent_vowel = [&]() {
    if (last == std::string::npos) return;
    size_t e = out->size();
    while (e > last + 1 && IsVowel((*out)[e - 1])) --e;  // a letter keeps one letter at least
    if (e > last && !IsVowel((*out)[last])) out->resize(e);
  };
  std::string sound;
  for (int32_t i = begin; i < end;) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    sound.clear();
    switch (RoleOf(c, &sound)) {
      case Role::kNone:
        break;
      case Role::kKiller:
        drop_inherent_vowel();
        last = std::string::npos;
        break;
      case Role::kVowelSign:
        drop_inherent_vowel();
        last = out->size();
        *out += sound;
        if (IsVowel(sound[0])) last = std::string::npos;
        break;
      case Role::kLetter:
        if (IsVowel(sound[0])) drop_inherent_vowel();
        last = IsVowel(sound[0]) ? std::string::npos : out->size();
        *out += sound;
        break;
    }
  }
}

}  // namespace interdict::normalize_internal
