#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace interdict {
namespace {

TEST(TrimTest, RemovesAsciiWhiteSpaceAtBothEndsOnly) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim("\n\tx"), "x");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\r\n "), "");
  EXPECT_EQ(Trim("-0- "), "-0-");
  // A no-break space is not ASCII white space.
  EXPECT_EQ(Trim("\u00a0x\u00a0"), "\u00a0x\u00a0");
}

TEST(SplitViewTest, KeepsEmptyPieces) {
  EXPECT_EQ(SplitView("a|b", '|'), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(SplitView("a||b|", '|'), (std::vector<std::string_view>{"a", "", "b", ""}));
  EXPECT_EQ(SplitView("", '|'), (std::vector<std::string_view>{""}));
  EXPECT_EQ(SplitView("|", '|'), (std::vector<std::string_view>{"", ""}));
  EXPECT_EQ(SplitView("abc", '\t'), (std::vector<std::string_view>{"abc"}));
}

TEST(IsAsciiUpperTest, OnlyNonEmptyRunsOfAToZ) {
  EXPECT_TRUE(IsAsciiUpper("IR"));
  EXPECT_TRUE(IsAsciiUpper("Z"));
  EXPECT_FALSE(IsAsciiUpper(""));
  EXPECT_FALSE(IsAsciiUpper("Ir"));
  EXPECT_FALSE(IsAsciiUpper("I1"));
  EXPECT_FALSE(IsAsciiUpper("I R"));
  EXPECT_FALSE(IsAsciiUpper("\xc3\x89"));  // "É"
  EXPECT_FALSE(IsAsciiUpper("@["));        // the bytes just outside 'A'..'Z'
}

TEST(AsciiLowerTest, LowersAsciiLettersAndKeepsOtherBytes) {
  EXPECT_EQ(AsciiLower("Korea, NORTH 1"), "korea, north 1");
  EXPECT_EQ(AsciiLower("\xc3\x89TAT"), "\xc3\x89tat");  // "ÉTAT": the É stays
  EXPECT_EQ(AsciiLower("@[`{"), "@[`{");
  EXPECT_EQ(AsciiLower(""), "");
}

TEST(AffixTest, StartsWithAndEndsWith) {
  EXPECT_TRUE(StartsWith("Region: Gaza", "Region: "));
  EXPECT_TRUE(StartsWith("abc", ""));
  EXPECT_TRUE(StartsWith("abc", "abc"));
  EXPECT_FALSE(StartsWith("ab", "abc"));
  EXPECT_FALSE(StartsWith("abc", "b"));
  EXPECT_TRUE(EndsWith("sdn.csv", ".csv"));
  EXPECT_TRUE(EndsWith("abc", ""));
  EXPECT_FALSE(EndsWith("bc", "abc"));
  EXPECT_FALSE(EndsWith("abc", "b"));
}

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII \x7f"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("nul\0inside", 10)));
  EXPECT_TRUE(IsValidUtf8("\xc2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(IsValidUtf8("C\xc3\xb4te"));       // "Côte"
  EXPECT_TRUE(IsValidUtf8("\xdf\xbf"));          // U+07FF, largest 2-byte
  EXPECT_TRUE(IsValidUtf8("\xe0\xa0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac"));      // U+20AC euro
  EXPECT_TRUE(IsValidUtf8("\xed\x9f\xbf"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xee\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xef\xbf\xbd"));      // U+FFFD
  EXPECT_TRUE(IsValidUtf8("\xf0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xd8\xa5\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86"));  // "إيران"
}

struct Bad {
  std::string text;
  size_t offset;  // of the first invalid sequence
  const char* what;
};

TEST(IsValidUtf8Test, RejectsMalformedSequencesAtTheirOffset) {
  const Bad cases[] = {
      {"\xc0\xaf", 0, "overlong 2-byte '/'"},
      {"\xc1\xbf", 0, "overlong 2-byte U+007F"},
      {"ab\xe0\x80\xaf", 2, "overlong 3-byte"},
      {"\xe0\x9f\xbf", 0, "overlong 3-byte U+07FF"},
      {"\xf0\x80\x80\xaf", 0, "overlong 4-byte"},
      {"\xf0\x8f\xbf\xbf", 0, "overlong 4-byte U+FFFF"},
      {"x\xed\xa0\x80", 1, "high surrogate U+D800"},
      {"\xed\xbf\xbf", 0, "low surrogate U+DFFF"},
      {"\xed\xa0\xbd\xed\xb8\x80", 0, "CESU-8 surrogate pair"},
      {"\xf4\x90\x80\x80", 0, "U+110000"},
      {"\xf7\xbf\xbf\xbf", 0, "U+1FFFFF"},
      {"\xf8\x88\x80\x80\x80", 0, "5-byte lead"},
      {"\xfc\x84\x80\x80\x80\x80", 0, "6-byte lead"},
      {"\xfe", 0, "0xFE"},
      {"\xff", 0, "0xFF"},
      {"\x80", 0, "lone continuation byte"},
      {"abc\xbf", 3, "lone continuation byte after ASCII"},
      {"\xc3", 0, "truncated 2-byte at end"},
      {"ok\xe2\x82", 2, "truncated 3-byte at end"},
      {"\xf0\x9f\x98", 0, "truncated 4-byte at end"},
      {"\xe2\x82"
       "A",
       0, "3-byte cut by ASCII"},
      {"\xc3\xb4\xc3(", 2, "2-byte cut by ASCII after a valid one"},
      {"\xf0\x9f\x98\xc3\xa9", 0, "4-byte cut by a new lead byte"},
  };
  for (const Bad& c : cases) {
    size_t offset = 12345;
    EXPECT_FALSE(IsValidUtf8(c.text, &offset)) << c.what;
    EXPECT_EQ(offset, c.offset) << c.what;
    EXPECT_FALSE(IsValidUtf8(c.text)) << c.what;  // the offset is optional
  }
}

TEST(IsValidUtf8Test, Latin1BytesAreNotUtf8) {
  // "Côte" as Latin-1: 0xF4 starts a 4-byte sequence that 't' breaks.
  size_t offset = 0;
  EXPECT_FALSE(IsValidUtf8("C\xf4te", &offset));
  EXPECT_EQ(offset, 1u);
}

}  // namespace
}  // namespace interdict
