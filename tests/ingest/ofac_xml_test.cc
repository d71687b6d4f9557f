// The OFAC XML parsers (classic, advanced, enhanced) on the real Consolidated list samples in
// tests/fixtures/ofac-cons-*xml*, on broken copies of them made here, and format detection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "ingest/parsers.h"
#include "ingest/source.h"
#include "ofac_xml_samples.h"

namespace interdict {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

using testing_ofac::Countries;
using testing_ofac::kAdvanced;
using testing_ofac::kClassic;
using testing_ofac::kEnhanced;
using testing_ofac::kFixtures;

struct Parsed {
  Status status;
  std::vector<Entity> entities;
  ParseReport report;

  const Entity& Get(const std::string& id) const {
    for (const Entity& e : entities)
      if (e.id == id) return e;
    ADD_FAILURE() << "no record " << id;
    static const Entity* const kNone = new Entity();
    return *kNone;
  }
  int CountNames(NameKind kind) const {
    int n = 0;
    for (const Entity& e : entities)
      for (const Name& name : e.names) n += name.kind == kind;
    return n;
  }
};

Parsed Parse(ListFormat format, const std::string& path, std::string source = "us-ofac-cons") {
  Parsed p;
  ParseOptions options;
  options.countries = &Countries();
  options.ofac_source = std::move(source);
  p.status = ParseList(
      format, {path}, options,
      [&p](Entity&& e) {
        p.entities.push_back(std::move(e));
        return Status::Ok();
      },
      &p.report);
  return p;
}

const Parsed& Classic() {
  static const Parsed* p = new Parsed(Parse(ListFormat::kOfacClassicXml, kClassic));
  return *p;
}
const Parsed& Enhanced() {
  static const Parsed* p = new Parsed(Parse(ListFormat::kOfacEnhancedXml, kEnhanced));
  return *p;
}
const Parsed& Advanced() {
  static const Parsed* p = new Parsed(Parse(ListFormat::kOfacAdvancedXml, kAdvanced));
  return *p;
}

std::map<Schema, int> SchemaCounts(const Parsed& p) {
  std::map<Schema, int> out;
  for (const Entity& e : p.entities) out[e.schema]++;
  return out;
}

bool HasName(const Entity& e, NameKind kind, const std::string& full) {
  for (const Name& n : e.names)
    if (n.kind == kind && n.full == full) return true;
  return false;
}

const Identifier* FindId(const Entity& e, const std::string& value) {
  for (const Identifier& i : e.identifiers)
    if (i.value == value) return &i;
  return nullptr;
}

// A copy of `path` with `edit` applied to its text, in the test's temp folder.
std::string EditedCopy(const std::string& path, const std::string& name,
                       const std::function<void(std::string*)>& edit) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  edit(&text);
  std::string out = ::testing::TempDir() + name;
  std::ofstream(out, std::ios::binary) << text;
  return out;
}

TEST(OfacClassicXmlTest, CountsAndPublicationDate) {
  const Parsed& p = Classic();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 443u);  // Record_Count 443
  EXPECT_EQ(p.report.published, "2024-05-06");
  EXPECT_EQ(SchemaCounts(p),
            (std::map<Schema, int>{{Schema::kEntity, 364}, {Schema::kPerson, 79}}));
  // 63 weak a.k.a. and 3 weak f.k.a. (category "weak"): all kept, marked weak.
  EXPECT_EQ(p.CountNames(NameKind::kWeakAlias), 66);
  EXPECT_EQ(p.CountNames(NameKind::kFormerName), 141);
  EXPECT_TRUE(p.report.warnings.empty());
}

TEST(OfacClassicXmlTest, PersonFieldByField) {
  const Entity& e = Classic().Get("us-ofac-cons:9639");
  EXPECT_EQ(e.source, "us-ofac-cons");
  EXPECT_EQ(e.schema, Schema::kPerson);
  ASSERT_EQ(e.names.size(), 3u);
  EXPECT_EQ(e.names[0].full, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(e.names[0].natural, "Ismail Abdul Salah HANIYA");
  EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e.names[0].script, "Latn");
  EXPECT_TRUE(HasName(e, NameKind::kStrongAlias, "HANIYYA, Ismaeel"));
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1962, 0, 0}));
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Shati"});
  EXPECT_EQ(e.programs, std::vector<std::string>{"NS-PLC"});
}

TEST(OfacClassicXmlTest, EntityIdentifiersAddressesWeakAliasesAndLinks) {
  const Entity& e = Classic().Get("us-ofac-cons:17018");
  EXPECT_EQ(e.schema, Schema::kEntity);
  EXPECT_EQ(e.names[0].full, "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA");
  EXPECT_TRUE(HasName(e, NameKind::kFormerName, "SBERBANK ROSSII OAO"));
  const Identifier* swift = FindId(e, "SABRRUMM");
  ASSERT_NE(swift, nullptr);
  EXPECT_EQ(swift->kind, IdKind::kSwiftBic);
  EXPECT_THAT(e.programs, Contains("RUSSIA-EO14024"));
  ASSERT_FALSE(e.addresses.empty());
  EXPECT_EQ(e.addresses[0].street, "19 ul. Vavilova");
  EXPECT_EQ(e.addresses[0].city, "Moscow 117312");
  EXPECT_EQ(e.addresses[0].country.code, "RU");
  // "(Linked To: X)" in the classic remarks is the CSV's "Linked To: X".
  EXPECT_THAT(Classic().Get("us-ofac-cons:18267").links,
              Contains("OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY"));
  EXPECT_TRUE(HasName(Classic().Get("us-ofac-cons:17015"), NameKind::kWeakAlias, "VEB"));
}

TEST(OfacEnhancedXmlTest, CountsAndPublicationDate) {
  const Parsed& p = Enhanced();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 443u);
  EXPECT_EQ(p.report.published, "2025-01-10");
  EXPECT_EQ(SchemaCounts(p),
            (std::map<Schema, int>{{Schema::kEntity, 363}, {Schema::kPerson, 80}}));
  EXPECT_EQ(p.CountNames(NameKind::kWeakAlias), 70);  // isLowQuality true
  // 56 non-Latin translations, 45 distinct per record (some names share a translation).
  EXPECT_EQ(p.CountNames(NameKind::kOriginalScript), 45);
}

TEST(OfacEnhancedXmlTest, OriginalScriptNamesKept) {
  const Entity& vtb = Enhanced().Get("us-ofac-cons:17013");
  EXPECT_EQ(vtb.names[0].full, "VTB BANK PUBLIC JOINT STOCK COMPANY");
  bool cyrillic = false;
  for (const Name& n : vtb.names) {
    if (n.full != "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО") continue;
    cyrillic = true;
    EXPECT_EQ(n.kind, NameKind::kOriginalScript);
    EXPECT_EQ(n.script, "Cyrl");
  }
  EXPECT_TRUE(cyrillic);
  int chinese = 0;
  for (const Entity& e : Enhanced().entities)
    for (const Name& n : e.names) chinese += n.script == "Hani";
  EXPECT_EQ(chinese, 6);  // 5 Simplified + 1 Traditional translation
}

// Not in the sample: a second translation in Latin script is a spelling of the same name, not an
// original-script name, and the record keeps one primary name.
TEST(OfacEnhancedXmlTest, LatinTranslationIsAnAlias) {
  std::string path = EditedCopy(kEnhanced, "latin-translation.xml", [](std::string* t) {
    const std::string cyrillic = "<script refId=\"20107\">Cyrillic</script>";
    size_t at = t->find(cyrillic, t->find("<entity id=\"17013\">"));
    t->replace(at, cyrillic.size(), "<script refId=\"20122\">Latin</script>");
    const std::string full = "<formattedFullName>БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО<";
    at = t->find(full, at);
    t->replace(at, full.size(), "<formattedFullName>BANK VETEBE PUBLICHNOYE<");
  });
  Parsed p = Parse(ListFormat::kOfacEnhancedXml, path);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  const Entity& e = p.Get("us-ofac-cons:17013");
  EXPECT_TRUE(HasName(e, NameKind::kStrongAlias, "BANK VETEBE PUBLICHNOYE"));
  int primaries = 0;
  for (const Name& n : e.names) primaries += n.kind == NameKind::kPrimary;
  EXPECT_EQ(primaries, 1);
}

TEST(OfacEnhancedXmlTest, PersonFieldByField) {
  const Entity& e = Enhanced().Get("us-ofac-cons:9639");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.names[0].full, "HANIYA, Ismail Abdul Salah");
  EXPECT_TRUE(HasName(e, NameKind::kStrongAlias, "HANIYA, Ismail"));
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1962, 0, 0}));
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Shati"});
  EXPECT_EQ(e.programs, std::vector<std::string>{"NS-PLC"});
  EXPECT_EQ(e.listed_on, "2006-04-12");
  EXPECT_EQ(Enhanced().Get("us-ofac-cons:9647").links, std::vector<std::string>{"HAMAS"});
  const Identifier* reg = FindId(Enhanced().Get("us-ofac-cons:17013"), "1027739609391");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->label, "Registration ID");
  EXPECT_EQ(reg->country.code, "RU");
}

TEST(OfacAdvancedXmlTest, CountsAndPublicationDate) {
  const Parsed& p = Advanced();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 375u);
  EXPECT_EQ(p.report.published, "2020-03-17");
  // PartySubTypeID 3 (Unknown sub-type of Entity) 293, 4 (of Individual) 82.
  EXPECT_EQ(SchemaCounts(p),
            (std::map<Schema, int>{{Schema::kEntity, 293}, {Schema::kPerson, 82}}));
  // 31 LowQuality aliases; 18769 lists VYSOKOTOCHNYE KOMPLEKSY twice (kept once).
  EXPECT_EQ(p.CountNames(NameKind::kWeakAlias), 30);
  EXPECT_EQ(p.CountNames(NameKind::kOriginalScript), 0);  // all ScriptID 215, Latin
}

TEST(OfacAdvancedXmlTest, PartyFieldByField) {
  const Entity& e = Advanced().Get("us-ofac-cons:9643");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.names[0].full, "MANSOUR, Yasser Daoud");  // Last Name part, then First Name
  EXPECT_EQ(e.names[0].natural, "Yasser Daoud MANSOUR");
  ASSERT_EQ(e.birth_dates.size(), 1u);  // DatePeriod 1967-01-01 .. 1967-12-31
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1967, 0, 0}));
  EXPECT_EQ(e.birth_dates[0].to, (PartialDate{1967, 0, 0}));
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Nablus, West Bank"});
  EXPECT_EQ(e.programs, std::vector<std::string>{"NS-PLC"});  // from its SanctionsEntry
  const Entity& vtb = Advanced().Get("us-ofac-cons:17013");
  const Identifier* reg = FindId(vtb, "1027739609391");  // IDRegDocument of its identity
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->country.code, "RU");
  // ProfileRelationship 18267 -> 17022: the related party's primary name (mixed case in 2020).
  EXPECT_THAT(Advanced().Get("us-ofac-cons:18267").links,
              Contains("Open Joint-Stock Company Rosneft Oil Company"));
}

TEST(OfacXmlTest, IdsTakeTheSourceGiven) {
  // The classic XML does not say which list it holds.
  Parsed p = Parse(ListFormat::kOfacClassicXml, kClassic, "us-ofac-sdn");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.entities[0].id, "us-ofac-sdn:9639");
  Parsed bad = Parse(ListFormat::kOfacClassicXml, kClassic, "un-sc");
  EXPECT_FALSE(bad.status.ok());
  EXPECT_THAT(bad.status.message(), HasSubstr("not an OFAC list"));
}

// The enhanced and advanced files say which list they hold: the Consolidated list imported as the
// SDN list would get SDN ids, so it is refused.
TEST(OfacXmlTest, AFileOfTheOtherListIsRefused) {
  Parsed enhanced = Parse(ListFormat::kOfacEnhancedXml, kEnhanced, "us-ofac-sdn");
  EXPECT_THAT(enhanced.status.message(),
              HasSubstr("the file holds Consolidated List, not the SDN List of --source "
                        "us-ofac-sdn"));
  EXPECT_TRUE(enhanced.entities.empty());
  Parsed advanced = Parse(ListFormat::kOfacAdvancedXml, kAdvanced, "us-ofac-sdn");
  EXPECT_FALSE(advanced.status.ok());
  EXPECT_THAT(advanced.status.message(),
              HasSubstr("366 of 375 parties have no SanctionsEntry on the SDN List"));
}

// A download cut anywhere is refused with the file, the line and the open elements, and no record
// of a cut file reaches the store (the import discards what the sink got: tests/cli).
TEST(OfacXmlTest, TruncatedFilesAreRefusedWithWhere) {
  struct Case {
    ListFormat format;
    std::string path;
    std::string inside;
  };
  for (const Case& c :
       {Case{ListFormat::kOfacClassicXml, kClassic, "<sdnList><sdnEntry>"},
        Case{ListFormat::kOfacEnhancedXml, kEnhanced, "<sanctionsData><entities><entity>"},
        Case{ListFormat::kOfacAdvancedXml, kAdvanced,
             "<Sanctions><DistinctParties><DistinctParty>"}}) {
    std::string cut = EditedCopy(c.path, "cut-" + std::filesystem::path(c.path).filename().string(),
                                 [](std::string* t) { t->resize(t->size() * 2 / 3); });
    Parsed p = Parse(c.format, cut);
    ASSERT_FALSE(p.status.ok()) << c.path;
    EXPECT_THAT(p.status.message(), HasSubstr(cut + ":"));
    EXPECT_THAT(p.status.message(), HasSubstr("truncated file: it ends inside " + c.inside));
  }
}

TEST(OfacXmlTest, ClassicRecordCountMismatchIsRefused) {
  std::string path = EditedCopy(kClassic, "record-count.xml", [](std::string* t) {
    size_t at = t->find("<Record_Count>443<");
    t->replace(at, 18, "<Record_Count>444<");
  });
  Parsed p = Parse(ListFormat::kOfacClassicXml, path);
  EXPECT_FALSE(p.status.ok());
  EXPECT_THAT(p.status.message(), HasSubstr("Record_Count says 444 entries, the file has 443"));
}

TEST(OfacXmlTest, MalformedInputIsRefused) {
  std::string doctype = EditedCopy(kClassic, "doctype.xml", [](std::string* t) {
    t->insert(t->find("<sdnList"), "<!DOCTYPE sdnList [<!ENTITY x \"y\">]>\n");
  });
  EXPECT_THAT(Parse(ListFormat::kOfacClassicXml, doctype).status.message(),
              HasSubstr("DOCTYPE sdnList not accepted"));
  EXPECT_THAT(Parse(ListFormat::kOfacClassicXml, kEnhanced).status.message(),
              HasSubstr("root element is <sanctionsData>, expected <sdnList>"));
  std::string duplicate = EditedCopy(kClassic, "duplicate.xml", [](std::string* t) {
    size_t at = t->find("<uid>9640</uid>");
    t->replace(at, 15, "<uid>9639</uid>");
  });
  EXPECT_THAT(Parse(ListFormat::kOfacClassicXml, duplicate).status.message(),
              HasSubstr("duplicate uid 9639"));
  std::string bad_type = EditedCopy(kEnhanced, "bad-type.xml", [](std::string* t) {
    size_t at = t->find("<entityType refId=\"600\">Individual<");
    t->replace(at, 35, "<entityType refId=\"600\">Martian<");
  });
  Parsed p = Parse(ListFormat::kOfacEnhancedXml, bad_type);
  EXPECT_THAT(p.status.message(), HasSubstr("unknown entityType 'Martian'"));
  EXPECT_THAT(p.status.message(), HasSubstr("bad-type.xml:"));
}

TEST(FormatDetectTest, ContentDecides) {
  ListFormat f;
  ASSERT_TRUE(DetectListFormat("us-ofac-cons", {kClassic}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacClassicXml);
  ASSERT_TRUE(DetectListFormat("us-ofac-sdn", {kEnhanced}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacEnhancedXml);
  ASSERT_TRUE(DetectListFormat("us-ofac-cons", {kAdvanced}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacAdvancedXml);
  // A folder holding one XML file is that file.
  ASSERT_TRUE(
      DetectListFormat("us-ofac-cons", {std::filesystem::path(kAdvanced).parent_path()}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacAdvancedXml);
  ASSERT_TRUE(DetectListFormat("us-ofac-cons", {kFixtures + "ofac-cons-csv-2025-12"}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacConsCsv);
  ASSERT_TRUE(DetectListFormat("us-ofac-sdn", {kFixtures + "ofac-sdn-2021/sdn.csv"}, &f).ok());
  EXPECT_EQ(f, ListFormat::kOfacSdnCsv);
  ASSERT_TRUE(DetectListFormat("ftm", {kFixtures + "ftm/t1.entities.ftm.json"}, &f).ok());
  EXPECT_EQ(f, ListFormat::kFtmJson);
}

TEST(FormatDetectTest, ContentOfAnotherSourceIsRefused) {
  ListFormat f;
  Status s = DetectListFormat("un-sc", {kClassic}, &f);
  EXPECT_THAT(s.message(), HasSubstr("content is ofac-classic-xml (root <sdnList>), not a format "
                                     "of --source un-sc"));
  s = DetectListFormat("us-ofac-sdn", {kFixtures + "ftm/t1.entities.ftm.json"}, &f);
  EXPECT_THAT(s.message(), HasSubstr("content looks like ftm-json"));
  s = DetectListFormat("un-sc", {kFixtures + "ofac-sdn-2021/sdn.csv"}, &f);
  EXPECT_THAT(s.message(), HasSubstr("content looks like ofac-csv"));
  std::string other = EditedCopy(kClassic, "other-root.xml", [](std::string* t) {
    *t = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<x:feed xmlns:x=\"u\"/>";
  });
  s = DetectListFormat("us-ofac-sdn", {other}, &f);
  EXPECT_THAT(s.message(), HasSubstr("XML with root element <feed> is no list format"));
}

TEST(FormatDetectTest, FormatNames) {
  ListFormat f;
  EXPECT_TRUE(ParseFormatName("us-ofac-cons", "ofac-csv", &f));
  EXPECT_EQ(f, ListFormat::kOfacConsCsv);
  EXPECT_TRUE(ParseFormatName("us-ofac-sdn", "ofac-enhanced-xml", &f));
  EXPECT_EQ(f, ListFormat::kOfacEnhancedXml);
  EXPECT_FALSE(ParseFormatName("un-sc", "ofac-classic-xml", &f));
  EXPECT_FALSE(ParseFormatName("us-ofac-sdn", "xml", &f));
  EXPECT_EQ(FormatName(ListFormat::kOfacAdvancedXml), "ofac-advanced-xml");
}

}  // namespace
}  // namespace interdict
