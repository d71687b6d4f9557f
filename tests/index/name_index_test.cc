#include "index/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/country.h"
#include "ingest/source.h"
#include "match/name_scorer.h"

namespace interdict {
namespace {

// A token similarity of the kind the scorer gives (the real one lives in src/match, above this
// stage; its constants are the contract in match/name_scorer.h): exact 1, variant, spelling key,
// shared consonant skeleton across scripts,
// else a typo within the edits its length allows (optimal string alignment: Levenshtein plus
// adjacent transpositions). The index may only count on it being 0 for tokens that share none of
// its keys.
int OsaDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

float Sim(const PreparedToken& q, const PreparedToken& l) {
  if (q.text == l.text) return 1.0f;
  if (!q.variant.empty() && q.variant == l.variant) return kVariantSimilarity;
  if (!q.phonetic.empty() && q.phonetic == l.phonetic) return kSpellingSimilarity;
  if ((q.transliterated || l.transliterated) && q.skeleton.size() >= 3 && q.skeleton == l.skeleton)
    return kTransliterationSimilarity;
  const size_t len = std::max(q.text.size(), l.text.size());
  const int allowed = len <= 3 ? 0 : len <= 7 ? 1 : 2;
  const int d = OsaDistance(q.text, l.text);
  if (d <= allowed) return 1.0f - static_cast<float>(d) / static_cast<float>(len);
  return 0.0f;
}

class NameIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status st = NameNormalizer::Load(INTERDICT_DATA, &normalizer_);
    ASSERT_TRUE(st.ok()) << st.message();
    stats_ = std::make_unique<TokenStats>();
    st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", stats_.get());
    ASSERT_TRUE(st.ok()) << st.message();
    countries_ = std::make_unique<CountryTable>();
    st = CountryTable::LoadDefault(INTERDICT_DATA, countries_.get());
    ASSERT_TRUE(st.ok()) << st.message();

    // A handful of records, Latin only.
    auto add = [](std::string id, Schema schema, std::vector<std::string> names) {
      Entity e;
      e.id = std::move(id);
      e.schema = schema;
      for (std::string& n : names) e.names.push_back({n, n, NameKind::kPrimary, "Latn"});
      e.names.back().kind = e.names.size() > 1 ? NameKind::kStrongAlias : NameKind::kPrimary;
      small_.push_back(std::move(e));
    };
    add("t:zawahiri", Schema::kPerson, {"AL ZAWAHIRI, Dr. Ayman"});
    add("t:aerocaribbean", Schema::kEntity, {"AEROCARIBBEAN AIRLINES"});
    add("t:qaida", Schema::kOrganization, {"AL QAIDA", "THE BASE"});
    add("t:haramain", Schema::kOrganization, {"ALHARAMAIN FOUNDATION"});
    add("t:putin", Schema::kPerson, {"PUTIN, Vladimir Vladimirovich"});
    add("t:empty", Schema::kPerson, {"---"});  // no token: not indexed
    add("t:pine", Schema::kOrganization, {"GREEN PINE ASSOCIATED CORPORATION"});
    add("t:abdallah", Schema::kPerson, {"ABDALLAH, Abdallah Nasser", "KASSER ABDALLAH"});
    index_ = std::make_unique<NameIndex>(small_, *normalizer_, *stats_, Sim);
  }

  // The real UN list, indexed on first use (ctest runs each test in a process of its own).
  static void LoadUn() {
    if (un_index_ != nullptr) return;
    ParseOptions options;
    options.countries = countries_.get();
    ParseReport report;
    Status st = ParseList(
        ListFormat::kUnXml, {std::string(INTERDICT_DATA) + "/lists/un-sc"}, options,
        [](Entity&& e) {
          un_.push_back(std::move(e));
          return Status::Ok();
        },
        &report);
    ASSERT_TRUE(st.ok()) << st.message();
    un_index_ = std::make_unique<NameIndex>(un_, *normalizer_, *stats_, Sim);
  }
  static void TearDownTestSuite() {
    un_index_.reset();
    un_.clear();
    index_.reset();
    small_.clear();
    countries_.reset();
    stats_.reset();
    normalizer_.reset();
  }

  static PreparedName P(const std::string& name, Schema schema = Schema::kEntity) {
    return Prepare(normalizer_->Normalize(name, schema), *stats_, *normalizer_);
  }

  // Entity ids of the candidate names of the small index at min_bound.
  static std::vector<std::string> Found(const std::string& query, float min_bound,
                                        Schema schema = Schema::kEntity) {
    auto scratch = index_->NewScratch();
    std::vector<uint32_t> ids;
    index_->Candidates(P(query, schema), min_bound, scratch.get(), &ids);
    std::vector<std::string> out;
    for (uint32_t id : ids) out.push_back(small_[index_->ref(id).entity].id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }

  static std::unique_ptr<NameNormalizer> normalizer_;
  static std::unique_ptr<TokenStats> stats_;
  static std::unique_ptr<CountryTable> countries_;
  static std::vector<Entity> small_;
  static std::unique_ptr<NameIndex> index_;
  static std::vector<Entity> un_;
  static std::unique_ptr<NameIndex> un_index_;
};

std::unique_ptr<NameNormalizer> NameIndexTest::normalizer_;
std::unique_ptr<TokenStats> NameIndexTest::stats_;
std::unique_ptr<CountryTable> NameIndexTest::countries_;
std::vector<Entity> NameIndexTest::small_;
std::unique_ptr<NameIndex> NameIndexTest::index_;
std::vector<Entity> NameIndexTest::un_;
std::unique_ptr<NameIndex> NameIndexTest::un_index_;

TEST_F(NameIndexTest, IndexesEveryNameWithTokens) {
  // 10 names in all; "---" has no token and is left out.
  EXPECT_EQ(index_->name_count(), 9u);
  for (uint32_t id = 0; id < index_->name_count(); ++id) {
    const NameIndex::NameRef& ref = index_->ref(id);
    ASSERT_LT(ref.entity, small_.size());
    ASSERT_LT(ref.name, small_[ref.entity].names.size());
    EXPECT_NE(small_[ref.entity].id, "t:empty");
    EXPECT_EQ(ref.kind, small_[ref.entity].names[ref.name].kind);
    EXPECT_FALSE(index_->name(id).tokens.empty());
  }
  EXPECT_EQ(index_->ref(3).entity, 2u);  // "THE BASE", the second name of t:qaida
  EXPECT_EQ(index_->ref(3).name, 1u);
  EXPECT_EQ(index_->ref(3).kind, NameKind::kStrongAlias);
  EXPECT_GT(index_->token_count(), 10u);
  EXPECT_GT(index_->key_count(), index_->token_count());
  EXPECT_GT(index_->MemoryBytes(), 0u);
}

TEST_F(NameIndexTest, ExactNameIsACandidate) {
  std::vector<std::string> f = Found("Ayman al-Zawahiri", 0.95f);
  EXPECT_EQ(f, std::vector<std::string>{"t:zawahiri"});
  EXPECT_EQ(Found("Aerocaribbean Airlines", 1.0f), std::vector<std::string>{"t:aerocaribbean"});
  EXPECT_EQ(Found("the base", 1.0f), std::vector<std::string>{"t:qaida"});
}

TEST_F(NameIndexTest, TypoInATokenNoListSpellsIsFound) {
  // "zawahri" and "aerocarribean" are on no list name: typo keys find their listed spellings.
  EXPECT_TRUE(Has(Found("Zawahri Ayman", 0.8f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Aerocarribean Airlines", 0.8f), "t:aerocaribbean"));
  EXPECT_TRUE(Has(Found("Vladimir Vladimirovich Ptuin", 0.8f), "t:putin"));
}

TEST_F(NameIndexTest, ArabicScriptFindsALatinOnlyRecord) {
  EXPECT_TRUE(Has(Found("أيمن الظواهري", 0.7f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Путин Владимир", 0.9f), "t:putin"));
}

TEST_F(NameIndexTest, JoinedAndSplitSpellingsMeet) {
  // Query split, list joined ("alharamain"), and query joined, list split ("al qaida").
  EXPECT_TRUE(Has(Found("Al Haramain Foundation", 0.9f), "t:haramain"));
  EXPECT_TRUE(Has(Found("ALQAIDA", 0.9f), "t:qaida"));
}

TEST_F(NameIndexTest, InitialsCountAsMatchedButNeverFind) {
  // The initial "A" may stand for "Ayman": the bound reaches 1 on "zawahiri" alone.
  EXPECT_TRUE(Has(Found("A Zawahiri", 1.0f), "t:zawahiri"));
  // An initial alone probes nothing.
  EXPECT_TRUE(Found("A", 0.0f).empty());
}

TEST_F(NameIndexTest, AnInitialCountsOnlyForANameWithATokenOfItsLetter) {
  // No token of "Ayman al-Zawahiri" starts with a "q": the initial "Q" can only be part of a
  // join, "zawahiriq", one typo from "zawahiri"; "A" may also stand for "Ayman".
  EXPECT_FALSE(Has(Found("Zawahiri Q", 0.99f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Zawahiri Q", 0.8f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Zawahiri A", 0.99f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Z. A. Zawahiri", 0.99f), "t:zawahiri"));  // "zawahiri", "ayman"
  // A join is all an initial has here: "Zawahir I" written together is the listed "zawahiri".
  EXPECT_TRUE(Has(Found("Zawahir I", 0.99f), "t:zawahiri"));
  // The initial (heavier than the particle) probes nothing, yet counts for any name the particle
  // reaches.
  EXPECT_TRUE(Has(Found("Al A", 0.9f), "t:zawahiri"));
}

TEST_F(NameIndexTest, LightTokensAddToTheNamesHeavierOnesReachOnly) {
  // "al" alone cannot take a name to 0.8 of "Zawahiri Ayman al", whatever the order of the
  // query tokens; names it reaches on its own are not candidates, those the others reach are.
  for (const char* q : {"al Zawahiri Ayman", "Zawahiri al Ayman", "Zawahiri Ayman al"}) {
    std::vector<std::string> f = Found(q, 0.8f);
    EXPECT_EQ(f, std::vector<std::string>{"t:zawahiri"}) << q;
  }
  EXPECT_TRUE(Has(Found("al Haramain", 0.05f), "t:qaida"));  // "al" weighs more at a low bound
}

TEST_F(NameIndexTest, EachListTokenCountsForOneQueryToken) {
  // "zawahri" is one typo from "zawahiri", which the listed name has once: one of the two query
  // tokens finds no partner, so the name cannot reach 0.8 (each query token alone bounds it at
  // 1), only about half.
  EXPECT_FALSE(Has(Found("Zawahiri Zawahri", 0.8f), "t:zawahiri"));
  EXPECT_TRUE(Has(Found("Zawahiri Zawahri", 0.4f), "t:zawahiri"));
  // A name that has the token twice pairs both.
  EXPECT_TRUE(Has(Found("Abdallah Abdalla", 0.8f), "t:abdallah"));
  EXPECT_FALSE(Has(Found("Nasser Nasser", 0.8f), "t:abdallah"));
  EXPECT_TRUE(Has(Found("Nasser Nasser", 0.4f), "t:abdallah"));
}

TEST_F(NameIndexTest, ANameWithNoSharedKeyIsNoCandidateAtAnyBound) {
  std::vector<std::string> f = Found("Vladimir Putin", 0.0f);
  EXPECT_TRUE(Has(f, "t:putin"));
  EXPECT_FALSE(Has(f, "t:zawahiri"));
  EXPECT_FALSE(Has(f, "t:aerocaribbean"));
  EXPECT_TRUE(Found("Quentin Wimbledon", 0.0f).empty());
}

TEST_F(NameIndexTest, TheBoundSeparatesPartialMatches) {
  // "Vladimir Smith": one of two (equally rare) query tokens found, bound about one half.
  EXPECT_TRUE(Has(Found("Vladimir Smith", 0.4f), "t:putin"));
  EXPECT_FALSE(Has(Found("Vladimir Smith", 0.8f), "t:putin"));
  // Candidates at a higher bound are a subset of those at a lower one.
  for (const char* q : {"Al Qaida Foundation", "Green Pine", "Ayman Vladimir"}) {
    std::vector<std::string> low = Found(q, 0.3f), high = Found(q, 0.7f);
    for (const std::string& id : high) EXPECT_TRUE(Has(low, id)) << q << " " << id;
  }
}

TEST_F(NameIndexTest, EmptyQueryHasNoCandidates) {
  auto scratch = index_->NewScratch();
  std::vector<uint32_t> out;
  index_->Candidates(PreparedName{}, 0.0f, scratch.get(), &out);
  EXPECT_TRUE(out.empty());
  index_->Candidates(P("--"), 0.0f, scratch.get(), &out);
  EXPECT_TRUE(out.empty());
}

TEST_F(NameIndexTest, CandidatesAppendAndScratchIsReusable) {
  auto scratch = index_->NewScratch();
  std::vector<uint32_t> first, again, both;
  index_->Candidates(P("Ayman al-Zawahiri"), 0.9f, scratch.get(), &first);
  for (int i = 0; i < 50; ++i) {
    std::vector<uint32_t> other;
    index_->Candidates(P("Green Pine Corporation"), 0.5f, scratch.get(), &other);
  }
  index_->Candidates(P("Ayman al-Zawahiri"), 0.9f, scratch.get(), &again);
  EXPECT_EQ(first, again);
  both = first;
  index_->Candidates(P("Ayman al-Zawahiri"), 0.9f, scratch.get(), &both);
  EXPECT_EQ(both.size(), 2 * first.size());  // appends, never clears
}

TEST_F(NameIndexTest, TheSimilarityDecidesWhatCounts) {
  // Tokens reached through a typo key are scored with the index's similarity (those reached by
  // text, variant, spelling or skeleton keys count at that key's fixed bound). With a similarity
  // that accepts only exact tokens, the typo "zawahri" no longer reaches "zawahiri".
  auto exact_only = [](const PreparedToken& a, const PreparedToken& b) {
    return a.text == b.text ? 1.0f : 0.0f;
  };
  NameIndex strict(small_, *normalizer_, *stats_, exact_only);
  auto scratch = strict.NewScratch();
  std::vector<uint32_t> out;
  strict.Candidates(P("Zawahri"), 0.5f, scratch.get(), &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(Found("Zawahri", 0.5f), std::vector<std::string>{"t:zawahiri"});
}

TEST_F(NameIndexTest, AListedSpellingReadsItsNeighboursSimilaritiesFromTheBuild) {
  // "nasser" is listed, and so is "kasser", one edit away: the neighbours of a listed token were
  // scored against it when the index was built,
  // so a query token with all of its keys needs no comparison. One that differs in a key the
  // similarity reads (here its variant class) is compared afresh, and finds the same names.
  int calls = 0;
  auto counting = [&calls](const PreparedToken& a, const PreparedToken& b) {
    ++calls;
    return Sim(a, b);
  };
  NameIndex counted(small_, *normalizer_, *stats_, counting);
  auto scratch = counted.NewScratch();
  const int built = calls;
  PreparedName q = P("Nasser");
  std::vector<uint32_t> listed, other;
  counted.Candidates(q, 0.5f, scratch.get(), &listed);
  EXPECT_EQ(calls, built);
  q.tokens[0].variant = "nasserclass";
  counted.Candidates(q, 0.5f, scratch.get(), &other);
  EXPECT_GT(calls, built);
  EXPECT_EQ(listed, other);
  EXPECT_EQ(listed.size(), 2u);  // both names of t:abdallah
}

// Over the real UN list: every name, as written, finds itself at bound 1 — in Latin, Arabic or
// any other script it is listed in.
TEST_F(NameIndexTest, EveryListedNameFindsItself) {
  LoadUn();
  ASSERT_NE(un_index_, nullptr);
  auto scratch = un_index_->NewScratch();
  ASSERT_GT(un_index_->name_count(), 3000u);
  int missing = 0, repeating = 0;
  for (uint32_t id = 0; id < un_index_->name_count(); ++id) {
    const NameIndex::NameRef& ref = un_index_->ref(id);
    const Entity& e = un_[ref.entity];
    // Names with a token twice need the bound to count each of its places.
    std::vector<uint32_t> ids;
    for (const PreparedToken& t : un_index_->name(id).tokens)
      if (!t.initial) ids.push_back(t.id);
    std::sort(ids.begin(), ids.end());
    repeating += std::adjacent_find(ids.begin(), ids.end()) != ids.end();
    std::vector<uint32_t> out;
    un_index_->Candidates(un_index_->name(id), 1.0f, scratch.get(), &out);
    if (std::find(out.begin(), out.end(), id) == out.end() && ++missing <= 5)
      ADD_FAILURE() << e.id << " '" << e.names[ref.name].full << "' does not find itself";
  }
  EXPECT_EQ(missing, 0);
  EXPECT_GT(repeating, 10);
}

}  // namespace
}  // namespace interdict
