#include "index/name_index.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

// The scorer's similarity constants, which the bounds below rest on (a header-only contract: the
// scorer itself is handed in as TokenSimilarity).
#include "match/name_scorer.h"
#include "normalize/name_limits.h"

namespace interdict {
namespace {

// Skeleton keys are kept apart for tokens transliterated from another script, so that a Latin
// query token can look for its transliterated counterparts without wading through every Latin
// token that merely shares consonants with it.
enum KeyTag : char {
  kText = 'T',
  kVariant = 'V',
  kPhonetic = 'P',
  kDelete = 'D',
  kSkeleton = 'S',  // Latin list tokens
  kSkeletonDelete = 'K',
  kScriptSkeleton = 'X',  // transliterated list tokens
  kScriptSkeletonDelete = 'Y',
};

uint64_t HashKey(char tag, std::string_view s) {
  // FNV-1a, 64 bit, then a final mix; 0 is reserved for empty slots.
  uint64_t h = 1469598103934665603ull ^ static_cast<unsigned char>(tag);
  h *= 1099511628211ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h == 0 ? 1 : h;
}

// Calls f on every string obtained by deleting one letter of s, then (if two) two letters.
template <typename F>
void ForEachDeletion(std::string_view s, bool two, F f) {
  std::string buf;
  for (size_t i = 0; i < s.size(); ++i) {
    buf.assign(s.substr(0, i));
    buf.append(s.substr(i + 1));
    f(std::string_view(buf));
    if (!two) continue;
    std::string buf2;
    for (size_t j = i; j + 1 < s.size(); ++j) {
      buf2.assign(buf.substr(0, j));
      buf2.append(buf.substr(j + 1));
      f(std::string_view(buf2));
    }
  }
}

// Calls f with the keys under which the list tokens at most one edit from `text` are found.
// None for a token too long for typo keys (normalize/name_limits.h).
template <typename F>
void ForEachOneEditKey(std::string_view text, F f) {
  if (text.size() < 3 || !TypoComparable(text.size())) return;
  // The list token's deletions against the text, and both sides' deletions. A list token of
  // 4+ letters carries its own text as a deletion key, so a deletion of the text needs a plain
  // text probe only when it is shorter than that.
  f(HashKey(kDelete, text));
  ForEachDeletion(text, false, [&](std::string_view d) {
    f(HashKey(kDelete, d));
    if (d.size() < 4) f(HashKey(kText, d));
  });
}

// A bit per first letter a-z; other first bytes share the 6 bits left (an upper bound may
// only be too generous).
uint32_t LetterBit(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return 1u << (u >= 'a' && u <= 'z' ? u - 'a' : 26 + u % 6);
}

// A probe that reads the known token's neighbourhood instead of a key (HashKey is never 0).
constexpr uint64_t kNeighbourhood = 0;

struct Probe {
  uint64_t key;
  float fixed;  // > 0: the similarity bound of every token under the key, used as is
};

// True when a and b are the same token to a token similarity: it reads nothing else.
bool SameKeys(const PreparedToken& a, const PreparedToken& b) {
  return a.kind == b.kind && a.transliterated == b.transliterated && a.abjad == b.abjad &&
         a.initial == b.initial && a.text == b.text && a.variant == b.variant &&
         a.phonetic == b.phonetic && a.skeleton == b.skeleton && a.surface == b.surface;
}

// The slot's share of a key: its high half (the position comes from the low bits); never 0.
uint32_t Fingerprint(uint64_t key) {
  const uint32_t f = static_cast<uint32_t>(key >> 32);
  return f == 0 ? 1 : f;
}

}  // namespace

class NameIndex::Scratch {
 public:
  Scratch(size_t names, const std::vector<PreparedToken>& tokens) : name(names) {
    token.reserve(tokens.size());
    for (const PreparedToken& t : tokens) token.push_back({0, 0, 0, t.weight});
  }
  // What a query does with a list token, next to the list token's weight which it reads with it
  // (a PreparedToken is three cache lines).
  struct Token {
    uint32_t stamp;        // == stamp: scored for this query token
    uint32_t value_stamp;  // == query_stamp: `value` is this query's
    float value;           // the most one query pair with the list token is worth
    float weight;
  };
  // What a query does with a list name: one cache line per posting read.
  struct Name {
    uint32_t stamp = 0;  // == stamp: reached by the current query token, `best` is its
    float best = 0;
    uint32_t acc_stamp = 0;  // == query_stamp: `acc` holds this query's sum
    float acc = 0;
  };
  std::vector<Name> name;             // by name id
  std::vector<Token> token;           // by list token id
  std::vector<uint32_t> reached;      // names reached by the current query token
  std::vector<uint32_t> touched;      // names reached by the query
  std::vector<uint32_t> passing;      // of those, the ones at the bound from the query side
  std::vector<Probe> probes;          // the query's, by unit (see Candidates)
  std::vector<uint32_t> unit_probes;  // unit -> first of its probes
  std::vector<std::pair<const uint32_t*, uint32_t>> same;  // unit -> list tokens of its text
  std::vector<std::pair<uint32_t, float>> initials;        // the query's: LetterBit, weight
  std::vector<uint32_t> order;                             // query tokens, heaviest first
  // join_hits[i]: the names join i reached, with their best similarity.
  std::vector<std::vector<std::pair<uint32_t, float>>> join_hits;
  uint32_t stamp = 0;
  uint32_t query_stamp = 0;
};

NameIndex::~NameIndex() = default;

void NameIndex::AddKeys(const PreparedToken& t, bool join,
                        const std::function<void(uint64_t)>& add) const {
  add(HashKey(kText, t.text));
  if (t.kind == TokenKind::kLegalForm) {
    // Found by its canonical form, and by a misspelling of the form as written ("olo" ~ OOO).
    if (t.surface.size() >= 3) {
      add(HashKey(kDelete, t.surface));
      ForEachDeletion(t.surface, false, [&](std::string_view d) { add(HashKey(kDelete, d)); });
    }
    return;
  }
  if (!t.variant.empty()) add(HashKey(kVariant, t.variant));
  if (!t.phonetic.empty()) add(HashKey(kPhonetic, t.phonetic));
  const char skeleton = t.transliterated ? kScriptSkeleton : kSkeleton;
  const char skeleton_delete = t.transliterated ? kScriptSkeletonDelete : kSkeletonDelete;
  if (!t.skeleton.empty()) add(HashKey(skeleton, t.skeleton));
  // An over-long token is found by its exact keys alone: its deletions would cost its length
  // cubed, and the scorer compares it by those keys only.
  if (!TypoComparable(t.text.size())) return;
  if (t.text.size() >= 4) {
    // Joins are compared with at most one edit, so they need no second deletion.
    add(HashKey(kDelete, t.text));
    ForEachDeletion(t.text, !join && t.text.size() >= 8,
                    [&](std::string_view d) { add(HashKey(kDelete, d)); });
  }
  if (t.skeleton.size() >= 4) {
    add(HashKey(skeleton_delete, t.skeleton));
    ForEachDeletion(t.skeleton, false,
                    [&](std::string_view d) { add(HashKey(skeleton_delete, d)); });
  }
}

NameIndex::NameIndex(const std::vector<Entity>& entities, const NameNormalizer& normalizer,
                     const TokenStats& stats, TokenSimilarity sim, const KeepGoing& keep_going)
    : sim_(std::move(sim)) {
  auto stop = [&keep_going] { return keep_going && !keep_going(); };
  // Names, and the distinct tokens (keyed by text and transliteration flag) they are made of.
  std::unordered_map<std::string, uint32_t> token_ids;
  std::vector<std::vector<uint32_t>> token_names;
  std::vector<char> token_is_join;  // 1 while a token has been seen only as a join
  // Tokens are one when everything the scorer and the keys read is equal: the same text may carry
  // other keys (a transliteration's variant comes from the original script), and legal forms are
  // told apart by how they were written, which their typo keys use.
  auto intern = [&](PreparedToken* t, uint32_t name_id, bool join) {
    std::string key =
        t->text + '\1' + t->variant + '\1' + t->phonetic + '\1' + t->skeleton + '\1' + t->surface;
    key.push_back(static_cast<char>('0' + static_cast<int>(t->kind)));
    key.push_back(t->transliterated ? '1' : '0');
    key.push_back(t->abjad ? '1' : '0');
    auto [it, inserted] = token_ids.emplace(key, static_cast<uint32_t>(tokens_.size()));
    t->id = it->second;
    if (inserted) {
      tokens_.push_back(*t);
      token_names.emplace_back();
      token_is_join.push_back(join);
    } else if (!join) {
      token_is_join[it->second] = 0;
    }
    std::vector<uint32_t>& names = token_names[it->second];
    if (names.empty() || names.back() != name_id) names.push_back(name_id);
  };
  for (size_t e = 0; e < entities.size(); ++e) {
    if (stop()) return;
    for (size_t n = 0; n < entities[e].names.size(); ++n) {
      const Name& name = entities[e].names[n];
      Schema schema = entities[e].schema;
      PreparedName prepared = Prepare(normalizer.Normalize(name.full, schema), stats, normalizer);
      if (prepared.tokens.empty()) continue;
      uint32_t id = static_cast<uint32_t>(refs_.size());
      bool has_initial = false;
      uint32_t first_letters = 0;
      for (const PreparedToken& t : prepared.tokens) {
        has_initial |= t.initial;
        if (!t.text.empty()) first_letters |= LetterBit(t.text[0]);
      }
      refs_.push_back({static_cast<uint32_t>(e), static_cast<uint16_t>(n), name.kind, has_initial,
                       first_letters});
      for (PreparedToken& t : prepared.tokens)
        if (!t.initial) intern(&t, id, false);
      for (PreparedToken& t : prepared.joins) intern(&t, id, true);
      names_.push_back(std::move(prepared));
    }
  }
  posting_offsets_.reserve(tokens_.size() + 1);
  posting_offsets_.push_back(0);
  for (const auto& names : token_names) {
    postings_.insert(postings_.end(), names.begin(), names.end());
    posting_offsets_.push_back(static_cast<uint32_t>(postings_.size()));
  }

  // Keys: (key, token) pairs sorted by key, then an open-addressing table key -> range.
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  for (uint32_t t = 0; t < tokens_.size(); ++t) {
    if (stop()) return;
    AddKeys(tokens_[t], token_is_join[t], [&](uint64_t k) { pairs.emplace_back(k, t); });
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  size_t distinct = 0;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (i == 0 || pairs[i].first != pairs[i - 1].first) ++distinct;
  size_t capacity = 16;
  while (capacity < distinct * 8 / 5) capacity <<= 1;
  if (tokens_.size() >= kSingleToken || pairs.size() >= kSingleToken)
    throw std::length_error("name index: too many tokens");
  slots_.assign(capacity, Slot{});
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
    uint32_t tokens = kSingleToken | pairs[i].second;  // most keys lead to one token
    if (j - i > 1) {
      tokens = static_cast<uint32_t>(key_tokens_.size());
      key_tokens_.push_back(static_cast<uint32_t>(j - i));
      for (size_t k = i; k < j; ++k) key_tokens_.push_back(pairs[k].second);
    }
    size_t pos = pairs[i].first & (capacity - 1);
    while (slots_[pos].fingerprint != 0) pos = (pos + 1) & (capacity - 1);
    slots_[pos] = {Fingerprint(pairs[i].first), tokens};
    ++key_slots_used_;
    i = j;
  }

  // Each token's one-edit neighbourhood among the list tokens, as a query token of that text
  // would find it through the typo keys, and their similarities to it.
  std::vector<uint32_t> found;
  neighbour_offsets_.reserve(tokens_.size() + 1);
  neighbour_offsets_.push_back(0);
  for (const PreparedToken& t : tokens_) {
    if (stop()) return;
    found.clear();
    ForEachOneEditKey(t.text, [&](uint64_t key) {
      const uint32_t* ts;
      uint32_t count;
      if (Find(key, &ts, &count))
        for (uint32_t k = 0; k < count; ++k) found.push_back(ts[k] & ~kSingleToken);
    });
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    neighbours_.insert(neighbours_.end(), found.begin(), found.end());
    for (uint32_t n : found) neighbour_sims_.push_back(sim_(t, tokens_[n]));
    neighbour_offsets_.push_back(static_cast<uint32_t>(neighbours_.size()));
  }
}

bool NameIndex::Find(uint64_t key, const uint32_t** tokens, uint32_t* count) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t fingerprint = Fingerprint(key);
  for (size_t pos = key & mask;; pos = (pos + 1) & mask) {
    const Slot& s = slots_[pos];
    if (s.fingerprint == fingerprint) {
      if (s.tokens & kSingleToken) {
        *tokens = &s.tokens;  // the caller masks the flag
        *count = 1;
      } else {
        *tokens = &key_tokens_[s.tokens + 1];
        *count = key_tokens_[s.tokens];
      }
      return true;
    }
    if (s.fingerprint == 0) return false;
  }
}

NameIndex::ScratchPtr NameIndex::NewScratch() const {
  return ScratchPtr(new Scratch(refs_.size(), tokens_));
}

void NameIndex::ScratchDeleter::operator()(Scratch* s) const { delete s; }

void NameIndex::Candidates(const PreparedName& query, float min_bound, Scratch* s,
                           std::vector<uint32_t>* out) const {
  if (query.total_weight <= 0) return;
  if (++s->query_stamp == 0) {  // wrapped: clear the stamps once every 2^32 queries
    for (Scratch::Name& n : s->name) n.acc_stamp = 0;
    for (Scratch::Token& t : s->token) t.value_stamp = 0;
    s->query_stamp = 1;
  }
  s->touched.clear();
  s->initials.clear();
  // Name n is reached by the current query token (or join), with a similarity of at most v.
  bool new_names = true;  // false: only names the query has reached already are of interest
  auto reach = [&](uint32_t n, float v) {
    Scratch::Name& state = s->name[n];
    if (!new_names && state.acc_stamp != s->query_stamp) return;
    if (state.stamp != s->stamp) {
      state.stamp = s->stamp;
      state.best = v;
      s->reached.push_back(n);
    } else if (v > state.best) {
      state.best = v;
    }
  };
  // Starts the names reached by a new query token (or join).
  auto next_token = [&] {
    if (++s->stamp == 0) {
      for (Scratch::Name& n : s->name) n.stamp = 0;
      for (Scratch::Token& t : s->token) t.stamp = 0;
      s->stamp = 1;
    }
    s->reached.clear();
  };
  // Scores list tokens against q, each once per query token, and reaches their names. `fixed`
  // > 0 is an upper bound of the similarity of every token given, used instead of computing it:
  // 1 for the text, variant and phonetic keys (those tokens score kSpellingSimilarity or more); the
  // skeleton similarity for skeleton keys, which are probed after the typo keys that find the
  // closer spellings. `exact`: the tokens are spelt as q is. `sims`, when given: the similarity of
  // each token to q, known beforehand.
  auto visit_tokens = [&](const PreparedToken& q, const uint32_t* ts, uint32_t count, float fixed,
                          bool exact, const float* sims = nullptr) {
    for (const uint32_t* tp = ts; tp < ts + count; ++tp) {
      const uint32_t t = *tp & ~kSingleToken;
      Scratch::Token& state = s->token[t];
      if (state.stamp == s->stamp) continue;
      state.stamp = s->stamp;
      float v = sims != nullptr ? sims[tp - ts] : fixed > 0 ? fixed : sim_(q, tokens_[t]);
      if (v <= 0) continue;
      // The scorer lets an inexact match weigh what the list token weighs when that is less
      // (a misspelt common word is no rare word). Coverage >= b  <=>  Σ w (s − b) >= 0 over
      // the query tokens (s = 0 when unpaired), where a pair's w may be the list token's
      // weight: v is moved towards b so that q.weight × (v − b) is that pair's term. Then
      // Σ q.weight × v >= min_bound × Σ q.weight for every name that can reach the bound.
      if (!exact && state.weight < q.weight)
        v = min_bound + state.weight / q.weight * (v - min_bound);
      const float value = q.weight * v;
      if (state.value_stamp != s->query_stamp) {
        state.value_stamp = s->query_stamp;
        state.value = value;
      } else if (value > state.value) {
        state.value = value;
      }
      for (uint32_t p = posting_offsets_[t]; p < posting_offsets_[t + 1]; ++p)
        reach(postings_[p], v);
    }
  };

  // Every probe of the query is planned before any is made: each is a cache miss, and their
  // slots are fetched together. Units are the joins, then the tokens (initials probe nothing).
  const size_t joins = query.joins.size();
  const size_t units = joins + query.tokens.size();
  auto unit = [&](size_t u) -> const PreparedToken& {
    return u < joins ? query.joins[u] : query.tokens[u - joins];
  };
  const size_t mask = slots_.size() - 1;
  s->same.assign(units, {nullptr, 0});
  s->probes.clear();
  for (size_t u = 0; u < units; ++u) {
    const uint64_t key = unit(u).initial ? 0 : HashKey(kText, unit(u).text);
    s->probes.push_back({key, 0});
    __builtin_prefetch(&slots_[key & mask]);
  }
  // The list tokens spelt as each unit is.
  for (size_t u = 0; u < units; ++u)
    if (s->probes[u].key != 0) Find(s->probes[u].key, &s->same[u].first, &s->same[u].second);
  s->probes.clear();
  s->unit_probes.clear();
  for (size_t u = 0; u < units; ++u) {
    s->unit_probes.push_back(static_cast<uint32_t>(s->probes.size()));
    const PreparedToken& q = unit(u);
    if (q.initial) continue;
    const bool join = u < joins;
    auto add = [&](uint64_t key, float fixed) { s->probes.push_back({key, fixed}); };
    if (!q.variant.empty()) add(HashKey(kVariant, q.variant), 1.0f);
    if (!q.phonetic.empty()) add(HashKey(kPhonetic, q.phonetic), 1.0f);
    // A token no list name spells this way is looked for with up to two typos. A token the lists
    // know is rarely a typo of another, but a listed spelling may be one letter from the listed
    // party's ("Rujiga" for RUNIGA): it gets one, from the neighbourhood computed at build time
    // (so does a join, which is compared with at most one edit). An over-long token gets none:
    // its exact keys alone (normalize/name_limits.h).
    const bool typo = TypoComparable(q.text.size());
    const bool fuzzy = typo && (s->same[u].second == 0 || q.transliterated);
    if (typo && !fuzzy) {
      add(kNeighbourhood, 0);
    } else if (fuzzy && !join && q.text.size() >= 8) {
      add(HashKey(kDelete, q.text), 0);
      ForEachDeletion(q.text, true, [&](std::string_view d) {
        add(HashKey(kDelete, d), 0);
        if (d.size() < 4) add(HashKey(kText, d), 0);
      });
    } else if (fuzzy) {
      ForEachOneEditKey(q.text, [&](uint64_t key) { add(key, 0); });
    }
    // Skeleton keys, after the typo keys so that closer spellings are scored exactly first; the
    // bounds are CompareTokens' skeleton similarities. Transliterated list tokens are always
    // looked for; Latin ones by a Latin query token only when it is unknown.
    // A two-letter skeleton scores the full transliteration similarity too when the abjad
    // spelling agrees letter by letter (match/abjad_spelling.h), which only the scorer can tell.
    const float script_bound = kTransliterationSimilarity;
    auto skeleton_deletions = [&](char tag) {
      add(HashKey(tag, q.skeleton), kShortTransliterationSimilarity);
      ForEachDeletion(q.skeleton, false, [&](std::string_view d) {
        add(HashKey(tag, d), kShortTransliterationSimilarity);
      });
    };
    if (q.skeleton.size() >= 2) {
      add(HashKey(kScriptSkeleton, q.skeleton), script_bound);
      if (fuzzy && !join && q.skeleton.size() >= 4) skeleton_deletions(kScriptSkeletonDelete);
    }
    if (q.transliterated && q.skeleton.size() >= 2) {
      add(HashKey(kSkeleton, q.skeleton), script_bound);
      if (typo && !join && q.skeleton.size() >= 4) skeleton_deletions(kSkeletonDelete);
    } else if (q.skeleton.size() >= 3) {
      // Latin spellings that sound alike (Farid/Fared): the scorer gives them kPhoneticSimilarity
      // at most unless a typo key found them first.
      add(HashKey(kSkeleton, q.skeleton), kPhoneticSimilarity);
    }
  }
  s->unit_probes.push_back(static_cast<uint32_t>(s->probes.size()));
  for (const Probe& p : s->probes) __builtin_prefetch(&slots_[p.key & mask]);

  // Makes unit u's probes, in their planned order.
  auto probe = [&](size_t u) {
    next_token();
    const PreparedToken& q = unit(u);
    const auto [same, same_count] = s->same[u];
    visit_tokens(q, same, same_count, 1.0f, /*exact=*/true);
    for (uint32_t i = s->unit_probes[u]; i < s->unit_probes[u + 1]; ++i) {
      const Probe& p = s->probes[i];
      if (p.key == kNeighbourhood) {
        // All tokens of this text share their neighbourhood; the similarities computed with one
        // of them are q's when q is that token in every key the similarity reads.
        uint32_t t = same[0] & ~kSingleToken;
        const float* sims = nullptr;
        for (const uint32_t* tp = same; tp < same + same_count; ++tp) {
          if (SameKeys(q, tokens_[*tp & ~kSingleToken])) {
            t = *tp & ~kSingleToken;
            sims = &neighbour_sims_[neighbour_offsets_[t]];
            break;
          }
        }
        visit_tokens(q, &neighbours_[neighbour_offsets_[t]],
                     neighbour_offsets_[t + 1] - neighbour_offsets_[t], 0, false, sims);
        continue;
      }
      const uint32_t* ts;
      uint32_t count;
      if (Find(p.key, &ts, &count)) visit_tokens(q, ts, count, p.fixed, false);
    }
  };
  // The scorer pairs each query token once, alone or within a join, so a token's share of the
  // bound is its weight times the best similarity of the token or of a join containing it.
  s->join_hits.resize(std::max(s->join_hits.size(), query.joins.size()));
  for (size_t i = 0; i < query.joins.size(); ++i) {
    probe(i);
    s->join_hits[i].clear();
    for (uint32_t n : s->reached) s->join_hits[i].emplace_back(n, s->name[n].best);
  }
  // A listed initial is not indexed; it may pair with any one query token, at the scorer's
  // kListedInitialSimilarity at most.
  float heaviest = 0;
  for (const PreparedToken& q : query.tokens) heaviest = std::max(heaviest, q.weight);
  // Less a margin for rounding: the sums below run in another order than total_weight's.
  const float need = (min_bound - 1e-5f) * query.total_weight;
  // Tokens are taken heaviest first. Once the tokens left weigh less than `need` (with what
  // initials and a listed initial may add), a name no heavier token reached cannot become a
  // candidate: the names of the light tokens ("al", "trading", "mohammed") only add to the names
  // already reached, and the bound of every name is what it would be in any order.
  s->order.resize(query.tokens.size());
  for (uint32_t i = 0; i < s->order.size(); ++i) s->order[i] = i;
  std::stable_sort(s->order.begin(), s->order.end(), [&](uint32_t a, uint32_t b) {
    return query.tokens[a].weight > query.tokens[b].weight;
  });
  // The most a name not reached yet can still gain: the tokens left, and what the listed
  // initials and the query initials' letters (counted at the end, in any order) may add.
  float rest = kListedInitialSimilarity * heaviest;
  for (const PreparedToken& q : query.tokens) rest += q.initial ? 2 * q.weight : q.weight;
  for (uint32_t i : s->order) {
    const PreparedToken& q = query.tokens[i];
    new_names = rest >= need;
    rest -= q.weight;
    if (q.initial) {
      // An initial may pair with a list token of its letter (counted below, by letter), or be
      // part of a join (counted here, on top: the sum bounds the better of the two).
      if (!q.text.empty()) s->initials.emplace_back(LetterBit(q.text[0]), q.weight);
      next_token();
    } else {
      probe(joins + i);
    }
    for (size_t j : {i - 1, i}) {
      if (j >= query.joins.size()) continue;  // i - 1 wraps for i = 0
      for (auto [n, v] : s->join_hits[j]) reach(n, v);
    }
    for (uint32_t n : s->reached) {
      Scratch::Name& state = s->name[n];
      if (state.acc_stamp != s->query_stamp) {
        state.acc_stamp = s->query_stamp;
        state.acc = 0;
        s->touched.push_back(n);
      }
      state.acc += q.weight * state.best;
    }
  }
  // The same bound taken from the list side: the scorer pairs each list token once too, so a
  // name is worth at most, per token, the best pair it can be part of (a list join counts for
  // both its tokens). This is what keeps "Ali Alvi" from every name with one "Ali", and
  // "al-Muhammad Muhammd" from every name with one "Muhammad".
  float initial_pair =
      kListedInitialSimilarity * heaviest;  // a listed initial: any query token, or an initial
  for (auto [letter, weight] : s->initials) initial_pair = std::max(initial_pair, weight);
  auto value = [&](uint32_t t) {
    return t != kNoTokenId && s->token[t].value_stamp == s->query_stamp ? s->token[t].value : 0.0f;
  };
  auto list_side = [&](const PreparedName& name) {
    float sum = 0;
    for (size_t k = 0; k < name.tokens.size(); ++k) {
      const PreparedToken& t = name.tokens[k];
      float best = t.initial ? initial_pair : value(t.id);
      if (k > 0) best = std::max(best, value(name.joins[k - 1].id));
      if (k < name.joins.size()) best = std::max(best, value(name.joins[k].id));
      if (!t.text.empty())
        for (auto [letter, weight] : s->initials)
          if (LetterBit(t.text[0]) & letter) best = std::max(best, weight);
      sum += best;
    }
    return sum;
  };
  // The names that pass the query-side bound are read from memory together (the scorer reads
  // them next): their tokens are a chain of cache misses otherwise.
  s->passing.clear();
  // What initials may add to a name at most: most names fall short without reading their ref.
  float initials_at_most = kListedInitialSimilarity * heaviest;
  for (auto [letter, weight] : s->initials) initials_at_most += weight;
  for (uint32_t n : s->touched) {
    if (s->name[n].acc + initials_at_most < need) continue;
    const NameRef& ref = refs_[n];
    float acc = s->name[n].acc + (ref.has_initial ? kListedInitialSimilarity * heaviest : 0.0f);
    for (auto [letter, weight] : s->initials)
      if (ref.first_letters & letter) acc += weight;
    if (acc < need) continue;
    s->passing.push_back(n);
    __builtin_prefetch(&names_[n]);
  }
  auto fetch = [](const std::vector<PreparedToken>& tokens) {
    const char* begin = reinterpret_cast<const char*>(tokens.data());
    const char* end = reinterpret_cast<const char*>(tokens.data() + tokens.size());
    for (const char* p = begin; p < end; p += 64) __builtin_prefetch(p);
  };
  for (uint32_t n : s->passing) {
    fetch(names_[n].tokens);
    fetch(names_[n].joins);
  }
  for (uint32_t n : s->passing)
    if (list_side(names_[n]) >= need) out->push_back(n);
}

size_t NameIndex::MemoryBytes() const {
  size_t bytes = refs_.capacity() * sizeof(NameRef) + postings_.capacity() * 4 +
                 posting_offsets_.capacity() * 4 + slots_.capacity() * sizeof(Slot) +
                 key_tokens_.capacity() * 4 + neighbour_offsets_.capacity() * 4 +
                 neighbours_.capacity() * 4 + neighbour_sims_.capacity() * 4;
  auto token_bytes = [](const PreparedToken& t) {
    return sizeof(PreparedToken) + t.text.capacity() + t.variant.capacity() +
           t.phonetic.capacity() + t.skeleton.capacity();
  };
  for (const PreparedToken& t : tokens_) bytes += token_bytes(t);
  for (const PreparedName& n : names_) {
    bytes += sizeof(PreparedName);
    for (const PreparedToken& t : n.tokens) bytes += token_bytes(t);
    for (const PreparedToken& t : n.joins) bytes += token_bytes(t);
  }
  return bytes;
}

}  // namespace interdict
