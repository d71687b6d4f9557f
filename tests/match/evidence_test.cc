#include "match/evidence.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

BirthDate Exact(int y, int m = 0, int d = 0) {
  BirthDate b;
  b.from = b.to = PartialDate{y, m, d};
  return b;
}

float Effect(const std::optional<AttributeTerm>& t) { return t ? t->effect : 999.0f; }

TEST(BirthDateTermTest, AbsentOnEitherSideGivesNoTerm) {
  EXPECT_FALSE(BirthDateTerm({}, {Exact(1970)}));
  EXPECT_FALSE(BirthDateTerm({PartialDate{1970, 0, 0}}, {}));
}

TEST(BirthDateTermTest, GradesAgreement) {
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 3, 12}}, {Exact(1970, 3, 12)})), 0.08f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 3, 0}}, {Exact(1970, 3, 12)})), 0.05f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 0, 0}}, {Exact(1970, 3, 12)})), 0.04f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 12, 3}}, {Exact(1970, 3, 12)})), 0.03f);  // swap
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1971, 3, 12}}, {Exact(1970, 3, 12)})), 0.0f);   // ±1
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 4, 2}}, {Exact(1970, 3, 12)})), -0.05f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1960, 3, 12}}, {Exact(1970, 3, 12)})), -0.15f);
}

TEST(BirthDateTermTest, RangesAndCirca) {
  BirthDate range;
  range.from = {1955, 0, 0};
  range.to = {1958, 0, 0};
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1956, 0, 0}}, {range})), 0.02f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1959, 0, 0}}, {range})), 0.0f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1965, 0, 0}}, {range})), -0.15f);
  BirthDate circa = Exact(1960);
  circa.circa = true;
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1961, 5, 1}}, {circa})), 0.02f);
}

TEST(BirthDateTermTest, TakesTheMostFavourableOfSeveralDates) {
  // OFAC lists alternative dates of birth: any one agreeing is what counts.
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1975, 1, 29}}, {Exact(1971, 1, 21), Exact(1975, 1, 29)})),
                  0.08f);
}

TEST(CountryTermTest, ConfirmsAndContradicts) {
  Entity e;
  e.nationalities.push_back({"IR", "Iran"});
  e.addresses.push_back(Address{.country = {"AE", "United Arab Emirates"}});
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"AE"}, e)), 0.03f);
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"IR"}, e)), 0.03f);
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"FR"}, e)), -0.05f);
  EXPECT_FALSE(CountryTerm({}, e));
  EXPECT_FALSE(CountryTerm({"FR"}, Entity{}));  // the record states no country
}

TEST(IdentifierTermTest, ExactValueIsStrongIgnoringPunctuation) {
  Entity e;
  e.identifiers.push_back(Identifier{.kind = IdKind::kPassport, .value = "P229856"});
  e.identifiers.push_back(Identifier{.kind = IdKind::kImo, .value = "9187629"});
  EXPECT_FLOAT_EQ(Effect(IdentifierTerm({{"p-229 856", std::nullopt}}, e)), 0.35f);
  EXPECT_FLOAT_EQ(Effect(IdentifierTerm({{"9187629", IdKind::kImo}}, e)), 0.35f);
  // The same value under an incompatible stated kind is not a match.
  EXPECT_FALSE(IdentifierTerm({{"9187629", IdKind::kTaxId}}, e));
  // A stated kind the record has, with another value, counts against.
  EXPECT_FLOAT_EQ(Effect(IdentifierTerm({{"X1", IdKind::kPassport}}, e)), -0.10f);
  // An untyped value that matches nothing says nothing.
  EXPECT_FALSE(IdentifierTerm({{"X1", std::nullopt}}, e));
}

TEST(SchemaTermTest, OnlyIncompatibleTypesCount) {
  EXPECT_FALSE(SchemaTerm(std::nullopt, Schema::kPerson));
  EXPECT_FALSE(SchemaTerm(Schema::kPerson, Schema::kPerson));
  EXPECT_FALSE(SchemaTerm(Schema::kOrganization, Schema::kEntity));
  EXPECT_FALSE(SchemaTerm(Schema::kVessel, Schema::kEntity));
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kPerson, Schema::kEntity)), -0.20f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kPerson, Schema::kOrganization)), -0.30f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kOrganization, Schema::kPerson)), -0.30f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kOrganization, Schema::kVessel)), -0.10f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kVessel, Schema::kAircraft)), -0.20f);
}

}  // namespace
}  // namespace interdict
