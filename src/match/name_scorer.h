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

struct TokenMatch {
  float similarity = 0;  // [0, 1]; 0 = no match
  Evidence evidence = Evidence::kNone;
  uint8_t edits = 0;    // kTypo: letters changed
  bool joined = false;  // one side is two adjacent tokens written together
};

// Similarity of two tokens (either may be a join; set `joined` yourself).
TokenMatch CompareTokens(const PreparedToken& query, const PreparedToken& list);

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

// Persons often go by fewer names than a list gives them (middle names, patronymics, a second
// surname), so list tokens a person query leaves out cost less than for organisations, whose
// extra words usually name another body.
AlignOptions AlignOptionsFor(Schema listed);

NameAlignment AlignNames(const PreparedName& query, const PreparedName& list,
                         const AlignOptions& options);

}  // namespace interdict
