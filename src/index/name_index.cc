#include "index/name_index.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

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

}  // namespace

class NameIndex::Scratch {
 public:
  explicit Scratch(size_t names, size_t tokens)
      : name_stamp(names, 0),
        name_best(names, 0),
        acc_stamp(names, 0),
        acc(names, 0),
        token_stamp(tokens, 0) {}
  std::vector<uint32_t> name_stamp;  // == stamp: name already reached by this query token
  std::vector<float> name_best;
  std::vector<uint32_t> acc_stamp;  // == query_stamp: acc[] holds this query's sum
  std::vector<float> acc;
  std::vector<uint32_t> token_stamp;  // == stamp: list token already scored for this query token
  std::vector<uint32_t> reached;      // names reached by the current query token
  std::vector<uint32_t> touched;      // names reached by the query
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
                     const TokenStats& stats) {
  // Names, and the distinct tokens (keyed by text and transliteration flag) they are made of.
  std::unordered_map<std::string, uint32_t> token_ids;
  std::vector<std::vector<uint32_t>> token_names;
  std::vector<char> token_is_join;  // 1 while a token has been seen only as a join
  auto intern = [&](const PreparedToken& t, uint32_t name_id, bool join) {
    // Legal forms are told apart by how they were written, which their typo keys use.
    std::string key = t.kind == TokenKind::kLegalForm ? t.text + '\2' + t.surface : t.text;
    key.push_back(t.transliterated ? '\1' : '\0');
    auto [it, inserted] = token_ids.emplace(key, static_cast<uint32_t>(tokens_.size()));
    if (inserted) {
      tokens_.push_back(t);
      token_names.emplace_back();
      token_is_join.push_back(join);
    } else if (!join) {
      token_is_join[it->second] = 0;
    }
    std::vector<uint32_t>& names = token_names[it->second];
    if (names.empty() || names.back() != name_id) names.push_back(name_id);
  };
  for (size_t e = 0; e < entities.size(); ++e) {
    for (size_t n = 0; n < entities[e].names.size(); ++n) {
      const Name& name = entities[e].names[n];
      Schema schema = entities[e].schema;
      PreparedName prepared = Prepare(normalizer.Normalize(name.full, schema), stats, normalizer);
      if (prepared.tokens.empty()) continue;
      uint32_t id = static_cast<uint32_t>(refs_.size());
      bool has_initial = false;
      for (const PreparedToken& t : prepared.tokens) has_initial |= t.initial;
      refs_.push_back({static_cast<uint32_t>(e), static_cast<uint16_t>(n), name.kind, has_initial});
      for (const PreparedToken& t : prepared.tokens)
        if (!t.initial) intern(t, id, false);
      for (const PreparedToken& t : prepared.joins) intern(t, id, true);
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
  for (uint32_t t = 0; t < tokens_.size(); ++t)
    AddKeys(tokens_[t], token_is_join[t], [&](uint64_t k) { pairs.emplace_back(k, t); });
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  size_t distinct = 0;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (i == 0 || pairs[i].first != pairs[i - 1].first) ++distinct;
  size_t capacity = 16;
  while (capacity < distinct * 2) capacity <<= 1;
  slots_.assign(capacity, Slot{});
  key_tokens_.reserve(pairs.size());
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j].first == pairs[i].first) {
      key_tokens_.push_back(pairs[j].second);
      ++j;
    }
    size_t pos = pairs[i].first & (capacity - 1);
    while (slots_[pos].key != 0) pos = (pos + 1) & (capacity - 1);
    slots_[pos] = {pairs[i].first, static_cast<uint32_t>(key_tokens_.size() - (j - i)),
                   static_cast<uint32_t>(j - i)};
    ++key_slots_used_;
    i = j;
  }
}

const NameIndex::Slot* NameIndex::Find(uint64_t key) const {
  size_t mask = slots_.size() - 1;
  for (size_t pos = key & mask;; pos = (pos + 1) & mask) {
    const Slot& s = slots_[pos];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
  }
}

NameIndex::ScratchPtr NameIndex::NewScratch() const {
  return ScratchPtr(new Scratch(refs_.size(), tokens_.size()));
}

void NameIndex::ScratchDeleter::operator()(Scratch* s) const { delete s; }

void NameIndex::Candidates(const PreparedName& query, const TokenSimilarity& sim, float min_bound,
                           Scratch* s, std::vector<uint32_t>* out) const {
  if (query.total_weight <= 0) return;
  if (++s->query_stamp == 0) {  // wrapped: clear the stamps once every 2^32 queries
    std::fill(s->acc_stamp.begin(), s->acc_stamp.end(), 0);
    s->query_stamp = 1;
  }
  s->touched.clear();
  float free_weight = 0;  // initials: assumed to confirm
  // A join (two query tokens written together) is compared with at most one edit, so it needs
  // only one-letter deletions.
  auto probe = [&](const PreparedToken& q, bool join) {
    if (++s->stamp == 0) {
      std::fill(s->name_stamp.begin(), s->name_stamp.end(), 0);
      std::fill(s->token_stamp.begin(), s->token_stamp.end(), 0);
      s->stamp = 1;
    }
    s->reached.clear();
    // Returns whether the key exists. `fixed` > 0 is an upper bound of the similarity of every
    // token the key can reach, used instead of computing it: 1 for the text, variant and
    // phonetic keys (those tokens score 0.93 or more); the skeleton similarity for skeleton keys,
    // which are probed after the typo keys that find the closer spellings.
    auto visit_key = [&](uint64_t key, float fixed = 0) {
      const Slot* slot = Find(key);
      if (slot == nullptr) return false;
      for (uint32_t k = slot->begin; k < slot->begin + slot->count; ++k) {
        uint32_t t = key_tokens_[k];
        if (s->token_stamp[t] == s->stamp) continue;
        s->token_stamp[t] = s->stamp;
        float v = fixed > 0 ? fixed : sim(q, tokens_[t]);
        if (v <= 0) continue;
        // The scorer lets an inexact match weigh what the list token weighs when that is less
        // (a misspelt common word is no rare word); such a match can lift the score as much as
        // an exact one, so it bounds at 1.
        if (v < 1.0f && tokens_[t].weight < q.weight) v = 1.0f;
        for (uint32_t p = posting_offsets_[t]; p < posting_offsets_[t + 1]; ++p) {
          uint32_t n = postings_[p];
          if (s->name_stamp[n] != s->stamp) {
            s->name_stamp[n] = s->stamp;
            s->name_best[n] = v;
            s->reached.push_back(n);
          } else if (v > s->name_best[n]) {
            s->name_best[n] = v;
          }
        }
      }
      return true;
    };
    const bool known = visit_key(HashKey(kText, q.text), 1.0f);
    if (!q.variant.empty()) visit_key(HashKey(kVariant, q.variant), 1.0f);
    if (!q.phonetic.empty()) visit_key(HashKey(kPhonetic, q.phonetic), 1.0f);
    // Typo keys only for a token no list name spells this way: a token the lists know is almost
    // never a typo of another (and when it is, variant and phonetic keys meet it).
    const bool fuzzy = !known || q.transliterated;
    // A known token still meets the list tokens that have one letter more (one probe).
    if (!fuzzy && q.text.size() >= 3) visit_key(HashKey(kDelete, q.text));
    if (fuzzy && q.text.size() >= 3) {
      // The list token's deletions against the query token, and both sides' deletions. A list
      // token of 4+ letters carries its own text as a deletion key, so a query deletion needs a
      // plain text probe only when it is shorter than that.
      visit_key(HashKey(kDelete, q.text));
      ForEachDeletion(q.text, !join && q.text.size() >= 8, [&](std::string_view d) {
        visit_key(HashKey(kDelete, d));
        if (d.size() < 4) visit_key(HashKey(kText, d));
      });
    }
    // Skeleton keys, after the typo keys so that closer spellings are scored exactly first; the
    // bounds are CompareTokens' skeleton similarities. Transliterated list tokens are always
    // looked for; Latin ones by a Latin query token only when it is unknown.
    const float script_bound = q.skeleton.size() >= 3 ? 0.9f : 0.65f;
    auto skeleton_deletions = [&](char tag) {
      visit_key(HashKey(tag, q.skeleton), 0.65f);
      ForEachDeletion(q.skeleton, false,
                      [&](std::string_view d) { visit_key(HashKey(tag, d), 0.65f); });
    };
    if (q.skeleton.size() >= 2) {
      visit_key(HashKey(kScriptSkeleton, q.skeleton), script_bound);
      if (fuzzy && !join && q.skeleton.size() >= 4) skeleton_deletions(kScriptSkeletonDelete);
    }
    if (q.transliterated && q.skeleton.size() >= 2) {
      visit_key(HashKey(kSkeleton, q.skeleton), script_bound);
      if (!join && q.skeleton.size() >= 4) skeleton_deletions(kSkeletonDelete);
    } else if (q.skeleton.size() >= 3) {
      // Latin spellings that sound alike (Farid/Fared): the scorer gives them 0.8 at most
      // unless a typo key found them first.
      visit_key(HashKey(kSkeleton, q.skeleton), 0.8f);
    }
    for (uint32_t n : s->reached) {
      if (s->acc_stamp[n] != s->query_stamp) {
        s->acc_stamp[n] = s->query_stamp;
        s->acc[n] = 0;
        s->touched.push_back(n);
      }
      s->acc[n] += q.weight * s->name_best[n];
    }
  };
  for (const PreparedToken& q : query.tokens) {
    if (q.initial) {
      free_weight += q.weight;
    } else {
      probe(q, false);
    }
  }
  for (const PreparedToken& j : query.joins) probe(j, true);
  const float need = min_bound * query.total_weight - free_weight;
  // A listed initial is not indexed; it may pair with any one query token, at the scorer's
  // listed-initial similarity (0.5) at most.
  float heaviest = 0;
  for (const PreparedToken& q : query.tokens) heaviest = std::max(heaviest, q.weight);
  for (uint32_t n : s->touched) {
    float acc = s->acc[n] + (refs_[n].has_initial ? 0.5f * heaviest : 0.0f);
    if (acc >= need) out->push_back(n);
  }
}

size_t NameIndex::MemoryBytes() const {
  size_t bytes = refs_.capacity() * sizeof(NameRef) + postings_.capacity() * 4 +
                 posting_offsets_.capacity() * 4 + slots_.capacity() * sizeof(Slot) +
                 key_tokens_.capacity() * 4;
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
