// KthBest: the rising bound of a top-k search. While a search for the best k records runs, the
// k-th best score seen so far only rises; a record that cannot reach it cannot be among the k
// best, so its names need not be kept (and the search costs about what a thresholded one costs).
//
// Each record is offered once, with a lower bound of its score (a record's score only rises as
// more of its names are scored, so its first score is one). Offering a record twice would count
// it twice, and the bound would no longer be one.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

namespace interdict {

class KthBest {
 public:
  // k = 0: no limit, and no bound.
  explicit KthBest(size_t k) : k_(k) {}

  // A record not offered before scores at least `score`.
  void Offer(float score) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push(score);
    } else if (score > heap_.top()) {
      heap_.pop();
      heap_.push(score);
    }
  }

  // A score that k offered records reach: records scoring below it are not among the k best
  // (records scoring exactly it may be, on a tie). -infinity until k records are offered.
  float Bound() const {
    if (k_ == 0 || heap_.size() < k_) return -std::numeric_limits<float>::infinity();
    return heap_.top();
  }

 private:
  size_t k_;
  std::priority_queue<float, std::vector<float>, std::greater<float>> heap_;  // the k best
};

}  // namespace interdict
