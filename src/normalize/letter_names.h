// Romanisation of letters that no ICU chain converts (Khmer, Lao, Tibetan, Mongolian, Cherokee,
// Yi, Vai, Tifinagh, Coptic, Javanese, Ol Chiki, ...), read from their Unicode character names:
// a letter's name in these scripts ends in its sound ("KHMER LETTER HA", "CHEROKEE LETTER SE",
// "YI SYLLABLE NZIP", "KHMER VOWEL SIGN AE"). Without it such a name had no Latin token at all,
// and screening refused it as having no letters.
//
// An abugida's consonant carries an inherent vowel that a following vowel sign, virama or
// subjoined letter replaces ("HA" + "VOWEL SIGN U" is "hu"); a consonant's vowel also yields to
// a vowel letter after it ("CHA" + "A" is "cha"). Signs with no sound of their own (tone marks,
// "SIGN TRIISAP") add nothing. The result is rough (a letter's name is not always its sound) but
// stable: the same letters always read the same, so a name meets itself and its respellings in
// the same script, and the same-script comparison (match/name_scorer.h) tells letters apart.
#pragma once

#include <unicode/unistr.h>

#include <string>

namespace interdict::normalize_internal {

// Appends the reading of text[begin, end) (UTF-16 offsets), lower-case a-z, to `out`. Code points
// whose name gives no sound are skipped.
void RomanizeByLetterNames(const icu::UnicodeString& text, int32_t begin, int32_t end,
                           std::string* out);

}  // namespace interdict::normalize_internal
