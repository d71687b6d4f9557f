// The normalizer's four data files, parsed. Each loader reads one TSV file from data/ (format
// documented in the file's own header comment), folds every entry with the same pipeline that
// names go through (so entries may be written with diacritics, apostrophes or even in Arabic
// script), and reports the first malformed line as "<file>:<line>: <problem>".
//
// All tables are immutable after Load and safe for concurrent reads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace interdict::normalize_internal {

// Heterogeneous lookup for std::unordered_map<std::string, V> by std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// One dictionary entry folded like a name: its tokens (a-z0-9), and whether any part was
// transliterated from a non-Latin script.
struct FoldedEntry {
  std::vector<std::string> tokens;
  bool transliterated = false;
  bool abjad = false;  // romanised from Arabic or Hebrew script (see RawToken::abjad)
  // For entries in Arabic script: the tokens as the Persian BGN table romanises them (و is "v",
  // ث is "s"), since a name may be read with either table.
  std::vector<std::string> persian_tokens;
};
using EntryFolder = std::function<FoldedEntry(std::string_view)>;

// data/name_variants.tsv: "canonical<TAB>variant|variant|...". Entries written in a non-Latin
// script (محمد) are looked up only for tokens that were themselves transliterated, because their
// romanisation ("mhmd", "ly") can be an unrelated Latin word; Latin entries are not looked up
// for tokens romanised from an abjad, for the same reason the other way round ("mr" for عمر).
class VariantTable {
 public:
  Status Load(const std::string& path, const EntryFolder& fold);
  // The canonical spelling of `token`'s group, or nullptr when it is in no group.
  const std::string* Find(std::string_view token, bool transliterated, bool abjad) const;
  size_t group_count() const { return groups_; }

 private:
  StringMap<std::string> latin_;
  StringMap<std::string> translit_;
  size_t groups_ = 0;
};

// data/romanization_rules.tsv: ordered rewrite rules that build the phonetic key.
class SpellingRules {
 public:
  Status Load(const std::string& path);
  // Applies every rule in file order to `token` (a-z0-9), then collapses doubled letters.
  std::string Apply(std::string_view token) const;
  size_t size() const { return rules_.size(); }

 private:
  struct Rule {
    std::string from, to;
    uint64_t letters = 0;  // CharBit of each letter of `from`: a token lacking one cannot match
    bool at_start = false, at_end = false;
    uint64_t before = 0;  // set of chars that must precede the match; 0 = any
    uint64_t after = 0;   // set of chars that must follow the match; 0 = any
  };
  std::vector<Rule> rules_;
};

// data/legal_forms.tsv: "canonical<TAB>variant|variant|...", with "^"/"$" markers saying where a
// short variant may stand (see the file's header). A Latin variant never matches tokens romanised
// from an abjad, and an Arabic-script one matches only those.
struct LegalFormVariant {
  std::vector<std::string> tokens;
  std::string canonical;
  bool at_start = false;  // may stand at the start of a name
  bool at_end = false;    // may stand at the end of a name
  bool anywhere = true;
  bool abjad = false;  // written in Arabic/Hebrew script: matches abjad tokens only
};
class LegalFormTable {
 public:
  Status Load(const std::string& path, const EntryFolder& fold);
  // Variants whose first token is `first`, longest first; nullptr when none.
  const std::vector<LegalFormVariant>* StartingWith(std::string_view first) const;
  // The legal-form word of 5+ letters that `token` is one typo away from ("comoany" ->
  // "company", "limitpd" -> "limited"), or "" when there is none, several, or `token` is itself
  // a legal-form word. Typos in legal forms are common in payment data and would otherwise turn
  // a word that says nothing into an unknown, heavily weighted one.
  std::string CorrectTypo(std::string_view token) const;
  size_t size() const { return count_; }

 private:
  static constexpr size_t kMinTypoWordLength = 5;
  StringMap<std::vector<LegalFormVariant>> by_first_;
  StringMap<std::string> words_;      // Latin words of 5+ letters in any variant
  StringMap<std::string> deletions_;  // a word minus one letter -> the word ("" if ambiguous)
  // By length, the set of letters of each word (bit per a-z0-9): most tokens lack two letters of
  // every word of their length give or take one, and cannot be a typo of any.
  std::vector<std::vector<uint64_t>> letters_by_length_;
  size_t count_ = 0;
};

enum class AffixKind {
  kParticle,      // kept, marked TokenKind::kParticle
  kHonorific,     // dropped from persons and unknown-schema entities
  kRank,          // dropped from persons only (the words are ordinary in company names)
  kVesselPrefix,  // dropped from the start of vessel names
  kUnit,          // kept at a particle's weight in names that may be organisations
  kPlace,         // likewise, directly before a unit ("Dubai Branch"); a word anywhere else
};
struct Affix {
  std::vector<std::string> tokens;
  AffixKind kind = AffixKind::kParticle;
  bool abjad = false;  // written in Arabic/Hebrew script: matches abjad tokens only
};
// data/name_affixes.tsv: "term<TAB>kind". Abjad tokens match only terms written in that script.
class AffixTable {
 public:
  Status Load(const std::string& path, const EntryFolder& fold);
  // Affixes whose first token is `first`, longest first; nullptr when none.
  const std::vector<Affix>* StartingWith(std::string_view first) const;
  bool IsParticle(std::string_view token, bool abjad) const;
  size_t size() const { return count_; }

 private:
  StringMap<std::vector<Affix>> by_first_;
  size_t count_ = 0;
};

// Reads `path` into lines, for the loaders. Fails with an IoError naming the file.
Status ReadLines(const std::string& path, std::vector<std::string>* lines);

}  // namespace interdict::normalize_internal
