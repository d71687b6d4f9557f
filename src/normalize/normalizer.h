// NameNormalizer: turns a name written in any script into comparable tokens.
//
// The pipeline, in order:
//   1. Unicode: NFKC, case folding, marks stripped; format characters (ZWNJ, ZWJ, bidi marks)
//      and modifier letters (ʿ ʾ) removed; apostrophes deleted ("Fu'ad" -> "fuad"); hyphens,
//      dots, commas, slashes and other punctuation separate tokens.
//   2. Script: Latin goes through a fold table (no ICU on the fast path); every other script is
//      transliterated to Latin with ICU (BGN/PCGN chains where ICU has them), and letters no ICU
//      chain converts are read by their Unicode names. Hangul and Han are split into one token
//      per syllable. Tokens of Han, Hangul and the Brahmic scripts keep their letters as written
//      (NameToken::surface) so that two names in one of those scripts are compared in it.
//   3. Affixes (data/name_affixes.tsv): honorifics and titles ("dr", "sheikh", "haji") are dropped
//      from names that may be persons; vessel prefixes ("mv", "m/v", "mt") from vessel names.
//   4. Legal forms (data/legal_forms.tsv): any listed phrase ("limited liability company", "ooo",
//      "obshchestvo s ogranichennoy otvetstvennostyu", "sa de cv") becomes one token of kind
//      kLegalForm whose text is the canonical form ("llc").
//   5. Keys per token: the romanisation-variant class (data/name_variants.tsv: "mohammed",
//      "muhammad", "mohamad" -> "muhammad"), a phonetic key with vowels (spelling rules from
//      data/romanization_rules.tsv: kh->h, -iy/-ii->y, ...), and a consonant skeleton (vowels and
//      w/y/h dropped, similar consonants merged, doubles collapsed) on which an unvowelled
//      Arabic-script transliteration ("mhmd") meets its Latin spellings.
//
// The same Normalize() is applied to list names at index time and to queries, so both sides meet.
// A NameNormalizer is immutable after Load and safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/status.h"

namespace interdict {

enum class TokenKind {
  kWord,       // an ordinary name part
  kParticle,   // a connective that carries little identity: al, el, ul, bin, ibn, bint, de, van...
  kLegalForm,  // a legal form, canonicalised ("llc", "jsc", "ltd", "gmbh", "sa")
  kNumber,     // digits only
};

struct NameToken {
  std::string text;      // lower-case ASCII letters/digits: "mohammed"
  std::string variant;   // variant-class representative ("muhammad"); == text when none known
  std::string phonetic;  // spelling-rule key, vowels kept: "muhamed"
  std::string skeleton;  // consonant skeleton: "mhmd"
  // The token as written where `text` is not: a kLegalForm's words, folded and joined ("ooo",
  // "sal"); a word of a script compared in its own script (Han, Hangul, Brahmic scripts), its
  // letters in that script ("정"; Han simplified). Empty otherwise.
  std::string surface;
  TokenKind kind = TokenKind::kWord;
  bool transliterated = false;  // came from a non-Latin script (vowels may be missing)
  bool abjad = false;           // romanised from an abjad (Arabic script): short vowels unwritten
  // Byte range of the token's source in the input (for explanations and text spans).
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct NormalizedName {
  std::vector<NameToken> tokens;
  std::string script;                // ISO 15924 code of the dominant script of the input
  Schema schema = Schema::kEntity;   // the kind of party Normalize() was told the name is
  std::vector<std::string> removed;  // honorifics/prefixes dropped (folded), for explanations
};

class NameNormalizer {
 public:
  // Loads the dictionaries from `data_dir` and builds the ICU transliterators. Errors name the
  // file and line of a malformed dictionary entry.
  static Status Load(const std::string& data_dir, std::unique_ptr<NameNormalizer>* out);
  ~NameNormalizer();

  // The whole pipeline. `schema` decides which affixes apply (honorifics are not stripped from
  // organisation names; vessel prefixes only from vessels). Invalid UTF-8 bytes are treated as
  // separators, never as an error.
  NormalizedName Normalize(std::string_view name, Schema schema) const;

  // Step 1+2 alone: the input as lower-case ASCII Latin text, tokens separated by single spaces.
  std::string ToLatin(std::string_view text) const;

  // Step 5 alone, for one already-folded token (a-z0-9).
  std::string VariantOf(std::string_view token) const;
  std::string PhoneticKey(std::string_view token) const;
  static std::string Skeleton(std::string_view token);

 private:
  NameNormalizer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ISO 15924 code of the dominant script of `text` ("Latn", "Arab", "Cyrl", "Hani", "Hang", ...;
// "Zyyy" when there is no letter).
std::string DominantScript(std::string_view text);

}  // namespace interdict
