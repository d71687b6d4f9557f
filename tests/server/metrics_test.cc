#include "server/metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CountsByRouteAndStatusWithCumulativeBuckets) {
  Metrics m;
  m.Observe("POST /v1/screen", 200, 0.0004);
  m.Observe("POST /v1/screen", 200, 0.003);
  m.Observe("POST /v1/screen", 400, 0.00005);
  m.Observe("GET /healthz", 200, 20.0);  // beyond the last bucket: only +Inf
  EXPECT_EQ(m.total(), 4u);
  std::string out;
  m.Render(&out);
  EXPECT_THAT(out, HasSubstr("# TYPE interdict_http_requests_total counter\n"));
  EXPECT_THAT(
      out,
      HasSubstr("interdict_http_requests_total{route=\"POST /v1/screen\",status=\"200\"} 2\n"));
  EXPECT_THAT(
      out,
      HasSubstr("interdict_http_requests_total{route=\"POST /v1/screen\",status=\"400\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"POST "
                             "/v1/screen\",le=\"0.0001\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"POST "
                             "/v1/screen\",le=\"0.0005\"} 2\n"));
  EXPECT_THAT(out, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"POST "
                             "/v1/screen\",le=\"0.0025\"} 2\n"));
  EXPECT_THAT(out, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"POST "
                             "/v1/screen\",le=\"0.005\"} 3\n"));
  EXPECT_THAT(
      out,
      HasSubstr("interdict_http_request_duration_seconds_count{route=\"POST /v1/screen\"} 3\n"));
  EXPECT_THAT(
      out,
      HasSubstr(
          "interdict_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"10\"} 0\n"));
  EXPECT_THAT(out, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"GET "
                             "/healthz\",le=\"+Inf\"} 1\n"));
  EXPECT_THAT(
      out, HasSubstr("interdict_http_request_duration_seconds_sum{route=\"GET /healthz\"} 20\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  std::string out;
  Metrics::AppendSample(&out, "x", {{"source", "a\"b\\c\nd"}}, 1.5);
  EXPECT_EQ(out, "x{source=\"a\\\"b\\\\c\\nd\"} 1.5\n");
  out.clear();
  Metrics::AppendSample(&out, "y", {}, 3);
  EXPECT_EQ(out, "y 3\n");
}

}  // namespace
}  // namespace interdict::server
