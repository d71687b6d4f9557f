// String similarity for name tokens: the hot path of scoring, written for short ASCII tokens.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace interdict {

// Optimal-string-alignment distance (Levenshtein plus adjacent transposition) between a and b,
// or max_distance + 1 as soon as the distance is known to exceed max_distance. Bytes are
// compared as bytes; tokens are ASCII by the time they get here. No allocation for inputs up to
// 63 bytes.
int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance);

// False when BoundedEditDistance(a, b, max_distance) would exceed max_distance, judged from
// ByteSet(a) and ByteSet(b) (core/text.h): one edit changes at most one member of either set, so
// sets that differ in more than 2 × max_distance members are further apart. Rejects most
// unrelated pairs with one popcount instead of a distance.
inline bool ByteSetsAllow(uint64_t a, uint64_t b, int max_distance) {
  return std::popcount(a ^ b) <= 2 * max_distance;
}

// Edits a token of `length` letters may carry and still count as a typo of another: none up to 3
// letters (Ali/Ari are different names; short variants come from the variant data), 1 up to 7,
// 2 up to 11, 3 beyond.
int AllowedEdits(size_t length);

}  // namespace interdict
