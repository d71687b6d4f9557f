#include "match/name_scorer.h"

#include <algorithm>
#include <array>
#include <bit>

#include "match/abjad_spelling.h"
#include "match/own_script.h"
#include "match/similarity.h"
#include "normalize/name_limits.h"

namespace interdict {
namespace {

// "Ali bin Hassan" for HASSAN BIN ALI: the son for the father, another person.
constexpr float kSwappedParentageFactor = 0.7f;
// l_used_ values: a list token paired, or unpaired and contradicted by a query word in its slot.
constexpr char kPaired = 1, kSubstituted = 2;
// An organisation's listed word the query lacks costs this many times its weight (Align).
constexpr float kMissingListWordFactor = 1.75f;

void Consider(TokenMatch* best, float sim, Evidence e, int edits = 0) {
  if (sim > best->similarity) {
    best->similarity = sim;
    best->evidence = e;
    best->edits = static_cast<uint8_t>(edits);
  }
}

// An abjad romanisation against a Latin spelling: agreement on every letter, long vowels and
// article included (match/abjad_spelling.h), counts as a full transliteration even where the
// consonant skeleton is short or, through an assimilated article, differs. Three letters or fewer
// say too little (a free initial vowel makes "hmd" meet Ahmad as well as Hamid).
void CompareAbjadSpelling(const PreparedToken& q, const PreparedToken& l, TokenMatch* best) {
  if (best->similarity >= kTransliterationSimilarity || q.abjad == l.abjad) return;
  const PreparedToken& abjad = q.abjad ? q : l;
  const PreparedToken& latin = q.abjad ? l : q;
  if (latin.transliterated) return;
  if (AbjadSpellingAgreement(abjad.text, latin.text) >= 4)
    Consider(best, kTransliterationSimilarity, Evidence::kTransliteration);
}

}  // namespace

std::string_view EvidenceName(Evidence e) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "none", "exact", "variant", "spelling", "transliteration", "phonetic", "typo", "initial"};
  return kNames[static_cast<size_t>(e)];
}

namespace {

TokenMatch CompareRomanised(const PreparedToken& q, const PreparedToken& l) {
  TokenMatch best;
  // Legal forms meet legal forms of the same canonical form; a word may be a misspelt legal form
  // ("olo" for OOO, "lttd" for LTD), compared with the form as the other side wrote it. Numbers
  // meet only their equals.
  bool q_form = q.kind == TokenKind::kLegalForm, l_form = l.kind == TokenKind::kLegalForm;
  if (q_form || l_form) {
    if (q_form && l_form) {
      if (q.text == l.text) Consider(&best, 1.0f, Evidence::kExact);
    } else {
      const PreparedToken& word = q_form ? l : q;
      const std::string& form = q_form ? q.surface : l.surface;
      if (word.kind == TokenKind::kWord && !form.empty() && TypoComparable(word.text.size())) {
        size_t len = std::max(word.text.size(), form.size());
        int allowed = std::max(1, AllowedEdits(len));
        int d = BoundedEditDistance(word.text, form, allowed);
        if (d == 0 || word.text == (q_form ? q.text : l.text)) {
          // The form written where it is not one ("co" in the middle of a name for "company").
          Consider(&best, 1.0f, Evidence::kExact);
        } else if (d <= allowed && std::min(word.text.size(), form.size()) >= 2) {
          Consider(&best, len <= 3 ? kShortTypoSimilarity : 1.0f - static_cast<float>(d) / len,
                   Evidence::kTypo, d);
        }
      }
    }
    return best;
  }
  if (q.kind == TokenKind::kNumber || l.kind == TokenKind::kNumber) {
    if (q.text == l.text) Consider(&best, 1.0f, Evidence::kExact);
    return best;
  }
  if (q.text == l.text) {
    Consider(&best, 1.0f, Evidence::kExact);
    return best;
  }
  if (q.text.size() == 1 || l.text.size() == 1) {
    // An initial in the query confirms a listed name part; a full query name against a listed
    // initial cannot be checked beyond its first letter, and counts for less.
    if (q.text[0] == l.text[0])
      Consider(&best, q.text.size() == 1 ? kInitialSimilarity : kListedInitialSimilarity,
               Evidence::kInitial);
    return best;
  }
  // A particle ("al", "bin", "de") is the same particle or nothing: a name that is one letter
  // from it ("ali", "bint") is another word, and would otherwise borrow the particle's low weight.
  // One letter changed or two swapped in a particle of three letters or more ("teh" for "the",
  // "bni" for "bin") leave it that particle, misspelt.
  if ((q.kind == TokenKind::kParticle) != (l.kind == TokenKind::kParticle)) {
    if (q.text.size() >= 3 && q.text.size() == l.text.size() &&
        BoundedEditDistance(q.text, l.text, 1) == 1)
      Consider(&best, kShortTypoSimilarity, Evidence::kTypo, 1);
    return best;
  }
  if (!q.variant.empty() && q.variant == l.variant)
    Consider(&best, kVariantSimilarity, Evidence::kVariant);
  if (!q.phonetic.empty() && q.phonetic == l.phonetic)
    Consider(&best, kSpellingSimilarity, Evidence::kSpelling);
  if (best.similarity >= kSpellingSimilarity) return best;

  // Over-long tokens meet by their keys only: an edit distance would cost the product of their
  // lengths (normalize/name_limits.h).
  const bool typo = TypoComparable(q.text.size()) && TypoComparable(l.text.size());
  if (q.transliterated || l.transliterated) {
    // Unvowelled transliterations: only the consonant skeleton is reliable, and a skeleton of
    // one or two letters says little.
    if (q.skeleton.size() >= 2 && q.skeleton == l.skeleton) {
      Consider(
          &best,
          q.skeleton.size() >= 3 ? kTransliterationSimilarity : kShortTransliterationSimilarity,
          Evidence::kTransliteration);
    } else if (typo && q.skeleton.size() >= 4 && l.skeleton.size() >= 4 &&
               BoundedEditDistance(q.skeleton, l.skeleton, 1) <= 1) {
      Consider(&best, kShortTransliterationSimilarity, Evidence::kTransliteration);
    }
    CompareAbjadSpelling(q, l, &best);
  }
  size_t len = std::max(q.text.size(), l.text.size());
  if (typo && len <= 3) {
    // One letter apart on a short token (Mei/Meu, Bin/Bib) is weak evidence: many short names
    // are one letter apart (Ali/Ari).
    if (std::min(q.text.size(), l.text.size()) >= 2 && ByteSetsAllow(q.text_set, l.text_set, 1) &&
        BoundedEditDistance(q.text, l.text, 1) <= 1)
      Consider(&best, kShortTypoSimilarity, Evidence::kTypo, 1);
  } else if (typo) {
    int allowed = AllowedEdits(len);
    // BoundedEditDistance returns at once on a length gap; the byte sets catch most other misses.
    int d = ByteSetsAllow(q.text_set, l.text_set, allowed)
                ? BoundedEditDistance(q.text, l.text, allowed)
                : allowed + 1;
    if (d <= allowed) Consider(&best, 1.0f - static_cast<float>(d) / len, Evidence::kTypo, d);
    if (!q.phonetic.empty() && !l.phonetic.empty()) {
      size_t plen = std::max(q.phonetic.size(), l.phonetic.size());
      int bound = std::min(allowed, AllowedEdits(plen));
      int pd = ByteSetsAllow(q.phonetic_set, l.phonetic_set, bound)
                   ? BoundedEditDistance(q.phonetic, l.phonetic, bound)
                   : bound + 1;
      if (pd <= bound && pd < d)
        Consider(&best, 1.0f - static_cast<float>(pd) / std::max<size_t>(plen, len) - 0.02f,
                 Evidence::kTypo, pd);
    }
  }
  if (q.skeleton.size() >= 3 && q.skeleton == l.skeleton && q.text[0] == l.text[0] &&
      q.text.size() <= l.text.size() + 1 && l.text.size() <= q.text.size() + 1)
    Consider(&best, kPhoneticSimilarity, Evidence::kPhonetic);
  return best;
}

// Two tokens of one script that names are compared in (own_script.h) are no closer than their
// letters there are, read as a Latin typo would be: one letter apart in a short token (a Hangul
// syllable's jamo, a Han character) is weak evidence, longer tokens lose a share per edit. Only
// ever lowers the romanised similarity, so the index's bounds (NameIndex) still hold.
void CapInOwnScript(const PreparedToken& q, const PreparedToken& l, TokenMatch* m) {
  ScriptDistance d;
  if (m->similarity <= 0 || !OwnScriptDistance(q, l, &d) || d.edits == 0) return;
  float cap = 0;
  if (d.length <= 3) {
    cap = d.edits == 1 ? kShortTypoSimilarity : 0.0f;
  } else if (d.edits <= AllowedEdits(d.length)) {
    cap = 1.0f - static_cast<float>(d.edits) / static_cast<float>(d.length);
  }
  if (cap >= m->similarity) return;
  m->similarity = cap;
  m->evidence = cap > 0 ? Evidence::kTypo : Evidence::kNone;
  m->edits = static_cast<uint8_t>(d.edits);
}

}  // namespace

TokenMatch CompareTokens(const PreparedToken& q, const PreparedToken& l) {
  TokenMatch m = CompareRomanised(q, l);
  CapInOwnScript(q, l, &m);
  return m;
}

float TokenSimilarityOf(const PreparedToken& query, const PreparedToken& list) {
  return CompareTokens(query, list).similarity;
}

namespace {

// True when the two pairs share a token on either side.
bool Conflict(const AlignedPair& a, const AlignedPair& b) {
  for (int x : a.query)
    for (int y : b.query)
      if (x >= 0 && x == y) return true;
  for (int x : a.list)
    for (int y : b.list)
      if (x >= 0 && x == y) return true;
  return false;
}

bool MayBePerson(Schema s) { return s == Schema::kPerson || s == Schema::kEntity; }

// True when one token of `name` is a word of two letters or more, and the others forms, units,
// particles or initials.
bool LoneWord(const PreparedName& name) {
  int words = 0;
  for (const PreparedToken& t : name.tokens)
    words += (t.kind == TokenKind::kWord && !t.initial) || t.kind == TokenKind::kNumber;
  return words == 1;
}

// Two words, neither a legal form, the longer of at most kShortOrganisationWord letters, whose
// consonant skeletons differ or are too short to say much ("iwill", "evil": "l").
constexpr size_t kShortOrganisationWord = 5;
bool ShortOrganisationWord(const PreparedToken& q, const PreparedToken& l) {
  return q.kind == TokenKind::kWord && l.kind == TokenKind::kWord &&
         std::max(q.text.size(), l.text.size()) <= kShortOrganisationWord &&
         (q.skeleton != l.skeleton || q.skeleton.size() < 3);
}

// True when `longer` is `shorter` with one letter more at its start or its end.
bool OneLetterAtAnEnd(const std::string& shorter, const std::string& longer) {
  return longer.size() == shorter.size() + 1 && (longer.compare(1, shorter.size(), shorter) == 0 ||
                                                 longer.compare(0, shorter.size(), shorter) == 0);
}

// The one word of an organisation's name paired with a listed word as another coined name
// would be: by sound alone (Photron, PITARON; Dateno, DATANA: company names are coined on the
// same consonants), by a letter more or less at an end of the word (Importek, IMPORTEKS;
// Atronics, JATRONICS: names are coined that way, while typos fall inside a word), or as a short
// word one or two letters from another (ShortOrganisationWord). No other word of the query
// confirms such a pair; a respelling (Paiandan, Payandan) or a typo inside the word still pairs.
bool AnotherCoinedWord(const PreparedToken& q, const PreparedToken& l, const TokenMatch& t) {
  if (t.evidence == Evidence::kPhonetic) return true;
  if (t.evidence != Evidence::kTypo) return false;
  if (t.edits == 1 && (OneLetterAtAnEnd(q.text, l.text) || OneLetterAtAnEnd(l.text, q.text)))
    return true;
  return ShortOrganisationWord(q, l);
}

// "son of" / "daughter of": the name on either side of it is another person's.
bool Parentage(const PreparedToken& t) {
  return t.kind == TokenKind::kParticle &&
         (t.variant == "bin" || t.text == "bint" || t.text == "binti" || t.text == "ould");
}

// True when a query "X bin Y" meets a listed "Y bin X": every token may be there, but father and
// son have changed places. Only the tokens on both sides of the particle count, on both names,
// so that a list name written "SURNAME, Given bin Father" is not read as a swap. A chain of two
// or more reversed end to end ("Z bin Y bin X" for X BIN Y BIN Z) is the whole name written
// backwards, family name first, and scores as any other order.
// lo and hi: the first and last list token paired with each query token, -1 when unpaired.
bool SwapsParentage(const PreparedName& q, const PreparedName& l, const std::vector<int>& lo,
                    const std::vector<int>& hi) {
  int swapped = 0, kept = 0;
  for (size_t i = 1; i + 1 < q.tokens.size(); ++i) {
    if (!Parentage(q.tokens[i])) continue;
    const int before = lo[i - 1], after = lo[i + 1];
    if (before < 0 || after < 0 || hi[i - 1] != before || hi[i + 1] != after) continue;
    if (before == after + 2 && Parentage(l.tokens[after + 1])) ++swapped;
    if (after == before + 2 && Parentage(l.tokens[before + 1])) ++kept;
  }
  return swapped > 0 && (swapped == 1 || kept > 0);
}

// The list positions [begin, end) where query token i belongs: between the list partners of its
// nearest paired neighbours in the query (from the start or to the end of the list name when it
// has none on that side), or the whole list name when those partners are out of order.
std::pair<int, int> Slot(const std::vector<int>& lo, const std::vector<int>& hi, int i, int m) {
  int begin = 0, end = m;
  for (int k = i - 1; k >= 0; --k)
    if (hi[k] >= 0) {
      begin = hi[k] + 1;
      break;
    }
  for (int k = i + 1; k < static_cast<int>(lo.size()); ++k)
    if (lo[k] >= 0) {
      end = lo[k];
      break;
    }
  if (begin > end) return {0, m};
  return {begin, end};
}

// The first list word in `slot` left unpaired, or -1.
int Substituted(const PreparedName& l, const std::vector<char>& l_used, std::pair<int, int> slot) {
  for (int j = slot.first; j < slot.second; ++j)
    if (!l_used[j] && l.tokens[j].kind == TokenKind::kWord) return j;
  return -1;
}

uint64_t MixKey(uint64_t key) {
  key ^= key >> 31;
  key *= 0x9e3779b97f4a7c15ull;
  return key ^ (key >> 29);
}

}  // namespace

float IndexBoundFor(float score, Schema query) {
  if (!MayBePerson(query) || score <= 0) return score;
  // With x the share of the query's weight left unpaired, a coverage c0 counting it in full
  // becomes at most c0 / (1 − (1 − f) x), and x <= 1 − c0 (a paired token covers at most its
  // own weight): c0 / (f + (1 − f) c0) >= score solves to the bound below.
  constexpr float f = kInsertedPartFactor;
  return score * f / (1.0f - score * (1.0f - f));
}

AlignOptions AlignOptionsFor(Schema listed) {
  return AlignOptions{listed == Schema::kPerson ? 0.2f : 0.4f};
}

struct NameAligner::Candidate {
  AlignedPair pair;
  float gain;  // similarity × the weight the pair covers on both sides
};

struct NameAligner::MemoEntry {
  uint64_t key = 0;
  uint32_t stamp = 0;
  TokenMatch match;
};

NameAligner::NameAligner(size_t memo_capacity)
    : memo_(memo_capacity ? std::bit_ceil(memo_capacity) : 0) {}
NameAligner::~NameAligner() = default;

void NameAligner::Reset(const PreparedName& query) {
  query_ = &query;
  memo_live_ = 0;
  if (++stamp_ == 0) {  // wrapped: clear the stamps once every 2^32 queries
    for (MemoEntry& e : memo_) e.stamp = 0;
    stamp_ = 1;
  }
}

// query_slot: i for query token i, tokens.size() + i for join i.
TokenMatch NameAligner::Compare(size_t query_slot, const PreparedToken& q, const PreparedToken& l) {
  if (l.id == kNoTokenId || memo_.empty()) return CompareTokens(q, l);
  const uint64_t key = (static_cast<uint64_t>(query_slot) << 32) | l.id;
  size_t mask = memo_.size() - 1;
  size_t pos = MixKey(key) & mask;
  for (; memo_[pos].stamp == stamp_; pos = (pos + 1) & mask)
    if (memo_[pos].key == key) return memo_[pos].match;
  TokenMatch m = CompareTokens(q, l);
  if (2 * (memo_live_ + 1) > memo_.size()) {  // half full: grow, keeping this query's entries
    std::vector<MemoEntry> old(memo_.size() * 2);
    old.swap(memo_);
    mask = memo_.size() - 1;
    for (const MemoEntry& e : old) {
      if (e.stamp != stamp_) continue;
      size_t p = MixKey(e.key) & mask;
      while (memo_[p].stamp == stamp_) p = (p + 1) & mask;
      memo_[p] = e;
    }
    pos = MixKey(key) & mask;
    while (memo_[pos].stamp == stamp_) pos = (pos + 1) & mask;
  }
  memo_[pos] = MemoEntry{key, stamp_, m};
  ++memo_live_;
  return m;
}

const NameAlignment& NameAligner::Align(const PreparedName& l, const AlignOptions& opt) {
  const PreparedName& q = *query_;
  NameAlignment& out = out_;
  out.score = 0;
  out.coverage = 0;
  out.pairs.clear();
  out.unmatched_query.clear();
  out.unmatched_list.clear();
  if (q.tokens.empty() || l.tokens.empty() || q.total_weight <= 0) return out;
  const bool person = MayBePerson(q.schema) && MayBePerson(l.schema);
  GatherCandidates(l, person);
  ChoosePairs();
  ScoreChosen(l, opt, person);
  return out;
}

// The candidate pairs of query and list tokens, joins included, with what each covers.
void NameAligner::GatherCandidates(const PreparedName& l, bool person) {
  const PreparedName& q = *query_;
  const int n = static_cast<int>(q.tokens.size());
  const int m = static_cast<int>(l.tokens.size());
  // Initials belong to persons' names: in an organisation's, a letter is an acronym's or a name
  // of its own ("S Life" is no SOVCOMBANK LIFE), and pairs only with the same letter. Nor is the
  // one word of an organisation's name one or two letters from a listed word a typo of it unless
  // both have one consonant skeleton (a respelling: Paiandan, Payandan): company names are coined
  // that close (Miditech, Militech; Hama, Hamas), and no other word of the query confirms it.
  const bool lone_word = !person && LoneWord(q);
  std::vector<Candidate>& cands = cands_;
  cands.clear();
  auto add = [&](int q0, int q1, int l0, int l1, TokenMatch t) {
    if (t.similarity <= 0) return;
    if (!person && (t.evidence == Evidence::kInitial ||
                    (lone_word && AnotherCoinedWord(q.tokens[q0], l.tokens[l0], t))))
      return;
    float w = q.tokens[q0].weight + l.tokens[l0].weight;
    if (q1 >= 0) w += q.tokens[q1].weight;
    if (l1 >= 0) w += l.tokens[l1].weight;
    cands.push_back({{{q0, q1}, {l0, l1}, t}, t.similarity * w});
  };
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j) add(i, -1, j, -1, Compare(i, q.tokens[i], l.tokens[j]));
  // Joins: a query token against two adjacent list tokens, and two query tokens against one.
  // Writing two tokens as one is already a liberty: a join must otherwise be close to exact.
  auto joined = [](TokenMatch t) {
    if (t.evidence == Evidence::kInitial || t.evidence == Evidence::kPhonetic ||
        (t.evidence == Evidence::kTypo && t.edits > 1))
      return TokenMatch{};
    t.similarity *= kJoinFactor;
    t.joined = true;
    return t;
  };
  // Beyond one edit a join is only a respelling or a transliteration, so Latin tokens of quite
  // different lengths cannot pair: skip them without comparing.
  auto may_join = [](const PreparedToken& a, const PreparedToken& b) {
    if (a.initial || b.initial) return false;
    if (a.transliterated || b.transliterated) return true;
    return a.text.size() + 2 >= b.text.size() && b.text.size() + 2 >= a.text.size();
  };
  for (int i = 0; i < n; ++i)
    for (int j = 0; j + 1 < m; ++j)
      if (may_join(q.tokens[i], l.joins[j]))
        add(i, -1, j, j + 1, joined(Compare(i, q.tokens[i], l.joins[j])));
  for (int i = 0; i + 1 < n; ++i)
    for (int j = 0; j < m; ++j)
      if (may_join(q.joins[i], l.tokens[j]))
        add(i, i + 1, j, -1, joined(Compare(n + i, q.joins[i], l.tokens[j])));
}

// Picks a conflict-free set of candidates into chosen_: greedily, then improved by swaps.
void NameAligner::ChoosePairs() {
  std::vector<Candidate>& cands = cands_;
  // Greedy: strongest evidence first; among equals, the pair that covers more weight.
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.pair.match.similarity != b.pair.match.similarity)
      return a.pair.match.similarity > b.pair.match.similarity;
    return a.gain > b.gain;
  });
  std::vector<const Candidate*>& chosen = chosen_;
  chosen.clear();
  for (const Candidate& c : cands) {
    bool free = true;
    for (const Candidate* x : chosen) free = free && !Conflict(c.pair, x->pair);
    if (free) chosen.push_back(&c);
  }
  // Then swaps: a pair left out replaces the pairs it conflicts with when it covers more, as when
  // "al" ~ "al" took the token that "aldin" ~ "al" + "din" needed.
  for (bool improved = true; improved;) {
    improved = false;
    for (const Candidate& c : cands) {
      if (std::find(chosen.begin(), chosen.end(), &c) != chosen.end()) continue;
      float lost = 0;
      for (const Candidate* x : chosen)
        if (Conflict(c.pair, x->pair)) lost += x->gain;
      if (c.gain <= lost + 1e-6f) continue;
      chosen.erase(std::remove_if(chosen.begin(), chosen.end(),
                                  [&](const Candidate* x) { return Conflict(c.pair, x->pair); }),
                   chosen.end());
      chosen.push_back(&c);
      // Tokens freed by the swap may pair again.
      for (const Candidate& d : cands) {
        bool free = true;
        for (const Candidate* x : chosen) free = free && !Conflict(d.pair, x->pair);
        if (free) chosen.push_back(&d);
      }
      improved = true;
      break;
    }
  }
}

// The coverage and score of the chosen pairs, into out_.
void NameAligner::ScoreChosen(const PreparedName& l, const AlignOptions& opt, bool person) {
  const PreparedName& q = *query_;
  NameAlignment& out = out_;
  const int n = static_cast<int>(q.tokens.size());
  const int m = static_cast<int>(l.tokens.size());
  std::vector<const Candidate*>& chosen = chosen_;
  // A query token matched by anything but equality weighs what its list partner weighs: a typo
  // turns a common word ("compamy") into an unknown, falsely rare one.
  q_used_.assign(n, 0);
  l_used_.assign(m, 0);
  float matched = 0, query_weight = 0;
  for (const Candidate* c : chosen) {
    const AlignedPair& p = c->pair;
    float lw = 0, qw = 0;
    for (int k : p.list)
      if (k >= 0) {
        l_used_[k] = kPaired;
        lw += l.tokens[k].weight;
      }
    for (int k : p.query)
      if (k >= 0) {
        q_used_[k] = 1;
        qw += q.tokens[k].weight;
      }
    bool fuzzy = p.match.evidence != Evidence::kExact && p.match.evidence != Evidence::kInitial;
    float w = fuzzy || p.match.joined ? std::min(qw, lw) : qw;
    matched += w * p.match.similarity;
    query_weight += w;
    out.pairs.push_back(p);
  }
  std::sort(out.pairs.begin(), out.pairs.end(),
            [](const AlignedPair& a, const AlignedPair& b) { return a.query[0] < b.query[0]; });
  q_lo_.assign(n, -1);
  q_hi_.assign(n, -1);
  for (const AlignedPair& p : out.pairs)
    for (int k : p.query)
      if (k >= 0) {
        q_lo_[k] = p.list[0];
        q_hi_[k] = std::max(p.list[0], p.list[1]);
      }
  // A person's query part left unpaired is inserted or substituted. Substituted: the list name
  // leaves a word unpaired in the same slot ("Paul" where the list says PETER, an initial "P"
  // where it says QUINCY); it contradicts the list name and costs at least what that listed word
  // weighs, on top of the list penalty. Inserted (a father's name, a second surname the list does
  // not record): it costs kInsertedPartFactor of its weight.
  for (int i = 0; i < n; ++i) {
    if (q_used_[i]) continue;
    out.unmatched_query.push_back(i);
    const PreparedToken& t = q.tokens[i];
    float w = t.weight;
    if (person && (t.kind == TokenKind::kWord || t.kind == TokenKind::kParticle)) {
      int sub = t.kind == TokenKind::kWord ? Substituted(l, l_used_, Slot(q_lo_, q_hi_, i, m)) : -1;
      if (sub >= 0) {
        l_used_[sub] = kSubstituted;
        w = std::max(w, l.tokens[sub].weight);
      } else {
        w *= kInsertedPartFactor;
      }
    }
    query_weight += w;
  }
  float list_unmatched = 0;
  // An organisation's listed word that the query lacks ("GALAX TRADING" for "Galax") is what
  // tells the listed body from another of that word: it costs more than a missing form or unit.
  for (int j = 0; j < m; ++j) {
    if (l_used_[j] != kPaired) {
      out.unmatched_list.push_back(j);
      const PreparedToken& t = l.tokens[j];
      bool distinctive = !person && (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber);
      list_unmatched += t.weight * (distinctive ? kMissingListWordFactor : 1.0f);
    }
  }
  out.coverage = query_weight > 0 ? matched / query_weight : 0;
  float penalty =
      l.total_weight > 0 ? std::min(1.0f, opt.list_penalty * list_unmatched / l.total_weight) : 0;
  out.score = std::clamp(out.coverage * (1.0f - penalty), 0.0f, 1.0f);
  if (person && SwapsParentage(q, l, q_lo_, q_hi_)) out.score *= kSwappedParentageFactor;
}

NameAlignment AlignNames(const PreparedName& query, const PreparedName& list,
                         const AlignOptions& options) {
  NameAligner aligner(0);
  aligner.Reset(query);
  return aligner.Align(list, options);
}

}  // namespace interdict
