#include "match/kth_best.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

namespace interdict {
namespace {

TEST(KthBestTest, NoBoundUntilKRecordsAreOffered) {
  KthBest kth(3);
  EXPECT_TRUE(std::isinf(kth.Bound()));
  kth.Offer(0.9f);
  kth.Offer(0.2f);
  EXPECT_TRUE(std::isinf(kth.Bound()));
  kth.Offer(0.5f);
  EXPECT_FLOAT_EQ(kth.Bound(), 0.2f);
}

TEST(KthBestTest, TheBoundRisesWithBetterRecordsOnly) {
  KthBest kth(2);
  kth.Offer(0.4f);
  kth.Offer(0.6f);
  EXPECT_FLOAT_EQ(kth.Bound(), 0.4f);
  kth.Offer(0.3f);  // worse than both: no change
  EXPECT_FLOAT_EQ(kth.Bound(), 0.4f);
  kth.Offer(0.8f);
  EXPECT_FLOAT_EQ(kth.Bound(), 0.6f);
  kth.Offer(0.6f);  // a tie with the k-th best keeps it
  EXPECT_FLOAT_EQ(kth.Bound(), 0.6f);
}

TEST(KthBestTest, NoLimitIsNoBound) {
  KthBest kth(0);
  for (float s : {0.1f, 0.9f, 1.0f}) kth.Offer(s);
  EXPECT_TRUE(std::isinf(kth.Bound()));
}

// The bound is the k-th largest of the scores offered, in any order.
TEST(KthBestTest, BoundIsTheKthLargestOffered) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> score(0, 1);
  for (size_t k : {1u, 5u, 10u}) {
    KthBest kth(k);
    std::vector<float> offered;
    for (int i = 0; i < 200; ++i) {
      offered.push_back(score(rng));
      kth.Offer(offered.back());
      if (offered.size() < k) continue;
      std::vector<float> sorted = offered;
      std::sort(sorted.begin(), sorted.end(), std::greater<float>());
      ASSERT_EQ(kth.Bound(), sorted[k - 1]) << "k " << k << " after " << offered.size();
    }
  }
}

}  // namespace
}  // namespace interdict
