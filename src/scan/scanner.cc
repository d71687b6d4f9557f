#include "scan/scanner.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "match/explain.h"
#include "match/matcher.h"
#include "match/name_scorer.h"
#include "scan/candidate_lookup.h"
#include "scan/party_policy.h"
#include "scan/place_phrases.h"
#include "scan/scan_tables.h"
#include "scan/span_resolution.h"

namespace interdict {

using scan_internal::CandidateEvidence;
using scan_internal::Occ;
using scan_internal::ScanTables;

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

// Text is scanned in pieces of about this size, cut at blank lines or line ends, so that the
// working memory stays bounded whatever the document's size.
constexpr size_t kChunkBytes = size_t{1} << 20;

}  // namespace

struct Scanner::Session::State {
  std::vector<Occ> occs;
  // Per slot, valid while slot_stamp == stamp: the span last found, or (slot_failed) the
  // evidence of the last candidate that failed.
  std::vector<uint32_t> slot_stamp;
  std::vector<uint32_t> win_begin;
  std::vector<uint32_t> win_end;
  std::vector<uint8_t> slot_failed;
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
      tables_(std::make_unique<ScanTables>()),
      listed_bics_(*snapshot_) {}

Scanner::~Scanner() = default;

std::unique_ptr<Scanner::Session> Scanner::NewSession() const {
  auto s = std::make_unique<Session>();
  s->state = std::make_unique<Session::State>();
  s->state->slot_stamp.assign(tables_->slots.size(), 0);
  s->state->win_begin.assign(tables_->slots.size(), 0);
  s->state->win_end.assign(tables_->slots.size(), 0);
  s->state->slot_failed.assign(tables_->slots.size(), 0);
  return s;
}

Status Scanner::Build(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                      const TokenStats& stats, const CountryTable& countries,
                      const JurisdictionTable& jurisdictions, const CommonWords& common,
                      std::unique_ptr<Scanner>* out) {
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<Scanner> s(
      new Scanner(std::move(snapshot), normalizer, stats, countries, jurisdictions, common));
  INTERDICT_RETURN_IF_ERROR(scan_internal::BuildScanTables(*s->snapshot_, s->tokenizer_, countries,
                                                           jurisdictions, common, s->tables_.get(),
                                                           &s->stats_));
  s->stats_.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *out = std::move(s);
  return Status::Ok();
}

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
  m.hit.sentence = scan_internal::JurisdictionSentence(m.hit);
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
    if (options.deadline != kNoDeadline && std::chrono::steady_clock::now() > options.deadline) {
      out->clear();
      return Status::DeadlineExceeded("scanning stopped at byte " + std::to_string(pos) + " of " +
                                      std::to_string(text.size()) + ": the deadline passed");
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

namespace {

// Finds the listed parties of one chunk of text: each anchor occurrence makes its names
// candidates, the filter keeps those whose other parts are near, and each kept candidate is
// verified: its span found and scored, then the precision policy applied.
class PartyFinder {
 public:
  struct Refs {
    const ScanTables& tables;
    const Snapshot& snapshot;
    const NameNormalizer& normalizer;
    const TokenStats& token_stats;
    const CountryTable& countries;
  };

  PartyFinder(const Refs& refs, const ScanOptions& options, Scanner::Session* session,
              std::string_view text, size_t begin, size_t end)
      : r_(refs),
        options_(options),
        state_(*session->state),
        counters_(session->counters),
        text_(text),
        begin_(begin),
        end_(end) {}

  void Run(std::vector<Mention>* out) {
    const std::vector<Occ>& occs = state_.occs;
    for (size_t k = 0; k < occs.size(); ++k) {
      if (!(occs[k].flags & scan_internal::kOccAnchor)) continue;
      const ScanTables::Term& term = r_.tables.terms[occs[k].term];
      for (uint32_t a = term.anchor_begin; a < term.anchor_end; ++a)
        TryCandidate(k, r_.tables.anchor_slots[a], out);
    }
  }

 private:
  void TryCandidate(size_t k, uint32_t slot_id, std::vector<Mention>* out) {
    const Occ& o = state_.occs[k];
    const ScanTables::Slot& slot = r_.tables.slots[slot_id];
    const bool fuzzy = (o.flags & scan_internal::kOccFuzzy) != 0;
    if ((slot.n_sig == 1 || slot.strict) && (fuzzy || !scan_internal::Capitalised(o.flags))) return;
    if (slot.acronym && !NoLowerCase(text_.substr(o.begin, o.end - o.begin))) return;
    const bool seen = state_.slot_stamp[slot_id] == state_.stamp;
    // This name was found already on a span holding this occurrence.
    if (seen && !state_.slot_failed[slot_id] && o.begin >= state_.win_begin[slot_id] &&
        o.end <= state_.win_end[slot_id])
      return;
    ++counters_.candidates;
    CandidateEvidence ev;
    if (!scan_internal::FilterCandidate(r_.tables, slot, state_.occs, k, &state_.used, &ev)) return;
    if (text_.substr(ev.begin, ev.end - ev.begin).find("\n\n") != std::string_view::npos) return;
    if ((slot.needs_legal || (slot.strict && slot.has_legal)) &&
        !scan_internal::LegalFormNear(text_, begin_, end_, ev.begin, ev.end,
                                      r_.tables.legal.at(slot_id).letters))
      return;
    // The same evidence failed already (the name's other anchor, or its anchor word repeated).
    // Other evidence is tried again: a window that failed may hold another listed name sharing
    // the anchor word ("Golden Zarshan Trading Zarshan Marine Services").
    if (seen && state_.slot_failed[slot_id] && ev.begin == state_.win_begin[slot_id] &&
        ev.end == state_.win_end[slot_id])
      return;
    ++counters_.verified;
    Mention m;
    const bool found = Verify(slot_id, ev, &m);
    state_.slot_stamp[slot_id] = state_.stamp;
    state_.slot_failed[slot_id] = !found;
    state_.win_begin[slot_id] = static_cast<uint32_t>(found ? m.hit.begin : ev.begin);
    state_.win_end[slot_id] = static_cast<uint32_t>(found ? m.hit.end : ev.end);
    if (found) out->push_back(std::move(m));
  }

  // The window prepared as the name's schema asks (windows repeat for the names of one anchor).
  const PreparedName& PrepareWindow(size_t wb, size_t we, Schema schema) {
    if (state_.cached_begin != wb || state_.cached_end != we || state_.cached_schema != schema) {
      state_.cached = Prepare(r_.normalizer.Normalize(text_.substr(wb, we - wb), schema),
                              r_.token_stats, r_.normalizer);
      state_.cached_begin = wb;
      state_.cached_end = we;
      state_.cached_schema = schema;
    }
    return state_.cached;
  }

  // Aligns a window one word wider than the evidence with the list name, takes the aligned
  // tokens as the span, scores the span alone and applies the precision policy.
  bool Verify(uint32_t slot_id, const CandidateEvidence& ev, Mention* out) {
    const ScanTables::Slot& slot = r_.tables.slots[slot_id];
    // One word more on each side than the name's words not yet seen (a legal form written
    // "S.A. DE C.V." is four words; a misspelt part is one).
    const int widen = 1 + std::clamp(static_cast<int>(slot.words) - (ev.exact + ev.loose), 0, 8);
    auto [wb, we] = scan_internal::ExpandWindow(text_, begin_, end_, ev.begin, ev.end, widen);
    const std::string_view window = text_.substr(wb, we - wb);
    const PreparedName& wq = PrepareWindow(wb, we, slot.schema);
    if (wq.tokens.empty()) return false;
    const PreparedName& list = r_.snapshot.index().name(slot.name_id);
    const NameAlignment wa = AlignNames(wq, list, AlignOptionsFor(slot.schema));
    scan_internal::ScoredSpan span;
    const scan_internal::SpanScorer scorer(r_.normalizer, r_.token_stats);
    if (!scorer.Resolve(window, wq, wa, list, slot.schema, slot.kind, &span)) return false;
    if (span.q.tokens.empty() || span.score < options_.threshold || span.score <= 0) return false;
    const std::string span_text(window.substr(span.b, span.e - span.b));
    PolicyDecision d =
        ApplyPartyPolicy(slot, &r_.tables.tokens[slot.tok_begin], slot.n_tokens, list, span.q,
                         span_text, span.a, r_.tables.countries, r_.countries);
    if (!d.admitted) return false;
    *out = PartyMention(slot, list, span, span_text, wb, std::move(d));
    return true;
  }

  Mention PartyMention(const ScanTables::Slot& slot, const PreparedName& list,
                       const scan_internal::ScoredSpan& span, const std::string& span_text,
                       size_t wb, PolicyDecision d) const {
    const Entity& e = r_.snapshot.entities()[slot.entity];
    const NameIndex::NameRef& ref = r_.snapshot.index().ref(slot.name_id);
    Mention m;
    m.needs_countries = std::move(d.needs_countries);
    m.missing_parts = d.missing_parts;
    m.needs_corroboration = d.needs_corroboration;
    m.hit.notes = std::move(d.notes);
    m.weak_alias = slot.kind == NameKind::kWeakAlias;
    if (m.weak_alias)
      m.hit.notes.push_back("weak alias: reported because another name of the record matched");
    m.hit.kind = HitKind::kParty;
    m.hit.begin = static_cast<uint32_t>(wb + span.b);
    m.hit.end = static_cast<uint32_t>(wb + span.e);
    m.hit.text = span_text;
    m.hit.score = span.score;
    m.hit.entity = &e;
    m.hit.explanation = Explain(span_text, span.q, e.names[ref.name], list, span.a, span.score);
    m.hit.explanation.sentence = Sentence(e, m.hit.explanation, span.score);
    m.hit.sentence = m.hit.explanation.sentence;
    if (m.needs_corroboration && ReferenceNear(e, m.hit.begin, m.hit.end)) {
      m.needs_corroboration = false;
      m.hit.notes.push_back("the record's listing reference is written next to it");
    }
    return m;
  }

  // True when the record's listing reference (the part of its id after the source: "QDe.001")
  // is written within kReferenceBytes of [b, e). References without both a letter and a digit
  // (OFAC's numbers) could be any number and do not count.
  bool ReferenceNear(const Entity& entity, size_t b, size_t e) const {
    constexpr size_t kReferenceBytes = 300;
    const size_t colon = entity.id.find(':');
    if (colon == std::string::npos) return false;
    const std::string_view ref = std::string_view(entity.id).substr(colon + 1);
    const bool letter = std::any_of(
        ref.begin(), ref.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    const bool digit = std::any_of(
        ref.begin(), ref.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!letter || !digit) return false;
    const size_t from = b > begin_ + kReferenceBytes ? b - kReferenceBytes : begin_;
    const size_t to = std::min(end_, e + kReferenceBytes);
    return text_.substr(from, to - from).find(ref) != std::string_view::npos;
  }

  const Refs& r_;
  const ScanOptions& options_;
  Scanner::Session::State& state_;
  Scanner::Session::Counters& counters_;
  std::string_view text_;
  size_t begin_, end_;
};

}  // namespace

Status Scanner::ScanChunk(std::string_view text, size_t begin, size_t end,
                          const ScanOptions& options, Session* session,
                          std::vector<Mention>* out) const {
  Session::State& state = *session->state;
  state.occs.clear();
  if (++state.stamp == 0) {
    std::fill(state.slot_stamp.begin(), state.slot_stamp.end(), 0);
    state.stamp = 1;
  }
  state.cached_begin = SIZE_MAX;
  size_t bad = 0;
  const bool ok = scan_internal::LookUpTokens(*tables_, tokenizer_, text, begin, end, &state.occs,
                                              &session->counters.tokens, &bad);
  session->counters.occurrences += state.occs.size();
  if (!ok) {
    return Status::InvalidInput("not valid UTF-8 at byte offset " + std::to_string(bad) +
                                " (convert the text to UTF-8 first, e.g. with iconv)");
  }
  if (options.jurisdictions)
    scan_internal::FindPlaces(*tables_, jurisdictions_, state.occs, text, options.sectoral, out);
  if (!options.parties) return Status::Ok();
  const PartyFinder::Refs refs{*tables_, *snapshot_, normalizer_, token_stats_, countries_};
  PartyFinder(refs, options, session, text, begin, end).Run(out);
  std::stable_sort(out->begin(), out->end(),
                   [](const Mention& a, const Mention& b) { return a.hit.begin < b.hit.begin; });
  return Status::Ok();
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
