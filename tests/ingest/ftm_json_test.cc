// ParseFtmJson on the two OpenSanctions/yente fixtures (tests/fixtures/ftm/), on small files
// written here for the schemata those lack, and on handmade broken files
// (tests/fixtures/ftm-malformed/).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "ingest/parsers.h"
#include "ingest/source.h"

namespace interdict {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::StartsWith;

const std::string kFtm = std::string(INTERDICT_FIXTURES) + "/ftm/";
const std::string kMalformed = std::string(INTERDICT_FIXTURES) + "/ftm-malformed/";

// data/countries.tsv, or, while it is being written, a small table with the codes used here.
const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    if (CountryTable::LoadDefault(INTERDICT_DATA, t).ok()) return t;
    std::string path = ::testing::TempDir() + "ftm_json_test_countries.tsv";
    std::ofstream(path) << "RU\tRussia\tRussian Federation\nBY\tBelarus\nGB\tUnited Kingdom\n"
                           "IR\tIran\nPA\tPanama\nUA\tUkraine\n";
    Status s = CountryTable::Load(path, t);
    if (!s.ok()) std::fprintf(stderr, "%s\n", s.message().c_str());
    return t;
  }();
  return *table;
}

struct Parsed {
  Status status;
  std::vector<Entity> entities;
  ParseReport report;

  const Entity* Find(const std::string& id) const {
    for (const Entity& e : entities)
      if (e.id == id) return &e;
    return nullptr;
  }
  std::string Warnings() const {
    std::string all;
    for (const std::string& w : report.warnings) all += w + "\n";
    return all;
  }
};

Parsed Parse(const std::vector<std::filesystem::path>& paths, const std::string& source = "ftm") {
  Parsed p;
  ParseOptions options;
  options.countries = &Countries();
  options.ftm_source = source;
  p.status = ParseList(
      ListFormat::kFtmJson, paths, options,
      [&p](Entity&& e) {
        p.entities.push_back(std::move(e));
        return Status::Ok();
      },
      &p.report);
  return p;
}

std::vector<std::string> NamesOfKind(const Entity& e, NameKind kind) {
  std::vector<std::string> out;
  for (const Name& n : e.names)
    if (n.kind == kind) out.push_back(n.full);
  return out;
}

std::vector<std::string> AttributeValues(const Entity& e, const std::string& key) {
  std::vector<std::string> out;
  for (const Attribute& a : e.attributes)
    if (a.key == key) out.push_back(a.value);
  return out;
}

std::map<Schema, int> CountSchemata(const Parsed& p) {
  std::map<Schema, int> counts;
  for (const Entity& e : p.entities) ++counts[e.schema];
  return counts;
}

// --- The fixtures --------------------------------------------------------------------------

TEST(FtmJsonTest, T1Counts) {
  Parsed p = Parse({kFtm + "t1.entities.ftm.json"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  std::map<Schema, int> counts = CountSchemata(p);
  EXPECT_EQ(p.entities.size(), 6u);
  EXPECT_EQ(counts[Schema::kPerson], 4);
  EXPECT_EQ(counts[Schema::kOrganization], 2);
  EXPECT_EQ(p.report.published, "");  // an FtM file states no publication date
  ASSERT_EQ(p.report.warnings.size(), 1u);
  EXPECT_THAT(p.report.warnings[0],
              HasSubstr("skipped 1 records that are not screenable parties (Address 1)"));
}

TEST(FtmJsonTest, ZalaCounts) {
  Parsed p = Parse({kFtm + "zala.entities.ftm.json"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  std::map<Schema, int> counts = CountSchemata(p);
  EXPECT_EQ(p.entities.size(), 17u);
  EXPECT_EQ(counts[Schema::kPerson], 6);
  EXPECT_EQ(counts[Schema::kOrganization], 11);  // Company
  EXPECT_THAT(p.Warnings(),
              HasSubstr("skipped 74 records that are not screenable parties (Address 11, "
                        "Directorship 3, Family 4, Ownership 14, Passport 1, Sanction 41)"));
  // Every Sanction names a party of the file: none is dropped.
  EXPECT_THAT(p.Warnings(), ::testing::Not(HasSubstr("Sanction facts")));
  for (const Entity& e : p.entities) {
    EXPECT_THAT(e.id, StartsWith("ftm:"));
    EXPECT_EQ(e.source, "ftm");
    ASSERT_FALSE(e.names.empty());
    EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  }
}

TEST(FtmJsonTest, KuzmenkoFieldByField) {
  Parsed p = Parse({kFtm + "t1.entities.ftm.json"});
  const Entity* e = p.Find("ftm:NK-2Ka3UvopqbpZmVDFjWd4LA");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->source, "ftm");
  // The caption is one of the names: it is the primary one, the others are aliases.
  ASSERT_EQ(e->names.size(), 3u);
  EXPECT_EQ(e->names[0].full, "Vitaly Yurievich KUZMENKO");
  EXPECT_EQ(e->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e->names[0].script, "Latn");
  EXPECT_EQ(e->names[1].full, "Vitalij Kuzmenko");
  EXPECT_EQ(e->names[1].kind, NameKind::kStrongAlias);
  EXPECT_EQ(e->names[2].full, "Виталий Юрьевич КУЗЬМЕНКО");
  EXPECT_EQ(e->names[2].natural, "Виталий Юрьевич КУЗЬМЕНКО");
  EXPECT_EQ(e->names[2].script, "Cyrl");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1971, 1, 22}));
  EXPECT_EQ(e->birth_dates[0].to, (PartialDate{1971, 1, 22}));
  EXPECT_EQ(e->birth_dates[0].original, "1971-01-22");
  EXPECT_EQ(e->gender, "male");
  ASSERT_EQ(e->nationalities.size(), 1u);
  EXPECT_EQ(e->nationalities[0].code, "RU");
  EXPECT_EQ(e->nationalities[0].original, "ru");
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kTaxId);
  EXPECT_EQ(e->identifiers[0].value, "366510784303");
  EXPECT_EQ(e->identifiers[0].label, "taxNumber");
  EXPECT_THAT(e->titles, ElementsAre("General Director of JSC 163 Armor Repair Plant"));
  EXPECT_THAT(e->remarks,
              ElementsAre("The plant is part of the High Precision Systems holding company of "
                          "Rostec"));
  EXPECT_THAT(AttributeValues(*e, "topics"), ElementsAre("sanction"));
  EXPECT_THAT(AttributeValues(*e, "created_at"), ElementsAre("2024-02-23"));
  EXPECT_THAT(AttributeValues(*e, "dataset"), ElementsAre("eu_fsf"));
  EXPECT_THAT(AttributeValues(*e, "target"), ElementsAre("true"));
  // Name parts are not attributes, last_seen & co. are not kept.
  EXPECT_TRUE(AttributeValues(*e, "first_name").empty());
  EXPECT_TRUE(AttributeValues(*e, "last_seen").empty());
  EXPECT_TRUE(e->programs.empty());
  EXPECT_EQ(e->listed_on, "");
}

TEST(FtmJsonTest, OrganizationWithJurisdiction) {
  Parsed p = Parse({kFtm + "t1.entities.ftm.json"});
  const Entity* e = p.Find("ftm:NK-2GdmHtZTeNXjNVrBGEXZNj");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->names[0].full, "RAB „Inter Tobacco“");  // the caption, not the first name
  EXPECT_EQ(e->names.size(), 12u);
  EXPECT_EQ(e->names[2].script, "Grek");
  ASSERT_EQ(e->nationalities.size(), 1u);  // an organisation's country
  EXPECT_EQ(e->nationalities[0].code, "BY");
  EXPECT_TRUE(e->addresses.empty());  // its addressEntity is not in the file
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(e->identifiers[0].value, "808000714");
}

TEST(FtmJsonTest, OsetrovaFieldByField) {
  Parsed p = Parse({kFtm + "zala.entities.ftm.json"});
  const Entity* e = p.Find("ftm:NK-2Tbri3s6GgNtAwsSXh4qpL");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names[0].full, "Maria Aleksandrovna Osetrova");
  EXPECT_EQ(e->names[0].kind, NameKind::kPrimary);
  // "SURNAME, Given" gets a natural-order form.
  EXPECT_EQ(e->names[1].full, "OSETROVA, Maria Aleksandrovna");
  EXPECT_EQ(e->names[1].natural, "Maria Aleksandrovna OSETROVA");
  EXPECT_EQ(NamesOfKind(*e, NameKind::kStrongAlias).size(), 13u);
  EXPECT_THAT(NamesOfKind(*e, NameKind::kStrongAlias), Contains("Zakharova Mariia Oleksandrivna"));
  EXPECT_THAT(NamesOfKind(*e, NameKind::kFormerName),
              ElementsAre("Maria Aleksandrovna Zakharova", "Мария Александровна Захарова"));
  ASSERT_EQ(e->nationalities.size(), 1u);
  EXPECT_EQ(e->nationalities[0].code, "RU");
  ASSERT_EQ(e->citizenships.size(), 1u);
  EXPECT_EQ(e->citizenships[0].code, "RU");
  EXPECT_THAT(e->birth_places, ElementsAre("Russia", "Izhevsk"));
  EXPECT_EQ(e->gender, "female");
  // A person's FtM country is where she is associated with, not a nationality.
  ASSERT_EQ(e->addresses.size(), 3u);
  EXPECT_EQ(e->addresses[0].country.code, "RU");
  EXPECT_EQ(e->addresses[0].original, "");
  EXPECT_EQ(e->addresses[1].original, "IZHEVSK, 426008");
  EXPECT_EQ(e->addresses[2].original, "272 Pushkinskaya St., Apt. 41, Izhevsk, 426008");
  // innCode and taxNumber hold the same number: one tax identifier.
  ASSERT_EQ(e->identifiers.size(), 5u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kTaxId);
  EXPECT_EQ(e->identifiers[0].label, "innCode");
  EXPECT_EQ(e->identifiers[0].value, "183116181362");
  EXPECT_EQ(e->identifiers[1].kind, IdKind::kNationalId);
  EXPECT_EQ(e->identifiers[1].label, "idNumber");
  EXPECT_EQ(e->identifiers[2].label, "uniqueEntityId");
  EXPECT_THAT(e->programs, ElementsAre("UA-SA1644", "US-RUSHAR", "GB-RUS"));
  EXPECT_EQ(e->remarks.size(), 4u);
  EXPECT_THAT(AttributeValues(*e, "topics"), ElementsAre("debarment", "corp.disqual", "sanction"));
  EXPECT_EQ(AttributeValues(*e, "dataset").size(), 7u);
  EXPECT_EQ(AttributeValues(*e, "source_url").size(), 2u);
}

TEST(FtmJsonTest, SanctionFactsAttachedToTheirEntity) {
  Parsed p = Parse({kFtm + "zala.entities.ftm.json"});
  const Entity* e = p.Find("ftm:NK-aU5ybkbRFJucf8YMwsJvDw");  // Alexander ZAKHAROV
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].full, "Alexander Vyacheslavovich ZAKHAROV");
  // His own programId values, then those of the Sanction records that follow him in the file.
  EXPECT_THAT(e->programs, ElementsAre("UA-SA1644", "US-RUSHAR", "NZ-RSA2022", "SECO-UKRAINE",
                                       "GB-RUS", "EU-UKR", "Reciprocal"));
  // The earliest listing (UA 364/2023, start date 2023-07-01).
  EXPECT_EQ(e->listed_on, "2023-07-01");
  EXPECT_THAT(AttributeValues(*e, "sanction_authority"),
              IsSupersetOf({"Office of Foreign Assets Control",
                            "National Security and Defense "
                            "Council"}));
  EXPECT_THAT(e->remarks, Contains("Executive Order 14024 (Russia)"));  // a Sanction's reason

  const Entity* cst = p.Find("ftm:NK-abdzbEBkqyT29GyREbiURZ");  // LLC CST
  ASSERT_NE(cst, nullptr);
  EXPECT_EQ(cst->names[0].full, "LLC CST");
  EXPECT_EQ(cst->listed_on, "2021-10-30");
  EXPECT_THAT(cst->programs, Contains("AU-RUSSIA"));
}

TEST(FtmJsonTest, FolderAndSourceName) {
  Parsed p = Parse({kFtm}, "opensanctions");
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 23u);
  ASSERT_EQ(p.report.files.size(), 2u);
  EXPECT_EQ(p.report.files[0].filename(), "t1.entities.ftm.json");
  EXPECT_EQ(p.report.files[1].filename(), "zala.entities.ftm.json");
  EXPECT_NE(p.Find("opensanctions:NK-2Ka3UvopqbpZmVDFjWd4LA"), nullptr);
  EXPECT_EQ(p.entities[0].source, "opensanctions");
}

TEST(FtmJsonTest, SinkErrorStopsTheParse) {
  ParseOptions options;
  options.countries = &Countries();
  int seen = 0;
  ParseReport report;
  Status s = ParseList(
      ListFormat::kFtmJson, {kFtm + "zala.entities.ftm.json"}, options,
      [&seen](Entity&&) { return ++seen == 2 ? Status::IoError("disk full") : Status::Ok(); },
      &report);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(seen, 2);
}

// --- Schemata and references the fixtures lack ----------------------------------------------

class FtmTempTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = ::testing::TempDir() + "ftm_json_test_" + name;
    std::ofstream(path, std::ios::binary) << content;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& p : paths_) std::remove(p.c_str());
  }
  std::vector<std::string> paths_;
};

TEST_F(FtmTempTest, VesselAircraftLegalEntity) {
  std::string path = Write(
      "things.json",
      R"({"id":"v1","schema":"Vessel","caption":"SEA STAR","properties":{"name":["SEA STAR"],"pastNames":["OCEAN STAR"],"imoNumber":["IMO 9187629"],"mmsi":["352001234"],"callSign":["3FXY4"],"flag":["pa"],"type":["Crude Oil Tanker"],"tonnage":["81000"]}}
{"id":"a1","schema":"Airplane","properties":{"name":["EP-IBG"],"registrationNumber":["EP-IBG"],"serialNumber":["1234"],"model":["Airbus A300"]}}
{"id":"l1","schema":"LegalEntity","properties":{"name":["Acme Holdings"],"weakAlias":["ACME"],"country":["ua"],"email":["info@acme.example"]}}
{"id":"c1","schema":"PublicBody","properties":{"name":["Ministry of Truth"]}}
{"id":"p1","schema":"Person","caption":"Ivan PETROV","properties":{"firstName":["Ivan"],"lastName":["PETROV"],"birthDate":["1960-05","unknown"],"gender":["other"]}}
{"id":"p2","schema":"Person","properties":{"firstName":["Nobody"]}}
{"id":"x1","schema":"Payment","properties":{"amount":["10"]}}
)");
  Parsed p = Parse({path});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 5u);

  const Entity& v = p.entities[0];
  EXPECT_EQ(v.schema, Schema::kVessel);
  EXPECT_THAT(NamesOfKind(v, NameKind::kFormerName), ElementsAre("OCEAN STAR"));
  EXPECT_EQ(v.flag.code, "PA");
  ASSERT_EQ(v.identifiers.size(), 3u);
  EXPECT_EQ(v.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(v.identifiers[0].value, "IMO 9187629");
  EXPECT_EQ(v.identifiers[1].kind, IdKind::kMmsi);
  EXPECT_EQ(v.identifiers[2].kind, IdKind::kCallSign);
  EXPECT_THAT(AttributeValues(v, "type"), ElementsAre("Crude Oil Tanker"));
  EXPECT_THAT(AttributeValues(v, "tonnage"), ElementsAre("81000"));

  const Entity& a = p.entities[1];
  EXPECT_EQ(a.schema, Schema::kAircraft);
  ASSERT_EQ(a.identifiers.size(), 2u);
  EXPECT_EQ(a.identifiers[0].kind, IdKind::kAircraftTail);
  EXPECT_EQ(a.identifiers[1].kind, IdKind::kAircraftSerial);
  EXPECT_THAT(AttributeValues(a, "model"), ElementsAre("Airbus A300"));

  const Entity& l = p.entities[2];
  EXPECT_EQ(l.schema, Schema::kEntity);  // FtM does not say person or organisation
  EXPECT_THAT(NamesOfKind(l, NameKind::kWeakAlias), ElementsAre("ACME"));
  ASSERT_EQ(l.nationalities.size(), 1u);
  EXPECT_EQ(l.nationalities[0].code, "UA");
  EXPECT_THAT(AttributeValues(l, "email"), ElementsAre("info@acme.example"));

  EXPECT_EQ(p.entities[3].schema, Schema::kOrganization);

  // No name property: the caption is the name. An unreadable date and gender are kept as text.
  const Entity& person = p.entities[4];
  EXPECT_THAT(NamesOfKind(person, NameKind::kPrimary), ElementsAre("Ivan PETROV"));
  ASSERT_EQ(person.birth_dates.size(), 1u);
  EXPECT_EQ(person.birth_dates[0].from, (PartialDate{1960, 5, 0}));
  EXPECT_THAT(AttributeValues(person, "birth_date_text"), ElementsAre("unknown"));
  EXPECT_EQ(person.gender, "");
  EXPECT_THAT(AttributeValues(person, "gender"), ElementsAre("other"));

  EXPECT_THAT(p.Warnings(), HasSubstr("(Payment 1)"));
  EXPECT_THAT(p.Warnings(), HasSubstr("skipped 1 parties without any name"));
}

TEST_F(FtmTempTest, AddressesAndSanctionsByIdOrReferent) {
  // The Sanction and the Address come after the party that names them, as in real exports.
  std::string path = Write(
      "refs.json",
      R"({"id":"NK-1","schema":"Company","referents":["ofac-77"],"properties":{"name":["Petrov LLC"],"addressEntity":["addr-old","NK-addr2"],"listingDate":["2020-01-01"]}}
{"id":"NK-addr","schema":"Address","referents":["addr-old"],"properties":{"full":["1 Main St, Minsk"],"city":["Minsk"],"country":["by"]}}
{"id":"NK-addr2","schema":"Address","properties":{"street":["2 Side St"],"country":["ru"]}}
{"id":"s1","schema":"Sanction","properties":{"entity":["ofac-77"],"programId":["US-BELARUS"],"program":["Belarus"],"reason":["Supports the regime"],"authority":["OFAC"],"listingDate":["2021-08-09"]}}
{"id":"s2","schema":"Sanction","properties":{"entity":["NK-1"],"program":["EU Belarus"],"startDate":["2020-06-01T00:00:00"],"authority":["OFAC"]}}
{"id":"s3","schema":"Sanction","properties":{"entity":["NK-gone"],"programId":["X"]}}
)");
  Parsed p = Parse({path});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 1u);
  const Entity& e = p.entities[0];
  ASSERT_EQ(e.addresses.size(), 2u);
  EXPECT_EQ(e.addresses[0].original, "1 Main St, Minsk");
  EXPECT_EQ(e.addresses[0].city, "Minsk");
  EXPECT_EQ(e.addresses[0].country.code, "BY");
  EXPECT_EQ(e.addresses[1].street, "2 Side St");
  EXPECT_EQ(e.addresses[1].country.code, "RU");
  EXPECT_THAT(e.programs, ElementsAre("EU Belarus", "US-BELARUS"));
  EXPECT_THAT(e.remarks, ElementsAre("Supports the regime"));
  EXPECT_THAT(AttributeValues(e, "sanction_authority"), ElementsAre("OFAC"));
  EXPECT_EQ(e.listed_on, "2020-06-01");
  EXPECT_THAT(AttributeValues(e, "listing_date"), ElementsAre("2020-01-01"));
  EXPECT_THAT(p.Warnings(), HasSubstr("Sanction facts about 1 entities not in this file"));
}

TEST_F(FtmTempTest, BlankLinesCrlfAndBom) {
  std::string path =
      Write("blank.json",
            "\xEF\xBB\xBF{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":"
            "{\"name\":[\"A B\"]}}\r\n\r\n  \n"
            "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"name\":[\"C D\"]}}");
  Parsed p = Parse({path});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 2u);
  EXPECT_EQ(p.entities[1].id, "ftm:p2");
}

TEST_F(FtmTempTest, DuplicateIdAcrossFiles) {
  std::string a =
      Write("dup-a.json",
            "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n"
            "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n");
  std::string b =
      Write("dup-b.json",
            "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n"
            "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"name\":[\"C D\"]}}\n"
            "{\"id\":\"p1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"E\"]}}\n");
  Parsed p = Parse({a, b});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  // Skipped records (the Sanction s1 twice) are not parties: only p1 is a duplicate.
  EXPECT_EQ(p.status.message(), b + ":3: duplicate id p1 (first at " + a + ":2)");
  EXPECT_EQ(p.entities.size(), 2u);
}

TEST_F(FtmTempTest, ManyValuesInOneRecordParseInLinearTime) {
  // Each value used to be checked against every value before it: 20,000 names took 3.8 s, and
  // the time grew with the square of the count. 50,000 of each kind now take well under a
  // second (release build); the bound leaves room for sanitizer builds.
  constexpr int kValues = 50000;
  std::string names, ids, places, dup_names;
  for (int i = 0; i < kValues; ++i) {
    const std::string n = std::to_string(i);
    names += (i ? ",\"" : "\"") + ("NAME NUMBER " + n + " AL-EXAMPLE") + "\"";
    ids += (i ? ",\"P" : "\"P") + n + "\"";
    places += (i ? ",\"City " : "\"City ") + n + "\"";
  }
  std::string path = Write("many.json",
                           "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{"
                           "\"name\":[" +
                               names + "],\"alias\":[" + names + "],\"passportNumber\":[" + ids +
                               "],\"birthPlace\":[" + places + "],\"notes\":[" + places + "]}}\n");
  auto start = std::chrono::steady_clock::now();
  Parsed p = Parse({path});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 1u);
  const Entity& e = p.entities[0];
  EXPECT_EQ(e.names.size(), static_cast<size_t>(kValues));  // the aliases repeat the names
  EXPECT_EQ(e.identifiers.size(), static_cast<size_t>(kValues));
  EXPECT_EQ(e.birth_places.size(), static_cast<size_t>(kValues));
  EXPECT_EQ(e.remarks.size(), static_cast<size_t>(kValues));
  EXPECT_LT(seconds, 10.0);
  std::printf("[ info ] one record with %d names, aliases, passports, places, notes: %.2f s\n",
              kValues, seconds);
}

TEST_F(FtmTempTest, ControlCharacterInANameIsRefused) {
  // "\u0000" is valid JSON, but a NUL inside a name would cut it wherever it is printed.
  std::string path =
      Write("nul.json",
            "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n"
            "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":"
            "{\"name\":[\"OSAMA\\u0000BIN LADEN\"]}}\n");
  Parsed p = Parse({path});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(p.status.message(), path +
                                    ":2: property \"name\" holds the control character 0x00 "
                                    "(list text cannot hold one)");
  std::string caption = Write("nul-caption.json",
                              "{\"id\":\"p1\",\"schema\":\"Person\",\"caption\":\"A\\u0007B\","
                              "\"properties\":{}}\n");
  p = Parse({caption});
  EXPECT_EQ(
      p.status.message(),
      caption + ":1: \"caption\" holds the control character 0x07 (list text cannot hold one)");
}

// --- Broken input --------------------------------------------------------------------------

struct BrokenCase {
  std::string file;
  std::string line;
  std::string problem;
};

class FtmBrokenTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(FtmBrokenTest, FailsNamingFileLineAndProblem) {
  const BrokenCase& c = GetParam();
  Parsed p = Parse({kMalformed + c.file});
  ASSERT_FALSE(p.status.ok()) << c.file;
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(p.status.message(), kMalformed + c.file + ":" + c.line + ": " + c.problem);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, FtmBrokenTest,
    ::testing::Values(
        BrokenCase{"not-json.json", "2", "not JSON (A string is opened, but never closed.)"},
        BrokenCase{"not-object.json", "2", "not a JSON object"},
        BrokenCase{"no-id.json", "2", "no \"id\""},
        BrokenCase{"id-not-string.json", "2", "\"id\" is not a string"},
        BrokenCase{"no-schema.json", "2", "no \"schema\" (id p2)"},
        BrokenCase{"invalid-utf8.json", "2", "invalid UTF-8"},
        BrokenCase{"properties-not-object.json", "2", "\"properties\" is not an object"},
        BrokenCase{"property-not-list.json", "2", "property \"name\" is not a list of strings"},
        BrokenCase{"property-not-strings.json", "2", "property \"name\" is not a list of strings"},
        BrokenCase{"duplicate-id.json", "2",
                   std::string("duplicate id p1 (first at ") + INTERDICT_FIXTURES +
                       "/ftm-malformed/duplicate-id.json:1)"},
        // Blank lines are skipped but still counted.
        BrokenCase{"blank-lines-then-bad.json", "4", "not a JSON object"}));

TEST(FtmPathsTest, MissingFileAndEmptySourceName) {
  Parsed missing = Parse({kMalformed + "no-such-file.json"});
  EXPECT_EQ(missing.status.code(), Status::Code::kNotFound);
  Parsed unnamed = Parse({kFtm + "t1.entities.ftm.json"}, "");
  EXPECT_EQ(unnamed.status.code(), Status::Code::kInvalidInput);
}

}  // namespace
}  // namespace interdict
