// TransliteratorSet: the ICU chains that romanise non-Latin words, one per script (and per
// language where ICU has BGN/PCGN rules and the letters tell the language apart).
//
// Every chain starts with NFKC (Arabic presentation forms, fullwidth letters) and, but for
// kSimplified, ends with Latin-ASCII; the caller folds the output with the FoldTable. Chains are
// built once, in Init(). ICU does not promise that Transliterator::transliterate is thread-safe, so
// each chain keeps a small pool of clones: a call borrows one under a mutex (clone() costs ~10 µs,
// once per concurrently active thread), so concurrent callers never share an instance. A
// TransliteratorSet is safe for concurrent use after Init().
#pragma once

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"

namespace interdict::normalize_internal {

enum class Chain : int {
  kArabic,      // Arabic-Latin/BGN
  kPersian,     // Persian-Latin/BGN: Persian, Dari, Urdu letters (پ چ ژ گ ک ی ہ ...)
  kPashto,      // Pashto-Latin/BGN: ټ ډ ړ ځ څ ښ ږ ...
  kRussian,     // Russian-Latin/BGN, the default for Cyrillic
  kUkrainian,   // і ї є ґ
  kBelarusian,  // ў
  kSerbian,     // ђ ћ џ љ њ ј
  kMacedonian,  // ѓ ќ ѕ
  kKazakh,      // ә ғ қ ң ө ұ ү һ
  kGreek,       // Greek-Latin/UNGEGN
  kHebrew,      // Hebrew-Latin/BGN
  kArmenian,    // Armenian-Latin/BGN
  kGeorgian,    // Georgian-Latin/BGN
  kHan,         // Han-Latin/Names: Mandarin pinyin, surname readings; tones folded away later
  kSimplified,  // Traditional-Simplified: Han to Han, for comparing characters (no Latin)
  kSinhala,     // si-si_Latn, which Any-Latin does not pick
  kThaana,      // Maldivian-Latin/BGN: "nasheed", where Any-Latin writes "nasid"
  kGeneric,     // Any-Latin: Devanagari, Thai, Kana, fullwidth Latin and everything else
                //   (letters it leaves are read by their names: letter_names.h)
  kCount,
};

class TransliteratorSet {
 public:
  TransliteratorSet();
  ~TransliteratorSet();
  TransliteratorSet(const TransliteratorSet&) = delete;
  TransliteratorSet& operator=(const TransliteratorSet&) = delete;

  // Creates every chain. Errors name the chain ICU refused.
  Status Init();

  // Romanises `text` in place with `chain`. Thread-safe.
  void Transliterate(Chain chain, icu::UnicodeString* text) const;

  // The compound ICU id of `chain`, for tests and diagnostics.
  static std::string ChainId(Chain chain);

 private:
  struct Pool {
    std::unique_ptr<icu::Transliterator> prototype;
    mutable std::mutex mu;
    mutable std::vector<std::unique_ptr<icu::Transliterator>> idle;  // guarded by mu
  };
  std::array<Pool, static_cast<size_t>(Chain::kCount)> pools_;
};

}  // namespace interdict::normalize_internal
