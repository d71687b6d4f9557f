// NameIndex: finds the list names that could score above a threshold against a query name,
// without comparing the query with every name.
//
// Every list name is normalised and prepared once. Its distinct tokens (and the joins of adjacent
// tokens) are indexed under several keys:
//   - the token itself, its romanisation-variant class, its phonetic key and its consonant
//     skeleton (respellings and transliterations meet on these);
//   - its deletion neighbourhood (the token with 1 letter removed; 2 letters for tokens of 8+
//     letters; 1 for skeletons of 4+), so that a query token with up to two typos shares a key
//     with the list token (the SymSpell idea);
// A query probes the same keys for each of its tokens and joins. Each distinct list token reached
// is scored once against the query token with the scorer's token similarity (or bounded without
// scoring, for keys that guarantee a high similarity; a query token spelt as a list token reads
// the similarities of that token's one-edit neighbours, computed when the index was built), and
// each name takes, per query token, the best similarity among its tokens and the joins
// containing that query token. The sum, weighted
// by query token weights and divided by the query's total weight, is an upper bound of the
// query-side name score (the scorer's lighter weight for inexact pairs is accounted for). As the
// scorer pairs tokens one to one, so is the sum taken the other way: each token of the list name
// credited with the best pair it can be part of, so that two query tokens cannot both count one
// list token ("Ali Alvi" is no candidate for every name with one "Ali"). Names whose two bounds
// reach `min_bound` are the candidates. Initials never probe (they can only confirm); they count
// as matched in the bound of the names that have a token with their letter, and through the joins
// they are part of.
//
// What the bound does not cover, so what a candidate list may lack: the bound counts only the
// token pairs some key reaches, and a name only once one of its tokens is reached. Pairs the
// scorer credits but no key reaches count 0 in it:
//   - a full query word against a listed initial (kListedInitialSimilarity): an initial can stand
//     for any word, so it is counted only in names that another query token reaches;
//   - a one-letter change in words of at most three letters (Ali/Ala, Abu/Abd, Haq/Heq:
//     kShortTypoSimilarity), a misspelt particle, two typos in a word the lists know (a known
//     word is looked for one edit around), and a join whose one typo shows only in its spelling
//     key;
//   - a transliterated token whose consonant skeleton is two letters long or one edit from the
//     other side's (kShortTransliterationSimilarity), alone or in a join.
// So a list name may score above its bound, by such a pair's share of the query's weight. Over 48
// queries derived from the UN list, 87 list names with a query-side coverage of 0.5 or more are no
// candidates at their coverage (30 listed initials, 30 short transliterations, 27 short-word typos
// and joins: IndexBoundTest.DISABLED_EveryNameAtOrAboveTheBoundIsACandidate); at the default
// threshold the screening of such queries finds what scoring every name finds
// (IndexBoundTest.IndexedScreeningFindsWhatExhaustiveScreeningFinds). The bound is a test against
// one min_bound (an inexact pair's similarity is moved towards it), not a number per name valid at
// every threshold; with the misses above, a name scoring above a lower min_bound may be missing
// from its candidates, so a top-k search is not made through levels below the default threshold.
//
// The keys of a whole query are computed before any is looked up, so that the table's cache
// misses overlap.
//
// Immutable after construction; Candidates() is safe to call from many threads, each with its
// own Scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/entity.h"
#include "index/prepared_name.h"

namespace interdict {

class NameIndex {
 public:
  struct NameRef {
    uint32_t entity;  // index into the entity vector the index was built from
    uint16_t name;    // index into that entity's names
    NameKind kind;
    bool has_initial;        // the listed name has an initial, which any query token may stand for
    uint32_t first_letters;  // LetterBit() of each token's first letter: what query initials find
  };

  // Per-thread working memory for Candidates(); create with NewScratch().
  class Scratch;
  struct ScratchDeleter {
    void operator()(Scratch* s) const;
  };
  using ScratchPtr = std::unique_ptr<Scratch, ScratchDeleter>;

  // `sim(query_token, list_token)` in [0, 1]: the token similarity the scorer will use; 0 = none.
  // For a join of query tokens i and i+1, query_token is the join (PreparedName::joins[i]).
  using TokenSimilarity = std::function<float(const PreparedToken&, const PreparedToken&)>;

  // Asked between names and between tokens while building; false abandons the build, leaving an
  // index fit only for destruction (Snapshot::Build discards it).
  using KeepGoing = std::function<bool()>;

  NameIndex(const std::vector<Entity>& entities, const NameNormalizer& normalizer,
            const TokenStats& stats, TokenSimilarity sim, const KeepGoing& keep_going = {});
  ~NameIndex();

  ScratchPtr NewScratch() const;

  // Appends to *out the ids of the names whose bound is >= min_bound, in no particular order.
  void Candidates(const PreparedName& query, float min_bound, Scratch* scratch,
                  std::vector<uint32_t>* out) const;

  size_t name_count() const { return refs_.size(); }
  size_t token_count() const { return tokens_.size(); }
  size_t key_count() const { return key_slots_used_; }
  const NameRef& ref(uint32_t name_id) const { return refs_[name_id]; }
  const PreparedName& name(uint32_t name_id) const { return names_[name_id]; }
  // Approximate heap bytes held by the index.
  size_t MemoryBytes() const;

 private:
  // The key table is probed a hundred times per query: 8-byte slots at about half load keep it
  // small enough to stay mostly in the last-level cache. A slot holds 32 bits of the key's hash
  // (the slot position holds more): a false hit, about one in 10^9 probes, only adds a list
  // token for the scorer to compare.
  struct Slot {
    uint32_t fingerprint = 0;  // 0 = empty
    uint32_t tokens = 0;       // kSingleToken | token id, or the offset of [count, ids...] in
                               // key_tokens_
  };
  static constexpr uint32_t kSingleToken = 1u << 31;
  void AddKeys(const PreparedToken& token, bool join,
               const std::function<void(uint64_t)>& add) const;
  // The tokens under `key`: false when there are none.
  bool Find(uint64_t key, const uint32_t** tokens, uint32_t* count) const;

  std::vector<NameRef> refs_;
  std::vector<PreparedName> names_;
  std::vector<PreparedToken> tokens_;        // distinct tokens and joins
  std::vector<uint32_t> posting_offsets_;    // token id -> range in postings_
  std::vector<uint32_t> postings_;           // name ids
  std::vector<Slot> slots_;                  // open-addressing table of keys
  std::vector<uint32_t> key_tokens_;         // for keys of several tokens: count, then ids
  std::vector<uint32_t> neighbour_offsets_;  // token id -> range in neighbours_
  std::vector<uint32_t> neighbours_;   // token ids one edit away (ForEachOneEditKey), by token
  std::vector<float> neighbour_sims_;  // sim_(token, neighbour), parallel to neighbours_
  TokenSimilarity sim_;
  size_t key_slots_used_ = 0;
};

}  // namespace interdict
