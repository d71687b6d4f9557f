// Payment messages screened against the bundled lists: each hit names its field.
#include "scan/message_screener.h"

#include <gtest/gtest.h>

#include "scan/mt_message.h"
#include "scan/pacs008.h"
#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Data;
using scan_test::Describe;
using scan_test::Fixture;
using scan_test::ReadFile;
using scan_test::World;

// "field kind id text" per hit.
std::vector<std::string> Screen(const PaymentMessage& m, ScanOptions options = {}) {
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  std::vector<Hit> hits;
  Status s = screener.Screen(m, options, scan.get(), match.get(), &hits);
  EXPECT_TRUE(s.ok()) << s.message();
  std::vector<std::string> out;
  for (const Hit& h : hits) {
    // A country code says how it was read: "(BIC country)", "(IBAN country)", "(country code)".
    const bool code = h.kind == HitKind::kJurisdiction && h.place == nullptr;
    out.push_back(h.field + " " + std::string(HitKindName(h.kind)) + " " +
                  (h.entity ? h.entity->id : h.jurisdiction->id) + " " + h.text +
                  (code ? " (" + h.how + ")" : ""));
    EXPECT_GT(h.line, 0);
  }
  return out;
}

std::vector<PaymentMessage> Mt(const std::string& fixture) {
  std::vector<PaymentMessage> m;
  Status s = ParseMtMessages(ReadFile(Fixture(fixture)), &m);
  EXPECT_TRUE(s.ok()) << s.message();
  return m;
}

TEST(MessageScreenerTest, CleanMessagesHaveNoHit) {
  EXPECT_TRUE(Screen(Mt("mt103-clean.fin")[0]).empty());
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParsePacs008(ReadFile(Fixture("pacs008-clean.xml")), &m).ok());
  EXPECT_TRUE(Screen(m[0]).empty());
}

TEST(MessageScreenerTest, APassedDeadlineIsAnErrorNotACleanMessage) {
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  ScanOptions options;
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  std::vector<Hit> hits;
  Status s = screener.Screen(Mt("mt103-hits.fin")[0], options, scan.get(), match.get(), &hits);
  EXPECT_EQ(s.code(), Status::Code::kDeadlineExceeded) << s.message();
}

TEST(MessageScreenerTest, Mt103EveryFieldKind) {
  EXPECT_EQ(Screen(Mt("mt103-hits.fin")[0]),
            (std::vector<std::string>{
                "53A identifier us-ofac-sdn:906 HAVIGB2L",    // listed BIC (option A)
                "57A identifier us-ofac-sdn:13135 SABCIRTH",  // listed BIC
                "57A jurisdiction IR IR (BIC country)",       // the BIC's country
                "59 jurisdiction IR IR (IBAN country)",       // the account is an Iranian IBAN
                "59 party us-ofac-sdn:24586 EVIN PRISON",     // the name, as a structured party
                "59 jurisdiction IR TEHRAN",                  // an address line
                "59 jurisdiction IR IR (country code ending the address)",
                "70 jurisdiction IR BANDAR ABBAS",             // free text
                "72 party us-ofac-sdn:39258 MORALITY POLICE",  // free text, Iran named nearby
            }));
}

TEST(MessageScreenerTest, Mt103OptionF) {
  EXPECT_EQ(Screen(Mt("mt103-50f.fin")[0]), (std::vector<std::string>{
                                                "50F jurisdiction IR IR (country code)",
                                                "50F/1 party us-ofac-sdn:39664 HEDAYAT FARZADI",
                                                "50F/3 jurisdiction IR TEHRAN",
                                                "59F/3 jurisdiction CU HAVANA",
                                                "59F/3 jurisdiction CU CU (country code)",
                                            }));
}

TEST(MessageScreenerTest, Mt202CovSequenceB) {
  EXPECT_EQ(Screen(Mt("mt202cov.fin")[0]),
            (std::vector<std::string>{
                "56A identifier us-ofac-sdn:906 HAVIGB2L",
                "58A identifier us-ofac-sdn:12312 KDBKKPPY",
                "58A jurisdiction KP KP (BIC country)",
                "B/59 party un-sc:KPe.001 KOREA MINING DEVELOPMENT TRADING CORPORATION",
                "B/59 party us-ofac-sdn:9345 KOREA MINING DEVELOPMENT TRADING CORPORATION",
                "B/59 jurisdiction KP PYONGYANG",
                "B/70 jurisdiction KP NAMPO",
            }));
}

// The clean MT103 with `from` replaced by `to`, screened.
// The clean MT103 (its CRLF line ends read as LF, so that `from` may span lines) with `from`
// replaced by `to`.
std::string CleanWith(const std::string& from, const std::string& to) {
  std::string s;
  for (char c : ReadFile(Fixture("mt103-clean.fin")))
    if (c != '\r') s.push_back(c);
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::vector<std::string> ScreenCleanWith(const std::string& from, const std::string& to,
                                         ScanOptions options = {}) {
  const std::string s = CleanWith(from, to);
  std::vector<PaymentMessage> m;
  Status st = ParseMtMessages(s, &m);
  EXPECT_TRUE(st.ok()) << st.message();
  return m.empty() ? std::vector<std::string>{} : Screen(m[0], options);
}

// The hits themselves (notes, lines) of the clean MT103 with `from` replaced by `to`.
std::vector<Hit> HitsOfCleanWith(const std::string& from, const std::string& to) {
  std::vector<PaymentMessage> m;
  Status st = ParseMtMessages(CleanWith(from, to), &m);
  EXPECT_TRUE(st.ok()) << st.message();
  std::vector<Hit> hits;
  if (m.empty()) return hits;
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  st = screener.Screen(m[0], {}, scan.get(), match.get(), &hits);
  EXPECT_TRUE(st.ok()) << st.message();
  return hits;
}

TEST(MessageScreenerTest, HeaderBics) {
  using V = std::vector<std::string>;
  // A listed bank as the receiver of an input message (block 2), and as the sender (block 1).
  EXPECT_EQ(ScreenCleanWith("{2:I103INGBNL2AXXXXN}", "{2:I103SABCIRTHXXXXN}"),
            (V{"block 2 receiver identifier us-ofac-sdn:13135 SABCIRTHXXX",
               "block 2 receiver jurisdiction IR IR (BIC country)"}));
  EXPECT_EQ(ScreenCleanWith("{1:F01DEUTDEFFAXXX", "{1:F01HAVIGB2LAXXX"),
            (V{"block 1 sender identifier us-ofac-sdn:906 HAVIGB2LXXX"}));
  // Output message: the sender is in block 2.
  EXPECT_EQ(ScreenCleanWith("{2:I103INGBNL2AXXXXN}",
                            "{2:O1031200240501KDBKKPPYAXXX12345678902405011201N}"),
            (V{"block 2 sender identifier us-ofac-sdn:12312 KDBKKPPYXXX",
               "block 2 sender jurisdiction KP KP (BIC country)"}));
}

TEST(MessageScreenerTest, ListedBicsMatchTheirInstitution) {
  using V = std::vector<std::string>;
  // Listed as 8 characters (HAVIGB2L): found with any branch.
  EXPECT_EQ(ScreenCleanWith(":57A:INGBNL2A", ":57A:HAVIGB2LXXX"),
            (V{"57A identifier us-ofac-sdn:906 HAVIGB2LXXX"}));
  EXPECT_EQ(ScreenCleanWith(":57A:INGBNL2A", ":57A:HAVIGB2L123"),
            (V{"57A identifier us-ofac-sdn:906 HAVIGB2L123"}));
  // Listed as 11 characters with a branch (SOMRRUM1KST, Sovcombank): found by the same BIC, by
  // the institution's 8 characters and by another branch, with a note. Its country (RU) is
  // sectoral: reported only with --sectoral.
  for (const char* bic : {"SOMRRUM1KST", "SOMRRUM1", "SOMRRUM1XXX", "SOMRRUM1ABC"}) {
    EXPECT_EQ(ScreenCleanWith(":57A:INGBNL2A", std::string(":57A:") + bic),
              (V{"57A identifier us-ofac-sdn:34737 " + std::string(bic)}));
  }
  ScanOptions sectoral;
  sectoral.sectoral = true;
  EXPECT_EQ(
      ScreenCleanWith(":57A:INGBNL2A", ":57A:SOMRRUM1", sectoral),
      (V{"57A identifier us-ofac-sdn:34737 SOMRRUM1", "57A jurisdiction RU RU (BIC country)"}));
  // Another institution in the same country and town is not the listed one.
  EXPECT_EQ(ScreenCleanWith(":57A:INGBNL2A", ":57A:SOMXRUM1KST"), V{});
}

// Party fields are names, not prose: each name is screened with the matcher's rules, so a listed
// bank with its unit words ("HEAD OFFICE", "DUBAI BRANCH") around it is the listed bank, in every
// party field, customer or institution.
TEST(MessageScreenerTest, PartyNamesWithUnitWordsAreTheListedParty) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ScreenCleanWith("VAN DER BERG LOGISTIEK BV\nKEIZERSGRACHT 100\n1015 AA AMSTERDAM NL",
                            "BANK MELLI IRAN HEAD OFFICE\nFERDOWSI AVENUE 100\n1015 AA TEHRAN"),
            (V{"59 party us-ofac-sdn:25578 BANK MELLI IRAN HEAD OFFICE", "59 jurisdiction IR IRAN",
               "59 jurisdiction IR TEHRAN"}));
  EXPECT_EQ(
      ScreenCleanWith(":57A:INGBNL2A", ":57D:BANK MELLI IRAN, DUBAI BRANCH\nDUBAI AE"),
      (V{"57D party us-ofac-sdn:25578 BANK MELLI IRAN, DUBAI BRANCH", "57D jurisdiction IR IRAN"}));
  EXPECT_EQ(ScreenCleanWith(":52A:DEUTDEFF", ":52D:BANK SEPAH - LONDON BRANCH"),
            (V{"52D party us-ofac-sdn:25580 BANK SEPAH - LONDON BRANCH"}));
  std::string x = ReadFile(Fixture("pacs008-clean.xml"));
  const std::string cdtr = "<Nm>Van der Berg Logistiek BV</Nm>";
  x.replace(x.find(cdtr), cdtr.size(), "<Nm>Bank Melli Iran Dubai Branch</Nm>");
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParsePacs008(x, &m).ok());
  EXPECT_EQ(Screen(m[0]), (V{"CdtTrfTxInf[1]/Cdtr/Nm party us-ofac-sdn:25578 Bank Melli Iran "
                             "Dubai Branch",
                             "CdtTrfTxInf[1]/Cdtr/Nm jurisdiction IR Iran"}));
}

// A field that names a listed organisation completely does not name the longer listed names that
// hold its words and more: "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES" is not IRISL INVESTMENT nor
// IRISL - CHINA SHIPPING LINES (the matcher scores both >= 0.80). The hit says which it left out.
// A longer name that differs by a legal form only (NATIONAL IRANIAN TANKER COMPANY LLC) is kept.
TEST(MessageScreenerTest, LongerListedNamesTheFieldLacksAreLeftOut) {
  using V = std::vector<std::string>;
  const std::string from = "VAN DER BERG LOGISTIEK BV";
  EXPECT_EQ(ScreenCleanWith(from, "ISLAMIC REPUBLIC OF IRAN SHIPPING\nLINES"),
            (V{"59 party us-ofac-sdn:25396 ISLAMIC REPUBLIC OF IRAN SHIPPING LINES",
               "59 jurisdiction IR ISLAMIC REPUBLIC OF IRAN"}));
  EXPECT_EQ(ScreenCleanWith(from, "NATIONAL IRANIAN TANKER COMPANY"),
            (V{"59 party us-ofac-sdn:15117 NATIONAL IRANIAN TANKER COMPANY",
               "59 party us-ofac-sdn:15118 NATIONAL IRANIAN TANKER COMPANY",
               "59 jurisdiction IR IRANIAN"}));
  // The longer name is reported when the field gives its distinguishing words.
  EXPECT_EQ(ScreenCleanWith(from + "\nKEIZERSGRACHT 100",
                            "ISLAMIC REPUBLIC OF IRAN - CHINA\nSHIPPING LINES"),
            (V{"59 party us-ofac-sdn:25783 ISLAMIC REPUBLIC OF IRAN - CHINA SHIPPING LINES",
               // IRISL's words are all there too: a listed name inside the field is reported.
               "59 party us-ofac-sdn:25396 ISLAMIC REPUBLIC OF IRAN - CHINA SHIPPING LINES",
               "59 jurisdiction IR ISLAMIC REPUBLIC OF IRAN"}));
  // The name's own acronym is no distinguishing word: the UN's "KOREA KWANGSON BANKING
  // CORPORATION (KKBC)" stays beside OFAC's "KOREA KWANGSON BANKING CORP".
  EXPECT_EQ(ScreenCleanWith(from, "KOREA KWANGSON BANKING CORP"),
            (V{"59 party us-ofac-sdn:11581 KOREA KWANGSON BANKING CORP",
               "59 party un-sc:KPe.025 KOREA KWANGSON BANKING CORP"}));
  const std::vector<Hit> hits = HitsOfCleanWith(from, "ISLAMIC REPUBLIC OF IRAN SHIPPING\nLINES");
  ASSERT_FALSE(hits.empty());
  std::string notes;
  for (const std::string& n : hits[0].notes) notes += n + "\n";
  EXPECT_NE(notes.find("us-ofac-sdn:25432 (ISLAMIC REPUBLIC OF IRAN SHIPPING LINES INVESTMENT: "
                       "'INVESTMENT' not in the field)"),
            std::string::npos)
      << notes;
}

// A longer name is not left out when the party's own evidence names it: "Bank Sepah" with the BIC
// SEPBGB2L of BANK SEPAH INTERNATIONAL PLC is that bank (the BIC raises its score above the
// complete name's).
TEST(MessageScreenerTest, ALongerNameWithItsOwnBicIsKept) {
  std::string x = ReadFile(Fixture("pacs008-clean.xml"));
  const std::string agent = "<BICFI>INGBNL2A</BICFI>";
  x.replace(x.find(agent), agent.size(), "<BICFI>SEPBGB2L</BICFI><Nm>Bank Sepah</Nm>");
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParsePacs008(x, &m).ok());
  std::vector<std::string> hits = Screen(m[0]);
  EXPECT_EQ(hits, (std::vector<std::string>{
                      "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm party us-ofac-sdn:25440 Bank Sepah",
                      "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm party us-ofac-sdn:25580 Bank Sepah"}));
}

// In options K and D and in 59 the name and address lines are not told apart: a listed name on a
// later line ("FOR ACCOUNT OF" / "BANK MELLI IRAN"), or across two later lines, is screened as a
// name too and reported with its line.
TEST(MessageScreenerTest, ListedNameOnALaterLineOfTheField) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ScreenCleanWith("MUELLER MASCHINENBAU GMBH\nHAUPTSTRASSE 12\n10115 BERLIN DE",
                            "MUELLER MASCHINENBAU GMBH\nFOR ACCOUNT OF\nBANK MELLI IRAN"),
            (V{"50K party us-ofac-sdn:25578 BANK MELLI IRAN", "50K jurisdiction IR IRAN"}));
  EXPECT_EQ(ScreenCleanWith("VAN DER BERG LOGISTIEK BV\nKEIZERSGRACHT 100\n1015 AA AMSTERDAM NL",
                            "ATTN ACCOUNTS DEPT\nKOREA MINING DEVELOPMENT TRADING\nCORPORATION"),
            (V{"59 party un-sc:KPe.001 KOREA MINING DEVELOPMENT TRADING CORPORATION",
               "59 party us-ofac-sdn:9345 KOREA MINING DEVELOPMENT TRADING CORPORATION"}));
  // A lone word on a later line counts only as a one-word organisation's whole name ("CIMEX"):
  // the matcher takes "LINES" for the person Lounici (0.82), which is no name here.
  EXPECT_EQ(ScreenCleanWith("KEIZERSGRACHT 100", "FOR ACCOUNT OF\nCIMEX"),
            (V{"59 party us-ofac-sdn:535 CIMEX", "59 party us-ofac-sdn:537 CIMEX",
               // CORPORACION CIMEX, S.A. and CORPORACION CIMEX S.A.: CIMEX with legal forms.
               "59 party us-ofac-sdn:576 CIMEX", "59 party us-ofac-sdn:8125 CIMEX"}));
  EXPECT_EQ(ScreenCleanWith("KEIZERSGRACHT 100", "LINES\nKEIZERSGRACHT"), V{});
  // The hit names the line the name starts on.
  const std::vector<Hit> hits =
      HitsOfCleanWith("MUELLER MASCHINENBAU GMBH\nHAUPTSTRASSE 12\n10115 BERLIN DE",
                      "JOHN SMITH\nFOR ACCOUNT OF\nBANK MELLI IRAN");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].kind, HitKind::kParty);
  EXPECT_EQ(hits[0].line, 8);
  // Address lines of the clean messages stay clean (checked above and by the dev set).
}

TEST(MessageScreenerTest, IbanCountryNeedsAValidIban) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ScreenCleanWith("/NL91ABNA0417164300", "/IR820540102680020817909002"),
            (V{"59 jurisdiction IR IR (IBAN country)"}));
  // Starts with IR but its check digits are wrong: an account number, not an Iranian IBAN.
  EXPECT_EQ(ScreenCleanWith("/NL91ABNA0417164300", "/IR830540102680020817909002"), V{});
  EXPECT_EQ(ScreenCleanWith("/NL91ABNA0417164300", "/IR1234567"), V{});
  // A valid IBAN of a country under no programme.
  EXPECT_EQ(ScreenCleanWith("/NL91ABNA0417164300", "/GB82WEST12345698765432"), V{});
}

TEST(MessageScreenerTest, BicAndIbanSentencesSayWhy) {
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  std::string s = ReadFile(Fixture("mt103-clean.fin"));
  s.replace(s.find(":57A:INGBNL2A"), 13, ":57A:SOMRRUM1");
  s.replace(s.find("/NL91ABNA0417164300"), 19, "/IR820540102680020817909002");
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParseMtMessages(s, &m).ok());
  std::vector<Hit> hits;
  ASSERT_TRUE(screener.Screen(m[0], {}, scan.get(), match.get(), &hits).ok());
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].sentence,
            "The BIC SOMRRUM1 is listed as the SWIFT/BIC SOMRRUM1KST of us-ofac-sdn:34737 "
            "(SOVCOMBANK OPEN JOINT STOCK COMPANY).");
  ASSERT_EQ(hits[0].notes.size(), 1u);
  EXPECT_NE(hits[0].notes[0].find("same institution (SOMRRUM1), another branch"),
            std::string::npos);
  EXPECT_EQ(hits[1].how, "IBAN country");
  EXPECT_EQ(hits[1].text, "IR");
  EXPECT_EQ(hits[1].begin, 0u);
  EXPECT_EQ(hits[1].sentence.substr(0, 34), "'IR' is the IBAN country of Iran (");
}

TEST(MessageScreenerTest, Pacs008) {
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParsePacs008(ReadFile(Fixture("pacs008-hits.xml")), &m).ok());
  std::vector<std::string> hits = Screen(m[0]);
  auto has = [&](const std::string& h) {
    return std::find(hits.begin(), hits.end(), h) != hits.end();
  };
  EXPECT_TRUE(has("GrpHdr/InstdAgt/FinInstnId/BICFI identifier us-ofac-sdn:906 HAVIGB2L"));
  EXPECT_TRUE(
      has("CdtTrfTxInf[1]/IntrmyAgt1/FinInstnId/Nm party us-ofac-sdn:906 HAVIN BANK LIMITED"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm party us-ofac-sdn:13133 Pasargad Bank"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI jurisdiction IR IR (BIC country)"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/PstlAdr/TwnNm jurisdiction IR Tehran"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/Nm party us-ofac-sdn:12927 Mahan Air"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[2] jurisdiction IR تهران"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry jurisdiction IR IR (country code)"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAcct/Id/IBAN jurisdiction IR IR (IBAN country)"));
  EXPECT_TRUE(
      has("CdtTrfTxInf[1]/UltmtCdtr/Nm party us-ofac-sdn:10391 Islamic Revolutionary Guard Corps"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/RmtInf/Ustrd[1] jurisdiction IR Bandar Abbas"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/RmtInf/Ustrd[2] jurisdiction IR Тегеране"));
  // The debtor side (German) is clean; the listed BIC of the named agent is reported once.
  for (const std::string& h : hits) {
    EXPECT_EQ(h.find("/Dbtr/"), std::string::npos) << h;
    EXPECT_EQ(h.find("BICFI identifier us-ofac-sdn:13133"), std::string::npos) << h;
  }
}

TEST(MessageScreenerTest, OffsetsAreWithinTheFieldValue) {
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  std::vector<Hit> hits;
  std::vector<PaymentMessage> m;
  ASSERT_TRUE(ParsePacs008(ReadFile(Fixture("pacs008-hits.xml")), &m).ok());
  ASSERT_TRUE(screener.Screen(m[0], {}, scan.get(), match.get(), &hits).ok());
  bool checked = false;
  for (const Hit& h : hits) {
    if (h.field != "CdtTrfTxInf[1]/RmtInf/Ustrd[2]") continue;
    const std::string value = m[0].texts[1].text;
    EXPECT_EQ(value.substr(h.begin, h.end - h.begin), "Тегеране");
    EXPECT_EQ(h.char_begin, 36u);
    EXPECT_EQ(h.char_end, 44u);
    checked = true;
  }
  EXPECT_TRUE(checked);
}

TEST(MessageScreenerTest, AnUnreadableNameIsAnError) {
  std::vector<PaymentMessage> m = Mt("mt103-clean.fin");
  ASSERT_EQ(m[0].parties[2].field, "50K");  // after the header's sender and receiver
  m[0].parties[2].name.text = "---";
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  std::vector<Hit> hits;
  Status s = screener.Screen(m[0], {}, scan.get(), match.get(), &hits);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line 6: field 50K ('---')"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace interdict
