// SWIFT MT103 / MT202 / MT202COV parsing: every party option, the free text, and the errors.
#include "scan/mt_message.h"

#include <gtest/gtest.h>

#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Fixture;
using scan_test::PartyOf;
using scan_test::ReadFile;

std::vector<PaymentMessage> Parse(const std::string& text) {
  std::vector<PaymentMessage> out;
  Status s = ParseMtMessages(text, &out);
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

TEST(MtMessageTest, Mt103PartiesTextAndLines) {
  std::vector<PaymentMessage> msgs = Parse(ReadFile(Fixture("mt103-hits.fin")));  // CRLF
  ASSERT_EQ(msgs.size(), 1u);
  const PaymentMessage& m = msgs[0];
  EXPECT_EQ(m.type, "MT103");
  EXPECT_EQ(m.reference, "REF20240502B");
  // 50K: account line, name, address lines; the last one ends in a country code.
  const MessageParty* p50 = PartyOf(m, "50K");
  ASSERT_NE(p50, nullptr);
  EXPECT_EQ(p50->role, "ordering customer");
  EXPECT_FALSE(p50->institution);
  EXPECT_EQ(p50->name.text, "ACME OVERSEAS TRADING GMBH");
  EXPECT_EQ(p50->name.line, 6);
  ASSERT_EQ(p50->address.size(), 2u);
  EXPECT_EQ(p50->address[1].text, "40212 DUESSELDORF DE");
  ASSERT_EQ(p50->inferred_countries.size(), 1u);
  EXPECT_EQ(p50->inferred_countries[0].text, "DE");
  // Option A: a BIC, with or without a party identifier line.
  const MessageParty* p53 = PartyOf(m, "53A");
  ASSERT_NE(p53, nullptr);
  EXPECT_TRUE(p53->institution);
  EXPECT_EQ(p53->role, "sender's correspondent");
  EXPECT_EQ(p53->bic.text, "HAVIGB2L");
  EXPECT_TRUE(p53->name.empty());
  EXPECT_EQ(PartyOf(m, "56A")->bic.text, "UBSWCHZH80A");
  EXPECT_EQ(PartyOf(m, "57A")->bic.text, "SABCIRTH");
  EXPECT_EQ(PartyOf(m, "57A")->role, "account with institution");
  // 59 (no option).
  const MessageParty* p59 = PartyOf(m, "59");
  ASSERT_NE(p59, nullptr);
  EXPECT_EQ(p59->name.text, "EVIN PRISON");
  ASSERT_EQ(p59->address.size(), 2u);
  EXPECT_EQ(p59->address[1].text, "TEHRAN IR");
  EXPECT_EQ(p59->address[1].line, 17);
  // 70 and 72 as text, lines kept.
  ASSERT_EQ(m.texts.size(), 2u);
  EXPECT_EQ(m.texts[0].field, "70");
  EXPECT_EQ(m.texts[0].text, "/INV/77-2024 AIRCRAFT PARTS\nSHIPPED FROM BANDAR ABBAS");
  EXPECT_EQ(m.texts[1].field, "72");
  EXPECT_EQ(m.texts[1].line, 21);
}

TEST(MtMessageTest, OptionFAndOptionD) {
  std::vector<PaymentMessage> msgs = Parse(ReadFile(Fixture("mt103-50f.fin")));  // LF
  ASSERT_EQ(msgs.size(), 1u);
  const PaymentMessage& m = msgs[0];
  const MessageParty* p = PartyOf(m, "50F");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name.text, "HEDAYAT FARZADI");
  EXPECT_EQ(p->name.field, "50F/1");
  ASSERT_EQ(p->address.size(), 2u);
  EXPECT_EQ(p->address[0].text, "VALI ASR STREET 45");
  EXPECT_EQ(p->address[1].text, "TEHRAN");
  EXPECT_EQ(p->address[1].field, "50F/3");
  ASSERT_EQ(p->birth_dates.size(), 1u);
  EXPECT_EQ(p->birth_dates[0], (PartialDate{1971, 7, 25}));
  ASSERT_EQ(p->identifiers.size(), 2u);
  EXPECT_EQ(p->identifiers[0].value.text, "P12345678");  // CCPT/IR/...
  EXPECT_EQ(p->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(p->identifiers[1].value.text, "4969829268");  // 7/IR/...
  EXPECT_EQ(p->identifiers[1].kind, IdKind::kNationalId);
  std::vector<std::string> codes;
  for (const MessageValue& c : p->countries) codes.push_back(c.text);
  EXPECT_EQ(codes, (std::vector<std::string>{"IR", "IR", "IR"}));
  const MessageParty* d = PartyOf(m, "52D");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name.text, "ORDERING COOPERATIVE BANK");
  EXPECT_EQ(d->address.size(), 2u);
  const MessageParty* f = PartyOf(m, "59F");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name.text, "SAMPLE HOLDING BV");
  EXPECT_EQ(f->countries[0].text, "CU");
  EXPECT_EQ(f->address.back().text, "HAVANA");
}

TEST(MtMessageTest, Mt202CovSequenceB) {
  std::vector<PaymentMessage> msgs = Parse(ReadFile(Fixture("mt202cov.fin")));
  ASSERT_EQ(msgs.size(), 1u);
  const PaymentMessage& m = msgs[0];
  EXPECT_EQ(m.type, "MT202COV");
  EXPECT_EQ(PartyOf(m, "58A")->bic.text, "KDBKKPPY");
  EXPECT_EQ(PartyOf(m, "58A")->role, "beneficiary institution");
  EXPECT_EQ(PartyOf(m, "52A")->bic.text, "CHASUS33");
  EXPECT_NE(PartyOf(m, "B/52A"), nullptr);
  const MessageParty* b59 = PartyOf(m, "B/59");
  ASSERT_NE(b59, nullptr);
  EXPECT_EQ(b59->name.text, "KOREA MINING DEVELOPMENT TRADING");
  // The name may go on on the next line; a later line may be a name too.
  std::vector<std::string> variants;
  for (const MessageValue& v : b59->name_variants)
    variants.push_back(std::to_string(v.line) + " " + v.text);
  EXPECT_EQ(variants,
            (std::vector<std::string>{"16 KOREA MINING DEVELOPMENT TRADING CORPORATION",
                                      "17 CORPORATION", "17 CORPORATION CENTRAL DISTRICT PYONGYANG",
                                      "18 CENTRAL DISTRICT PYONGYANG"}));
  EXPECT_EQ(PartyOf(m, "B/50K")->name.text, "GLOBAL COMMODITIES LIMITED");
  std::vector<std::string> texts;
  for (const MessageValue& t : m.texts) texts.push_back(t.field);
  EXPECT_EQ(texts, (std::vector<std::string>{"72", "B/70"}));
}

TEST(MtMessageTest, SeveralMessagesInOneFile) {
  std::vector<PaymentMessage> msgs = Parse(ReadFile(Fixture("mt103-batch.fin")));
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].reference, "REF20240501A");
  EXPECT_EQ(msgs[1].reference, "REF20240501B");
  EXPECT_EQ(msgs[1].line, 18);
  EXPECT_EQ(PartyOf(msgs[1], "59")->name.text, "MAHAN AIR");
}

// Each malformed message is an error naming the line and what is wrong.
TEST(MtMessageTest, MalformedMessages) {
  auto error = [](const std::string& text) {
    std::vector<PaymentMessage> out;
    Status s = ParseMtMessages(text, &out);
    EXPECT_FALSE(s.ok());
    EXPECT_TRUE(out.empty() || !s.ok());
    return s.message();
  };
  EXPECT_EQ(error(ReadFile(Fixture("mt103-no-block4.fin"))),
            "line 1: no block 4 ('{4:' followed by the fields and '-}'): not a SWIFT MT message");
  EXPECT_EQ(error(ReadFile(Fixture("mt103-bad-bic.fin"))),
            "line 10: MT103 field 57A: 'INGB-NL2A' is not a BIC (8 or 11 characters: bank, "
            "country, location, branch)");
  EXPECT_EQ(error(ReadFile(Fixture("mt103-missing-59.fin"))),
            "line 1: MT103 mandatory field 59a is missing");

  const std::string good = ReadFile(Fixture("mt103-clean.fin"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  EXPECT_NE(
      error(with(":50K:", ":50Z:")).find("field 50Z: option not allowed here (50A, 50F, 50K)"),
      std::string::npos);
  EXPECT_NE(error(with(":70:", ":99:")).find("field 99 is not a field of MT103"),
            std::string::npos);
  EXPECT_NE(error(with("-}{5:", "{5:")).find("block 4 is not closed by a line '-}'"),
            std::string::npos);
  EXPECT_NE(error(with("{2:I103", "{2:I940")).find("MT940 is not a payment message we screen"),
            std::string::npos);
  EXPECT_NE(
      error(with("{2:I103INGBNL2AXXXXN}", "")).find("block 2 (application header) is missing"),
      std::string::npos);
  EXPECT_NE(error(with(":32A:240501EUR12500,00", ":32A:240501EUR12500.00")).find("field 32A"),
            std::string::npos);
  EXPECT_NE(error(with(":71A:SHA", ":71A:ALL")).find("field 71A: details of charges"),
            std::string::npos);
  EXPECT_NE(error(with(":23B:CRED", ":23B:cr")).find("field 23B"), std::string::npos);
  EXPECT_NE(error(with(":20:REF20240501A", ":20:/REF")).find("field 20"), std::string::npos);
  const std::string long_line = error(
      with("VAN DER BERG LOGISTIEK BV", "VAN DER BERG LOGISTIEK BV AND PARTNERS IN LOGISTICS"));
  EXPECT_NE(long_line.find("line 12: MT103 field 59: line over 35 characters"), std::string::npos)
      << long_line;
  EXPECT_NE(error(with(":70:/INV/2024-0415 PUMP SPARE PARTS", ":70:A\r\nB\r\nC\r\nD\r\nE"))
                .find("field 70: at most 4 lines, found 5"),
            std::string::npos);
  EXPECT_NE(error(with(":20:", "20:")).find("block 4 must start with a field tag"),
            std::string::npos);
  // Option F: unnumbered lines, a bad town line, a bad birth date, no name.
  const std::string f = ReadFile(Fixture("mt103-50f.fin"));
  auto with_f = [&](const std::string& from, const std::string& to) {
    std::string s = f;
    return s.replace(s.find(from), from.size(), to);
  };
  EXPECT_NE(error(with_f("2/VALI ASR STREET 45", "VALI ASR STREET 45"))
                .find("line 7: MT103 field 50F: option F lines are numbered '1/' to '8/'"),
            std::string::npos);
  EXPECT_NE(error(with_f("3/IR/TEHRAN", "3/TEHRAN")).find("needs a country code and a town"),
            std::string::npos);
  EXPECT_NE(error(with_f("4/19710725", "4/25071971X")).find("'4/' is a date of birth"),
            std::string::npos);
  EXPECT_NE(error(with_f("1/HEDAYAT FARZADI\n", "")).find("option F needs a name line '1/'"),
            std::string::npos);
  EXPECT_NE(error(with_f("CCPT/IR/P12345678", "PASS/IR/P12345678")).find("party identifier"),
            std::string::npos);
  EXPECT_NE(error(with_f("3/CU/HAVANA", "4/CU/HAVANA")).find("numbered '1/' to '3/'"),
            std::string::npos);
  // MT202COV: sequence B without its beneficiary.
  std::string cov = ReadFile(Fixture("mt202cov.fin"));
  cov.erase(cov.find(":59:/KP"), cov.find(":70:") - cov.find(":59:/KP"));
  EXPECT_NE(error(cov).find("sequence B: mandatory field 59a is missing"), std::string::npos);
  // Not UTF-8, and nothing at all.
  EXPECT_NE(error("{4:\n:20:X\xff\n-}").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(error("  \n").find("no SWIFT message found"), std::string::npos);
}

TEST(MtMessageTest, HeaderBicsAreParties) {
  const std::string good = ReadFile(Fixture("mt103-clean.fin"));
  std::vector<PaymentMessage> msgs = Parse(good);
  ASSERT_EQ(msgs.size(), 1u);
  // Input message: block 1 is the sender's logical terminal (BIC8 + terminal code + branch),
  // block 2 the receiver's address.
  const MessageParty* sender = PartyOf(msgs[0], "block 1 sender");
  ASSERT_NE(sender, nullptr);
  EXPECT_EQ(sender->bic.text, "DEUTDEFFXXX");
  EXPECT_EQ(sender->bic.field, "block 1 sender");
  EXPECT_EQ(sender->bic.line, 1);
  EXPECT_TRUE(sender->institution);
  EXPECT_TRUE(sender->name.empty());
  const MessageParty* receiver = PartyOf(msgs[0], "block 2 receiver");
  ASSERT_NE(receiver, nullptr);
  EXPECT_EQ(receiver->bic.text, "INGBNL2AXXX");
  // Output message: block 1 is the receiving terminal, the sender is in block 2's message
  // input reference (input time, date, then the sender's address).
  std::string out = good;
  out.replace(out.find("{1:F01DEUTDEFFAXXX"), 18, "{1:F01INGBNL2AAXXX");
  out.replace(out.find("{2:I103INGBNL2AXXXXN}"), 21,
              "{2:O1031200240501SABCIRTHAXXX12345678902405011201N}");
  msgs = Parse(out);
  ASSERT_EQ(msgs.size(), 1u);
  ASSERT_NE(PartyOf(msgs[0], "block 1 receiver"), nullptr);
  EXPECT_EQ(PartyOf(msgs[0], "block 1 receiver")->bic.text, "INGBNL2AXXX");
  ASSERT_NE(PartyOf(msgs[0], "block 2 sender"), nullptr);
  EXPECT_EQ(PartyOf(msgs[0], "block 2 sender")->bic.text, "SABCIRTHXXX");
  // A branch other than XXX is kept.
  msgs = Parse(std::string(good).replace(good.find("INGBNL2AXXXXN"), 13, "INGBNL2AX123N"));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(PartyOf(msgs[0], "block 2 receiver")->bic.text, "INGBNL2A123");
}

TEST(MtMessageTest, MalformedHeaderAddressesAreErrors) {
  const std::string good = ReadFile(Fixture("mt103-clean.fin"));
  auto error = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    std::vector<PaymentMessage> out;
    Status st = ParseMtMessages(s, &out);
    EXPECT_FALSE(st.ok()) << to;
    return st.message();
  };
  EXPECT_EQ(error("{1:F01DEUTDEFFAXXX", "{1:F01DEUT-EFFAXXX"),
            "line 1: MT103 block 1: '{1:F01DEUT-EFFAXXX0000000001}' does not give a logical "
            "terminal address (BIC8, terminal code, branch) at character 7");
  EXPECT_NE(error("{2:I103INGBNL2AXXXXN}", "{2:I103}")
                .find("MT103 block 2: '{2:I103}' does not "
                      "give a logical terminal address"),
            std::string::npos);
  EXPECT_NE(error("{2:I103INGBNL2AXXXXN}", "{2:O103INGBNL2AXXXXN}").find("block 2"),
            std::string::npos);
}

TEST(MtMessageTest, AccountsThatAreIbans) {
  const std::string good = ReadFile(Fixture("mt103-clean.fin"));
  auto ibans = [&](const std::string& from, const std::string& to, const std::string& field) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    std::vector<PaymentMessage> msgs = Parse(s);
    std::vector<std::string> out;
    const MessageParty* p = msgs.empty() ? nullptr : PartyOf(msgs[0], field);
    EXPECT_NE(p, nullptr) << field;
    if (p != nullptr)
      for (const MessageValue& v : p->ibans) out.push_back(v.field + " " + v.text);
    return out;
  };
  using V = std::vector<std::string>;
  // 50K and 59 accounts of the clean message are German and Dutch IBANs.
  EXPECT_EQ(ibans("", "", "50K"), V{"50K DE89370400440532013000"});
  EXPECT_EQ(ibans("", "", "59"), V{"59 NL91ABNA0417164300"});
  // An Iranian IBAN; the same with a wrong check digit, or one digit short, is no IBAN.
  EXPECT_EQ(ibans("/NL91ABNA0417164300", "/IR820540102680020817909002", "59"),
            V{"59 IR820540102680020817909002"});
  EXPECT_EQ(ibans("/NL91ABNA0417164300", "/IR830540102680020817909002", "59"), V{});
  EXPECT_EQ(ibans("/NL91ABNA0417164300", "/IR82054010268002081790900", "59"), V{});
  EXPECT_EQ(ibans("/NL91ABNA0417164300", "/IR0012345678", "59"), V{});
  // Option A with a debit/credit mark; a "//" clearing code is no account; option C.
  EXPECT_EQ(ibans(":57A:INGBNL2A", ":57A:/C/IR820540102680020817909002\r\nINGBNL2A", "57A"),
            V{"57A IR820540102680020817909002"});
  EXPECT_EQ(ibans(":57A:INGBNL2A", ":57A://NL91ABNA0417164300\r\nINGBNL2A", "57A"), V{});
  EXPECT_EQ(ibans(":57A:INGBNL2A", ":57C:/IR820540102680020817909002", "57C"),
            V{"57C IR820540102680020817909002"});
}

TEST(MtMessageTest, InstructingInstitutionIn72) {
  std::string s = ReadFile(Fixture("mt103-clean.fin"));
  s.replace(s.find(":71A:SHA"), 8,
            ":71A:SHA\r\n:72:/INS/SABCIRTH\r\n/INS/SOME BANK LONDON\r\n//BIC BKMTIRTH");
  std::vector<PaymentMessage> msgs = Parse(s);
  ASSERT_EQ(msgs.size(), 1u);
  // Only the /INS/ line that holds a BIC is a party; a name stays text, as does a BIC elsewhere.
  std::vector<std::string> bics;
  for (const MessageParty& p : msgs[0].parties)
    if (p.field == "72")
      bics.push_back(p.bic.text + " " + p.role + " " + std::to_string(p.bic.line));
  EXPECT_EQ(bics, std::vector<std::string>{"SABCIRTH instructing institution 17"});
  ASSERT_EQ(msgs[0].texts.size(), 2u);
  EXPECT_EQ(msgs[0].texts[1].field, "72");
}

}  // namespace
}  // namespace interdict
