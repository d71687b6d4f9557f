#include "match/query_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace interdict {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// Reads `text` with both parsers (nlohmann::json for API bodies, simdjson for --jsonl), which
// must agree on everything.
Status Read(const std::string& text, ScreeningQuery* q) {
  ScreeningQuery fast = *q;
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  EXPECT_EQ(parser.parse(text).get(e), simdjson::SUCCESS) << text;
  Status fast_status = QueryFromJson(e, &fast);
  Status st = QueryFromJson(json::parse(text), q);
  EXPECT_EQ(fast_status.ok(), st.ok()) << text;
  EXPECT_EQ(fast_status.message(), st.message()) << text;
  EXPECT_EQ(fast.name, q->name) << text;
  EXPECT_EQ(fast.schema, q->schema) << text;
  EXPECT_EQ(fast.birth_dates, q->birth_dates) << text;
  EXPECT_EQ(fast.warnings, q->warnings) << text;
  EXPECT_EQ(fast.countries, q->countries) << text;
  EXPECT_EQ(fast.identifiers.size(), q->identifiers.size()) << text;
  for (size_t i = 0; i < std::min(fast.identifiers.size(), q->identifiers.size()); ++i) {
    EXPECT_EQ(fast.identifiers[i].value, q->identifiers[i].value) << text;
    EXPECT_EQ(fast.identifiers[i].kind, q->identifiers[i].kind) << text;
  }
  return st;
}

ScreeningQuery Parse(const std::string& text) {
  ScreeningQuery q;
  Status st = Read(text, &q);
  EXPECT_TRUE(st.ok()) << text << ": " << st.message();
  return q;
}

// The error message for `text`, which must fail; "" when it parsed.
std::string Error(const std::string& text) {
  ScreeningQuery q;
  q.name = "untouched";
  Status st = Read(text, &q);
  if (st.ok()) return "";
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << text;
  EXPECT_EQ(q.name, "untouched") << "a failed parse must leave the query alone: " << text;
  return st.message();
}

TEST(QueryFromJsonTest, NameOnly) {
  ScreeningQuery q = Parse(R"({"name": "Ayman al-Zawahiri"})");
  EXPECT_EQ(q.name, "Ayman al-Zawahiri");
  EXPECT_FALSE(q.schema.has_value());
  EXPECT_TRUE(q.birth_dates.empty());
  EXPECT_TRUE(q.countries.empty());
  EXPECT_TRUE(q.identifiers.empty());
}

TEST(QueryFromJsonTest, EveryFieldAsAString) {
  ScreeningQuery q = Parse(R"({"id": 7, "name": "KIM Yong Chol", "type": "person",
      "birth_date": "1946-05-12", "country": "Korea, North", "identifiers": ["P229856"]})");
  EXPECT_EQ(q.name, "KIM Yong Chol");
  ASSERT_TRUE(q.schema.has_value());
  EXPECT_EQ(*q.schema, Schema::kPerson);
  ASSERT_EQ(q.birth_dates.size(), 1u);
  EXPECT_EQ(q.birth_dates[0], (PartialDate{1946, 5, 12}));
  EXPECT_EQ(q.countries, std::vector<std::string>{"Korea, North"});
  ASSERT_EQ(q.identifiers.size(), 1u);
  EXPECT_EQ(q.identifiers[0].value, "P229856");
  EXPECT_FALSE(q.identifiers[0].kind.has_value());
}

TEST(QueryFromJsonTest, ArraysAndTypedIdentifiers) {
  ScreeningQuery q = Parse(R"({"name": "X", "birth_date": ["1970", "1971-03", "1972-04-05"],
      "country": ["IR", "Iraq"],
      "identifiers": ["A1", {"type": "imo", "value": "9187629"}, {"value": "B2"},
                      {"type": null, "value": "C3"}]})");
  ASSERT_EQ(q.birth_dates.size(), 3u);
  EXPECT_EQ(q.birth_dates[0], (PartialDate{1970, 0, 0}));
  EXPECT_EQ(q.birth_dates[1], (PartialDate{1971, 3, 0}));
  EXPECT_EQ(q.birth_dates[2], (PartialDate{1972, 4, 5}));
  EXPECT_EQ(q.countries, (std::vector<std::string>{"IR", "Iraq"}));
  ASSERT_EQ(q.identifiers.size(), 4u);
  EXPECT_EQ(q.identifiers[0].value, "A1");
  EXPECT_FALSE(q.identifiers[0].kind.has_value());
  EXPECT_EQ(q.identifiers[1].value, "9187629");
  ASSERT_TRUE(q.identifiers[1].kind.has_value());
  EXPECT_EQ(*q.identifiers[1].kind, IdKind::kImo);
  EXPECT_EQ(q.identifiers[2].value, "B2");
  EXPECT_FALSE(q.identifiers[2].kind.has_value());
  EXPECT_FALSE(q.identifiers[3].kind.has_value());
}

TEST(QueryFromJsonTest, EveryTypeName) {
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "person"})").schema, Schema::kPerson);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "organization"})").schema, Schema::kOrganization);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "organisation"})").schema, Schema::kOrganization);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "company"})").schema, Schema::kOrganization);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "vessel"})").schema, Schema::kVessel);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "aircraft"})").schema, Schema::kAircraft);
  EXPECT_EQ(*Parse(R"({"name": "x", "type": "entity"})").schema, Schema::kEntity);
}

TEST(QueryFromJsonTest, NullsAreAbsentFields) {
  ScreeningQuery q = Parse(
      R"({"name": "x", "type": null, "birth_date": null, "country": null, "identifiers": null})");
  EXPECT_FALSE(q.schema.has_value());
  EXPECT_TRUE(q.birth_dates.empty());
  EXPECT_TRUE(q.countries.empty());
  EXPECT_TRUE(q.identifiers.empty());
  // Empty arrays too.
  q = Parse(R"({"name": "x", "birth_date": [], "country": [], "identifiers": []})");
  EXPECT_TRUE(q.birth_dates.empty());
  EXPECT_TRUE(q.countries.empty());
  EXPECT_TRUE(q.identifiers.empty());
}

TEST(QueryFromJsonTest, UnknownFieldsAreIgnored) {
  ScreeningQuery q = Parse(R"({"id": {"ref": [1, 2]}, "name": "x", "nickname": 5,
      "birth_place": {"city": "Giza"}, "Name": 3})");
  EXPECT_EQ(q.name, "x");
}

TEST(QueryFromJsonTest, AnEmptyNameIsTheMatchersToReject) {
  // The JSON is well-formed; Matcher::Screen reports the empty name.
  EXPECT_EQ(Parse(R"({"name": ""})").name, "");
}

TEST(QueryFromJsonTest, NotAnObject) {
  for (const char* text : {"[]", "\"Ayman\"", "42", "null", "true", R"([{"name": "x"}])"})
    EXPECT_EQ(Error(text), "a query must be a JSON object") << text;
}

TEST(QueryFromJsonTest, NameErrors) {
  EXPECT_EQ(Error(R"({})"), "'name' is missing");
  EXPECT_EQ(Error(R"({"id": 1})"), "'name' is missing");
  EXPECT_EQ(Error(R"({"name": null})"), "'name' is missing");
  EXPECT_EQ(Error(R"({"name": 5})"), "'name' must be a string");
  EXPECT_EQ(Error(R"({"name": ["a", "b"]})"), "'name' must be a string");
  EXPECT_EQ(Error(R"({"name": {"full": "x"}})"), "'name' must be a string");
}

TEST(QueryFromJsonTest, TypeErrors) {
  EXPECT_EQ(Error(R"({"name": "x", "type": 1})"), "'type' must be a string");
  EXPECT_EQ(Error(R"({"name": "x", "type": ["person"]})"), "'type' must be a string");
  EXPECT_EQ(Error(R"({"name": "x", "type": "human"})"),
            "'type' must be person, organization, vessel, aircraft or entity");
  EXPECT_EQ(Error(R"({"name": "x", "type": "Person"})"),
            "'type' must be person, organization, vessel, aircraft or entity");
  EXPECT_EQ(Error(R"({"name": "x", "type": ""})"),
            "'type' must be person, organization, vessel, aircraft or entity");
}

TEST(QueryFromJsonTest, BirthDateErrors) {
  EXPECT_EQ(Error(R"({"name": "x", "birth_date": 1970})"),
            "'birth_date' must be a string or an array of strings");
  EXPECT_EQ(Error(R"({"name": "x", "birth_date": {"year": 1970}})"),
            "'birth_date' must be a string or an array of strings");
  EXPECT_EQ(Error(R"({"name": "x", "birth_date": ["1970", 1971]})"),
            "'birth_date' must hold strings only");
}

TEST(QueryFromJsonTest, UnusableBirthDatesAreLeftOutWithAWarning) {
  for (const char* bad :
       {"1970-13", "1970-00", "1970-01-32", "1970-02-29", "1975-13-40", "12/03/1970", "197", "",
        "70", "0999", "year", "1970-", "1970--1", "1970-001", "1970-1-1-1", "19700-1-1", "+1970"}) {
    ScreeningQuery q = Parse(json{{"name", "x"}, {"birth_date", bad}}.dump());
    EXPECT_TRUE(q.birth_dates.empty()) << bad;
    ASSERT_EQ(q.warnings.size(), 1u) << bad;
    EXPECT_EQ(q.warnings[0],
              std::string("birth_date '") + bad +
                  "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); screened without it");
  }
  // The good dates of an array are kept, the bad ones left out.
  ScreeningQuery q = Parse(R"({"name": "x", "birth_date": ["1970", "soon", "1971-2-3"]})");
  EXPECT_EQ(q.birth_dates, (std::vector<PartialDate>{{1970, 0, 0}, {1971, 2, 3}}));
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_THAT(q.warnings[0], HasSubstr("'soon'"));
}

TEST(QueryFromJsonTest, BirthDatesAreReadLeniently) {
  const std::pair<const char*, PartialDate> cases[] = {
      {"1975-3-7", {1975, 3, 7}},
      {"1975-03-7", {1975, 3, 7}},
      {"1975-3", {1975, 3, 0}},
      {" 1975-12-01 ", {1975, 12, 1}},
      {"1970-1-1", {1970, 1, 1}},
      {"1951-12-15T00:00:00", {1951, 12, 15}},
      {"1951-12-15 10:00", {1951, 12, 15}},
      {"2000-02-29", {2000, 2, 29}},
      {"1970-03-12T00:00", {1970, 3, 12}},
  };
  for (const auto& [text, date] : cases) {
    ScreeningQuery q = Parse(json{{"name", "x"}, {"birth_date", text}}.dump());
    EXPECT_TRUE(q.warnings.empty()) << text;
    EXPECT_EQ(q.birth_dates, std::vector<PartialDate>{date}) << text;
  }
}

TEST(QueryFromJsonTest, CountryErrors) {
  EXPECT_EQ(Error(R"({"name": "x", "country": 250})"),
            "'country' must be a string or an array of strings");
  EXPECT_EQ(Error(R"({"name": "x", "country": ["IR", null]})"), "'country' must hold strings only");
  // An unknown country is not a JSON error: the matcher warns about it.
  EXPECT_EQ(Parse(R"({"name": "x", "country": "Atlantis"})").countries,
            std::vector<std::string>{"Atlantis"});
}

TEST(QueryFromJsonTest, IdentifierErrors) {
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": "P229856"})"), "'identifiers' must be an array");
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": {"value": "P1"}})"),
            "'identifiers' must be an array");
  const std::string items =
      "'identifiers' items must be strings or {\"type\": ..., \"value\": ...}";
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [42]})"), items);
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [null]})"), items);
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [{"type": "passport"}]})"), items);
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [{"value": 1084010}]})"), items);
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [["P1"]]})"), items);
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [{"type": "shoe_size", "value": "44"}]})"),
            "'identifiers': unknown type \"shoe_size\"");
  EXPECT_EQ(Error(R"({"name": "x", "identifiers": [{"type": 3, "value": "44"}]})"),
            "'identifiers': unknown type 3");
}

// A query's id is echoed on its result line as nlohmann::json writes it, whatever its kind.
TEST(WriteJsonValueTest, WritesWhatNlohmannDumps) {
  for (const char* text :
       {R"("q-1")", R"("tab\t, quote\", slash\/, \u00e9t\u00e9, 東京, \u0001")", "0", "-17",
        "9223372036854775807", "18446744073709551615", "1.5", "1.0", "-0.001", "1e-7", "2.5e21",
        "true", "false", "null", "[]", "{}", R"([1, "two", [3.0], {"b": 1, "a": null}])",
        R"({"zeta": 1, "alpha": {"y": [true], "x": "v"}, "mid": -2.75})"}) {
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(std::string(text)).get(e), simdjson::SUCCESS) << text;
    std::string out;
    JsonWriter w(&out);
    WriteJsonValue(e, &w);
    EXPECT_EQ(out, json::parse(text).dump()) << text;
  }
}

TEST(ParseQueryDateTest, Forms) {
  PartialDate d;
  ASSERT_TRUE(ParseQueryDate("1951", &d));
  EXPECT_EQ(d, (PartialDate{1951, 0, 0}));
  ASSERT_TRUE(ParseQueryDate("1951-06", &d));
  EXPECT_EQ(d, (PartialDate{1951, 6, 0}));
  ASSERT_TRUE(ParseQueryDate("1951-06-19", &d));
  EXPECT_EQ(d, (PartialDate{1951, 6, 19}));
  d = PartialDate{1, 2, 3};
  EXPECT_FALSE(ParseQueryDate("19 June 1951", &d));
  EXPECT_EQ(d, (PartialDate{1, 2, 3}));  // untouched on failure
}

TEST(MatchToJsonTest, Shape) {
  Entity e;
  e.id = "us-ofac-sdn:2676";
  e.source = "us-ofac-sdn";
  e.schema = Schema::kPerson;
  MatchResult m;
  m.entity = &e;
  m.score = 0.87654f;
  m.explanation.list_name = "AL ZAWAHIRI, Dr. Ayman";
  m.explanation.name_kind = NameKind::kStrongAlias;
  m.explanation.name_score = 0.8f;
  m.explanation.pairs.push_back({"Zawahri", "ZAWAHIRI", {0.875f, Evidence::kTypo, 1, false}});
  m.explanation.pairs.push_back({"AlQaida", "AL QAIDA", {0.97f, Evidence::kExact, 0, true}});
  m.explanation.unmatched_query = {"Rabi"};
  m.explanation.unmatched_list = {"Dr"};
  m.explanation.terms.push_back({"birth_date", 0.08f, "1951-06-19 equals 19 Jun 1951"});
  m.explanation.sentence = "Matched.";
  json j = MatchToJson(m);
  EXPECT_EQ(j["entity"], "us-ofac-sdn:2676");
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 0.877);  // three decimals
  EXPECT_EQ(j["name"], "AL ZAWAHIRI, Dr. Ayman");
  EXPECT_EQ(j["schema"], "person");
  EXPECT_EQ(j["source"], "us-ofac-sdn");
  const json& x = j["explanation"];
  EXPECT_EQ(x["matched_name"], "AL ZAWAHIRI, Dr. Ayman");
  EXPECT_EQ(x["name_kind"], "alias");
  EXPECT_DOUBLE_EQ(x["name_score"].get<double>(), 0.8);
  ASSERT_EQ(x["tokens"].size(), 2u);
  EXPECT_EQ(x["tokens"][0]["query"], "Zawahri");
  EXPECT_EQ(x["tokens"][0]["list"], "ZAWAHIRI");
  EXPECT_EQ(x["tokens"][0]["evidence"], "typo");
  EXPECT_EQ(x["tokens"][0]["edits"], 1);
  EXPECT_DOUBLE_EQ(x["tokens"][0]["similarity"].get<double>(), 0.875);
  EXPECT_FALSE(x["tokens"][0].contains("joined"));
  EXPECT_EQ(x["tokens"][1]["evidence"], "exact");
  EXPECT_FALSE(x["tokens"][1].contains("edits"));  // edits only for typos
  EXPECT_EQ(x["tokens"][1]["joined"], true);
  EXPECT_EQ(x["query_only"], json::array({"Rabi"}));
  EXPECT_EQ(x["list_only"], json::array({"Dr"}));
  ASSERT_EQ(x["attributes"].size(), 1u);
  EXPECT_EQ(x["attributes"][0]["attribute"], "birth_date");
  EXPECT_DOUBLE_EQ(x["attributes"][0]["effect"].get<double>(), 0.08);
  EXPECT_EQ(x["attributes"][0]["detail"], "1951-06-19 equals 19 Jun 1951");
  EXPECT_EQ(x["sentence"], "Matched.");
}

}  // namespace
}  // namespace interdict
