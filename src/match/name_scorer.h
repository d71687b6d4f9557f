// Name scoring: how well a query name matches one list name, and why.
//
// Tokens are compared pairwise (CompareTokens) and then aligned (AlignNames): an order-free,
// one-to-one assignment of query tokens to list tokens, where a token may also pair with two
// adjacent tokens of the other side written together ("alqaida" ~ "al qaida"). The assignment is
// greedy by similarity, which for names of a handful of tokens is the optimum in practice.
//
// The name score is query-centred and bounded by [0, 1]:
//   coverage = Σ over query tokens of weight × similarity of its partner  /  Σ query weights
//   score    = coverage × (1 − β × unmatched list weight / list weight)
// so a query token that finds nothing costs its full weight, while a list token the query does
// not mention (a middle name, a second surname) costs only the fraction β of its weight.
// Weights come from PreparedName (rare tokens weigh more).
//
// When neither name may be a person's (PreparedName::schema is not kPerson or kEntity on one
// side): initials pair only with the same letter; the query's only word, of up to 5 letters, pairs
// by typo or sound only with a word of the same consonant skeleton; and an unmatched listed word
// (not a form, particle or unit) counts 1.75 times its weight in the list penalty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/prepared_name.h"

namespace interdict {

// The kind of evidence behind a token pair, strongest first.
enum class Evidence : uint8_t {
  kNone,
  kExact,            // same token
  kVariant,          // same romanisation-variant class (Mohammed ~ Muhammad)
  kSpelling,         // same spelling-rule key (Aleksandr ~ Alexandr, Khaled ~ Haled)
  kTransliteration,  // one side from another script, consonant skeletons agree
  kPhonetic,         // consonant skeletons agree
  kTypo,             // within the edits allowed for its length
  kInitial,          // a single letter standing for a name part
};

std::string_view EvidenceName(Evidence e);  // "exact", "variant", "spelling", ...

// The similarity CompareTokens grants each kind of evidence: a contract. The name index bounds
// scores with these values without comparing (a token found under a key that guarantees the
// evidence counts for the key's similarity), so CompareTokens never gives a token pair found only
// under such a key more than its constant here; tests compare with these names, not literals.
// Exact, and the same legal form or number, is 1. A typo is 1 − edits / length instead.
inline constexpr float kVariantSimilarity = 0.95f;   // same romanisation-variant class
inline constexpr float kSpellingSimilarity = 0.93f;  // same spelling-rule (phonetic) key
// One side transliterated, consonant skeletons of 3+ letters agree.
inline constexpr float kTransliterationSimilarity = 0.9f;
// One side transliterated, skeletons of 2 letters agree, or of 4+ letters one edit apart.
inline constexpr float kShortTransliterationSimilarity = 0.65f;
// Latin tokens of one consonant skeleton (3+ letters), first letter and length alike.
inline constexpr float kPhoneticSimilarity = 0.8f;
inline constexpr float kInitialSimilarity = 0.9f;        // a query initial, a listed name's letter
inline constexpr float kListedInitialSimilarity = 0.5f;  // a query name, a listed initial
// One edit in a token of at most 3 letters, or a misspelt particle or short legal form.
inline constexpr float kShortTypoSimilarity = 0.55f;
// A pair where one side is two tokens written as one: the split is a real difference.
inline constexpr float kJoinFactor = 0.97f;

struct TokenMatch {
  float similarity = 0;  // [0, 1]; 0 = no match
  Evidence evidence = Evidence::kNone;
  uint8_t edits = 0;    // kTypo: letters changed
  bool joined = false;  // one side is two adjacent tokens written together
};

// Similarity of two tokens (either may be a join; set `joined` yourself).
TokenMatch CompareTokens(const PreparedToken& query, const PreparedToken& list);

// CompareTokens' similarity alone: what the name index bounds scores with
// (NameIndex::TokenSimilarity).
float TokenSimilarityOf(const PreparedToken& query, const PreparedToken& list);

struct AlignedPair {
  // Token indexes on each side; a second index (>= 0) when that side is a join of two tokens.
  int query[2] = {-1, -1};
  int list[2] = {-1, -1};
  TokenMatch match;
};

struct NameAlignment {
  float score = 0;                   // coverage × list penalty, [0, 1]
  float coverage = 0;                // query side only
  std::vector<AlignedPair> pairs;    // in query token order
  std::vector<int> unmatched_query;  // token indexes
  std::vector<int> unmatched_list;
};

struct AlignOptions {
  float list_penalty = 0.4f;  // β above
};

// A person's query part that the list name lacks, where the list name leaves none of its own
// unpaired in that place (a father's or grandfather's name, a patronymic, a second surname),
// costs this fraction of its weight in the coverage: people give more of their names than lists
// record. A part that takes the place of a listed one left unpaired (a substituted middle name, a
// conflicting initial) costs at least that listed part's weight instead.
inline constexpr float kInsertedPartFactor = 0.6f;

// The name index bounds a name's score as if every query token left unpaired cost its full
// weight (NameIndex::Candidates' min_bound). A name that can score `score` against a query of
// schema `query` passes the index's bound at IndexBoundFor(score, query) (<= score; lower only
// for a query that may be a person's): ask it for that.
float IndexBoundFor(float score, Schema query);

// Persons often go by fewer names than a list gives them (middle names, patronymics, a second
// surname), so list tokens a person query leaves out cost less than for organisations, whose
// extra words usually name another body.
AlignOptions AlignOptionsFor(Schema listed);

// Aligns one query name with many list names: the matcher's hot path. It remembers the
// comparison of each query token with each list token that carries an index id
// (PreparedToken::id), so a token shared by many candidate names ("mohammed", "al") is compared
// once per query, and it reuses its buffers. One per thread; Reset() for each query.
class NameAligner {
 public:
  // Remembers up to half of memo_capacity comparisons before growing; 0: remembers none.
  explicit NameAligner(size_t memo_capacity = 1024);
  ~NameAligner();
  NameAligner(const NameAligner&) = delete;
  NameAligner& operator=(const NameAligner&) = delete;

  // `query` must outlive the Align() calls that follow.
  void Reset(const PreparedName& query);

  // The alignment of the query with `list`; valid until the next Align() or Reset().
  const NameAlignment& Align(const PreparedName& list, const AlignOptions& options);

 private:
  struct Candidate;
  struct MemoEntry;
  TokenMatch Compare(size_t query_slot, const PreparedToken& q, const PreparedToken& l);
  void GatherCandidates(const PreparedName& l, bool person);
  void ChoosePairs();
  void ScoreChosen(const PreparedName& l, const AlignOptions& opt, bool person);

  const PreparedName* query_ = nullptr;
  NameAlignment out_;
  std::vector<Candidate> cands_;
  std::vector<const Candidate*> chosen_;
  std::vector<char> q_used_, l_used_;
  std::vector<int> q_lo_, q_hi_;  // per query token, its first and last list partner (or -1)
  std::vector<MemoEntry> memo_;   // open addressing; an entry is live when its stamp is stamp_
  size_t memo_live_ = 0;
  uint32_t stamp_ = 0;
};

// One alignment, without memory across calls.
NameAlignment AlignNames(const PreparedName& query, const PreparedName& list,
                         const AlignOptions& options);

}  // namespace interdict
