// Tokenizer: steps 1 and 2 of the pipeline (normalizer.h). Splits a name into words, folds Latin
// with the FoldTable and romanises every other script with the TransliteratorSet, producing
// lower-case a-z0-9 tokens with the byte range of their source. Immutable after construction;
// safe for concurrent use.
#pragma once

#include <unicode/uscript.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/fold_table.h"
#include "normalize/transliterator.h"

namespace interdict::normalize_internal {

struct Hints;  // per-name language hints (tokenizer.cc)

struct RawToken {
  std::string text;  // a-z0-9, never empty
  uint32_t begin = 0;
  uint32_t end = 0;
  bool transliterated = false;
  // Romanised from an abjad (Arabic, Hebrew script): vowels are missing, so the text is a
  // consonant string ("mr" for عمر) that must not be taken for a Latin word ("Mr").
  bool abjad = false;
  // The token's letters as written (UTF-8), for the scripts that names are compared in
  // (InOwnScript): Han (one character, in its simplified form), Hangul (one syllable) and the
  // Brahmic scripts of South and South-East Asia (one word). Their romanisations merge letters
  // that tell names apart (종 and 정 are both "jong"). Empty for every other token.
  std::string native;
};

class Tokenizer {
 public:
  Tokenizer(const FoldTable* fold, const TransliteratorSet* translit)
      : fold_(fold), translit_(translit) {}

  // Appends the tokens of `text` to `out`.
  //
  // Words are split at white space, punctuation, symbols, ZWNJ and invalid UTF-8 bytes;
  // apostrophes, ʿ ʾ, tatweel and format characters vanish inside a word. Within one word, pieces
  // of different scripts stay one token (a homoglyph "Pутин" is "putin"), except that every Han
  // character and every Hangul syllable is a token of its own, and an Arabic-script word opening
  // with the article ال is split into "al" and the rest, as Latin spellings write it (al-Tikriti);
  // likewise the compounds عبدال+X ("abdal" + X: Abdul Halim, Abd al-Halim, Abdelhalim all meet
  // it with at most one join) and ابو+X ("abu" + X). X الدين written apart is X + "aldyn"
  // (Nureddine, Nur al-Din).
  // `arabic_chain`, when given, replaces the per-name choice between the Arabic, Persian and
  // Pashto tables (dictionaries use it to romanise an entry both ways).
  void Tokenize(std::string_view text, std::vector<RawToken>* out,
                const Chain* arabic_chain = nullptr) const;

 private:
  void EmitWord(std::string_view text, size_t begin, size_t end, Hints* hints,
                std::vector<RawToken>* out) const;

  const FoldTable* fold_;
  const TransliteratorSet* translit_;
};

// True for the scripts whose tokens carry RawToken::native.
bool InOwnScript(UScriptCode script);

// ISO 15924 code of the script with the most letters in `text`; "Zyyy" when it has no letter.
// Ties go to the script seen first.
std::string DominantScriptOf(std::string_view text);

}  // namespace interdict::normalize_internal
