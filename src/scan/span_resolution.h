// Span resolution: where in the text a candidate name is, and its score (docs/scanning.md, "How
// it works", step 6). The window around the filter's evidence is aligned with the list name by
// the matcher's scorer; the window tokens paired with the name give the span; the span alone is
// normalised and scored again, and re-tried with the next or previous words when the name's legal
// form was left out.
//
// Internal to the scanner.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

#include "index/prepared_name.h"
#include "index/token_stats.h"
#include "match/matcher.h"
#include "match/name_scorer.h"
#include "normalize/normalizer.h"

namespace interdict {
namespace scan_internal {

// The byte range of up to `words` words on each side of [b, e), within [lo, hi), not crossing a
// sentence or paragraph boundary.
std::pair<size_t, size_t> ExpandWindow(std::string_view text, size_t lo, size_t hi, size_t b,
                                       size_t e, int words);

// A span of a window, prepared and aligned with the list name.
struct ScoredSpan {
  size_t b = 0, e = 0;  // byte range in the window
  PreparedName q;
  NameAlignment a;
  float score = -1;
};

class SpanScorer {
 public:
  SpanScorer(const NameNormalizer& normalizer, const TokenStats& stats)
      : normalizer_(normalizer), stats_(stats) {}

  // The best-scoring span of `window` (prepared as `wq`, aligned with `list` as `wa`) naming
  // `list`, a name of schema `schema` and kind `kind`; false when the alignment pairs nothing.
  bool Resolve(std::string_view window, const PreparedName& wq, const NameAlignment& wa,
               const PreparedName& list, Schema schema, NameKind kind, ScoredSpan* out) const;

 private:
  void Score(std::string_view window, size_t b, size_t e, const PreparedName& list, Schema schema,
             NameKind kind, ScoredSpan* out) const;
  // Tries the paired span [sb, se) with up to five words more after it, then before it.
  void WidenForLegalForm(std::string_view window, size_t sb, size_t se, const PreparedName& list,
                         Schema schema, NameKind kind, ScoredSpan* best) const;

  const NameNormalizer& normalizer_;
  const TokenStats& stats_;
};

}  // namespace scan_internal
}  // namespace interdict
