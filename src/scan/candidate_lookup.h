// Candidate lookup: the scanner's second job (docs/scanning.md, "How it works", steps 3 and 5).
// Each token of the text is looked up once in the vocabulary and becomes an occurrence (a list or
// place token, a respelling of an anchor, or a capitalised unknown word that could be a
// misspelling); an anchor occurrence makes its names candidates, and the filter keeps a candidate
// when the name's other parts are near.
//
// Internal to the scanner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scan/scan_tables.h"
#include "scan/text_tokenizer.h"

namespace interdict {
namespace scan_internal {

// Occurrence flags beyond the TextTokenFlag bits. kOccFuzzy: found through a key (skeleton)
// rather than the token itself; it may start a candidate but counts only as a possible match.
// kOccAnchor / kOccPhrase: the term starts anchors or place phrases (spares looking it up).
constexpr uint8_t kOccAnchor = 0x20;
constexpr uint8_t kOccFuzzy = 0x40;
constexpr uint8_t kOccPhrase = 0x80;

struct Occ {
  uint32_t ordinal;  // token number in the chunk
  uint32_t begin;
  uint32_t end;
  uint32_t term;  // kPossible for a capitalised unknown word
  uint8_t flags;  // TextTokenFlag bits and kOcc* bits
  // kPossible: the folded token's length, first two and last letters, to tell whether it could
  // be a misspelling of a given name part.
  uint8_t len = 0;
  char first = 0, second = 0, last = 0;
};

// Capitalised, or of a script (or digits) without case.
inline bool Capitalised(uint8_t flags) { return (flags & (kCapitalised | kCaseless)) != 0; }

// Tokenises text[begin, end) (offsets stay into `text`) and appends its occurrences to *occs,
// in text order; *tokens counts the tokens. False, with *bad_offset set, when the text is not
// UTF-8.
bool LookUpTokens(const ScanTables& t, const TextTokenizer& tokenizer, std::string_view text,
                  size_t begin, size_t end, std::vector<Occ>* occs, uint64_t* tokens,
                  size_t* bad_offset);

// What the filter found of a candidate name around its anchor occurrence.
struct CandidateEvidence {
  size_t begin = 0, end = 0;  // byte range of the parts found
  int exact = 0;              // parts found as written
  int loose = 0;              // parts found as plausible misspellings
};

// The filter: whether the significant parts of `slot`'s name are near the anchor occurrence
// occs[k] (within the name's length + 2 tokens): at least half of them and at least two,
// exactly or as plausible misspellings; for names of everyday words all of them, exactly and
// capitalised. `used` is scratch.
bool FilterCandidate(const ScanTables& t, const ScanTables::Slot& slot,
                     const std::vector<Occ>& occs, size_t k, std::vector<uint8_t>* used,
                     CandidateEvidence* out);

// True when one of `forms` (letters only: "S.A.S." is "sas") is written right after the name's
// evidence [b, e) or right before it ("OOO ALFA"), within [lo, hi).
bool LegalFormNear(std::string_view text, size_t lo, size_t hi, size_t b, size_t e,
                   const std::vector<std::string>& forms);

}  // namespace scan_internal
}  // namespace interdict
