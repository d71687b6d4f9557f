// What the endpoints share for bounding a response: the match cap, the byte cap, the deadline's
// error.
#include "server/endpoints.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(MatchCapTest, QueriesTimesLimitIsCapped) {
  EXPECT_FALSE(MatchCapError(100, 100, "'queries' × 'limit'").has_value());
  EXPECT_FALSE(MatchCapError(1, 10'000, "x").has_value());
  std::optional<HttpResponse> r = MatchCapError(100, 101, "'queries' × 'limit'");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  json j = json::parse(r->body);
  EXPECT_EQ(j["error"]["code"], "batch_too_large");
  EXPECT_EQ(j["error"]["message"],
            "'queries' × 'limit' asks for up to 100 × 101 = 10100 matches; at most 10000 per "
            "request: send fewer queries or a lower limit");
  // No limit counts as the cap itself: one query may, two may not.
  EXPECT_FALSE(MatchCapError(1, 0, "x").has_value());
  ASSERT_TRUE(MatchCapError(2, 0, "x").has_value());
  // Products beyond size_t do not wrap into a pass.
  EXPECT_TRUE(MatchCapError(SIZE_MAX, SIZE_MAX, "x").has_value());
}

TEST(ResponseCapTest, ABodyOverTheCapIsRefused) {
  HttpResponse small = CappedJsonResponse({{"a", std::string(1000, 'x')}});
  EXPECT_EQ(small.status, 200);
  HttpResponse big = CappedJsonResponse({{"a", std::string(kMaxResponseBytes, 'x')}});
  EXPECT_EQ(big.status, 400);
  json j = json::parse(big.body);
  EXPECT_EQ(j["error"]["code"], "response_too_large");
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("at most 8388608"));
}

TEST(StatusResponseTest, DeadlineIs503WithRetryAfter) {
  HttpResponse r =
      StatusResponse(Status::DeadlineExceeded("screening did not finish in time"), "r1");
  EXPECT_EQ(r.status, 503);
  json j = json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "deadline_exceeded");
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("did not finish in time"));
  bool retry = false;
  for (const auto& [k, v] : r.headers) retry |= k == "retry-after";
  EXPECT_TRUE(retry);
}

}  // namespace
}  // namespace interdict::server
