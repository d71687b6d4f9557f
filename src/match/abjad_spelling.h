// AbjadSpellingAgreement: how far a Latin spelling agrees, letter by letter, with a word written
// in an abjad (Arabic script) and romanised unvowelled by BGN ("syfy" for سيفي).
//
// The romanisation writes every consonant and the long vowels (ا "a", و "w", ي "y"; an ayn inside
// a word is a vowel slot, "a": معمر -> "mamr") but no short vowel. A Latin spelling of the same
// name ("Saifi", "Sayfi") writes the same consonants in order, a vowel (or the glide) where the
// abjad has a long vowel, and short vowels anywhere. The consonant skeleton alone ("sf") forgets
// the long vowels, so a two-consonant name meets too many others to count for much; agreement
// on every letter is real evidence even for a short name.
//
// Freedoms a Latin spelling takes, each seen on the sanctions lists:
//   - short vowels anywhere but a final i or y (that is the nisba's yeh: Javadi is not جواد), and
//     a doubled consonant for a single one (shadda: Muammar, Hassan);
//   - the long vowels as any vowel for alef (Abdelkader, Omar), u o ou oo w v for waw (French
//     Aouadi, Persian v), i e y ee ei for yeh (Zeiniye);
//   - a final heh or ta marbuta as a, ah, at, e or nothing (Shihata, Zayniyah, Izzat);
//   - the article's l assimilated to a following sun letter, which is then doubled (as-Saadi,
//     Essaadi, Nureddine);
//   - the usual consonant respellings: sh/ch/sch, kh/h/ch, j/dj/g/zh, th/t/s, dh/d/z, q/k/g/c,
//     gh/g, z/s, f/ph/v, p/b (Persian pe), ch/tch (Persian che).
#pragma once

#include <string_view>

namespace interdict {

// The number of letters of `abjad` (a digraph such as "sh" counts once) that `latin` spells, when
// `latin` spells all of it under the freedoms above; 0 when it does not. Both are folded a-z.
// Words longer than 24 letters get 0 (the alignment costs the product of the lengths).
int AbjadSpellingAgreement(std::string_view abjad, std::string_view latin);

}  // namespace interdict
