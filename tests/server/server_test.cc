// The real server (Server: dictionaries, live lists, audit writer, workers, API, HTTP) on a free
// loopback port, against the 2021 OFAC SDN fixture and the UN list, exercised over TCP.
#include "server/server.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using ::testing::Contains;
using testing::Fetch;
using ::testing::HasSubstr;
using testing::HttpResult;
using ::testing::Not;

// One server for the read-only endpoint tests (starting one loads the lists: about a second).
class ServerTest : public ::testing::Test {
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
  static uint16_t port() { return server_->port(); }
  static HttpResult Post(const std::string& target, const json& body) {
    return Fetch(port(), "POST", target, body.dump());
  }
  static HttpResult Get(const std::string& target) { return Fetch(port(), "GET", target); }

  static testing::TempDir* dir_;
  static std::unique_ptr<Server> server_;
  static std::string startup_error_;
};
std::string ServerTest::startup_error_;
testing::TempDir* ServerTest::dir_ = nullptr;
std::unique_ptr<Server> ServerTest::server_;

void ExpectError(const HttpResult& r, int status, const std::string& code,
                 const std::string& message_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  json j = r.Json();
  ASSERT_TRUE(j.is_object()) << r.body;
  ASSERT_TRUE(j.contains("error")) << r.body;
  EXPECT_EQ(j["error"]["code"], code) << r.body;
  EXPECT_TRUE(j["error"]["message"].is_string()) << r.body;
  if (!message_part.empty()) {
    EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr(message_part));
  }
}

TEST_F(ServerTest, HealthAndReadiness) {
  HttpResult h = Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.Json()["status"], "ok");
  HttpResult r = Get("/readyz");
  ASSERT_EQ(r.status, 200);
  json lists = r.Json()["lists"];
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[0]["source"], "un-sc");
  EXPECT_EQ(lists[1]["source"], "us-ofac-sdn");
  EXPECT_EQ(lists[1]["version"], 1);
}

TEST_F(ServerTest, ScreensOnePartyWithExplanations) {
  HttpResult r =
      Post("/v1/screen", {{"id", "cust-42"}, {"name", "Evin Prison"}, {"type", "organization"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  json j = r.Json();
  EXPECT_EQ(j["id"], "cust-42");
  ASSERT_GE(j["matches"].size(), 1u);
  json m = j["matches"][0];
  EXPECT_EQ(m["entity"], "us-ofac-sdn:24586");
  EXPECT_EQ(m["score"], 1.0);
  EXPECT_EQ(m["name"], "EVIN PRISON");
  EXPECT_EQ(m["source"], "us-ofac-sdn");
  EXPECT_EQ(m["explanation"]["matched_name"], "EVIN PRISON");
  EXPECT_THAT(m["explanation"]["sentence"].get<std::string>(), HasSubstr("'Evin' ~ 'EVIN'"));
  ASSERT_EQ(j["list_versions"].size(), 2u);
  EXPECT_EQ(j["list_versions"][1]["source"], "us-ofac-sdn");
  EXPECT_EQ(j["threshold"], 0.8);
}

TEST_F(ServerTest, ScreenUsesBirthDateAndCountryLikeTheCli) {
  HttpResult r = Post("/v1/screen", {{"name", "Paradzai Zimondi"},
                                     {"type", "person"},
                                     {"birth_date", "1947-03-04"},
                                     {"country", "Zimbabwe"},
                                     {"limit", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  ASSERT_EQ(j["matches"].size(), 1u);
  json m = j["matches"][0];
  EXPECT_EQ(m["entity"], "us-ofac-sdn:7555");
  json attrs = m["explanation"]["attributes"];
  bool dob = false;
  for (const json& a : attrs)
    if (a["attribute"] == "birth_date") dob = a["effect"].get<double>() > 0;
  EXPECT_TRUE(dob) << attrs.dump();
  // An unknown country is a warning, not an error; the name is still screened.
  r = Post("/v1/screen", {{"name", "Evin Prison"}, {"country", "Atlantis"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.Json()["warnings"][0].get<std::string>(), HasSubstr("Atlantis"));
  EXPECT_EQ(r.Json()["matches"][0]["entity"], "us-ofac-sdn:24586");
}

TEST_F(ServerTest, ThresholdAndLimitAreHonouredAndChecked) {
  HttpResult all =
      Post("/v1/screen", {{"name", "Mohammed Yousef"}, {"threshold", 0.5}, {"limit", 500}});
  HttpResult few =
      Post("/v1/screen", {{"name", "Mohammed Yousef"}, {"threshold", 0.5}, {"limit", 3}});
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(few.status, 200);
  EXPECT_GT(all.Json()["matches"].size(), 3u);
  EXPECT_EQ(few.Json()["matches"].size(), 3u);
  const json all_json = all.Json();
  for (const json& m : all_json["matches"]) EXPECT_GE(m["score"].get<double>(), 0.5);
  ExpectError(Post("/v1/screen", {{"name", "x"}, {"threshold", 2}}), 400, "invalid_request",
              "'threshold'");
  ExpectError(Post("/v1/screen", {{"name", "x"}, {"threshold", "high"}}), 400, "invalid_request",
              "'threshold'");
  ExpectError(Post("/v1/screen", {{"name", "x"}, {"limit", 0}}), 400, "invalid_request", "'limit'");
  ExpectError(Post("/v1/screen", {{"name", "x"}, {"limit", 501}}), 400, "invalid_request",
              "'limit'");
}

TEST_F(ServerTest, BadInputGets4xxNeverACrashOrAnEmptyResult) {
  ExpectError(Fetch(port(), "POST", "/v1/screen", "{\"name\": \"Evin"), 400, "invalid_json");
  ExpectError(Fetch(port(), "POST", "/v1/screen", ""), 400, "invalid_json", "empty");
  ExpectError(Fetch(port(), "POST", "/v1/screen", "[1, 2]"), 400, "invalid_request", "JSON object");
  ExpectError(Post("/v1/screen", {{"name", 5}}), 400, "invalid_request", "'name' must be a string");
  ExpectError(Post("/v1/screen", {{"type", "person"}}), 400, "invalid_request",
              "'name' is missing");
  ExpectError(Post("/v1/screen", {{"name", "Evin"}, {"type", "planet"}}), 400, "invalid_request",
              "'type'");
  ExpectError(Post("/v1/screen", {{"name", "Evin"}, {"identifiers", "P123"}}), 400,
              "invalid_request", "identifiers");
  ExpectError(Post("/v1/screen", {{"name", "!!! ..."}}), 400, "invalid_request",
              "no letters or digits");
  // Invalid UTF-8 inside a JSON string.
  ExpectError(Fetch(port(), "POST", "/v1/screen", "{\"name\": \"Ev\xFFin\"}"), 400, "invalid_json");
  // Invalid UTF-8 and bad escapes in the URL.
  ExpectError(Get("/v1/entities/x?version=%FF%FE"), 400, "bad_request", "UTF-8");
  ExpectError(Get("/v1/entities/x?version=%G1"), 400, "bad_request", "percent");
  // Nesting bombs are refused before parsing.
  ExpectError(Fetch(port(), "POST", "/v1/screen", std::string(100000, '[')), 400, "invalid_json",
              "nests deeper");
  // Too large for the default 1 MiB limit: 413 from the HTTP layer.
  HttpResult big =
      Fetch(port(), "POST", "/v1/screen", "{\"name\": \"" + std::string(2 << 20, 'a') + "\"}");
  ExpectError(big, 413, "payload_too_large");
  // Unknown endpoint, wrong method.
  ExpectError(Get("/v1/nothing"), 404, "not_found");
  HttpResult m = Get("/v1/screen");
  ExpectError(m, 405, "method_not_allowed");
  EXPECT_EQ(m.Header("allow"), "POST");
  // The server is still fine.
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(ServerTest, BatchScreensInOrderAndFailsWholeOnOneBadQuery) {
  json body = {{"queries",
                {{{"id", 1}, {"name", "Evin Prison"}},
                 {{"id", "b"}, {"name", "Zzyzx Qwrtp"}},
                 {{"id", 3}, {"name", "HERMANN"}, {"type", "vessel"}}}}};
  HttpResult r = Post("/v1/screen/batch", body);
  ASSERT_EQ(r.status, 200) << r.body;
  json results = r.Json()["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["id"], 1);
  EXPECT_EQ(results[0]["matches"][0]["entity"], "us-ofac-sdn:24586");
  EXPECT_EQ(results[1]["id"], "b");
  EXPECT_TRUE(results[1]["matches"].empty());
  EXPECT_EQ(results[2]["matches"][0]["entity"], "us-ofac-sdn:4234");
  body["queries"][1]["name"] = json::array();
  ExpectError(Post("/v1/screen/batch", body), 400, "invalid_request", "queries[1]");
  json many = {{"queries", json::array()}};
  for (int i = 0; i < 101; ++i) many["queries"].push_back({{"name", "x"}});
  ExpectError(Post("/v1/screen/batch", many), 400, "batch_too_large", "at most 100");
  ExpectError(Post("/v1/screen/batch", {{"queries", json::array()}}), 400, "invalid_request");
}

// Over the name limits (normalize/name_limits.h): a 400 in every dialect, at once.
TEST_F(ServerTest, OverLongNamesAre400InEveryDialect) {
  const std::string name(4000, 'a');
  const std::string message = "name is 4000 characters; the limit is 500";
  ExpectError(Post("/v1/screen", {{"name", name}}), 400, "invalid_request", message);
  ExpectError(Post("/v1/screen/batch", {{"queries", {{{"name", "x"}}, {{"name", name}}}}}), 400,
              "invalid_request", "queries[1]: " + message);
  ExpectError(Post("/v1/compare", {{"name1", "John Smith"}, {"name2", name}}), 400,
              "invalid_request", "name2: " + message);
  HttpResult r =
      Post("/match/default",
           {{"queries", {{"a", {{"schema", "Person"}, {"properties", {{"name", {name}}}}}}}}});
  ExpectError(r, 400, "invalid_request", message);
  EXPECT_THAT(r.Json()["detail"].get<std::string>(), HasSubstr(message));
  ExpectError(Get("/search/default?q=" + name), 400, "invalid_request", message);
  r = Get("/v2/search?name=" + name);  // Watchman's shape: the message is "error" itself
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["code"], "invalid_request");
  EXPECT_THAT(r.Json()["error"].get<std::string>(), HasSubstr(message));
}

TEST_F(ServerTest, ComparesTwoNames) {
  HttpResult r =
      Post("/v1/compare",
           {{"name1", "Mohammed Yousef"}, {"name2", "MUHAMMAD, Yusuf"}, {"type", "person"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_GE(j["score"].get<double>(), 0.9);
  EXPECT_EQ(j["match"], true);
  EXPECT_EQ(j["explanation"]["tokens"][0]["evidence"], "variant");
  ExpectError(Post("/v1/compare", {{"name1", "x"}}), 400, "invalid_request", "'name2'");
  ExpectError(Post("/v1/compare", {{"name1", "x"}, {"name2", "y"}, {"type", 3}}), 400,
              "invalid_request", "'type'");
}

TEST_F(ServerTest, FetchesEntitiesAndListVersions) {
  HttpResult r = Get("/v1/entities/us-ofac-sdn:24586");
  ASSERT_EQ(r.status, 200) << r.body;
  json e = r.Json();
  EXPECT_EQ(e["id"], "us-ofac-sdn:24586");
  EXPECT_EQ(e["names"][0]["full"], "EVIN PRISON");
  EXPECT_EQ(e["list_version"]["version"], 1);
  EXPECT_EQ(Get("/v1/entities/us-ofac-sdn%3A24586").Json()["id"], "us-ofac-sdn:24586");
  EXPECT_EQ(Get("/v1/entities/us-ofac-sdn:24586?version=1").Json()["names"][0]["full"],
            "EVIN PRISON");
  ExpectError(Get("/v1/entities/us-ofac-sdn:999999"), 404, "not_found", "us-ofac-sdn:999999");
  ExpectError(Get("/v1/entities/us-ofac-sdn:24586?version=abc"), 400, "invalid_request");
  ExpectError(Get("/v1/entities/us-ofac-sdn:24586?version=99"), 404, "not_found", "99");

  HttpResult s = Get("/v1/sources");
  ASSERT_EQ(s.status, 200);
  json sources = s.Json()["sources"];
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[1]["source"], "us-ofac-sdn");
  EXPECT_EQ(sources[1]["record_count"], 8976);
  EXPECT_EQ(sources[0]["record_count"], 1003);
  EXPECT_EQ(sources[0]["published"], "2026-02-27T00:00:09.554Z");
  EXPECT_EQ(s.Json()["record_count"], 8976 + 1003);

  HttpResult v = Get("/v1/sources/us_ofac_sdn/versions");
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(v.Json()["source"], "us-ofac-sdn");
  EXPECT_EQ(v.Json()["versions"].size(), 1u);
  ExpectError(Get("/v1/sources/eu-fsf/versions"), 404, "not_found", "eu-fsf");
}

TEST_F(ServerTest, YenteMatchSpeaksFollowTheMoney) {
  json body = {{"queries",
                {{"q1",
                  {{"schema", "Organization"},
                   {"properties", {{"name", {"Evin Prison"}}, {"country", {"ir"}}}}}},
                 {"q2",
                  {{"schema", "Person"},
                   {"properties",
                    {{"firstName", {"Paradzai"}},
                     {"lastName", {"Zimondi"}},
                     {"birthDate", {"1947-03-04"}},
                     {"nationality", {"zw"}}}}}}}}};
  HttpResult r = Post("/match/default", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("x-batch-size"), "2");
  json j = r.Json();
  EXPECT_EQ(j["limit"], 5);
  json q1 = j["responses"]["q1"];
  EXPECT_EQ(q1["status"], 200);
  ASSERT_GE(q1["results"].size(), 1u);
  json top = q1["results"][0];
  EXPECT_EQ(top["id"], "us-ofac-sdn:24586");
  EXPECT_EQ(top["caption"], "EVIN PRISON");
  EXPECT_EQ(top["schema"], "LegalEntity");
  EXPECT_EQ(top["properties"]["name"], json::array({"EVIN PRISON"}));
  EXPECT_EQ(top["properties"]["program"], json::array({"IRAN-HR"}));
  EXPECT_EQ(top["datasets"], json::array({"us_ofac_sdn"}));
  EXPECT_EQ(top["match"], true);
  EXPECT_EQ(top["score"], 1.0);
  EXPECT_EQ(top["explanations"]["name_match"]["score"], 1.0);
  EXPECT_EQ(top["explanations"]["name_match"]["candidate"], "EVIN PRISON");
  EXPECT_EQ(q1["total"]["relation"], "eq");
  EXPECT_EQ(q1["query"]["schema"], "Organization");
  json q2top = j["responses"]["q2"]["results"][0];
  EXPECT_EQ(q2top["id"], "us-ofac-sdn:7555");
  EXPECT_EQ(q2top["schema"], "Person");
  EXPECT_EQ(q2top["properties"]["birthDate"], json::array({"1947-03-04"}));
  EXPECT_TRUE(q2top["explanations"].contains("dob_match")) << q2top["explanations"].dump();
}

TEST_F(ServerTest, YenteMatchFiltersByDatasetSchemaAndThreshold) {
  json evin = {{"queries",
                {{"q", {{"schema", "LegalEntity"}, {"properties", {{"name", {"Evin Prison"}}}}}}}}};
  // A UN-only dataset (named the yente way) cannot return the OFAC record.
  HttpResult un = Post("/match/un_sc", evin);
  ASSERT_EQ(un.status, 200);
  const json un_json = un.Json();
  for (const json& res : un_json["responses"]["q"]["results"])
    EXPECT_EQ(res["datasets"][0], "un_sc_sanctions");
  EXPECT_EQ(Post("/match/us_ofac_sdn", evin).Json()["responses"]["q"]["results"][0]["id"],
            "us-ofac-sdn:24586");
  // yente's schema gate: a vessel query never returns a prison.
  json vessel = {
      {"queries", {{"q", {{"schema", "Vessel"}, {"properties", {{"name", {"Evin Prison"}}}}}}}}};
  EXPECT_TRUE(Post("/match/default", vessel).Json()["responses"]["q"]["results"].empty());
  // exclude_entity_ids and a high threshold.
  HttpResult ex = Post("/match/default?exclude_entity_ids=us-ofac-sdn:24586", evin);
  const json ex_json = ex.Json();
  for (const json& res : ex_json["responses"]["q"]["results"])
    EXPECT_NE(res["id"], "us-ofac-sdn:24586");
  json fuzzy = {{"queries",
                 {{"q", {{"schema", "Person"}, {"properties", {{"name", {"Mohammed Yousef"}}}}}}}}};
  json loose =
      Post("/match/default?threshold=0.95&cutoff=0.5&limit=50", fuzzy).Json()["responses"]["q"];
  ASSERT_GT(loose["results"].size(), 1u);
  int matched = 0;
  for (const json& res : loose["results"]) {
    EXPECT_GE(res["score"].get<double>(), 0.5);
    EXPECT_EQ(res["match"], res["score"].get<double>() >= 0.95);
    matched += res["match"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(loose["total"]["value"], matched);
}

TEST_F(ServerTest, YenteMatchRefusesWhatItCannotReadWithYentesErrorField) {
  auto q = [](json props, std::string schema = "Person") {
    return json{{"queries", {{"q", {{"schema", schema}, {"properties", props}}}}}};
  };
  HttpResult r = Post("/match/default", q({{"name", {"X"}}, {"dateOfBirth", {"1970"}}}));
  ExpectError(r, 400, "invalid_request", "property 'dateOfBirth'");
  EXPECT_THAT(r.Json()["detail"].get<std::string>(), HasSubstr("dateOfBirth"));
  ExpectError(Post("/match/default", q({{"name", {"X"}}}, "Address")), 400, "invalid_request",
              "schema 'Address'");
  ExpectError(Post("/match/default", q({{"birthDate", {"1970"}}})), 400, "invalid_request",
              "no name");
  ExpectError(Post("/match/default", q({{"name", {1, 2}}})), 400, "invalid_request", "strings");
  ExpectError(Post("/match/default", {{"queries", json::array()}}), 400, "invalid_request",
              "'queries'");
  HttpResult nf = Post("/match/eu_fsf", q({{"name", {"X"}}}));
  ExpectError(nf, 404, "not_found", "eu_fsf");
  EXPECT_TRUE(nf.Json().contains("detail"));
  ExpectError(Post("/match/default?limit=0", q({{"name", {"X"}}})), 400, "invalid_request",
              "'limit'");
  ExpectError(Post("/match/default?threshold=x", q({{"name", {"X"}}})), 400, "invalid_request",
              "'threshold'");
}

TEST_F(ServerTest, YenteSearchAndEntity) {
  HttpResult s = Get("/search/default?q=Evin+Prison&limit=3");
  ASSERT_EQ(s.status, 200) << s.body;
  json j = s.Json();
  EXPECT_EQ(j["results"][0]["id"], "us-ofac-sdn:24586");
  EXPECT_LE(j["results"].size(), 3u);
  EXPECT_EQ(j["limit"], 3);
  EXPECT_EQ(j["offset"], 0);
  json second = Get("/search/default?q=Evin+Prison&limit=1&offset=1").Json();
  ASSERT_GT(j["results"].size(), 1u);
  EXPECT_EQ(second["results"][0]["id"], j["results"][1]["id"]);
  ExpectError(Get("/search/default?q=x&schema=Address"), 400, "invalid_request", "schema");

  HttpResult e = Get("/entities/us-ofac-sdn:7555");
  ASSERT_EQ(e.status, 200);
  json ent = e.Json();
  EXPECT_EQ(ent["schema"], "Person");
  EXPECT_EQ(ent["caption"], "Paradzai ZIMONDI");
  EXPECT_EQ(ent["properties"]["position"], json::array({"Zimbabwe Prisons Chief"}));
  EXPECT_EQ(ent["properties"]["topics"], json::array({"sanction"}));
  HttpResult missing = Get("/entities/us-ofac-sdn:1");
  ExpectError(missing, 404, "not_found");
  EXPECT_TRUE(missing.Json().contains("detail"));
}

TEST_F(ServerTest, WatchmanSearch) {
  HttpResult r = Get("/v2/search?name=Evin+Prison&type=business&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  ASSERT_GE(j["entities"].size(), 1u);
  json e = j["entities"][0];
  EXPECT_EQ(e["name"], "EVIN PRISON");
  EXPECT_EQ(e["entityType"], "business");
  EXPECT_EQ(e["sourceList"], "us_ofac");
  EXPECT_EQ(e["sourceID"], "24586");
  EXPECT_EQ(e["match"], 1.0);
  EXPECT_EQ(e["business"]["name"], "EVIN PRISON");
  EXPECT_EQ(e["sanctionsInfo"]["programs"], json::array({"IRAN-HR"}));
  EXPECT_TRUE(e["person"].is_null());
  EXPECT_EQ(j["query"]["name"], "Evin Prison");
  // type is a filter: no business records for a person search.
  const json persons = Get("/v2/search?name=Evin+Prison&type=person").Json();
  for (const json& x : persons["entities"]) EXPECT_EQ(x["entityType"], "person");
  // A vessel with its call sign; birthDate and altNames for a person.
  json v = Get("/v2/search?name=Hermann&type=vessel&callSign=CL2685").Json()["entities"][0];
  EXPECT_EQ(v["sourceID"], "4234");
  EXPECT_EQ(v["vessel"]["callSign"], "CL2685");
  EXPECT_EQ(v["vessel"]["flag"], "CU");
  json p =
      Get("/v2/search?name=Nobody+Known&altNames[]=Paradzai+Zimondi&birthDate=1947&type=person")
          .Json()["entities"][0];
  EXPECT_EQ(p["sourceID"], "7555");
  EXPECT_EQ(p["person"]["birthDate"], "1947-03-04T00:00:00Z");
  // minMatch filters; limit is capped at 100 as Watchman does.
  const json close = Get("/v2/search?name=Mohammed&minMatch=0.9").Json();
  for (const json& x : close["entities"]) EXPECT_GE(x["match"].get<double>(), 0.9);
  EXPECT_LE(Get("/v2/search?name=Mohammed&limit=1000").Json()["entities"].size(), 100u);
  // Errors, and requests as Watchman's Go client sends them: watchman_test.cc.
}

TEST_F(ServerTest, ScansTextAndPaymentMessages) {
  HttpResult r = Post("/v1/scan", {{"text", "Please wire the balance to EVIN PRISON in Tehran."}});
  if (r.status == 501) GTEST_SKIP() << "the scan tables did not load: " << r.body;
  ASSERT_EQ(r.status, 200) << r.body;
  json hits = r.Json()["hits"];
  bool party = false, place = false;
  for (const json& h : hits) {
    if (h["kind"] == "party" && h["entity"] == "us-ofac-sdn:24586") {
      party = true;
      EXPECT_EQ(h["text"], "EVIN PRISON");
      EXPECT_EQ(h["begin"], 27);
      EXPECT_EQ(h["end"], 38);
    }
    if (h["kind"] == "jurisdiction" && h["jurisdiction"] == "IR") place = true;
  }
  EXPECT_TRUE(party) << hits.dump();
  EXPECT_TRUE(place) << hits.dump();
  HttpResult no_places =
      Post("/v1/scan", {{"text", "EVIN PRISON in Tehran"}, {"jurisdictions", false}});
  const json no_places_json = no_places.Json();
  for (const json& h : no_places_json["hits"]) EXPECT_NE(h["kind"], "jurisdiction");
  ExpectError(Post("/v1/scan", {{"text", "a"}, {"message", "b"}}), 400, "invalid_request",
              "either 'text' or 'message'");
  ExpectError(Post("/v1/scan", {{"message", "b"}, {"format", "edifact"}}), 400, "invalid_request",
              "'format'");
  ExpectError(Post("/v1/scan", {{"text", 3}}), 400, "invalid_request", "'text'");
  ExpectError(Post("/v1/scan", {{"text", "x"}, {"sectoral", "yes"}}), 400, "invalid_request",
              "'sectoral'");
  ExpectError(Post("/v1/scan", {{"message", "not a SWIFT message"}, {"format", "mt"}}), 400,
              "invalid_request");
}

TEST_F(ServerTest, MetricsCountRequestsAndDescribeLists) {
  Get("/healthz");
  Post("/v1/screen", {{"name", "Evin Prison"}});
  HttpResult r = Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.Header("content-type"), HasSubstr("text/plain"));
  EXPECT_THAT(r.body,
              HasSubstr("interdict_http_requests_total{route=\"POST /v1/screen\",status=\"200\"}"));
  EXPECT_THAT(r.body, HasSubstr("interdict_http_request_duration_seconds_bucket{route=\"POST "
                                "/v1/screen\",le=\"0.001\"}"));
  EXPECT_THAT(r.body, HasSubstr("interdict_list_version{source=\"us-ofac-sdn\"} 1\n"));
  EXPECT_THAT(r.body, HasSubstr("interdict_list_records{source=\"un-sc\"} 1003\n"));
  EXPECT_THAT(r.body, HasSubstr("interdict_list_age_seconds{source=\"us-ofac-sdn\"}"));
  EXPECT_THAT(r.body, HasSubstr("interdict_lists_loaded 1\n"));
  EXPECT_THAT(r.body, HasSubstr("interdict_audit_records_written_total"));
  EXPECT_THAT(r.body, HasSubstr("interdict_http_connections_open"));
  EXPECT_THAT(r.body, HasSubstr("interdict_http_connections_evicted_total 0\n"));
  EXPECT_THAT(r.body, HasSubstr("interdict_http_write_timeouts_total 0\n"));
  // Routes are labelled by template, never by raw path.
  Get("/v1/entities/us-ofac-sdn:24586");
  EXPECT_THAT(Get("/metrics").body, HasSubstr("route=\"GET /v1/entities/{id}\""));
  EXPECT_THAT(Get("/metrics").body, Not(HasSubstr("24586")));
}

// Lenient input in every dialect: a birth date that is no date and an unknown country are left
// out with a warning in the response, and the name is still screened (yente and Watchman clients
// send such values; refusing the query would leave the party unscreened).
json OkJson(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  return r.Json();
}

// The warnings of a response, as one string each.
std::vector<std::string> Warnings(const json& j) {
  std::vector<std::string> out;
  if (j.contains("warnings"))
    for (const json& w : j["warnings"]) out.push_back(w.get<std::string>());
  return out;
}

TEST_F(ServerTest, V1ScreenLeavesOutABadDateAndCountryAndStillScreens) {
  json j = OkJson(Post("/v1/screen", {{"name", "Paradzai Zimondi"},
                                      {"birth_date", {"1947-13-40", "yesterday"}},
                                      {"country", "Atlantis"}}));
  ASSERT_FALSE(j["matches"].empty()) << j.dump();
  EXPECT_EQ(j["matches"][0]["entity"], "us-ofac-sdn:7555");
  EXPECT_THAT(Warnings(j), Contains(HasSubstr("'1947-13-40' is not a date")));
  EXPECT_THAT(Warnings(j), Contains(HasSubstr("'yesterday' is not a date")));
  EXPECT_THAT(Warnings(j), Contains(HasSubstr("'Atlantis'")));
  // No birth-date term: the dates were not used.
  for (const json& t : j["matches"][0]["explanation"]["attributes"])
    EXPECT_NE(t["attribute"], "birth_date") << j.dump();
}

TEST_F(ServerTest, V1ScreenReadsOneDigitMonthAndDay) {
  json j = OkJson(Post("/v1/screen", {{"name", "Paradzai Zimondi"}, {"birth_date", "1947-3-4"}}));
  EXPECT_TRUE(Warnings(j).empty()) << j.dump();
  ASSERT_FALSE(j["matches"].empty()) << j.dump();
  bool dob = false;
  for (const json& t : j["matches"][0]["explanation"]["attributes"])
    dob = dob || (t["attribute"] == "birth_date" && t["effect"].get<double>() > 0);
  EXPECT_TRUE(dob) << "1947-3-4 is the listed 1947-03-04: " << j.dump();
}

TEST_F(ServerTest, V1BatchWarnsPerQuery) {
  json j = OkJson(
      Post("/v1/screen/batch", {{"queries",
                                 {{{"id", 1}, {"name", "Evin Prison"}},
                                  {{"id", 2}, {"name", "Evin Prison"}, {"birth_date", "0"}}}}}));
  ASSERT_EQ(j["results"].size(), 2u) << j.dump();
  EXPECT_TRUE(Warnings(j["results"][0]).empty()) << j.dump();
  EXPECT_THAT(Warnings(j["results"][1]), Contains(HasSubstr("birth_date '0'")));
  EXPECT_FALSE(j["results"][1]["matches"].empty()) << j.dump();
}

TEST_F(ServerTest, YenteMatchWarnsAndScreens) {
  json props = {{"name", {"Paradzai Zimondi"}}, {"birthDate", {"13/13/1970"}}};
  json j = OkJson(Post("/match/default",
                       {{"queries", {{"q", {{"schema", "Person"}, {"properties", props}}}}}}));
  const json& r = j["responses"]["q"];
  EXPECT_THAT(Warnings(r), Contains(HasSubstr("birthDate '13/13/1970' is not a date")));
  ASSERT_FALSE(r["results"].empty()) << j.dump();
}

TEST_F(ServerTest, WatchmanSearchWarnsAndScreens) {
  json j = OkJson(Get("/v2/search?name=Paradzai+Zimondi&birthDate=1947-02-30&type=person"));
  EXPECT_THAT(Warnings(j), Contains(HasSubstr("birthDate '1947-02-30' is not a date")));
  ASSERT_FALSE(j["entities"].empty()) << j.dump();
  EXPECT_EQ(j["entities"][0]["sourceID"], "7555");
  // A lenient date is used.
  j = OkJson(Get("/v2/search?name=Paradzai+Zimondi&birthDate=1947-3-4&type=person"));
  EXPECT_TRUE(Warnings(j).empty()) << j.dump();
  EXPECT_EQ(j["query"]["birthDate"], "1947-03-04T00:00:00Z") << j.dump();
}

}  // namespace
}  // namespace interdict::server
