// The yente dialect as yente clients use it (yente's examples/match_api.py, the FtM properties
// of a full entity, /search with filters and facets, /catalog, /algorithms), against the 2021
// OFAC SDN fixture and the UN list.
#include <regex>

#include "shared_server.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::HttpResult;

class YenteTest : public testing::SharedServerTest {
 protected:
  static json Batch(json props, const std::string& schema = "Person") {
    return {{"queries", {{"q", {{"schema", schema}, {"properties", std::move(props)}}}}}};
  }
  static json One(const HttpResult& r) { return r.Json()["responses"]["q"]; }
};

TEST_F(YenteTest, AcceptsEveryFtmPropertyOfTheQuerySchema) {
  // A Person as a full FtM entity carries properties screening does not read: accepted, and
  // each named in the warnings.
  HttpResult r =
      Post("/match/default?algorithm=best", Batch({{"name", {"Paradzai Zimondi"}},
                                                   {"birthDate", {"1947-03-04"}},
                                                   {"eyeColor", {"brown"}},
                                                   {"socialSecurityNumber", {"123"}},
                                                   {"sourceUrl", {"https://example.org/x"}},
                                                   {"religion", {"none"}}}));
  ASSERT_EQ(r.status, 200) << r.body;
  json q = One(r);
  EXPECT_EQ(q["results"][0]["id"], "us-ofac-sdn:7555");
  EXPECT_THAT(q["warnings"].dump(), HasSubstr("'eyeColor' is accepted but not used"));
  // Company has the properties of Organization, LegalEntity and Thing, and its own.
  EXPECT_EQ(Post("/match/default", Batch({{"name", {"Evin Prison"}},
                                          {"ticker", {"EVN"}},
                                          {"leiCode", {"X"}},
                                          {"abbreviation", {"EP"}}},
                                         "Company"))
                .status,
            200);
  // A property FtM defines for other schemata only, or for none, is refused.
  ExpectYenteError(Post("/match/default", Batch({{"name", {"X"}}, {"ticker", {"EVN"}}})), 400,
                   "invalid_request",
                   "property 'ticker' is not a FollowTheMoney property of Person");
  ExpectYenteError(Post("/match/default", Batch({{"name", {"X"}}, {"imoNumber", {"1"}}})), 400,
                   "invalid_request", "'imoNumber'");
  ExpectYenteError(Post("/match/default", Batch({{"name", {"X"}}, {"dateOfBirth", {"1970"}}})), 400,
                   "invalid_request", "'dateOfBirth'");
}

TEST_F(YenteTest, IdentifierOnlyQueryIsScreenedOnItsIdentifiers) {
  // Ayman AL ZAWAHIRI carries passport 1084010 on the SDN list and on the UN list.
  HttpResult r = Post("/match/default", Batch({{"passportNumber", {"1084010"}}}));
  ASSERT_EQ(r.status, 200) << r.body;
  json q = One(r);
  ASSERT_EQ(q["results"].size(), 2u) << q.dump();
  EXPECT_EQ(q["results"][0]["id"], "un-sc:QDi.006");
  EXPECT_EQ(q["results"][1]["id"], "us-ofac-sdn:2676");
  for (const json& res : q["results"]) {
    EXPECT_EQ(res["score"], 1.0);
    EXPECT_EQ(res["match"], true);
    EXPECT_TRUE(res["explanations"].contains("identifier_match"));
  }
  EXPECT_EQ(q["total"]["value"], 2);
  // The schema gate still applies: an organisation query never returns the person.
  json org = One(Post("/match/default", Batch({{"idNumber", {"1084010"}}}, "Organization")));
  EXPECT_TRUE(org["results"].empty()) << org.dump();
  EXPECT_EQ(One(Post("/match/default", Batch({{"idNumber", {"1084010"}}})))["results"].size(), 2u);
  // An identifier no record carries: no match, and still 200 (the query was screened).
  EXPECT_TRUE(
      One(Post("/match/default", Batch({{"passportNumber", {"ZZ999"}}})))["results"].empty());
  // Neither a name nor an identifier: refused, never "no match".
  ExpectYenteError(Post("/match/default", Batch({{"birthDate", {"1970"}}})), 400, "invalid_request",
                   "no name and no identifier");
}

TEST_F(YenteTest, TotalCountsEveryMatchBeforeTheLimit) {
  json fuzzy = Batch({{"name", {"Mohammed Yousef"}}});
  json all = One(Post("/match/default?threshold=0.6&limit=500", fuzzy));
  json one = One(Post("/match/default?threshold=0.6&limit=1", fuzzy));
  int64_t matches = 0;
  for (const json& m : all["results"]) matches += m["match"].get<bool>() ? 1 : 0;
  ASSERT_GT(matches, 1);
  EXPECT_EQ(one["results"].size(), 1u);
  EXPECT_EQ(one["total"]["value"], matches);
  EXPECT_EQ(all["total"]["value"], matches);
}

TEST_F(YenteTest, QueryEchoIsTheNormalisedQueryWithItsId) {
  json q = One(Post("/match/default",
                    Batch({{"name", "  Evin Prison "}, {"country", {"ir"}}}, "Organization")));
  EXPECT_TRUE(q["query"].contains("id"));
  EXPECT_TRUE(q["query"]["id"].is_null());
  EXPECT_EQ(q["query"]["schema"], "Organization");
  EXPECT_EQ(q["query"]["properties"], json({{"name", {"Evin Prison"}}, {"country", {"ir"}}}));
  json with_id = {
      {"queries",
       {{"q", {{"id", "cust-1"}, {"schema", "Person"}, {"properties", {{"name", {"X Y"}}}}}}}}};
  EXPECT_EQ(One(Post("/match/default", with_id))["query"]["id"], "cust-1");
}

TEST_F(YenteTest, ExplanationScoresAreNeverNegative) {
  json q = One(Post("/match/default?threshold=0.5",
                    Batch({{"name", {"Paradzai Zimondi"}}, {"birthDate", {"1990-01-01"}}})));
  ASSERT_FALSE(q["results"].empty());
  json x = q["results"][0]["explanations"];
  ASSERT_TRUE(x.contains("dob_mismatch")) << x.dump();
  for (const auto& [feature, value] : x.items())
    EXPECT_GE(value["score"].get<double>(), 0) << feature;
  EXPECT_GT(x["dob_mismatch"]["score"].get<double>(), 0);
}

TEST_F(YenteTest, DatasetNamesAreOpenSanctionsStyle) {
  json evin = Batch({{"name", {"Evin Prison"}}}, "LegalEntity");
  const std::regex ftm_name("^[a-z][a-z0-9_]*$");
  for (const char* ds : {"default", "sanctions", "us_ofac_sdn", "us-ofac-sdn"}) {
    json q = One(Post(std::string("/match/") + ds, evin));
    ASSERT_FALSE(q["results"].empty()) << ds;
    EXPECT_EQ(q["results"][0]["datasets"], json::array({"us_ofac_sdn"})) << ds;
  }
  json un = One(Post("/match/un_sc_sanctions", Batch({{"name", {"Evin Prison"}}}, "LegalEntity")));
  for (const json& res : un["results"]) EXPECT_EQ(res["datasets"][0], "un_sc_sanctions");
  ExpectYenteError(Post("/match/eu_fsf", evin), 404, "not_found", "eu_fsf");
  ExpectYenteError(Post("/match/default?include_dataset=eu_fsf", evin), 400, "invalid_request",
                   "eu_fsf");
  json catalog = Get("/catalog").Json();
  std::vector<std::string> names;
  for (const json& d : catalog["datasets"]) {
    names.push_back(d["name"]);
    EXPECT_TRUE(std::regex_match(d["name"].get<std::string>(), ftm_name)) << d.dump();
  }
  EXPECT_EQ(names,
            std::vector<std::string>({"un_sc_sanctions", "us_ofac_sdn", "default", "sanctions"}));
  EXPECT_EQ(catalog["current"].size(), 4u);
  EXPECT_EQ(catalog["index_stale"], false);
}

TEST_F(YenteTest, MatchRefusesYentesInvalidParameters) {
  json q = Batch({{"name", {"X"}}});
  ExpectYenteError(Post("/match/default?algorithm=magic", q), 400, "invalid_request",
                   "Invalid algorithm: magic");
  ExpectYenteError(Post("/match/default?changed_since=yesterday", q), 422, "invalid_request",
                   "'changed_since'");
  ExpectYenteError(Post("/match/default?changed_since=2024-01-01", q), 400, "unsupported",
                   "'changed_since' is not supported");
  json with_config = q;
  with_config["config"] = {{"nm_number_mismatch", 0.4}};
  ExpectYenteError(Post("/match/default", with_config), 400, "invalid_request",
                   "Invalid configuration parameter: nm_number_mismatch");
  json with_weights = q;
  with_weights["weights"] = {{"name_literal", 0.8}};
  ExpectYenteError(Post("/match/default", with_weights), 400, "invalid_request",
                   "Invalid weight parameter: name_literal");
  with_config["config"] = json::object();
  EXPECT_EQ(Post("/match/default?algorithm=interdict", with_config).status, 200);
}

TEST_F(YenteTest, SearchWithoutQueryFiltersAndFacets) {
  // No q: every record the filters keep. The HERMANN (4234) sails under the Cuban flag.
  HttpResult r = Get("/search/default?countries=cu&schema=Vessel&limit=50");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  ASSERT_FALSE(j["results"].empty());
  bool hermann = false;
  for (const json& res : j["results"]) {
    EXPECT_EQ(res["schema"], "Vessel");
    hermann = hermann || res["id"] == "us-ofac-sdn:4234";
  }
  EXPECT_TRUE(hermann);
  EXPECT_EQ(j["total"]["relation"], "eq");
  // Default facets count every result, not only the page.
  json countries = j["facets"]["countries"]["values"];
  ASSERT_FALSE(countries.empty());
  EXPECT_EQ(countries[0]["name"], "cu");
  EXPECT_EQ(countries[0]["count"], j["total"]["value"]);
  EXPECT_EQ(j["facets"]["datasets"]["values"][0]["name"], "us_ofac_sdn");
  // filter=field:value is the same filter; datasets= restricts by dataset.
  EXPECT_EQ(Get("/search/default?filter=countries:cu&schema=Vessel&limit=50").Json()["total"],
            j["total"]);
  json un = Get("/search/default?q=Evin+Prison&datasets=un_sc_sanctions").Json();
  for (const json& res : un["results"]) EXPECT_EQ(res["datasets"][0], "un_sc_sanctions");
  json schema_facet = Get("/search/default?q=Evin+Prison&facets=schema").Json()["facets"];
  EXPECT_TRUE(schema_facet.contains("schema")) << schema_facet.dump();
  EXPECT_FALSE(schema_facet.contains("countries"));
  // limit=0: the total and the facets only, as yente allows.
  json counts = Get("/search/default?countries=cu&schema=Vessel&limit=0").Json();
  EXPECT_TRUE(counts["results"].empty());
  EXPECT_EQ(counts["total"], j["total"]);
  EXPECT_EQ(counts["facets"], j["facets"]);
  // What is not implemented is refused, never ignored.
  ExpectYenteError(Get("/search/default?filter=properties.birthDate:1985"), 400, "invalid_request",
                   "Invalid filter");
  ExpectYenteError(Get("/search/default?facets=gender"), 400, "invalid_request", "facet 'gender'");
  ExpectYenteError(Get("/search/default?q=x&schema=Address"), 400, "invalid_request",
                   "Invalid schema");
  ExpectYenteError(Get("/search/default?q=x&changed_since=1.1.2020"), 422, "invalid_request",
                   "'changed_since'");
  ExpectYenteError(Get("/search/default?filter_op=XOR"), 422, "invalid_request", "'filter_op'");
  ExpectYenteError(Get("/search/default?q=x&sort=caption"), 400, "invalid_request", "'sort'");
}

TEST_F(YenteTest, CatalogAlgorithmsAdjacentAndUpdatez) {
  json algorithms = Get("/algorithms").Json();
  EXPECT_EQ(algorithms["default"], "interdict");
  EXPECT_EQ(algorithms["best"], "interdict");
  ASSERT_EQ(algorithms["algorithms"].size(), 1u);
  EXPECT_TRUE(algorithms["algorithms"][0]["features"].contains("name_match"));
  HttpResult adj = Get("/entities/us-ofac-sdn:7555/adjacent");
  ASSERT_EQ(adj.status, 200) << adj.body;
  EXPECT_EQ(adj.Json()["entity"]["id"], "us-ofac-sdn:7555");
  EXPECT_EQ(adj.Json()["adjacent"], json::object());
  ExpectYenteError(Get("/entities/us-ofac-sdn:1/adjacent"), 404, "not_found", "No such entity");
  ExpectYenteError(testing::Fetch(port(), "POST", "/updatez?token=x"), 403, "forbidden",
                   "Invalid token");
}

}  // namespace
}  // namespace interdict::server
