#include "index/name_index.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace interdict {
namespace {

enum KeyTag : char {
  kText = 'T',
  kVariant = 'V',
  kPhonetic = 'P',
  kSkeleton = 'S',
  kDelete = 'D',
  kSkeletonDelete = 'K'
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

void NameIndex::AddKeys(const PreparedToken& t, const std::function<void(uint64_t)>& add) const {
  add(HashKey(kText, t.text));
  if (!t.variant.empty() && t.variant != t.text) add(HashKey(kVariant, t.variant));
  if (!t.phonetic.empty()) add(HashKey(kPhonetic, t.phonetic));
  if (!t.skeleton.empty()) add(HashKey(kSkeleton, t.skeleton));
  if (t.text.size() >= 4) {
    add(HashKey(kDelete, t.text));
    ForEachDeletion(t.text, t.text.size() >= 8,
                    [&](std::string_view d) { add(HashKey(kDelete, d)); });
  }
  if (t.skeleton.size() >= 4) {
    add(HashKey(kSkeletonDelete, t.skeleton));
    ForEachDeletion(t.skeleton, false,
                    [&](std::string_view d) { add(HashKey(kSkeletonDelete, d)); });
  }
}

NameIndex::NameIndex(const std::vector<Entity>& entities, const NameNormalizer& normalizer,
                     const TokenStats& stats) {
  // Names, and the distinct tokens (keyed by text and transliteration flag) they are made of.
  std::unordered_map<std::string, uint32_t> token_ids;
  std::vector<std::vector<uint32_t>> token_names;
  auto intern = [&](const PreparedToken& t, uint32_t name_id) {
    std::string key = t.text;
    key.push_back(t.transliterated ? '\1' : '\0');
    auto [it, inserted] = token_ids.emplace(key, static_cast<uint32_t>(tokens_.size()));
    if (inserted) {
      tokens_.push_back(t);
      token_names.emplace_back();
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
      refs_.push_back({static_cast<uint32_t>(e), static_cast<uint16_t>(n), name.kind});
      for (const PreparedToken& t : prepared.tokens)
        if (!t.initial) intern(t, id);
      for (const PreparedToken& t : prepared.joins) intern(t, id);
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
    AddKeys(tokens_[t], [&](uint64_t k) { pairs.emplace_back(k, t); });
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
  auto probe = [&](const PreparedToken& q) {
    if (++s->stamp == 0) {
      std::fill(s->name_stamp.begin(), s->name_stamp.end(), 0);
      std::fill(s->token_stamp.begin(), s->token_stamp.end(), 0);
      s->stamp = 1;
    }
    s->reached.clear();
    auto visit_key = [&](uint64_t key) {
      const Slot* slot = Find(key);
      if (slot == nullptr) return;
      for (uint32_t k = slot->begin; k < slot->begin + slot->count; ++k) {
        uint32_t t = key_tokens_[k];
        if (s->token_stamp[t] == s->stamp) continue;
        s->token_stamp[t] = s->stamp;
        float v = sim(q, tokens_[t]);
        if (v <= 0) continue;
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
    };
    visit_key(HashKey(kText, q.text));
    if (!q.variant.empty()) visit_key(HashKey(kVariant, q.variant));
    if (!q.phonetic.empty()) visit_key(HashKey(kPhonetic, q.phonetic));
    if (!q.skeleton.empty()) visit_key(HashKey(kSkeleton, q.skeleton));
    if (q.text.size() >= 3) {
      // The list token's deletions against the query token, and both sides' deletions.
      visit_key(HashKey(kDelete, q.text));
      ForEachDeletion(q.text, q.text.size() >= 8, [&](std::string_view d) {
        visit_key(HashKey(kDelete, d));
        visit_key(HashKey(kText, d));
      });
    }
    if (q.skeleton.size() >= 3) {
      visit_key(HashKey(kSkeletonDelete, q.skeleton));
      ForEachDeletion(q.skeleton, false,
                      [&](std::string_view d) { visit_key(HashKey(kSkeletonDelete, d)); });
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
      probe(q);
    }
  }
  for (const PreparedToken& j : query.joins) probe(j);
  const float need = min_bound * query.total_weight - free_weight;
  for (uint32_t n : s->touched)
    if (s->acc[n] >= need) out->push_back(n);
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
