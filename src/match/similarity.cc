#include "match/similarity.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace interdict {

int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance) {
  if (a.size() < b.size()) std::swap(a, b);
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (n - m > max_distance) return max_distance + 1;
  if (m == 0) return n;
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
