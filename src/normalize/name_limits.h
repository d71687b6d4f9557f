// Name limits: how much work one name may cause, in one place for the query path and the index
// build.
//
// Matching work grows faster than a name: a token's typo keys with its length squared or cubed
// (every one- and two-letter deletion), an alignment with the product of both names' token
// counts. Real names stay far inside these limits (the longest name in the bundled lists is 193
// characters and 25 tokens, its longest token 24 letters), so they cost real names nothing and
// bound what a hostile or broken input can cost.
//
//   - A query name (screening, compare) longer than kMaxNameCharacters, or of more than
//     kMaxNameTokens tokens once normalised, is refused with InvalidInput naming both figures:
//     never screened partly, never answered "no match".
//   - A token longer than kMaxTypoTokenBytes (folded) gets no typo keys and is compared by its
//     exact keys only (text, variant class, spelling key, skeleton), on both sides. List names are
//     never refused or cut: an over-long listed name is indexed in full by that cheap exact path,
//     so a broken record cannot hang the index build, and it is still found by its own tokens.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace interdict {

inline constexpr size_t kMaxNameCharacters = 500;
inline constexpr size_t kMaxNameTokens = 50;
inline constexpr size_t kMaxTypoTokenBytes = 32;

// Characters of `name`: its UTF-8 code points, counted by their lead bytes (a stray
// continuation byte counts with the character before it). Linear; checked before any other work
// on the name.
size_t NameCharacters(std::string_view name);

// InvalidInput "name is N characters; the limit is M" when `name` is over kMaxNameCharacters.
Status CheckNameLength(std::string_view name);

// InvalidInput "name has N words; the limit is M" when `tokens` is over kMaxNameTokens.
Status CheckNameTokens(size_t tokens);

// Whether a token of this many (folded) bytes gets typo keys and edit-distance comparisons.
inline bool TypoComparable(size_t token_bytes) { return token_bytes <= kMaxTypoTokenBytes; }

}  // namespace interdict
