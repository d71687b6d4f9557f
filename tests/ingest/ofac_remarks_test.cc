#include "ingest/ofac_remarks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// data/countries.tsv; a tiny stand-in when that file is not there (it is written separately).
const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    if (std::filesystem::exists(INTERDICT_DATA "/countries.tsv")) {
      Status st = CountryTable::LoadDefault(INTERDICT_DATA, t);
      EXPECT_TRUE(st.ok()) << st.message();
      return t;
    }
    auto dir = std::filesystem::temp_directory_path() / "ofac_remarks_test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "countries.tsv")
        << "IR\tIran\nCO\tColombia\nMX\tMexico\nRU\tRussia\nEG\tEgypt\nTN\tTunisia\n"
           "KP\tNorth Korea\tKorea, North\nGB\tUnited Kingdom\nCN\tChina\nLB\tLebanon\n"
           "DE\tGermany\nPE\tPeru\n";
    EXPECT_TRUE(CountryTable::LoadDefault(dir.string(), t).ok());
    return t;
  }();
  return *table;
}

Entity Parse(std::string_view remarks, Schema schema = Schema::kPerson, bool cut = false) {
  Entity e;
  e.schema = schema;
  ParseOfacRemarks(remarks, cut, Countries(), &e);
  return e;
}

// ---- Splitting ----

TEST(SplitOfacRemarksTest, SplitsOnSemicolonSpaceAndDropsFinalStop) {
  EXPECT_THAT(SplitOfacRemarks("DOB 1962; POB Shati."), ElementsAre("DOB 1962", "POB Shati"));
  EXPECT_THAT(SplitOfacRemarks(""), IsEmpty());
  EXPECT_THAT(SplitOfacRemarks("Doctor"), ElementsAre("Doctor"));
}

TEST(SplitOfacRemarksTest, FinalStopOfAnInitialismStays) {
  EXPECT_THAT(SplitOfacRemarks("Linked To: GALAPAGOS S.A."),
              ElementsAre("Linked To: GALAPAGOS S.A."));
  EXPECT_THAT(SplitOfacRemarks("Linked To: CONSTRUVIDA S.A.; DOB 1960."),
              ElementsAre("Linked To: CONSTRUVIDA S.A.", "DOB 1960"));
}

TEST(SplitOfacRemarksTest, ApostrophesInsideQuotedAliasesDoNotEndThem) {
  // From us-ofac-sdn:7150 and :6925.
  EXPECT_THAT(SplitOfacRemarks("Passport 203037 (Libya); a.k.a. 'ABU ANAS'; a.k.a. ''ABD "
                               "AL-MUHSI'; a.k.a. ''ABD AL-RAHMAN'."),
              ElementsAre("Passport 203037 (Libya)", "a.k.a. 'ABU ANAS'", "a.k.a. ''ABD AL-MUHSI'",
                          "a.k.a. ''ABD AL-RAHMAN'"));
  EXPECT_THAT(SplitOfacRemarks("a.k.a. 'JA'FARI, Aziz'; a.k.a. 'SUE RC 'KMP''; DOB 1960."),
              ElementsAre("a.k.a. 'JA'FARI, Aziz'", "a.k.a. 'SUE RC 'KMP''", "DOB 1960"));
}

TEST(SplitOfacRemarksTest, QuotedAliasMayHoldSemicolonSpace) {
  EXPECT_THAT(SplitOfacRemarks("a.k.a. 'ONE; TWO'; DOB 1960."),
              ElementsAre("a.k.a. 'ONE; TWO'", "DOB 1960"));
}

// ---- Dates of birth ----

BirthDate Dob(std::string_view text) {
  BirthDate d;
  EXPECT_TRUE(ParseOfacBirthDate(text, &d)) << text;
  return d;
}

TEST(ParseOfacBirthDateTest, EveryFormOfacWrites) {
  BirthDate d = Dob("01 Jan 1960");
  EXPECT_EQ(d.from, (PartialDate{1960, 1, 1}));
  EXPECT_EQ(d.to, d.from);
  EXPECT_FALSE(d.circa);
  EXPECT_EQ(d.original, "01 Jan 1960");

  d = Dob("Sep 1938");
  EXPECT_EQ(d.from, (PartialDate{1938, 9, 0}));
  EXPECT_EQ(d.to, d.from);

  d = Dob("1946");
  EXPECT_EQ(d.from, (PartialDate{1946, 0, 0}));

  d = Dob("circa 1951");
  EXPECT_TRUE(d.circa);
  EXPECT_EQ(d.from, (PartialDate{1951, 0, 0}));
  EXPECT_EQ(d.to, d.from);

  d = Dob("1955 to 1958");
  EXPECT_EQ(d.from, (PartialDate{1955, 0, 0}));
  EXPECT_EQ(d.to, (PartialDate{1958, 0, 0}));
  EXPECT_FALSE(d.circa);

  d = Dob("01 Jan 1961 to 31 Dec 1962");
  EXPECT_EQ(d.from, (PartialDate{1961, 1, 1}));
  EXPECT_EQ(d.to, (PartialDate{1962, 12, 31}));

  d = Dob("Mar 1962 to Feb 1963");
  EXPECT_EQ(d.from, (PartialDate{1962, 3, 0}));
  EXPECT_EQ(d.to, (PartialDate{1963, 2, 0}));

  d = Dob("circa 07 Jul 1966");
  EXPECT_TRUE(d.circa);
  EXPECT_EQ(d.from, (PartialDate{1966, 7, 7}));

  d = Dob("circa 1979-1982");
  EXPECT_TRUE(d.circa);
  EXPECT_EQ(d.from, (PartialDate{1979, 0, 0}));
  EXPECT_EQ(d.to, (PartialDate{1982, 0, 0}));
}

TEST(ParseOfacBirthDateTest, RejectsWhatIsNotADate) {
  BirthDate d;
  EXPECT_FALSE(ParseOfacBirthDate("", &d));
  EXPECT_FALSE(ParseOfacBirthDate("unknown", &d));
  EXPECT_FALSE(ParseOfacBirthDate("32 Jan 1960", &d));
  EXPECT_FALSE(ParseOfacBirthDate("01 Foo 1960", &d));
  EXPECT_FALSE(ParseOfacBirthDate("196", &d));
  EXPECT_FALSE(ParseOfacBirthDate("1960 to 1950", &d));  // a range runs forwards
  EXPECT_FALSE(ParseOfacBirthDate("1 2 3 4", &d));
}

// ---- Names ----

TEST(OfacNaturalOrderTest, SurnameCommaGiven) {
  EXPECT_EQ(OfacNaturalOrder("KIM, Yong Chol"), "Yong Chol KIM");
  EXPECT_EQ(OfacNaturalOrder("DELOS REYES, Feliciano Semborio, Jr."),
            "Feliciano Semborio DELOS REYES Jr.");
  EXPECT_EQ(OfacNaturalOrder("KNOWLES, JR., Samuel"), "Samuel KNOWLES JR.");
  EXPECT_EQ(OfacNaturalOrder("MARUF, Taha, Muhyi al-Din"), "Taha Muhyi al-Din MARUF");
  EXPECT_EQ(OfacNaturalOrder("ABU ZUBAYDAH"), "ABU ZUBAYDAH");
  EXPECT_EQ(OfacNaturalOrder("SMITH, III"), "SMITH III");
  EXPECT_EQ(OfacNaturalOrder("SMITH,"), "SMITH,");
}

TEST(GuessScriptTest, DominantBlock) {
  EXPECT_EQ(GuessScript("EVIN PRISON"), "Latn");
  EXPECT_EQ(GuessScript("Caf\xC3\xA9"), "Latn");
  EXPECT_EQ(GuessScript("\xD0\x9C\xD0\xB8\xD1\x80 1"), "Cyrl");            // "Мир 1"
  EXPECT_EQ(GuessScript("\xD8\xB9\xD9\x84\xD9\x8A A"), "Arab");            // "علي A"
  EXPECT_EQ(GuessScript("\xE9\x87\x91\xE9\x93\x81\xE4\xB8\x89"), "Hani");  // "金铁三"
  EXPECT_EQ(GuessScript("123 - 456"), "Zyyy");
  EXPECT_EQ(GuessScript(""), "Zyyy");
}

// ---- Facts ----

TEST(ParseOfacRemarksTest, PersonFacts) {
  // us-ofac-sdn:8096, with an invented citizen/gender to cover those.
  Entity e = Parse(
      "DOB 21 Oct 1977; POB Beja, Tunisia; nationality Tunisia; citizen Iran; Gender Male; "
      "Passport P229856 issued 01 Nov 2002 expires 31 Oct 2007; arrested 1 Apr 2003; "
      "a.k.a. 'KAMEL'; a.k.a. 'KIMO'.");
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1977, 10, 21}));
  EXPECT_THAT(e.birth_places, ElementsAre("Beja, Tunisia"));
  ASSERT_EQ(e.nationalities.size(), 1u);
  EXPECT_EQ(e.nationalities[0].code, "TN");
  EXPECT_EQ(e.nationalities[0].original, "Tunisia");
  ASSERT_EQ(e.citizenships.size(), 1u);
  EXPECT_EQ(e.citizenships[0].code, "IR");
  EXPECT_EQ(e.gender, "male");
  ASSERT_EQ(e.identifiers.size(), 1u);
  const Identifier& p = e.identifiers[0];
  EXPECT_EQ(p.kind, IdKind::kPassport);
  EXPECT_EQ(p.label, "Passport");
  EXPECT_EQ(p.value, "P229856");
  EXPECT_EQ(p.country.original, "");
  EXPECT_EQ(p.note, "issued 01 Nov 2002 expires 31 Oct 2007");
  ASSERT_EQ(e.names.size(), 2u);
  EXPECT_EQ(e.names[0].full, "KAMEL");
  EXPECT_EQ(e.names[0].kind, NameKind::kWeakAlias);
  EXPECT_EQ(e.names[1].full, "KIMO");
  EXPECT_THAT(e.remarks, ElementsAre("arrested 1 Apr 2003"));
}

TEST(ParseOfacRemarksTest, AltFactsAddToTheSameFields) {
  Entity e = Parse(
      "DOB 24 Aug 1951; alt. DOB 05 Jul 1951; alt. POB Cali; nationality Colombia; "
      "alt. nationality Mexico; Gender Female.");
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(e.birth_dates[1].from, (PartialDate{1951, 7, 5}));
  EXPECT_EQ(e.birth_dates[1].original, "05 Jul 1951");
  EXPECT_THAT(e.birth_places, ElementsAre("Cali"));
  ASSERT_EQ(e.nationalities.size(), 2u);
  EXPECT_EQ(e.nationalities[1].code, "MX");
  EXPECT_EQ(e.gender, "female");
  EXPECT_THAT(e.remarks, IsEmpty());
}

TEST(ParseOfacRemarksTest, PassportWithCountryIssuedAndExpires) {
  Entity e = Parse("alt. Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992.");
  ASSERT_EQ(e.identifiers.size(), 1u);
  const Identifier& p = e.identifiers[0];
  EXPECT_EQ(p.kind, IdKind::kPassport);
  EXPECT_EQ(p.label, "Passport");
  EXPECT_EQ(p.value, "E590976");
  EXPECT_EQ(p.country.code, "TN");
  EXPECT_EQ(p.country.original, "Tunisia");
  EXPECT_EQ(p.note, "issued 19 Jun 1987 expires 18 Jun 1992");
}

TEST(ParseOfacRemarksTest, IdentityNumbersByLabel) {
  Entity e = Parse(
      "Cedula No. 16247821 (Colombia); NIT # 800146749-7 (Colombia); "
      "R.F.C. DIB-771110-HQ1 (Mexico); RFC CAVP-590612-AD1 (Mexico); "
      "C.U.R.P. # HESU430525HBCRMR13 (Mexico); SSN 523-33-8386 (United States); "
      "National ID No. D489833(9) (Hong Kong); Tax ID No. AABA 670850 Y; "
      "Identification Number 321284198607120616 (China); "
      "Folio Mercantil No. 22839 (Jalisco) (Mexico).");
  ASSERT_EQ(e.identifiers.size(), 10u);
  auto check = [&](size_t i, IdKind kind, const char* label, const char* value, const char* code) {
    SCOPED_TRACE(i);
    EXPECT_EQ(e.identifiers[i].kind, kind);
    EXPECT_EQ(e.identifiers[i].label, label);
    EXPECT_EQ(e.identifiers[i].value, value);
    EXPECT_EQ(e.identifiers[i].country.code, code);
  };
  check(0, IdKind::kNationalId, "Cedula No.", "16247821", "CO");
  check(1, IdKind::kTaxId, "NIT", "800146749-7", "CO");
  check(2, IdKind::kTaxId, "R.F.C.", "DIB-771110-HQ1", "MX");
  check(3, IdKind::kTaxId, "RFC", "CAVP-590612-AD1", "MX");
  check(4, IdKind::kNationalId, "C.U.R.P.", "HESU430525HBCRMR13", "MX");
  check(5, IdKind::kNationalId, "SSN", "523-33-8386", "US");
  check(6, IdKind::kNationalId, "National ID No.", "D489833(9)", "HK");
  check(7, IdKind::kTaxId, "Tax ID No.", "AABA 670850 Y", "");
  // On a person "Identification Number" is a national identity number.
  check(8, IdKind::kNationalId, "Identification Number", "321284198607120616", "CN");
  // A parenthesis the CountryTable does not know goes to the note.
  check(9, IdKind::kRegistration, "Folio Mercantil No.", "22839", "MX");
  EXPECT_EQ(e.identifiers[9].note, "(Jalisco)");
  EXPECT_THAT(e.remarks, IsEmpty());
}

TEST(ParseOfacRemarksTest, CompanyRegistrations) {
  Entity e = Parse(
      "Registration ID 1027739609391 (Russia); Business Registration Number 1037739709138 "
      "(Russia); Company Number 01074897 (United Kingdom); Commercial Registry Number 1404087 "
      "(Colombia); Identification Number 68097456 (Hong Kong); SWIFT/BIC HAVIGB2L; "
      "Registration Number HRB 32490 (Mainz) (Germany); Company Number IMO 5055293.",
      Schema::kEntity);
  ASSERT_EQ(e.identifiers.size(), 8u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(e.identifiers[0].label, "Registration ID");
  EXPECT_EQ(e.identifiers[0].country.code, "RU");
  EXPECT_EQ(e.identifiers[1].label, "Business Registration Number");
  EXPECT_EQ(e.identifiers[2].label, "Company Number");
  EXPECT_EQ(e.identifiers[2].value, "01074897");
  EXPECT_EQ(e.identifiers[2].country.code, "GB");
  EXPECT_EQ(e.identifiers[3].label, "Commercial Registry Number");
  // Not a person: a registration.
  EXPECT_EQ(e.identifiers[4].kind, IdKind::kRegistration);
  EXPECT_EQ(e.identifiers[5].kind, IdKind::kSwiftBic);
  EXPECT_EQ(e.identifiers[5].value, "HAVIGB2L");
  EXPECT_EQ(e.identifiers[6].value, "HRB 32490");
  EXPECT_EQ(e.identifiers[6].country.code, "DE");
  EXPECT_EQ(e.identifiers[6].note, "(Mainz)");
  // A company's IMO number is not a ship's.
  EXPECT_EQ(e.identifiers[7].kind, IdKind::kRegistration);
  EXPECT_EQ(e.identifiers[7].label, "Company Number IMO");
  EXPECT_EQ(e.identifiers[7].value, "5055293");
}

TEST(ParseOfacRemarksTest, VesselAndAircraftNumbers) {
  Entity v = Parse(
      "Former Vessel Flag Malta; Vessel Registration Identification IMO 9187655; "
      "MMSI 256842000; Identification Number IMO 9339301; Vessel Year of Build 1999.",
      Schema::kVessel);
  ASSERT_EQ(v.identifiers.size(), 3u);
  EXPECT_EQ(v.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(v.identifiers[0].label, "Vessel Registration Identification IMO");
  EXPECT_EQ(v.identifiers[0].value, "9187655");
  EXPECT_EQ(v.identifiers[1].kind, IdKind::kMmsi);
  EXPECT_EQ(v.identifiers[1].value, "256842000");
  EXPECT_EQ(v.identifiers[2].kind, IdKind::kImo);  // on a vessel, a ship's IMO number
  ASSERT_EQ(v.attributes.size(), 2u);
  EXPECT_EQ(v.attributes[0].key, "former_vessel_flag");
  EXPECT_EQ(v.attributes[0].value, "Malta");
  EXPECT_EQ(v.attributes[1].key, "vessel_year_of_build");

  // us-ofac-sdn:15431
  Entity a = Parse(
      "Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture "
      "Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's "
      "Serial Number (MSN) 1023409321; Aircraft Tail Number EP-GOM; Linked To: POUYA AIR.",
      Schema::kAircraft);
  ASSERT_EQ(a.identifiers.size(), 3u);
  EXPECT_EQ(a.identifiers[0].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(a.identifiers[0].value, "8401");
  EXPECT_EQ(a.identifiers[1].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(a.identifiers[1].label, "Aircraft Manufacturer's Serial Number (MSN)");
  EXPECT_EQ(a.identifiers[1].value, "1023409321");
  EXPECT_EQ(a.identifiers[2].kind, IdKind::kAircraftTail);
  EXPECT_EQ(a.identifiers[2].value, "EP-GOM");
  ASSERT_EQ(a.attributes.size(), 3u);
  EXPECT_EQ(a.attributes[0].key, "aircraft_manufacture_date");
  EXPECT_EQ(a.attributes[0].value, "1992");
  EXPECT_EQ(a.attributes[1].key, "aircraft_model");
  EXPECT_EQ(a.attributes[1].value, "IL76-TD");
  EXPECT_EQ(a.attributes[2].key, "aircraft_operator");
  EXPECT_THAT(a.links, ElementsAre("POUYA AIR"));
}

TEST(ParseOfacRemarksTest, DigitalCurrencyAddresses) {
  Entity e = Parse(
      "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency "
      "Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96.",
      Schema::kEntity);
  ASSERT_EQ(e.identifiers.size(), 2u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kDigitalCurrency);
  EXPECT_EQ(e.identifiers[0].currency, "XBT");
  EXPECT_EQ(e.identifiers[0].label, "Digital Currency Address - XBT");
  EXPECT_EQ(e.identifiers[0].value, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
  EXPECT_EQ(e.identifiers[1].currency, "ETH");
  EXPECT_EQ(e.identifiers[1].value, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96");
}

TEST(ParseOfacRemarksTest, OrganisationAttributes) {
  Entity e = Parse(
      "Website www.havanaintbank.co.uk; Email Address info@arrai.tv; Phone Number 982188526300; "
      "Telephone: 0097282851500; Fax (98)(21)(22224537); Organization Established Date 17 Dec "
      "2016; Organization Type: Activities of holding companies; Target Type Financial "
      "Institution; Additional Sanctions Information - Subject to Secondary Sanctions; "
      "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive "
      "Order 13886; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
      "Institutions: North Korea Sanctions Regulations section 510.214; Executive Order 13662 "
      "Directive Determination - Subject to Directive 2; Listing Date (CMIC) 03 Jun 2021.",
      Schema::kEntity);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Attribute& a : e.attributes) got.emplace_back(a.key, a.value);
  using P = std::pair<std::string, std::string>;
  EXPECT_THAT(
      got,
      ElementsAre(P{"website", "www.havanaintbank.co.uk"}, P{"email", "info@arrai.tv"},
                  P{"phone", "982188526300"}, P{"phone", "0097282851500"},
                  P{"fax", "(98)(21)(22224537)"}, P{"organization_established_date", "17 Dec 2016"},
                  P{"organization_type", "Activities of holding companies"},
                  P{"target_type", "Financial Institution"},
                  P{"additional_sanctions_information", "Subject to Secondary Sanctions"},
                  P{"secondary_sanctions_risk",
                    "section 1(b) of Executive Order 13224, as amended by Executive "
                    "Order 13886"},
                  P{"transactions_prohibited", "North Korea Sanctions Regulations section 510.214"},
                  P{"executive_order", "13662 Directive Determination - Subject to Directive 2"},
                  P{"listing_date", "(CMIC) 03 Jun 2021"}));
  EXPECT_THAT(e.remarks, IsEmpty());
}

TEST(ParseOfacRemarksTest, LinksAndWeakAliases) {
  Entity e = Parse(
      "a.k.a. 'AFRIC'; f.k.a. 'UNITED GEORGIAN BANK'; Linked To: PRIGOZHIN, Yevgeniy "
      "Viktorovich; Linked To: GALAPAGOS S.A.",
      Schema::kEntity);
  ASSERT_EQ(e.names.size(), 2u);
  EXPECT_EQ(e.names[0].full, "AFRIC");
  EXPECT_EQ(e.names[0].kind, NameKind::kWeakAlias);
  // OFAC's XML marks the quoted f.k.a. "weak" too.
  EXPECT_EQ(e.names[1].full, "UNITED GEORGIAN BANK");
  EXPECT_EQ(e.names[1].kind, NameKind::kWeakAlias);
  EXPECT_THAT(e.links, ElementsAre("PRIGOZHIN, Yevgeniy Viktorovich", "GALAPAGOS S.A."));
}

TEST(ParseOfacRemarksTest, TitlesInRemarks) {
  Entity e = Parse(
      "Title Basij Deputy Commander; Alternate Title, Chief, Iran's Law Enforcement Forces; "
      "Alternate Title:  Colonel; Position: Owner; Alt. Position: General Manager.");
  EXPECT_THAT(e.titles,
              ElementsAre("Basij Deputy Commander", "Chief, Iran's Law Enforcement Forces",
                          "Colonel", "Owner", "General Manager"));
  EXPECT_THAT(e.remarks, IsEmpty());
}

TEST(ParseOfacRemarksTest, UnrecognisedFactsStayVerbatim) {
  Entity e = Parse(
      "Scientific Studies and Research Center Employee; nationality possibly Palestinian;"
      "arrested 23 Apr 2002; DOB sometime; Passport issued in Sarajevo, Bosnia-Herzegovina; "
      "Gender Unknown; a.k.a. ABU X; ICTY indictee.");
  EXPECT_THAT(e.remarks,
              ElementsAre("Scientific Studies and Research Center Employee",
                          "nationality possibly Palestinian;arrested 23 Apr 2002", "DOB sometime",
                          "Passport issued in Sarajevo, Bosnia-Herzegovina", "Gender Unknown",
                          "a.k.a. ABU X", "ICTY indictee"));
  EXPECT_THAT(e.nationalities, IsEmpty());
  EXPECT_THAT(e.birth_dates, IsEmpty());
  EXPECT_THAT(e.identifiers, IsEmpty());
  EXPECT_EQ(e.gender, "");
  EXPECT_THAT(e.names, IsEmpty());
}

TEST(ParseOfacRemarksTest, CutTextKeepsItsLastFactVerbatim) {
  // us-ofac-sdn:28263 as the 2024 sdn.csv has it, without its sdn_comments.csv continuation.
  const char* text = "Phone Number 8613621583465; a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjo";
  Entity cut = Parse(text, Schema::kPerson, /*cut=*/true);
  ASSERT_EQ(cut.names.size(), 1u);
  EXPECT_EQ(cut.names[0].full, "tianyinyin0404");
  EXPECT_THAT(cut.remarks, ElementsAre("a.k.a. 'snowsjo"));
  // Even when not flagged, an alias whose quote never closes is not taken.
  Entity unflagged = Parse(text);
  EXPECT_EQ(unflagged.names.size(), 1u);
  EXPECT_THAT(unflagged.remarks, ElementsAre("a.k.a. 'snowsjo"));
  // A cut identifier would be a wrong one: kept as text.
  Entity id = Parse("Digital Currency Address - XBT 1Gq", Schema::kEntity, /*cut=*/true);
  EXPECT_THAT(id.identifiers, IsEmpty());
  EXPECT_THAT(id.remarks, ElementsAre("Digital Currency Address - XBT 1Gq"));
}

}  // namespace
}  // namespace interdict
