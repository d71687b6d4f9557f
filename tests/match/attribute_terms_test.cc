#include "match/attribute_terms.h"

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

// ----- Cases the tests above leave out ----------------------------------------------------------

TEST(BirthDateTermTest, PartialDatesOnEitherSide) {
  // Listed to the month only: a query day cannot disagree, another month does.
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 3, 12}}, {Exact(1970, 3)})), 0.05f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 4, 12}}, {Exact(1970, 3)})), -0.05f);
  // Listed to the year only: any date in that year agrees on the year.
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1970, 4, 12}}, {Exact(1970)})), 0.04f);
  // Year one apart says nothing either way, even with a matching day and month.
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1969, 3, 12}}, {Exact(1970, 3, 12)})), 0.0f);
}

TEST(BirthDateTermTest, EmptyDatesAreIgnored) {
  BirthDate empty;  // from.year == 0
  EXPECT_FALSE(BirthDateTerm({{1970, 3, 12}}, {empty}));
  EXPECT_FALSE(BirthDateTerm({PartialDate{}}, {Exact(1970)}));
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({PartialDate{}, {1970, 0, 0}}, {empty, Exact(1970)})),
                  0.04f);
}

TEST(BirthDateTermTest, CircaRangeWidensByAYear) {
  BirthDate range;
  range.from = {1955, 0, 0};
  range.to = {1958, 0, 0};
  range.circa = true;
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1959, 0, 0}}, {range})), 0.02f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1954, 0, 0}}, {range})), 0.02f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1960, 0, 0}}, {range})), 0.0f);
  EXPECT_FLOAT_EQ(Effect(BirthDateTerm({{1961, 0, 0}}, {range})), -0.15f);
}

TEST(BirthDateTermTest, DetailQuotesThePublishersText) {
  BirthDate b = Exact(1951, 6, 19);
  b.original = "19 Jun 1951";
  auto t = BirthDateTerm({{1951, 6, 19}}, {b});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->attribute, "birth_date");
  EXPECT_EQ(t->detail, "1951-06-19 equals 19 Jun 1951");
  t = BirthDateTerm({{1951, 6, 20}}, {Exact(1951, 6, 7)});
  ASSERT_TRUE(t);
  EXPECT_NE(t->detail.find("another day"), std::string::npos) << t->detail;
}

TEST(CountryTermTest, EveryPlaceARecordStatesACountry) {
  Entity citizen;
  citizen.citizenships.push_back({"KP", "Korea, North"});
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"KP"}, citizen)), 0.03f);
  Entity vessel;
  vessel.flag = {"PA", "Panama"};
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"PA"}, vessel)), 0.03f);
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"IR"}, vessel)), -0.05f);
  Entity passport;
  passport.identifiers.push_back(Identifier{.value = "1084010", .country = {"EG", "Egypt"}});
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"EG"}, passport)), 0.03f);
  // Any one query country agreeing is enough.
  EXPECT_FLOAT_EQ(Effect(CountryTerm({"FR", "EG"}, passport)), 0.03f);
}

TEST(CountryTermTest, UnresolvedCountriesOnTheRecordSayNothing) {
  Entity e;
  e.nationalities.push_back({"", "Atlantis"});
  EXPECT_FALSE(CountryTerm({"FR"}, e));
  e.nationalities.push_back({"IR", "Iran"});
  auto t = CountryTerm({"FR"}, e);
  ASSERT_TRUE(t);
  EXPECT_FLOAT_EQ(t->effect, -0.05f);
  EXPECT_EQ(t->detail, "country FR is not among the record's (IR)");
}

TEST(IdentifierTermTest, AnyMatchWinsOverAConflict) {
  Entity e;
  e.identifiers.push_back(Identifier{.kind = IdKind::kPassport, .value = "P229856"});
  // The first query passport conflicts, the second matches: the match counts.
  EXPECT_FLOAT_EQ(
      Effect(IdentifierTerm({{"X1", IdKind::kPassport}, {"P229856", IdKind::kPassport}}, e)),
      0.35f);
  EXPECT_FLOAT_EQ(
      Effect(IdentifierTerm({{"P229856", IdKind::kPassport}, {"X1", IdKind::kPassport}}, e)),
      0.35f);
}

TEST(IdentifierTermTest, UntypedListedIdentifiersMatchAnyKind) {
  Entity e;
  e.identifiers.push_back(Identifier{.kind = IdKind::kOther, .value = "RC-12345"});
  EXPECT_FLOAT_EQ(Effect(IdentifierTerm({{"rc12345", IdKind::kRegistration}}, e)), 0.35f);
  // A typed query against a record with only untyped identifiers cannot conflict.
  EXPECT_FALSE(IdentifierTerm({{"999", IdKind::kRegistration}}, e));
}

TEST(IdentifierTermTest, PunctuationOnlyValuesAreIgnored) {
  Entity e;
  e.identifiers.push_back(Identifier{.kind = IdKind::kPassport, .value = "P229856"});
  EXPECT_FALSE(IdentifierTerm({{"--/--", IdKind::kPassport}}, e));
  EXPECT_FALSE(IdentifierTerm({}, e));
  EXPECT_FALSE(IdentifierTerm({{"P229856", std::nullopt}}, Entity{}));
}

TEST(SchemaTermTest, AircraftAndVessels) {
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kAircraft, Schema::kPerson)), -0.30f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kPerson, Schema::kVessel)), -0.30f);
  EXPECT_FLOAT_EQ(Effect(SchemaTerm(Schema::kAircraft, Schema::kOrganization)), -0.10f);
  EXPECT_FALSE(SchemaTerm(Schema::kEntity, Schema::kPerson));
  EXPECT_FALSE(SchemaTerm(Schema::kAircraft, Schema::kEntity));
  auto t = SchemaTerm(Schema::kPerson, Schema::kVessel);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->attribute, "schema");
  EXPECT_EQ(t->detail, "a person cannot be the listed vessel");
}

}  // namespace
}  // namespace interdict
