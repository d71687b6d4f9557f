// Matcher: screens a party (name, and optionally type, birth dates, countries, identifiers)
// against a Snapshot and explains every match.
//
//   score = name score of the best-matching list name of the record
//         + the effects of birth date, country, identifier and type (attribute_terms.h),
//   clipped to [0, 1]. Matches at or above the threshold are returned, best first.
//
// Weak aliases count only when the name matches them almost exactly (name score >= 0.95), and
// then at 0.9 of that score: a weak alias is a hint, not an identity.
//
// Thread-safety: a Matcher is immutable; each thread screens with its own Session.
// Fails closed: a query the matcher cannot read (no name, no letters) or over the name limits
// (normalize/name_limits.h) is an error, never an empty result.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/country.h"
#include "index/snapshot.h"
#include "match/attribute_terms.h"
#include "match/name_scorer.h"

namespace interdict {

// The default alert threshold, calibrated on the development deck (docs/quality.md).
inline constexpr float kDefaultThreshold = 0.80f;

// When a screening must have answered; kNoDeadline: whenever it is done.
using Deadline = std::chrono::steady_clock::time_point;
inline constexpr Deadline kNoDeadline = Deadline::max();
// The deadline `seconds` from now; kNoDeadline for seconds <= 0.
inline Deadline DeadlineAfter(double seconds) {
  if (seconds <= 0) return kNoDeadline;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
             std::chrono::duration<double>(seconds));
}

struct ScreeningQuery {
  std::string name;
  std::optional<Schema> schema;
  std::vector<PartialDate> birth_dates;
  std::vector<std::string> countries;  // as the caller writes them; resolved with CountryTable
  std::vector<QueryIdentifier> identifiers;
  // Parts of the input the reader left out, and why (query_json.h): Screen() passes them on
  // first in ScreenResult::warnings.
  std::vector<std::string> warnings;
};

struct ScreenOptions {
  float threshold = kDefaultThreshold;
  size_t limit = 10;  // at most this many matches, best first; 0 = no limit
  // Score every list name instead of the index's candidates: slow; for measuring the index's
  // recall (bench/candidate_recall).
  bool exhaustive = false;
  // A top-k search (a limit, and a threshold below the default) is made at the default threshold
  // first, and ends there when that finds `limit` records: the k-th best score is then at or
  // above it, and every record that can outrank it is among that search's candidates (the
  // index's recall at the default threshold, which IndexBoundTest checks), so the result is the
  // one of the search at `threshold` while it costs what a thresholded search costs. Otherwise
  // the search is made at `threshold`. (Lower levels are not tried: below the default the
  // index's bound misses names, e.g. two one-letter typos of three- and four-letter tokens, and
  // the result would differ.) False: the search at `threshold` alone, for the tests that prove
  // the results the same.
  bool top_k_levels = true;
  // When given, only records for which it is true are matches (a caller's filter: a source, a
  // schema), before the limit is applied, so that a filtered top-k search is a top-k search too.
  std::function<bool(const Entity&)> keep;
  // Past it, Screen() stops within a few dozen candidate comparisons and returns
  // DeadlineExceeded with no matches: a caller never takes a cut-short search for "no match".
  Deadline deadline = kNoDeadline;
};

struct TokenPairExplanation {
  std::string query;  // the query's text for the token(s), as written
  std::string list;   // the list name's text for the token(s), as written
  TokenMatch match;
};

struct Explanation {
  std::string list_name;  // the list name or alias that matched, as published
  NameKind name_kind = NameKind::kPrimary;
  float name_score = 0;
  std::vector<TokenPairExplanation> pairs;
  std::vector<std::string> unmatched_query;  // as written
  std::vector<std::string> unmatched_list;
  std::vector<TokenKind> unmatched_list_kinds;  // of each unmatched_list token: legal form...
  std::vector<AttributeTerm> terms;
  std::string sentence;  // one plain sentence for an analyst
};

struct MatchResult {
  const Entity* entity = nullptr;  // owned by the snapshot
  float score = 0;
  Explanation explanation;
};

struct ScreenResult {
  std::vector<MatchResult> matches;   // at or above the threshold, best first
  std::vector<std::string> warnings;  // parts of the query that were not used, and why
};

class Matcher {
 public:
  // A thread's working memory for Screen(); from NewSession(), used by one thread at a time.
  class Session {
   public:
    explicit Session(const NameIndex& index) : scratch(index.NewScratch()) {}
    NameIndex::ScratchPtr scratch;
    std::vector<uint32_t> candidates;
    NameAligner aligner;
  };

  // The normalizer, stats and countries must outlive the Matcher; the snapshot is shared.
  Matcher(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
          const TokenStats& stats, const CountryTable& countries);
  ~Matcher();

  std::unique_ptr<Session> NewSession() const;

  // Fills *out with the matches at or above options.threshold, best first; out->warnings starts
  // with query.warnings. A country the
  // CountryTable does not know is left out of the comparison and reported in out->warnings (the
  // name is still screened); a name without letters or digits, or over the name limits, is an
  // error, and so is options.deadline passing before the screening is done.
  Status Screen(const ScreeningQuery& query, const ScreenOptions& options, Session* session,
                ScreenResult* out) const;

  const Snapshot& snapshot() const { return *snapshot_; }

 private:
  std::shared_ptr<const Snapshot> snapshot_;
  const NameNormalizer& normalizer_;
  const TokenStats& stats_;
  const CountryTable& countries_;
};

// The name score a list name of this kind contributes: weak aliases only from 0.95 up, and then
// at 0.9 of it (see the top of this file); other kinds as scored. The scanner applies it too.
float ApplyNameKind(NameKind kind, float name_score);

// The name scorer on a pair of names, as `interdict compare` uses it: name1 is the query, name2
// the list name; `schema` (when given) applies to both, and so do the name limits (the error
// names which name is over). No snapshot needed.
struct Comparison {
  float score = 0;
  Explanation explanation;
};
Status CompareNames(const std::string& name1, const std::string& name2,
                    std::optional<Schema> schema, const NameNormalizer& normalizer,
                    const TokenStats& stats, Comparison* out);

}  // namespace interdict
