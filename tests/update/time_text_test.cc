#include "update/time_text.h"

#include "gtest/gtest.h"

namespace interdict {
namespace {

TEST(TimeTextTest, FormatAge) {
  EXPECT_EQ(FormatAge(0), "0s");
  EXPECT_EQ(FormatAge(45), "45s");
  EXPECT_EQ(FormatAge(60), "1m");
  EXPECT_EQ(FormatAge(725), "12m 5s");
  EXPECT_EQ(FormatAge(3 * 3600 + 20 * 60 + 7), "3h 20m");
  EXPECT_EQ(FormatAge(4 * 86400 + 2 * 3600), "4d 2h");
  EXPECT_EQ(FormatAge(-5), "0s");  // a clock set back does not print a negative age
}

TEST(TimeTextTest, ParseDuration) {
  int64_t s = 0;
  ASSERT_TRUE(ParseDuration("30s", &s));
  EXPECT_EQ(s, 30);
  ASSERT_TRUE(ParseDuration("15m", &s));
  EXPECT_EQ(s, 900);
  ASSERT_TRUE(ParseDuration("6h", &s));
  EXPECT_EQ(s, 21600);
  ASSERT_TRUE(ParseDuration("1d", &s));
  EXPECT_EQ(s, 86400);
  for (const char* bad : {"", "h", "0h", "-1h", "6", "6x", "1.5h", "6 h"})
    EXPECT_FALSE(ParseDuration(bad, &s)) << bad;
}

}  // namespace
}  // namespace interdict
