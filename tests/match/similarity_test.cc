#include "match/similarity.h"

#include <gtest/gtest.h>

#include "core/text.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace interdict {
namespace {

// Plain dynamic-programming reference for optimal string alignment distance.
int ReferenceOsa(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

TEST(BoundedEditDistanceTest, KnownPairs) {
  EXPECT_EQ(BoundedEditDistance("john", "jon", 3), 1);
  EXPECT_EQ(BoundedEditDistance("martha", "marhta", 3), 1);  // one transposition
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedEditDistance("", "abc", 5), 3);
  EXPECT_EQ(BoundedEditDistance("abc", "", 5), 3);
  EXPECT_EQ(BoundedEditDistance("same", "same", 0), 0);
  EXPECT_EQ(BoundedEditDistance("ali", "ari", 1), 1);
}

TEST(BoundedEditDistanceTest, StopsAboveTheBound) {
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 1), 2);  // bound + 1
  EXPECT_EQ(BoundedEditDistance("abcdefgh", "a", 2), 3);      // length gap alone
  EXPECT_EQ(BoundedEditDistance("zawahiri", "khamenei", 2), 3);
}

TEST(BoundedEditDistanceTest, LongInputsUseTheHeap) {
  std::string a(100, 'a'), b(100, 'a');
  b[50] = 'b';
  EXPECT_EQ(BoundedEditDistance(a, b, 3), 1);
}

TEST(BoundedEditDistanceTest, AgreesWithReferenceOnRandomPairs) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> len(0, 14), letter(0, 3), op(0, 3);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a;
    for (int i = len(rng); i > 0; --i) a.push_back(static_cast<char>('a' + letter(rng)));
    std::string b = a;
    for (int edits = op(rng); edits > 0 && !b.empty(); --edits) {
      size_t pos = std::uniform_int_distribution<size_t>(0, b.size() - 1)(rng);
      switch (op(rng)) {
        case 0:
          b.erase(pos, 1);
          break;
        case 1:
          b.insert(pos, 1, static_cast<char>('a' + letter(rng)));
          break;
        case 2:
          b[pos] = static_cast<char>('a' + letter(rng));
          break;
        default:
          if (pos + 1 < b.size()) std::swap(b[pos], b[pos + 1]);
      }
    }
    int ref = ReferenceOsa(a, b);
    for (int bound = 0; bound <= 4; ++bound) {
      int got = BoundedEditDistance(a, b, bound);
      ASSERT_EQ(got, std::min(ref, bound + 1)) << a << " / " << b << " bound " << bound;
    }
  }
}

// The byte-set filter may only reject pairs that are further apart than the bound.
TEST(ByteSetsAllowTest, NeverRejectsAPairWithinTheBound) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(0, 12), letter(0, 90), edits(0, 4);
  int rejected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a, b;
    for (int i = len(rng); i > 0; --i) a.push_back(static_cast<char>(' ' + letter(rng)));
    b = a;
    for (int e = edits(rng); e > 0; --e) {
      size_t pos = b.empty() ? 0 : std::uniform_int_distribution<size_t>(0, b.size() - 1)(rng);
      if (b.empty() || letter(rng) % 2) {
        b.insert(pos, 1, static_cast<char>(' ' + letter(rng)));
      } else {
        b[pos] = static_cast<char>(' ' + letter(rng));
      }
    }
    for (int bound = 0; bound <= 3; ++bound) {
      if (ByteSetsAllow(ByteSet(a), ByteSet(b), bound)) continue;
      ++rejected;
      ASSERT_GT(ReferenceOsa(a, b), bound) << a << " / " << b;
    }
  }
  EXPECT_GT(rejected, 1000);  // the filter does reject
  EXPECT_FALSE(ByteSetsAllow(ByteSet("zawahiri"), ByteSet("khamenei"), 2));
  EXPECT_TRUE(ByteSetsAllow(ByteSet("martha"), ByteSet("marhta"), 1));
}

TEST(AllowedEditsTest, GrowsWithLength) {
  EXPECT_EQ(AllowedEdits(2), 0);
  EXPECT_EQ(AllowedEdits(3), 0);  // Ali / Ari are different names
  EXPECT_EQ(AllowedEdits(4), 1);  // Jon / John
  EXPECT_EQ(AllowedEdits(7), 1);
  EXPECT_EQ(AllowedEdits(8), 2);
  EXPECT_EQ(AllowedEdits(11), 2);
  EXPECT_EQ(AllowedEdits(12), 3);
}

}  // namespace
}  // namespace interdict
