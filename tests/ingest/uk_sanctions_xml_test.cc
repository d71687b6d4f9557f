// ParseUkSanctionsXml on a file written from the FCDO's description of the UK Sanctions List XML
// (tests/fixtures/uk-sanctions-written-from-schema/: no real file was available), and on
// malformed files.
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

const std::string kFile =
    std::string(INTERDICT_FIXTURES) + "/uk-sanctions-written-from-schema/designations.xml";

TEST(UkSanctionsXmlTest, CountsKindsAndDate) {
  Parsed p = Parse(ListFormat::kUkSanctionsXml, kFile);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.entities.size(), 3u);
  EXPECT_EQ(p.report.published, "2024-01-15T09:30:00");
  EXPECT_EQ(p.Get("uk-sanctions:AFG0099").schema, Schema::kPerson);
  EXPECT_EQ(p.Get("uk-sanctions:RUS9901").schema, Schema::kOrganization);
  EXPECT_EQ(p.Get("uk-sanctions:RUS9902").schema, Schema::kVessel);
}

TEST(UkSanctionsXmlTest, IndividualFieldByField) {
  Parsed p = Parse(ListFormat::kUkSanctionsXml, kFile);
  const Entity& e = p.Get("uk-sanctions:AFG0099");
  EXPECT_EQ(e.source, "uk-sanctions");
  EXPECT_EQ(e.primary_name().full, "EXAMPLEZAI, Abdul Karim");
  EXPECT_EQ(e.primary_name().natural, "Abdul Karim EXAMPLEZAI");
  EXPECT_THAT(NamesOfKind(e, NameKind::kStrongAlias), ElementsAre("EXAMPLEKHEL, Abdul Karim"));
  EXPECT_THAT(NamesOfKind(e, NameKind::kWeakAlias), ElementsAre("Mullah Karim"));
  ASSERT_THAT(NamesOfKind(e, NameKind::kOriginalScript), ElementsAre("عبد الکریم اکزامپل زی"));
  EXPECT_EQ(e.names.back().script, "Arab");
  EXPECT_THAT(e.programs, ElementsAre("UK-Afghanistan"));
  EXPECT_EQ(e.listed_on, "2020-12-31");
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(FormatPartialDate(e.birth_dates[0].from), "1963");
  EXPECT_EQ(FormatPartialDate(e.birth_dates[1].from), "1965-03-12");
  EXPECT_THAT(e.birth_places, ElementsAre("Spin Boldak, Afghanistan"));
  ASSERT_EQ(e.nationalities.size(), 1u);
  EXPECT_EQ(e.nationalities[0].code, "AF");
  ASSERT_EQ(e.identifiers.size(), 2u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "OA123456");
  EXPECT_EQ(e.identifiers[0].note, "Afghan passport, issued 2010");
  EXPECT_EQ(e.identifiers[1].kind, IdKind::kNationalId);
  EXPECT_EQ(e.identifiers[1].value, "57342");
  EXPECT_THAT(e.titles, ElementsAre("Deputy Minister of Examples"));
  EXPECT_EQ(e.gender, "male");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].street, "Street 4, District 7, Kandahar");
  EXPECT_EQ(e.addresses[0].country.code, "AF");
  EXPECT_THAT(e.remarks, ElementsAre("Believed to be in the border area.",
                                     "Involved in activities of the Taliban."));
  EXPECT_EQ(Attr(e, "unreferencenumber"), "TAi.999");
  EXPECT_EQ(Attr(e, "sanctionsimposed"), "Asset freeze|Travel ban");
}

TEST(UkSanctionsXmlTest, EntityAndShip) {
  Parsed p = Parse(ListFormat::kUkSanctionsXml, kFile);
  const Entity& ent = p.Get("uk-sanctions:RUS9901");
  EXPECT_EQ(ent.primary_name().full, "EXAMPLE DEFENCE HOLDING JSC");
  EXPECT_THAT(NamesOfKind(ent, NameKind::kOriginalScript), ElementsAre("АО «Пример Оборона»"));
  ASSERT_EQ(ent.identifiers.size(), 1u);
  EXPECT_EQ(ent.identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(Attr(ent, "phonenumber"), "+7 495 000 00 00");
  EXPECT_EQ(Attr(ent, "typeofentity"), "Joint stock company");
  // An element the parser does not know is kept and reported.
  EXPECT_EQ(Attr(ent, "futureelement"), "kept, not lost");
  EXPECT_THAT(p.report.warnings, Contains(HasSubstr("unknown element <FutureElement>")));

  const Entity& ship = p.Get("uk-sanctions:RUS9902");
  ASSERT_EQ(ship.identifiers.size(), 1u);
  EXPECT_EQ(ship.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(ship.identifiers[0].value, "9999999");
  EXPECT_EQ(ship.flag.code, "CM");
  EXPECT_EQ(Attr(ship, "typeofship"), "Crude oil tanker");
}

TEST(UkSanctionsXmlTest, MalformedFilesFailWithWhere) {
  struct Case {
    const char* content;
    int line;
    const char* error;
  };
  const Case cases[] = {
      {"<?xml version=\"1.0\"?>\n<Designations>\n<Designation>\n<UniqueID>A1</UniqueID>\n", 4,
       "truncated file"},
      {"<?xml version=\"1.0\"?>\n<export/>\n", 2, "expected <Designations>"},
      {"<?xml version=\"1.0\"?>\n<Designations>\n<Designation><Names><Name><Name6>X</Name6>"
       "<NameType>Primary Name</NameType></Name></Names></Designation>\n</Designations>\n",
       3, "<Designation> without UniqueID"},
      {"<?xml version=\"1.0\"?>\n<Designations>\n<Designation><UniqueID>A1</UniqueID><Names><Name>"
       "<Name6>X</Name6><NameType>Alias</NameType></Name></Names></Designation>\n</Designations>\n",
       3, "has no Name of NameType \"Primary Name\""},
      {"<?xml version=\"1.0\"?>\n<Designations>\n"
       "<Designation><UniqueID>A1</UniqueID><Names><Name><Name6>X</Name6><NameType>Primary "
       "Name</NameType></Name></Names></Designation>\n"
       "<Designation><UniqueID>A1</UniqueID><Names><Name><Name6>Y</Name6><NameType>Primary "
       "Name</NameType></Name></Names></Designation>\n</Designations>\n",
       4, "duplicate UniqueID A1 (first at line 3)"},
  };
  for (const Case& c : cases)
    testing_util::ExpectFailsAt(ListFormat::kUkSanctionsXml, "uk.xml", c.content, true, c.line,
                                c.error);
}

}  // namespace
}  // namespace interdict
