// ParseUnXml on the real UN Security Council list (data/lists/un-sc/un-sc-2026-02.xml), on
// handmade broken files (tests/fixtures/un-malformed/), and the date/script helpers it uses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "ingest/date_text.h"
#include "ingest/parsers.h"
#include "ingest/source.h"

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kUnFile = std::string(INTERDICT_DATA) + "/lists/un-sc/un-sc-2026-02.xml";
const std::string kMalformed = std::string(INTERDICT_FIXTURES) + "/un-malformed/";

// data/countries.tsv, or, while it is being written, a small table with the spellings used here.
const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    if (CountryTable::LoadDefault(INTERDICT_DATA, t).ok()) return t;
    std::string path = ::testing::TempDir() + "un_xml_test_countries.tsv";
    std::ofstream(path) << "CD\tDemocratic Republic of the Congo\tDRC\n"
                           "RW\tRwanda\nUG\tUganda\nBE\tBelgium\nAF\tAfghanistan\nLY\tLibya\n"
                           "IR\tIran\tIran (Islamic Republic of)\n"
                           "RU\tRussia\tRussian Federation\n"
                           "KP\tNorth Korea\tDemocratic People's Republic of Korea\n";
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
};

Parsed Parse(const std::string& path) {
  Parsed p;
  ParseOptions options;
  options.countries = &Countries();
  p.status = ParseList(
      ListFormat::kUnXml, {path}, options,
      [&p](Entity&& e) {
        p.entities.push_back(std::move(e));
        return Status::Ok();
      },
      &p.report);
  return p;
}

// The real list is parsed once for all tests.
const Parsed& Un() {
  static const Parsed* parsed = new Parsed(Parse(kUnFile));
  return *parsed;
}

const Entity& UnRecord(const std::string& id) {
  const Entity* e = Un().Find(id);
  if (e == nullptr) {
    ADD_FAILURE() << id << " not found";
    static const Entity kEmpty;
    return kEmpty;
  }
  return *e;
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

PartialDate Date(int y, int m = 0, int d = 0) { return PartialDate{y, m, d}; }

// --- The real list -------------------------------------------------------------------------

TEST(UnXmlTest, CountsAndPublicationDate) {
  const Parsed& p = Un();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  std::map<Schema, int> counts;
  for (const Entity& e : p.entities) ++counts[e.schema];
  EXPECT_EQ(p.entities.size(), 1003u);
  EXPECT_EQ(counts[Schema::kPerson], 730);
  EXPECT_EQ(counts[Schema::kOrganization], 273);
  EXPECT_EQ(p.report.published, "2026-02-27T00:00:09.554Z");
  ASSERT_EQ(p.report.files.size(), 1u);
  EXPECT_EQ(p.report.files[0].filename(), "un-sc-2026-02.xml");
  // Every element of the real file is known: nothing was kept as an unknown attribute.
  EXPECT_TRUE(p.report.warnings.empty()) << p.report.warnings.front();
}

TEST(UnXmlTest, EveryRecordIsWellFormed) {
  std::map<std::string, int> ids;
  std::map<std::string, int> programs;
  for (const Entity& e : Un().entities) {
    ++ids[e.id];
    EXPECT_THAT(e.id, StartsWith("un-sc:"));
    EXPECT_EQ(e.source, "un-sc");
    ASSERT_FALSE(e.names.empty()) << e.id;
    EXPECT_EQ(e.names[0].kind, NameKind::kPrimary) << e.id;
    for (const Name& n : e.names) {
      EXPECT_FALSE(n.full.empty()) << e.id;
      // UN names are in natural order, but for two Cyrillic original-script names.
      if (n.kind != NameKind::kOriginalScript || n.script != "Cyrl") {
        EXPECT_EQ(n.natural, n.full) << e.id;
      }
      EXPECT_FALSE(n.script.empty()) << e.id;
    }
    EXPECT_EQ(e.listed_on.size(), 10u) << e.id;
    ASSERT_EQ(e.programs.size(), 1u) << e.id;
    ++programs[e.programs[0]];
    for (const BirthDate& d : e.birth_dates) {
      EXPECT_NE(d.from.year, 0) << e.id;
      EXPECT_LE(FormatPartialDate(d.from), FormatPartialDate(d.to)) << e.id;
    }
  }
  EXPECT_EQ(ids.size(), 1003u);
  EXPECT_EQ(programs["UN-Al-Qaida"], 341);
  EXPECT_EQ(programs["UN-DPRK"], 155);
  EXPECT_EQ(programs["UN-SouthSudan"], 8);
}

TEST(UnXmlTest, NameKindsAndScriptsOverTheWholeList) {
  std::map<std::string, int> original_scripts;
  int weak = 0, former = 0, persons_with_dob = 0, female = 0;
  for (const Entity& e : Un().entities) {
    for (const Name& n : e.names) {
      if (n.kind == NameKind::kOriginalScript) ++original_scripts[n.script];
      if (n.kind == NameKind::kWeakAlias) ++weak;
      if (n.kind == NameKind::kFormerName) ++former;
    }
    if (!e.birth_dates.empty()) ++persons_with_dob;
    if (e.gender == "female") ++female;
  }
  // 378 NAME_ORIGINAL_SCRIPT: 366 Arabic, 11 Cyrillic, and QDe.164's Latin one, which equals its
  // primary name and is not repeated.
  EXPECT_EQ(original_scripts["Arab"], 366);
  EXPECT_EQ(original_scripts["Cyrl"], 11);
  EXPECT_EQ(original_scripts.size(), 2u);
  EXPECT_EQ(weak, 619);   // 615 QUALITY Low, some holding several names
  EXPECT_EQ(former, 18);  // 19 f.k.a.; QDe.168's equals one of its a.k.a.
  EXPECT_EQ(persons_with_dob, 678);
  EXPECT_EQ(female, 2);
}

TEST(UnXmlTest, EricBadege) {
  const Entity& e = UnRecord("un-sc:CDi.001");
  EXPECT_EQ(e.schema, Schema::kPerson);
  ASSERT_EQ(e.names.size(), 1u);  // <ALIAS_NAME/> is no alias
  EXPECT_EQ(e.names[0].full, "ERIC BADEGE");
  EXPECT_EQ(e.names[0].natural, "ERIC BADEGE");
  EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e.names[0].script, "Latn");
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, Date(1971));
  EXPECT_EQ(e.birth_dates[0].to, Date(1971));
  EXPECT_FALSE(e.birth_dates[0].circa);
  EXPECT_EQ(e.birth_dates[0].original, "1971");
  ASSERT_EQ(e.nationalities.size(), 1u);
  EXPECT_EQ(e.nationalities[0].code, "CD");
  EXPECT_EQ(e.nationalities[0].original, "Democratic Republic of the Congo");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].country.code, "RW");
  EXPECT_EQ(e.addresses[0].country.original, "Rwanda");
  EXPECT_EQ(e.addresses[0].city, "");
  EXPECT_TRUE(e.birth_places.empty());  // <COUNTRY/> only
  EXPECT_TRUE(e.identifiers.empty());   // <INDIVIDUAL_DOCUMENT/>
  EXPECT_EQ(e.gender, "male");
  EXPECT_THAT(e.programs, ElementsAre("UN-DRC"));
  EXPECT_EQ(e.listed_on, "2012-12-31");
  ASSERT_EQ(e.remarks.size(), 1u);
  EXPECT_THAT(e.remarks[0], StartsWith("He fled to Rwanda in March 2013"));
  EXPECT_THAT(AttributeValues(e, "dataid"), ElementsAre("6907993"));
  EXPECT_THAT(AttributeValues(e, "address_note"), ElementsAre("Rwanda: as of early 2016"));
  EXPECT_THAT(AttributeValues(e, "last_day_updated"), ElementsAre("2016-10-13"));
}

TEST(UnXmlTest, ArabicOriginalScript) {
  const Entity& e = UnRecord("un-sc:TAi.002");
  ASSERT_GE(e.names.size(), 2u);
  EXPECT_EQ(e.names[0].full, "MOHAMMAD HASSAN AKHUND");
  EXPECT_EQ(e.names[1].kind, NameKind::kOriginalScript);
  EXPECT_EQ(e.names[1].full, "محمد حسن آخوند");
  EXPECT_EQ(e.names[1].script, "Arab");
}

TEST(UnXmlTest, CyrillicOriginalScript) {
  const Entity& e = UnRecord("un-sc:QDi.290");
  EXPECT_THAT(NamesOfKind(e, NameKind::kOriginalScript), ElementsAre("Умаров Доку Хаматович"));
  EXPECT_EQ(e.names[1].script, "Cyrl");
  EXPECT_EQ(e.names[1].natural, "Доку Хаматович Умаров");  // published family name first
  EXPECT_EQ(UnRecord("un-sc:QDi.364").names[1].natural, "Ислам Сеит-Умарович Атабиев");
  EXPECT_EQ(UnRecord("un-sc:QDe.168").names[1].natural, "Катиба ат-Таухид валь-Джихад");
  // "Dokka Umarov" is listed twice as an alias; it is kept once.
  EXPECT_THAT(NamesOfKind(e, NameKind::kStrongAlias),
              ElementsAre("Lom-ali Butayev (Butaev)", "Dokka Umarov"));
  // Dates of birth given under an alias are the person's too.
  std::vector<std::string> dobs;
  for (const BirthDate& d : e.birth_dates) dobs.push_back(FormatPartialDate(d.from));
  EXPECT_THAT(dobs, ElementsAre("1955", "1964-04-13", "1965-04-13", "1964-05-12"));
  ASSERT_EQ(e.nationalities.size(), 2u);
  EXPECT_EQ(e.nationalities[0].code, "RU");
  EXPECT_EQ(e.nationalities[1].original, "former Soviet Union");
}

TEST(UnXmlTest, DamagedOriginalScriptIsKeptAsPublished) {
  const Entity& e = UnRecord("un-sc:TAi.068");
  std::vector<std::string> original = NamesOfKind(e, NameKind::kOriginalScript);
  ASSERT_EQ(original.size(), 1u);
  EXPECT_EQ(original[0], "محمد الل\xEF\xBF\xBD\xEF\xBF\xBD مطيع");  // two U+FFFD
  EXPECT_EQ(e.names[1].script, "Arab");
}

TEST(UnXmlTest, AliasNameHoldingSeveralNames) {
  const Entity& e = UnRecord("un-sc:IRi.010");
  EXPECT_EQ(e.names[0].full, "HALEH BAKHTIAR");
  EXPECT_THAT(NamesOfKind(e, NameKind::kStrongAlias),
              ElementsAre("Halen Bakhtiar", "Haleh Bakhtiari", "Haleh Bakhtiyar"));
}

TEST(UnXmlTest, AliasQualities) {
  const Entity& taganda = UnRecord("un-sc:CDi.030");
  EXPECT_THAT(NamesOfKind(taganda, NameKind::kStrongAlias),
              ElementsAre("Bosco Ntaganda", "Bosco Ntagenda", "General Taganda"));
  std::vector<std::string> weak = NamesOfKind(taganda, NameKind::kWeakAlias);
  ASSERT_GE(weak.size(), 2u);
  EXPECT_EQ(weak[0], "Lydia");  // QUALITY Low
  EXPECT_EQ(weak[1], "Terminator");
  EXPECT_THAT(
      AttributeValues(taganda, "alias_note"),
      ElementsAre("Lydia: When he was part of APR.", "Tango Romeo: Call sign", "Romeo: Call sign"));

  const Entity& adf = UnRecord("un-sc:CDe.001");  // an entity: a.k.a. and f.k.a.
  EXPECT_EQ(adf.schema, Schema::kOrganization);
  std::vector<std::string> former = NamesOfKind(adf, NameKind::kFormerName);
  ASSERT_EQ(former.size(), 3u);
  EXPECT_EQ(former[1], "ADF/NALU");
}

TEST(UnXmlTest, ApproximateAndBetweenDates) {
  const Entity& approx = UnRecord("un-sc:CDi.014");
  ASSERT_EQ(approx.birth_dates.size(), 2u);
  EXPECT_EQ(approx.birth_dates[0].from, Date(1962, 3, 17));
  EXPECT_FALSE(approx.birth_dates[0].circa);
  EXPECT_EQ(approx.birth_dates[1].from, Date(1966));
  EXPECT_EQ(approx.birth_dates[1].to, Date(1966));
  EXPECT_TRUE(approx.birth_dates[1].circa);
  EXPECT_EQ(approx.birth_dates[1].original, "approximately 1966");

  const Entity& between = UnRecord("un-sc:CDi.030");
  ASSERT_EQ(between.birth_dates.size(), 1u);
  EXPECT_EQ(between.birth_dates[0].from, Date(1973));
  EXPECT_EQ(between.birth_dates[0].to, Date(1974));
  EXPECT_FALSE(between.birth_dates[0].circa);
  EXPECT_EQ(between.birth_dates[0].original, "between 1973 and 1974");

  // BETWEEN with NOTE "Approximately".
  const Entity& akhund = UnRecord("un-sc:TAi.002");
  ASSERT_EQ(akhund.birth_dates.size(), 2u);
  EXPECT_EQ(akhund.birth_dates[0].from, Date(1955));
  EXPECT_EQ(akhund.birth_dates[0].to, Date(1958));
  EXPECT_TRUE(akhund.birth_dates[0].circa);
}

TEST(UnXmlTest, DatesWrittenInTheNote) {
  const Entity& kaina = UnRecord("un-sc:CDi.004");  // EXACT, NOTE "Nov. 1973"
  ASSERT_EQ(kaina.birth_dates.size(), 1u);
  EXPECT_EQ(kaina.birth_dates[0].from, Date(1973, 11));
  EXPECT_EQ(kaina.birth_dates[0].original, "Nov. 1973");
  EXPECT_THAT(kaina.birth_places,
              ElementsAre("Bunagana, Rutshuru territory, Democratic Republic of the Congo"));

  const Entity& sholeh = UnRecord("un-sc:QDi.395");  // EXACT, YEAR 1958, NOTE "Sep."
  ASSERT_EQ(sholeh.birth_dates.size(), 1u);
  EXPECT_EQ(sholeh.birth_dates[0].from, Date(1958, 9));

  // What cannot be read as a date is kept, not guessed.
  const Entity& hijri = UnRecord("un-sc:QDi.291");
  ASSERT_EQ(hijri.birth_dates.size(), 2u);  // its two Gregorian dates, not the Hijri one
  EXPECT_EQ(hijri.birth_dates[0].from, Date(1982, 4, 19));
  EXPECT_EQ(hijri.birth_dates[1].from, Date(1982, 4, 18));
  EXPECT_THAT(AttributeValues(UnRecord("un-sc:QDi.291"), "birth_date_text"),
              ElementsAre("24/06/1402 (Hijri Calendar)"));
  EXPECT_THAT(AttributeValues(UnRecord("un-sc:LYi.022"), "birth_date_text"),
              ElementsAre("approximately 30-35 years old"));
}

TEST(UnXmlTest, PassportWithIssuingCountry) {
  const Entity& e = UnRecord("un-sc:CDi.021");
  ASSERT_EQ(e.identifiers.size(), 1u);
  const Identifier& id = e.identifiers[0];
  EXPECT_EQ(id.kind, IdKind::kPassport);
  EXPECT_EQ(id.value, "OB 0243318");
  EXPECT_EQ(id.label, "Passport");
  EXPECT_EQ(id.country.code, "CD");
  EXPECT_EQ(id.country.original, "Democratic Republic of the Congo");
  EXPECT_EQ(id.note, "");

  // COUNTRY_OF_ISSUE instead of ISSUING_COUNTRY.
  const Entity& iri = UnRecord("un-sc:IRi.002");
  ASSERT_EQ(iri.identifiers.size(), 1u);
  EXPECT_EQ(iri.identifiers[0].value, "I5824769");
  EXPECT_EQ(iri.identifiers[0].country.code, "IR");
}

TEST(UnXmlTest, DocumentsWithDatesNotesAndNoNumber) {
  const Entity& e = UnRecord("un-sc:QDi.057");
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].value, "203037");
  EXPECT_EQ(e.identifiers[0].country.code, "LY");
  EXPECT_EQ(e.identifiers[0].note, "in Tripoli");
  // A document without NUMBER is kept as text, not as an identifier that matches nothing.
  EXPECT_THAT(AttributeValues(e, "document"),
              ElementsAre("Passport; Libyan passport number 347834, issued under name Ibrahim Ali "
                          "Tantoush, expired on 21 Feb. 2014"));

  const Entity& kp = UnRecord("un-sc:KPi.068");
  ASSERT_EQ(kp.identifiers.size(), 2u);
  EXPECT_EQ(kp.identifiers[1].value, "108120258");
  EXPECT_EQ(kp.identifiers[1].country.code, "KP");
  EXPECT_EQ(kp.identifiers[1].note, "issued 2018-02-14; expiration date 14 Feb. 2023");
}

TEST(UnXmlTest, ListedOnWithTimeZone) {
  // <LISTED_ON>2015-04-07-04:00</LISTED_ON>: an XML Schema date with its time zone.
  EXPECT_EQ(UnRecord("un-sc:QDi.352").listed_on, "2015-04-07");
}

TEST(UnXmlTest, TitlesDesignationsAndHanNames) {
  EXPECT_THAT(UnRecord("un-sc:TAi.068").titles,
              ElementsAre("Maulavi", "Minister of Public Works under the Taliban regime"));
  const Entity& kp = UnRecord("un-sc:KPe.016");
  bool han = false;
  for (const Name& n : kp.names)
    han = han || (n.full == "朝鲜联合机械贸易会社" && n.script == "Hani");
  EXPECT_TRUE(han);
}

TEST(UnXmlTest, FolderHoldingTheFile) {
  Parsed p = Parse(std::string(INTERDICT_DATA) + "/lists/un-sc");
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 1003u);
}

TEST(UnXmlTest, SinkErrorStopsTheParse) {
  ParseOptions options;
  options.countries = &Countries();
  int seen = 0;
  ParseReport report;
  Status s = ParseList(
      ListFormat::kUnXml, {kUnFile}, options,
      [&seen](Entity&&) { return ++seen == 3 ? Status::IoError("disk full") : Status::Ok(); },
      &report);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(seen, 3);
}

// --- Unusual but valid input --------------------------------------------------------------

class UnXmlTempTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = ::testing::TempDir() + "un_xml_test_" + name;
    std::ofstream(path, std::ios::binary) << content;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& p : paths_) std::remove(p.c_str());
  }
  std::vector<std::string> paths_;
};

TEST_F(UnXmlTempTest, UnknownElementsAreKeptAndReported) {
  Parsed p = Parse(Write("unknown.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2030-01-01T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME><![CDATA[JOHN & SONS]]></FIRST_NAME>
      <SECOND_NAME>DOE
        SMITH</SECOND_NAME>
      <REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
      stray words
      <FIFTH_NAME>EXTRA</FIFTH_NAME>
      <INDIVIDUAL_ALIAS>
        <QUALITY>Medium</QUALITY>
        <ALIAS_NAME>Johnny</ALIAS_NAME>
        <ALIAS_SCRIPT>Latin</ALIAS_SCRIPT>
      </INDIVIDUAL_ALIAS>
      <HAIR_COLOUR><VALUE>grey</VALUE></HAIR_COLOUR>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
        <NOTE>Between Aug. and Sep. 1977</NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <VESSELS><VESSEL><REFERENCE_NUMBER>V1</REFERENCE_NUMBER></VESSEL></VESSELS>
</CONSOLIDATED_LIST>
)"));
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 1u);
  const Entity& e = p.entities[0];
  EXPECT_EQ(e.names[0].full, "JOHN & SONS DOE SMITH");
  EXPECT_THAT(NamesOfKind(e, NameKind::kStrongAlias), ElementsAre("Johnny"));
  EXPECT_THAT(AttributeValues(e, "fifth_name"), ElementsAre("EXTRA"));
  EXPECT_THAT(AttributeValues(e, "individual_alias_alias_script"), ElementsAre("Latin"));
  EXPECT_THAT(AttributeValues(e, "hair_colour_value"), ElementsAre("grey"));
  EXPECT_THAT(AttributeValues(e, "text"), ElementsAre("stray words"));
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, Date(1977, 8));
  EXPECT_EQ(e.birth_dates[0].to, Date(1977, 9));
  EXPECT_EQ(p.report.published, "2030-01-01T00:00:00Z");
  std::string all;
  for (const std::string& w : p.report.warnings) all += w + "\n";
  EXPECT_THAT(all, HasSubstr("<FIFTH_NAME>"));
  EXPECT_THAT(all, HasSubstr("QUALITY 'Medium'"));
  EXPECT_THAT(all, HasSubstr("<HAIR_COLOUR><VALUE>"));
  EXPECT_THAT(all, HasSubstr("unknown section <VESSELS> skipped"));
  EXPECT_THAT(all, HasSubstr("text directly inside <INDIVIDUAL>"));
}

// --- Broken input --------------------------------------------------------------------------

struct BrokenCase {
  const char* file;
  const char* where;    // "<file>:<line>"
  const char* problem;  // part of the message
  size_t records_before;
};

class UnXmlBrokenTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(UnXmlBrokenTest, FailsNamingFileLineAndProblem) {
  const BrokenCase& c = GetParam();
  Parsed p = Parse(kMalformed + c.file);
  ASSERT_FALSE(p.status.ok()) << c.file;
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(p.status.message(), StartsWith(kMalformed + c.where + ": ")) << p.status.message();
  EXPECT_THAT(p.status.message(), HasSubstr(c.problem));
  EXPECT_EQ(p.entities.size(), c.records_before);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, UnXmlBrokenTest,
    ::testing::Values(
        BrokenCase{"mismatched-tag.xml", "mismatched-tag.xml:5",
                   "Opening and ending tag mismatch: FIRST_NAME", 0},
        BrokenCase{"truncated.xml", "truncated.xml:11",
                   "truncated file: it ends inside "
                   "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><SECOND_NAME>",
                   1},
        BrokenCase{"no-reference-number.xml", "no-reference-number.xml:9",
                   "INDIVIDUAL without REFERENCE_NUMBER", 1},
        BrokenCase{"duplicate-reference-number.xml", "duplicate-reference-number.xml:11",
                   "duplicate REFERENCE_NUMBER CDi.001 (first at line 4)", 1},
        BrokenCase{"no-name.xml", "no-name.xml:4", "INDIVIDUAL CDi.001 has no name", 0},
        BrokenCase{"wrong-root.xml", "wrong-root.xml:2",
                   "root element is <sdnList>, expected <CONSOLIDATED_LIST>", 0},
        BrokenCase{"invalid-utf8.xml", "invalid-utf8.xml:6", "not proper UTF-8", 0},
        // DEL is well-formed XML 1.0, but list text never holds a control character.
        BrokenCase{"control-character.xml", "control-character.xml:6",
                   "control character 0x7F in <SECOND_NAME>", 0},
        // No DTD is ever read: neither an internal one declaring an external entity (XXE) nor
        // an external one on the network.
        BrokenCase{"external-entity.xml", "external-entity.xml:2", "DOCTYPE CONSOLIDATED_LIST", 0},
        BrokenCase{"network-dtd.xml", "network-dtd.xml:2", "not accepted", 0},
        BrokenCase{"undeclared-entity.xml", "undeclared-entity.xml:5",
                   "Entity 'badege' not defined", 0},
        BrokenCase{"empty.xml", "empty.xml:1", "empty file", 0}));

TEST(UnXmlPathsTest, MissingFileAndWrongFileCount) {
  Parsed missing = Parse(kMalformed + "no-such-file.xml");
  EXPECT_EQ(missing.status.code(), Status::Code::kNotFound);
  EXPECT_THAT(missing.status.message(), HasSubstr("no-such-file.xml"));

  ParseOptions options;
  options.countries = &Countries();
  ParseReport report;
  Status two = ParseUnXml(
      {kUnFile, kUnFile}, options, [](Entity&&) { return Status::Ok(); }, &report);
  EXPECT_EQ(two.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(two.message(), HasSubstr("expected one XML file, got 2"));
}

// --- date_text -----------------------------------------------------------------------------

TEST(DateTextTest, IsoPrefixes) {
  PartialDate d;
  ASSERT_TRUE(date_text::ParseIsoPrefix("1960", &d));
  EXPECT_EQ(d, Date(1960));
  ASSERT_TRUE(date_text::ParseIsoPrefix(" 1960-03 ", &d));
  EXPECT_EQ(d, Date(1960, 3));
  ASSERT_TRUE(date_text::ParseIsoPrefix("1960-03-12", &d));
  EXPECT_EQ(d, Date(1960, 3, 12));
  ASSERT_TRUE(date_text::ParseIsoPrefix("2023-04-20T18:00:25", &d));
  EXPECT_EQ(d, Date(2023, 4, 20));
  ASSERT_TRUE(date_text::ParseIsoPrefix("2015-04-07-04:00", &d));
  EXPECT_EQ(d, Date(2015, 4, 7));
  ASSERT_TRUE(date_text::ParseIsoPrefix("2015-04-07Z", &d));
  ASSERT_TRUE(date_text::ParseIsoPrefix("2000-02-29", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("1900-02-29", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("1960-13", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("1960-04-31", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("60", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("1960-03-12junk", &d));
  EXPECT_FALSE(date_text::ParseIsoPrefix("", &d));
}

TEST(DateTextTest, Months) {
  int m = 0;
  ASSERT_TRUE(date_text::ParseMonth("Nov.", &m));
  EXPECT_EQ(m, 11);
  ASSERT_TRUE(date_text::ParseMonth("SEPT.", &m));
  EXPECT_EQ(m, 9);
  ASSERT_TRUE(date_text::ParseMonth("august", &m));
  EXPECT_EQ(m, 8);
  EXPECT_FALSE(date_text::ParseMonth("Au", &m));
  EXPECT_FALSE(date_text::ParseMonth("Augu", &m));
  EXPECT_FALSE(date_text::ParseMonth("1", &m));
}

TEST(DateTextTest, FreeText) {
  struct Case {
    const char* text;
    PartialDate from, to;
    bool circa;
  };
  const Case cases[] = {
      {"1960", Date(1960), Date(1960), false},
      {"Nov. 1973", Date(1973, 11), Date(1973, 11), false},
      {"August 1961", Date(1961, 8), Date(1961, 8), false},
      {"12 Mar. 1960", Date(1960, 3, 12), Date(1960, 3, 12), false},
      {"March 12, 1960", Date(1960, 3, 12), Date(1960, 3, 12), false},
      {"1955 to 1958", Date(1955), Date(1958), false},
      {"1955-1958", Date(1955), Date(1958), false},
      {"between 1955 and 1958", Date(1955), Date(1958), false},
      {"Between Aug. and Sep. 1977", Date(1977, 8), Date(1977, 9), false},
      {"circa 1960", Date(1960), Date(1960), true},
      {"Approximately 1979 to 1982", Date(1979), Date(1982), true},
  };
  for (const Case& c : cases) {
    BirthDate d;
    ASSERT_TRUE(date_text::ParseFreeText(c.text, &d)) << c.text;
    EXPECT_EQ(d.from, c.from) << c.text;
    EXPECT_EQ(d.to, c.to) << c.text;
    EXPECT_EQ(d.circa, c.circa) << c.text;
  }
  for (const char* bad : {"24/06/1402 (Hijri Calendar)", "30-35 years old", "Approximately",
                          "1958 to 1955", "31 Feb. 1960", "Sep.", "from false passport", ""}) {
    BirthDate d;
    EXPECT_FALSE(date_text::ParseFreeText(bad, &d)) << bad;
    EXPECT_TRUE(d.from.empty()) << bad;
  }
}

TEST(DateTextTest, DominantScript) {
  EXPECT_EQ(date_text::DominantScriptCode("ERIC BADEGE"), "Latn");
  EXPECT_EQ(date_text::DominantScriptCode("Умаров Доку"), "Cyrl");
  EXPECT_EQ(date_text::DominantScriptCode("محمد حسن"), "Arab");
  EXPECT_EQ(date_text::DominantScriptCode("ﻣﺤﻤﺪ"), "Arab");  // presentation forms
  EXPECT_EQ(date_text::DominantScriptCode("金正恩"), "Hani");
  EXPECT_EQ(date_text::DominantScriptCode("김정은"), "Hang");
  EXPECT_EQ(date_text::DominantScriptCode("Jin Tiesan (金铁三)"), "Latn");
  EXPECT_EQ(date_text::DominantScriptCode("Ελληνικά"), "Grek");
  EXPECT_EQ(date_text::DominantScriptCode("1234 - ()"), "Zyyy");
  EXPECT_EQ(date_text::DominantScriptCode(""), "Zyyy");
  EXPECT_EQ(date_text::DominantScriptCode("\xEF\xBF\xBD\xEF\xBF\xBD"), "Zyyy");
  EXPECT_EQ(date_text::DominantScriptCode("ab\xFF\xFEцц"), "Latn");  // tie: first seen wins
}

}  // namespace
}  // namespace interdict
