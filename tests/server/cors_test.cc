// CorsPolicy: which --cors-origin values are origins, how origins compare, and a browser's
// preflight and request against a real server that requires API keys. The transport's side
// (every response, the server's own errors) is in http_server_test.cc.
#include "server/cors.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/api_keys.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using ::testing::HasSubstr;

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(CorsPolicyTest, AcceptsStarAndOriginsAndRefusesWhatNoBrowserSends) {
  CorsPolicy policy;
  EXPECT_FALSE(policy.enabled());
  for (const char* good :
       {"*", "https://app.example", "http://localhost:3000", "http://127.0.0.1:8080",
        "http://[::1]:8080", "HTTPS://App.Example:443", "chrome-extension://abcdefgh"}) {
    Status s = CorsPolicy::Create({good}, &policy);
    EXPECT_TRUE(s.ok()) << good << ": " << s.message();
    EXPECT_TRUE(policy.enabled());
  }
  for (const char* bad :
       {"", "app.example", "https://app.example/", "https://app.example/path",
        "https://user@app.example", "https://app.example?x=1", "https://", "https://:80",
        "https://app.example:", "https://app.example:0", "https://app.example:65536",
        "https://app.example:8o", "https://app example", "https://bücher.example", "null",
        "1http://app.example", "http://[::1", "http://[nothost]", "**"}) {
    Status s = CorsPolicy::Create({"https://ok.example", bad}, &policy);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << bad;
    EXPECT_THAT(s.message(), HasSubstr("'" + std::string(bad) + "'"));
  }
}

TEST(CorsPolicyTest, ComparesSchemeHostAndPort) {
  CorsPolicy policy;
  ASSERT_TRUE(CorsPolicy::Create({"https://App.Example", "http://[::1]:8080"}, &policy).ok());
  auto allowed = [&](const std::string& origin) {
    return policy.Preflight(origin, "").status == 204;
  };
  EXPECT_TRUE(allowed("https://app.example"));
  EXPECT_TRUE(allowed("https://APP.example:443"));
  EXPECT_TRUE(allowed("http://[::1]:8080"));
  EXPECT_FALSE(allowed("http://app.example"));
  EXPECT_FALSE(allowed("https://app.example:444"));
  EXPECT_FALSE(allowed("https://app.example.evil"));
  EXPECT_FALSE(allowed("https://evil.app.example"));
  EXPECT_FALSE(allowed("http://[::1]"));
  EXPECT_FALSE(allowed("null"));
  EXPECT_FALSE(allowed(""));
}

TEST(CorsPolicyTest, PreflightAllowsTheHeadersClientsSendAndNoOthers) {
  CorsPolicy policy;
  ASSERT_TRUE(CorsPolicy::Create({"*"}, &policy).ok());
  HttpResponse r = policy.Preflight(
      "https://a.example", " Authorization , X-API-Key,x-request-id,content-type,cookie,x-other");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(HeaderOf(r, "access-control-allow-headers"),
            "authorization, x-api-key, x-request-id, content-type");
  EXPECT_EQ(HeaderOf(r, "access-control-allow-credentials"), "");
  r = policy.Preflight("https://a.example", "");
  EXPECT_EQ(HeaderOf(r, "access-control-allow-headers"), "");
  EXPECT_EQ(HeaderOf(r, "access-control-allow-methods"), "GET, POST, OPTIONS");
}

TEST(CorsPolicyTest, AddsOriginToAVaryTheResponseHasAlready) {
  CorsPolicy policy;
  ASSERT_TRUE(CorsPolicy::Create({"https://a.example"}, &policy).ok());
  std::vector<std::pair<std::string, std::string>> headers = {{"vary", "Accept-Encoding"}};
  policy.AddHeaders("https://a.example", &headers);
  EXPECT_EQ(headers[0].second, "Accept-Encoding, Origin");
  EXPECT_EQ(headers.size(), 3u);  // and allow-origin, expose-headers
}

// What a browser does for a page on https://app.example calling a server that requires keys: the
// preflight (which carries no key) is allowed, and the request's answer, a 401 included, is
// readable by the page.
TEST(CorsServerTest, APreflightNeedsNoKeyAndARefusalIsReadableByThePage) {
  testing::TempDir dir;
  ServeOptions o = testing::TestOptions(testing::CopyBaseStore(dir));
  std::string key, entry;
  ASSERT_TRUE(NewKey("web", &key, &entry).ok());
  ASSERT_TRUE(o.keys.AddFromText(entry, "test", false).ok());
  o.http.cors_origins = {"https://app.example"};
  std::unique_ptr<Server> server;
  Status s = Server::Start(std::move(o), &server);
  ASSERT_TRUE(s.ok()) << s.message();
  uint16_t port = server->port();
  std::map<std::string, std::string> preflight = {
      {"Origin", "https://app.example"},
      {"Access-Control-Request-Method", "POST"},
      {"Access-Control-Request-Headers", "authorization,content-type"}};
  testing::HttpResult r = testing::Fetch(port, "OPTIONS", "/v1/screen", "", preflight);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  EXPECT_EQ(r.Header("access-control-allow-headers"), "authorization, content-type");
  r = testing::Fetch(port, "POST", "/v1/screen", R"({"name":"Evin Prison"})",
                     {{"Origin", "https://app.example"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  EXPECT_THAT(r.Header("access-control-expose-headers"), HasSubstr("WWW-Authenticate"));
  // An OPTIONS that is no preflight is the API's to answer.
  r = testing::Fetch(port, "OPTIONS", "/v1/screen", "", {{"Origin", "https://app.example"}});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
}

}  // namespace
}  // namespace interdict::server
