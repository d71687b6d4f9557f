// The scanner's fast tokenizer: offsets, case flags, and agreement with the name normalizer.
#include "scan/text_tokenizer.h"

#include <gtest/gtest.h>

#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Data;

struct Tok {
  std::string folded;
  uint32_t begin, end;
  uint8_t flags;
};

std::vector<Tok> Tokens(std::string_view text, bool* ok = nullptr, size_t* bad = nullptr) {
  TextTokenizer t(Data::Get().normalizer.get());
  std::vector<Tok> out;
  size_t b = 0;
  bool r = t.ForEach(
      text, 0,
      [&](const TextToken& x) {
        out.push_back({std::string(x.folded), x.begin, x.end, x.flags});
        EXPECT_EQ(x.hash, TextTokenHash(x.folded));
      },
      &b);
  if (ok != nullptr) *ok = r;
  if (bad != nullptr) *bad = b;
  return out;
}

TEST(TextTokenizerTest, AsciiWordsWithOffsetsAndCase) {
  const std::string text = "The EVIN Prison, in Tehran's north: O'Brien 42.";
  std::vector<Tok> t = Tokens(text);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].folded, "the");
  EXPECT_EQ(t[0].flags, kCapitalised);
  EXPECT_EQ(t[1].folded, "evin");
  EXPECT_EQ(t[1].flags, kCapitalised | kAllCaps);
  EXPECT_EQ(text.substr(t[2].begin, t[2].end - t[2].begin), "Prison");
  EXPECT_EQ(t[3].folded, "in");
  EXPECT_EQ(t[3].flags, 0);
  EXPECT_EQ(t[4].folded, "tehrans");  // the apostrophe vanishes, as in list names
  EXPECT_EQ(text.substr(t[4].begin, t[4].end - t[4].begin), "Tehran's");
  EXPECT_TRUE(t[4].flags & kPossessive);
  EXPECT_EQ(t[6].folded, "obrien");
  EXPECT_FALSE(t[6].flags & kPossessive);
  EXPECT_EQ(t[7].folded, "42");
  EXPECT_EQ(t[7].flags, kCaseless);  // digits: no case to require
}

TEST(TextTokenizerTest, TypographicPunctuationStaysOnTheFastPath) {
  // Curly quotes and the right single quote as apostrophe, an en dash, a no-break space.
  const std::string text = "\xE2\x80\x9CIran\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x93 Kim\xC2\xA0Jong";
  std::vector<Tok> t = Tokens(text);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].folded, "irans");
  EXPECT_TRUE(t[0].flags & kPossessive);
  EXPECT_EQ(text.substr(t[0].begin, t[0].end - t[0].begin), "Iran\xE2\x80\x99s");
  EXPECT_EQ(t[1].folded, "kim");
  EXPECT_EQ(t[2].folded, "jong");
}

TEST(TextTokenizerTest, OtherScriptsGoThroughTheNormalizerWithByteOffsets) {
  const std::string text = "Платёж в Тегеран, Téhéran و طهران";
  std::vector<Tok> t = Tokens(text);
  ASSERT_EQ(t.size(), 6u);
  auto src = [&](const Tok& x) { return text.substr(x.begin, x.end - x.begin); };
  EXPECT_EQ(src(t[0]), "Платёж");
  EXPECT_EQ(t[0].flags & (kCapitalised | kTransliterated), kCapitalised | kTransliterated);
  EXPECT_EQ(src(t[2]), "Тегеран");
  EXPECT_EQ(t[2].folded, Data::Get().normalizer->ToLatin("Тегеран"));
  EXPECT_EQ(src(t[3]), "Téhéran");
  EXPECT_EQ(t[3].folded, "teheran");
  EXPECT_FALSE(t[3].flags & kTransliterated);
  EXPECT_EQ(src(t[5]), "طهران");
  EXPECT_TRUE(t[5].flags & kCaseless);
  EXPECT_TRUE(t[5].flags & kTransliterated);
}

TEST(TextTokenizerTest, AgreesWithTheNormalizerOnLatinText) {
  const std::string text =
      "Mohammed al-Zawahiri's O'Neil GmbH & Co. KG, 1st-class Ærø Straße Łódź naïve d'Artagnan";
  std::string ours;
  for (const Tok& t : Tokens(text)) ours += (ours.empty() ? "" : " ") + t.folded;
  EXPECT_EQ(ours, Data::Get().normalizer->ToLatin(text));
}

TEST(TextTokenizerTest, InvalidUtf8IsReportedWithItsOffset) {
  bool ok = true;
  size_t bad = 0;
  std::vector<Tok> t = Tokens("Evin Prison \xC3( Tehran", &ok, &bad);
  EXPECT_FALSE(ok);
  EXPECT_EQ(bad, 12u);
  ok = true;
  Tokens("caf\xC3\xA9 \xED\xA0\x80", &ok, &bad);  // an encoded surrogate
  EXPECT_FALSE(ok);
  EXPECT_EQ(bad, 6u);
}

TEST(TextTokenizerTest, CaseFlags) {
  EXPECT_EQ(CaseFlags("Tehran"), kCapitalised);
  EXPECT_EQ(CaseFlags("TEHRAN"), kCapitalised | kAllCaps);
  EXPECT_EQ(CaseFlags("tehran"), 0);
  EXPECT_EQ(CaseFlags("Тегеран"), kCapitalised);
  EXPECT_EQ(CaseFlags("طهران"), kCaseless);
  EXPECT_EQ(CaseFlags("39"), kCaseless);
  EXPECT_TRUE(IsPossessive("IRAN'S", "irans"));
  EXPECT_TRUE(IsPossessive("Iran\xE2\x80\x99s", "irans"));
  EXPECT_FALSE(IsPossessive("Iris", "iris"));
}

}  // namespace
}  // namespace interdict
