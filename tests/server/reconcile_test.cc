// OpenRefine reconciliation under /reconcile/{dataset}, sent as OpenRefine sends it (a form
// body `queries=<json>` or `extend=<json>`, GET parameters, suggest and preview calls; the calls
// of yente's tests/test_reconcile.py), each response checked against the Reconciliation API 0.2
// JSON schemas (tests/fixtures/reconciliation-0.2).
#include "json_schema_check.h"
#include "shared_server.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using testing::HttpResult;
using ::testing::IsEmpty;

// application/x-www-form-urlencoded, as OpenRefine encodes a form value.
std::string FormEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class ReconcileTest : public testing::SharedServerTest {
 protected:
  static HttpResult PostForm(const std::string& target, const std::string& field,
                             const json& value) {
    return testing::Fetch(port(), "POST", target, field + "=" + FormEncode(value.dump()),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // The schema's errors for `doc`: none expected.
  static std::vector<std::string> Errors(const json& doc, const std::string& schema) {
    testing::JsonSchemaCheck check(testing::Fixtures() + "/reconciliation-0.2");
    return check.Check(doc, schema);
  }
};

TEST_F(ReconcileTest, SchemaCheckerRejectsWhatTheSchemasForbid) {
  // The checker itself: a result without a score, a manifest without versions 0.2.
  EXPECT_FALSE(Errors({{"q0", {{"result", {{{"id", "x"}, {"name", "y"}}}}}}},
                      "reconciliation-result-batch.json")
                   .empty());
  json manifest = Get("/reconcile/default").Json();
  manifest["versions"] = json::array({"0.1"});
  EXPECT_FALSE(Errors(manifest, "manifest.json").empty());
  manifest.erase("versions");
  manifest["view"]["url"] = "no placeholder";
  EXPECT_FALSE(Errors(manifest, "manifest.json").empty());
}

TEST_F(ReconcileTest, ManifestPointsOpenRefineBackAtThisServer) {
  HttpResult r = Get("/reconcile/default?api_key=K");
  ASSERT_EQ(r.status, 200) << r.body;
  json m = r.Json();
  EXPECT_THAT(Errors(m, "manifest.json"), IsEmpty()) << m.dump();
  EXPECT_EQ(m["identifierSpace"], "http://127.0.0.1/entities/");
  EXPECT_EQ(m["suggest"]["entity"]["service_url"], "http://127.0.0.1/reconcile/default");
  EXPECT_EQ(m["suggest"]["entity"]["service_path"], "/suggest/entity?api_key=K");
  EXPECT_GT(m["defaultTypes"].size(), 3u);
  EXPECT_TRUE(m.contains("extend"));
  ExpectYenteError(Get("/reconcile/eu_fsf"), 404, "not_found", "eu_fsf");
}

TEST_F(ReconcileTest, QueriesAsFormJsonAndGet) {
  json queries = {
      {"q0", {{"query", "Paradzai Zimondi"}, {"type", "Person"}, {"limit", 3}}},
      {"q1", {{"query", "Evin Prison"}, {"properties", {{{"pid", "Thing:country"}, {"v", "ir"}}}}}},
      {"q2",
       {{"query", "Zimondi"},
        {"type", json::array({"Person"})},
        {"properties", {{{"pid", "birthDate"}, {"v", {"1947-03-04"}}}}}}}};
  HttpResult form = PostForm("/reconcile/default", "queries", queries);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.Header("x-batch-size"), "3");
  json j = form.Json();
  EXPECT_THAT(Errors(j, "reconciliation-result-batch.json"), IsEmpty()) << j.dump();
  json top = j["q0"]["result"][0];
  EXPECT_EQ(top["id"], "us-ofac-sdn:7555");
  EXPECT_EQ(top["name"], "Paradzai ZIMONDI");
  EXPECT_EQ(top["match"], true);
  EXPECT_EQ(top["type"][0]["id"], "Person");
  EXPECT_LE(j["q0"]["result"].size(), 3u);
  EXPECT_EQ(j["q1"]["result"][0]["id"], "us-ofac-sdn:24586");
  EXPECT_EQ(j["q2"]["result"][0]["id"], "us-ofac-sdn:7555");
  // The same batch as JSON and as a GET parameter.
  EXPECT_EQ(Post("/reconcile/default", {{"queries", queries}}).Json(), j);
  EXPECT_EQ(Get("/reconcile/default?queries=" + FormEncode(queries.dump())).Json(), j);
  // Only the dataset of the path.
  json un = PostForm("/reconcile/un_sc_sanctions", "queries", queries).Json();
  for (const auto& [key, res] : un.items())
    for (const json& c : res["result"])
      EXPECT_EQ(c["id"].get<std::string>().rfind("un-sc:", 0), 0u);
}

TEST_F(ReconcileTest, BadQueriesFailTheBatch) {
  // yente's test_reconcile_invalid: an unknown type is a 400, not an empty result.
  ExpectYenteError(PostForm("/reconcile/default", "queries",
                            {{"q0", {{"query", "Evin Prison"}, {"type", "Banana"}}}}),
                   400, "invalid_request", "schema 'Banana'");
  ExpectYenteError(PostForm("/reconcile/default", "queries",
                            {{"q0",
                              {{"query", "X"},
                               {"type", "Person"},
                               {"properties", {{{"pid", "Person:shoeSize"}, {"v", "9"}}}}}}}),
                   400, "invalid_request", "'shoeSize'");
  ExpectYenteError(testing::Fetch(port(), "POST", "/reconcile/default", "queries=%7Bnot+json",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}}),
                   400, "invalid_request", "Cannot decode");
  ExpectYenteError(testing::Fetch(port(), "POST", "/reconcile/default", "",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}}),
                   400, "invalid_request", "No queries or extend");
  ExpectYenteError(PostForm("/reconcile/default", "queries", {{"q0", {{"type", "Person"}}}}), 400,
                   "invalid_request", "no name and no identifier");
}

TEST_F(ReconcileTest, Extend) {
  json extend = {
      {"ids", {"us-ofac-sdn:7555", "us-ofac-sdn:1"}},
      {"properties", {{{"id", "name"}}, {{"id", "birthDate"}, {"settings", {{"limit", 1}}}}}}};
  HttpResult r = PostForm("/reconcile/default", "extend", extend);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_THAT(Errors(j, "data-extension-response.json"), IsEmpty()) << j.dump();
  ASSERT_EQ(j["meta"].size(), 2u);
  EXPECT_EQ(j["meta"][0]["id"], "name");
  EXPECT_EQ(j["rows"]["us-ofac-sdn:7555"]["name"][0]["str"], "Paradzai ZIMONDI");
  EXPECT_EQ(j["rows"]["us-ofac-sdn:7555"]["birthDate"], json::array({{{"str", "1947-03-04"}}}));
  EXPECT_EQ(j["rows"]["us-ofac-sdn:1"], json::object());
  ExpectYenteError(PostForm("/reconcile/default", "extend",
                            {{"ids", {"x"}},
                             {"properties", {{{"id", "name"}, {"settings", {{"render", "x"}}}}}}}),
                   400, "invalid_request", "'render'");
}

TEST_F(ReconcileTest, Suggest) {
  json none = Get("/reconcile/default/suggest/entity").Json();
  EXPECT_THAT(Errors(none, "suggest-entities-response.json"), IsEmpty());
  EXPECT_TRUE(none["result"].empty());
  json evin = Get("/reconcile/default/suggest/entity?prefix=evin+prison").Json();
  EXPECT_THAT(Errors(evin, "suggest-entities-response.json"), IsEmpty()) << evin.dump();
  ASSERT_FALSE(evin["result"].empty());
  EXPECT_EQ(evin["result"][0]["id"], "us-ofac-sdn:24586");
  EXPECT_TRUE(Get("/reconcile/default/suggest/entity?prefix=banana+man").Json()["result"].empty());

  json types = Get("/reconcile/default/suggest/type?prefix=organ").Json();
  EXPECT_THAT(Errors(types, "suggest-types-response.json"), IsEmpty());
  ASSERT_EQ(types["result"].size(), 1u);
  EXPECT_EQ(types["result"][0]["id"], "Organization");
  EXPECT_TRUE(Get("/reconcile/default/suggest/type").Json()["result"].empty());

  json props = Get("/reconcile/default/suggest/property?prefix=country").Json();
  EXPECT_THAT(Errors(props, "suggest-properties-response.json"), IsEmpty());
  std::vector<std::string> ids;
  for (const json& p : props["result"]) ids.push_back(p["id"]);
  EXPECT_THAT(ids, ::testing::Contains("Thing:country"));
  EXPECT_THAT(ids, ::testing::Contains("LegalEntity:mainCountry"));
  EXPECT_TRUE(Get("/reconcile/default/suggest/property?prefix=banana").Json()["result"].empty());

  json proposal = Get("/reconcile/default/extend/property?limit=5&type=LegalEntity").Json();
  EXPECT_THAT(Errors(proposal, "data-extension-property-proposal.json"), IsEmpty());
  EXPECT_EQ(proposal["type"], "LegalEntity");
  EXPECT_EQ(proposal["limit"], 5);
  ASSERT_EQ(proposal["properties"].size(), 5u);
  bool has_name = false;
  for (const json& p : proposal["properties"]) has_name = has_name || p["id"] == "name";
  EXPECT_TRUE(has_name);
  ExpectYenteError(Get("/reconcile/default/extend/property?type=Banana"), 400, "invalid_request",
                   "Invalid type");
}

TEST_F(ReconcileTest, Preview) {
  HttpResult r = Get("/reconcile/default/preview?id=us-ofac-sdn:7555");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_THAT(r.body, ::testing::HasSubstr("<h3>Paradzai ZIMONDI</h3>"));
  EXPECT_THAT(r.body, ::testing::HasSubstr("Birth date"));
  ExpectYenteError(Get("/reconcile/default/preview?id=nope"), 404, "not_found", "No such entity");
}

}  // namespace
}  // namespace interdict::server
