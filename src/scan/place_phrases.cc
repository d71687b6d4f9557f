#include "scan/place_phrases.h"

namespace interdict {
namespace scan_internal {

namespace {

// The index of the occurrence of `term` at token `ordinal` among those after occs[last], or
// SIZE_MAX: a phrase continues only on the very next token.
size_t NextOf(const std::vector<Occ>& occs, size_t last, uint32_t ordinal, uint32_t term) {
  size_t next = last + 1;
  while (next < occs.size() && occs[next].ordinal == occs[last].ordinal) ++next;
  if (next == occs.size() || occs[next].ordinal != ordinal) return SIZE_MAX;
  // Among the occurrences of that token, the exact one.
  size_t q = next;
  while (q < occs.size() && occs[q].ordinal == ordinal && occs[q].term != term) ++q;
  if (q == occs.size() || occs[q].ordinal != ordinal) return SIZE_MAX;
  return q;
}

// The last occurrence of phrase `ph` starting at occs[k], or SIZE_MAX when it is not there.
size_t MatchPhrase(const ScanTables& t, const ScanTables::Phrase& ph, const std::vector<Occ>& occs,
                   size_t k) {
  const uint32_t len = ph.term_end - ph.term_begin;
  size_t last = k;
  for (uint32_t j = 0; j < len; ++j) {
    const uint32_t term = t.phrase_terms[ph.term_begin + j];
    if (j > 0) last = NextOf(occs, last, occs[k].ordinal + j, term);
    if (last == SIZE_MAX) return SIZE_MAX;
    const Occ& x = occs[last];
    if (x.term != term || (x.flags & kOccFuzzy)) return SIZE_MAX;
    if (ph.translit && !(x.flags & kTransliterated)) return SIZE_MAX;
    if (ph.capital && !Capitalised(x.flags)) return SIZE_MAX;
  }
  return last;
}

Mention PlaceMention(const Place& place, const Jurisdiction& j, bool ambiguous,
                     std::string_view text, uint32_t begin, uint32_t end, bool sectoral) {
  Mention m;
  m.hit.kind = HitKind::kJurisdiction;
  m.hit.begin = begin;
  m.hit.end = end;
  m.hit.text = std::string(text.substr(begin, end - begin));
  m.hit.score = 1.0f;
  m.hit.jurisdiction = &j;
  m.hit.place = &place;
  m.hit.how = std::string(PlaceKindName(place.kind));
  m.hit.sentence = JurisdictionSentence(m.hit);
  if (ambiguous)
    m.hit.notes.push_back("'" + m.hit.text + "' is ambiguous: reported because the text names " +
                          j.name + " another way nearby");
  m.ambiguous = ambiguous;
  m.reported = sectoral || j.level != JurisdictionLevel::kSectoral;
  return m;
}

}  // namespace

void FindPlaces(const ScanTables& t, const JurisdictionTable& jurisdictions,
                const std::vector<Occ>& occs, std::string_view text, bool sectoral,
                std::vector<Mention>* out) {
  uint32_t done_until = 0;  // ordinals below this are inside a phrase found already
  for (size_t k = 0; k < occs.size(); ++k) {
    const Occ& o = occs[k];
    if (!(o.flags & kOccPhrase) || (o.flags & kOccFuzzy) || o.ordinal < done_until) continue;
    const ScanTables::Term& term = t.terms[o.term];
    for (uint32_t pi = term.phrase_begin; pi < term.phrase_end; ++pi) {
      const ScanTables::Phrase& ph = t.phrases[t.phrase_starts[pi]];
      const size_t last = MatchPhrase(t, ph, occs, k);
      if (last == SIZE_MAX) continue;
      const Place& place = jurisdictions.places()[ph.place];
      const Jurisdiction& j = jurisdictions.jurisdictions()[place.jurisdiction];
      out->push_back(PlaceMention(place, j, ph.ambiguous, text, o.begin, occs[last].end, sectoral));
      done_until = o.ordinal + (ph.term_end - ph.term_begin);
      break;
    }
  }
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

}  // namespace scan_internal
}  // namespace interdict
