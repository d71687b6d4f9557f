// ISO 20022 pacs.008 parsing: parties, agents, remittance text, and the errors.
#include "scan/pacs008.h"

#include <gtest/gtest.h>

#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Fixture;
using scan_test::PartyOf;
using scan_test::ReadFile;

TEST(Pacs008Test, PartiesAgentsAndText) {
  std::vector<PaymentMessage> msgs;
  ASSERT_TRUE(ParsePacs008(ReadFile(Fixture("pacs008-hits.xml")), &msgs).ok());
  ASSERT_EQ(msgs.size(), 1u);
  const PaymentMessage& m = msgs[0];
  EXPECT_EQ(m.type, "pacs.008.001.08");
  EXPECT_EQ(m.reference, "PACS8-20240505-0001");
  EXPECT_EQ(m.line, 3);
  const MessageParty* instd = PartyOf(m, "GrpHdr/InstdAgt");
  ASSERT_NE(instd, nullptr);
  EXPECT_EQ(instd->bic.text, "HAVIGB2L");
  EXPECT_EQ(instd->bic.field, "GrpHdr/InstdAgt/FinInstnId/BICFI");
  const MessageParty* intrmy = PartyOf(m, "CdtTrfTxInf[1]/IntrmyAgt1");
  ASSERT_NE(intrmy, nullptr);
  EXPECT_TRUE(intrmy->institution);
  EXPECT_EQ(intrmy->name.text, "HAVIN BANK LIMITED");
  const MessageParty* dbtr = PartyOf(m, "CdtTrfTxInf[1]/Dbtr");
  ASSERT_NE(dbtr, nullptr);
  EXPECT_EQ(dbtr->role, "debtor");
  EXPECT_EQ(dbtr->name.text, "Acme Overseas Trading GmbH");
  EXPECT_EQ(dbtr->name.field, "CdtTrfTxInf[1]/Dbtr/Nm");
  ASSERT_EQ(dbtr->address.size(), 2u);  // StrtNm, TwnNm
  EXPECT_EQ(dbtr->address[1].text, "Düsseldorf");
  EXPECT_EQ(dbtr->countries[0].text, "DE");
  const MessageParty* cdtr = PartyOf(m, "CdtTrfTxInf[1]/Cdtr");
  ASSERT_NE(cdtr, nullptr);
  EXPECT_EQ(cdtr->name.text, "Mahan Air");
  ASSERT_EQ(cdtr->address.size(), 2u);
  EXPECT_EQ(cdtr->address[1].field, "CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[2]");
  EXPECT_EQ(cdtr->address[1].text, "تهران");
  EXPECT_EQ(cdtr->address[1].line, 78);
  const MessageParty* agent = PartyOf(m, "CdtTrfTxInf[1]/CdtrAgt");
  ASSERT_NE(agent, nullptr);
  EXPECT_EQ(agent->bic.text, "BKBPIRTH");
  EXPECT_EQ(agent->name.text, "Pasargad Bank");
  EXPECT_EQ(agent->countries[0].field, "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/PstlAdr/Ctry");
  EXPECT_NE(PartyOf(m, "CdtTrfTxInf[1]/UltmtDbtr"), nullptr);
  EXPECT_EQ(PartyOf(m, "CdtTrfTxInf[1]/UltmtCdtr")->name.text, "Islamic Revolutionary Guard Corps");
  EXPECT_NE(PartyOf(m, "CdtTrfTxInf[1]/DbtrAgt"), nullptr);
  ASSERT_EQ(m.texts.size(), 2u);
  EXPECT_EQ(m.texts[0].field, "CdtTrfTxInf[1]/RmtInf/Ustrd[1]");
  EXPECT_EQ(m.texts[1].text, "Оплата по договору 17/2024, склад в Тегеране");
}

TEST(Pacs008Test, IdentifiersAndBirthDates) {
  const std::string xml = R"(<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.10"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>M1</MsgId></GrpHdr>
<CdtTrfTxInf>
 <Dbtr><Nm>Hedayat Farzadi</Nm>
  <Id><PrvtId><DtAndPlcOfBirth><BirthDt>1971-07-25</BirthDt><CityOfBirth>Sahneh</CityOfBirth>
   <CtryOfBirth>IR</CtryOfBirth></DtAndPlcOfBirth>
   <Othr><Id>4969829268</Id><SchmeNm><Cd>NIDN</Cd></SchmeNm></Othr></PrvtId></Id>
  <CtryOfRes>IR</CtryOfRes></Dbtr>
 <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
 <CdtrAgt><FinInstnId><Nm>Some Bank</Nm></FinInstnId></CdtrAgt>
 <Cdtr><Id><OrgId><AnyBIC>SABCIRTH</AnyBIC><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id></Cdtr>
</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>)";
  std::vector<PaymentMessage> msgs;
  Status s = ParsePacs008(xml, &msgs);
  ASSERT_TRUE(s.ok()) << s.message();
  const PaymentMessage& m = msgs[0];
  EXPECT_EQ(m.type, "pacs.008.001.10");
  const MessageParty* d = PartyOf(m, "CdtTrfTxInf[1]/Dbtr");
  ASSERT_EQ(d->birth_dates.size(), 1u);
  EXPECT_EQ(d->birth_dates[0], (PartialDate{1971, 7, 25}));
  ASSERT_EQ(d->identifiers.size(), 1u);
  EXPECT_EQ(d->identifiers[0].kind, IdKind::kNationalId);
  EXPECT_EQ(d->countries.size(), 2u);  // CtryOfBirth, CtryOfRes
  EXPECT_EQ(d->address[0].text, "Sahneh");
  const MessageParty* c = PartyOf(m, "CdtTrfTxInf[1]/Cdtr");
  EXPECT_TRUE(c->name.empty());
  EXPECT_EQ(c->bic.text, "SABCIRTH");
  EXPECT_EQ(c->identifiers[0].value.text, "5493001KJTIIGC8Y1R12");
}

TEST(Pacs008Test, AppHdrBicsAndAccounts) {
  const std::string xml = R"(<?xml version="1.0"?>
<BizMsgEnvlp>
 <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
  <Fr><FIId><FinInstnId><BICFI>DEUTDEFFXXX</BICFI></FinInstnId></FIId></Fr>
  <To><FIId><FinInstnId><BICFI>SABCIRTH</BICFI></FinInstnId></FIId></To>
  <BizMsgIdr>B1</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>
 </AppHdr>
 <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
 <GrpHdr><MsgId>M1</MsgId></GrpHdr>
 <CdtTrfTxInf>
  <Dbtr><Nm>Mueller Maschinenbau GmbH</Nm></Dbtr>
  <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
  <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
  <CdtrAgt><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></CdtrAgt>
  <CdtrAgtAcct><Id><Othr><Id>IR830540102680020817909002</Id></Othr></Id></CdtrAgtAcct>
  <Cdtr><Nm>Van der Berg Logistiek BV</Nm></Cdtr>
  <CdtrAcct><Id><Othr><Id>IR820540102680020817909002</Id></Othr></Id></CdtrAcct>
 </CdtTrfTxInf></FIToFICstmrCdtTrf></Document>
</BizMsgEnvlp>)";
  std::vector<PaymentMessage> msgs;
  Status s = ParsePacs008(xml, &msgs);
  ASSERT_TRUE(s.ok()) << s.message();
  const PaymentMessage& m = msgs[0];
  const MessageParty* fr = PartyOf(m, "AppHdr/Fr");
  ASSERT_NE(fr, nullptr);
  EXPECT_EQ(fr->bic.text, "DEUTDEFFXXX");
  EXPECT_EQ(fr->bic.field, "AppHdr/Fr/FIId/FinInstnId/BICFI");
  EXPECT_EQ(fr->role, "sender");
  ASSERT_NE(PartyOf(m, "AppHdr/To"), nullptr);
  EXPECT_EQ(PartyOf(m, "AppHdr/To")->bic.text, "SABCIRTH");
  EXPECT_EQ(PartyOf(m, "AppHdr/To")->bic.line, 5);
  // Accounts go with their party: an IBAN element, and an other id that is a valid IBAN; an
  // other id starting with IR whose check digits fail is not read as an IBAN.
  const MessageParty* d = PartyOf(m, "CdtTrfTxInf[1]/Dbtr");
  ASSERT_EQ(d->ibans.size(), 1u);
  EXPECT_EQ(d->ibans[0].field, "CdtTrfTxInf[1]/DbtrAcct/Id/IBAN");
  const MessageParty* c = PartyOf(m, "CdtTrfTxInf[1]/Cdtr");
  ASSERT_EQ(c->ibans.size(), 1u);
  EXPECT_EQ(c->ibans[0].field, "CdtTrfTxInf[1]/CdtrAcct/Id/Othr/Id");
  EXPECT_EQ(c->ibans[0].text, "IR820540102680020817909002");
  EXPECT_TRUE(PartyOf(m, "CdtTrfTxInf[1]/CdtrAgt")->ibans.empty());
  // Without an envelope there is no AppHdr.
  ASSERT_TRUE(ParsePacs008(ReadFile(Fixture("pacs008-clean.xml")), &msgs).ok());
  EXPECT_EQ(PartyOf(msgs[0], "AppHdr/Fr"), nullptr);
}

TEST(Pacs008Test, EveryOtherBicIsAParty) {
  const std::string good = ReadFile(Fixture("pacs008-clean.xml"));
  auto with_charges = [&](const std::string& bic) {
    std::string s = good;
    const std::string agent = "<Agt><FinInstnId><BICFI>" + bic + "</BICFI></FinInstnId></Agt>";
    s.insert(s.find("<Dbtr>"),
             "<ChrgsInf>" + agent + "</ChrgsInf><ChrgsInf>" + agent + "</ChrgsInf>");
    s.insert(s.find("</SttlmInf>"),
             "<InstdRmbrsmntAgt><FinInstnId><BICFI>HAVIGB2L</BICFI></FinInstnId>"
             "</InstdRmbrsmntAgt>");
    return s;
  };
  std::vector<PaymentMessage> msgs;
  Status s = ParsePacs008(with_charges("SABCIRTH"), &msgs);
  ASSERT_TRUE(s.ok()) << s.message();
  const MessageParty* r = PartyOf(msgs[0], "GrpHdr/SttlmInf/InstdRmbrsmntAgt/FinInstnId");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->bic.text, "HAVIGB2L");
  EXPECT_EQ(r->bic.field, "GrpHdr/SttlmInf/InstdRmbrsmntAgt/FinInstnId/BICFI");
  for (const char* path :
       {"CdtTrfTxInf[1]/ChrgsInf[1]/Agt/FinInstnId", "CdtTrfTxInf[1]/ChrgsInf[2]/Agt/FinInstnId"}) {
    ASSERT_NE(PartyOf(msgs[0], path), nullptr) << path;
    EXPECT_EQ(PartyOf(msgs[0], path)->bic.text, "SABCIRTH");
  }
  // The agents read as such are not repeated.
  size_t bics = 0;
  for (const MessageParty& p : msgs[0].parties) bics += !p.bic.empty();
  EXPECT_EQ(bics, 5u);  // DbtrAgt, CdtrAgt, the reimbursement agent, two charges agents
  // An invalid BIC anywhere is an error.
  s = ParsePacs008(with_charges("SABC IRTH"), &msgs);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("CdtTrfTxInf[1]/ChrgsInf[1]/Agt/FinInstnId/BICFI: 'SABC IRTH' is "
                             "not a BIC"),
            std::string::npos)
      << s.message();
}

TEST(Pacs008Test, MalformedMessages) {
  auto error = [](const std::string& xml) {
    std::vector<PaymentMessage> out;
    Status s = ParsePacs008(xml, &out);
    EXPECT_FALSE(s.ok());
    return s.message();
  };
  EXPECT_EQ(error(ReadFile(Fixture("pacs008-not-well-formed.xml"))),
            "line 37: not well-formed XML: expected '>'");
  EXPECT_EQ(error(ReadFile(Fixture("pacs008-no-cdtr.xml"))),
            "line 12: CdtTrfTxInf[1]: Cdtr is missing (mandatory)");
  EXPECT_NE(error(ReadFile(Fixture("pacs009.xml"))).find("not a pacs.008 message"),
            std::string::npos);
  const std::string good = ReadFile(Fixture("pacs008-clean.xml"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  EXPECT_EQ(error(with("<BICFI>INGBNL2A</BICFI>", "<BICFI>ING</BICFI>")),
            "line 32: CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI: 'ING' is not a BIC");
  EXPECT_EQ(error(with("<Ctry>NL</Ctry>", "<Ctry>Netherlands</Ctry>")),
            "line 39: CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry: 'Netherlands' is not an ISO 3166 country "
            "code (two capitals)");
  EXPECT_EQ(error(with("<Nm>Van der Berg Logistiek BV</Nm>", "")),
            "line 35: CdtTrfTxInf[1]/Cdtr: neither Nm nor an identifier: the party cannot be "
            "screened");
  EXPECT_EQ(error(with("<BICFI>INGBNL2A</BICFI>", "<ClrSysMmbId><MmbId>123</MmbId></ClrSysMmbId>")),
            "line 31: CdtTrfTxInf[1]/CdtrAgt/FinInstnId: neither BICFI nor Nm: the agent cannot "
            "be screened");
  // An IBAN element must hold a valid IBAN.
  EXPECT_EQ(error(with("</Cdtr>",
                       "</Cdtr><CdtrAcct><Id><IBAN>NL92ABNA0417164300</IBAN></Id></CdtrAcct>")),
            "line 41: CdtTrfTxInf[1]/CdtrAcct/Id/IBAN: 'NL92ABNA0417164300': the IBAN's check "
            "digits do not verify (MOD 97-10)");
  EXPECT_EQ(error(with("<BICFI>DEUTDEFF</BICFI>", "<BICFI>DEUT DEFF</BICFI>")),
            "line 27: CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI: 'DEUT DEFF' is not a BIC");
  EXPECT_NE(error(with("<MsgId>PACS8-20240505-0002</MsgId>", "")).find("MsgId is missing"),
            std::string::npos);
  EXPECT_NE(error(with("pacs.008.001.08", "camt.053.001.08")).find("is not that of pacs.008"),
            std::string::npos);
  std::string no_tx = good;
  no_tx.erase(no_tx.find("<CdtTrfTxInf>"),
              no_tx.find("</CdtTrfTxInf>") + 14 - no_tx.find("<CdtTrfTxInf>"));
  EXPECT_NE(error(no_tx).find("no CdtTrfTxInf"), std::string::npos);
  EXPECT_NE(error("").find("not well-formed XML"), std::string::npos);
}

}  // namespace
}  // namespace interdict
