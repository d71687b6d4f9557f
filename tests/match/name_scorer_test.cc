#include "match/name_scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace interdict {
namespace {

// Tokens and names go through the real normaliser, dictionaries and token statistics in data/, as
// they do in `screen` and `compare`.
class NameScorerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status st = NameNormalizer::Load(INTERDICT_DATA, &normalizer_);
    ASSERT_TRUE(st.ok()) << st.message();
    stats_ = std::make_unique<TokenStats>();
    st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", stats_.get());
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() {
    normalizer_.reset();
    stats_.reset();
  }

  static PreparedName P(const std::string& name, Schema schema = Schema::kPerson) {
    return Prepare(normalizer_->Normalize(name, schema), *stats_, *normalizer_);
  }
  // The one token `text` normalises to.
  static PreparedToken T(const std::string& text, Schema schema = Schema::kPerson) {
    PreparedName p = P(text, schema);
    EXPECT_EQ(p.tokens.size(), 1u) << text;
    return p.tokens.empty() ? PreparedToken{} : p.tokens[0];
  }
  static TokenMatch Cmp(const std::string& q, const std::string& l,
                        Schema schema = Schema::kPerson) {
    return CompareTokens(T(q, schema), T(l, schema));
  }
  static NameAlignment Align(const std::string& q, const std::string& l,
                             Schema listed = Schema::kPerson) {
    return AlignNames(P(q, listed), P(l, listed), AlignOptionsFor(listed));
  }

  static std::unique_ptr<NameNormalizer> normalizer_;
  static std::unique_ptr<TokenStats> stats_;
};

std::unique_ptr<NameNormalizer> NameScorerTest::normalizer_;
std::unique_ptr<TokenStats> NameScorerTest::stats_;

// ----- CompareTokens: one kind of evidence at a time --------------------------------------------

TEST(EvidenceNameTest, NamesEveryKind) {
  EXPECT_EQ(EvidenceName(Evidence::kNone), "none");
  EXPECT_EQ(EvidenceName(Evidence::kExact), "exact");
  EXPECT_EQ(EvidenceName(Evidence::kVariant), "variant");
  EXPECT_EQ(EvidenceName(Evidence::kSpelling), "spelling");
  EXPECT_EQ(EvidenceName(Evidence::kTransliteration), "transliteration");
  EXPECT_EQ(EvidenceName(Evidence::kPhonetic), "phonetic");
  EXPECT_EQ(EvidenceName(Evidence::kTypo), "typo");
  EXPECT_EQ(EvidenceName(Evidence::kInitial), "initial");
}

TEST_F(NameScorerTest, ExactIgnoresCaseAndMarks) {
  TokenMatch m = Cmp("ZAWAHIRI", "Zawahiri");
  EXPECT_EQ(m.evidence, Evidence::kExact);
  EXPECT_FLOAT_EQ(m.similarity, 1.0f);
  EXPECT_EQ(Cmp("Müller", "MULLER").evidence, Evidence::kExact);
}

TEST_F(NameScorerTest, RomanisationVariant) {
  TokenMatch m = Cmp("Mohammed", "Muhammad");
  EXPECT_EQ(m.evidence, Evidence::kVariant);
  EXPECT_FLOAT_EQ(m.similarity, kVariantSimilarity);
  EXPECT_EQ(Cmp("Hussein", "Hossein").evidence, Evidence::kVariant);
  EXPECT_EQ(Cmp("Yusuf", "Yousef").evidence, Evidence::kVariant);
  // The variant class is symmetric.
  EXPECT_FLOAT_EQ(Cmp("Muhammad", "Mohammed").similarity, kVariantSimilarity);
}

TEST_F(NameScorerTest, SpellingRuleKey) {
  TokenMatch m = Cmp("Khaled", "Haled");  // kh -> h
  EXPECT_EQ(m.evidence, Evidence::kSpelling);
  EXPECT_FLOAT_EQ(m.similarity, kSpellingSimilarity);
  EXPECT_EQ(Cmp("Zavahiri", "Zawahiri").evidence, Evidence::kSpelling);  // w/v
  EXPECT_EQ(Cmp("Rakhimov", "Rahimov").evidence, Evidence::kSpelling);
}

TEST_F(NameScorerTest, TransliterationFromArabicScript) {
  PreparedToken q = T("بغدادي");
  EXPECT_TRUE(q.transliterated);
  TokenMatch m = CompareTokens(q, T("Baghdadi"));
  EXPECT_EQ(m.evidence, Evidence::kTransliteration);
  EXPECT_FLOAT_EQ(m.similarity, kTransliterationSimilarity);
  // Either side may be the transliterated one.
  EXPECT_EQ(CompareTokens(T("Baghdadi"), q).evidence, Evidence::kTransliteration);
  // A two-letter skeleton ("ml") says little.
  TokenMatch short_skeleton = Cmp("ملا", "Mullah");
  EXPECT_EQ(short_skeleton.evidence, Evidence::kTransliteration);
  EXPECT_FLOAT_EQ(short_skeleton.similarity, kShortTransliterationSimilarity);
}

// A short skeleton counts in full when the Latin spelling agrees with every letter of the abjad
// word, long vowels included (match/abjad_spelling.h).
TEST_F(NameScorerTest, AbjadSpellingAgreementLiftsAShortSkeleton) {
  for (const auto& [arabic, latin] : std::vector<std::pair<std::string, std::string>>{
           {"سيفي", "Saifi"}, {"يزيد", "Yazid"}, {"شحاته", "Shihata"}, {"زينيه", "Zayniyah"}}) {
    TokenMatch m = Cmp(arabic, latin);
    EXPECT_EQ(m.evidence, Evidence::kTransliteration) << latin;
    EXPECT_FLOAT_EQ(m.similarity, 0.9f) << latin;
    EXPECT_FLOAT_EQ(Cmp(latin, arabic).similarity, 0.9f) << latin;  // either side
  }
  // Same skeleton ("sf"), but the yeh's long vowel is missing: no full transliteration.
  EXPECT_LT(Cmp("سيفي", "Sufi").similarity, 0.9f);
  // The article assimilated into a doubled sun letter, written as one Latin word.
  NameAlignment a = Align("موسى السعدي", "ESSAADI, Moussa");
  EXPECT_GE(a.score, 0.85f);
  EXPECT_TRUE(a.unmatched_query.empty());
}

// Persian letters (pe, che, zhe, gaf, Persian yeh and kaf) romanise through the Persian BGN table
// and agree with their Latin spellings letter by letter too.
TEST_F(NameScorerTest, PersianLettersAgreeWithTheirLatinSpellings) {
  for (const auto& [persian, latin] :
       std::vector<std::pair<std::string, std::string>>{{"چمران", "Chamran"},
                                                        {"ژاله", "Jaleh"},
                                                        {"گلپایگانی", "Golpayegani"},
                                                        {"کاظمی", "Kazemi"},
                                                        {"پوراندخت", "Pourandokht"}}) {
    TokenMatch m = Cmp(persian, latin);
    EXPECT_EQ(m.evidence, Evidence::kTransliteration) << latin;
    EXPECT_GE(m.similarity, 0.9f) << latin;
  }
}

// The skeleton rules on hand-made tokens, independent of how the normaliser spells keys.
TEST(CompareTokensTest, TransliterationSkeletonRules) {
  auto tok = [](std::string text, std::string skeleton, bool transliterated) {
    PreparedToken t;
    t.text = text;
    t.variant = text;
    t.phonetic = text;
    t.skeleton = std::move(skeleton);
    t.transliterated = transliterated;
    return t;
  };
  // Same skeleton of 3+ letters, one side from another script.
  TokenMatch m = CompareTokens(tok("bghdady", "bktt", true), tok("baghdadi", "bktt", false));
  EXPECT_EQ(m.evidence, Evidence::kTransliteration);
  EXPECT_FLOAT_EQ(m.similarity, kTransliterationSimilarity);
  // Skeletons of 4+ letters one edit apart: weak transliteration evidence.
  m = CompareTokens(tok("qdhafy", "ktfy", true), tok("qadhafi", "ktf", false));
  EXPECT_EQ(m.evidence, Evidence::kNone) << "3-letter skeleton: no one-edit leeway";
  m = CompareTokens(tok("xyzwvq", "ktfm", true), tok("abcdefgh", "ktfn", false));
  EXPECT_EQ(m.evidence, Evidence::kTransliteration);
  EXPECT_FLOAT_EQ(m.similarity, kShortTransliterationSimilarity);
  // Two Latin tokens with the same skeleton are no transliteration (nor phonetic: other first
  // letter, lengths far apart).
  m = CompareTokens(tok("xbaghdadiyy", "bktt", false), tok("baghdadi", "bktt", false));
  EXPECT_NE(m.evidence, Evidence::kTransliteration);
  // A one-letter skeleton never counts.
  m = CompareTokens(tok("lqq", "l", true), tok("alo", "l", false));
  EXPECT_EQ(m.evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, PhoneticSkeletonWithSameFirstLetter) {
  // Taleb / Tolib: two letters apart (beyond the one edit a 5-letter token may carry), same
  // consonants t-l-b.
  TokenMatch m = Cmp("Taleb", "Tolib");
  EXPECT_EQ(m.evidence, Evidence::kPhonetic);
  EXPECT_FLOAT_EQ(m.similarity, kPhoneticSimilarity);
  EXPECT_EQ(Cmp("Gulbuddin", "Golboddin").evidence, Evidence::kPhonetic);
}

TEST_F(NameScorerTest, TypoCarriesItsEdits) {
  TokenMatch one = Cmp("Zawahri", "Zawahiri");
  EXPECT_EQ(one.evidence, Evidence::kTypo);
  EXPECT_EQ(one.edits, 1);
  EXPECT_FLOAT_EQ(one.similarity, 1.0f - 1.0f / 8);
  TokenMatch two = Cmp("Greenfield", "Grenfeld");
  EXPECT_EQ(two.evidence, Evidence::kTypo);
  EXPECT_EQ(two.edits, 2);
  EXPECT_FLOAT_EQ(two.similarity, 1.0f - 2.0f / 10);
  // More edits than the length allows: nothing.
  EXPECT_EQ(Cmp("Smith", "Smart").evidence, Evidence::kNone);
  EXPECT_EQ(Cmp("Zawahiri", "Khamenei").evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, InitialsConfirmInBothDirectionsWithDifferentWeight) {
  TokenMatch query_initial = Cmp("J", "John");
  EXPECT_EQ(query_initial.evidence, Evidence::kInitial);
  EXPECT_FLOAT_EQ(query_initial.similarity, kInitialSimilarity);
  TokenMatch listed_initial = Cmp("John", "J");
  EXPECT_EQ(listed_initial.evidence, Evidence::kInitial);
  EXPECT_FLOAT_EQ(listed_initial.similarity, kListedInitialSimilarity);
  EXPECT_EQ(Cmp("J", "Karl").evidence, Evidence::kNone);
  EXPECT_EQ(Cmp("K", "J").evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, ShortTokensStayApart) {
  // John has 4 letters: one edit is a typo of fair similarity.
  TokenMatch jon = Cmp("Jon", "John");
  EXPECT_EQ(jon.evidence, Evidence::kTypo);
  EXPECT_EQ(jon.edits, 1);
  EXPECT_FLOAT_EQ(jon.similarity, 0.75f);
  // Ali and Ari are two names: only weak evidence, well below Jon/John.
  TokenMatch ali = Cmp("Ali", "Ari");
  EXPECT_LT(ali.similarity, 0.6f);
  EXPECT_LT(ali.similarity, jon.similarity);
  EXPECT_GT(ali.similarity, 0.0f);
  // Two letters apart on three-letter tokens: nothing.
  EXPECT_EQ(Cmp("Ali", "Abu").evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, LegalFormsMeetOnlyLegalForms) {
  // OOO and "Limited Liability Company" are one canonical form.
  PreparedToken ooo = T("OOO", Schema::kOrganization);
  PreparedToken llc = P("Romashka Limited Liability Company", Schema::kOrganization).tokens.at(1);
  ASSERT_EQ(ooo.kind, TokenKind::kLegalForm);
  ASSERT_EQ(llc.kind, TokenKind::kLegalForm);
  TokenMatch m = CompareTokens(ooo, llc);
  EXPECT_EQ(m.evidence, Evidence::kExact);
  EXPECT_FLOAT_EQ(m.similarity, 1.0f);
  // Another legal form: nothing, though "LLC" and "LTD" are one edit apart.
  PreparedToken ltd = T("LTD", Schema::kOrganization);
  ASSERT_EQ(ltd.kind, TokenKind::kLegalForm);
  EXPECT_EQ(CompareTokens(llc, ltd).evidence, Evidence::kNone);
  // An ordinary word never pairs with a legal form.
  PreparedToken trading = T("Trading", Schema::kOrganization);
  EXPECT_EQ(CompareTokens(trading, llc).evidence, Evidence::kNone);
  EXPECT_EQ(CompareTokens(llc, trading).evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, AWordMayBeAMisspeltLegalForm) {
  // "Olo" is no legal form the dictionary knows; it is one letter from OOO as written.
  PreparedToken olo = T("Olo", Schema::kOrganization);
  PreparedToken ooo = T("OOO", Schema::kOrganization);
  ASSERT_EQ(olo.kind, TokenKind::kWord);
  ASSERT_EQ(ooo.kind, TokenKind::kLegalForm);
  TokenMatch m = CompareTokens(olo, ooo);
  EXPECT_EQ(m.evidence, Evidence::kTypo);
  EXPECT_EQ(m.edits, 1);
  EXPECT_GT(m.similarity, 0.0f);
  EXPECT_LT(m.similarity, 0.6f);  // short: weak evidence
  EXPECT_EQ(CompareTokens(ooo, olo).evidence, Evidence::kTypo);
}

// BUG (reported): a word written exactly as a legal form is written ("SRO" in the middle of
// "GUGA SRO ARM", where the dictionary only reads it as a suffix) is explained as "typo, 0 edits"
// at similarity 0.55. A typo has at least one edit.
TEST_F(NameScorerTest, AWordSpelledLikeALegalFormIsNoZeroEditTypo) {
  NameAlignment a = Align("GUGA SRO ARM", "GUGA ARM SRO", Schema::kOrganization);
  ASSERT_EQ(a.pairs.size(), 3u);
  for (const AlignedPair& p : a.pairs) {
    if (p.match.evidence == Evidence::kTypo) {
      EXPECT_GE(p.match.edits, 1);
    }
  }
}

TEST_F(NameScorerTest, UnitWordsBesideAListedOrganisationCostLittle) {
  const Schema e = Schema::kEntity;
  for (const char* q : {"Bank Melli Iran Head Office", "Branch of Bank Melli Iran",
                        "Bank Melli Iran Dubai Branch", "Bank Melli Iran Representative Office"}) {
    EXPECT_GE(Align(q, "BANK MELLI IRAN", e).score, 0.9f) << q;
  }
  // The listed record that carries the unit is still the better match for it.
  EXPECT_GT(Align("IRGC Navy", "IRGC NAVY", e).score, Align("IRGC Navy", "IRGC", e).score);
  // A word that is no unit still costs its weight.
  EXPECT_LT(Align("Bank Melli Iran Sepah Investment", "BANK MELLI IRAN", e).score, 0.8f);
}

TEST_F(NameScorerTest, AParticleWithOneTypoStaysThatParticle) {
  const Schema o = Schema::kOrganization;
  ASSERT_EQ(T("the", o).kind, TokenKind::kParticle);
  ASSERT_EQ(T("teh", o).kind, TokenKind::kWord);
  EXPECT_EQ(Cmp("teh", "the", o).evidence, Evidence::kTypo);
  EXPECT_EQ(Cmp("bni", "bin").evidence, Evidence::kTypo);
  EXPECT_EQ(Cmp("tha", "the", o).evidence, Evidence::kTypo);
  // A letter more or less makes another word.
  EXPECT_EQ(Cmp("ali", "al").evidence, Evidence::kNone);
  EXPECT_EQ(Cmp("thee", "the", o).evidence, Evidence::kNone);
  EXPECT_GE(
      Align("Al-Qaida in teh Arabian Peninsula", "AL-QAIDA IN THE ARABIAN PENINSULA", o).score,
      0.9f);
}

// An organisation query against a list name of unstated kind (OFAC's entities).
NameAlignment AlignOrganisation(const PreparedName& q, const PreparedName& l) {
  return AlignNames(q, l, AlignOptionsFor(Schema::kEntity));
}

TEST_F(NameScorerTest, InitialsBelongToPersonsNames) {
  const Schema o = Schema::kOrganization, e = Schema::kEntity;
  // A letter of an organisation's name stands for no listed word.
  EXPECT_LT(
      AlignOrganisation(P("I&C Technology", o), P("IRAN CENTRIFUGE TECHNOLOGY COMPANY", e)).score,
      0.8f);
  EXPECT_LT(AlignOrganisation(P("S Life", o), P("JOINT STOCK COMPANY SOVCOMBANK LIFE", e)).score,
            0.8f);
  // The same letter still pairs with itself.
  EXPECT_GE(AlignOrganisation(P("S&C Trade Pty Co Ltd", o), P("S&C TRADE PTY CO., LTD", e)).score,
            0.99f);
  // A person's initials, or a name of unstated kind against a listed person, still confirm.
  EXPECT_GE(Align("M A URIBE URIBE", "URIBE URIBE, Miguel Angel").score, 0.8f);
  EXPECT_GE(AlignNames(P("M A Uribe Uribe", e), P("URIBE URIBE, Miguel Angel"),
                       AlignOptionsFor(Schema::kPerson))
                .score,
            0.8f);
}

TEST_F(NameScorerTest, AnOrganisationsLoneShortWordIsNoTypo) {
  const Schema o = Schema::kOrganization, e = Schema::kEntity;
  EXPECT_LT(AlignOrganisation(P("VITEC", o), P("MITEC", e)).score, 0.8f);
  EXPECT_LT(AlignOrganisation(P("Hama", o), P("HAMAS", e)).score, 0.8f);
  // A respelling keeps its consonants.
  EXPECT_GE(AlignOrganisation(P("Sardi Ltd", o), P("SARDY LTD", e)).score, 0.8f);
  // With another word of the name beside it, a typo is a typo.
  EXPECT_GE(AlignOrganisation(P("Bank Sadrat Iran", o), P("BANK SADERAT IRAN", e)).score, 0.8f);
  // Persons keep their short-name typos.
  EXPECT_GT(Align("Hama", "HAMAS").score, 0.0f);
}

// Real company names one letter from a listed one (the vendor negatives of dev-orgs.jsonl):
// coined from the same word, not misspelt from it.
TEST_F(NameScorerTest, AnOrganisationsLoneWordIsNoOtherCoinedWord) {
  const Schema o = Schema::kOrganization, e = Schema::kEntity;
  using Pair = std::pair<const char*, const char*>;
  for (auto [query, listed] : {
           // A letter more or less at an end of the word.
           Pair{"Importek", "IMPORTEKS"},
           Pair{"Atronics", "JATRONICS SDN BHD"},
           Pair{"APOLLO", "APOLLON OOO"},
           // The consonants alone agreeing.
           Pair{"Photron Ltd.", "PITARON LIMITED"},
           Pair{"DATENO", "DATANA"},
       })
    EXPECT_LT(AlignOrganisation(P(query, o), P(listed, e)).score, 0.8f) << query;
  for (auto [query, listed] : {
           // Typos inside the word are typos (the one-typo organisations of dev-deck.jsonl).
           Pair{"HZBALLAH", "HIZBALLAH"},
           Pair{"DAELNAVAZ", "DELNAVAZ"},
           Pair{"ROEAGRO S.A.S.", "ROSAGRO S.A.S."},
           Pair{"INEVSTCAPITALBANK", "INVESTCAPITALBANK"},
           // With another word of the name beside it, a letter more at the end is a typo.
           Pair{"Importek Trading", "IMPORTEKS TRADING"},
       })
    EXPECT_GE(AlignOrganisation(P(query, o), P(listed, e)).score, 0.8f) << query;
  // Persons keep theirs.
  EXPECT_GE(Align("Atronics", "JATRONICS").score, 0.8f);
}

// An acronym meets its own spelling, dotted or solid; an expansion only through a list name.
TEST_F(NameScorerTest, AnAcronymMeetsItsOwnSpelling) {
  struct Case {
    const char* query;
    const char* listed;
    bool meets;
  };
  for (const Case& c : {
           Case{"I.B.M.", "IBM", true},
           Case{"IBM", "I.B.M. CORP", true},
           Case{"K.N.S. Group LLC", "KNS GROUP OOO", true},
           Case{"IBM", "INTERNATIONAL BUSINESS MACHINES", false},
           Case{"International Business Machines", "IBM", false},
           // Its letters are no initials of listed words.
           Case{"A.D.C. GmbH", "DARYA CAPITAL ADMINISTRATION GMBH", false},
       }) {
    const float score =
        AlignOrganisation(P(c.query, Schema::kOrganization), P(c.listed, Schema::kEntity)).score;
    EXPECT_EQ(score >= 0.9f, c.meets) << c.query << " / " << c.listed << ": " << score;
    EXPECT_EQ(score >= 0.8f, c.meets) << c.query << " / " << c.listed << ": " << score;
  }
}

TEST_F(NameScorerTest, AnOrganisationsListedWordMissingFromTheQueryCostsMore) {
  const Schema o = Schema::kOrganization, e = Schema::kEntity;
  EXPECT_LT(AlignOrganisation(P("Galax", o), P("GALAX TRADING CO., LTD.", e)).score, 0.8f);
  EXPECT_LT(AlignOrganisation(P("Shenzhen Technology Limited", o),
                              P("SHENZHEN CASPRO TECHNOLOGY CO., LTD.", e))
                .score,
            0.8f);
  // A legal form the query leaves out costs what it did.
  EXPECT_GE(AlignOrganisation(P("Galax Trading", o), P("GALAX TRADING CO., LTD.", e)).score, 0.9f);
}

TEST_F(NameScorerTest, NumbersMeetOnlyTheirEquals) {
  PreparedToken n12 = T("12");
  ASSERT_EQ(n12.kind, TokenKind::kNumber);
  EXPECT_EQ(CompareTokens(n12, T("12")).evidence, Evidence::kExact);
  // As words, 12/13 would be a short typo; as numbers they are different.
  EXPECT_EQ(CompareTokens(n12, T("13")).evidence, Evidence::kNone);
  EXPECT_EQ(CompareTokens(T("747"), T("737")).evidence, Evidence::kNone);
}

TEST_F(NameScorerTest, SimilarityStaysInUnitRange) {
  const std::vector<std::string> words = {"Mohammed", "Muhammad", "J",      "John",     "Jon",
                                          "Ali",      "Ari",      "12",     "بغدادي",   "Baghdadi",
                                          "Taleb",    "Tolib",    "Smith",  "Smyth",    "Khaled",
                                          "Haled",    "ملا",      "Mullah", "Zawahiri", "ظواهري"};
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      TokenMatch m = Cmp(a, b);
      EXPECT_GE(m.similarity, 0.0f) << a << " / " << b;
      EXPECT_LE(m.similarity, 1.0f) << a << " / " << b;
      EXPECT_EQ(m.similarity == 0.0f, m.evidence == Evidence::kNone) << a << " / " << b;
      EXPECT_FALSE(m.joined);
    }
  }
}

// The Arabic ayn between two consonants is a vowel slot: معمر romanises to "mamr", whose skeleton
// keeps the two m's that "Muammar" and "Muamar" have (MatcherTest.ArabicScriptFindsQadhafi).
TEST_F(NameScorerTest, AynBetweenTwoConsonantsStillMeetsTheLatinSpelling) {
  EXPECT_GE(Cmp("معمر", "Muammar").similarity, 0.65f);
  EXPECT_GE(Cmp("معمر", "Muamar").similarity, 0.65f);
}

// ----- AlignNames -------------------------------------------------------------------------------

TEST_F(NameScorerTest, WordOrderDoesNotMatter) {
  NameAlignment a = Align("Jonathan Smith", "Smith Jonathan");
  EXPECT_FLOAT_EQ(a.score, 1.0f);
  ASSERT_EQ(a.pairs.size(), 2u);
  // Pairs come in query order, each pointing at the swapped list token.
  EXPECT_EQ(a.pairs[0].query[0], 0);
  EXPECT_EQ(a.pairs[0].list[0], 1);
  EXPECT_EQ(a.pairs[1].query[0], 1);
  EXPECT_EQ(a.pairs[1].list[0], 0);
  EXPECT_TRUE(a.unmatched_query.empty());
  EXPECT_TRUE(a.unmatched_list.empty());
}

TEST_F(NameScorerTest, MissingQueryTokenCostsMoreThanMissingListToken) {
  // A query token the list name lacks costs its full weight; a list token the query lacks only
  // the fraction β of its weight.
  PreparedName short_name = P("Ayman Zawahiri");
  PreparedName long_name = P("Ayman Rabi Zawahiri");
  const float rabi = long_name.tokens[1].weight;
  AlignOptions opt{0.4f};

  NameAlignment extra_in_query = AlignNames(long_name, short_name, opt);
  EXPECT_EQ(extra_in_query.unmatched_query, std::vector<int>{1});
  EXPECT_TRUE(extra_in_query.unmatched_list.empty());
  // A person's part inserted where the list name has nothing left over costs a fraction of it.
  const float others = long_name.total_weight - rabi;
  EXPECT_NEAR(extra_in_query.coverage, others / (others + kInsertedPartFactor * rabi), 1e-5);
  EXPECT_FLOAT_EQ(extra_in_query.score, extra_in_query.coverage);

  NameAlignment extra_in_list = AlignNames(short_name, long_name, opt);
  EXPECT_TRUE(extra_in_list.unmatched_query.empty());
  EXPECT_EQ(extra_in_list.unmatched_list, std::vector<int>{1});
  EXPECT_FLOAT_EQ(extra_in_list.coverage, 1.0f);
  EXPECT_NEAR(extra_in_list.score, 1.0f - 0.4f * rabi / long_name.total_weight, 1e-5);

  EXPECT_GT(extra_in_list.score, extra_in_query.score);
}

TEST_F(NameScorerTest, AnInsertedNamePartCostsLessThanItsWeight) {
  // A father's name, a patronymic, a second surname the list does not record.
  PreparedName q = P("Ali Hassan Mohammed Al-Tikriti");
  NameAlignment a = AlignNames(q, P("ALI HASSAN AL-TIKRITI"), AlignOptionsFor(Schema::kPerson));
  ASSERT_EQ(a.unmatched_query, std::vector<int>{2});
  const float mohammed = q.tokens[2].weight, others = q.total_weight - mohammed;
  EXPECT_NEAR(a.score, others / (others + kInsertedPartFactor * mohammed), 1e-5);
  EXPECT_GT(a.score, 0.85f);  // 0.83 when it cost its full weight
  EXPECT_GT(Align("Vladimir Vladimirovich Putin", "VLADIMIR PUTIN").score, 0.8f);  // was 0.71
  EXPECT_GT(Align("Maria Lopez Garcia", "MARIA LOPEZ").score, 0.75f);              // was 0.66
  // Organisations keep the full cost: their extra words usually name another body.
  PreparedName org = P("Tikriti Hassan Trading Group", Schema::kOrganization);
  NameAlignment o = AlignNames(org, P("TIKRITI HASSAN TRADING", Schema::kOrganization),
                               AlignOptionsFor(Schema::kOrganization));
  EXPECT_NEAR(o.coverage, 1.0f - org.tokens[3].weight / org.total_weight, 1e-5);
}

TEST_F(NameScorerTest, TheIndexBoundCoversInsertedParts) {
  EXPECT_FLOAT_EQ(IndexBoundFor(0.8f, Schema::kOrganization), 0.8f);
  EXPECT_LT(IndexBoundFor(0.8f, Schema::kPerson), 0.8f);
  EXPECT_FLOAT_EQ(IndexBoundFor(1.0f, Schema::kPerson), 1.0f);
  EXPECT_FLOAT_EQ(IndexBoundFor(0.0f, Schema::kEntity), 0.0f);
  // On random person names built from a small pool, every score at or above a threshold comes
  // with a coverage counted at full weight at or above the bound for it.
  const std::vector<std::string> pool = {"ali",   "hassan", "mohammed", "tikriti",
                                         "omar",  "bin",    "john",     "p",
                                         "smith", "peter",  "ahmad",    "rahman"};
  std::mt19937 rng(7);
  for (int iter = 0; iter < 2000; ++iter) {
    auto random_name = [&] {
      std::string s;
      for (int k = 1 + rng() % 5; k > 0; --k) s += pool[rng() % pool.size()] + " ";
      return s;
    };
    PreparedName q = P(random_name()), l = P(random_name());
    NameAlignment a = AlignNames(q, l, AlignOptionsFor(Schema::kPerson));
    float full = 0;  // coverage with every unpaired query token at its full weight
    for (const AlignedPair& p : a.pairs)
      for (int k : p.query)
        if (k >= 0) full += q.tokens[k].weight * p.match.similarity;
    full /= q.total_weight;
    for (float t : {0.5f, 0.7f, 0.8f, 0.9f}) {
      if (a.score < t) continue;
      EXPECT_GE(full + 1e-5f, IndexBoundFor(t, Schema::kPerson));
    }
  }
}

TEST_F(NameScorerTest, ASubstitutedNamePartCostsMoreThanAnOmittedOne) {
  // A middle name replaced by another, or an initial of another letter, contradicts the list
  // name; leaving the part out does not.
  const float omitted = Align("John Smith", "JOHN PETER SMITH").score;
  const float substituted = Align("John Paul Smith", "JOHN PETER SMITH").score;
  EXPECT_LT(substituted, omitted);
  EXPECT_LT(substituted, 0.8f);
  // A conflicting initial weighs what the listed name it contradicts weighs, not an initial's
  // 0.25: no alert at the default threshold.
  const float conflicting = Align("John P. Smith", "JOHN QUINCY SMITH").score;
  EXPECT_LT(conflicting, 0.8f);
  EXPECT_LT(conflicting, Align("John Smith", "JOHN QUINCY SMITH").score);
  EXPECT_LT(Align("J. Smith", "PETER SMITH").score, 0.7f);
  // The same initial where the list name has no part left over is only an extra part.
  EXPECT_GT(Align("John P. Smith", "JOHN SMITH").score, 0.9f);
  // The slot is taken from the names' own order: the substituted part is where the list leaves
  // one out, whichever way round the names are written.
  EXPECT_LT(Align("John Paul Smith", "SMITH, John Peter").score, 0.8f);
}

TEST_F(NameScorerTest, FatherAndSonKeepTheirPlaces) {
  // "X bin Y": X is Y's son. The same tokens the other way round are another person.
  EXPECT_FLOAT_EQ(Align("Ali bin Hassan", "ALI BIN HASSAN").score, 1.0f);
  EXPECT_LT(Align("Ali bin Hassan", "HASSAN BIN ALI").score, 0.8f);
  EXPECT_LT(Align("Ali ibn Hassan", "HASSAN BIN ALI").score, 0.8f);
  EXPECT_LT(Align("Fatima bint Hassan", "HASSAN BINT FATIMA").score, 0.8f);
  // Other orders of the same name are not swaps: the family name moved to the front, the
  // particle at an end, names without the particle.
  EXPECT_GT(Align("Usama bin Muhammad bin Ladin", "BIN LADIN, Usama bin Muhammad").score, 0.95f);
  EXPECT_GT(Align("Ali bin Hassan", "ALI, Hassan bin").score, 0.95f);
  EXPECT_FLOAT_EQ(Align("Ali Hassan", "HASSAN ALI").score, 1.0f);
}

TEST_F(NameScorerTest, InitialsAlign) {
  NameAlignment a = Align("J Smith", "John Smith");
  ASSERT_EQ(a.pairs.size(), 2u);
  EXPECT_EQ(a.pairs[0].match.evidence, Evidence::kInitial);
  EXPECT_EQ(a.pairs[0].list[0], 0);
  EXPECT_TRUE(a.unmatched_list.empty());
  EXPECT_GT(a.score, 0.9f);
  // A listed initial against a full query name is checked on one letter only: it scores less.
  NameAlignment reverse = Align("John Smith", "J Smith");
  ASSERT_EQ(reverse.pairs.size(), 2u);
  EXPECT_EQ(reverse.pairs[0].match.evidence, Evidence::kInitial);
  EXPECT_LT(reverse.score, a.score);
  // An initial that does not agree pairs with nothing.
  NameAlignment other = Align("K Smith", "John Smith");
  EXPECT_EQ(other.unmatched_query, std::vector<int>{0});
}

TEST_F(NameScorerTest, JoinedAndSplitTokens) {
  // Query split, list joined.
  NameAlignment split = Align("AL QAIDA", "ALQAIDA", Schema::kOrganization);
  ASSERT_EQ(split.pairs.size(), 1u);
  const AlignedPair& s = split.pairs[0];
  EXPECT_TRUE(s.match.joined);
  EXPECT_EQ(s.query[0], 0);
  EXPECT_EQ(s.query[1], 1);
  EXPECT_EQ(s.list[0], 0);
  EXPECT_EQ(s.list[1], -1);
  EXPECT_FLOAT_EQ(s.match.similarity, kJoinFactor);
  EXPECT_TRUE(split.unmatched_query.empty());
  EXPECT_TRUE(split.unmatched_list.empty());
  // Query joined, list split.
  NameAlignment joined = Align("ALQAIDA", "AL QAIDA", Schema::kOrganization);
  ASSERT_EQ(joined.pairs.size(), 1u);
  EXPECT_TRUE(joined.pairs[0].match.joined);
  EXPECT_EQ(joined.pairs[0].query[1], -1);
  EXPECT_EQ(joined.pairs[0].list[0], 0);
  EXPECT_EQ(joined.pairs[0].list[1], 1);
  EXPECT_TRUE(joined.unmatched_list.empty());
  EXPECT_GT(joined.score, 0.95f);
}

TEST_F(NameScorerTest, JoinWithExtraListTokens) {
  NameAlignment a = Align("ABDULSATAR", "ABDUL SATAR ABDUL MANAN");
  ASSERT_EQ(a.pairs.size(), 1u);
  EXPECT_TRUE(a.pairs[0].match.joined);
  EXPECT_EQ(a.pairs[0].list[0], 0);
  EXPECT_EQ(a.pairs[0].list[1], 1);
  EXPECT_EQ(a.unmatched_list, (std::vector<int>{2, 3}));
  EXPECT_NEAR(a.coverage, kJoinFactor, 1e-5);
}

TEST_F(NameScorerTest, JoinWinsOverAGreedyExactPairThatBlocksIt) {
  // "abdul" ~ "abdul" (exact) is the strongest single pair, but it takes the query token that
  // "abdul satar" ~ "abdulsatar" needs; the join covers far more.
  NameAlignment a = Align("ABDUL SATAR", "ABDULSATAR ABDUL MANAN");
  ASSERT_EQ(a.pairs.size(), 1u);
  EXPECT_TRUE(a.pairs[0].match.joined);
  EXPECT_EQ(a.pairs[0].query[0], 0);
  EXPECT_EQ(a.pairs[0].query[1], 1);
  EXPECT_EQ(a.pairs[0].list[0], 0);
  EXPECT_TRUE(a.unmatched_query.empty());
  EXPECT_NEAR(a.coverage, kJoinFactor, 1e-5);
  // The same where the blocking pair is a particle: "al" ~ "al" must not take the "al" of
  // "al din" from "aldin".
  NameAlignment b = Align("Salah Aldin Al Ayoubi", "Salah Al Din Al Ayoubi");
  EXPECT_TRUE(b.unmatched_query.empty());
  EXPECT_TRUE(b.unmatched_list.empty());
  bool has_join = false;
  for (const AlignedPair& p : b.pairs) has_join = has_join || p.match.joined;
  EXPECT_TRUE(has_join);
  EXPECT_GT(b.score, 0.98f);
}

TEST_F(NameScorerTest, RepeatedTokensPairOneToOne) {
  NameAlignment a = Align("Abdul Abdul", "Abdul");
  ASSERT_EQ(a.pairs.size(), 1u);
  EXPECT_EQ(a.unmatched_query.size(), 1u);
  EXPECT_NEAR(a.coverage, 1.0f / (1.0f + kInsertedPartFactor), 1e-5);
  NameAlignment b = Align("Abdul Qader Abdul Aziz", "Abdul Aziz Abdul Qader");
  EXPECT_FLOAT_EQ(b.score, 1.0f);
  ASSERT_EQ(b.pairs.size(), 4u);
  std::vector<int> list_used;
  for (const AlignedPair& p : b.pairs) list_used.push_back(p.list[0]);
  std::sort(list_used.begin(), list_used.end());
  EXPECT_EQ(list_used, (std::vector<int>{0, 1, 2, 3}));
}

TEST_F(NameScorerTest, EmptyNamesScoreZero) {
  PreparedName empty;
  PreparedName name = P("Ayman Zawahiri");
  for (const NameAlignment& a :
       {AlignNames(empty, name, AlignOptions{}), AlignNames(name, empty, AlignOptions{}),
        AlignNames(empty, empty, AlignOptions{})}) {
    EXPECT_EQ(a.score, 0.0f);
    EXPECT_EQ(a.coverage, 0.0f);
    EXPECT_TRUE(a.pairs.empty());
  }
  // Punctuation alone normalises to no token at all.
  EXPECT_TRUE(P(" ,.-/ ").tokens.empty());
  EXPECT_EQ(AlignNames(P("--"), name, AlignOptions{}).score, 0.0f);
}

TEST_F(NameScorerTest, NothingInCommonScoresZero) {
  NameAlignment a = Align("Vladimir Putin", "Ayman Zawahiri");
  EXPECT_EQ(a.score, 0.0f);
  EXPECT_EQ(a.unmatched_query, (std::vector<int>{0, 1}));
  EXPECT_EQ(a.unmatched_list, (std::vector<int>{0, 1}));
}

TEST_F(NameScorerTest, PersonsPayLessForListTokensLeftOut) {
  AlignOptions person = AlignOptionsFor(Schema::kPerson);
  AlignOptions org = AlignOptionsFor(Schema::kOrganization);
  EXPECT_LT(person.list_penalty, org.list_penalty);
  EXPECT_FLOAT_EQ(AlignOptionsFor(Schema::kEntity).list_penalty, org.list_penalty);
  EXPECT_FLOAT_EQ(AlignOptionsFor(Schema::kVessel).list_penalty, org.list_penalty);

  PreparedName q = P("Ayman Zawahiri");
  PreparedName l = P("Ayman Muhammad Rabi Zawahiri");
  NameAlignment as_person = AlignNames(q, l, person);
  NameAlignment as_org = AlignNames(q, l, org);
  EXPECT_FLOAT_EQ(as_person.coverage, as_org.coverage);
  EXPECT_GT(as_person.score, as_org.score);
  // Without list tokens left out the schema makes no difference.
  EXPECT_FLOAT_EQ(AlignNames(q, q, person).score, AlignNames(q, q, org).score);
}

TEST_F(NameScorerTest, RareTokensWeighMoreThanCommonOnes) {
  // Missing the common "Mohammad" costs less than missing the rare "Zawahiri".
  NameAlignment lost_common = Align("Mohammad Zawahiri", "Zawahiri");
  NameAlignment lost_rare = Align("Mohammad Zawahiri", "Mohammad");
  EXPECT_GT(lost_common.coverage, lost_rare.coverage);
  EXPECT_GT(lost_common.coverage, 0.6f);
  EXPECT_LT(lost_rare.coverage, 0.45f);
}

TEST_F(NameScorerTest, ScoresStayInUnitRangeOnRandomNamePairs) {
  const std::vector<std::string> parts = {
      "al",   "Abdul", "Satar", "ABDULSATAR", "Mohammed", "Muhammad", "J",      "John", "Smith",
      "bin",  "Ali",   "Ari",   "12",         "LLC",      "Trading",  "بغدادي", "أيمن", "Zawahri",
      "Ltd.", "Co",    "K",     "Ayman",      "Zawahiri", "Qaida",    "ALQAIDA"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, parts.size() - 1);
  std::uniform_int_distribution<int> len(1, 5);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string q, l;
    for (int i = len(rng); i > 0; --i) q += parts[pick(rng)] + " ";
    for (int i = len(rng); i > 0; --i) l += parts[pick(rng)] + " ";
    for (Schema s : {Schema::kPerson, Schema::kOrganization}) {
      PreparedName pq = P(q, s), pl = P(l, s);
      NameAlignment a = AlignNames(pq, pl, AlignOptionsFor(s));
      ASSERT_GE(a.score, 0.0f) << q << " / " << l;
      ASSERT_LE(a.score, 1.0f) << q << " / " << l;
      ASSERT_LE(a.score, a.coverage + 1e-6f) << q << " / " << l;
      ASSERT_LE(a.coverage, 1.0f + 1e-6f) << q << " / " << l;
      // Every token is either paired once or reported unmatched.
      std::vector<int> q_seen(pq.tokens.size(), 0), l_seen(pl.tokens.size(), 0);
      for (const AlignedPair& p : a.pairs) {
        ASSERT_GT(p.match.similarity, 0.0f);
        for (int k : p.query)
          if (k >= 0) ++q_seen.at(k);
        for (int k : p.list)
          if (k >= 0) ++l_seen.at(k);
      }
      for (int k : a.unmatched_query) ++q_seen.at(k);
      for (int k : a.unmatched_list) ++l_seen.at(k);
      for (int c : q_seen) ASSERT_EQ(c, 1) << q << " / " << l;
      for (int c : l_seen) ASSERT_EQ(c, 1) << q << " / " << l;
      // Pairs come in query order.
      for (size_t i = 1; i < a.pairs.size(); ++i)
        ASSERT_LT(a.pairs[i - 1].query[0], a.pairs[i].query[0]);
    }
  }
}

TEST_F(NameScorerTest, IdenticalNamesScoreOne) {
  for (const char* name : {"AIMAN MUHAMMED RABI AL-ZAWAHIRI", "AEROCARIBBEAN AIRLINES",
                           "أيمن محمد ربيع الظواهري", "KIM, Yong Chol", "Sea Star 2"}) {
    PreparedName p = P(name);
    EXPECT_FLOAT_EQ(AlignNames(p, p, AlignOptions{}).score, 1.0f) << name;
  }
}

// ----- Same-script comparison (own_script.h) ---------------------------------------------------

// 종 and 정 both romanise to "jong", 张 and 章 to "zhang": the same token through romanisation,
// two names in their script. Compared in it, they are a weak typo at most.
TEST_F(NameScorerTest, SameScriptTokensAreComparedInTheirScript) {
  for (auto [a, b] :
       std::vector<std::pair<std::string, std::string>>{{"종", "정"}, {"张", "章"}, {"王", "汪"}}) {
    ASSERT_EQ(T(a).text, T(b).text) << a << " " << b;  // what made them one token before
    TokenMatch m = Cmp(a, b);
    EXPECT_EQ(m.evidence, Evidence::kTypo) << a << " " << b;
    EXPECT_LE(m.similarity, 0.6f) << a << " " << b;
  }
  EXPECT_EQ(Cmp("김", "박").similarity, 0.0f);
  EXPECT_EQ(Cmp("정", "정").evidence, Evidence::kExact);
  // Traditional and simplified forms are one character.
  EXPECT_EQ(Cmp("習", "习").evidence, Evidence::kExact);
  // Devanagari: long and short i, both "dipak": one letter apart in four.
  TokenMatch dipak = Cmp("दीपक", "दिपक");
  EXPECT_EQ(dipak.evidence, Evidence::kTypo);
  EXPECT_FLOAT_EQ(dipak.similarity, 0.75f);
  EXPECT_EQ(Cmp("दीपक", "दीपक").evidence, Evidence::kExact);
}

// Pairs of different scripts still meet through romanisation: Hangul and Latin, Han and Latin,
// Han and Hangul.
TEST_F(NameScorerTest, MixedScriptPairsAreComparedThroughRomanisation) {
  EXPECT_EQ(Cmp("정", "Jong").evidence, Evidence::kExact);
  EXPECT_EQ(Cmp("习", "Xi").evidence, Evidence::kExact);
  EXPECT_EQ(Cmp("नरेन्द्र", "Narendra").evidence, Evidence::kExact);
  EXPECT_GT(Align("김정은", "Kim Jong Un").score, 0.99f);
  // A name one vowel apart in Hangul no longer scores as the same name.
  EXPECT_GT(Align("김정은", "김정은").score, 0.99f);
  EXPECT_LT(Align("김종은", "김정은").score, 0.9f);
}

// A Korean name in Han meets its Korean romanisation and its Hangul spelling through the
// characters' Sino-Korean readings, and still meets its pinyin.
TEST_F(NameScorerTest, KoreanNamesInHanMeetTheirKoreanSpellings) {
  EXPECT_GT(Align("金正恩", "KIM Jong Un").score, 0.9f);
  EXPECT_GT(Align("KIM Jong Un", "金正恩").score, 0.9f);
  EXPECT_GT(Align("金正恩", "김정은").score, 0.9f);
  EXPECT_GT(Align("崔龍海", "CHOE Ryong Hae").score, 0.9f);
  EXPECT_GT(Align("金正恩", "Jin Zhengen").score, 0.9f);
  EXPECT_LT(Align("金正恩", "Kim Yong Chol").score, 0.5f);
}

}  // namespace
}  // namespace interdict
