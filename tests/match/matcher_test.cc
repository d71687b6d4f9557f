#include "match/matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ingest/source.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

// What the tests share, loaded once per process on first use: the dictionaries and token
// statistics in data/, and the real 2021 OFAC SDN fixture and the bundled UN list, parsed and
// indexed.
struct Dictionaries {
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  CountryTable countries;
};

const Dictionaries& Dicts() {
  static const std::unique_ptr<Dictionaries> d = [] {
    auto d = std::make_unique<Dictionaries>();
    Status st = NameNormalizer::Load(INTERDICT_DATA, &d->normalizer);
    if (st.ok()) st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", &d->stats);
    if (st.ok()) st = CountryTable::LoadDefault(INTERDICT_DATA, &d->countries);
    if (!st.ok()) d->normalizer.reset();
    EXPECT_TRUE(st.ok()) << st.message();
    return d;
  }();
  return *d;
}

Status ParseInto(ListFormat format, const std::string& path, std::vector<Entity>* out) {
  ParseOptions options;
  options.countries = &Dicts().countries;
  ParseReport report;
  return ParseList(
      format, {path}, options,
      [out](Entity&& e) {
        out->push_back(std::move(e));
        return Status::Ok();
      },
      &report);
}

// The lists screened against. Tests that need no OFAC record use the UN list alone, which loads
// in a fraction of the time (ctest runs every test in a process of its own).
struct Lists {
  std::vector<Entity> entities;  // as parsed, in snapshot order
  std::shared_ptr<const Snapshot> snapshot;
  std::unique_ptr<Matcher> matcher;
};

std::unique_ptr<Lists> LoadLists(bool with_ofac) {
  auto l = std::make_unique<Lists>();
  const Dictionaries& d = Dicts();
  if (d.normalizer == nullptr) return l;
  Status st;
  if (with_ofac)
    st = ParseInto(ListFormat::kOfacSdnCsv, std::string(INTERDICT_FIXTURES) + "/ofac-sdn-2021",
                   &l->entities);
  if (st.ok())
    st = ParseInto(ListFormat::kUnXml, std::string(INTERDICT_DATA) + "/lists/un-sc", &l->entities);
  EXPECT_TRUE(st.ok()) << st.message();
  if (!st.ok()) return l;
  std::vector<ListVersion> versions(1);
  versions[0].source = "un-sc";
  if (with_ofac) versions.insert(versions.begin(), ListVersion{.source = "us-ofac-sdn"});
  l->snapshot = Snapshot::Build(l->entities, versions, *d.normalizer, d.stats, TokenSimilarityOf);
  l->matcher = std::make_unique<Matcher>(l->snapshot, *d.normalizer, d.stats, d.countries);
  return l;
}

// OFAC SDN 2021 + UN.
const Lists& OfacAndUn() {
  static const std::unique_ptr<Lists> lists = LoadLists(true);
  return *lists;
}

const Lists& UnOnly() {
  static const std::unique_ptr<Lists> lists = LoadLists(false);
  return *lists;
}

// Screening against the OFAC SDN 2021 fixture and the UN list.
class MatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    normalizer_ = Dicts().normalizer.get();
    ASSERT_NE(normalizer_, nullptr);
    stats_ = &Dicts().stats;
    countries_ = &Dicts().countries;
  }
  void SetUp() override { Use(OfacAndUn()); }
  void Use(const Lists& lists) {
    ASSERT_NE(lists.matcher, nullptr);
    snapshot_ = lists.snapshot;
    matcher_ = lists.matcher.get();
  }

  static ScreeningQuery Query(std::string name) {
    ScreeningQuery q;
    q.name = std::move(name);
    return q;
  }

  // Screens with the suite's matcher; fails the test on an error.
  ScreenResult Screen(const ScreeningQuery& q, ScreenOptions options = {}) const {
    auto session = matcher_->NewSession();
    ScreenResult r;
    Status st = matcher_->Screen(q, options, session.get(), &r);
    EXPECT_TRUE(st.ok()) << q.name << ": " << st.message();
    return r;
  }

  static const MatchResult* Find(const ScreenResult& r, const std::string& id) {
    for (const MatchResult& m : r.matches)
      if (m.entity->id == id) return &m;
    return nullptr;
  }

  // (query, expected record) pairs: the record scores at or above the default threshold when
  // every list name is scored, and screening through the index must find it too.
  using Cases = std::vector<std::pair<const char*, const char*>>;
  void ExpectIndexFinds(const Cases& cases) const {
    for (const auto& [text, id] : cases) {
      ScreenResult all = Screen(Query(text), {.limit = 0, .exhaustive = true});
      ASSERT_NE(Find(all, id), nullptr) << text;
      ScreenResult indexed = Screen(Query(text), {.limit = 0});
      EXPECT_NE(Find(indexed, id), nullptr) << text << " misses " << id;
    }
  }

  static const AttributeTerm* Term(const MatchResult& m, const std::string& attribute) {
    for (const AttributeTerm& t : m.explanation.terms)
      if (t.attribute == attribute) return &t;
    return nullptr;
  }

  static const NameNormalizer* normalizer_;
  static const TokenStats* stats_;
  static const CountryTable* countries_;
  std::shared_ptr<const Snapshot> snapshot_;
  const Matcher* matcher_ = nullptr;
};

const NameNormalizer* MatcherTest::normalizer_ = nullptr;
const TokenStats* MatcherTest::stats_ = nullptr;
const CountryTable* MatcherTest::countries_ = nullptr;

// Screening against the UN list alone.
class UnMatcherTest : public MatcherTest {
 protected:
  void SetUp() override { Use(UnOnly()); }
};

TEST_F(MatcherTest, SnapshotHoldsBothLists) {
  EXPECT_EQ(snapshot_->entities().size(), 8976u + 1003u);
  ASSERT_EQ(snapshot_->versions().size(), 2u);
  EXPECT_EQ(snapshot_->versions()[0].source, "us-ofac-sdn");
  ASSERT_NE(snapshot_->Find("us-ofac-sdn:36"), nullptr);
  EXPECT_EQ(snapshot_->Find("us-ofac-sdn:36")->names[0].full, "AEROCARIBBEAN AIRLINES");
  ASSERT_NE(snapshot_->Find("un-sc:QDi.006"), nullptr);
  EXPECT_EQ(snapshot_->Find("no-such:1"), nullptr);
  EXPECT_GT(snapshot_->index().name_count(), snapshot_->entities().size());
}

TEST_F(MatcherTest, ExactNameFindsItsRecordFirst) {
  ScreenResult r = Screen(Query("AEROCARIBBEAN AIRLINES"));
  ASSERT_FALSE(r.matches.empty());
  const MatchResult& m = r.matches[0];
  EXPECT_EQ(m.entity->id, "us-ofac-sdn:36");
  EXPECT_FLOAT_EQ(m.score, 1.0f);
  EXPECT_EQ(m.explanation.list_name, "AEROCARIBBEAN AIRLINES");
  EXPECT_EQ(m.explanation.name_kind, NameKind::kPrimary);
  ASSERT_EQ(m.explanation.pairs.size(), 2u);
  EXPECT_EQ(m.explanation.pairs[0].query, "AEROCARIBBEAN");
  EXPECT_EQ(m.explanation.pairs[0].list, "AEROCARIBBEAN");
  EXPECT_EQ(m.explanation.pairs[0].match.evidence, Evidence::kExact);
  EXPECT_TRUE(m.explanation.terms.empty());
  EXPECT_THAT(m.explanation.sentence, HasSubstr("us-ofac-sdn:36"));
  EXPECT_THAT(m.explanation.sentence, HasSubstr("AEROCARIBBEAN AIRLINES"));
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(MatcherTest, ZawahiriFromLatinAndFromArabicScript) {
  ScreenResult latin = Screen(Query("Ayman al-Zawahiri"));
  const MatchResult* un = Find(latin, "un-sc:QDi.006");
  ASSERT_NE(un, nullptr);
  EXPECT_GE(un->score, 0.95f);
  const MatchResult* ofac = Find(latin, "us-ofac-sdn:2676");  // AL ZAWAHIRI, Dr. Ayman
  ASSERT_NE(ofac, nullptr);
  EXPECT_GE(ofac->score, 0.95f);

  ScreenResult arabic = Screen(Query("أيمن الظواهري"));
  un = Find(arabic, "un-sc:QDi.006");
  ASSERT_NE(un, nullptr);
  EXPECT_GE(un->score, kDefaultThreshold);
  // The OFAC record has no Arabic-script name: the transliteration must meet its Latin names.
  ofac = Find(arabic, "us-ofac-sdn:2676");
  ASSERT_NE(ofac, nullptr);
  EXPECT_GE(ofac->score, kDefaultThreshold);
  EXPECT_EQ(ofac->explanation.list_name, "AL ZAWAHIRI, Dr. Ayman");
  bool transliterated_pair = false;
  for (const TokenPairExplanation& p : ofac->explanation.pairs)
    transliterated_pair = transliterated_pair || p.query == "أيمن";
  EXPECT_TRUE(transliterated_pair) << ofac->explanation.sentence;
}

// "معمر القذافي" (Muammar al-Qadhafi) finds the OFAC record written only in Latin: the ayn of معمر
// is a vowel slot ("mamr"), so its skeleton keeps Muammar's two m's
// (NameScorerTest.AynBetweenTwoConsonantsStillMeetsTheLatinSpelling).
TEST_F(MatcherTest, ArabicScriptFindsQadhafi) {
  ScreenResult r = Screen(Query("معمر القذافي"));
  const MatchResult* m = Find(r, "us-ofac-sdn:12606");
  ASSERT_NE(m, nullptr);
  EXPECT_GE(m->score, kDefaultThreshold);
}

TEST_F(MatcherTest, WeakAliasCountsOnlyNearExactAndLower) {
  // RODRIGUEZ OREJUELA, Gilberto Jose has the weak alias "THE CHESS PLAYER".
  ScreenResult r = Screen(Query("The Chess Player"));
  const MatchResult* weak = Find(r, "us-ofac-sdn:4107");
  ASSERT_NE(weak, nullptr);
  EXPECT_EQ(weak->explanation.name_kind, NameKind::kWeakAlias);
  EXPECT_FLOAT_EQ(weak->score, 0.9f);  // an exact weak alias counts at 0.9
  EXPECT_THAT(weak->explanation.sentence, HasSubstr("weak alias"));
  // The primary name, as strong as it gets, scores above the weak alias.
  ScreenResult strong = Screen(Query("Gilberto Jose Rodriguez Orejuela"));
  const MatchResult* primary = Find(strong, "us-ofac-sdn:4107");
  ASSERT_NE(primary, nullptr);
  EXPECT_GT(primary->score, weak->score);
  // One typo takes the weak alias below its 0.95 floor: no match at all, whatever the threshold.
  ScreenResult typo = Screen(Query("The Chess Playr"), {.threshold = 0.1f, .limit = 0});
  EXPECT_EQ(Find(typo, "us-ofac-sdn:4107"), nullptr);
}

// Two records with the same name, one rich and one bare.
class MatcherEvidenceTest : public MatcherTest {
 protected:
  void SetUp() override {}  // the shared lists are not needed here

  static std::unique_ptr<Matcher> Small() {
    Entity rich;
    rich.id = "test:rich";
    rich.source = "test";
    rich.schema = Schema::kPerson;
    rich.names.push_back({"HADDAD, Omar Farouk", "Omar Farouk HADDAD", NameKind::kPrimary, "Latn"});
    BirthDate dob;
    dob.from = dob.to = PartialDate{1970, 3, 12};
    dob.original = "12 Mar 1970";
    rich.birth_dates.push_back(dob);
    rich.nationalities.push_back({"SY", "Syria"});
    rich.identifiers.push_back(Identifier{.kind = IdKind::kPassport, .value = "N0123456"});
    Entity bare = rich;
    bare.id = "test:bare";
    bare.birth_dates.clear();
    bare.nationalities.clear();
    bare.identifiers.clear();
    auto snap = Snapshot::Build({rich, bare}, {}, *normalizer_, *stats_, TokenSimilarityOf);
    return std::make_unique<Matcher>(snap, *normalizer_, *stats_, *countries_);
  }
  static ScreenResult ScreenSmall(const Matcher& m, const ScreeningQuery& q,
                                  ScreenOptions options = {.threshold = 0.3f, .limit = 0}) {
    auto session = m.NewSession();
    ScreenResult r;
    Status st = m.Screen(q, options, session.get(), &r);
    EXPECT_TRUE(st.ok()) << st.message();
    return r;
  }
};

TEST_F(MatcherEvidenceTest, NameOnlyScoreDoesNotDependOnTheRecordsOtherFields) {
  auto m = Small();
  for (const char* name : {"Omar Farouk Haddad", "Omar Haddad", "Umar Faruq Hadad"}) {
    ScreenResult r = ScreenSmall(*m, Query(name));
    const MatchResult* rich = Find(r, "test:rich");
    const MatchResult* bare = Find(r, "test:bare");
    ASSERT_NE(rich, nullptr) << name;
    ASSERT_NE(bare, nullptr) << name;
    EXPECT_FLOAT_EQ(rich->score, bare->score) << name;
    EXPECT_TRUE(rich->explanation.terms.empty()) << name;
  }
}

TEST_F(MatcherEvidenceTest, BirthDateConfirmsAndContradicts) {
  auto m = Small();
  ScreeningQuery q = Query("Umar Haddad");  // name score below 0.92, so effects are visible
  ScreenResult plain = ScreenSmall(*m, q);
  ASSERT_NE(Find(plain, "test:rich"), nullptr);
  const float base = Find(plain, "test:rich")->score;
  ASSERT_LE(base, 0.92f);

  q.birth_dates = {PartialDate{1970, 3, 12}};
  ScreenResult agree = ScreenSmall(*m, q);
  const MatchResult* rich = Find(agree, "test:rich");
  ASSERT_NE(rich, nullptr);
  const AttributeTerm* t = Term(*rich, "birth_date");
  ASSERT_NE(t, nullptr);
  EXPECT_FLOAT_EQ(t->effect, 0.08f);
  EXPECT_THAT(t->detail, HasSubstr("12 Mar 1970"));
  EXPECT_NEAR(rich->score, base + 0.08f, 1e-5);
  EXPECT_THAT(rich->explanation.sentence, HasSubstr("+0.08"));
  // The bare record has no date: no term, same score as without the date.
  const MatchResult* bare = Find(agree, "test:bare");
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ(Term(*bare, "birth_date"), nullptr);
  EXPECT_FLOAT_EQ(bare->score, base);

  q.birth_dates = {PartialDate{1950, 0, 0}};
  ScreenResult far_result = ScreenSmall(*m, q);
  const MatchResult* far = Find(far_result, "test:rich");
  ASSERT_NE(far, nullptr);
  ASSERT_NE(Term(*far, "birth_date"), nullptr);
  EXPECT_FLOAT_EQ(Term(*far, "birth_date")->effect, -0.15f);
  EXPECT_NEAR(far->score, base - 0.15f, 1e-5);
}

TEST_F(MatcherEvidenceTest, CountryConfirmsAndContradicts) {
  auto m = Small();
  ScreeningQuery q = Query("Omar Haddad");
  ScreenResult plain = ScreenSmall(*m, q);
  ASSERT_NE(Find(plain, "test:rich"), nullptr);
  const float base = Find(plain, "test:rich")->score;
  q.countries = {"Syria"};
  ScreenResult agree_result = ScreenSmall(*m, q);
  const MatchResult* agree = Find(agree_result, "test:rich");
  ASSERT_NE(agree, nullptr);
  ASSERT_NE(Term(*agree, "country"), nullptr);
  EXPECT_FLOAT_EQ(Term(*agree, "country")->effect, 0.03f);
  EXPECT_NEAR(agree->score, base + 0.03f, 1e-5);
  q.countries = {"FR"};
  ScreenResult other_result = ScreenSmall(*m, q);
  const MatchResult* other = Find(other_result, "test:rich");
  ASSERT_NE(other, nullptr);
  ASSERT_NE(Term(*other, "country"), nullptr);
  EXPECT_FLOAT_EQ(Term(*other, "country")->effect, -0.05f);
  EXPECT_THAT(Term(*other, "country")->detail, HasSubstr("SY"));
  EXPECT_NEAR(other->score, base - 0.05f, 1e-5);
}

TEST_F(MatcherEvidenceTest, IdentifierConfirmsAndContradicts) {
  auto m = Small();
  ScreeningQuery q = Query("Omar Haddad");
  ScreenResult plain = ScreenSmall(*m, q);
  ASSERT_NE(Find(plain, "test:rich"), nullptr);
  const float base = Find(plain, "test:rich")->score;
  q.identifiers = {{"n 0123456", std::nullopt}};  // spacing and case ignored
  ScreenResult same_result = ScreenSmall(*m, q);
  const MatchResult* same = Find(same_result, "test:rich");
  ASSERT_NE(same, nullptr);
  ASSERT_NE(Term(*same, "identifier"), nullptr);
  EXPECT_FLOAT_EQ(Term(*same, "identifier")->effect, 0.35f);
  EXPECT_NEAR(same->score, std::min(1.0f, base + 0.35f), 1e-5);
  q.identifiers = {{"X999999", IdKind::kPassport}};
  ScreenResult other_result = ScreenSmall(*m, q);
  const MatchResult* other = Find(other_result, "test:rich");
  ASSERT_NE(other, nullptr);
  EXPECT_NEAR(other->score, base - 0.10f, 1e-5);
}

// A record listed with an initial ("ZAWAHIRI, M."): the scorer credits a full query name against
// the initial (0.5), so "Mohammad Zawahiri" scores above the threshold when every name is scored.
// The index must find it too.
TEST_F(MatcherEvidenceTest, ListedInitialIsFoundByTheIndex) {
  Entity e;
  e.id = "test:initial";
  e.schema = Schema::kPerson;
  e.names.push_back({"ZAWAHIRI, M.", "M. ZAWAHIRI", NameKind::kPrimary, "Latn"});
  Matcher m(Snapshot::Build({e}, {}, *normalizer_, *stats_, TokenSimilarityOf), *normalizer_,
            *stats_, *countries_);
  ScreenResult all = ScreenSmall(m, Query("Mohammad Zawahiri"),
                                 {.threshold = kDefaultThreshold, .limit = 0, .exhaustive = true});
  ASSERT_EQ(all.matches.size(), 1u);
  ASSERT_GE(all.matches[0].score, kDefaultThreshold);
  ScreenResult indexed =
      ScreenSmall(m, Query("Mohammad Zawahiri"), {.threshold = kDefaultThreshold, .limit = 0});
  ASSERT_EQ(indexed.matches.size(), 1u);
  EXPECT_FLOAT_EQ(indexed.matches[0].score, all.matches[0].score);
}

TEST_F(MatcherEvidenceTest, ScoreIsClippedToOne) {
  auto m = Small();
  ScreeningQuery q = Query("Omar Farouk Haddad");
  q.birth_dates = {PartialDate{1970, 3, 12}};
  q.countries = {"SY"};
  q.identifiers = {{"N0123456", IdKind::kPassport}};
  ScreenResult r = ScreenSmall(*m, q);
  const MatchResult* rich = Find(r, "test:rich");
  ASSERT_NE(rich, nullptr);
  EXPECT_EQ(rich->explanation.terms.size(), 3u);
  EXPECT_FLOAT_EQ(rich->score, 1.0f);
}

TEST_F(MatcherEvidenceTest, TypeMismatchCountsAgainst) {
  auto m = Small();
  ScreeningQuery q = Query("Omar Farouk Haddad");
  q.schema = Schema::kOrganization;
  ScreenResult r = ScreenSmall(*m, q);
  const MatchResult* rich = Find(r, "test:rich");
  ASSERT_NE(rich, nullptr);
  ASSERT_NE(Term(*rich, "schema"), nullptr);
  EXPECT_FLOAT_EQ(Term(*rich, "schema")->effect, -0.30f);
  EXPECT_NEAR(rich->score, 0.70f, 1e-5);
}

TEST_F(UnMatcherTest, AttributesMoveTheScoreOfARealRecord) {
  // AIMAN MUHAMMED RABI AL-ZAWAHIRI, born 1951-06-19, Egyptian passport 1084010.
  ScreeningQuery q = Query("Aiman Zawahri");
  ScreenResult plain_result = Screen(q, {.threshold = 0.5f, .limit = 0});
  const MatchResult* plain = Find(plain_result, "un-sc:QDi.006");
  ASSERT_NE(plain, nullptr);
  ASSERT_LT(plain->score, 0.95f);

  ScreeningQuery dated = q;
  dated.birth_dates = {PartialDate{1951, 6, 19}};
  dated.countries = {"Egypt"};
  ScreenResult confirmed_result = Screen(dated, {.threshold = 0.5f, .limit = 0});
  const MatchResult* confirmed = Find(confirmed_result, "un-sc:QDi.006");
  ASSERT_NE(confirmed, nullptr);
  ASSERT_NE(Term(*confirmed, "birth_date"), nullptr);
  ASSERT_NE(Term(*confirmed, "country"), nullptr);
  EXPECT_GT(confirmed->score, plain->score);
  EXPECT_THAT(confirmed->explanation.sentence, HasSubstr("1951"));

  ScreeningQuery contradicted = q;
  contradicted.birth_dates = {PartialDate{1980, 1, 1}};
  ScreenResult worse_result = Screen(contradicted, {.threshold = 0.3f, .limit = 0});
  const MatchResult* worse = Find(worse_result, "un-sc:QDi.006");
  ASSERT_NE(worse, nullptr);
  EXPECT_LT(worse->score, plain->score);
}

TEST_F(UnMatcherTest, IdentifierFindsTheRecordWhateverTheName) {
  // No name of QDi.006 resembles "John Smith"; its passport number alone brings it in.
  ScreeningQuery q = Query("John Smith");
  q.identifiers = {{"1084010", std::nullopt}};
  ScreenResult with_id = Screen(q, {.threshold = 0.3f, .limit = 0});
  const MatchResult* m = Find(with_id, "un-sc:QDi.006");
  ASSERT_NE(m, nullptr);
  const AttributeTerm* t = Term(*m, "identifier");
  ASSERT_NE(t, nullptr);
  EXPECT_FLOAT_EQ(t->effect, 0.35f);
  EXPECT_THAT(t->detail, HasSubstr("1084010"));
  EXPECT_FALSE(m->explanation.list_name.empty());

  ScreenResult without = Screen(Query("John Smith"), {.threshold = 0.3f, .limit = 0});
  EXPECT_EQ(Find(without, "un-sc:QDi.006"), nullptr);
}

TEST_F(UnMatcherTest, SortedLimitedAndThresholded) {
  ScreeningQuery q = Query("Mohammed Al Qaida");
  ScreenResult all = Screen(q, {.threshold = 0.3f, .limit = 0});
  ASSERT_GT(all.matches.size(), 3u);
  for (size_t i = 0; i < all.matches.size(); ++i) {
    EXPECT_GE(all.matches[i].score, 0.3f);
    EXPECT_LE(all.matches[i].score, 1.0f);
    if (i > 0) {
      EXPECT_GE(all.matches[i - 1].score, all.matches[i].score);
      if (all.matches[i - 1].score == all.matches[i].score) {
        EXPECT_LT(all.matches[i - 1].entity->id, all.matches[i].entity->id);  // stable order
      }
    }
  }
  ScreenResult three = Screen(q, {.threshold = 0.3f, .limit = 3});
  ASSERT_EQ(three.matches.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(three.matches[i].entity, all.matches[i].entity);

  ScreenResult high = Screen(q, {.threshold = 0.9f, .limit = 0});
  size_t expected = 0;
  for (const MatchResult& m : all.matches) expected += m.score >= 0.9f;
  EXPECT_EQ(high.matches.size(), expected);
  for (const MatchResult& m : high.matches) EXPECT_GE(m.score, 0.9f);
}

TEST_F(UnMatcherTest, DefaultThresholdKeepsUnrelatedNamesOut) {
  EXPECT_TRUE(Screen(Query("Jonathan Quentin Wimbledon-Fairweather")).matches.empty());
}

TEST_F(MatcherTest, IndexGivesWhatAnExhaustiveScanGives) {
  for (const char* name : {"Ayman al-Zawahiri", "أيمن الظواهري", "AEROCARIBEAN AIRLINES", "ALQAIDA",
                           "Gilberto Rodriguez Orejuela", "Abdul Satar"}) {
    ScreenResult indexed = Screen(Query(name), {.threshold = 0.8f, .limit = 0});
    ScreenResult all = Screen(Query(name), {.threshold = 0.8f, .limit = 0, .exhaustive = true});
    ASSERT_EQ(indexed.matches.size(), all.matches.size()) << name;
    for (size_t i = 0; i < all.matches.size(); ++i) {
      EXPECT_EQ(indexed.matches[i].entity->id, all.matches[i].entity->id) << name;
      EXPECT_FLOAT_EQ(indexed.matches[i].score, all.matches[i].score) << name;
    }
  }
}

// Name parts the list does not record cost a person's query less than their weight
// (kInsertedPartFactor): the index is asked low enough to find such names.
TEST_F(UnMatcherTest, InsertedNamePartsAreFoundThroughTheIndex) {
  // AIMAN MUHAMMED RABI AL-ZAWAHIRI with two parts more: 0.73 and 0.75 at their full weight.
  for (const char* name : {"Ayman Muhammed Rabi Hassan Omar al-Zawahiri",
                           "Ayman Muhammed Ali Rabi Hassan al-Zawahiri"}) {
    ScreenResult indexed = Screen(Query(name), {.threshold = 0.8f, .limit = 0});
    ScreenResult all = Screen(Query(name), {.threshold = 0.8f, .limit = 0, .exhaustive = true});
    ASSERT_NE(Find(indexed, "un-sc:QDi.006"), nullptr) << name;
    ASSERT_EQ(indexed.matches.size(), all.matches.size()) << name;
    for (size_t i = 0; i < all.matches.size(); ++i) {
      EXPECT_EQ(indexed.matches[i].entity->id, all.matches[i].entity->id) << name;
      EXPECT_FLOAT_EQ(indexed.matches[i].score, all.matches[i].score) << name;
    }
  }
}

// A query token that some list name spells the same way may still be a one-letter slip for the
// listed party's spelling: the index looks one edit around it.
TEST_F(MatcherTest, IndexFindsOneLetterTyposThatAreThemselvesListedSpellings) {
  const Cases cases = {
      {"Khaira MUHAMADI", "us-ofac-sdn:28028"},             // MUHAMADI, Kahira
      {"RAHMAN Abdur", "un-sc:QDi.057"},                    // Abdul Rahman
      {"Hasim MURAD Ali Adbul Hakim", "un-sc:QDi.120"},     // Murad, Abdul Hakim Ali Hashim
      {"Hasan Ibrahim Talea Aseeri", "us-ofac-sdn:12669"},  // 'ASIRI, Ibrahim Hasan Tali'A
  };
  ExpectIndexFinds(cases);
}

// Known limit: a listed spelling two edits from the listed party's ("Nadeem" for NAIM), or a
// listed token joined to its neighbour, is not looked for (the index would need two-letter
// deletions of every known token). Each scores above the threshold when every name is scored.
TEST_F(MatcherTest, DISABLED_IndexFindsTwoLetterTyposThatAreThemselvesListedSpellings) {
  const Cases cases = {
      {"Mohammad Nadeem", "un-sc:TAi.013"},            // Mohammad Naim
      {"Abu Mohammedal-Adnani", "us-ofac-sdn:17066"},  // AL-ADNANI, Abu Mohammed
  };
  ExpectIndexFinds(cases);
}

// Known limit: a query join whose one typo shows only in its spelling key is not looked for: the
// index probes the typos of a join's text, not of its spelling key. "OK KIM" written together is
// "okkim", spelling key "okim", one letter from "kim": 0.87 when every name is scored.
TEST_F(MatcherTest, DISABLED_IndexFindsAJoinOneSpellingTypoFromAListedToken) {
  ExpectIndexFinds({{"KYONG OK KIM", "un-sc:KPi.067"}});  // KIM KYONG IL
}

TEST_F(UnMatcherTest, UnknownCountryIsAWarningNotAnError) {
  ScreeningQuery q = Query("AIMAN MUHAMMED RABI AL-ZAWAHIRI");
  q.countries = {"Atlantis", "Egypt"};
  auto session = matcher_->NewSession();
  ScreenResult r;
  Status st = matcher_->Screen(q, {}, session.get(), &r);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("Atlantis"));
  ASSERT_FALSE(r.matches.empty());
  EXPECT_EQ(r.matches[0].entity->id, "un-sc:QDi.006");
  // Egypt, which the table knows, still counts.
  ASSERT_NE(Term(r.matches[0], "country"), nullptr);
  EXPECT_GT(Term(r.matches[0], "country")->effect, 0.0f);
}

// Names in scripts that ICU has no chain for were refused as having no letters: they are screened.
TEST_F(UnMatcherTest, NamesInEveryScriptAreScreenedNotRefused) {
  auto session = matcher_->NewSession();
  for (const char* name : {"ហ៊ុន សែន", "ທອງລຸນ ສີສຸລິດ", "བསྟན་འཛིན་རྒྱ་མཚོ", "ᠴᠠᠬᠢᠶᠠᠭᠢᠨ", "ᏍᏏᏉᏯ", "ꆈꌠꁱꂷ",
                           "ⵜⴰⵎⴰⵣⵉⵖⵜ", "ꦱꦸꦏꦂꦤꦺꦴ"}) {
    ScreenResult r;
    Status st = matcher_->Screen(Query(name), {}, session.get(), &r);
    EXPECT_TRUE(st.ok()) << name << ": " << st.message();
  }
}

TEST_F(UnMatcherTest, TheReadersWarningsComeFirstAndTheNameIsStillScreened) {
  ScreeningQuery q = Query("AIMAN MUHAMMED RABI AL-ZAWAHIRI");
  q.warnings = {"birth_date '1951-13-40' is not a date"};
  q.countries = {"Atlantis"};
  auto session = matcher_->NewSession();
  ScreenResult r;
  r.warnings = {"stale"};
  ASSERT_TRUE(matcher_->Screen(q, {}, session.get(), &r).ok());
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0], q.warnings[0]);
  EXPECT_THAT(r.warnings[1], HasSubstr("Atlantis"));
  ASSERT_FALSE(r.matches.empty());
  EXPECT_EQ(r.matches[0].entity->id, "un-sc:QDi.006");
}

TEST_F(UnMatcherTest, UnreadableNamesAreErrors) {
  auto session = matcher_->NewSession();
  for (const char* name : {"", "   ", "--- ... ///", "\t"}) {
    ScreenResult r;
    r.matches.push_back(MatchResult{});  // stale content must not survive
    Status st = matcher_->Screen(Query(name), {}, session.get(), &r);
    EXPECT_FALSE(st.ok()) << "'" << name << "'";
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << "'" << name << "'";
    EXPECT_TRUE(r.matches.empty());
  }
  ScreenResult r;
  EXPECT_THAT(matcher_->Screen(Query(""), {}, session.get(), &r).message(), HasSubstr("empty"));
  EXPECT_THAT(matcher_->Screen(Query("?!"), {}, session.get(), &r).message(),
              HasSubstr("no letters"));
}

TEST_F(UnMatcherTest, ASessionIsReusableAcrossQueries) {
  auto session = matcher_->NewSession();
  ScreenResult first, second, again;
  ASSERT_TRUE(matcher_->Screen(Query("AL-QAIDA"), {}, session.get(), &first).ok());
  ASSERT_TRUE(matcher_->Screen(Query("Ayman al-Zawahiri"), {}, session.get(), &second).ok());
  ASSERT_TRUE(matcher_->Screen(Query("AL-QAIDA"), {}, session.get(), &again).ok());
  ASSERT_FALSE(first.matches.empty());
  EXPECT_EQ(first.matches[0].entity->id, "un-sc:QDe.004");
  ASSERT_EQ(first.matches.size(), again.matches.size());
  for (size_t i = 0; i < first.matches.size(); ++i)
    EXPECT_EQ(first.matches[i].entity, again.matches[i].entity);
  EXPECT_EQ(Find(second, "un-sc:QDe.004"), nullptr);
}

// The pair scorer needs no list.
class CompareNamesTest : public MatcherTest {
 protected:
  void SetUp() override {}
};

// ----- CompareNames ------------------------------------------------------------------------------

TEST_F(CompareNamesTest, ScoresAPair) {
  Comparison c;
  ASSERT_TRUE(
      CompareNames("Mohammed Yousef", "MUHAMMAD, Yusuf", Schema::kPerson, *normalizer_, *stats_, &c)
          .ok());
  EXPECT_GT(c.score, 0.9f);
  EXPECT_EQ(c.explanation.list_name, "MUHAMMAD, Yusuf");
  ASSERT_EQ(c.explanation.pairs.size(), 2u);
  EXPECT_EQ(c.explanation.pairs[0].query, "Mohammed");
  EXPECT_EQ(c.explanation.pairs[0].list, "MUHAMMAD");
  EXPECT_EQ(c.explanation.pairs[0].match.evidence, Evidence::kVariant);
  EXPECT_THAT(c.explanation.sentence, HasSubstr("romanisation variant"));

  Comparison none;
  ASSERT_TRUE(
      CompareNames("Vladimir Putin", "Ayman Zawahiri", std::nullopt, *normalizer_, *stats_, &none)
          .ok());
  EXPECT_EQ(none.score, 0.0f);
  EXPECT_EQ(none.explanation.unmatched_query.size(), 2u);
}

TEST_F(CompareNamesTest, RejectsUnreadableNames) {
  Comparison c;
  EXPECT_EQ(CompareNames("", "John", std::nullopt, *normalizer_, *stats_, &c).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(CompareNames("John", "  ", std::nullopt, *normalizer_, *stats_, &c).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(CompareNames("John", "-/-", std::nullopt, *normalizer_, *stats_, &c).code(),
            Status::Code::kInvalidInput);
}

// A name in any script is compared, never refused (Khmer, Lao, Tibetan and others have no ICU
// chain and were "no letters to compare"): it meets itself exactly, and its Latin spelling gets a
// score, whatever that score is.
TEST_F(CompareNamesTest, EveryScriptGetsAScoreNeverAnError) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"ហ៊ុន សែន", "Hun Sen"},
      {"ທອງລຸນ ສີສຸລິດ", "Thongloun Sisoulith"},
      {"བསྟན་འཛིན་རྒྱ་མཚོ", "Tenzin Gyatso"},
      {"አቢይ አሕመድ", "Abiy Ahmed"},
      {"ᠴᠠᠬᠢᠶᠠᠭᠢᠨ ᠡᠯᠪᠡᠭᠳᠣᠷᠵ", "Tsakhiagiin Elbegdorj"},
      {"မင်းအောင်လှိုင်", "Min Aung Hlaing"},
      {"මහින්ද රාජපක්ෂ", "Mahinda Rajapaksa"},
      {"ᏍᏏᏉᏯ", "Sequoyah"},
      {"ᓄᓇᕗᑦ", "Nunavut"},
      {"މުހައްމަދު ނަޝީދު", "Mohamed Nasheed"},
      {"ܐܦܪܝܡ", "Aphrem"},
      {"ꆈꌠꁱꂷ", "Nuosu"},
      {"ⵜⴰⵎⴰⵣⵉⵖⵜ", "Tamazight"},
      {"ⲡⲁⲩⲗⲟⲥ", "Paulos"},
      {"ꦱꦸꦏꦂꦤꦺꦴ", "Sukarno"},
      {"ᱥᱟᱱᱛᱟᱲᱤ", "Santali"},
      {"நரேந்திர மோதி", "Narendra Modi"},
      {"ทักษิณ ชินวัตร", "Thaksin Shinawatra"},
      {"김정은", "Kim Jong Un"},
      {"习近平", "Xi Jinping"},
  };
  for (const auto& [name, latin] : names) {
    Comparison self, cross;
    ASSERT_TRUE(CompareNames(name, name, Schema::kPerson, *normalizer_, *stats_, &self).ok())
        << name;
    EXPECT_FLOAT_EQ(self.score, 1.0f) << name;
    ASSERT_TRUE(CompareNames(name, latin, Schema::kPerson, *normalizer_, *stats_, &cross).ok())
        << name;
    EXPECT_GE(cross.score, 0.0f) << name;
  }
}

// ----- Limits (normalize/name_limits.h) ---------------------------------------------------------

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A 4,000-letter token took over a minute (its two-letter deletions cost its length cubed); a
// 10 MB name never ended. Over the limits a query is an error, at once, never "no match".
TEST_F(UnMatcherTest, OverLongNamesAreRefusedAtOnce) {
  auto session = matcher_->NewSession();
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& name :
       {std::string(4000, 'a'), std::string(10'000'000, 'b'), Repeat("abcdefghij ", 400)}) {
    ScreenResult r;
    Status st = matcher_->Screen(Query(name), {}, session.get(), &r);
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << name.size();
    EXPECT_TRUE(r.matches.empty());
  }
  EXPECT_LT(SecondsSince(start), 5.0);
  ScreenResult r;
  EXPECT_EQ(matcher_->Screen(Query(std::string(501, 'a')), {}, session.get(), &r).message(),
            "name is 501 characters; the limit is 500");
  // Characters, not bytes: 500 Cyrillic letters are 1,000 bytes and within the limit.
  EXPECT_TRUE(matcher_->Screen(Query(Repeat("\u0430", 500)), {}, session.get(), &r).ok());
  EXPECT_EQ(matcher_->Screen(Query(Repeat("ab ", 51)), {}, session.get(), &r).message(),
            "name has 51 words; the limit is 50");
}

// The worst names within the limits stay cheap: the longest token, the most tokens of the
// longest typo-comparable length (each probed with its two-letter deletions), and Han
// syllables, one token each.
TEST_F(MatcherTest, NamesAtTheLimitsAreScreenedQuickly) {
  auto session = matcher_->NewSession();
  const auto start = std::chrono::steady_clock::now();
  std::string unknown_words;
  for (int i = 0; i < 15; ++i) unknown_words += std::string(32, static_cast<char>('a' + i)) + " ";
  for (const std::string& name :
       {std::string(500, 'a'), Repeat("qwertyuiopasdfghjklzxcvbnmqwerty ", 15), unknown_words,
        Repeat("mohammed ", 50), Repeat("\u738b", 50)}) {
    ScreenResult r;
    EXPECT_TRUE(matcher_->Screen(Query(name), {.threshold = 0.5f}, session.get(), &r).ok()) << name;
  }
  EXPECT_LT(SecondsSince(start), 5.0);
}

// A token beyond kMaxTypoTokenBytes meets only its exact keys; shorter ones keep their typos.
TEST_F(CompareNamesTest, OverLongTokensCompareByTheirKeysOnly) {
  const std::string long_token(40, 'k');
  std::string typo = long_token;
  typo[20] = 'x';
  Comparison c;
  ASSERT_TRUE(CompareNames(long_token, long_token, std::nullopt, *normalizer_, *stats_, &c).ok());
  EXPECT_EQ(c.score, 1.0f);
  ASSERT_TRUE(CompareNames(long_token, typo, std::nullopt, *normalizer_, *stats_, &c).ok());
  EXPECT_EQ(c.score, 0.0f);
  const std::string token(30, 'k');
  std::string near = token;
  near[15] = 'x';
  ASSERT_TRUE(CompareNames(token, near, std::nullopt, *normalizer_, *stats_, &c).ok());
  EXPECT_GT(c.score, 0.9f);
}

// Compare aligns every token of one name with every token of the other: both names are bounded.
TEST_F(CompareNamesTest, RefusesNamesOverTheLimits) {
  Comparison c;
  const auto start = std::chrono::steady_clock::now();
  Status st =
      CompareNames("John Smith", Repeat("ali ", 4000), std::nullopt, *normalizer_, *stats_, &c);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(st.message(), "name2: name is 16000 characters; the limit is 500");
  st = CompareNames(Repeat("ali ", 60), "John Smith", std::nullopt, *normalizer_, *stats_, &c);
  EXPECT_EQ(st.message(), "name1: name has 60 words; the limit is 50");
  EXPECT_LT(SecondsSince(start), 5.0);
}

// A deadline is checked while candidates are scored: a search that runs past it is an error
// with no matches, never a partial list or "no match".
TEST_F(MatcherTest, PassingTheDeadlineIsAnErrorNotAPartialResult) {
  auto session = matcher_->NewSession();
  const auto now = std::chrono::steady_clock::now();
  ScreenResult r;
  Status st = matcher_->Screen(Query("Ayman al-Zawahiri"),
                               {.deadline = now - std::chrono::seconds(1)}, session.get(), &r);
  EXPECT_EQ(st.code(), Status::Code::kDeadlineExceeded);
  EXPECT_THAT(st.message(), HasSubstr("did not finish in time"));
  EXPECT_TRUE(r.matches.empty());
  // Scoring every list name (about 25,000) takes far longer than a millisecond: the clock is
  // read between candidates, not only before the search.
  ScreenOptions slow{.threshold = 0.0f, .limit = 0, .exhaustive = true};
  slow.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
  r.matches.push_back(MatchResult{});
  st = matcher_->Screen(Query("Mohammed Ali Hassan"), slow, session.get(), &r);
  EXPECT_EQ(st.code(), Status::Code::kDeadlineExceeded);
  EXPECT_TRUE(r.matches.empty());
  // A deadline that is not reached changes nothing.
  ScreenResult without = Screen(Query("Ayman al-Zawahiri"));
  st = matcher_->Screen(Query("Ayman al-Zawahiri"),
                        {.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1)},
                        session.get(), &r);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(r.matches.size(), without.matches.size());
  for (size_t i = 0; i < r.matches.size(); ++i) {
    EXPECT_EQ(r.matches[i].entity, without.matches[i].entity);
    EXPECT_EQ(r.matches[i].score, without.matches[i].score);
  }
}

// Screening against a snapshot the test builds itself.
class OwnListTest : public MatcherTest {
 protected:
  void SetUp() override {}
};

// A broken list record must not hang the index build (a 16,000-letter name spun the server's
// reload forever): it is indexed by its exact keys, found by its own name, and the records
// around it match as before.
TEST_F(OwnListTest, OverLongListNamesAreIndexedCheaply) {
  std::vector<Entity> entities;
  auto add = [&](std::string id, std::string name) {
    Entity e;
    e.id = "test:" + id;
    e.source = "test";
    e.schema = Schema::kPerson;
    e.names.push_back(Name{name, name, NameKind::kPrimary, "Latn"});
    entities.push_back(std::move(e));
  };
  add("1", "Ayman al-Zawahiri");
  add("2", std::string(16'000, 'z'));
  add("3", Repeat("kadirovskaya ", 1230));  // 16,000 characters in 1,230 tokens
  add("4", "Hassan Nasrallah");
  add("5", Repeat("ltd ", 4000));
  add("6", Repeat("\u738b", 16'000));  // a token per Han syllable
  const auto start = std::chrono::steady_clock::now();
  std::shared_ptr<const Snapshot> snapshot = Snapshot::Build(
      entities, {ListVersion{.source = "test"}}, *normalizer_, *stats_, TokenSimilarityOf);
  EXPECT_LT(SecondsSince(start), 30.0);  // 0.3 s in a release build; before: never
  Matcher matcher(snapshot, *normalizer_, *stats_, *countries_);
  auto session = matcher.NewSession();
  auto top = [&](const std::string& name) -> std::string {
    ScreenResult r;
    Status st = matcher.Screen(Query(name), {}, session.get(), &r);
    EXPECT_TRUE(st.ok()) << st.message();
    return r.matches.empty() ? "" : r.matches[0].entity->id;
  };
  EXPECT_EQ(top("Aymen al Zawahiri"), "test:1");
  EXPECT_EQ(top("Hasan Nasralah"), "test:4");
  // A person's list tokens that the query leaves out cost little (name_scorer.h).
  EXPECT_EQ(top("Kadirovskaya"), "test:3");
  EXPECT_LT(SecondsSince(start), 40.0);
}

// ----- The index's bound, against the real scorer -----------------------------------------------

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (c == ' ' || c == ',') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (const std::string& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

// Queries derived from the Latin names of the UN list by the manipulations screening meets:
// typos, dropped tokens, joins, initials, another order.
std::vector<std::string> DerivedQueries(const std::vector<Entity>& entities, int count) {
  std::vector<std::string> latin;
  for (const Entity& e : entities)
    for (const Name& n : e.names)
      if (n.script == "Latn" && Words(n.full).size() >= 2) latin.push_back(n.full);
  std::mt19937 rng(2026);
  std::vector<std::string> out;
  for (int i = 0; i < count && !latin.empty(); ++i) {
    std::vector<std::string> w =
        Words(latin[std::uniform_int_distribution<size_t>(0, latin.size() - 1)(rng)]);
    size_t k = std::uniform_int_distribution<size_t>(0, w.size() - 1)(rng);
    switch (i % 6) {
      case 0:  // as listed
        break;
      case 1:  // a letter dropped
        if (w[k].size() > 3) w[k].erase(w[k].size() / 2, 1);
        break;
      case 2:  // two letters swapped
        if (w[k].size() > 3) std::swap(w[k][1], w[k][2]);
        break;
      case 3:  // a token left out
        if (w.size() > 2) w.erase(w.begin() + static_cast<long>(k));
        break;
      case 4:  // two tokens written as one
        if (k + 1 < w.size()) {
          w[k] += w[k + 1];
          w.erase(w.begin() + static_cast<long>(k) + 1);
        }
        break;
      case 5:  // an initial
        w[k] = w[k].substr(0, 1);
        break;
    }
    std::shuffle(w.begin(), w.end(), rng);
    out.push_back(Join(w));
  }
  return out;
}

class IndexBoundTest : public UnMatcherTest {
 protected:
  void SetUp() override {
    UnMatcherTest::SetUp();
    un_ = &UnOnly().entities;
    un_only_ = UnOnly().snapshot;
    un_matcher_ = UnOnly().matcher.get();
  }

  bool IsCandidate(const PreparedName& q, uint32_t id, float min_bound,
                   NameIndex::Scratch* scratch) const {
    std::vector<uint32_t> cands;
    un_only_->index().Candidates(q, min_bound, scratch, &cands);
    return std::find(cands.begin(), cands.end(), id) != cands.end();
  }

  const std::vector<Entity>* un_ = nullptr;
  std::shared_ptr<const Snapshot> un_only_;
  const Matcher* un_matcher_ = nullptr;
};

// What the issue asks of the index: screening through it finds what scoring every list name
// finds, at the default threshold.
TEST_F(IndexBoundTest, IndexedScreeningFindsWhatExhaustiveScreeningFinds) {
  auto session = un_matcher_->NewSession();
  int missed = 0, alerts = 0;
  for (const std::string& text : DerivedQueries(*un_, 48)) {
    ScreenResult indexed, all;
    ASSERT_TRUE(un_matcher_->Screen(Query(text), {.limit = 0}, session.get(), &indexed).ok());
    ASSERT_TRUE(
        un_matcher_->Screen(Query(text), {.limit = 0, .exhaustive = true}, session.get(), &all)
            .ok());
    alerts += static_cast<int>(all.matches.size());
    for (const MatchResult& m : all.matches) {
      const MatchResult* found = Find(indexed, m.entity->id);
      if (found == nullptr) {
        ++missed;
        ADD_FAILURE() << "'" << text << "' misses " << m.entity->id << " ('"
                      << m.explanation.list_name << "', " << m.score << ")";
      } else {
        EXPECT_FLOAT_EQ(found->score, m.score) << text << " / " << m.entity->id;
      }
    }
    EXPECT_EQ(indexed.matches.size(), all.matches.size()) << text;
  }
  EXPECT_GT(alerts, 40);  // the derived queries do find their records
  EXPECT_EQ(missed, 0);
}

// The matcher's aligner remembers token comparisons across the candidates of a query, keyed by
// the index's token ids: it must give what a fresh alignment of each name gives.
TEST_F(IndexBoundTest, RememberedComparisonsGiveFreshAlignments) {
  const NameIndex& index = un_only_->index();
  NameAligner aligner;
  int compared = 0;
  // Derived queries, and names whose tokens meet transliterations of the list's Arabic-script
  // names, which share a text with other tokens but not always their keys.
  std::vector<std::string> queries = DerivedQueries(*un_, 24);
  for (const char* q : {"Abdullah Abdallah Mohammed", "Muhammad Abd al Rahman", "Hasan Husayn"})
    queries.push_back(q);
  for (const std::string& text : queries) {
    PreparedName q = Prepare(normalizer_->Normalize(text, Schema::kEntity), *stats_, *normalizer_);
    aligner.Reset(q);
    for (uint32_t id = 0; id < index.name_count(); ++id) {
      const Schema schema = (*un_)[index.ref(id).entity].schema;
      const NameAlignment& remembered = aligner.Align(index.name(id), AlignOptionsFor(schema));
      const NameAlignment fresh = AlignNames(q, index.name(id), AlignOptionsFor(schema));
      ASSERT_FLOAT_EQ(remembered.score, fresh.score) << text << " / " << id;
      ASSERT_EQ(remembered.pairs.size(), fresh.pairs.size()) << text << " / " << id;
      ++compared;
    }
  }
  EXPECT_GT(compared, 10000);
}

// Every list name whose AlignNames coverage reaches c as a candidate at min_bound c: what the
// index would promise if its keys reached every pair the scorer credits. They do not, and
// name_index.h ("What the bound does not cover") says which pairs are missed. Measured
// 2026-12-08: 87 violations over these 48 queries, (1) 30 a full query name against a listed
// initial ("MuhammadSaeed" vs "Raed M. Hijazi", 0.5: list initials are not indexed), (2) 30 a
// Latin token against a transliterated one or a join of them with a two-letter or one-edit
// consonant skeleton (0.65, 0.63 joined), (3) 27 one-letter changes in words of three letters
// ("Abou Ali" vs "Abu Ala", 0.73), misspelt particles, two-letter typos of tokens the lists know
// (MatcherTest.DISABLED_IndexFindsTwoLetterTyposThatAreThemselvesListedSpellings) and joins.
TEST_F(IndexBoundTest, DISABLED_EveryNameAtOrAboveTheBoundIsACandidate) {
  const NameIndex& index = un_only_->index();
  auto scratch = index.NewScratch();
  int violations = 0;
  for (const std::string& text : DerivedQueries(*un_, 48)) {
    PreparedName q = Prepare(normalizer_->Normalize(text, Schema::kEntity), *stats_, *normalizer_);
    if (q.tokens.empty()) continue;
    for (uint32_t id = 0; id < index.name_count(); ++id) {
      const Entity& e = (*un_)[index.ref(id).entity];
      NameAlignment a = AlignNames(q, index.name(id), AlignOptionsFor(e.schema));
      if (a.coverage < 0.5f) continue;
      if (!IsCandidate(q, id, a.coverage - 1e-4f, scratch.get()) && ++violations <= 10)
        ADD_FAILURE() << "query '" << text << "' vs '" << e.names[index.ref(id).name].full
                      << "': coverage " << a.coverage << " but no candidate at that bound";
    }
  }
  EXPECT_EQ(violations, 0);
}

// A top-k search (threshold 0, a limit) is made at the top-k levels first (ScreenOptions::
// top_k_levels): its results must be exactly those of the search at the threshold alone, for
// common names (whose k-th best is high), rare ones (whose k-th best is low, so every level is
// tried) and queries whose birth date, country or identifier move the scores.
std::vector<ScreeningQuery> TopKQueries(const std::vector<Entity>& entities) {
  std::vector<ScreeningQuery> queries;
  for (const char* name : {"Mohammad Ali", "Ali Hassan", "Abdul Rahman", "Kim Jong", "Mohammed",
                           "Ahmed", "Ali", "Hassan Ali Mohammed", "Bank", "Trading Company",
                           "Jonathan Quentin Wimbledon-Fairweather", "Zzyzx Qwerty"})
    queries.push_back(ScreeningQuery{.name = name});
  for (const std::string& text : DerivedQueries(entities, 60))
    queries.push_back(ScreeningQuery{.name = text});
  ScreeningQuery rich = ScreeningQuery{.name = "Ali Mohammed"};
  rich.birth_dates = {PartialDate{1966, 0, 0}};
  rich.countries = {"Iraq"};
  queries.push_back(rich);
  ScreeningQuery with_id = ScreeningQuery{.name = "Hassan"};
  with_id.identifiers = {QueryIdentifier{.value = "P229856"}};
  queries.push_back(with_id);
  return queries;
}

TEST_F(MatcherTest, TopKLevelsGiveWhatTheSearchAtTheThresholdGives) {
  const std::vector<ScreeningQuery> queries = TopKQueries(OfacAndUn().entities);
  auto session = matcher_->NewSession();
  int compared = 0;
  for (const ScreeningQuery& q : queries) {
    for (size_t limit : {1u, 3u, 10u, 50u}) {
      for (float threshold : {0.0f, 0.5f}) {
        ScreenResult fast, full;
        ScreenOptions on{.threshold = threshold, .limit = limit};
        // A caller's filter (Watchman's source and type) is applied before the cut.
        if (limit == 3u) on.keep = [](const Entity& e) { return e.source == "un-sc"; };
        ScreenOptions off = on;
        off.top_k_levels = false;
        ASSERT_TRUE(matcher_->Screen(q, on, session.get(), &fast).ok()) << q.name;
        ASSERT_TRUE(matcher_->Screen(q, off, session.get(), &full).ok()) << q.name;
        ASSERT_EQ(fast.matches.size(), full.matches.size()) << q.name << " limit " << limit;
        for (size_t i = 0; i < full.matches.size(); ++i) {
          if (on.keep) {
            EXPECT_EQ(full.matches[i].entity->source, "un-sc");
          }
          EXPECT_EQ(fast.matches[i].entity->id, full.matches[i].entity->id)
              << q.name << " limit " << limit << " #" << i;
          EXPECT_EQ(fast.matches[i].score, full.matches[i].score) << q.name << " #" << i;
          EXPECT_EQ(fast.matches[i].explanation.sentence, full.matches[i].explanation.sentence);
        }
        compared += static_cast<int>(full.matches.size());
      }
    }
  }
  EXPECT_GT(compared, 3000);  // the queries do have many results at low thresholds
}

// A top-k search keeps a rising bound, the k-th best record score so far, and drops the names
// that cannot reach it (match/kth_best.h): its results must be the first k of the search with no
// limit, record for record, score for score, with and without a caller's filter.
TEST_F(MatcherTest, TheRisingBoundGivesTheFirstKOfTheSearchWithoutALimit) {
  auto session = matcher_->NewSession();
  int compared = 0;
  for (const ScreeningQuery& q : TopKQueries(OfacAndUn().entities)) {
    for (float threshold : {0.0f, 0.5f}) {
      for (bool filtered : {false, true}) {
        ScreenOptions all{.threshold = threshold, .limit = 0, .top_k_levels = false};
        if (filtered) all.keep = [](const Entity& e) { return e.schema == Schema::kPerson; };
        ScreenResult unlimited;
        ASSERT_TRUE(matcher_->Screen(q, all, session.get(), &unlimited).ok()) << q.name;
        for (size_t limit : {1u, 2u, 10u, 50u}) {
          ScreenOptions top = all;
          top.limit = limit;
          ScreenResult r;
          ASSERT_TRUE(matcher_->Screen(q, top, session.get(), &r).ok()) << q.name;
          ASSERT_EQ(r.matches.size(), std::min(limit, unlimited.matches.size())) << q.name;
          for (size_t i = 0; i < r.matches.size(); ++i) {
            ASSERT_EQ(r.matches[i].entity->id, unlimited.matches[i].entity->id)
                << q.name << " limit " << limit << " #" << i;
            ASSERT_EQ(r.matches[i].score, unlimited.matches[i].score) << q.name << " #" << i;
            ASSERT_EQ(r.matches[i].explanation.sentence, unlimited.matches[i].explanation.sentence);
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 5000);
}

// And it is cheaper: for a common name with 10 records at or above 0.80, the search at 0.80 is the
// last one, and it aligns a fraction of the names the search at threshold 0 aligns.
TEST_F(MatcherTest, TopKOfACommonNameStopsAtTheDefaultThreshold) {
  auto session = matcher_->NewSession();
  ScreenResult r;
  ScreenOptions options{.threshold = 0, .limit = 3};
  ASSERT_TRUE(matcher_->Screen(Query("Mohammad Ali"), options, session.get(), &r).ok());
  ASSERT_EQ(r.matches.size(), 3u);
  ASSERT_GE(r.matches[2].score, kDefaultThreshold);
  const size_t with_levels = session->candidates.size();
  options.top_k_levels = false;
  ASSERT_TRUE(matcher_->Screen(Query("Mohammad Ali"), options, session.get(), &r).ok());
  EXPECT_LT(with_levels * 3, session->candidates.size())
      << with_levels << " names aligned, against " << session->candidates.size();
}

}  // namespace
}  // namespace interdict
