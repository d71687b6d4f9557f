#include "core/entity_json.h"

#include <gtest/gtest.h>

#include <string>

#include "core/entity.h"

namespace interdict {
namespace {

using nlohmann::json;

// Every field set, several with more than one element, non-ASCII text included; values taken
// from real OFAC and UN records.
Entity FullEntity() {
  Entity e;
  e.id = "us-ofac-sdn:24586";
  e.source = "us-ofac-sdn";
  e.schema = Schema::kPerson;
  e.names = {
      {"KIM, Yong Chol", "Yong Chol KIM", NameKind::kPrimary, "Latn"},
      {"KIM Yong-chol", "KIM Yong-chol", NameKind::kStrongAlias, "Latn"},
      {"KIM, Yong-Chol", "Yong-Chol KIM", NameKind::kWeakAlias, ""},
      {"KIM, Yong Choll", "Yong Choll KIM", NameKind::kFormerName, "Latn"},
      {"김영철", "김영철", NameKind::kOriginalScript, "Hang"},
  };
  e.birth_dates = {
      {{1946, 0, 0}, {1946, 0, 0}, false, "1946"},
      {{1955, 0, 0}, {1958, 0, 0}, false, "1955 to 1958"},
      {{1960, 3, 0}, {1960, 3, 0}, true, "circa Mar 1960"},
      {{1960, 3, 12}, {1960, 3, 12}, false, "12 Mar 1960"},
  };
  e.birth_places = {"Pyongyang, Korea, North", "Yanggang Province"};
  e.nationalities = {{"KP", "Korea, North"}, {"", "undetermined"}};
  e.citizenships = {{"KP", "Democratic People's Republic of Korea"}};
  Address a;
  a.street = "Ibex House, The Minories";
  a.city = "London";
  a.state = "Greater London";
  a.postal_code = "EC3N 1DY";
  a.country = {"GB", "United Kingdom"};
  a.original = "Ibex House, The Minories, London EC3N 1DY, United Kingdom";
  Address b;
  b.city = "Sevastopol";
  b.country = {"", "Region: Crimea"};
  e.addresses = {a, b};
  Identifier passport;
  passport.kind = IdKind::kPassport;
  passport.value = "PD472310104";
  passport.label = "Passport";
  passport.country = {"KP", "Korea, North"};
  passport.note = "issued 01 Nov 2002 expires 31 Oct 2007";
  Identifier wallet;
  wallet.kind = IdKind::kDigitalCurrency;
  wallet.value = "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V";
  wallet.label = "Digital Currency Address - XBT";
  wallet.currency = "XBT";
  Identifier imo;
  imo.kind = IdKind::kImo;
  imo.value = "9187629";
  e.identifiers = {passport, wallet, imo};
  e.gender = "male";
  e.titles = {"Director of the Reconnaissance General Bureau", "General"};
  e.programs = {"DPRK2", "NKSPEA"};
  e.listed_on = "2015-01-02";
  e.remarks = {"DOB 1946", "alt. DOB 1947; Gender Male; Secondary sanctions risk"};
  e.links = {"us-ofac-sdn:15444"};
  e.flag = {"KP", "Korea, North"};
  e.attributes = {{"vessel_type", "Crude Oil Tanker"}, {"tonnage", "1,000"}};
  return e;
}

void ExpectCountryEq(const Country& a, const Country& b, const std::string& where) {
  EXPECT_EQ(a.code, b.code) << where;
  EXPECT_EQ(a.original, b.original) << where;
}

void ExpectEntityEq(const Entity& a, const Entity& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.schema, b.schema);
  ASSERT_EQ(a.names.size(), b.names.size());
  for (size_t i = 0; i < a.names.size(); ++i) {
    EXPECT_EQ(a.names[i].full, b.names[i].full) << i;
    EXPECT_EQ(a.names[i].natural, b.names[i].natural) << i;
    EXPECT_EQ(a.names[i].kind, b.names[i].kind) << i;
    EXPECT_EQ(a.names[i].script, b.names[i].script) << i;
  }
  ASSERT_EQ(a.birth_dates.size(), b.birth_dates.size());
  for (size_t i = 0; i < a.birth_dates.size(); ++i) {
    EXPECT_EQ(a.birth_dates[i].from, b.birth_dates[i].from) << i;
    EXPECT_EQ(a.birth_dates[i].to, b.birth_dates[i].to) << i;
    EXPECT_EQ(a.birth_dates[i].circa, b.birth_dates[i].circa) << i;
    EXPECT_EQ(a.birth_dates[i].original, b.birth_dates[i].original) << i;
  }
  EXPECT_EQ(a.birth_places, b.birth_places);
  ASSERT_EQ(a.nationalities.size(), b.nationalities.size());
  for (size_t i = 0; i < a.nationalities.size(); ++i)
    ExpectCountryEq(a.nationalities[i], b.nationalities[i], "nationality");
  ASSERT_EQ(a.citizenships.size(), b.citizenships.size());
  for (size_t i = 0; i < a.citizenships.size(); ++i)
    ExpectCountryEq(a.citizenships[i], b.citizenships[i], "citizenship");
  ASSERT_EQ(a.addresses.size(), b.addresses.size());
  for (size_t i = 0; i < a.addresses.size(); ++i) {
    EXPECT_EQ(a.addresses[i].street, b.addresses[i].street) << i;
    EXPECT_EQ(a.addresses[i].city, b.addresses[i].city) << i;
    EXPECT_EQ(a.addresses[i].state, b.addresses[i].state) << i;
    EXPECT_EQ(a.addresses[i].postal_code, b.addresses[i].postal_code) << i;
    ExpectCountryEq(a.addresses[i].country, b.addresses[i].country, "address");
    EXPECT_EQ(a.addresses[i].original, b.addresses[i].original) << i;
  }
  ASSERT_EQ(a.identifiers.size(), b.identifiers.size());
  for (size_t i = 0; i < a.identifiers.size(); ++i) {
    EXPECT_EQ(a.identifiers[i].kind, b.identifiers[i].kind) << i;
    EXPECT_EQ(a.identifiers[i].value, b.identifiers[i].value) << i;
    EXPECT_EQ(a.identifiers[i].label, b.identifiers[i].label) << i;
    EXPECT_EQ(a.identifiers[i].currency, b.identifiers[i].currency) << i;
    ExpectCountryEq(a.identifiers[i].country, b.identifiers[i].country, "identifier");
    EXPECT_EQ(a.identifiers[i].note, b.identifiers[i].note) << i;
  }
  EXPECT_EQ(a.gender, b.gender);
  EXPECT_EQ(a.titles, b.titles);
  EXPECT_EQ(a.programs, b.programs);
  EXPECT_EQ(a.listed_on, b.listed_on);
  EXPECT_EQ(a.remarks, b.remarks);
  EXPECT_EQ(a.links, b.links);
  ExpectCountryEq(a.flag, b.flag, "flag");
  ASSERT_EQ(a.attributes.size(), b.attributes.size());
  for (size_t i = 0; i < a.attributes.size(); ++i) {
    EXPECT_EQ(a.attributes[i].key, b.attributes[i].key) << i;
    EXPECT_EQ(a.attributes[i].value, b.attributes[i].value) << i;
  }
}

TEST(EntityJsonTest, FullEntityRoundTripsFieldByField) {
  const Entity e = FullEntity();
  json j = EntityToJson(e);
  Entity back;
  Status st = EntityFromJson(j, &back);
  ASSERT_TRUE(st.ok()) << st.message();
  ExpectEntityEq(e, back);
  EXPECT_EQ(EntityToJson(back), j);
}

TEST(EntityJsonTest, RoundTripsThroughSerializedText) {
  const Entity e = FullEntity();
  std::string text = EntityToJson(e).dump();
  Entity back;
  Status st = EntityFromJson(json::parse(text), &back);
  ASSERT_TRUE(st.ok()) << st.message();
  ExpectEntityEq(e, back);
}

TEST(EntityJsonTest, WritesTheStableFieldNames) {
  json j = EntityToJson(FullEntity());
  EXPECT_EQ(j["id"], "us-ofac-sdn:24586");
  EXPECT_EQ(j["schema"], "person");
  EXPECT_EQ(j["names"][0]["full"], "KIM, Yong Chol");
  EXPECT_EQ(j["names"][0]["natural"], "Yong Chol KIM");
  EXPECT_EQ(j["names"][0]["kind"], "primary");
  EXPECT_EQ(j["names"][1]["kind"], "alias");
  EXPECT_EQ(j["names"][2]["kind"], "weak_alias");
  EXPECT_EQ(j["names"][3]["kind"], "former_name");
  EXPECT_EQ(j["names"][4]["kind"], "original_script");
  EXPECT_EQ(j["names"][4]["script"], "Hang");
  EXPECT_EQ(j["birth_dates"][1]["from"], "1955");
  EXPECT_EQ(j["birth_dates"][1]["to"], "1958");
  EXPECT_EQ(j["birth_dates"][2]["from"], "1960-03");
  EXPECT_EQ(j["birth_dates"][2]["circa"], true);
  EXPECT_EQ(j["birth_dates"][3]["from"], "1960-03-12");
  EXPECT_EQ(j["birth_dates"][3]["text"], "12 Mar 1960");
  EXPECT_EQ(j["nationalities"][0], (json{{"code", "KP"}, {"text", "Korea, North"}}));
  EXPECT_EQ(j["nationalities"][1], (json{{"text", "undetermined"}}));
  EXPECT_EQ(j["addresses"][0]["postal_code"], "EC3N 1DY");
  EXPECT_EQ(j["addresses"][0]["country"]["code"], "GB");
  EXPECT_EQ(j["identifiers"][0]["kind"], "passport");
  EXPECT_EQ(j["identifiers"][1]["kind"], "digital_currency");
  EXPECT_EQ(j["identifiers"][1]["currency"], "XBT");
  EXPECT_EQ(j["identifiers"][2]["kind"], "imo");
  EXPECT_EQ(j["flag"]["code"], "KP");
  EXPECT_EQ(j["attributes"][0], (json{{"key", "vessel_type"}, {"value", "Crude Oil Tanker"}}));
  EXPECT_EQ(j["listed_on"], "2015-01-02");
}

TEST(EntityJsonTest, OmitsEmptyFields) {
  Entity e;
  e.id = "un-sc:QDe.164";
  e.source = "un-sc";
  e.schema = Schema::kOrganization;
  e.names = {{"JAMAAH ANSHARUT DAULAH", "JAMAAH ANSHARUT DAULAH", NameKind::kPrimary, ""}};
  e.birth_dates = {{{1960, 0, 0}, {1960, 0, 0}, false, ""}};
  Identifier id;
  id.kind = IdKind::kOther;
  id.value = "X1";
  e.identifiers = {id};
  e.addresses = {Address{}};
  json j = EntityToJson(e);
  EXPECT_EQ(j, json::parse(R"({
    "id": "un-sc:QDe.164", "source": "un-sc", "schema": "organization",
    "names": [{"full": "JAMAAH ANSHARUT DAULAH", "kind": "primary"}],
    "birth_dates": [{"from": "1960"}],
    "addresses": [{}],
    "identifiers": [{"kind": "other", "value": "X1"}]
  })"))
      << j.dump();

  Entity back;
  ASSERT_TRUE(EntityFromJson(j, &back).ok());
  ExpectEntityEq(e, back);
}

TEST(EntityJsonTest, AbsentFieldsReadAsEmpty) {
  Entity e;
  Status st = EntityFromJson(json::parse(R"({"id": "x:1", "source": "x", "schema": "vessel",
                                             "names": [{"full": "A", "kind": "primary"}],
                                             "unknown_key": [1, 2, 3]})"),
                             &e);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(e.schema, Schema::kVessel);
  ASSERT_EQ(e.names.size(), 1u);
  EXPECT_EQ(e.names[0].natural, "A");  // absent natural = full
  EXPECT_TRUE(e.birth_dates.empty());
  EXPECT_TRUE(e.addresses.empty());
  EXPECT_TRUE(e.flag.code.empty() && e.flag.original.empty());
  EXPECT_TRUE(e.listed_on.empty());
}

struct BadJson {
  const char* json_text;
  const char* message;  // expected part of the error message
};

TEST(EntityJsonTest, WrongTypesAreErrorsNamingTheField) {
  const BadJson cases[] = {
      {R"({"id": 5, "source": "x", "schema": "person"})", "field 'id' is not a string"},
      {R"({"id": "x:1", "source": ["x"], "schema": "person"})", "field 'source' is not a string"},
      {R"({"id": "x:1", "schema": "robot"})", "unknown schema 'robot'"},
      {R"({"id": "x:1", "schema": "person", "names": {"full": "A"}})",
       "field 'names' is not an array"},
      {R"({"id": "x:1", "schema": "person", "names": ["A"]})", "field 'names' holds a non-object"},
      {R"({"id": "x:1", "schema": "person", "names": [{"full": 1, "kind": "primary"}]})",
       "field 'full' is not a string"},
      {R"({"id": "x:1", "schema": "person", "names": [{"full": "A", "kind": "nickname"}]})",
       "unknown name kind 'nickname'"},
      {R"({"id": "x:1", "schema": "person", "birth_dates": [{"from": "1960-13"}]})",
       "field 'from': bad date '1960-13'"},
      {R"({"id": "x:1", "schema": "person", "birth_dates": [{"from": "1960", "to": 1961}]})",
       "field 'to' is not a string"},
      {R"({"id": "x:1", "schema": "person", "birth_dates": [{"from": "1960", "circa": "yes"}]})",
       "field 'circa' is not a boolean"},
      {R"({"id": "x:1", "schema": "person", "birth_places": "Kabul"})",
       "field 'birth_places' is not an array"},
      {R"({"id": "x:1", "schema": "person", "programs": ["SDGT", 7]})",
       "field 'programs' holds a non-string"},
      {R"({"id": "x:1", "schema": "person", "nationalities": ["IR"]})",
       "field 'nationalities' holds a non-object"},
      {R"({"id": "x:1", "schema": "person", "citizenships": [{"code": 364}]})",
       "field 'code' is not a string"},
      {R"({"id": "x:1", "schema": "person", "addresses": [{"country": "Iran"}]})",
       "field 'country' is not an object"},
      {R"({"id": "x:1", "schema": "person", "identifiers": [{"kind": "dna", "value": "1"}]})",
       "unknown identifier kind 'dna'"},
      {R"({"id": "x:1", "schema": "vessel", "identifiers": [{"kind": "imo", "country": []}]})",
       "field 'country' is not an object"},
      {R"({"id": "x:1", "schema": "vessel", "flag": "KP"})", "field 'flag' is not an object"},
      {R"({"id": "x:1", "schema": "vessel", "attributes": [{"key": "tonnage", "value": 1000}]})",
       "field 'value' is not a string"},
      {R"({"id": "x:1", "schema": "vessel", "attributes": [["tonnage", "1000"]]})",
       "field 'attributes' holds a non-object"},
      {R"({"id": "x:1", "schema": "person", "gender": null})", "field 'gender' is not a string"},
  };
  for (const BadJson& c : cases) {
    Entity e;
    e.id = "untouched";
    Status st = EntityFromJson(json::parse(c.json_text), &e);
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << c.json_text;
    EXPECT_NE(st.message().find(c.message), std::string::npos)
        << c.json_text << " -> " << st.message();
    EXPECT_EQ(e.id, "untouched") << c.json_text;  // *out is left alone on error
  }
}

TEST(EntityJsonTest, ErrorsNameTheEntity) {
  Entity e;
  Status st = EntityFromJson(json::parse(R"({"id": "un-sc:QDi.001", "schema": "alien"})"), &e);
  EXPECT_EQ(st.message(), "entity 'un-sc:QDi.001': unknown schema 'alien'");
}

TEST(EntityJsonTest, NonObjectIsAnError) {
  Entity e;
  for (const char* text : {"[]", "\"x\"", "null", "42"}) {
    Status st = EntityFromJson(json::parse(text), &e);
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << text;
    EXPECT_EQ(st.message(), "entity is not a JSON object") << text;
  }
}

TEST(EnumNamesTest, EveryValueRoundTrips) {
  for (Schema s : {Schema::kEntity, Schema::kPerson, Schema::kOrganization, Schema::kVessel,
                   Schema::kAircraft}) {
    Schema back = Schema::kEntity;
    ASSERT_TRUE(ParseSchema(SchemaName(s), &back)) << SchemaName(s);
    EXPECT_EQ(back, s);
  }
  EXPECT_EQ(SchemaName(Schema::kOrganization), "organization");
  for (NameKind k : {NameKind::kPrimary, NameKind::kStrongAlias, NameKind::kWeakAlias,
                     NameKind::kFormerName, NameKind::kOriginalScript}) {
    NameKind back = NameKind::kPrimary;
    ASSERT_TRUE(ParseNameKind(NameKindName(k), &back)) << NameKindName(k);
    EXPECT_EQ(back, k);
  }
  for (int i = 0; i <= static_cast<int>(IdKind::kOther); ++i) {
    IdKind k = static_cast<IdKind>(i);
    IdKind back = IdKind::kOther;
    ASSERT_TRUE(ParseIdKind(IdKindName(k), &back)) << IdKindName(k);
    EXPECT_EQ(back, k);
  }
  EXPECT_EQ(IdKindName(IdKind::kSwiftBic), "swift_bic");
  Schema s = Schema::kVessel;
  EXPECT_FALSE(ParseSchema("Person", &s));  // case matters
  EXPECT_FALSE(ParseSchema("", &s));
  EXPECT_EQ(s, Schema::kVessel);  // untouched on failure
  IdKind k = IdKind::kImo;
  EXPECT_FALSE(ParseIdKind("passport ", &k));
  EXPECT_EQ(k, IdKind::kImo);
}

TEST(PrimaryNameTest, FirstPrimaryElseFirstName) {
  Entity e;
  e.names = {{"A", "A", NameKind::kStrongAlias, ""}, {"B", "B", NameKind::kPrimary, ""}};
  EXPECT_EQ(e.primary_name().full, "B");
  e.names[1].kind = NameKind::kWeakAlias;
  EXPECT_EQ(e.primary_name().full, "A");
}

TEST(PartialDateTest, Formats) {
  EXPECT_EQ(FormatPartialDate({}), "");
  EXPECT_EQ(FormatPartialDate({0, 3, 12}), "");  // no year: unknown
  EXPECT_EQ(FormatPartialDate({1960, 0, 0}), "1960");
  EXPECT_EQ(FormatPartialDate({1960, 3, 0}), "1960-03");
  EXPECT_EQ(FormatPartialDate({1960, 3, 12}), "1960-03-12");
  EXPECT_EQ(FormatPartialDate({2024, 12, 31}), "2024-12-31");
  EXPECT_EQ(FormatPartialDate({1000, 1, 1}), "1000-01-01");
}

TEST(PartialDateTest, ParsesWhatFormatWrites) {
  for (PartialDate d :
       {PartialDate{1960, 0, 0}, PartialDate{1960, 3, 0}, PartialDate{1960, 3, 12},
        PartialDate{1000, 1, 1}, PartialDate{9999, 12, 31}, PartialDate{2000, 2, 29}}) {
    PartialDate back;
    ASSERT_TRUE(ParsePartialDate(FormatPartialDate(d), &back)) << FormatPartialDate(d);
    EXPECT_EQ(back, d) << FormatPartialDate(d);
  }
}

TEST(PartialDateTest, RejectsEverythingElseAndLeavesOutAlone) {
  for (const char* text : {"",
                           "196",
                           "19600",
                           "1960-3",
                           "1960-03-1",
                           "1960-003",
                           "1960-13",
                           "1960-00",
                           "1960-03-00",
                           "1960-03-32",
                           "1960/03/12",
                           "1960-03/12",
                           "12-03-1960",
                           " 1960",
                           "1960 ",
                           "0999",
                           "0000",
                           "-960",
                           "+960",
                           "196a",
                           "1960-0a",
                           "1960-+3",
                           "1960-03-+1",
                           "1960-03-12T00:00",
                           "1960-03-1\xc2"}) {
    PartialDate d{1, 2, 3};
    EXPECT_FALSE(ParsePartialDate(text, &d)) << "'" << text << "'";
    EXPECT_EQ(d, (PartialDate{1, 2, 3})) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace interdict
