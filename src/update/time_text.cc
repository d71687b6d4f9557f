#include "update/time_text.h"

#include <charconv>
#include <cstdio>

namespace interdict {

std::string FormatAge(int64_t seconds) {
  if (seconds < 0) seconds = 0;
  struct Unit {
    int64_t size;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (size_t i = 0; i + 1 < std::size(kUnits); ++i) {
    if (seconds < kUnits[i].size) continue;
    std::string out = std::to_string(seconds / kUnits[i].size) + kUnits[i].name;
    int64_t rest = seconds % kUnits[i].size / kUnits[i + 1].size;
    return rest == 0 ? out : out + " " + std::to_string(rest) + kUnits[i + 1].name;
  }
  return std::to_string(seconds) + "s";
}

bool ParseDuration(std::string_view text, int64_t* seconds) {
  if (text.size() < 2) return false;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n <= 0) return false;
  switch (text.back()) {
    case 's':
      *seconds = n;
      return true;
    case 'm':
      *seconds = n * 60;
      return true;
    case 'h':
      *seconds = n * 3600;
      return true;
    case 'd':
      *seconds = n * 86400;
      return true;
    default:
      return false;
  }
}

}  // namespace interdict
