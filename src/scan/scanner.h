// Scanner: finds, in free text, the spans that name listed parties and sanctioned jurisdictions.
//
// How (docs/scanning.md has the full story and the measurements):
//   1. Build: every list name of the snapshot (primary names, aliases, original-script names) is
//      taken as the name index prepared it. Its tokens go into a vocabulary (one hash table of
//      folded tokens); each name is given one or two *anchors*: its most identifying tokens that
//      are neither everyday English words (CommonWords) nor common on lists (TokenStats). Every
//      place name of the JurisdictionTable becomes a phrase of vocabulary tokens.
//   2. Scan: the text is tokenised on the fast path (text_tokenizer.h) and each token looked up
//      once. Jurisdiction phrases are matched as exact token sequences. An anchor occurrence
//      makes its names candidates; a candidate whose other tokens are present nearby (exactly,
//      or as capitalised unknown words that could be misspellings) is verified: the window
//      around the anchor is normalised and aligned with the list name by the matcher's scorer
//      (AlignNames), the aligned tokens give the span, and the span alone is scored again.
//   3. Precision policy: a span is reported only when it scores at or above the threshold and
//      the policy admits it: one-token names need an exact, capitalised, non-everyday token;
//      names matched only through everyday words must be matched completely, exactly and
//      capitalised (a country word of the name, IRAN'S, may instead be named elsewhere in the
//      document); at least two name parts of a longer name must match; weak aliases never
//      count alone; ambiguous place names count only when the document names the jurisdiction
//      another way.
//
// Each job has its own file: scan_tables.h builds the tables, candidate_lookup.h looks tokens up
// and filters candidates, place_phrases.h finds jurisdictions, span_resolution.h and
// party_policy.h verify a candidate, scan_context.h decides a document's mentions together.
//
// The Scanner is immutable and shared by threads; each thread scans with its own Session.
// Fails closed: text that is not UTF-8 is an error naming the byte offset, never "no hit".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/country.h"
#include "index/snapshot.h"
#include "index/token_stats.h"
#include "match/matcher.h"
#include "normalize/normalizer.h"
#include "scan/common_words.h"
#include "scan/hit.h"
#include "scan/jurisdictions.h"
#include "scan/listed_bics.h"
#include "scan/scan_context.h"
#include "scan/text_tokenizer.h"

namespace interdict {

namespace scan_internal {
struct ScanTables;
}  // namespace scan_internal

struct ScanOptions {
  float threshold = kDefaultThreshold;
  bool parties = true;
  bool jurisdictions = true;
  bool sectoral = false;  // also report jurisdictions under sectoral programmes (Russia, Belarus)
  // When the scan must have finished. A scan still running then stops with DeadlineExceeded and
  // no hits (checked between chunks of text and between a message's fields), so a caller never
  // takes a cut-short scan for "nothing found".
  Deadline deadline = kNoDeadline;
};

class Scanner {
 public:
  struct Stats {
    size_t names = 0;          // list names in the snapshot
    size_t names_scanned = 0;  // names that can produce a hit in text
    size_t names_never = 0;    // one-token everyday or short names: never from text alone
    size_t strict_names = 0;   // names made of everyday words only
    size_t terms = 0;          // vocabulary tokens (list and place names)
    size_t anchors = 0;        // (anchor token, name) pairs
    size_t phrases = 0;        // jurisdiction phrases
    double build_seconds = 0;
    size_t memory_bytes = 0;  // approximate heap bytes of the scanner's own tables
  };

  // All references must outlive the Scanner; the snapshot is shared.
  static Status Build(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                      const TokenStats& stats, const CountryTable& countries,
                      const JurisdictionTable& jurisdictions, const CommonWords& common,
                      std::unique_ptr<Scanner>* out);
  ~Scanner();

  // A thread's working memory for Scan(); used by one thread at a time.
  class Session {
   public:
    ~Session();
    // What the scans of this session did, for measurements (bench/scan_bench.cc).
    struct Counters {
      uint64_t tokens = 0;       // text tokens
      uint64_t occurrences = 0;  // tokens found in the vocabulary (or possible misspellings)
      uint64_t candidates = 0;   // (anchor occurrence, name) pairs looked at
      uint64_t verified = 0;     // candidates that passed the filter and were scored
    } counters;
    struct State;
    std::unique_ptr<State> state;
  };
  std::unique_ptr<Session> NewSession() const;

  // Scans a whole document: the reported hits, in text order.
  Status Scan(std::string_view text, const ScanOptions& options, Session* session,
              std::vector<Hit>* out) const;

  // Scans one part of a larger whole (a field of a payment message): the mentions, with offsets
  // into `text`, for the caller's ScanContext to decide.
  Status ScanPart(std::string_view text, const ScanOptions& options, Session* session,
                  std::vector<Mention>* out) const;

  // A jurisdiction mention for a structured ISO country code ("IR" in 3/IR/TEHRAN, or the
  // country of a BIC), or false when the code is no listed jurisdiction.
  bool CountryCodeMention(std::string_view code, std::string_view how, const ScanOptions& options,
                          Mention* out) const;

  const Stats& stats() const { return stats_; }
  const Snapshot& snapshot() const { return *snapshot_; }
  const JurisdictionTable& jurisdictions() const { return jurisdictions_; }
  // The snapshot's listed BICs, for screening the BICs of payment messages.
  const ListedBics& listed_bics() const { return listed_bics_; }

 private:
  Scanner(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
          const TokenStats& stats, const CountryTable& countries,
          const JurisdictionTable& jurisdictions, const CommonWords& common);
  Status ScanChunk(std::string_view text, size_t begin, size_t end, const ScanOptions& options,
                   Session* session, std::vector<Mention>* out) const;

  std::shared_ptr<const Snapshot> snapshot_;
  const NameNormalizer& normalizer_;
  const TokenStats& token_stats_;
  const CountryTable& countries_;
  const JurisdictionTable& jurisdictions_;
  const CommonWords& common_;
  TextTokenizer tokenizer_;
  std::unique_ptr<scan_internal::ScanTables> tables_;
  ListedBics listed_bics_;
  Stats stats_;
};

// Sets char_begin/char_end of each hit from its byte offsets into `text`.
void FillCharOffsets(std::string_view text, std::vector<Hit*>* hits);

}  // namespace interdict
