#include "normalize/fold_table.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <string>

namespace interdict::normalize_internal {

bool IsApostropheLike(uint32_t cp) {
  switch (cp) {
    case 0x0027:  // '
    case 0x0060:  // `
    case 0x00B4:  // ´
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′ (prime, typed for an apostrophe)
    case 0x02B9:  // ʹ (soft sign in scholarly Cyrillic romanisation)
    case 0x02BA:  // ʺ (hard sign)
    case 0x02BB:  // ʻ
    case 0x02BC:  // ʼ
    case 0x02BD:  // ʽ
    case 0x02BE:  // ʾ (hamza/alif)
    case 0x02BF:  // ʿ (ayn)
    case 0x02C8:  // ˈ
    case 0xFF07:  // ＇
      return true;
    default:
      return false;
  }
}

CharClass ClassifyOther(uint32_t cp) {
  if (IsApostropheLike(cp)) return CharClass::kDelete;
  if (cp == 0x200C) return CharClass::kSeparator;  // ZWNJ: Persian compound parts are two tokens
  if (cp == 0x0640) return CharClass::kDelete;     // Arabic tatweel (kashida): pure stretching
  // Hebrew geresh/gershayim mark sounds inside names (ג׳ = j); the Hebrew chain reads them.
  if (cp == 0x05F3 || cp == 0x05F4) return CharClass::kContent;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return CharClass::kContent;
    case U_FORMAT_CHAR:  // ZWJ, bidi marks, BOM, Arabic letter mark
      return CharClass::kDelete;
    default:
      return CharClass::kSeparator;
  }
}

namespace {

void Fill(icu::Transliterator& fold, uint32_t cp, FoldEntry* e) {
  *e = FoldEntry{};
  if (IsApostropheLike(cp)) {
    e->cls = CharClass::kDelete;
    return;
  }
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      e->cls = CharClass::kContent;
      e->len = 1;
      e->text[0] = static_cast<char>(cp - 'A' + 'a');
    } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      e->cls = CharClass::kContent;
      e->len = 1;
      e->text[0] = static_cast<char>(cp);
    }
    return;  // everything else in ASCII separates
  }
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  // U+00AD soft hyphen; U+00B7 middle dot, which joins (Catalan "l·l") and which the BGN tables
  // insert to keep two letters from reading as a digraph ("zad·h" for زاده).
  if (type == U_FORMAT_CHAR || cp == 0x00B7) {
    e->cls = CharClass::kDelete;
    return;
  }
  const bool letter_or_digit = type == U_UPPERCASE_LETTER || type == U_LOWERCASE_LETTER ||
                               type == U_TITLECASE_LETTER || type == U_MODIFIER_LETTER ||
                               type == U_OTHER_LETTER || type == U_DECIMAL_DIGIT_NUMBER ||
                               type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
  if (!letter_or_digit) return;  // × ÷ « » ¿ § ...: separators
  icu::UnicodeString u(static_cast<UChar32>(cp));
  fold.transliterate(u);
  std::string out;
  u.toUTF8String(out);
  std::string kept;
  for (char c : out) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) kept.push_back(c);
  }
  // A letter ICU cannot fold (none in these ranges today) and modifier letters such as ʰ that
  // fold to nothing join their word rather than split it.
  e->cls = kept.empty() ? CharClass::kDelete : CharClass::kContent;
  const size_t len = std::min(kept.size(), sizeof(e->text));
  e->len = static_cast<uint8_t>(len);
  kept.copy(e->text, len);
}

}  // namespace

Status FoldTable::Build() {
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr;
  std::unique_ptr<icu::Transliterator> fold(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8("NFKD; [:Mn:] Remove; Latin-ASCII; Lower"), UTRANS_FORWARD, perr,
      status));
  if (U_FAILURE(status) || fold == nullptr) {
    return Status::Internal(std::string("ICU fold transliterator unavailable: ") +
                            u_errorName(status));
  }
  for (uint32_t cp = 0; cp < kLatinEnd; ++cp) Fill(*fold, cp, &latin_[cp]);
  for (uint32_t cp = kExtBegin; cp < kExtEnd; ++cp) Fill(*fold, cp, &ext_[cp - kExtBegin]);
  return Status::Ok();
}

}  // namespace interdict::normalize_internal
