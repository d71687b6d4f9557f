// PreparedName: a normalised name with what scoring needs per token (its keys and weight),
// computed once per list name at index time and once per query.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/token_stats.h"
#include "normalize/normalizer.h"

namespace interdict {

inline constexpr uint32_t kNoTokenId = UINT32_MAX;

// The fields the aligner reads for every candidate come first, with `text`: a list token's hot
// part then sits in one cache line (list names are cold in cache when they are scored).
struct PreparedToken {
  // A list token's id among the index's distinct tokens, the same for every token it compares
  // equal to; kNoTokenId for query tokens and list initials.
  uint32_t id = kNoTokenId;
  float weight = 1;  // how much the token identifies; see Prepare()
  TokenKind kind = TokenKind::kWord;
  bool transliterated = false;
  bool abjad = false;         // NameToken::abjad
  bool initial = false;       // a single letter: can confirm a name part, never find one
  uint64_t text_set = 0;      // ByteSet(text): filters edit distances (match/similarity.h)
  std::string text;           // folded token ("mohammed")
  uint64_t phonetic_set = 0;  // ByteSet(phonetic)
  std::string variant;        // romanisation-variant class ("muhammad")
  std::string phonetic;       // spelling-rule key
  std::string skeleton;       // consonant skeleton
  std::string surface;        // legal forms: the words as written ("ooo" for llc); see NameToken
  uint32_t begin = 0;         // byte range of the token's source in the name as written
  uint32_t end = 0;
};

struct PreparedName {
  std::vector<PreparedToken> tokens;
  // joins[i]: tokens i and i+1 written as one ("al" + "qaida" -> "alqaida"), so that joined and
  // split spellings meet. Its weight is the sum of the two. Empty for a one-token name.
  std::vector<PreparedToken> joins;
  float total_weight = 0;
  std::string script;
  Schema schema = Schema::kEntity;  // NormalizedName::schema
};

// Weights: words by rarity (TokenStats::Weight of the variant class); particles 0.1; legal forms
// 0.15; numbers 1; initials 0.25.
// The name's strings are moved into the result.
PreparedName Prepare(NormalizedName name, const TokenStats& stats,
                     const NameNormalizer& normalizer);

}  // namespace interdict
