// The precision policy as a pure function: list names and spans prepared by the real normalizer,
// aligned by the real scorer, decided by ApplyPartyPolicy without a scanner.
#include "scan/party_policy.h"

#include <gtest/gtest.h>

#include "index/prepared_name.h"
#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Data;

struct Case {
  PreparedName list, span;
  NameAlignment alignment;
};

Case Align(const std::string& list_name, const std::string& span, Schema schema) {
  const Data& d = Data::Get();
  Case c;
  c.list = Prepare(d.normalizer->Normalize(list_name, schema), d.stats, *d.normalizer);
  c.span = Prepare(d.normalizer->Normalize(span, schema), d.stats, *d.normalizer);
  c.alignment = AlignNames(c.span, c.list, AlignOptionsFor(schema));
  return c;
}

PolicyDecision Decide(const NameFacts& name, const std::vector<NameTokenFacts>& tokens,
                      const std::string& list_name, const std::string& span,
                      Schema schema = Schema::kEntity, const std::vector<std::string>& codes = {}) {
  const Case c = Align(list_name, span, schema);
  EXPECT_EQ(c.list.tokens.size(), tokens.size()) << list_name;
  return ApplyPartyPolicy(name, tokens.data(), tokens.size(), c.list, c.span, span, c.alignment,
                          codes, Data::Get().countries);
}

NameTokenFacts Word(bool common = false) {
  NameTokenFacts t;
  t.sig = true;
  t.common = common;
  return t;
}

NameTokenFacts Legal() {
  NameTokenFacts t;
  t.legal = true;
  return t;
}

TEST(PartyPolicyTest, EverydayWordsMustBeExactAndCapitalised) {
  NameFacts name;
  name.n_sig = 2;
  name.strict = true;
  const std::vector<NameTokenFacts> tokens = {Word(true), Word(true), Legal(), Legal()};
  EXPECT_TRUE(Decide(name, tokens, "GOLDEN STAR CO., LTD.", "Golden Star Co., Ltd.").admitted);
  EXPECT_FALSE(Decide(name, tokens, "GOLDEN STAR CO., LTD.", "golden star co., ltd.").admitted);
}

TEST(PartyPolicyTest, LeftOutCountryWordMustBeNamedNearby) {
  NameFacts name;
  name.n_sig = 3;
  name.strict = true;
  NameTokenFacts iran = Word(true);
  iran.country = 0;
  const PolicyDecision d = Decide(name, {iran, Word(true), Word(true)}, "IRAN'S MORALITY POLICE",
                                  "Morality Police", Schema::kEntity, {"IR"});
  ASSERT_TRUE(d.admitted);
  EXPECT_EQ(d.needs_countries, std::vector<std::string>{"IR"});
}

TEST(PartyPolicyTest, OnePartOfALongerNameIsNotEnough) {
  NameFacts name;
  name.n_sig = 2;
  EXPECT_FALSE(Decide(name, {Word(), Word()}, "ZARSHENAS QORBANI", "Zarshenas").admitted);
  EXPECT_TRUE(Decide(name, {Word(), Word()}, "ZARSHENAS QORBANI", "Zarshenas Qorbani").admitted);
}

TEST(PartyPolicyTest, PersonWrittenSurnameGivenNeedsTheSurname) {
  NameFacts name;
  name.n_sig = 4;
  name.has_surname = true;
  NameTokenFacts surname = Word();
  surname.surname = true;
  const std::vector<NameTokenFacts> tokens = {surname, surname, Word(true), Word(true)};
  EXPECT_FALSE(
      Decide(name, tokens, "REALES BRITTO, Juan Carlos", "Juan Carlos", Schema::kPerson).admitted);
}

TEST(PartyPolicyTest, OneWordNameExactCapitalisedAndWithItsLegalFormIfEnglish) {
  NameFacts name;
  name.n_sig = 1;
  EXPECT_TRUE(Decide(name, {Word()}, "HIZBALLAH", "Hizballah").admitted);
  EXPECT_FALSE(Decide(name, {Word()}, "HIZBALLAH", "hizballah").admitted);
  name.needs_legal = true;
  name.strict = true;
  const std::vector<NameTokenFacts> tokens = {Word(true), Legal()};
  EXPECT_TRUE(Decide(name, tokens, "SEPTEMBER LLC", "September LLC").admitted);
}

}  // namespace
}  // namespace interdict
