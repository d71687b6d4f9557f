#include "match/abjad_spelling.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

// The romanised abjad words below are what the BGN chains make of the Arabic-script names
// (normalize/transliterator.h), e.g. "syfy" for سيفي and "mamr" for معمر.

TEST(AbjadSpellingTest, LongVowelsMeetLatinVowels) {
  EXPECT_EQ(AbjadSpellingAgreement("syfy", "saifi"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("syfy", "sayfi"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("yzyd", "yazid"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("wady", "aouadi"), 4);  // Maghrebi "ou" for waw
  // A long vowel the Latin spelling drops, or writes as a consonant, is no agreement.
  EXPECT_EQ(AbjadSpellingAgreement("syfy", "sufi"), 0);
  EXPECT_EQ(AbjadSpellingAgreement("syfy", "safi"), 0);
  EXPECT_EQ(AbjadSpellingAgreement("yzyd", "yazd"), 0);
}

TEST(AbjadSpellingTest, AynIsAVowelSlot) {
  EXPECT_EQ(AbjadSpellingAgreement("mamr", "muammar"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("mamr", "muamar"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("mamr", "mamoun"), 0);
}

TEST(AbjadSpellingTest, ConsonantsMustAllAgree) {
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamid"), 3);
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamed"), 3);
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamad"), 3);
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamza"), 0);
  // A vowel before the first letter is free (a dropped initial ayn or hamza: Omar for عمر), so
  // three letters say little: the scorer counts four or more.
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "ahmad"), 3);
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamida"), 3);  // a final short vowel
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamidi"), 0);  // a final i is the nisba's yeh
  EXPECT_EQ(AbjadSpellingAgreement("jwad", "djouadi"), 0);
  EXPECT_EQ(AbjadSpellingAgreement("jwady", "djouadi"), 5);
  EXPECT_EQ(AbjadSpellingAgreement("hmd", "hamdan"), 0);
}

TEST(AbjadSpellingTest, TaMarbutaAndFinalHeh) {
  EXPECT_EQ(AbjadSpellingAgreement("shhath", "shihata"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("zynyh", "zayniyah"), 5);
  EXPECT_EQ(AbjadSpellingAgreement("zynyh", "zeiniye"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("fatmh", "fatima"), 4);
  EXPECT_EQ(AbjadSpellingAgreement("fatmh", "fatimah"), 5);  // the final h written
  EXPECT_EQ(AbjadSpellingAgreement("mrwh", "marwat"), 4);    // ta marbuta as "-at"
  EXPECT_EQ(AbjadSpellingAgreement("mrwh", "marwa"), 3);
}

TEST(AbjadSpellingTest, SunLetterAssimilation) {
  // ال + سعدي joined: as-Saadi written as one word.
  EXPECT_EQ(AbjadSpellingAgreement("alsady", "essaadi"), 5);
  EXPECT_EQ(AbjadSpellingAgreement("alsady", "assaadi"), 5);
  EXPECT_EQ(AbjadSpellingAgreement("nwraldyn", "noureddine"), 7);
  EXPECT_EQ(AbjadSpellingAgreement("nwraldyn", "nuruddin"), 7);
  // The l stays before a moon letter, and assimilates only into a doubled letter.
  EXPECT_EQ(AbjadSpellingAgreement("alqady", "aqqadi"), 0);
  EXPECT_EQ(AbjadSpellingAgreement("alsady", "esadi"), 0);
}

TEST(AbjadSpellingTest, MaghrebiAndPersianSpellings) {
  EXPECT_EQ(AbjadSpellingAgreement("bwshnb", "bouchenab"), 5);  // ou for waw, ch for shin
  EXPECT_EQ(AbjadSpellingAgreement("jmal", "djamel"), 4);       // dj, and e for alef
  EXPECT_EQ(AbjadSpellingAgreement("blqasm", "belkacem"), 6);
  EXPECT_EQ(AbjadSpellingAgreement("pwr", "pour"), 3);        // Persian pe
  EXPECT_EQ(AbjadSpellingAgreement("chmran", "chamran"), 5);  // Persian che
}

TEST(AbjadSpellingTest, EmptyAndOverlongGetNothing) {
  EXPECT_EQ(AbjadSpellingAgreement("", "a"), 0);
  EXPECT_EQ(AbjadSpellingAgreement("mr", ""), 0);
  EXPECT_EQ(AbjadSpellingAgreement(std::string(25, 'm'), std::string(25, 'm')), 0);
}

}  // namespace
}  // namespace interdict
