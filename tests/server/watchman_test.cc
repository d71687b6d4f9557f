// The Watchman dialect as Watchman's Go client (moov-io/watchman pkg/search/client.go) uses it:
// every request here is built as its BuildQueryParameters / SetSearchOpts build them (keys sorted
// by url.Values.Encode, values escaped as url.QueryEscape does, `type=` always sent), and every
// answer is checked as its decoders read it (errors: {"error": "<message>"}).
#include <algorithm>
#include <cctype>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/api_keys.h"
#include "server/server.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using testing::Fetch;
using ::testing::HasSubstr;
using testing::HttpResult;

// url.Values{...}.Encode(): keys sorted (values of one key keep their order), each escaped as
// url.QueryEscape does (space as '+', all but A-Z a-z 0-9 - _ . ~ percent-encoded).
std::string GoEncode(std::vector<std::pair<std::string, std::string>> values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  auto escape = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  };
  std::string q;
  for (const auto& [k, v] : values) q += (q.empty() ? "" : "&") + escape(k) + "=" + escape(v);
  return q;
}

// Watchman's error body as its Go client decodes it: "error" a string; our code beside it.
void ExpectWatchmanError(const HttpResult& r, int status, const std::string& code,
                         const std::string& message_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  json j = r.Json();
  ASSERT_TRUE(j.is_object()) << r.body;
  ASSERT_TRUE(j["error"].is_string()) << r.body;
  EXPECT_FALSE(j["error"].get<std::string>().empty()) << r.body;
  EXPECT_EQ(j["code"], code) << r.body;
  if (!message_part.empty()) {
    EXPECT_THAT(j["error"].get<std::string>(), HasSubstr(message_part));
  }
}

bool HasWarning(const json& j, const std::string& part) {
  for (const json& w : j["warnings"])
    if (w.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}

class WatchmanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    startup_error_ =
        testing::StartReady(testing::TestOptions(testing::CopyBaseStore(*dir_)), &server_);
  }
  void SetUp() override { ASSERT_TRUE(startup_error_.empty()) << startup_error_; }
  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }
  static HttpResult Get(const std::string& target) { return Fetch(server_->port(), "GET", target); }
  // GET /v2/search as SearchByEntity sends it.
  static HttpResult Search(std::vector<std::pair<std::string, std::string>> values) {
    return Get("/v2/search?" + GoEncode(std::move(values)));
  }

  static testing::TempDir* dir_;
  static std::unique_ptr<Server> server_;
  static std::string startup_error_;
};
std::string WatchmanTest::startup_error_;
testing::TempDir* WatchmanTest::dir_ = nullptr;
std::unique_ptr<Server> WatchmanTest::server_;

TEST_F(WatchmanTest, ErrorsAreAStringUnderError) {
  ExpectWatchmanError(Search({{"type", "person"}, {"name", "x"}, {"colour", "red"}}), 400,
                      "invalid_request", "unknown parameter 'colour'");
  ExpectWatchmanError(Search({{"type", "alien"}, {"name", "x"}}), 400, "invalid_request", "'type'");
  ExpectWatchmanError(Search({{"type", ""}, {"name", "x"}, {"source", "eu_csl"}}), 404, "not_found",
                      "eu_csl");
  ExpectWatchmanError(Search({{"type", ""}, {"name", "x"}, {"format", "senzing"}}), 400,
                      "invalid_request", "format=json");
  ExpectWatchmanError(Get("/v2/search?name=%FF"), 400, "bad_request", "UTF-8");
  ExpectWatchmanError(Get("/v2/nothing"), 404, "not_found");
  HttpResult post = Fetch(server_->port(), "POST", "/v2/search?name=x");
  ExpectWatchmanError(post, 405, "method_not_allowed");
  EXPECT_EQ(post.Header("allow"), "GET");
  // Errors the HTTP server makes before any handler runs take the path's shape too.
  testing::Client c(server_->port());
  ASSERT_TRUE(
      c.SendRaw("GET /v2/search?name=x HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\n"));
  ExpectWatchmanError(c.ReadResponse(), 413, "payload_too_large");
  testing::Client big(server_->port());
  ASSERT_TRUE(big.SendRaw("GET /v2/search?name=x HTTP/1.1\r\nHost: a\r\nX-Pad: " +
                          std::string(20000, 'a') + "\r\n\r\n"));
  ExpectWatchmanError(big.ReadResponse(), 431, "header_too_large");
  // A request line over the limit is never parsed: the shape comes from its first bytes.
  testing::Client url(server_->port());
  ASSERT_TRUE(url.SendRaw("GET /v2/search?name=" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n"));
  ExpectWatchmanError(url.ReadResponse(), 431, "header_too_large");
  // Other dialects keep their own shapes.
  HttpResult own = Get("/v1/nothing");
  EXPECT_EQ(own.Json()["error"]["code"], "not_found") << own.body;
  HttpResult yente = Fetch(server_->port(), "POST", "/search/default?q=x");
  EXPECT_EQ(yente.status, 405);
  EXPECT_EQ(yente.Json()["error"]["code"], "method_not_allowed") << yente.body;
  EXPECT_TRUE(yente.Json()["detail"].is_string()) << yente.body;
}

TEST(WatchmanErrorTest, UnauthorizedAndNotReadyAreWatchmanShaped) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/empty.db";
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(db, &store).ok());  // no list in it: never ready
  }
  ServeOptions o = testing::TestOptions(db);
  std::string key, entry;
  ASSERT_TRUE(NewKey("bank-a", &key, &entry).ok());
  ASSERT_TRUE(o.keys.AddFromText(entry, "test", true).ok());
  std::unique_ptr<Server> server;
  ASSERT_TRUE(Server::Start(std::move(o), &server).ok());
  const std::string target = "/v2/search?" + GoEncode({{"type", "person"}, {"name", "x"}});
  ExpectWatchmanError(Fetch(server->port(), "GET", target), 401, "unauthorized");
  HttpResult r = Fetch(server->port(), "GET", target, "", {{"Authorization", "Bearer " + key}});
  ExpectWatchmanError(r, 503, "not_ready");
  EXPECT_EQ(r.Header("retry-after"), "5");
  ExpectWatchmanError(
      Fetch(server->port(), "GET", "/v2/listinfo", "", {{"Authorization", "Bearer " + key}}), 503,
      "not_ready");
}

// A person as the Go client sends one with every field it has: contact details and addresses in
// the singular, government IDs as gov_<type>=CC:ID, crypto as CURRENCY:ADDRESS.
TEST_F(WatchmanTest, AcceptsEveryParameterTheGoClientSends) {
  HttpResult r = Search({{"type", "person"},
                         {"name", "Mohammad Shawqi ISLAMBOULI"},
                         {"gender", "male"},
                         {"birthDate", "1955-01-15"},
                         {"titles", "Military Leader"},
                         {"gov_passport", "EG:304555"},
                         {"emailAddress", "a@example.com"},
                         {"phoneNumber", "+20 1234"},
                         {"faxNumber", "+20 5678"},
                         {"website", "example.com"},
                         {"address", "1 Main St Cairo EG"},
                         {"cryptoAddress", "XBT:1BoatSLRHtKNngkdXEeobR76b53LETtpyT"},
                         {"limit", "5"},
                         {"minMatch", "0.50"},
                         {"debug", "yes"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  ASSERT_GE(j["entities"].size(), 1u) << r.body;
  EXPECT_EQ(j["entities"][0]["sourceID"], "2682");
  EXPECT_EQ(j["entities"][0]["entityType"], "person");
  // What is not compared is said, by the names the client used.
  EXPECT_TRUE(HasWarning(j, "'emailAddress'")) << j["warnings"];
  EXPECT_TRUE(HasWarning(j, "'gender'")) << j["warnings"];
  // The plural spellings Watchman documents are accepted too.
  r = Search({{"type", "person"},
              {"name", "Mohammad Shawqi ISLAMBOULI"},
              {"emailAddresses", "a@example.com"},
              {"phoneNumbers", "1"},
              {"faxNumbers", "2"},
              {"websites", "example.com"},
              {"addresses", "Cairo"},
              {"cryptoAddresses", "XBT:1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["entities"][0]["sourceID"], "2682");
}

// The Go client sends type= even when the entity has none, and Watchman reads types in any case.
TEST_F(WatchmanTest, TypeMayBeEmptyOrInAnyCase) {
  HttpResult r = Search({{"type", ""}, {"name", "Evin Prison"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["entities"][0]["sourceID"], "24586");
  r = Search({{"type", "Business"}, {"name", "Evin Prison"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["entities"][0]["entityType"], "business");
  r = Search({{"type", "PERSON"}, {"name", "Evin Prison"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();  // range-for over a temporary's member would dangle
  for (const json& e : body["entities"]) EXPECT_EQ(e["entityType"], "person");
}

// A search for organizations gets records typed "organization", with the organization object
// filled, as a client filtering on entityType or reading entity.Organization expects.
TEST_F(WatchmanTest, ResultsAreTypedAsTheTypeAskedFor) {
  json j = Search({{"type", "organization"}, {"name", "Evin Prison"}}).Json();
  ASSERT_GE(j["entities"].size(), 1u) << j;
  for (const json& e : j["entities"]) {
    EXPECT_EQ(e["entityType"], "organization") << e;
    EXPECT_TRUE(e["organization"].is_object()) << e;
    EXPECT_TRUE(e["business"].is_null()) << e;
  }
  j = Search({{"type", "business"}, {"name", "Evin Prison"}}).Json();
  ASSERT_GE(j["entities"].size(), 1u) << j;
  EXPECT_EQ(j["entities"][0]["entityType"], "business");
  EXPECT_EQ(j["entities"][0]["business"]["name"], "EVIN PRISON");
}

TEST_F(WatchmanTest, SourcesAreNamedAsWatchmanNamesThem) {
  json j = Search({{"type", ""}, {"name", "Evin Prison"}, {"source", "us_ofac"}}).Json();
  ASSERT_GE(j["entities"].size(), 1u) << j;
  for (const json& e : j["entities"]) EXPECT_EQ(e["sourceList"], "us_ofac");
  EXPECT_EQ(j["query"]["sourceList"], "us_ofac");
  // sourceList (the field's JSON name) is read as source; names in any case.
  j = Search({{"type", ""}, {"name", "Evin Prison"}, {"sourceList", "US_OFAC"}}).Json();
  ASSERT_GE(j["entities"].size(), 1u) << j;
  // The UN list is Watchman's un_csl; Interdict's own names still work.
  j = Search({{"type", ""}, {"name", "Paradzai Zimondi"}, {"source", "un_csl"}}).Json();
  for (const json& e : j["entities"]) EXPECT_EQ(e["sourceList"], "un_csl");
  j = Search({{"type", ""}, {"name", "Evin Prison"}, {"source", "us-ofac-sdn"}}).Json();
  ASSERT_GE(j["entities"].size(), 1u) << j;
  EXPECT_EQ(j["entities"][0]["sourceList"], "us_ofac");
}

// Watchman finds records without a name: by sourceID, a government ID or a crypto address.
TEST_F(WatchmanTest, LooksUpWithoutAName) {
  json j = Search({{"type", ""}, {"sourceID", "24586"}}).Json();
  ASSERT_EQ(j["entities"].size(), 1u) << j;
  EXPECT_EQ(j["entities"][0]["name"], "EVIN PRISON");
  EXPECT_EQ(j["entities"][0]["match"], 1.0);
  j = Search({{"type", "person"}, {"gov_passport", "EG:304555"}, {"birthDate", "1955"}}).Json();
  ASSERT_EQ(j["entities"].size(), 1u) << j;
  EXPECT_EQ(j["entities"][0]["sourceID"], "2682");
  EXPECT_TRUE(HasWarning(j, "birthDate is not compared")) << j;
  j = Search({{"type", ""}, {"cryptoAddress", "XBT:12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"}}).Json();
  ASSERT_EQ(j["entities"].size(), 1u) << j;
  EXPECT_EQ(j["entities"][0]["sourceID"], "25308");
  EXPECT_EQ(j["entities"][0]["cryptoAddresses"][0]["address"],
            "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
  // A filter that excludes the record leaves nothing; so does a record that is not listed.
  EXPECT_EQ(Search({{"type", "vessel"}, {"sourceID", "24586"}}).Json()["entities"].size(), 0u);
  EXPECT_EQ(Search({{"type", ""}, {"sourceID", "999999999"}}).Json()["entities"].size(), 0u);
  // Nothing to search by is an error, never an empty answer; so is an identifier too short for
  // the identifier index, which would find nothing.
  ExpectWatchmanError(Search({{"type", ""}, {"emailAddress", "a@example.com"}}), 400,
                      "invalid_request", "'name' is required");
  ExpectWatchmanError(Search({{"type", ""}, {"gov_passport", "EG:12"}}), 400, "invalid_request",
                      "too short");
}

// Where Watchman falls back to a default, so does Interdict, and says so.
TEST_F(WatchmanTest, FallsBackToDefaultsAsWatchmanDoesWithAWarning) {
  for (const char* limit : {"0", "abc", "-3"}) {
    HttpResult r =
        Search({{"type", ""}, {"name", "Mohammed"}, {"minMatch", "0"}, {"limit", limit}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Json()["entities"].size(), 10u) << limit;
    EXPECT_TRUE(HasWarning(r.Json(), "limit '" + std::string(limit) + "'")) << r.body;
  }
  HttpResult r = Search({{"type", ""}, {"name", "Mohammed"}, {"minMatch", "0"}, {"limit", "1000"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_LE(r.Json()["entities"].size(), 100u);
  EXPECT_TRUE(HasWarning(r.Json(), "limit 1000")) << r.body;
  r = Search({{"type", ""}, {"name", "Evin Prison"}, {"minMatch", "abc"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(HasWarning(r.Json(), "minMatch 'abc'")) << r.body;
  EXPECT_EQ(r.Json()["entities"][0]["sourceID"], "24586");
  // A number outside [0, 1] is no slip of the keyboard Watchman forgives: it is refused.
  ExpectWatchmanError(Search({{"type", ""}, {"name", "x"}, {"minMatch", "2"}}), 400,
                      "invalid_request", "'minMatch'");
}

// GET /v2/listinfo as ListInfo decodes it: lists and listHashes by Watchman's list names,
// RFC 3339 times (Go's time.Time), a version string.
TEST_F(WatchmanTest, ListInfo) {
  HttpResult r = Get("/v2/listinfo");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  json sources = Fetch(server_->port(), "GET", "/v1/sources").Json()["sources"];
  ASSERT_EQ(sources.size(), 2u);
  ASSERT_EQ(j["lists"].size(), 2u) << j;
  EXPECT_EQ(j["lists"]["us_ofac"], sources[1]["record_count"]) << j;
  EXPECT_EQ(j["lists"]["un_csl"], sources[0]["record_count"]) << j;
  EXPECT_EQ(j["listHashes"]["us_ofac"], sources[1]["content_sha256"]) << j;
  for (const char* t : {"startedAt", "endedAt"}) {
    const std::string time = j[t].get<std::string>();
    EXPECT_EQ(time.size(), 20u) << time;  // YYYY-MM-DDTHH:MM:SSZ
    EXPECT_EQ(time[10], 'T');
    EXPECT_EQ(time.back(), 'Z');
  }
  EXPECT_LE(j["startedAt"].get<std::string>(), j["endedAt"].get<std::string>());
  EXPECT_TRUE(j["version"].is_string());
  ASSERT_EQ(j["listVersions"].size(), 2u);
  EXPECT_EQ(j["listVersions"][1]["sourceList"], "us_ofac");
  EXPECT_EQ(j["listVersions"][1]["version"], sources[1]["version"]);
}

}  // namespace
}  // namespace interdict::server
