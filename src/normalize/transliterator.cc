#include "normalize/transliterator.h"

#include <unicode/parseerr.h>
#include <unicode/utypes.h>

namespace interdict::normalize_internal {

namespace {

// ICU rules run before the Arabic-script BGN transliterators (each call gets one word, so "^" is
// the word start). BGN drops a word-initial alef ("nwr" for both انور and نور) and the alef
// forms with hamza or madda (leaving a stray mark: "ٔhmd" for أحمد) and leaves letters of Urdu it
// does not know (ڑ ہ ھ ے ں ...) unconverted; both are fixed here. The tatweel only stretches a
// word. An ayn between two letters is a vowel in Latin spellings (معمر Muammar, سعدي Saadi):
// written "a", it keeps apart the consonants it separates (BGN's "m'mr" folds to "mmr", whose
// skeleton merges the m's); at either end of a word it is left to BGN and folds away (عمر "mr").
constexpr const char* kArabicPre =
    "::NFKC;"
    "\\u0640 > ;"
    "^ \\u0627 > a; \\u0623 > a; \\u0625 > i; \\u0622 > a; \\u0671 > a;"
    "\\u0653 > ; \\u0654 > ; \\u0655 > ;"
    "[a\\u0620-\\u064A\\u066E-\\u06D3] { \\u0639 } [\\u0620-\\u064A\\u066E-\\u06D3] > a;"
    "\\u0679 > t; \\u0688 > d; \\u0691 > r; \\u06C1 > h; \\u06C2 > h; \\u06BE > h; \\u06C3 > h;"
    "\\u06D2 > e; \\u06D3 > e; \\u06BA > n;"
    "\\u0681 > z;";  // Pashto ځ: "dz" in BGN, "z" in Latin spellings (Zadran)

struct ChainSpec {
  const char* pre;  // ICU rules before `id`, or nullptr
  const char* id;   // compound transliterator id
};

// Indexed by Chain.
constexpr ChainSpec kSpecs[] = {
    {kArabicPre, "Arabic-Latin/BGN; Any-Latin; Latin-ASCII"},
    {kArabicPre, "Persian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {kArabicPre, "Pashto-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Russian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Belarusian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Serbian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Macedonian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Kazakh-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Hebrew-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Armenian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Georgian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Han-Latin/Names; Latin-ASCII"},
    {nullptr, "NFKC; Traditional-Simplified"},
    {nullptr, "NFKC; si-si_Latn; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Maldivian-Latin/BGN; Any-Latin; Latin-ASCII"},
    {nullptr, "NFKC; Any-Latin; Latin-ASCII"},
};
static_assert(sizeof(kSpecs) / sizeof(kSpecs[0]) == static_cast<size_t>(Chain::kCount));

}  // namespace

TransliteratorSet::TransliteratorSet() = default;
TransliteratorSet::~TransliteratorSet() = default;

std::string TransliteratorSet::ChainId(Chain chain) {
  const ChainSpec& spec = kSpecs[static_cast<int>(chain)];
  std::string out;
  if (spec.pre != nullptr) out = "<Arabic-script pre-rules>; ";
  out += spec.id;
  return out;
}

Status TransliteratorSet::Init() {
  for (int i = 0; i < static_cast<int>(Chain::kCount); ++i) {
    const ChainSpec& spec = kSpecs[i];
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    icu::Transliterator* t = nullptr;
    if (spec.pre != nullptr) {
      // "::id;" directives inside rules make one compound: pre-rules, then the BGN chain.
      std::string ids = std::string("::") + spec.id + ";";
      for (size_t p = 0; (p = ids.find("; ", p)) != std::string::npos;) ids.replace(p, 2, ";::");
      std::string rules = std::string(spec.pre) + ids;
      t = icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8("interdict-arab"),
                                               icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD,
                                               perr, status);
    } else {
      t = icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(spec.id), UTRANS_FORWARD,
                                              perr, status);
    }
    if (U_FAILURE(status) || t == nullptr) {
      delete t;
      return Status::Internal("ICU transliterator '" + ChainId(static_cast<Chain>(i)) +
                              "' unavailable: " + u_errorName(status));
    }
    pools_[i].prototype.reset(t);
  }
  return Status::Ok();
}

void TransliteratorSet::Transliterate(Chain chain, icu::UnicodeString* text) const {
  const Pool& pool = pools_[static_cast<int>(chain)];
  std::unique_ptr<icu::Transliterator> t;
  {
    std::lock_guard<std::mutex> lock(pool.mu);
    if (!pool.idle.empty()) {
      t = std::move(pool.idle.back());
      pool.idle.pop_back();
    } else {
      t.reset(pool.prototype->clone());
    }
  }
  if (t == nullptr) return;  // clone failed (out of memory): the word stays unconverted
  t->transliterate(*text);
  std::lock_guard<std::mutex> lock(pool.mu);
  pool.idle.push_back(std::move(t));
}

}  // namespace interdict::normalize_internal
