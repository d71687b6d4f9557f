// TextTokenizer: splits running text into the tokens list names are made of, fast.
//
// Words of ASCII letters and digits (the bulk of English prose and of payment messages) are
// folded here, byte by byte, exactly as the normalizer folds them (lower case; ' and ` vanish;
// every other ASCII character separates), and hashed on the way: no allocation, no ICU. A word
// holding any other letter (accented Latin, Cyrillic, Arabic, Han...) is handed whole to
// NameNormalizer::Normalize, so that text and list names are folded and transliterated by one
// and the same code. Non-ASCII punctuation (curly quotes, dashes, no-break space) is classified
// with the normalizer's own character classes and stays on the fast path.
//
// Immutable; safe for concurrent use.
#pragma once

#include <unicode/uchar.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "normalize/fold_table.h"
#include "normalize/normalizer.h"
#include "normalize/utf8_decode.h"

namespace interdict {

enum TextTokenFlag : uint8_t {
  kCapitalised = 1,     // the first letter is upper case ("Tehran", "TEHRAN")
  kAllCaps = 2,         // two letters or more, none lower case ("TEHRAN")
  kCaseless = 4,        // letters without case (Arabic, Han, Hangul...), or no letter (digits)
  kTransliterated = 8,  // romanised from another script
  kPossessive = 16,     // ends in 's after an apostrophe ("Iran's", "Iran’s")
};

struct TextToken {
  uint32_t begin = 0;  // byte range of the token's source in the text
  uint32_t end = 0;
  uint64_t hash = 0;        // TextTokenHash(folded)
  std::string_view folded;  // a-z0-9, as list names are folded; valid during the callback only
  uint8_t flags = 0;        // TextTokenFlag bits
  // The normalizer's token (variant class, skeleton) for a word that left the fast path.
  const NameToken* normalized = nullptr;
};

// The hash of a folded token. Tokens of up to kMaxFastToken bytes hash in place; see below.
uint64_t TextTokenHash(std::string_view folded);

// Case flags of a token's source text (any script).
uint8_t CaseFlags(std::string_view source);

// No lower-case ASCII letter, and an upper-case one: an acronym as written ("HTS", "M23").
inline bool NoLowerCase(std::string_view source) {
  bool upper = false;
  for (char c : source) {
    if (c >= 'a' && c <= 'z') return false;
    upper |= c >= 'A' && c <= 'Z';
  }
  return upper;
}

// True when `source` ends in an apostrophe and s ("Iran's", "Iran’s") and `folded` in "s".
bool IsPossessive(std::string_view source, std::string_view folded);

class TextTokenizer {
 public:
  // Longer ASCII words are tokenised but their folded text is cut here (nothing on a list is
  // this long): their hash is that of the first kMaxFastToken bytes.
  static constexpr size_t kMaxFastToken = 120;

  explicit TextTokenizer(const NameNormalizer* normalizer) : normalizer_(normalizer) {}

  // Calls f(const TextToken&) on every token of `text`, in order; `base` is added to offsets.
  // Returns false, with *bad_offset set to the offset (plus base) of the first byte that is not
  // well-formed UTF-8, when the text is not UTF-8: tokens before it have been reported.
  template <typename F>
  bool ForEach(std::string_view text, uint32_t base, F&& f, size_t* bad_offset) const;

 private:
  template <typename F>
  void SlowRun(std::string_view text, size_t begin, size_t end, uint32_t base, F& f) const;

  const NameNormalizer* normalizer_;
};

// ---- implementation ----

namespace scan_internal {

enum AsciiClass : uint8_t { kSep, kUpper, kLower, kDigit, kDel, kHigh };

struct AsciiTable {
  uint8_t cls[256];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 256; ++c) {
      if (c >= 'A' && c <= 'Z') {
        cls[c] = kUpper;
      } else if (c >= 'a' && c <= 'z') {
        cls[c] = kLower;
      } else if (c >= '0' && c <= '9') {
        cls[c] = kDigit;
      } else if (c == '\'' || c == '`') {
        cls[c] = kDel;
      } else if (c >= 0x80) {
        cls[c] = kHigh;
      } else {
        cls[c] = kSep;
      }
    }
  }
};
inline constexpr AsciiTable kAscii;

// `buf` holds n folded bytes followed by at least 8 zero bytes.
inline uint64_t HashPadded(const char* buf, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t w;
    std::memcpy(&w, buf + i, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  h ^= h >> 29;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 32;
  return h == 0 ? 1 : h;
}

}  // namespace scan_internal

template <typename F>
void TextTokenizer::SlowRun(std::string_view text, size_t begin, size_t end, uint32_t base,
                            F& f) const {
  std::string_view run = text.substr(begin, end - begin);
  NormalizedName n = normalizer_->Normalize(run, Schema::kEntity);
  for (const NameToken& nt : n.tokens) {
    TextToken t;
    t.begin = base + static_cast<uint32_t>(begin + nt.begin);
    t.end = base + static_cast<uint32_t>(begin + nt.end);
    t.folded = nt.text;
    t.hash = TextTokenHash(nt.text);
    t.flags = CaseFlags(run.substr(nt.begin, nt.end - nt.begin));
    if (nt.transliterated) t.flags |= kTransliterated;
    if (IsPossessive(run.substr(nt.begin, nt.end - nt.begin), nt.text)) t.flags |= kPossessive;
    t.normalized = &nt;
    f(static_cast<const TextToken&>(t));
  }
}

template <typename F>
bool TextTokenizer::ForEach(std::string_view text, uint32_t base, F&& f, size_t* bad_offset) const {
  using normalize_internal::CharClass;
  using scan_internal::kAscii;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  char buf[kMaxFastToken + 8];
  // The class of the non-ASCII character at i (its length in *len), or false if malformed.
  auto classify = [&](size_t i, size_t* len, CharClass* cls) {
    uint32_t cp = 0;
    *len = normalize_internal::DecodeUtf8(text, i, &cp);
    if (*len == 0) return false;
    // The middle dot joins in the fold table (Catalan l·l) but separates elsewhere: let the
    // normalizer decide.
    *cls = cp == 0x00B7 ? CharClass::kContent : normalize_internal::ClassifyOther(cp);
    return true;
  };
  auto fail = [&](size_t at) {
    if (bad_offset != nullptr) *bad_offset = base + at;
    return false;
  };
  size_t i = 0;
  while (i < n) {
    uint8_t cls = kAscii.cls[p[i]];
    if (cls == scan_internal::kSep || cls == scan_internal::kDel) {
      ++i;
      continue;
    }
    const size_t start = i;
    bool complex = false;
    if (cls == scan_internal::kHigh) {
      size_t len;
      CharClass c;
      if (!classify(i, &len, &c)) return fail(i);
      if (c != CharClass::kContent) {
        i += len;
        continue;
      }
      complex = true;
    }
    size_t len = 0, tok_end = i, deleted_at = SIZE_MAX;
    int upper = 0, lower = 0;
    const bool first_upper = cls == scan_internal::kUpper;
    while (!complex && i < n) {
      const unsigned char c = p[i];
      cls = kAscii.cls[c];
      if (cls == scan_internal::kUpper) {
        ++upper;
        if (len < kMaxFastToken) buf[len++] = static_cast<char>(c | 0x20);
      } else if (cls == scan_internal::kLower) {
        ++lower;
        if (len < kMaxFastToken) buf[len++] = static_cast<char>(c);
      } else if (cls == scan_internal::kDigit) {
        if (len < kMaxFastToken) buf[len++] = static_cast<char>(c);
      } else if (cls == scan_internal::kDel) {
        deleted_at = len;
        ++i;
        continue;
      } else if (cls == scan_internal::kSep) {
        break;
      } else {
        size_t l;
        CharClass k;
        if (!classify(i, &l, &k)) return fail(i);
        if (k == CharClass::kSeparator) break;
        if (k == CharClass::kDelete) {
          deleted_at = len;
          i += l;
          continue;
        }
        complex = true;
        break;
      }
      ++i;
      tok_end = i;
    }
    if (complex) {
      // The whole word goes to the normalizer: find where it ends.
      size_t j = i;
      while (j < n) {
        cls = kAscii.cls[p[j]];
        if (cls == scan_internal::kSep) break;
        if (cls != scan_internal::kHigh) {
          ++j;
          continue;
        }
        size_t l;
        CharClass k;
        if (!classify(j, &l, &k)) return fail(j);
        if (k == CharClass::kSeparator) break;
        j += l;
      }
      SlowRun(text, start, j, base, f);
      i = j;
      continue;
    }
    if (len == 0) continue;
    std::memset(buf + len, 0, 8);
    TextToken t;
    t.begin = base + static_cast<uint32_t>(start);
    t.end = base + static_cast<uint32_t>(tok_end);
    t.folded = std::string_view(buf, len);
    t.hash = scan_internal::HashPadded(buf, len);
    if (first_upper) t.flags |= kCapitalised;
    if (upper >= 2 && lower == 0) t.flags |= kAllCaps;
    if (upper == 0 && lower == 0) t.flags |= kCaseless;  // digits: no case to require
    if (len >= 3 && deleted_at == len - 1 && buf[len - 1] == 's') t.flags |= kPossessive;
    f(static_cast<const TextToken&>(t));
  }
  return true;
}

}  // namespace interdict
