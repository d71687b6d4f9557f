#include "core/utc_now.h"

#include "gtest/gtest.h"

namespace interdict {
namespace {

TEST(UtcTimeTest, IsoRoundTrip) {
  std::time_t t = 0;
  ASSERT_TRUE(ParseUtcIso("2026-03-01T12:34:56Z", &t));
  EXPECT_EQ(t, 1772368496);
  EXPECT_EQ(UtcIso(t), "2026-03-01T12:34:56Z");
  EXPECT_FALSE(ParseUtcIso("2026-03-01T12:34:56", &t));
  EXPECT_FALSE(ParseUtcIso("2026-03-01T12:34:56Zx", &t));
  EXPECT_FALSE(ParseUtcIso("", &t));
}

TEST(UtcTimeTest, MillisecondsSortAsText) {
  const std::string earlier = UtcMillisAgo(1.5);
  const std::string now = UtcNowMillis();
  ASSERT_EQ(now.size(), std::string("2026-12-07T18:01:02.345Z").size()) << now;
  EXPECT_LT(earlier, now);
  std::time_t t = 0;
  EXPECT_TRUE(ParseUtcIso(now.substr(0, 19) + "Z", &t));
}

}  // namespace
}  // namespace interdict
