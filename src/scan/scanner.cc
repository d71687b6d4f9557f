#include "scan/scanner.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "match/explain.h"
#include "match/matcher.h"
#include "match/name_scorer.h"

namespace interdict {

std::string_view HitKindName(HitKind kind) {
  switch (kind) {
    case HitKind::kParty:
      return "party";
    case HitKind::kIdentifier:
      return "identifier";
    case HitKind::kJurisdiction:
      return "jurisdiction";
  }
  return "party";
}

namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr uint32_t kPossible = UINT32_MAX - 1;  // an occurrence of a capitalised unknown word
// Text is scanned in pieces of about this size, cut at blank lines or line ends, so that the
// working memory stays bounded whatever the document's size.
constexpr size_t kChunkBytes = size_t{1} << 20;
// A list token whose TokenStats weight is below this (it is on more than ~75 of 24k list
// names: Mohammad, Ali, Trading, Bank) identifies little on its own.
constexpr float kCommonListWeight = 0.76f;
// Window pairs weaker than this do not stretch the span.
constexpr float kSpanMinSimilarity = 0.5f;
constexpr size_t kMaxFuzzyTerms = 4;
// Occurrence flag beyond the TextTokenFlag bits: found through a key (skeleton) rather than
// the token itself; it may start a candidate but counts only as a possible match.
constexpr uint8_t kOccFuzzy = 0x40;
// The term starts anchors (kOccAnchor) or place phrases (kOccPhrase): spares looking it up.
constexpr uint8_t kOccAnchor = 0x20;
constexpr uint8_t kOccPhrase = 0x80;

struct Occ {
  uint32_t ordinal;  // token number in the chunk
  uint32_t begin;
  uint32_t end;
  uint32_t term;  // kPossible for a capitalised unknown word
  uint8_t flags;  // TextTokenFlag bits and kOccFuzzy
  // kPossible: the folded token's length, first two and last letters, to tell whether it could
  // be a misspelling of a given name part.
  uint8_t len = 0;
  char first = 0, second = 0, last = 0;
};

// Whether a capitalised unknown word could be `part` misspelt: about the same length, the same
// first letter, and the same second or last letter (typos and respellings keep most of these).
bool Plausible(const Occ& x, const std::string& part) {
  if (part.size() < 2 || x.len < 2) return false;
  const int d = static_cast<int>(x.len) - static_cast<int>(std::min<size_t>(part.size(), 255));
  return d >= -2 && d <= 2 && x.first == part[0] && (x.second == part[1] || x.last == part.back());
}

bool Capitalised(uint8_t flags) { return (flags & (kCapitalised | kCaseless)) != 0; }

size_t Letters(std::string_view folded) {
  size_t n = 0;
  for (char c : folded) n += (c >= 'a' && c <= 'z') ? 1 : 0;
  return n;
}

bool IsWordByte(unsigned char c) { return scan_internal::kAscii.cls[c] != scan_internal::kSep; }

bool ExactEvidence(Evidence e) { return e == Evidence::kExact || e == Evidence::kVariant; }

}  // namespace

// ---- tables ----

struct Scanner::Tables {
  struct Term {
    uint32_t anchor_begin = 0, anchor_end = 0;  // range of anchor_slots
    uint32_t phrase_begin = 0, phrase_end = 0;  // range of phrase_starts
    bool listed = false;                        // part of a list name or a place name
    bool english = false;                       // an everyday English word (CommonWords)
  };
  // Per token of a list name, what the filter and the policy need.
  struct TokenInfo {
    uint32_t term = kNone;  // significant tokens only
    bool sig = false;       // a word (not a particle, legal form or initial) or a number
    bool common = false;    // everyday English word, common on lists, or two letters or fewer
    bool legal = false;
    int16_t country = -1;  // qualifier: index into `countries` (IRAN'S, SYRIAN, OF IRAN)
    bool surname = false;  // before the comma of a person's "SURNAME, Given" name
  };
  // The legal form of a one-token everyday name ("S.A.S." of B-WORK S.A.S.), as its letters
  // ("sas"), written and canonical: the text must have it next to the name.
  struct LegalForms {
    std::vector<std::string> letters;
  };
  struct Slot {
    uint32_t name_id = 0;  // NameIndex name id
    uint32_t entity = 0;
    NameKind kind = NameKind::kPrimary;
    Schema schema = Schema::kEntity;
    uint16_t n_tokens = 0;
    uint16_t n_sig = 0;        // significant tokens, country words included
    uint16_t n_nonqual = 0;    // significant tokens that are not country words
    uint16_t words = 0;        // words of the name as written ("S.A. DE C.V." is four)
    bool strict = false;       // every non-country significant token is common
    bool needs_legal = false;  // one-word name that is an English word or name: legal form too
    bool has_surname = false;  // a person written "SURNAME, Given"
    bool has_legal = false;
    uint32_t tok_begin = 0;  // range of tokens
  };
  struct Phrase {
    uint32_t place = 0;
    uint32_t term_begin = 0, term_end = 0;  // range of phrase_terms
    bool translit = false;   // written in another script: matches romanised text only
    bool capital = false;    // made of everyday English words: must be capitalised
    bool ambiguous = false;  // some spelling folding to these tokens is marked ambiguous
  };

  // Folded token -> term, open addressing on TextTokenHash; the flags spare a second memory
  // access for the many tokens that are only everyday words.
  enum EntryFlag : uint32_t { kListed = 1, kAnchor = 2, kPhrase = 4 };
  struct Entry {
    uint64_t key = 0;  // 0 = empty
    uint32_t term = kNone;
    uint32_t flags = 0;
  };
  std::vector<Entry> entries;
  uint64_t mask = 0;
  std::vector<Term> terms;
  std::vector<std::string> term_text;
  std::vector<uint32_t> anchor_slots;
  std::vector<Slot> slots;
  std::vector<TokenInfo> tokens;
  std::unordered_map<uint32_t, LegalForms> legal;  // slot -> its legal forms (strict one-token)
  std::vector<std::string> countries;              // qualifier country codes
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_variant;   // list tokens' variant class
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_skeleton;  // anchor tokens' skeleton
  std::vector<Phrase> phrases;
  std::vector<uint32_t> phrase_terms;
  std::vector<uint32_t> phrase_starts;  // phrase ids grouped by first term, longest first

  const Entry* Find(uint64_t hash) const {
    for (uint64_t pos = hash & mask;; pos = (pos + 1) & mask) {
      const Entry& e = entries[pos];
      if (e.key == hash) return &e;
      if (e.key == 0) return nullptr;
    }
  }
};

struct Scanner::Session::State {
  std::vector<Occ> occs;
  // Per slot: the window last verified, valid while slot_stamp == stamp.
  std::vector<uint32_t> slot_stamp;
  std::vector<uint32_t> win_begin;
  std::vector<uint32_t> win_end;
  uint32_t stamp = 0;
  // The window last prepared (windows repeat for the names of one anchor).
  size_t cached_begin = SIZE_MAX, cached_end = 0;
  Schema cached_schema = Schema::kEntity;
  PreparedName cached;
  std::vector<uint8_t> used;  // filter scratch
};

Scanner::Session::~Session() = default;

Scanner::Scanner(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                 const TokenStats& stats, const CountryTable& countries,
                 const JurisdictionTable& jurisdictions, const CommonWords& common)
    : snapshot_(std::move(snapshot)),
      normalizer_(normalizer),
      token_stats_(stats),
      countries_(countries),
      jurisdictions_(jurisdictions),
      common_(common),
      tokenizer_(&normalizer),
      tables_(std::make_unique<Tables>()),
      listed_bics_(*snapshot_) {}

Scanner::~Scanner() = default;

std::unique_ptr<Scanner::Session> Scanner::NewSession() const {
  auto s = std::make_unique<Session>();
  s->state = std::make_unique<Session::State>();
  s->state->slot_stamp.assign(tables_->slots.size(), 0);
  s->state->win_begin.assign(tables_->slots.size(), 0);
  s->state->win_end.assign(tables_->slots.size(), 0);
  return s;
}

namespace {

// The country a list-name token stands for, when it is a country word: a country name or demonym
// ("IRAN", "SYRIAN"), or a possessive of one ("IRAN'S", folded "irans").
std::string QualifierCountry(const PreparedToken& t, std::string_view written,
                             const CountryTable& countries, const CommonWords& common) {
  if (t.kind != TokenKind::kWord || t.initial || t.transliterated) return "";
  std::string code = countries.Resolve(t.text);
  if (!code.empty()) return code;
  // An alpha-3 code as written ("USA"), unless the letters are an English word ("ARE").
  if (t.text.size() == 3 && t.end <= written.size() && !common.Contains(t.text) &&
      IsAsciiUpper(written.substr(t.begin, t.end - t.begin))) {
    code = countries.Resolve(written.substr(t.begin, t.end - t.begin));
    if (!code.empty()) return code;
  }
  if (t.text.size() > 3 && t.text.back() == 's' && t.end <= written.size() && t.begin < t.end) {
    std::string_view src = written.substr(t.begin, t.end - t.begin);
    if (EndsWith(src, "'S") || EndsWith(src, "'s") || EndsWith(src, "\xE2\x80\x99S") ||
        EndsWith(src, "\xE2\x80\x99s")) {
      return countries.Resolve(std::string_view(t.text).substr(0, t.text.size() - 1));
    }
  }
  return "";
}

}  // namespace

Status Scanner::Build(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                      const TokenStats& stats, const CountryTable& countries,
                      const JurisdictionTable& jurisdictions, const CommonWords& common,
                      std::unique_ptr<Scanner>* out) {
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<Scanner> s(
      new Scanner(std::move(snapshot), normalizer, stats, countries, jurisdictions, common));
  Tables& t = *s->tables_;
  Stats& st = s->stats_;
  std::unordered_map<std::string, uint32_t> term_ids;
  auto intern = [&](const std::string& text) {
    auto [it, inserted] = term_ids.emplace(text, static_cast<uint32_t>(t.terms.size()));
    if (inserted) {
      t.terms.emplace_back();
      t.term_text.push_back(text);
    }
    t.terms[it->second].listed = true;
    return it->second;
  };
  std::map<std::string, int16_t> country_ids;
  std::vector<std::pair<uint32_t, uint32_t>> anchor_pairs;  // (term, slot)
  std::set<std::pair<uint64_t, uint32_t>> variant_pairs;
  std::set<std::pair<uint64_t, uint32_t>> skeleton_pairs;

  // Words of place names (Petersburg, Bandar, Tehran): in a list name they say where, not who.
  std::unordered_map<std::string, std::string> place_words;
  for (const Place& place : jurisdictions.places()) {
    if (place.kind == PlaceKind::kDemonym) continue;
    size_t bad = 0;
    s->tokenizer_.ForEach(
        place.name, 0,
        [&](const TextToken& tok) {
          if (tok.folded.size() >= 3 && !(tok.flags & kTransliterated) &&
              !common.Contains(tok.folded))
            place_words.emplace(std::string(tok.folded),
                                jurisdictions.jurisdictions()[place.jurisdiction].country());
        },
        &bad);
  }

  const NameIndex& index = s->snapshot_->index();
  const std::vector<Entity>& entities = s->snapshot_->entities();
  st.names = index.name_count();
  for (uint32_t name_id = 0; name_id < index.name_count(); ++name_id) {
    const NameIndex::NameRef& ref = index.ref(name_id);
    const Entity& e = entities[ref.entity];
    const std::string& written = e.names[ref.name].full;
    const PreparedName& pn = index.name(name_id);
    Tables::Slot slot;
    slot.name_id = name_id;
    slot.entity = ref.entity;
    slot.kind = ref.kind;
    slot.schema = e.schema;
    slot.n_tokens = static_cast<uint16_t>(std::min<size_t>(pn.tokens.size(), 60));
    slot.tok_begin = static_cast<uint32_t>(t.tokens.size());
    {
      size_t words = 0;
      for (size_t i = 0; i < written.size(); ++i)
        if (IsWordByte(static_cast<unsigned char>(written[i])) &&
            (i == 0 || !IsWordByte(static_cast<unsigned char>(written[i - 1]))))
          ++words;
      slot.words = static_cast<uint16_t>(std::min<size_t>(words, 60));
    }
    std::vector<Tables::TokenInfo> infos;
    const size_t comma = e.schema == Schema::kPerson ? written.find(',') : std::string::npos;
    for (size_t ti = 0; ti < pn.tokens.size(); ++ti) {
      const PreparedToken& pt = pn.tokens[ti];
      Tables::TokenInfo info;
      info.legal = pt.kind == TokenKind::kLegalForm;
      info.sig = (pt.kind == TokenKind::kWord && !pt.initial) || pt.kind == TokenKind::kNumber;
      if (info.sig) {
        info.common = common.IsKnown(pt.text) || Letters(pt.text) <= 2 ||
                      (pt.kind == TokenKind::kWord && pt.weight < kCommonListWeight) ||
                      (pt.kind == TokenKind::kNumber && pt.text.size() < 4);
        info.surname = comma != std::string::npos && pt.end <= comma;
        // A country or place word: the country it names.
        std::string code = QualifierCountry(pt, written, countries, common);
        if (code.empty() && pt.kind == TokenKind::kWord && !pt.transliterated) {
          auto place = place_words.find(pt.text);
          if (place != place_words.end()) code = place->second;
        }
        // Two words naming a country together ("HONG KONG", "SOUTH AFRICA").
        for (size_t other : {ti + 1, ti - 1}) {
          if (!code.empty() || other >= pn.tokens.size() || pt.kind != TokenKind::kWord) continue;
          const PreparedToken& a = pn.tokens[std::min(ti, other)];
          const PreparedToken& b = pn.tokens[std::max(ti, other)];
          code = countries.Resolve(a.text + " " + b.text);
        }
        if (!code.empty()) {
          auto [it, inserted] = country_ids.emplace(code, static_cast<int16_t>(t.countries.size()));
          if (inserted) t.countries.push_back(code);
          info.country = it->second;
        }
      }
      infos.push_back(info);
    }
    for (const Tables::TokenInfo& info : infos) {
      slot.has_surname |= info.surname;
      slot.has_legal |= info.legal;
      if (!info.sig) continue;
      ++slot.n_sig;
      if (info.country < 0) ++slot.n_nonqual;
    }
    bool has_legal = false, strict = true;
    int one = -1;
    for (size_t i = 0; i < infos.size(); ++i) {
      has_legal |= infos[i].legal;
      if (infos[i].sig && infos[i].country < 0) {
        strict &= infos[i].common;
        one = static_cast<int>(i);
      }
    }
    slot.strict = strict;
    if (slot.n_nonqual == 0) {
      ++st.names_never;  // a country word alone ("IRAN"): a jurisdiction, not a party
      continue;
    }
    if (slot.n_sig == 1) {
      // One word: a person's single name part, a vessel's name, a short code, or an English
      // word or name without its legal form never identifies anyone in prose.
      const PreparedToken& only = pn.tokens[static_cast<size_t>(one)];
      slot.needs_legal = strict || common.IsKnown(only.text);
      if (e.schema == Schema::kPerson || e.schema == Schema::kVessel ||
          e.schema == Schema::kAircraft || only.text.size() < 4 ||
          (slot.needs_legal && !has_legal)) {
        ++st.names_never;  // ALPHA, UNITY, AL, DANIEL, a single given name, a short code
        continue;
      }
    }
    // Anchors: the most identifying non-country tokens; everyday ones only for strict names.
    std::vector<size_t> order;
    for (size_t i = 0; i < infos.size(); ++i)
      if (infos[i].sig && infos[i].country < 0 && (strict || !infos[i].common)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (pn.tokens[a].weight != pn.tokens[b].weight)
        return pn.tokens[a].weight > pn.tokens[b].weight;
      return pn.tokens[a].text.size() > pn.tokens[b].text.size();
    });
    order.resize(std::min<size_t>(order.size(), strict ? 1 : 2));
    const uint32_t slot_id = static_cast<uint32_t>(t.slots.size());
    if (slot.needs_legal || (strict && has_legal)) {
      Tables::LegalForms forms;
      for (const PreparedToken& pt : pn.tokens) {
        if (pt.kind != TokenKind::kLegalForm) continue;
        forms.letters.push_back(pt.text);
        std::string letters;
        for (char c : written.substr(pt.begin, pt.end - pt.begin))
          if (std::isalnum(static_cast<unsigned char>(c)))
            letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (!letters.empty()) forms.letters.push_back(letters);
      }
      t.legal[slot_id] = std::move(forms);
    }
    for (size_t i = 0; i < infos.size(); ++i) {
      if (!infos[i].sig) continue;
      const PreparedToken& pt = pn.tokens[i];
      infos[i].term = intern(pt.text);
      variant_pairs.emplace(TextTokenHash(pt.variant), infos[i].term);
    }
    for (size_t i : order) {
      anchor_pairs.emplace_back(infos[i].term, slot_id);
      const std::string& sk = pn.tokens[i].skeleton;
      if (sk.size() >= 3) skeleton_pairs.emplace(TextTokenHash(sk), infos[i].term);
    }
    if (strict) ++st.strict_names;
    t.tokens.insert(t.tokens.end(), infos.begin(), infos.end());
    t.slots.push_back(slot);
  }
  st.names_scanned = t.slots.size();

  // Jurisdiction phrases, tokenised exactly as text is.
  std::map<std::pair<uint32_t, std::vector<uint32_t>>, uint32_t> seen_phrases;
  std::vector<std::vector<uint32_t>> phrase_seq;
  for (uint32_t p = 0; p < jurisdictions.places().size(); ++p) {
    const Place& place = jurisdictions.places()[p];
    std::vector<uint32_t> seq;
    bool translit = false, all_common = true;
    size_t bad = 0;
    bool ok = s->tokenizer_.ForEach(
        place.name, 0,
        [&](const TextToken& tok) {
          seq.push_back(intern(std::string(tok.folded)));
          translit |= (tok.flags & kTransliterated) != 0;
          all_common &= common.Contains(tok.folded);
        },
        &bad);
    if (!ok || seq.empty()) {
      return Status::InvalidInput("jurisdictions table line " + std::to_string(place.line) + ": '" +
                                  place.name + "' has no letters to match");
    }
    // Spellings that fold alike are one phrase, ambiguous if any of them is (Sébastopol is
    // Sebastopol).
    auto [seen, fresh] = seen_phrases.emplace(std::make_pair(place.jurisdiction, seq),
                                              static_cast<uint32_t>(t.phrases.size()));
    if (!fresh) {
      t.phrases[seen->second].ambiguous |= place.ambiguous;
      continue;
    }
    Tables::Phrase ph;
    ph.place = p;
    ph.translit = translit;
    ph.capital = all_common && !translit;
    ph.ambiguous = place.ambiguous;
    t.phrases.push_back(ph);
    phrase_seq.push_back(std::move(seq));
  }
  // A spelling listed both plainly and as ambiguous (under one jurisdiction) counts as plain:
  // the first listed wins, and the table lists plain names first.
  std::vector<std::pair<uint32_t, uint32_t>> phrase_pairs;  // (first term, phrase)
  for (uint32_t i = 0; i < t.phrases.size(); ++i) {
    t.phrases[i].term_begin = static_cast<uint32_t>(t.phrase_terms.size());
    t.phrase_terms.insert(t.phrase_terms.end(), phrase_seq[i].begin(), phrase_seq[i].end());
    t.phrases[i].term_end = static_cast<uint32_t>(t.phrase_terms.size());
    phrase_pairs.emplace_back(phrase_seq[i][0], i);
  }
  std::stable_sort(phrase_pairs.begin(), phrase_pairs.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return phrase_seq[a.second].size() > phrase_seq[b.second].size();
  });
  for (size_t i = 0; i < phrase_pairs.size(); ++i) {
    Tables::Term& term = t.terms[phrase_pairs[i].first];
    if (i == 0 || phrase_pairs[i - 1].first != phrase_pairs[i].first)
      term.phrase_begin = static_cast<uint32_t>(i);
    term.phrase_end = static_cast<uint32_t>(i + 1);
    t.phrase_starts.push_back(phrase_pairs[i].second);
  }
  st.phrases = t.phrases.size();
  // Everyday English words: known to the vocabulary so that one lookup tells a misspelt name
  // (a capitalised unknown word) from an ordinary word.
  for (const std::string& w : common.words()) {
    auto [it, inserted] = term_ids.emplace(w, static_cast<uint32_t>(t.terms.size()));
    if (inserted) {
      t.terms.emplace_back();
      t.term_text.push_back(w);
    }
    t.terms[it->second].english = true;
  }

  std::sort(anchor_pairs.begin(), anchor_pairs.end());
  anchor_pairs.erase(std::unique(anchor_pairs.begin(), anchor_pairs.end()), anchor_pairs.end());
  for (size_t i = 0; i < anchor_pairs.size(); ++i) {
    Tables::Term& term = t.terms[anchor_pairs[i].first];
    if (i == 0 || anchor_pairs[i - 1].first != anchor_pairs[i].first)
      term.anchor_begin = static_cast<uint32_t>(i);
    term.anchor_end = static_cast<uint32_t>(i + 1);
    t.anchor_slots.push_back(anchor_pairs[i].second);
  }
  st.anchors = anchor_pairs.size();
  for (const auto& [h, term] : variant_pairs) t.by_variant[h].push_back(term);
  for (const auto& [h, term] : skeleton_pairs) t.by_skeleton[h].push_back(term);

  size_t capacity = 16;
  while (capacity < t.terms.size() * 2) capacity <<= 1;
  t.entries.assign(capacity, Tables::Entry{});
  t.mask = capacity - 1;
  for (uint32_t i = 0; i < t.terms.size(); ++i) {
    const uint64_t h = TextTokenHash(t.term_text[i]);
    uint64_t pos = h & t.mask;
    while (t.entries[pos].key != 0 && t.entries[pos].key != h) pos = (pos + 1) & t.mask;
    if (t.entries[pos].key == h) continue;  // a 64-bit collision: never seen; first term keeps it
    const Tables::Term& term = t.terms[i];
    t.entries[pos] = {h, i,
                      (term.listed ? Tables::kListed : 0u) |
                          (term.anchor_end > term.anchor_begin ? Tables::kAnchor : 0u) |
                          (term.phrase_end > term.phrase_begin ? Tables::kPhrase : 0u)};
  }
  st.terms = t.terms.size();

  size_t bytes = t.entries.capacity() * sizeof(Tables::Entry) +
                 t.terms.capacity() * sizeof(Tables::Term) + t.anchor_slots.capacity() * 4 +
                 t.slots.capacity() * sizeof(Tables::Slot) +
                 t.tokens.capacity() * sizeof(Tables::TokenInfo) +
                 t.phrases.capacity() * sizeof(Tables::Phrase) + t.phrase_terms.capacity() * 4 +
                 t.phrase_starts.capacity() * 4;
  for (const std::string& x : t.term_text) bytes += sizeof(std::string) + x.capacity();
  for (const auto* m : {&t.by_variant, &t.by_skeleton})
    for (const auto& [h, v] : *m) bytes += 48 + v.capacity() * 4;
  st.memory_bytes = bytes;
  st.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *out = std::move(s);
  return Status::Ok();
}

// ---- scanning ----

namespace {

// True when the separator run text[s, e) ends a sentence or a paragraph: a blank line, or . ! ?
// followed by white space after a word of four letters or more with a lower-case letter (so
// that initials, "Co.", "Ltd." and all-capital text do not end anything).
bool IsBoundary(std::string_view text, size_t s, size_t e, size_t lo) {
  int newlines = 0;
  for (size_t i = s; i < e; ++i) {
    if (text[i] == '\n' && ++newlines >= 2) return true;
  }
  for (size_t i = s; i < e; ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n' && text[i + 1] != '\r' &&
        text[i + 1] != '\t')
      continue;
    size_t w = s, letters = 0;
    bool lower = false;
    while (w > lo && IsWordByte(static_cast<unsigned char>(text[w - 1])) && s - w < 64) {
      const char x = text[--w];
      if ((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z')) ++letters;
      lower |= x >= 'a' && x <= 'z';
    }
    if (letters >= 4 && lower) return true;
  }
  return false;
}

// The byte range of up to `words` words on each side of [b, e), within [lo, hi), not crossing a
// sentence or paragraph boundary.
std::pair<size_t, size_t> ExpandWindow(std::string_view text, size_t lo, size_t hi, size_t b,
                                       size_t e, int words) {
  size_t pos = b;
  for (int k = 0; k < words; ++k) {
    size_t s = pos;
    while (s > lo && !IsWordByte(static_cast<unsigned char>(text[s - 1]))) --s;
    if (s == lo || IsBoundary(text, s, pos, lo)) break;
    size_t ws = s;
    while (ws > lo && IsWordByte(static_cast<unsigned char>(text[ws - 1]))) --ws;
    pos = ws;
  }
  const size_t wb = pos;
  pos = e;
  for (int k = 0; k < words; ++k) {
    size_t x = pos;
    while (x < hi && !IsWordByte(static_cast<unsigned char>(text[x]))) ++x;
    if (x == hi || IsBoundary(text, pos, x, lo)) break;
    size_t we = x;
    while (we < hi && IsWordByte(static_cast<unsigned char>(text[we]))) ++we;
    pos = we;
  }
  return {wb, pos};
}

// True when one of `forms` is written right after the name's evidence [b, e) or right before
// it ("OOO ALFA"), letters only ("S.A.S." is "sas").
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

std::string JurisdictionSentence(const Hit& h) {
  const Jurisdiction& j = *h.jurisdiction;
  std::string what;
  if (h.place == nullptr) {
    what = "'" + h.text + "' is the " + h.how + " of " + j.name;
  } else if (h.place->kind == PlaceKind::kDemonym) {
    what = "'" + h.text + "' refers to " + j.name;
  } else if (h.place->kind == PlaceKind::kCountry || h.place->kind == PlaceKind::kRegion) {
    what = "'" + h.text + "' names " + j.name;
  } else {
    what =
        "'" + h.text + "' names a " + std::string(PlaceKindName(h.place->kind)) + " in " + j.name;
  }
  return what + " (" + std::string(JurisdictionLevelName(j.level)) + "): " + j.programmes + ".";
}

}  // namespace

bool Scanner::CountryCodeMention(std::string_view code, std::string_view how,
                                 const ScanOptions& options, Mention* out) const {
  if (code.size() != 2) return false;
  const int idx = jurisdictions_.IndexOf(code);
  if (idx < 0) return false;
  const Jurisdiction& j = jurisdictions_.jurisdictions()[static_cast<size_t>(idx)];
  Mention m;
  m.hit.kind = HitKind::kJurisdiction;
  m.hit.text = std::string(code);
  m.hit.end = static_cast<uint32_t>(code.size());
  m.hit.char_end = m.hit.end;
  m.hit.score = 1.0f;
  m.hit.jurisdiction = &j;
  m.hit.how = std::string(how);
  m.hit.sentence = JurisdictionSentence(m.hit);
  m.reported = options.sectoral || j.level != JurisdictionLevel::kSectoral;
  *out = std::move(m);
  return true;
}

Status Scanner::Scan(std::string_view text, const ScanOptions& options, Session* session,
                     std::vector<Hit>* out) const {
  std::vector<Mention> mentions;
  INTERDICT_RETURN_IF_ERROR(ScanPart(text, options, session, &mentions));
  ScanContext context;
  context.Add(std::move(mentions));
  *out = context.Resolve();
  return Status::Ok();
}

Status Scanner::ScanPart(std::string_view text, const ScanOptions& options, Session* session,
                         std::vector<Mention>* out) const {
  out->clear();
  if (text.size() >= UINT32_MAX)
    return Status::InvalidInput("text of " + std::to_string(text.size()) +
                                " bytes: more than 4 GiB cannot be scanned in one piece");
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + kChunkBytes);
    if (end < text.size()) {
      // Cut at a blank line, else a line end, else a space, in the second half of the chunk.
      const size_t from = pos + kChunkBytes / 2;
      std::string_view piece = text.substr(from, end - from);
      size_t cut = piece.rfind("\n\n");
      if (cut == std::string_view::npos) cut = piece.rfind('\n');
      if (cut == std::string_view::npos) cut = piece.rfind(' ');
      if (cut != std::string_view::npos) {
        end = from + cut + 1;
      } else {
        while (end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      }
    }
    std::vector<Mention> part;
    INTERDICT_RETURN_IF_ERROR(ScanChunk(text, pos, end, options, session, &part));
    for (Mention& m : part) out->push_back(std::move(m));
    pos = end;
  }
  std::vector<Hit*> hits;
  for (Mention& m : *out) hits.push_back(&m.hit);
  FillCharOffsets(text, &hits);
  return Status::Ok();
}

Status Scanner::ScanChunk(std::string_view text, size_t begin, size_t end,
                          const ScanOptions& options, Session* session,
                          std::vector<Mention>* out) const {
  const Tables& t = *tables_;
  Session::State* state = session->state.get();
  Session::Counters& counters = session->counters;
  std::vector<Occ>& occs = state->occs;
  occs.clear();
  if (++state->stamp == 0) {
    std::fill(state->slot_stamp.begin(), state->slot_stamp.end(), 0);
    state->stamp = 1;
  }
  state->cached_begin = SIZE_MAX;
  uint32_t ordinal = 0;
  size_t bad = 0;
  const bool ok = tokenizer_.ForEach(
      text.substr(begin, end - begin), static_cast<uint32_t>(begin),
      [&](const TextToken& tok) {
        ++ordinal;
        const Tables::Entry* term = t.Find(tok.hash);
        // "Iran's" is also "Iran" (a jurisdiction, a name part).
        const Tables::Entry* base =
            (tok.flags & kPossessive)
                ? t.Find(TextTokenHash(tok.folded.substr(0, tok.folded.size() - 1)))
                : nullptr;
        if (term != nullptr || base != nullptr) {
          for (const Tables::Entry* x : {term, base}) {
            if (x == nullptr || !(x->flags & Tables::kListed)) continue;
            uint8_t flags = tok.flags;
            if (x->flags & Tables::kAnchor) flags |= kOccAnchor;
            if (x->flags & Tables::kPhrase) flags |= kOccPhrase;
            occs.push_back({ordinal, tok.begin, tok.end, x->term, flags});
          }
          return;
        }
        size_t added = 0;
        auto add_all = [&](const std::unordered_map<uint64_t, std::vector<uint32_t>>& m,
                           std::string_view key, uint8_t extra) {
          auto it = m.find(TextTokenHash(key));
          if (it == m.end()) return;
          for (uint32_t x : it->second) {
            if (added == kMaxFuzzyTerms) break;
            const Tables::Term& tx = t.terms[x];
            uint8_t flags = static_cast<uint8_t>(tok.flags | extra);
            if (tx.anchor_end > tx.anchor_begin) flags |= kOccAnchor;
            if (tx.phrase_end > tx.phrase_begin) flags |= kOccPhrase;
            occs.push_back({ordinal, tok.begin, tok.end, x, flags});
            ++added;
          }
        };
        if (tok.normalized != nullptr) {
          if (tok.normalized->variant != tok.normalized->text)
            add_all(t.by_variant, tok.normalized->variant, 0);
          if (added == 0 && (tok.flags & kTransliterated) && tok.normalized->skeleton.size() >= 3)
            add_all(t.by_skeleton, tok.normalized->skeleton, kOccFuzzy);
        } else if ((tok.flags & kCapitalised) && tok.folded.size() >= 4) {
          // A respelling of a name part (Qadhafi, Gaddafi): same consonant skeleton, same first
          // letter, about the same length.
          const std::string sk = NameNormalizer::Skeleton(tok.folded);
          auto it = sk.size() >= 4 ? t.by_skeleton.find(TextTokenHash(sk)) : t.by_skeleton.end();
          if (it != t.by_skeleton.end()) {
            for (uint32_t x : it->second) {
              const std::string& tt = t.term_text[x];
              if (added == kMaxFuzzyTerms || tt[0] != tok.folded[0] ||
                  tt.size() + 2 < tok.folded.size() || tok.folded.size() + 2 < tt.size())
                continue;
              occs.push_back({ordinal, tok.begin, tok.end, x,
                              static_cast<uint8_t>(tok.flags | kOccFuzzy | kOccAnchor)});
              ++added;
            }
          }
        }
        if (Capitalised(tok.flags) && tok.folded.size() >= 3) {
          Occ x{ordinal, tok.begin, tok.end, kPossible, tok.flags};
          x.len = static_cast<uint8_t>(std::min<size_t>(tok.folded.size(), 255));
          x.first = tok.folded[0];
          x.second = tok.folded[1];
          x.last = tok.folded.back();
          occs.push_back(x);
        }
      },
      &bad);
  counters.tokens += ordinal;
  counters.occurrences += occs.size();
  if (!ok) {
    return Status::InvalidInput("not valid UTF-8 at byte offset " + std::to_string(bad) +
                                " (convert the text to UTF-8 first, e.g. with iconv)");
  }

  // Jurisdictions: exact token sequences, longest first, not overlapping.
  if (options.jurisdictions) {
    uint32_t done_until = 0;  // ordinals below this are inside a phrase found already
    for (size_t k = 0; k < occs.size(); ++k) {
      const Occ& o = occs[k];
      if (!(o.flags & kOccPhrase) || (o.flags & kOccFuzzy) || o.ordinal < done_until) continue;
      const Tables::Term& term = t.terms[o.term];
      for (uint32_t pi = term.phrase_begin; pi < term.phrase_end; ++pi) {
        const Tables::Phrase& ph = t.phrases[t.phrase_starts[pi]];
        const uint32_t len = ph.term_end - ph.term_begin;
        size_t last = k;
        bool match = true;
        for (uint32_t j = 0; j < len && match; ++j) {
          if (j > 0) {
            size_t next = last + 1;
            while (next < occs.size() && occs[next].ordinal == occs[last].ordinal) ++next;
            if (next == occs.size() || occs[next].ordinal != o.ordinal + j) {
              match = false;
              break;
            }
            // Among the occurrences of that token, the exact one.
            size_t q = next;
            while (q < occs.size() && occs[q].ordinal == o.ordinal + j &&
                   occs[q].term != t.phrase_terms[ph.term_begin + j])
              ++q;
            if (q == occs.size() || occs[q].ordinal != o.ordinal + j) {
              match = false;
              break;
            }
            last = q;
          }
          const Occ& x = occs[last];
          if (x.term != t.phrase_terms[ph.term_begin + j] || (x.flags & kOccFuzzy)) match = false;
          if (ph.translit && !(x.flags & kTransliterated)) match = false;
          if (ph.capital && !Capitalised(x.flags)) match = false;
        }
        if (!match) continue;
        const Place& place = jurisdictions_.places()[ph.place];
        const Jurisdiction& j = jurisdictions_.jurisdictions()[place.jurisdiction];
        Mention m;
        m.hit.kind = HitKind::kJurisdiction;
        m.hit.begin = o.begin;
        m.hit.end = occs[last].end;
        m.hit.text = std::string(text.substr(m.hit.begin, m.hit.end - m.hit.begin));
        m.hit.score = 1.0f;
        m.hit.jurisdiction = &j;
        m.hit.place = &place;
        m.hit.how = std::string(PlaceKindName(place.kind));
        m.hit.sentence = JurisdictionSentence(m.hit);
        if (ph.ambiguous)
          m.hit.notes.push_back("'" + m.hit.text +
                                "' is ambiguous: reported because the text names " + j.name +
                                " another way nearby");
        m.ambiguous = ph.ambiguous;
        m.reported = options.sectoral || j.level != JurisdictionLevel::kSectoral;
        out->push_back(std::move(m));
        done_until = o.ordinal + len;
        break;
      }
    }
  }
  if (!options.parties) return Status::Ok();

  // Parties: anchors make candidates; the filter keeps those whose other tokens are near; the
  // scorer decides.
  const NameIndex& index = snapshot_->index();
  const std::vector<Entity>& entities = snapshot_->entities();
  for (size_t k = 0; k < occs.size(); ++k) {
    const Occ& o = occs[k];
    if (!(o.flags & kOccAnchor)) continue;
    const Tables::Term& term = t.terms[o.term];
    for (uint32_t a = term.anchor_begin; a < term.anchor_end; ++a) {
      const uint32_t slot_id = t.anchor_slots[a];
      const Tables::Slot& slot = t.slots[slot_id];
      const bool fuzzy = (o.flags & kOccFuzzy) != 0;
      if (slot.n_sig == 1 && (fuzzy || !Capitalised(o.flags))) continue;
      if (slot.strict && (fuzzy || !Capitalised(o.flags))) continue;
      if (state->slot_stamp[slot_id] == state->stamp && o.begin >= state->win_begin[slot_id] &&
          o.end <= state->win_end[slot_id])
        continue;
      ++counters.candidates;
      // Filter: the name's other parts must be near, exactly (everyday-word names) or also as
      // plausible misspellings.
      const uint32_t reach = slot.n_tokens + 2u;
      size_t lo = k, hi = k;
      while (lo > 0 && occs[lo - 1].ordinal + reach >= o.ordinal) --lo;
      while (hi + 1 < occs.size() && occs[hi + 1].ordinal <= o.ordinal + reach) ++hi;
      std::vector<uint8_t>& used = state->used;
      used.assign(hi - lo + 1, 0);
      int exact = 0, loose = 0;
      size_t mb = o.begin, me = o.end;
      bool pass = true;
      for (uint32_t i = 0; i < slot.n_tokens && pass; ++i) {
        const Tables::TokenInfo& info = t.tokens[slot.tok_begin + i];
        if (!info.sig) continue;
        // The nearest occurrence of the part: a name's parts stand together.
        size_t found = SIZE_MAX;
        uint32_t distance = UINT32_MAX;
        for (size_t j = lo; j <= hi; ++j) {
          const Occ& x = occs[j];
          const uint32_t d = x.ordinal > o.ordinal ? x.ordinal - o.ordinal : o.ordinal - x.ordinal;
          if (d < distance && x.term == info.term && !(x.flags & kOccFuzzy) &&
              (!slot.strict || Capitalised(x.flags))) {
            found = j;
            distance = d;
          }
        }
        if (found == SIZE_MAX && !slot.strict) {
          for (size_t j = lo; j <= hi && found == SIZE_MAX; ++j) {
            const Occ& x = occs[j];
            if (used[j - lo]) continue;
            if (((x.flags & kOccFuzzy) && x.term == info.term) ||
                (x.term == kPossible && Plausible(x, t.term_text[info.term]))) {
              found = j;
              used[j - lo] = 1;
              ++loose;
            }
          }
        } else if (found != SIZE_MAX) {
          ++exact;
        }
        if (found == SIZE_MAX) {
          if (slot.strict && info.country < 0) pass = false;
          continue;
        }
        mb = std::min<size_t>(mb, occs[found].begin);
        me = std::max<size_t>(me, occs[found].end);
      }
      if (!pass) continue;
      if (!slot.strict) {
        const int n = slot.n_sig;
        const int need = n == 1 ? 1 : std::min(n, std::max(2, (n + 1) / 2));
        if (exact + loose < need) continue;
      }
      if (text.substr(mb, me - mb).find("\n\n") != std::string_view::npos) continue;
      if ((slot.needs_legal || (slot.strict && slot.has_legal)) &&
          !LegalFormNear(text, begin, end, mb, me, t.legal.at(slot_id).letters))
        continue;
      // Verify: align a window one word wider than the evidence with the list name, take the
      // aligned tokens as the span and score the span alone.
      ++counters.verified;
      // One word more on each side than the name's words not yet seen (a legal form written
      // "S.A. DE C.V." is four words; a misspelt part is one).
      const int seen = exact + loose;
      const int widen = 1 + std::clamp(static_cast<int>(slot.words) - seen, 0, 8);
      auto [wb, we] = ExpandWindow(text, begin, end, mb, me, widen);
      state->slot_stamp[slot_id] = state->stamp;
      state->win_begin[slot_id] = static_cast<uint32_t>(wb);
      state->win_end[slot_id] = static_cast<uint32_t>(we);
      const std::string_view window = text.substr(wb, we - wb);
      if (state->cached_begin != wb || state->cached_end != we ||
          state->cached_schema != slot.schema) {
        state->cached =
            Prepare(normalizer_.Normalize(window, slot.schema), token_stats_, normalizer_);
        state->cached_begin = wb;
        state->cached_end = we;
        state->cached_schema = slot.schema;
      }
      const PreparedName& wq = state->cached;
      if (wq.tokens.empty()) continue;
      const PreparedName& list = index.name(slot.name_id);
      const AlignOptions align = AlignOptionsFor(slot.schema);
      NameAlignment wa = AlignNames(wq, list, align);
      // The span: the window tokens the alignment paired; and, in case a looser pair pulled in
      // a neighbour ("장이" ~ "정"), the tokens paired exactly.
      size_t sb = SIZE_MAX, se = 0, xb = SIZE_MAX, xe = 0;
      for (const AlignedPair& p : wa.pairs) {
        if (p.match.similarity < kSpanMinSimilarity) continue;
        // A list initial ("R.") against a whole word of the text, or a near miss on a legal form
        // or particle ("to" ~ "co"), does not stretch the span.
        if (p.match.evidence == Evidence::kInitial && p.query[1] < 0 &&
            !wq.tokens[static_cast<size_t>(p.query[0])].initial)
          continue;
        bool minor = false;
        for (int li : p.list)
          if (li >= 0)
            minor |= list.tokens[static_cast<size_t>(li)].kind == TokenKind::kLegalForm ||
                     list.tokens[static_cast<size_t>(li)].kind == TokenKind::kParticle;
        if (minor && !ExactEvidence(p.match.evidence)) continue;
        for (int q : p.query) {
          if (q < 0) continue;
          const PreparedToken& qt = wq.tokens[static_cast<size_t>(q)];
          sb = std::min<size_t>(sb, qt.begin);
          se = std::max<size_t>(se, qt.end);
          if (ExactEvidence(p.match.evidence)) {
            xb = std::min<size_t>(xb, qt.begin);
            xe = std::max<size_t>(xe, qt.end);
          }
        }
      }
      if (sb >= se) continue;
      struct Scored {
        size_t b = 0, e = 0;
        PreparedName q;
        NameAlignment a;
        float score = -1;
      };
      auto score_span = [&](size_t b, size_t e, Scored* out) {
        out->b = b;
        out->e = e;
        out->q = Prepare(normalizer_.Normalize(window.substr(b, e - b), slot.schema), token_stats_,
                         normalizer_);
        if (out->q.tokens.empty()) return;
        out->a = AlignNames(out->q, list, align);
        out->score = ApplyNameKind(slot.kind, out->a.score);
      };
      Scored best;
      score_span(sb, se, &best);
      if (xb < xe && (xb != sb || xe != se)) {
        Scored exact;
        score_span(xb, xe, &exact);
        if (exact.score > best.score) best = std::move(exact);
      }
      // A legal form is recognised only where it ends or starts a name: a span that left the
      // name's legal form out ("EVIL" of EVIL CORP) is tried again with the next or previous
      // words added.
      bool legal_missing = false;
      for (size_t i = 0; i < list.tokens.size(); ++i) {
        if (list.tokens[i].kind != TokenKind::kLegalForm) continue;
        bool matched = false;
        for (const AlignedPair& p : best.a.pairs)
          matched |= p.list[0] == static_cast<int>(i) || p.list[1] == static_cast<int>(i);
        legal_missing |= !matched;
      }
      if (legal_missing) {
        const size_t n = window.size();
        size_t e = se, b = sb;
        for (int w = 0; w < 5; ++w) {
          while (e < n && !IsWordByte(static_cast<unsigned char>(window[e]))) ++e;
          if (e == n) break;
          while (e < n && IsWordByte(static_cast<unsigned char>(window[e]))) ++e;
          Scored c;
          score_span(sb, e, &c);
          if (c.score > best.score) best = std::move(c);
        }
        for (int w = 0; w < 5; ++w) {
          while (b > 0 && !IsWordByte(static_cast<unsigned char>(window[b - 1]))) --b;
          if (b == 0) break;
          while (b > 0 && IsWordByte(static_cast<unsigned char>(window[b - 1]))) --b;
          Scored c;
          score_span(b, best.e, &c);
          if (c.score > best.score) best = std::move(c);
        }
      }
      sb = best.b;
      se = best.e;
      const std::string span_text(window.substr(sb, se - sb));
      const PreparedName& sq = best.q;
      const NameAlignment& sa = best.a;
      const float score = best.score;
      if (sq.tokens.empty() || score < options.threshold || score <= 0) continue;

      // Precision policy (docs/scanning.md).
      Mention m;
      std::vector<Evidence> list_evidence(list.tokens.size(), Evidence::kNone);
      std::vector<int> list_query(list.tokens.size(), -1);
      std::vector<bool> query_matched(sq.tokens.size(), false);
      for (const AlignedPair& p : sa.pairs) {
        if (p.match.similarity <= 0) continue;
        for (int li : p.list) {
          if (li < 0) continue;
          list_evidence[static_cast<size_t>(li)] = p.match.evidence;
          list_query[static_cast<size_t>(li)] = p.query[0];
        }
        if (p.match.evidence != Evidence::kInitial)
          for (int q : p.query)
            if (q >= 0) query_matched[static_cast<size_t>(q)] = true;
      }
      auto capitalised_at = [&](int q) {
        if (q < 0) return false;
        const PreparedToken& qt = sq.tokens[static_cast<size_t>(q)];
        return Capitalised(
            CaseFlags(std::string_view(span_text).substr(qt.begin, qt.end - qt.begin)));
      };
      // Strong evidence: the token as written, a known variant or spelling, another script, or
      // a single typo in a long token (DUBIYNAK ~ DUBINYAK, not BARYSHKOV ~ BARYSHNIKOV).
      std::vector<uint8_t> list_edits(list.tokens.size(), 0);
      for (const AlignedPair& p : sa.pairs)
        for (int li : p.list)
          if (li >= 0) list_edits[static_cast<size_t>(li)] = p.match.edits;
      auto strong = [&](size_t i) {
        const Evidence ev = list_evidence[i];
        if (ExactEvidence(ev) || ev == Evidence::kSpelling) return true;
        if (ev == Evidence::kTypo) return list_edits[i] <= 1 && list.tokens[i].text.size() >= 6;
        const int q = list_query[i];
        return ev == Evidence::kTransliteration && q >= 0 &&
               sq.tokens[static_cast<size_t>(q)].transliterated;
      };
      int matched_sig = 0, matched_nonqual = 0, matched_query = 0;
      bool common_only = true, legal_matched = false, distinctive_strong = false, surname = false;
      for (bool b : query_matched) matched_query += b;
      for (size_t i = 0; i < list.tokens.size() && i < slot.n_tokens; ++i) {
        const Tables::TokenInfo& info = t.tokens[slot.tok_begin + i];
        const Evidence ev = list_evidence[i];
        if (info.legal && ExactEvidence(ev)) legal_matched = true;
        if (!info.sig || ev == Evidence::kNone || ev == Evidence::kInitial) continue;
        ++matched_sig;
        surname |= info.surname;
        if (info.country >= 0) continue;
        ++matched_nonqual;
        if (!info.common) {
          common_only = false;
          distinctive_strong |= strong(i);
        }
      }
      // A name is never found through its country words alone, nor through one part of a
      // longer name.
      if (matched_nonqual == 0) continue;
      if (matched_sig < std::min<int>(2, slot.n_sig) ||
          matched_query < std::min<int>(2, slot.n_sig))
        continue;
      // A person written SURNAME, Given is found only with a surname (not "Juan Carlos").
      if (slot.has_surname && !surname) continue;
      // Misspellings are accepted around a distinctive part written as listed (or another script).
      if (!common_only && !distinctive_strong) continue;
      bool admitted = true;
      if (slot.n_sig == 1) {
        for (size_t i = 0; i < list.tokens.size() && i < slot.n_tokens && admitted; ++i) {
          const Tables::TokenInfo& info = t.tokens[slot.tok_begin + i];
          if (!info.sig) continue;
          admitted = ExactEvidence(list_evidence[i]) && capitalised_at(list_query[i]);
          if (slot.needs_legal) admitted = admitted && legal_matched;
        }
        if (!admitted) continue;
        m.hit.notes.push_back(slot.needs_legal
                                  ? "one-word name that is an English word or name: matched "
                                    "exactly, capitalised, with its legal form"
                                  : "one-word name: matched exactly and capitalised");
      }
      if (common_only && slot.n_sig > 1) {
        for (size_t i = 0; i < list.tokens.size() && i < slot.n_tokens && admitted; ++i) {
          const Tables::TokenInfo& info = t.tokens[slot.tok_begin + i];
          if (info.legal) admitted = ExactEvidence(list_evidence[i]);
          if (!info.sig) continue;
          const Evidence ev = list_evidence[i];
          if (info.country >= 0 && ev == Evidence::kNone) {
            m.needs_countries.push_back(t.countries[static_cast<size_t>(info.country)]);
            continue;
          }
          admitted = admitted && ExactEvidence(ev) && capitalised_at(list_query[i]);
        }
        if (!admitted) continue;
        m.hit.notes.push_back(
            "name of everyday words: every word (and legal form) matched exactly and capitalised");
        for (const std::string& c : m.needs_countries) {
          const std::string cname = countries_.NameOf(c);
          m.hit.notes.push_back("the name's country word (" + (cname.empty() ? c : cname) +
                                ") is left out: reported because the text names that country "
                                "nearby");
        }
      }
      const Entity& e = entities[slot.entity];
      const NameIndex::NameRef& ref = index.ref(slot.name_id);
      m.weak_alias = slot.kind == NameKind::kWeakAlias;
      if (m.weak_alias)
        m.hit.notes.push_back("weak alias: reported because another name of the record matched");
      m.hit.kind = HitKind::kParty;
      m.hit.begin = static_cast<uint32_t>(wb + sb);
      m.hit.end = static_cast<uint32_t>(wb + se);
      m.hit.text = span_text;
      m.hit.score = score;
      m.hit.entity = &e;
      m.hit.explanation = Explain(span_text, sq, e.names[ref.name], list, sa, score);
      m.hit.explanation.sentence = Sentence(e, m.hit.explanation, score);
      m.hit.sentence = m.hit.explanation.sentence;
      out->push_back(std::move(m));
    }
  }
  std::stable_sort(out->begin(), out->end(),
                   [](const Mention& a, const Mention& b) { return a.hit.begin < b.hit.begin; });
  return Status::Ok();
}

// ---- context ----

void ScanContext::Add(std::vector<Mention> mentions) {
  for (Mention& m : mentions) mentions_.push_back(std::move(m));
}

namespace {

// Where a jurisdiction or country is named unambiguously, for the mentions that need it named
// nearby: in the same field within kContextBytes, in another field of the same message, or in a
// structured country field.
class ContextIndex {
 public:
  static constexpr uint32_t kContextBytes = 1500;

  void AddGlobal(const std::string& key) { global_.insert(key); }
  void Add(const std::string& key, const std::string& field, uint32_t at) {
    points_[key].emplace_back(field, at);
  }
  void Finish() {
    for (auto& [key, v] : points_) std::sort(v.begin(), v.end());
  }
  bool Near(const std::string& key, const std::string& field, uint32_t at) const {
    if (global_.count(key)) return true;
    auto it = points_.find(key);
    if (it == points_.end()) return false;
    const auto& v = it->second;
    if (v.front().first != field || v.back().first != field) return true;  // another field
    const uint32_t from = at > kContextBytes ? at - kContextBytes : 0;
    auto p = std::lower_bound(v.begin(), v.end(), std::make_pair(field, from));
    return p != v.end() && p->first == field && p->second <= at + kContextBytes;
  }

 private:
  std::set<std::string> global_;
  std::map<std::string, std::vector<std::pair<std::string, uint32_t>>> points_;
};

}  // namespace

std::vector<Hit> ScanContext::Resolve() const {
  ContextIndex places;     // jurisdiction ids named unambiguously
  ContextIndex countries;  // ISO alpha-2 codes named
  for (const std::string& c : countries_) {
    places.AddGlobal(c);
    countries.AddGlobal(c);
  }
  for (const Mention& m : mentions_) {
    if (m.hit.kind != HitKind::kJurisdiction || m.ambiguous) continue;
    places.Add(m.hit.jurisdiction->id, m.hit.field, m.hit.begin);
    countries.Add(m.hit.jurisdiction->country(), m.hit.field, m.hit.begin);
  }
  places.Finish();
  countries.Finish();
  std::vector<bool> keep(mentions_.size(), false);
  std::set<const Entity*> strong;  // entities with a reported non-weak hit
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind == HitKind::kJurisdiction) {
      keep[i] = !m.ambiguous || places.Near(m.hit.jurisdiction->id, m.hit.field, m.hit.begin);
    } else if (!m.weak_alias) {
      keep[i] = std::all_of(
          m.needs_countries.begin(), m.needs_countries.end(),
          [&](const std::string& c) { return countries.Near(c, m.hit.field, m.hit.begin); });
      if (keep[i]) strong.insert(m.hit.entity);
    }
  }
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind != HitKind::kJurisdiction && m.weak_alias)
      keep[i] = strong.count(m.hit.entity) > 0;
  }
  // One hit per entity and span: of overlapping party hits of one record (its primary name and
  // an alias) in one field, the best stays.
  std::vector<size_t> parties;
  for (size_t i = 0; i < mentions_.size(); ++i)
    if (keep[i] && mentions_[i].hit.kind == HitKind::kParty) parties.push_back(i);
  std::sort(parties.begin(), parties.end(), [&](size_t a, size_t b) {
    const Hit& x = mentions_[a].hit;
    const Hit& y = mentions_[b].hit;
    if (x.entity != y.entity) return x.entity < y.entity;
    if (x.field != y.field) return x.field < y.field;
    if (x.begin != y.begin) return x.begin < y.begin;
    return a < b;
  });
  for (size_t k = 0; k < parties.size();) {
    // A run of overlapping spans of one record in one field.
    size_t e = k + 1;
    uint32_t reach = mentions_[parties[k]].hit.end;
    while (e < parties.size() &&
           mentions_[parties[e]].hit.entity == mentions_[parties[k]].hit.entity &&
           mentions_[parties[e]].hit.field == mentions_[parties[k]].hit.field &&
           mentions_[parties[e]].hit.begin < reach) {
      reach = std::max(reach, mentions_[parties[e]].hit.end);
      ++e;
    }
    size_t best = parties[k];
    for (size_t q = k + 1; q < e; ++q) {
      const size_t c = parties[q];
      if (mentions_[c].hit.score > mentions_[best].hit.score ||
          (mentions_[c].hit.score == mentions_[best].hit.score && c < best))
        best = c;
    }
    for (size_t q = k; q < e; ++q) keep[parties[q]] = parties[q] == best;
    k = e;
  }
  // A party span inside a longer one that matched another record better is part of
  // that record's name ("SERVICIOS ADMINISTRATIVOS" inside "ASESORIA Y SERVICIOS
  // ADMINISTRATIVOS, TECNICOS Y OPERATIVOS DUREL"): the text names the longer one.
  parties.clear();
  for (size_t i = 0; i < mentions_.size(); ++i)
    if (keep[i] && mentions_[i].hit.kind == HitKind::kParty) parties.push_back(i);
  std::sort(parties.begin(), parties.end(), [&](size_t a, size_t b) {
    const Hit& x = mentions_[a].hit;
    const Hit& y = mentions_[b].hit;
    if (x.field != y.field) return x.field < y.field;
    if (x.begin != y.begin) return x.begin < y.begin;
    return x.end > y.end;
  });
  for (size_t k = 0; k < parties.size(); ++k) {
    const Hit& outer = mentions_[parties[k]].hit;
    for (size_t q = k + 1; q < parties.size(); ++q) {
      const Hit& inner = mentions_[parties[q]].hit;
      if (inner.field != outer.field || inner.begin >= outer.end) break;
      const bool nested =
          inner.end <= outer.end && inner.end - inner.begin < outer.end - outer.begin;
      if (nested && inner.score < outer.score && inner.entity != outer.entity)
        keep[parties[q]] = false;
    }
  }
  std::vector<Hit> out;
  for (size_t i = 0; i < mentions_.size(); ++i)
    if (keep[i] && mentions_[i].reported) out.push_back(mentions_[i].hit);
  return out;
}

void FillCharOffsets(std::string_view text, std::vector<Hit*>* hits) {
  std::vector<std::pair<uint32_t, uint32_t*>> points;
  for (Hit* h : *hits) {
    points.emplace_back(h->begin, &h->char_begin);
    points.emplace_back(h->end, &h->char_end);
  }
  std::sort(points.begin(), points.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t byte = 0;
  uint32_t chars = 0;
  for (auto& [offset, target] : points) {
    const size_t stop = std::min<size_t>(offset, text.size());
    for (; byte < stop; ++byte)
      if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++chars;
    *target = chars;
  }
}

}  // namespace interdict
