#include "scan/candidate_lookup.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace interdict {
namespace scan_internal {

namespace {

constexpr size_t kMaxFuzzyTerms = 4;

// Whether a capitalised unknown word could be `part` misspelt: about the same length, the same
// first letter, and the same second or last letter (typos and respellings keep most of these).
bool Plausible(const Occ& x, const std::string& part) {
  if (part.size() < 2 || x.len < 2) return false;
  const int d = static_cast<int>(x.len) - static_cast<int>(std::min<size_t>(part.size(), 255));
  return d >= -2 && d <= 2 && x.first == part[0] && (x.second == part[1] || x.last == part.back());
}

// Looks up one token; appends its occurrences.
class TokenLookup {
 public:
  TokenLookup(const ScanTables& t, std::vector<Occ>* occs) : t_(t), occs_(*occs) {}

  void operator()(const TextToken& tok) {
    ++ordinal_;
    if (AddListed(tok)) return;
    added_ = 0;
    if (tok.normalized != nullptr) {
      if (tok.normalized->variant != tok.normalized->text)
        AddAll(t_.by_variant, tok.normalized->variant, tok, 0);
      if (added_ == 0 && (tok.flags & kTransliterated) && tok.normalized->skeleton.size() >= 3)
        AddAll(t_.by_skeleton, tok.normalized->skeleton, tok, kOccFuzzy);
    } else if ((tok.flags & kCapitalised) && tok.folded.size() >= 4) {
      AddRespelling(tok);
    }
    if (Capitalised(tok.flags) && tok.folded.size() >= 3) {
      Occ x{ordinal_, tok.begin, tok.end, kPossible, tok.flags};
      x.len = static_cast<uint8_t>(std::min<size_t>(tok.folded.size(), 255));
      x.first = tok.folded[0];
      x.second = tok.folded[1];
      x.last = tok.folded.back();
      occs_.push_back(x);
    }
  }

  uint32_t tokens() const { return ordinal_; }

 private:
  // A token of a list or place name ("Iran's" is also "Iran"); true if the vocabulary knows it.
  bool AddListed(const TextToken& tok) {
    const ScanTables::Entry* term = t_.Find(tok.hash);
    const ScanTables::Entry* base =
        (tok.flags & kPossessive)
            ? t_.Find(TextTokenHash(tok.folded.substr(0, tok.folded.size() - 1)))
            : nullptr;
    if (term == nullptr && base == nullptr) return false;
    for (const ScanTables::Entry* x : {term, base}) {
      if (x == nullptr || !(x->flags & ScanTables::kListed)) continue;
      uint8_t flags = tok.flags;
      if (x->flags & ScanTables::kAnchor) flags |= kOccAnchor;
      if (x->flags & ScanTables::kPhrase) flags |= kOccPhrase;
      occs_.push_back({ordinal_, tok.begin, tok.end, x->term, flags});
    }
    return true;
  }

  void AddAll(const std::unordered_map<uint64_t, std::vector<uint32_t>>& m, std::string_view key,
              const TextToken& tok, uint8_t extra) {
    auto it = m.find(TextTokenHash(key));
    if (it == m.end()) return;
    for (uint32_t x : it->second) {
      if (added_ == kMaxFuzzyTerms) break;
      const ScanTables::Term& tx = t_.terms[x];
      uint8_t flags = static_cast<uint8_t>(tok.flags | extra);
      if (tx.anchor_end > tx.anchor_begin) flags |= kOccAnchor;
      if (tx.phrase_end > tx.phrase_begin) flags |= kOccPhrase;
      occs_.push_back({ordinal_, tok.begin, tok.end, x, flags});
      ++added_;
    }
  }

  // A respelling of a name part (Qadhafi, Gaddafi): same consonant skeleton, same first
  // letter, about the same length.
  void AddRespelling(const TextToken& tok) {
    const std::string sk = NameNormalizer::Skeleton(tok.folded);
    if (sk.size() < 4) return;
    auto it = t_.by_skeleton.find(TextTokenHash(sk));
    if (it == t_.by_skeleton.end()) return;
    for (uint32_t x : it->second) {
      const std::string& tt = t_.term_text[x];
      if (added_ == kMaxFuzzyTerms || tt[0] != tok.folded[0] || tt.size() + 2 < tok.folded.size() ||
          tok.folded.size() + 2 < tt.size())
        continue;
      occs_.push_back({ordinal_, tok.begin, tok.end, x,
                       static_cast<uint8_t>(tok.flags | kOccFuzzy | kOccAnchor)});
      ++added_;
    }
  }

  const ScanTables& t_;
  std::vector<Occ>& occs_;
  uint32_t ordinal_ = 0;
  size_t added_ = 0;
};

// The nearest exact occurrence of the term in occs[lo, hi]: a name's parts stand together.
size_t NearestExact(const std::vector<Occ>& occs, size_t lo, size_t hi, uint32_t ordinal,
                    uint32_t term, bool capitalised) {
  size_t found = SIZE_MAX;
  uint32_t distance = UINT32_MAX;
  for (size_t j = lo; j <= hi; ++j) {
    const Occ& x = occs[j];
    const uint32_t d = x.ordinal > ordinal ? x.ordinal - ordinal : ordinal - x.ordinal;
    if (d < distance && x.term == term && !(x.flags & kOccFuzzy) &&
        (!capitalised || Capitalised(x.flags))) {
      found = j;
      distance = d;
    }
  }
  return found;
}

}  // namespace

bool LookUpTokens(const ScanTables& t, const TextTokenizer& tokenizer, std::string_view text,
                  size_t begin, size_t end, std::vector<Occ>* occs, uint64_t* tokens,
                  size_t* bad_offset) {
  TokenLookup lookup(t, occs);
  const bool ok = tokenizer.ForEach(text.substr(begin, end - begin), static_cast<uint32_t>(begin),
                                    lookup, bad_offset);
  *tokens += lookup.tokens();
  return ok;
}

bool FilterCandidate(const ScanTables& t, const ScanTables::Slot& slot,
                     const std::vector<Occ>& occs, size_t k, std::vector<uint8_t>* used,
                     CandidateEvidence* out) {
  const Occ& o = occs[k];
  const uint32_t reach = slot.n_tokens + 2u;
  size_t lo = k, hi = k;
  while (lo > 0 && occs[lo - 1].ordinal + reach >= o.ordinal) --lo;
  while (hi + 1 < occs.size() && occs[hi + 1].ordinal <= o.ordinal + reach) ++hi;
  used->assign(hi - lo + 1, 0);
  CandidateEvidence ev;
  int parts = 0;  // significant parts looked for
  ev.begin = o.begin;
  ev.end = o.end;
  for (uint32_t i = 0; i < slot.n_tokens; ++i) {
    const NameTokenFacts& info = t.tokens[slot.tok_begin + i];
    // Connectives of an everyday-word name may be written in lower case, or left out.
    if (!info.sig || (slot.strict && info.connective)) continue;
    ++parts;
    const uint32_t term = t.token_terms[slot.tok_begin + i];
    size_t found = NearestExact(occs, lo, hi, o.ordinal, term, slot.strict);
    if (found == SIZE_MAX && !slot.strict) {
      for (size_t j = lo; j <= hi && found == SIZE_MAX; ++j) {
        const Occ& x = occs[j];
        if ((*used)[j - lo]) continue;
        if (((x.flags & kOccFuzzy) && x.term == term) ||
            (x.term == kPossible && Plausible(x, t.term_text[term]))) {
          found = j;
          (*used)[j - lo] = 1;
          ++ev.loose;
        }
      }
    } else if (found != SIZE_MAX) {
      ++ev.exact;
    }
    if (found == SIZE_MAX) {
      if (slot.strict && info.country < 0) return false;
      continue;
    }
    ev.begin = std::min<size_t>(ev.begin, occs[found].begin);
    ev.end = std::max<size_t>(ev.end, occs[found].end);
  }
  if (!slot.strict) {
    const int n = slot.n_sig;
    const int need = n == 1 ? 1 : std::min(n, std::max(2, (n + 1) / 2));
    if (ev.exact + ev.loose < need) return false;
  } else if (ev.exact < std::min(2, parts)) {
    return false;  // the policy's rule 2: two parts of a longer name, connectives not counted
  }
  *out = ev;
  return true;
}

bool LegalFormNear(std::string_view text, size_t lo, size_t hi, size_t b, size_t e,
                   const std::vector<std::string>& forms) {
  std::string after, before;
  for (size_t i = e; i < hi && i < e + 32; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c)) after.push_back(static_cast<char>(std::tolower(c)));
  }
  for (size_t i = b; i > lo && i + 32 > b; --i) {
    const unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (std::isalnum(c)) before.push_back(static_cast<char>(std::tolower(c)));
  }
  std::reverse(before.begin(), before.end());
  for (const std::string& f : forms)
    if (StartsWith(after, f) || EndsWith(before, f)) return true;
  return false;
}

}  // namespace scan_internal
}  // namespace interdict
