// ParseEuFsfXml on the real two-record FSF 1.1 sample, on records of the legacy EU file rewritten
// in the FSF 1.1 shape (many languages and scripts), and on malformed files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/source.h"
#include "list_parse_util.h"

namespace interdict {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_util::Attr;
using testing_util::NamesOfKind;
using testing_util::Parse;
using testing_util::Parsed;
using testing_util::WriteTemp;

const std::string kReal =
    std::string(INTERDICT_FIXTURES) + "/eu-fsf-1.1-2018-two-records/two-records.xml";
const std::string kLegacy =
    std::string(INTERDICT_FIXTURES) + "/eu-fsf-written-from-schema/from-legacy-2016.xml";

TEST(EuFsfXmlTest, RealSampleCountsAndDate) {
  Parsed p = Parse(ListFormat::kEuFsfXml, kReal);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 2u);
  EXPECT_EQ(p.report.published, "2018-12-21T14:39:54.511+01:00");
  EXPECT_EQ(p.bytes_read, static_cast<int64_t>(std::filesystem::file_size(kReal)));
}

TEST(EuFsfXmlTest, RealPersonFieldByField) {
  Parsed p = Parse(ListFormat::kEuFsfXml, kReal);
  const Entity& e = p.Get("eu-fsf:1");
  EXPECT_EQ(e.source, "eu-fsf");
  EXPECT_EQ(e.schema, Schema::kPerson);
  ASSERT_EQ(e.names.size(), 1u);
  EXPECT_EQ(e.names[0].full, "Robert Gabriel Mugabe");
  EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e.gender, "male");
  EXPECT_THAT(e.titles, ElementsAre("Former President"));
  EXPECT_THAT(e.programs, ElementsAre("EU-ZWE"));
  EXPECT_EQ(Attr(e, "eu_reference_number"), "EU.36.64");
  EXPECT_EQ(Attr(e, "regulation"), "2018/223 (OJ L43)");
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(FormatPartialDate(e.birth_dates[0].from), "1924-02-21");
  EXPECT_FALSE(e.birth_dates[0].circa);
  EXPECT_TRUE(e.birth_places.empty());  // city/place empty, country "UNKNOWN"
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "AD001095");
  EXPECT_EQ(e.identifiers[0].label, "National passport");
  EXPECT_EQ(e.identifiers[0].country.code, "");  // "00": unknown
  EXPECT_EQ(e.identifiers[0].note, "(passport)");
}

TEST(EuFsfXmlTest, RealEnterpriseKeepsEveryLanguageAndScript) {
  Parsed p = Parse(ListFormat::kEuFsfXml, kReal);
  const Entity& e = p.Get("eu-fsf:207");
  EXPECT_EQ(e.schema, Schema::kOrganization);
  EXPECT_EQ(e.primary_name().full, "İslami Büyük Doğu Akıncılar Cephesi");
  EXPECT_THAT(NamesOfKind(e, NameKind::kStrongAlias),
              ElementsAre("Great Islamic Eastern Warriors Front",
                          "Фронт на великите ислямски източни воини",
                          "Grande Frente Islâmica Oriental de Combatentes",
                          "Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής",
                          "Front islamique des combattants du Grand Orient", "IBDA-C"));
  EXPECT_EQ(e.names[2].script, "Cyrl");
  EXPECT_EQ(e.names[4].script, "Grek");
  EXPECT_THAT(e.programs, ElementsAre("EU-TERR"));
  EXPECT_THAT(e.attributes,
              Contains(::testing::Field(&Attribute::value,
                                        "BG: Фронт на великите ислямски източни воини")));
}

TEST(EuFsfXmlTest, LegacyNamesInTwentyOneLanguagesAreAllKept) {
  Parsed p = Parse(ListFormat::kEuFsfXml, kLegacy);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 2u);
  const Entity& brigade = p.Get("eu-fsf:202");
  // 22 nameAlias elements; "Al-Aqsa Martyrs' Brigade" is written the same in EN and BG.
  EXPECT_GE(brigade.names.size(), 21u);
  std::vector<std::string> scripts;
  for (const Name& n : brigade.names) scripts.push_back(n.script);
  EXPECT_THAT(scripts, Contains("Grek"));
  EXPECT_THAT(scripts, Contains("Cyrl"));
  EXPECT_THAT(NamesOfKind(brigade, NameKind::kStrongAlias),
              Contains("Il-Brigata tal-Martri ta’ Al-Aqsa"));
  const Entity& person = p.Get("eu-fsf:1963");
  EXPECT_EQ(person.primary_name().full, "Hacene Allane");
  EXPECT_THAT(NamesOfKind(person, NameKind::kStrongAlias), Contains("Стария Хасан"));
  EXPECT_THAT(person.birth_places, ElementsAre("Médéa, DZA"));
  ASSERT_EQ(person.citizenships.size(), 1u);
  EXPECT_EQ(person.citizenships[0].code, "DZ");
}

TEST(EuFsfXmlTest, WeakAliasCircaYearAddressAndDesignationDate) {
  Parsed p = Parse(ListFormat::kEuFsfXml, WriteTemp("fsf.xml", R"(<?xml version="1.0"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-13T10:00:00">
  <sanctionEntity logicalId="9" euReferenceNumber="EU.1.2" unitedNationId="QDi.001"
                  designationDate="2022-02-28" designationDetails="Head of example">
    <subjectType code="person"/>
    <nameAlias wholeName="" firstName="Ivan" middleName="Ivanovich" lastName="Primerov"
               strong="true" gender="M"/>
    <nameAlias wholeName="Ваня" strong="false" nameLanguage="RU"/>
    <birthdate circa="true" year="1970" birthdate="" city="Moscow" countryIso2Code="RU"
               countryDescription="RUSSIAN FEDERATION"/>
    <birthdate circa="false" yearRangeFrom="1955" yearRangeTo="1958"/>
    <citizenship countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION"/>
    <address street="Tverskaya 1" city="Moscow" zipCode="125009" countryIso2Code="RU"
             countryDescription="RUSSIAN FEDERATION"><remark>office</remark></address>
    <identification number="" identificationTypeCode="id" countryIso2Code="RU"/>
    <remark>Listed for example.</remark>
  </sanctionEntity>
</export>)"));
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  const Entity& e = p.Get("eu-fsf:9");
  EXPECT_EQ(e.primary_name().full, "Ivan Ivanovich Primerov");
  EXPECT_THAT(NamesOfKind(e, NameKind::kWeakAlias), ElementsAre("Ваня"));
  EXPECT_EQ(e.listed_on, "2022-02-28");
  EXPECT_EQ(Attr(e, "un_reference_number"), "QDi.001");
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(FormatPartialDate(e.birth_dates[0].from), "1970");
  EXPECT_TRUE(e.birth_dates[0].circa);
  EXPECT_EQ(FormatPartialDate(e.birth_dates[1].from), "1955");
  EXPECT_EQ(FormatPartialDate(e.birth_dates[1].to), "1958");
  EXPECT_THAT(e.birth_places, ElementsAre("Moscow, RUSSIAN FEDERATION"));
  ASSERT_EQ(e.citizenships.size(), 1u);
  EXPECT_EQ(e.citizenships[0].code, "RU");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].postal_code, "125009");
  EXPECT_EQ(Attr(e, "address_note"), "office");
  EXPECT_TRUE(e.identifiers.empty());  // no number: kept as text, never an empty identifier
  EXPECT_NE(Attr(e, "document"), "");
  EXPECT_THAT(e.remarks, ElementsAre("Head of example", "Listed for example."));
}

struct BrokenCase {
  const char* name;
  const char* content;
  const char* error;  // substring of the message, after "<path>:<line>: "
  int line;
};

class EuFsfBrokenTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(EuFsfBrokenTest, FailsNamingFileLineAndProblem) {
  const BrokenCase& c = GetParam();
  testing_util::ExpectFailsAt(ListFormat::kEuFsfXml, "fsf.xml", c.content, true, c.line, c.error);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, EuFsfBrokenTest,
    ::testing::Values(
        BrokenCase{"truncated",
                   "<?xml version=\"1.0\"?>\n<export generationDate=\"2024-01-01\">\n"
                   "<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\" strong=\"true\"/>\n"
                   "</sanctionEntity>\n<sanctionEntity logicalId=\"2\">\n",
                   "truncated file", 5},
        BrokenCase{"wrong root", "<?xml version=\"1.0\"?>\n<sdnList/>\n",
                   "root element is <sdnList>, expected <export>", 2},
        BrokenCase{"doctype",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE export [<!ENTITY x \"y\">]>\n<export/>\n",
                   "DOCTYPE export not accepted", 2},
        BrokenCase{"duplicate id",
                   "<?xml version=\"1.0\"?>\n<export>\n"
                   "<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\"/></sanctionEntity>\n"
                   "<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"B\"/></sanctionEntity>\n"
                   "</export>\n",
                   "duplicate logicalId 1 (first at line 3)", 4},
        BrokenCase{"no name",
                   "<?xml version=\"1.0\"?>\n<export>\n"
                   "<sanctionEntity logicalId=\"5\"><nameAlias wholeName=\"\"/></sanctionEntity>\n"
                   "</export>\n",
                   "has no nameAlias with a name", 3},
        // Found by fuzz/official_lists_fuzz.cc: XML admits DEL, which then sat inside a name.
        BrokenCase{
            "DEL in a name",
            "<?xml version=\"1.0\"?>\n<export>\n"
            "<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\x7f\"/></sanctionEntity>\n"
            "</export>\n",
            "control character 0x7F in <nameAlias>", 3},
        BrokenCase{"DEL in text",
                   "<?xml version=\"1.0\"?>\n<export>\n<sanctionEntity logicalId=\"1\">"
                   "<nameAlias wholeName=\"A\"/><remark>x\x7f</remark></sanctionEntity>\n"
                   "</export>\n",
                   "control character 0x7F in <remark>", 3},
        BrokenCase{"mismatched tag",
                   "<?xml version=\"1.0\"?>\n<export>\n<sanctionEntity logicalId=\"5\">\n"
                   "</nameAlias>\n</export>\n",
                   "mismatch", 4}));

// Memory stays bounded: a record of a million empty elements (about 100 MB as a tree) is refused,
// not built.
TEST(EuFsfXmlTest, HugeRecordIsRefused) {
  std::string content = "<?xml version=\"1.0\"?>\n<export>\n<sanctionEntity logicalId=\"1\">\n";
  for (int i = 0; i < 1000000; ++i) content += "<x/>";
  content += "\n</sanctionEntity>\n</export>\n";
  testing_util::ExpectFailsAt(ListFormat::kEuFsfXml, "fsf.xml", content, true, 3,
                              "<sanctionEntity> is over 16 MiB: not a list record");
}

TEST(EuFsfXmlTest, SinkErrorStopsTheParse) {
  ParseOptions options;
  options.countries = &testing_util::Countries();
  int calls = 0;
  Status s = ParseList(
      ListFormat::kEuFsfXml, {kReal}, options,
      [&calls](Entity&&) {
        ++calls;
        return Status::IoError("disk full");
      },
      nullptr);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(calls, 1);
}

TEST(EuFsfXmlTest, FolderWithOneExtensionlessDownload) {
  // The updater saves the EU's ".../content?token=..." as "content".
  std::string path = WriteTemp("content",
                               "<?xml version=\"1.0\"?>\n<export>\n"
                               "<sanctionEntity logicalId=\"3\"><nameAlias "
                               "wholeName=\"X\"/></sanctionEntity>\n</export>\n");
  Parsed p = Parse(ListFormat::kEuFsfXml, std::filesystem::path(path).parent_path().string());
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 1u);
}

}  // namespace
}  // namespace interdict
