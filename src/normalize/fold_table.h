// FoldTable: the Latin fast path. Maps every code point of U+0000-U+024F (Basic Latin to Latin
// Extended-B) and U+1E00-U+1EFF (Latin Extended Additional, Vietnamese) to its folded ASCII form,
// so that Latin names never touch ICU at query time.
//
// The table is generated once, at Build(), from ICU itself ("NFKD; [:Mn:] Remove; Latin-ASCII;
// Lower"), so it agrees with what the ICU chains would produce for the same letters; a few classes
// are decided by rule instead (apostrophes join, soft hyphen joins, everything that is not a letter
// or digit separates). A FoldTable is immutable after Build().
#pragma once

#include <array>
#include <cstdint>

#include "core/status.h"

namespace interdict::normalize_internal {

enum class CharClass : uint8_t {
  kSeparator,  // ends a token: space, punctuation, symbols, controls, invalid bytes
  kDelete,     // vanishes without splitting the token: apostrophes, ʿ ʾ, soft hyphen, ZWJ
  kContent,    // part of a word
};

struct FoldEntry {
  CharClass cls = CharClass::kSeparator;
  uint8_t len = 0;    // bytes of `text` (kContent only); 0..7
  char text[7] = {};  // folded a-z0-9: "ss" for ß, "ae" for æ, "d" for đ
};

class FoldTable {
 public:
  // Fills the table from ICU. Fails only if ICU lacks the Latin-ASCII transliterator.
  Status Build();

  // The entry of `cp`, or nullptr when `cp` is outside the two covered ranges.
  const FoldEntry* Find(uint32_t cp) const {
    if (cp < kLatinEnd) return &latin_[cp];
    if (cp >= kExtBegin && cp < kExtEnd) return &ext_[cp - kExtBegin];
    return nullptr;
  }

  static constexpr uint32_t kLatinEnd = 0x250;
  static constexpr uint32_t kExtBegin = 0x1E00;
  static constexpr uint32_t kExtEnd = 0x1F00;

 private:
  std::array<FoldEntry, kLatinEnd> latin_{};
  std::array<FoldEntry, kExtEnd - kExtBegin> ext_{};
};

// Class of a code point outside the fold table (any script). Letters, marks and digits are
// content; apostrophe-like modifier letters (ʹ ʺ ʻ ʼ ʽ ʾ ʿ), quotes used as apostrophes
// (’ ‘), the Arabic tatweel and format characters other than ZWNJ are deleted; ZWNJ, spaces,
// punctuation and symbols separate.
CharClass ClassifyOther(uint32_t cp);

// True for the apostrophe-like characters deleted inside words in every script.
bool IsApostropheLike(uint32_t cp);

}  // namespace interdict::normalize_internal
