// ParseUsCslCsv on the real trade.gov Consolidated Screening List of 2022-05 (gzipped in
// tests/fixtures/us-csl-2022-05/, unpacked into a temporary folder) and on malformed files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

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

const std::string kDir = std::string(INTERDICT_FIXTURES) + "/us-csl-2022-05/";

// The whole file, unpacked once with gzip(1).
const Parsed& Full() {
  static const Parsed* parsed = [] {
    std::string out = ::testing::TempDir() + "csl-full.csv";
    std::string cmd = "gzip -dc '" + kDir + "consolidated.csv.gz' > '" + out + "'";
    if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "cannot run: " << cmd;
    return new Parsed(Parse(ListFormat::kUsCslCsv, out));
  }();
  return *parsed;
}

TEST(CslCsvTest, FullFileCountsBySource) {
  const Parsed& p = Full();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  // 14,160 rows; CAP 15268 is listed twice with the same name: the second row is skipped.
  EXPECT_EQ(p.entities.size(), 14159u);
  EXPECT_THAT(p.report.warnings, Contains(HasSubstr("us-csl:CAP-15268 listed again")));
  std::map<std::string, int> by_list;
  for (const Entity& e : p.entities) {
    std::string id = e.id.substr(e.id.find(':') + 1);
    ++by_list[id.substr(0, id.rfind('-'))];
  }
  EXPECT_EQ(by_list["SDN"], 10026);
  EXPECT_EQ(by_list["EL"], 2001);
  EXPECT_EQ(by_list["DTC"], 727);
  EXPECT_EQ(by_list["DPL"], 462);
  EXPECT_EQ(by_list["UVL"], 201);
  EXPECT_EQ(by_list["MEU"], 71);
  EXPECT_EQ(p.bytes_read, 5829294);
}

TEST(CslCsvTest, SdnIndividualFieldByField) {
  const Entity& e = Full().Get("us-csl:SDN-9935");
  EXPECT_EQ(e.source, "us-csl");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.primary_name().full, "'ABD AL-RAZZIQ, Abu Sufian al-Salamabi Muhammed Ahmed");
  EXPECT_EQ(e.primary_name().natural, "Abu Sufian al-Salamabi Muhammed Ahmed 'ABD AL-RAZZIQ");
  EXPECT_EQ(NamesOfKind(e, NameKind::kStrongAlias).size(), 14u);
  EXPECT_THAT(e.programs, ElementsAre("SDGT"));
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(FormatPartialDate(e.birth_dates[0].from), "1962-08-06");
  ASSERT_EQ(e.nationalities.size(), 2u);
  EXPECT_EQ(e.nationalities[0].code, "CA");
  EXPECT_THAT(e.birth_places, ElementsAre("Al-Bawgah, Sudan", "Albaouga, Sudan"));
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "BC166787");
  EXPECT_EQ(e.identifiers[0].country.code, "CA");
  EXPECT_EQ(Attr(e, "csl_source"), "Specially Designated Nationals (SDN) - Treasury Department");
}

TEST(CslCsvTest, IdsWithDatesGenderAndSanctionNotes) {
  const Entity& e = Full().Get("us-csl:SDN-26860");
  EXPECT_THAT(e.programs, ElementsAre("IFSR", "IRGC", "SDGT"));
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].country.code, "IQ");
  EXPECT_THAT(e.remarks,
              Contains("(Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE)"));
  EXPECT_THAT(e.remarks,
              Contains("Subject to Secondary Sanctions, Additional Sanctions Information -"));
  EXPECT_EQ(Full().Get("us-csl:SDN-24904").gender, "male");
}

TEST(CslCsvTest, CommerceListRowsUseTheRowId) {
  const Entity& e = Full().Get("us-csl:DPL-deb7a1d5743a85c354ca1a2c7f2664e2104b32d7");
  EXPECT_EQ(e.primary_name().full, "I. ASH");
  EXPECT_EQ(e.schema, Schema::kEntity);  // the CSL gives no type for BIS rows
  EXPECT_EQ(e.listed_on, "2003-06-19");
  EXPECT_EQ(Attr(e, "end_date"), "2056-06-29");
  EXPECT_EQ(Attr(e, "standard_order"), "Y");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].country.code, "US");
}

TEST(CslCsvTest, ExcerptParsesItsThousandRecords) {
  Parsed p = Parse(ListFormat::kUsCslCsv, kDir + "consolidated.excerpt-first-1000.csv");
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 1000u);
}

TEST(CslCsvTest, MalformedFilesFailWithWhere) {
  const std::string header = "_id,source,entity_number,type,programs,name,alt_names\n";
  struct Case {
    std::string content;
    int line;
    const char* error;
  };
  const Case cases[] = {
      {"a,b,c\n1,2,3\n", 1, "no column '_id'"},
      {header +
           "1,Specially Designated Nationals (SDN) - Treasury Department,1,Individual,X,\"A, B\"\n",
       2, "expected 7 fields"},
      {header +
           "1,Specially Designated Nationals (SDN) - Treasury Department,1,Individual,X,\"A, B",
       2, "unterminated quoted field"},
      {header + "1,Somebody's list,1,Individual,X,A,\n", 2, "no list abbreviation"},
      {header + "1,Entity List (EL) - BIS,1,Robot,X,A,\n", 2, "unknown type 'Robot'"},
      {header + "1,Entity List (EL) - BIS,1,Entity,X,A,\n1,Entity List (EL) - BIS,1,Entity,X,B,\n",
       3, "again (first at line 2) with another name"},
      {header + "1,Entity List (EL) - BIS,1,Entity,X,,\n", 2, "empty name"},
      {header + "1,Entity List (EL) - BIS,1,Entity,X,Caf\xE9,\n", 2, "invalid UTF-8"},
  };
  for (const Case& c : cases)
    testing_util::ExpectFailsAt(ListFormat::kUsCslCsv, "consolidated.csv", c.content, false, c.line,
                                c.error);
}

}  // namespace
}  // namespace interdict
