#include "scan/span_resolution.h"

#include <algorithm>

#include "scan/text_tokenizer.h"

namespace interdict {
namespace scan_internal {

namespace {

// Window pairs weaker than this do not stretch the span.
constexpr float kSpanMinSimilarity = 0.5f;

bool IsWordByte(unsigned char c) { return kAscii.cls[c] != kSep; }

bool ExactEvidence(Evidence e) { return e == Evidence::kExact || e == Evidence::kVariant; }

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

// The span of the window tokens the alignment paired [*sb, *se); and, in case a looser pair
// pulled in a neighbour ("장이" ~ "정"), of the tokens paired exactly [*xb, *xe).
void PairedRange(const PreparedName& wq, const PreparedName& list, const NameAlignment& wa,
                 size_t* sb, size_t* se, size_t* xb, size_t* xe) {
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
      *sb = std::min<size_t>(*sb, qt.begin);
      *se = std::max<size_t>(*se, qt.end);
      if (ExactEvidence(p.match.evidence)) {
        *xb = std::min<size_t>(*xb, qt.begin);
        *xe = std::max<size_t>(*xe, qt.end);
      }
    }
  }
}

// True when a legal form of `list` is paired with nothing in `a`.
bool LegalFormMissing(const PreparedName& list, const NameAlignment& a) {
  for (size_t i = 0; i < list.tokens.size(); ++i) {
    if (list.tokens[i].kind != TokenKind::kLegalForm) continue;
    bool matched = false;
    for (const AlignedPair& p : a.pairs)
      matched |= p.list[0] == static_cast<int>(i) || p.list[1] == static_cast<int>(i);
    if (!matched) return true;
  }
  return false;
}

}  // namespace

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

void SpanScorer::Score(std::string_view window, size_t b, size_t e, const PreparedName& list,
                       Schema schema, NameKind kind, ScoredSpan* out) const {
  out->b = b;
  out->e = e;
  out->q = Prepare(normalizer_.Normalize(window.substr(b, e - b), schema), stats_, normalizer_);
  if (out->q.tokens.empty()) return;
  out->a = AlignNames(out->q, list, AlignOptionsFor(schema));
  out->score = ApplyNameKind(kind, out->a.score);
}

void SpanScorer::WidenForLegalForm(std::string_view window, size_t sb, size_t se,
                                   const PreparedName& list, Schema schema, NameKind kind,
                                   ScoredSpan* best) const {
  const size_t n = window.size();
  size_t e = se, b = sb;
  for (int w = 0; w < 5; ++w) {
    while (e < n && !IsWordByte(static_cast<unsigned char>(window[e]))) ++e;
    if (e == n) break;
    while (e < n && IsWordByte(static_cast<unsigned char>(window[e]))) ++e;
    ScoredSpan c;
    Score(window, sb, e, list, schema, kind, &c);
    if (c.score > best->score) *best = std::move(c);
  }
  for (int w = 0; w < 5; ++w) {
    while (b > 0 && !IsWordByte(static_cast<unsigned char>(window[b - 1]))) --b;
    if (b == 0) break;
    while (b > 0 && IsWordByte(static_cast<unsigned char>(window[b - 1]))) --b;
    ScoredSpan c;
    Score(window, b, best->e, list, schema, kind, &c);
    if (c.score > best->score) *best = std::move(c);
  }
}

bool SpanScorer::Resolve(std::string_view window, const PreparedName& wq, const NameAlignment& wa,
                         const PreparedName& list, Schema schema, NameKind kind,
                         ScoredSpan* out) const {
  size_t sb = SIZE_MAX, se = 0, xb = SIZE_MAX, xe = 0;
  PairedRange(wq, list, wa, &sb, &se, &xb, &xe);
  if (sb >= se) return false;
  ScoredSpan best;
  Score(window, sb, se, list, schema, kind, &best);
  if (xb < xe && (xb != sb || xe != se)) {
    ScoredSpan exact;
    Score(window, xb, xe, list, schema, kind, &exact);
    if (exact.score > best.score) best = std::move(exact);
  }
  // A legal form is recognised only where it ends or starts a name: a span that left the
  // name's legal form out ("EVIL" of EVIL CORP) is tried again with the next or previous
  // words added.
  if (LegalFormMissing(list, best.a)) WidenForLegalForm(window, sb, se, list, schema, kind, &best);
  *out = std::move(best);
  return true;
}

}  // namespace scan_internal
}  // namespace interdict
