#include "server/http_types.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/http_server.h"

namespace interdict::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

TEST(ParseTargetTest, SplitsAndDecodesPathAndQuery) {
  Target t;
  ASSERT_TRUE(
      ParseTarget("/v2/search?name=Evin+Prison&altNames=A%26B&altNames=%C3%A9&flag", &t).ok());
  EXPECT_EQ(t.path, "/v2/search");
  EXPECT_THAT(t.query, ElementsAre(Pair("name", "Evin Prison"), Pair("altNames", "A&B"),
                                   Pair("altNames", "\xC3\xA9"), Pair("flag", "")));
}

TEST(ParseTargetTest, PathKeepsPlusAndDecodesColon) {
  Target t;
  ASSERT_TRUE(ParseTarget("/entities/us-ofac-sdn%3A24586+x", &t).ok());
  EXPECT_EQ(t.path, "/entities/us-ofac-sdn:24586+x");
  EXPECT_TRUE(t.query.empty());
}

TEST(ParseTargetTest, SegmentsAreDecodedOneByOne) {
  Target t;
  ASSERT_TRUE(ParseTarget("/v1/customers/A%2F7%20b/x?y=1", &t).ok());
  EXPECT_EQ(t.path, "/v1/customers/A/7 b/x");
  EXPECT_THAT(t.segments, ElementsAre("v1", "customers", "A/7 b", "x"));
  ASSERT_TRUE(ParseTarget("/", &t).ok());
  EXPECT_THAT(t.segments, ElementsAre(""));
  ASSERT_TRUE(ParseTarget("/a/", &t).ok());
  EXPECT_THAT(t.segments, ElementsAre("a", ""));
}

TEST(ParseTargetTest, RefusesMalformedTargets) {
  Target t;
  EXPECT_THAT(ParseTarget("http://example.com/", &t).message(), HasSubstr("starting with '/'"));
  EXPECT_THAT(ParseTarget("", &t).message(), HasSubstr("starting with '/'"));
  EXPECT_THAT(ParseTarget("/a?x=%4", &t).message(), HasSubstr("percent-escape"));
  EXPECT_THAT(ParseTarget("/a?x=%zz", &t).message(), HasSubstr("percent-escape"));
  EXPECT_THAT(ParseTarget("/a%", &t).message(), HasSubstr("percent-escape"));
  EXPECT_THAT(ParseTarget("/a?x=%00", &t).message(), HasSubstr("NUL"));
  EXPECT_THAT(ParseTarget("/a?x=%C3%28", &t).message(), HasSubstr("UTF-8"));
  EXPECT_THAT(ParseTarget("/%FF", &t).message(), HasSubstr("UTF-8"));
}

TEST(ErrorResponseTest, HasTheStableShape) {
  HttpResponse r = ErrorResponse(404, "not_found", "no such thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j, (nlohmann::json{{"error", {{"code", "not_found"}, {"message", "no such thing"}}}}));
}

TEST(DumpJsonTest, ReplacesInvalidUtf8InsteadOfThrowing) {
  nlohmann::json j = {{"k", std::string("a\xFF"
                                        "b")}};
  EXPECT_EQ(DumpJson(j),
            "{\"k\":\"a\xEF\xBF\xBD"
            "b\"}");
}

TEST(ParseHttpRequestTest, ParsesARequestWithHeadersAndBody) {
  HttpServerOptions limits;
  HttpRequest req;
  HttpResponse err;
  ASSERT_TRUE(ParseHttpRequest(
      "POST /v1/screen?x=1 HTTP/1.1\r\nHost: a\r\nX-API-Key: k1\r\nContent-Length: 4\r\n\r\nbody",
      limits, &req, &err));
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/v1/screen?x=1");
  EXPECT_EQ(req.Header("x-api-key"), "k1");
  EXPECT_EQ(req.body, "body");
}

TEST(ParseHttpRequestTest, RefusesWithTheStatusTheServerSends) {
  HttpServerOptions limits;
  limits.body_limit = 10;
  limits.header_limit = 200;
  HttpRequest req;
  HttpResponse err;
  EXPECT_FALSE(ParseHttpRequest("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890", limits,
                                &req, &err));
  EXPECT_EQ(err.status, 413);
  EXPECT_TRUE(err.close);
  EXPECT_FALSE(ParseHttpRequest("GET / HTTP/1.1\r\nX: " + std::string(300, 'a') + "\r\n\r\n",
                                limits, &req, &err));
  EXPECT_EQ(err.status, 431);
  EXPECT_FALSE(ParseHttpRequest("GARBAGE\r\n\r\n", limits, &req, &err));
  EXPECT_EQ(err.status, 400);
  EXPECT_FALSE(
      ParseHttpRequest("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", limits, &req, &err));
  EXPECT_EQ(err.status, 400);  // truncated body
  EXPECT_FALSE(ParseHttpRequest("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n", limits, &req, &err));
  EXPECT_EQ(err.status, 400);
}

// One error, in each dialect's shape; what is not an ErrorResponse is never rewritten.
TEST(ShapeErrorTest, WritesTheErrorInTheDialectsShape) {
  HttpResponse own = ErrorResponse(404, "not_found", "no such record");
  const std::string interdict = own.body;
  ShapeError(ErrorDialect::kInterdict, &own);
  EXPECT_EQ(own.body, interdict);
  EXPECT_EQ(
      nlohmann::json::parse(interdict),
      nlohmann::json::parse(R"({"error": {"code": "not_found", "message": "no such record"}})"));
  HttpResponse yente = ErrorResponse(404, "not_found", "no such record");
  ShapeError(ErrorDialect::kYente, &yente);
  EXPECT_EQ(nlohmann::json::parse(yente.body),
            nlohmann::json::parse(R"({"error": {"code": "not_found", "message": "no such record"},
                                      "detail": "no such record"})"));
  HttpResponse watchman = ErrorResponse(404, "not_found", "no such record");
  ShapeError(ErrorDialect::kWatchman, &watchman);
  EXPECT_EQ(watchman.status, 404);
  EXPECT_EQ(nlohmann::json::parse(watchman.body),
            nlohmann::json::parse(R"({"error": "no such record", "code": "not_found"})"));
  HttpResponse ok = JsonResponse({{"error", {{"code", "x"}}}});  // a result, whatever it holds
  ShapeError(ErrorDialect::kWatchman, &ok);
  EXPECT_EQ(ok.body, R"({"error":{"code":"x"}})");
}

TEST(IsLoopbackHostTest, KnowsLoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("::"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("example.com"));
}

}  // namespace
}  // namespace interdict::server
