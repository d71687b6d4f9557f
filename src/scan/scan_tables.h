// ScanTables: the scanner's read-only tables, built once per snapshot (docs/scanning.md, "How it
// works", step 1): one vocabulary of folded tokens (list names, place names, everyday English
// words), each list name's facts and anchors, and the jurisdiction phrases.
//
// Internal to the scanner (scanner.h is the public face).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/country.h"
#include "core/status.h"
#include "index/snapshot.h"
#include "scan/common_words.h"
#include "scan/jurisdictions.h"
#include "scan/party_policy.h"
#include "scan/scanner.h"
#include "scan/text_tokenizer.h"

namespace interdict {
namespace scan_internal {

constexpr uint32_t kNone = UINT32_MAX;
constexpr uint32_t kPossible = UINT32_MAX - 1;  // an occurrence of a capitalised unknown word

struct ScanTables {
  struct Term {
    uint32_t anchor_begin = 0, anchor_end = 0;  // range of anchor_slots
    uint32_t phrase_begin = 0, phrase_end = 0;  // range of phrase_starts
    bool listed = false;                        // part of a list name or a place name
    bool english = false;                       // an everyday English word (CommonWords)
  };
  // The legal form of a one-token everyday name ("S.A.S." of B-WORK S.A.S.), as its letters
  // ("sas"), written and canonical: the text must have it next to the name.
  struct LegalForms {
    std::vector<std::string> letters;
  };
  // A list name that can be found in text.
  struct Slot : NameFacts {
    uint32_t name_id = 0;  // NameIndex name id
    uint32_t entity = 0;
    NameKind kind = NameKind::kPrimary;
    Schema schema = Schema::kEntity;
    uint16_t n_tokens = 0;
    uint16_t n_nonqual = 0;  // significant tokens that are not country words
    uint16_t words = 0;      // words of the name as written ("S.A. DE C.V." is four)
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
  // Per token of a list name (a slot's range), what the policy needs, and its term (significant
  // tokens only; else kNone) for the filter.
  std::vector<NameTokenFacts> tokens;
  std::vector<uint32_t> token_terms;
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

// Builds the tables of every list name of `snapshot` and every place of `jurisdictions`, and
// fills the counts of *stats (all but build_seconds). An error names a place name that has no
// letters to match.
Status BuildScanTables(const Snapshot& snapshot, const TextTokenizer& tokenizer,
                       const CountryTable& countries, const JurisdictionTable& jurisdictions,
                       const CommonWords& common, ScanTables* out, Scanner::Stats* stats);

}  // namespace scan_internal
}  // namespace interdict
