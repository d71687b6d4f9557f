#include "scan/scan_tables.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/text.h"

namespace interdict {
namespace scan_internal {

namespace {

// A list token whose TokenStats weight is below this (it is on more than ~75 of 24k list
// names: Mohammad, Ali, Trading, Bank) identifies little on its own.
constexpr float kCommonListWeight = 0.76f;

size_t Letters(std::string_view folded) {
  size_t n = 0;
  for (char c : folded) n += (c >= 'a' && c <= 'z') ? 1 : 0;
  return n;
}

bool IsWordByte(unsigned char c) { return kAscii.cls[c] != kSep; }

// Words of a name as written ("S.A. DE C.V." is four).
uint16_t CountWords(const std::string& written) {
  size_t words = 0;
  for (size_t i = 0; i < written.size(); ++i)
    if (IsWordByte(static_cast<unsigned char>(written[i])) &&
        (i == 0 || !IsWordByte(static_cast<unsigned char>(written[i - 1]))))
      ++words;
  return static_cast<uint16_t>(std::min<size_t>(words, 60));
}

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

// The letters of each legal form of a name, canonical and as written ("S.A.S." is "sas").
ScanTables::LegalForms LegalFormsOf(const PreparedName& pn, const std::string& written) {
  ScanTables::LegalForms forms;
  for (const PreparedToken& pt : pn.tokens) {
    if (pt.kind != TokenKind::kLegalForm) continue;
    forms.letters.push_back(pt.text);
    std::string letters;
    for (char c : written.substr(pt.begin, pt.end - pt.begin))
      if (std::isalnum(static_cast<unsigned char>(c)))
        letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (!letters.empty()) forms.letters.push_back(letters);
  }
  return forms;
}

class TableBuilder {
 public:
  TableBuilder(const Snapshot& snapshot, const TextTokenizer& tokenizer,
               const CountryTable& countries, const JurisdictionTable& jurisdictions,
               const CommonWords& common, ScanTables* t, Scanner::Stats* st)
      : snapshot_(snapshot),
        tokenizer_(tokenizer),
        countries_(countries),
        jurisdictions_(jurisdictions),
        common_(common),
        t_(*t),
        st_(*st) {}

  Status Build() {
    CollectPlaceWords();
    st_.names = snapshot_.index().name_count();
    for (uint32_t name_id = 0; name_id < snapshot_.index().name_count(); ++name_id)
      AddName(name_id);
    st_.names_scanned = t_.slots.size();
    INTERDICT_RETURN_IF_ERROR(AddPhrases());
    AddEverydayWords();
    IndexAnchors();
    BuildHashTable();
    st_.memory_bytes = MemoryBytes();
    return Status::Ok();
  }

 private:
  uint32_t Intern(const std::string& text) {
    auto [it, inserted] = term_ids_.emplace(text, static_cast<uint32_t>(t_.terms.size()));
    if (inserted) {
      t_.terms.emplace_back();
      t_.term_text.push_back(text);
    }
    t_.terms[it->second].listed = true;
    return it->second;
  }

  // Words of place names (Petersburg, Bandar, Tehran): in a list name they say where, not who.
  void CollectPlaceWords() {
    for (const Place& place : jurisdictions_.places()) {
      if (place.kind == PlaceKind::kDemonym) continue;
      size_t bad = 0;
      tokenizer_.ForEach(
          place.name, 0,
          [&](const TextToken& tok) {
            if (tok.folded.size() >= 3 && !(tok.flags & kTransliterated) &&
                !common_.Contains(tok.folded))
              place_words_.emplace(std::string(tok.folded),
                                   jurisdictions_.jurisdictions()[place.jurisdiction].country());
          },
          &bad);
    }
  }

  // The country a token of `pn` names, "" if none: a country or place word, or one of two
  // words naming a country together ("HONG KONG", "SOUTH AFRICA").
  std::string CountryOf(const PreparedName& pn, size_t ti, const std::string& written) const {
    const PreparedToken& pt = pn.tokens[ti];
    std::string code = QualifierCountry(pt, written, countries_, common_);
    if (code.empty() && pt.kind == TokenKind::kWord && !pt.transliterated) {
      auto place = place_words_.find(pt.text);
      if (place != place_words_.end()) code = place->second;
    }
    for (size_t other : {ti + 1, ti - 1}) {
      if (!code.empty() || other >= pn.tokens.size() || pt.kind != TokenKind::kWord) continue;
      const PreparedToken& a = pn.tokens[std::min(ti, other)];
      const PreparedToken& b = pn.tokens[std::max(ti, other)];
      code = countries_.Resolve(a.text + " " + b.text);
    }
    return code;
  }

  std::vector<NameTokenFacts> DescribeTokens(const PreparedName& pn, const std::string& written,
                                             Schema schema) {
    std::vector<NameTokenFacts> infos;
    const size_t comma = schema == Schema::kPerson ? written.find(',') : std::string::npos;
    for (size_t ti = 0; ti < pn.tokens.size(); ++ti) {
      const PreparedToken& pt = pn.tokens[ti];
      NameTokenFacts info;
      info.legal = pt.kind == TokenKind::kLegalForm;
      info.sig = (pt.kind == TokenKind::kWord && !pt.initial) || pt.kind == TokenKind::kNumber;
      if (info.sig) {
        info.common = common_.IsKnown(pt.text) || Letters(pt.text) <= 2 ||
                      (pt.kind == TokenKind::kWord && pt.weight < kCommonListWeight) ||
                      (pt.kind == TokenKind::kNumber && pt.text.size() < 4);
        info.surname = comma != std::string::npos && pt.end <= comma;
        info.connective = pt.kind == TokenKind::kWord && CommonWords::IsConnective(pt.text);
        const std::string code = CountryOf(pn, ti, written);
        if (!code.empty()) {
          auto [it, inserted] =
              country_ids_.emplace(code, static_cast<int16_t>(t_.countries.size()));
          if (inserted) t_.countries.push_back(code);
          info.country = it->second;
        }
      }
      infos.push_back(info);
    }
    return infos;
  }

  // Whether a name with these facts can never be found in prose: a country word alone, or one
  // word that is a person's single name part, a vessel's name, a short code that is no acronym,
  // or an everyday English word without its legal form. `only` is the name's one word when it
  // has one.
  static bool Never(const ScanTables::Slot& slot, const std::string& only) {
    if (slot.n_nonqual == 0) return true;  // "IRAN": a jurisdiction, not a party
    if (slot.n_sig != 1) return false;
    return slot.schema == Schema::kPerson || slot.schema == Schema::kVessel ||
           slot.schema == Schema::kAircraft || (only.size() < 4 && !slot.acronym) ||
           (slot.needs_legal && !slot.has_legal);
  }

  // An acronym: two or three letters (or letters and digits: "M23"), written in capitals on the
  // list ("HTS", "ASG").
  static bool IsAcronym(const PreparedToken& t, const std::string& written) {
    if (t.text.size() < 2 || t.text.size() > 3 || Letters(t.text) == 0 || t.end > written.size() ||
        t.begin >= t.end)
      return false;
    for (char c : std::string_view(written).substr(t.begin, t.end - t.begin))
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
    return true;
  }

  // A one-word name: it may be found as written when it is no everyday English word (a
  // movement's or a militia's name: HIZBALLAH, TALIBAN); an everyday word needs its legal
  // form, an acronym corroboration.
  void DescribeOneWord(const PreparedToken& only, const std::string& written,
                       ScanTables::Slot* slot) const {
    slot->acronym = IsAcronym(only, written);
    slot->needs_legal = !slot->acronym && common_.Contains(only.text);
  }

  void AddName(uint32_t name_id) {
    const NameIndex& index = snapshot_.index();
    const NameIndex::NameRef& ref = index.ref(name_id);
    const Entity& e = snapshot_.entities()[ref.entity];
    const std::string& written = e.names[ref.name].full;
    const PreparedName& pn = index.name(name_id);
    ScanTables::Slot slot;
    slot.name_id = name_id;
    slot.entity = ref.entity;
    slot.kind = ref.kind;
    slot.schema = e.schema;
    slot.n_tokens = static_cast<uint16_t>(std::min<size_t>(pn.tokens.size(), 60));
    slot.tok_begin = static_cast<uint32_t>(t_.tokens.size());
    slot.words = CountWords(written);
    std::vector<NameTokenFacts> infos = DescribeTokens(pn, written, e.schema);
    slot.strict = true;
    size_t one = 0;
    for (size_t i = 0; i < infos.size(); ++i) {
      slot.has_surname |= infos[i].surname;
      slot.has_legal |= infos[i].legal;
      if (!infos[i].sig) continue;
      ++slot.n_sig;
      if (infos[i].country >= 0) continue;
      ++slot.n_nonqual;
      slot.strict &= infos[i].common;
      one = i;
    }
    const std::string& only = slot.n_nonqual > 0 ? pn.tokens[one].text : written;
    if (slot.n_sig == 1 && slot.n_nonqual > 0) DescribeOneWord(pn.tokens[one], written, &slot);
    if (Never(slot, only)) {
      ++st_.names_never;  // ALPHA, UNITY, AL, DANIEL, a single given name, a short code
      return;
    }
    const uint32_t slot_id = static_cast<uint32_t>(t_.slots.size());
    if (slot.needs_legal || (slot.strict && slot.has_legal))
      t_.legal[slot_id] = LegalFormsOf(pn, written);
    std::vector<uint32_t> terms(infos.size(), kNone);
    for (size_t i = 0; i < infos.size(); ++i) {
      if (!infos[i].sig) continue;
      terms[i] = Intern(pn.tokens[i].text);
      variant_pairs_.emplace(TextTokenHash(pn.tokens[i].variant), terms[i]);
    }
    for (size_t i : Anchors(pn, infos, slot.strict)) {
      anchor_pairs_.emplace_back(terms[i], slot_id);
      const std::string& sk = pn.tokens[i].skeleton;
      if (sk.size() >= 3) skeleton_pairs_.emplace(TextTokenHash(sk), terms[i]);
    }
    if (slot.strict) ++st_.strict_names;
    t_.tokens.insert(t_.tokens.end(), infos.begin(), infos.end());
    t_.token_terms.insert(t_.token_terms.end(), terms.begin(), terms.end());
    t_.slots.push_back(slot);
  }

  // Anchors: the most identifying non-country tokens; everyday ones only for strict names.
  static std::vector<size_t> Anchors(const PreparedName& pn,
                                     const std::vector<NameTokenFacts>& infos, bool strict) {
    std::vector<size_t> order;
    for (size_t i = 0; i < infos.size(); ++i)
      if (infos[i].sig && infos[i].country < 0 && !infos[i].connective &&
          (strict || !infos[i].common))
        order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (pn.tokens[a].weight != pn.tokens[b].weight)
        return pn.tokens[a].weight > pn.tokens[b].weight;
      return pn.tokens[a].text.size() > pn.tokens[b].text.size();
    });
    order.resize(std::min<size_t>(order.size(), strict ? 1 : 2));
    return order;
  }

  Status AddPhrases();
  void IndexPhrases(const std::vector<std::vector<uint32_t>>& phrase_seq);
  void AddEverydayWords();
  void IndexAnchors();
  void BuildHashTable();
  size_t MemoryBytes() const;

  const Snapshot& snapshot_;
  const TextTokenizer& tokenizer_;
  const CountryTable& countries_;
  const JurisdictionTable& jurisdictions_;
  const CommonWords& common_;
  ScanTables& t_;
  Scanner::Stats& st_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::unordered_map<std::string, std::string> place_words_;
  std::map<std::string, int16_t> country_ids_;
  std::vector<std::pair<uint32_t, uint32_t>> anchor_pairs_;  // (term, slot)
  std::set<std::pair<uint64_t, uint32_t>> variant_pairs_;
  std::set<std::pair<uint64_t, uint32_t>> skeleton_pairs_;
};

// Jurisdiction phrases, tokenised exactly as text is.
Status TableBuilder::AddPhrases() {
  std::map<std::pair<uint32_t, std::vector<uint32_t>>, uint32_t> seen_phrases;
  std::vector<std::vector<uint32_t>> phrase_seq;
  for (uint32_t p = 0; p < jurisdictions_.places().size(); ++p) {
    const Place& place = jurisdictions_.places()[p];
    std::vector<uint32_t> seq;
    bool translit = false, all_common = true;
    size_t bad = 0;
    bool ok = tokenizer_.ForEach(
        place.name, 0,
        [&](const TextToken& tok) {
          seq.push_back(Intern(std::string(tok.folded)));
          translit |= (tok.flags & kTransliterated) != 0;
          all_common &= common_.Contains(tok.folded);
        },
        &bad);
    if (!ok || seq.empty()) {
      return Status::InvalidInput("jurisdictions table line " + std::to_string(place.line) + ": '" +
                                  place.name + "' has no letters to match");
    }
    // Spellings that fold alike are one phrase, ambiguous if any of them is (Sébastopol is
    // Sebastopol).
    auto [seen, fresh] = seen_phrases.emplace(std::make_pair(place.jurisdiction, seq),
                                              static_cast<uint32_t>(t_.phrases.size()));
    if (!fresh) {
      t_.phrases[seen->second].ambiguous |= place.ambiguous;
      continue;
    }
    ScanTables::Phrase ph;
    ph.place = p;
    ph.translit = translit;
    ph.capital = all_common && !translit;
    ph.ambiguous = place.ambiguous;
    t_.phrases.push_back(ph);
    phrase_seq.push_back(std::move(seq));
  }
  IndexPhrases(phrase_seq);
  st_.phrases = t_.phrases.size();
  return Status::Ok();
}

// A spelling listed both plainly and as ambiguous (under one jurisdiction) counts as plain:
// the first listed wins, and the table lists plain names first.
void TableBuilder::IndexPhrases(const std::vector<std::vector<uint32_t>>& phrase_seq) {
  std::vector<std::pair<uint32_t, uint32_t>> phrase_pairs;  // (first term, phrase)
  for (uint32_t i = 0; i < t_.phrases.size(); ++i) {
    t_.phrases[i].term_begin = static_cast<uint32_t>(t_.phrase_terms.size());
    t_.phrase_terms.insert(t_.phrase_terms.end(), phrase_seq[i].begin(), phrase_seq[i].end());
    t_.phrases[i].term_end = static_cast<uint32_t>(t_.phrase_terms.size());
    phrase_pairs.emplace_back(phrase_seq[i][0], i);
  }
  std::stable_sort(phrase_pairs.begin(), phrase_pairs.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return phrase_seq[a.second].size() > phrase_seq[b.second].size();
  });
  for (size_t i = 0; i < phrase_pairs.size(); ++i) {
    ScanTables::Term& term = t_.terms[phrase_pairs[i].first];
    if (i == 0 || phrase_pairs[i - 1].first != phrase_pairs[i].first)
      term.phrase_begin = static_cast<uint32_t>(i);
    term.phrase_end = static_cast<uint32_t>(i + 1);
    t_.phrase_starts.push_back(phrase_pairs[i].second);
  }
}

// Everyday English words: known to the vocabulary so that one lookup tells a misspelt name
// (a capitalised unknown word) from an ordinary word.
void TableBuilder::AddEverydayWords() {
  for (const std::string& w : common_.words()) {
    auto [it, inserted] = term_ids_.emplace(w, static_cast<uint32_t>(t_.terms.size()));
    if (inserted) {
      t_.terms.emplace_back();
      t_.term_text.push_back(w);
    }
    t_.terms[it->second].english = true;
  }
}

void TableBuilder::IndexAnchors() {
  std::sort(anchor_pairs_.begin(), anchor_pairs_.end());
  anchor_pairs_.erase(std::unique(anchor_pairs_.begin(), anchor_pairs_.end()), anchor_pairs_.end());
  for (size_t i = 0; i < anchor_pairs_.size(); ++i) {
    ScanTables::Term& term = t_.terms[anchor_pairs_[i].first];
    if (i == 0 || anchor_pairs_[i - 1].first != anchor_pairs_[i].first)
      term.anchor_begin = static_cast<uint32_t>(i);
    term.anchor_end = static_cast<uint32_t>(i + 1);
    t_.anchor_slots.push_back(anchor_pairs_[i].second);
  }
  st_.anchors = anchor_pairs_.size();
  for (const auto& [h, term] : variant_pairs_) t_.by_variant[h].push_back(term);
  for (const auto& [h, term] : skeleton_pairs_) t_.by_skeleton[h].push_back(term);
}

void TableBuilder::BuildHashTable() {
  size_t capacity = 16;
  while (capacity < t_.terms.size() * 2) capacity <<= 1;
  t_.entries.assign(capacity, ScanTables::Entry{});
  t_.mask = capacity - 1;
  for (uint32_t i = 0; i < t_.terms.size(); ++i) {
    const uint64_t h = TextTokenHash(t_.term_text[i]);
    uint64_t pos = h & t_.mask;
    while (t_.entries[pos].key != 0 && t_.entries[pos].key != h) pos = (pos + 1) & t_.mask;
    if (t_.entries[pos].key == h) continue;  // a 64-bit collision: never seen; first term keeps it
    const ScanTables::Term& term = t_.terms[i];
    t_.entries[pos] = {h, i,
                       (term.listed ? ScanTables::kListed : 0u) |
                           (term.anchor_end > term.anchor_begin ? ScanTables::kAnchor : 0u) |
                           (term.phrase_end > term.phrase_begin ? ScanTables::kPhrase : 0u)};
  }
  st_.terms = t_.terms.size();
}

size_t TableBuilder::MemoryBytes() const {
  size_t bytes = t_.entries.capacity() * sizeof(ScanTables::Entry) +
                 t_.terms.capacity() * sizeof(ScanTables::Term) + t_.anchor_slots.capacity() * 4 +
                 t_.slots.capacity() * sizeof(ScanTables::Slot) +
                 t_.tokens.capacity() * sizeof(NameTokenFacts) + t_.token_terms.capacity() * 4 +
                 t_.phrases.capacity() * sizeof(ScanTables::Phrase) +
                 t_.phrase_terms.capacity() * 4 + t_.phrase_starts.capacity() * 4;
  for (const std::string& x : t_.term_text) bytes += sizeof(std::string) + x.capacity();
  for (const auto* m : {&t_.by_variant, &t_.by_skeleton})
    for (const auto& [h, v] : *m) bytes += 48 + v.capacity() * 4;
  return bytes;
}

}  // namespace

Status BuildScanTables(const Snapshot& snapshot, const TextTokenizer& tokenizer,
                       const CountryTable& countries, const JurisdictionTable& jurisdictions,
                       const CommonWords& common, ScanTables* out, Scanner::Stats* stats) {
  return TableBuilder(snapshot, tokenizer, countries, jurisdictions, common, out, stats).Build();
}

}  // namespace scan_internal
}  // namespace interdict
