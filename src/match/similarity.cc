#include "match/similarity.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace interdict {

namespace {

// Hyyrö's bit-parallel optimal string alignment distance (2003) for a pattern `p` of 1..64 bytes:
// one pass over `t` with a handful of word operations per byte.
int BitParallelOsa(std::string_view p, std::string_view t) {
  uint64_t peq[256];
  for (unsigned char c : p) peq[c] = 0;
  for (unsigned char c : t) peq[c] = 0;
  for (size_t i = 0; i < p.size(); ++i) peq[static_cast<unsigned char>(p[i])] |= uint64_t{1} << i;
  uint64_t vp = ~uint64_t{0}, vn = 0, d0 = 0, pm_old = 0;
  const uint64_t last = uint64_t{1} << (p.size() - 1);
  int dist = static_cast<int>(p.size());
  for (unsigned char c : t) {
    const uint64_t pm = peq[c];
    const uint64_t tr = (((~d0) & pm) << 1) & pm_old;
    d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    dist += (hp & last) != 0;
    dist -= (hn & last) != 0;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_old = pm;
  }
  return dist;
}

}  // namespace

int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance) {
  if (a.size() < b.size()) std::swap(a, b);
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (n - m > max_distance) return max_distance + 1;
  if (m == 0) return n;
  if (m <= 64) return std::min(BitParallelOsa(b, a), max_distance + 1);
  // Three rows of the DP over b; stack storage for the usual short tokens.
  constexpr int kStack = 64;
  int stack_rows[3][kStack];
  std::vector<int> heap;
  int* prev2;
  int* prev;
  int* cur;
  if (m + 1 <= kStack) {
    prev2 = stack_rows[0];
    prev = stack_rows[1];
    cur = stack_rows[2];
  } else {
    heap.resize(3 * static_cast<size_t>(m + 1));
    prev2 = heap.data();
    prev = prev2 + m + 1;
    cur = prev + m + 1;
  }
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_distance) return max_distance + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], max_distance + 1);
}

int AllowedEdits(size_t length) {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  if (length <= 11) return 2;
  return 3;
}

}  // namespace interdict
