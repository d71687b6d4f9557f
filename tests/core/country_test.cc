#include "core/country.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"

namespace interdict {
namespace {

const std::string kTable = std::string(INTERDICT_DATA) + "/countries.tsv";

class RealTableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    table_ = new CountryTable;
    Status st = CountryTable::Load(kTable, table_);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  static CountryTable* table_;
};

CountryTable* RealTableTest::table_ = nullptr;

TEST_F(RealTableTest, HasEveryIsoCountryAndKosovo) {
  // 249 ISO 3166-1 entries (iso-codes 4.15.0) plus XK.
  EXPECT_EQ(table_->size(), 250u);
  EXPECT_EQ(table_->NameOf("IR"), "Iran");
  EXPECT_EQ(table_->NameOf("KP"), "North Korea");
  EXPECT_EQ(table_->NameOf("RU"), "Russia");
  EXPECT_EQ(table_->NameOf("XK"), "Kosovo");
  EXPECT_EQ(table_->NameOf("AQ"), "Antarctica");
  EXPECT_EQ(table_->NameOf("ZZ"), "");
  EXPECT_EQ(table_->NameOf("ir"), "");  // codes are upper case
  EXPECT_EQ(table_->NameOf(""), "");
}

TEST_F(RealTableTest, LoadDefaultReadsTheDataDirectory) {
  CountryTable t;
  Status st = CountryTable::LoadDefault(INTERDICT_DATA, &t);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.size(), table_->size());
  EXPECT_EQ(t.Resolve("Burma"), "MM");
}

struct Case {
  const char* text;
  const char* code;
};

TEST_F(RealTableTest, ResolvesListSpellings) {
  const Case cases[] = {
      // OFAC and UN forms of the same countries.
      {"Korea, North", "KP"},
      {"Korea, South", "KR"},
      {"North Korea", "KP"},
      {"South Korea", "KR"},
      {"Democratic People's Republic of Korea", "KP"},
      {"Korea, Democratic People's Republic of", "KP"},
      {"Republic of Korea", "KR"},
      {"DPRK", "KP"},
      {"Iran (Islamic Republic of)", "IR"},
      {"Burma", "MM"},
      {"Myanmar", "MM"},
      {"Congo, Democratic Republic of the", "CD"},
      {"Democratic Republic of the Congo", "CD"},
      {"DRC", "CD"},
      {"Congo", "CG"},
      {"Congo, Republic of the", "CG"},
      {"Russian Federation", "RU"},
      {"the Russian Federation", "RU"},
      {"Syrian Arab Republic", "SY"},
      {"United Kingdom of Great Britain and Northern Ireland", "GB"},
      {"UK", "GB"},
      {"England", "GB"},
      {"United States of America", "US"},
      {"USA", "US"},
      {"Viet Nam", "VN"},
      {"Vietnam", "VN"},
      {"Bolivia (Plurinational State of)", "BO"},
      {"Venezuela (Bolivarian Republic of)", "VE"},
      {"United Republic of Tanzania", "TZ"},
      {"China, Hong Kong Special Administrative Region", "HK"},
      {"Hong Kong", "HK"},
      {"Macau", "MO"},
      {"Macao", "MO"},
      {"Virgin Islands, British", "VG"},
      {"British Virgin Islands", "VG"},
      {"Man, Isle of", "IM"},
      {"Bahamas, The", "BS"},
      {"The Gambia", "GM"},
      {"St. Kitts & Nevis", "KN"},
      {"St. Vincent and the Grenadines", "VC"},
      {"North Macedonia, The Republic of", "MK"},
      {"Macedonia, The Former Yugoslav Republic of", "MK"},
      {"Bosnia-Herzegovina", "BA"},
      {"Bosina-Herzegovina", "BA"},  // sic, in OFAC Remarks
      {"Phillipines", "PH"},         // sic, in OFAC Remarks
      {"the Philippines", "PH"},
      {"Cabo Verde", "CV"},
      {"Cote d Ivoire", "CI"},
      {"Ivory Coast", "CI"},
      {"Kosovo", "XK"},
      // Palestine in all its list forms.
      {"Palestinian", "PS"},
      {"West Bank", "PS"},
      {"Gaza", "PS"},
      {"Gaza Strip", "PS"},
      {"Region: Gaza", "PS"},
      {"State of Palestine", "PS"},
      {"West Bank (Palestinian Authority)", "PS"},
      // Turkey before and after its renaming.
      {"Turkey", "TR"},
      {"Türkiye", "TR"},
      {"Turkiye", "TR"},
      // Demonyms used as nationality.
      {"Iranian", "IR"},
      {"Afghan", "AF"},
      {"Syrian", "SY"},
      {"Iraqi", "IQ"},
      {"Russian", "RU"},
      {"Chinese", "CN"},
      {"Pakistani", "PK"},
      {"Saudi Arabian", "SA"},
      {"Yemeni", "YE"},
      {"Somali", "SO"},
      {"Sudanese", "SD"},
      {"South Sudanese", "SS"},
      {"Libyan", "LY"},
      {"Lebanese", "LB"},
      {"North Korean", "KP"},
      {"Belarusian", "BY"},
      {"Venezuelan", "VE"},
      {"Cuban", "CU"},
      {"Nigerien", "NE"},
      {"Nigerian", "NG"},
      {"Emirati", "AE"},
  };
  for (const Case& c : cases) EXPECT_EQ(table_->Resolve(c.text), c.code) << c.text;
}

TEST_F(RealTableTest, IgnoresCasePunctuationSpacingAndAccents) {
  EXPECT_EQ(table_->Resolve("  KOREA, NORTH \t"), "KP");
  EXPECT_EQ(table_->Resolve("korea north"), "KP");
  EXPECT_EQ(table_->Resolve("Korea,North."), "KP");
  EXPECT_EQ(table_->Resolve("IRAN (ISLAMIC REPUBLIC OF)"), "IR");
  EXPECT_EQ(table_->Resolve("Guinea Bissau"), "GW");
  EXPECT_EQ(table_->Resolve("Guinea-Bissau"), "GW");
  // Accented and plain spellings, any apostrophe, upper-case accented letters.
  EXPECT_EQ(table_->Resolve("Côte d'Ivoire"), "CI");
  EXPECT_EQ(table_->Resolve("Cote d'Ivoire"), "CI");
  EXPECT_EQ(table_->Resolve("CÔTE D\u2019IVOIRE"), "CI");
  EXPECT_EQ(table_->Resolve("TÜRKIYE"), "TR");
  EXPECT_EQ(table_->Resolve("Curaçao"), "CW");
  EXPECT_EQ(table_->Resolve("Réunion"), "RE");
  EXPECT_EQ(table_->Resolve("Reunion"), "RE");  // the table lists only "Réunion"
  EXPECT_EQ(table_->Resolve("Åland Islands"), "AX");
  EXPECT_EQ(table_->Resolve("São Tomé and Príncipe"), "ST");
  // A no-break space and a narrow no-break space (UN free text has them) separate words.
  EXPECT_EQ(table_->Resolve("Korea,\u00a0North"), "KP");
  EXPECT_EQ(table_->Resolve("Saudi\u202fArabia"), "SA");
  // A leading "the" is ignored even when the table does not list it.
  EXPECT_EQ(table_->Resolve("the Netherlands"), "NL");
  EXPECT_EQ(table_->Resolve("THE UNITED STATES"), "US");
}

TEST_F(RealTableTest, AcceptsCodes) {
  EXPECT_EQ(table_->Resolve("IR"), "IR");
  EXPECT_EQ(table_->Resolve("IRN"), "IR");
  EXPECT_EQ(table_->Resolve("PRK"), "KP");
  EXPECT_EQ(table_->Resolve(" RU "), "RU");
  EXPECT_EQ(table_->Resolve("XK"), "XK");
  EXPECT_EQ(table_->Resolve("XKX"), "XK");
  EXPECT_EQ(table_->Resolve("GBR"), "GB");
  // Codes count only in upper case: the UN writes "na" for "not available", and "and", "can"
  // are words. (FollowTheMoney's lower-case codes are upper-cased by its parser.)
  EXPECT_EQ(table_->Resolve("NA"), "NA");
  EXPECT_EQ(table_->Resolve("na"), "");
  EXPECT_EQ(table_->Resolve("kp"), "");
  EXPECT_EQ(table_->Resolve("and"), "");
}

TEST_F(RealTableTest, ResolvesNonLatinNamesOfSanctionedCountries) {
  const Case cases[] = {
      {"Иран", "IR"},
      {"ИРАН", "IR"},  // upper-case Cyrillic folds too
      {"إيران", "IR"},
      {"ايران", "IR"},
      {"ایران", "IR"},  // Persian yeh
      {"ﺇﻳﺮﺍﻥ", "IR"},  // Arabic presentation forms
      {"伊朗", "IR"},
      {"이란", "IR"},
      {"朝鲜", "KP"},
      {"북한", "KP"},
      {"КНДР", "KP"},
      {"Северная Корея", "KP"},
      {"كوريا الشمالية", "KP"},
      {"대한민국", "KR"},
      {"Россия", "RU"},
      {"Российская Федерация", "RU"},
      {"سوريا", "SY"},
      {"Сирия", "SY"},
      {"Беларусь", "BY"},
      {"Куба", "CU"},
      {"العراق", "IQ"},
      {"أفغانستان", "AF"},
      {"中国", "CN"},
      // The table lists this with a stress mark ("Респу́блика"); marks are ignored.
      {"Исламская Республика Иран", "IR"},
      // Arabic with and without shadda; the table has the shadda form from iso-codes.
      {"الجمهوريّة العربيّة السّوريّة", "SY"},
      {"الاتحاد الروسي", "RU"},
  };
  for (const Case& c : cases) EXPECT_EQ(table_->Resolve(c.text), c.code) << c.text;
}

TEST_F(RealTableTest, DoesNotResolveRegionsAmbiguousWordsOrNonCountries) {
  for (const char* text : {"",
                           "   ",
                           ",",
                           "Crimea",
                           "Region: Crimea",
                           "Donetsk Region",
                           "Luhansk",
                           "Sevastopol",
                           "Region: Kafia Kingi",
                           "Region: Northern Mali",
                           "Korea",
                           "Korean",
                           "Congolese",
                           "Dominican",
                           "Virgin Islands",
                           "USSR",
                           "former Soviet Union",
                           "Serbia and Montenegro",
                           "Netherlands Antilles",
                           "undetermined",
                           "None Identified",
                           "possibly Palestinian",
                           "Atlantis",
                           "Korea, North, Pyongyang",
                           "the",
                           "I",
                           "IRNX"}) {
    EXPECT_EQ(table_->Resolve(text), "") << "'" << text << "'";
  }
}

TEST_F(RealTableTest, MakeKeepsTheTrimmedOriginal) {
  Country c = table_->Make("  Korea, North ");
  EXPECT_EQ(c.original, "Korea, North");
  EXPECT_EQ(c.code, "KP");
  Country u = table_->Make("Crimea");
  EXPECT_EQ(u.original, "Crimea");
  EXPECT_EQ(u.code, "");
}

// Every spelling on every line resolves to that line's code: no spelling is shadowed by another
// line's, and the code and display name are spellings too.
TEST_F(RealTableTest, EverySpellingInTheFileResolvesToItsLine) {
  std::ifstream in(kTable);
  ASSERT_TRUE(in) << kTable;
  std::string line;
  int rows = 0, spellings = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols = SplitView(line, '\t');
    ASSERT_EQ(cols.size(), 3u) << line;
    std::string code(cols[0]);
    ++rows;
    EXPECT_EQ(table_->Resolve(code), code);
    EXPECT_EQ(table_->Resolve(cols[1]), code) << cols[1];
    EXPECT_EQ(table_->NameOf(code), std::string(cols[1]));
    for (std::string_view s : SplitView(cols[2], '|')) {
      ++spellings;
      EXPECT_EQ(table_->Resolve(s), code) << s;
    }
  }
  EXPECT_EQ(rows, 250);
  EXPECT_GT(spellings, 1000);
}

// Splits one OFAC CSV row (quoted fields, "" escapes, no line breaks inside fields).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

// The distinct texts of column `col` (0-based) of an OFAC address file, without "-0-".
std::set<std::string> OfacCountries(const std::string& path, size_t col) {
  std::set<std::string> out;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f = SplitCsv(line);
    if (f.size() <= col) continue;
    std::string text(Trim(f[col]));
    if (!text.empty() && text != "-0-") out.insert(text);
  }
  return out;
}

// Every distinct text of the address country column resolves, except the few that name no
// country: this set is exact, so a new unresolved text (or a fixed one) shows up here.
TEST_F(RealTableTest, ResolvesEveryCountryOfOfacAddresses) {
  std::set<std::string> unresolved;
  std::set<std::string> texts =
      OfacCountries(std::string(INTERDICT_FIXTURES) + "/ofac-sdn-2021/add.csv", 4);
  std::set<std::string> cons =
      OfacCountries(std::string(INTERDICT_DATA) + "/lists/us-ofac-cons/cons_add.csv", 4);
  texts.insert(cons.begin(), cons.end());
  for (const std::string& t : texts)
    if (table_->Resolve(t).empty()) unresolved.insert(t);
  EXPECT_EQ(texts.size(), 171u);  // distinct texts in the two snapshots
  EXPECT_EQ(unresolved,
            (std::set<std::string>{"Netherlands Antilles", "Region: Crimea", "Region: Kafia Kingi",
                                   "Region: Northern Mali", "undetermined"}));
  EXPECT_EQ(table_->Resolve("Palestinian"), "PS");
  EXPECT_EQ(table_->Resolve("Region: Gaza"), "PS");
}

// The UN list's country elements: NATIONALITY/VALUE, COUNTRY, ISSUING_COUNTRY, COUNTRY_OF_ISSUE.
TEST_F(RealTableTest, ResolvesEveryCountryOfTheUnList) {
  std::ifstream in(std::string(INTERDICT_DATA) + "/lists/un-sc/un-sc-2026-02.xml");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string xml = ss.str();
  std::set<std::string> texts;
  auto collect = [&](const std::string& tag, const std::string& inner) {
    const std::string open = "<" + tag + ">", close = "</" + tag + ">";
    for (size_t p = xml.find(open); p != std::string::npos; p = xml.find(open, p + 1)) {
      size_t e = xml.find(close, p);
      ASSERT_NE(e, std::string::npos);
      std::string body = xml.substr(p + open.size(), e - p - open.size());
      if (inner.empty()) {
        texts.insert(std::string(Trim(body)));
        continue;
      }
      const std::string vo = "<" + inner + ">", vc = "</" + inner + ">";
      for (size_t v = body.find(vo); v != std::string::npos; v = body.find(vo, v + 1))
        texts.insert(
            std::string(Trim(body.substr(v + vo.size(), body.find(vc, v) - v - vo.size()))));
    }
  };
  collect("NATIONALITY", "VALUE");
  collect("COUNTRY", "");
  collect("ISSUING_COUNTRY", "");
  collect("COUNTRY_OF_ISSUE", "");
  texts.erase("");
  std::set<std::string> unresolved;
  for (const std::string& t : texts)
    if (table_->Resolve(t).empty()) unresolved.insert(t);
  EXPECT_EQ(texts.size(), 77u);  // distinct texts in the 2026-02 snapshot
  // "na" is the UN's "not available", not Namibia.
  EXPECT_EQ(unresolved, (std::set<std::string>{"former Soviet Union", "na"}));
  EXPECT_TRUE(texts.count("Iran (Islamic Republic of)"));
  EXPECT_TRUE(texts.count("Türkiye"));
  EXPECT_EQ(table_->Resolve("Democratic People's Republic of Korea"), "KP");
}

// Tables written by the tests below.
class TableFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& content) {
    path_ = ::testing::TempDir() + "countries_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".tsv";
    std::ofstream(path_, std::ios::binary) << content;
    return path_;
  }
  void TearDown() override {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  std::string path_;
};

TEST_F(TableFileTest, ReadsCommentsBlankLinesCrlfAndTwoColumnLines) {
  std::string path = Write(
      "# a comment\r\n"
      "\r\n"
      "IR\tIran\tIRN|Iranian||Persia\r\n"
      "AQ\tAntarctica\n"
      "KP\tNorth Korea\tKorea, North|Korea North\n");  // same key twice, same code: fine
  CountryTable t;
  Status st = CountryTable::Load(path, &t);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.NameOf("IR"), "Iran");
  EXPECT_EQ(t.NameOf("AQ"), "Antarctica");
  EXPECT_EQ(t.Resolve("persia"), "IR");
  EXPECT_EQ(t.Resolve("Antarctica"), "AQ");
  EXPECT_EQ(t.Resolve("korea, north"), "KP");
  EXPECT_EQ(t.Resolve("Syria"), "");
}

TEST_F(TableFileTest, MissingFileIsAnIoErrorNamingThePath) {
  CountryTable t;
  Status st = CountryTable::Load("/nonexistent/countries.tsv", &t);
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_NE(st.message().find("/nonexistent/countries.tsv"), std::string::npos) << st.message();
}

struct BadTable {
  const char* content;
  const char* where;    // expected ":<line>: " in the message
  const char* problem;  // expected part of the message
};

TEST_F(TableFileTest, MalformedLinesAreErrorsNamingFileAndLine) {
  const BadTable cases[] = {
      {"IR\tIran\n# c\nKP\n", ":3: ", "expected 2 or 3 tab-separated columns"},
      {"IR\tIran\tIRN\textra\n", ":1: ", "expected 2 or 3 tab-separated columns"},
      {"IR Iran\n", ":1: ", "expected 2 or 3"},
      {"\nIRN\tIran\n", ":2: ", "'IRN' is not an alpha-2 code"},
      {"ir\tIran\n", ":1: ", "'ir' is not an alpha-2 code"},
      {"I1\tIran\n", ":1: ", "'I1' is not an alpha-2 code"},
      {"\tIran\n", ":1: ", "'' is not an alpha-2 code"},
      {"IR\tIran\nIR\tPersia\n", ":2: ", "duplicate code IR"},
      {"IR\t \n", ":1: ", "empty English name for IR"},
  };
  for (const BadTable& c : cases) {
    std::string path = Write(c.content);
    CountryTable t;
    Status st = CountryTable::Load(path, &t);
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << c.content;
    EXPECT_NE(st.message().find(path + c.where), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(c.problem), std::string::npos) << st.message();
  }
}

TEST_F(TableFileTest, ASpellingClaimedByTwoCountriesIsAnError) {
  // "Korea" folds the same on both lines; the error names the second line and the first owner.
  std::string path = Write(
      "KP\tNorth Korea\tKorea\n"
      "KR\tSouth Korea\tRepublic of Korea|KOREA.\n");
  CountryTable t;
  Status st = CountryTable::Load(path, &t);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_NE(st.message().find(path + ":2: 'KOREA.' already means KP"), std::string::npos)
      << st.message();

  // Codes collide only with codes (they match only in upper case).
  path = Write("IN\tIndia\tIND\nID\tIndonesia\tIND\n");
  st = CountryTable::Load(path, &t);
  EXPECT_NE(st.message().find(":2: code 'IND' already means IN"), std::string::npos)
      << st.message();
}

TEST_F(TableFileTest, AFailedLoadLeavesTheTableUntouched) {
  CountryTable t;
  ASSERT_TRUE(CountryTable::Load(Write("IR\tIran\n"), &t).ok());
  EXPECT_FALSE(CountryTable::Load(Write("IR\tIran\nXX\n"), &t).ok());
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.Resolve("Iran"), "IR");
}

}  // namespace
}  // namespace interdict
