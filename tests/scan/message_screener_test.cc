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
    out.push_back(h.field + " " + std::string(HitKindName(h.kind)) + " " +
                  (h.entity ? h.entity->id : h.jurisdiction->id) + " " + h.text);
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

TEST(MessageScreenerTest, Mt103EveryFieldKind) {
  EXPECT_EQ(Screen(Mt("mt103-hits.fin")[0]),
            (std::vector<std::string>{
                "53A identifier us-ofac-sdn:906 HAVIGB2L",     // listed BIC (option A)
                "57A identifier us-ofac-sdn:13135 SABCIRTH",   // listed BIC
                "57A jurisdiction IR IR",                      // the BIC's country
                "59 party us-ofac-sdn:24586 EVIN PRISON",      // the name, as a structured party
                "59 jurisdiction IR TEHRAN",                   // an address line
                "59 jurisdiction IR IR",                       // its trailing country code
                "70 jurisdiction IR BANDAR ABBAS",             // free text
                "72 party us-ofac-sdn:39258 MORALITY POLICE",  // free text, Iran named nearby
            }));
}

TEST(MessageScreenerTest, Mt103OptionF) {
  EXPECT_EQ(Screen(Mt("mt103-50f.fin")[0]), (std::vector<std::string>{
                                                "50F jurisdiction IR IR",
                                                "50F/1 party us-ofac-sdn:39664 HEDAYAT FARZADI",
                                                "50F/3 jurisdiction IR TEHRAN",
                                                "59F/3 jurisdiction CU HAVANA",
                                                "59F/3 jurisdiction CU CU",
                                            }));
}

TEST(MessageScreenerTest, Mt202CovSequenceB) {
  EXPECT_EQ(Screen(Mt("mt202cov.fin")[0]),
            (std::vector<std::string>{
                "56A identifier us-ofac-sdn:906 HAVIGB2L",
                "58A identifier us-ofac-sdn:12312 KDBKKPPY",
                "58A jurisdiction KP KP",
                "B/59 party un-sc:KPe.001 KOREA MINING DEVELOPMENT TRADING CORPORATION",
                "B/59 party us-ofac-sdn:9345 KOREA MINING DEVELOPMENT TRADING CORPORATION",
                "B/59 jurisdiction KP PYONGYANG",
                "B/70 jurisdiction KP NAMPO",
            }));
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
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI jurisdiction IR IR"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/PstlAdr/TwnNm jurisdiction IR Tehran"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/Nm party us-ofac-sdn:12927 Mahan Air"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[2] jurisdiction IR تهران"));
  EXPECT_TRUE(has("CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry jurisdiction IR IR"));
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
  m[0].parties[0].name.text = "---";
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
