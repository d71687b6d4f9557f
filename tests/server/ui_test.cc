// The review web UI's files as the server sends them (server/ui.h): embedded at build time, with
// their content types, a revalidating cache policy and a CSP that allows nothing but this server.
#include "server/ui.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "server/api_keys.h"
#include "server/server.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(UiTest, ServesThePageWithAStrictPolicy) {
  HttpResponse r = UiResponse("", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("<script type=\"module\" src=\"/ui/app.js\"></script>"));
  EXPECT_EQ(HeaderOf(r, "cache-control"), "no-cache");
  std::string csp = HeaderOf(r, "content-security-policy");
  EXPECT_THAT(csp, StartsWith("default-src 'none'; script-src 'self'; style-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(csp, ::testing::Not(HasSubstr("unsafe")));
}

TEST(UiTest, EveryFileThePageNamesIsThereWithItsType) {
  // index.html and every module import reach only /ui/ files the binary holds.
  std::regex ref(R"((?:src|href)="/ui/([^"]+)\"|from '\./([^']+)')");
  std::vector<std::string> todo = {"index.html"}, seen;
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    HttpResponse r = UiResponse(name, "");
    ASSERT_EQ(r.status, 200) << name;
    for (std::sregex_iterator it(r.body.begin(), r.body.end(), ref), end; it != end; ++it)
      todo.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
  }
  EXPECT_GE(seen.size(), 10u);
  EXPECT_EQ(UiResponse("app.js", "").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(UiResponse("style.css", "").content_type, "text/css; charset=utf-8");
}

TEST(UiTest, AnswersNotModifiedForTheCurrentETagOnly) {
  HttpResponse r = UiResponse("app.js", "");
  std::string etag = HeaderOf(r, "etag");
  ASSERT_THAT(etag, StartsWith("\""));
  HttpResponse same = UiResponse("app.js", etag);
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(UiResponse("app.js", "\"stale\"").status, 200);
  EXPECT_NE(HeaderOf(UiResponse("style.css", ""), "etag"), etag);
}

TEST(UiTest, UnknownFilesAreNotFound) {
  EXPECT_EQ(UiResponse("nothing.js", "").status, 404);
  EXPECT_EQ(UiResponse("../CMakeLists.txt", "").status, 404);
  EXPECT_EQ(UiResponse("index.html/", "").status, 404);
}

// With API keys configured the page and its files need none (the page holds no data, and is
// served before any list is loaded), while the
// API still refuses a call without one; the UI's cache policy does not leak onto API answers.
TEST(UiServerTest, ThePageIsPublicAndTheApiStillNeedsAKey) {
  testing::TempDir dir;
  ServeOptions o = testing::TestOptions(testing::CopyBaseStore(dir));
  std::string key, entry;
  ASSERT_TRUE(NewKey("ann", &key, &entry).ok());
  ASSERT_TRUE(o.keys.AddFromText(entry, "test", false).ok());
  std::unique_ptr<Server> server;
  Status s = Server::Start(std::move(o), &server);
  ASSERT_TRUE(s.ok()) << s.message();
  testing::HttpResult r = testing::Fetch(server->port(), "GET", "/", "", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  EXPECT_THAT(r.Header("content-security-policy"), StartsWith("default-src 'none'"));
  r = testing::Fetch(server->port(), "GET", "/ui/app.js", "", {});
  EXPECT_EQ(r.status, 200);
  r = testing::Fetch(server->port(), "GET", "/ui/app.js", "",
                     {{"If-None-Match", r.Header("etag")}});
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(testing::Fetch(server->port(), "GET", "/ui/missing.js", "", {}).status, 404);
  EXPECT_EQ(testing::Fetch(server->port(), "POST", "/", "", {}).status, 405);
  ASSERT_TRUE(testing::WaitReady(*server));
  r = testing::Fetch(server->port(), "GET", "/v1/sources", "", {});
  EXPECT_EQ(r.status, 401);
  r = testing::Fetch(server->port(), "GET", "/v1/sources", "",
                     {{"Authorization", "Bearer " + key}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "no-store");
}

}  // namespace
}  // namespace interdict::server
