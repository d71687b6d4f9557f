#include "update/time_text.h"

#include <charconv>
#include <cstdio>

namespace interdict {

std::string UtcIso(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool ParseUtcIso(std::string_view text, std::time_t* out) {
  std::tm tm{};
  char z = 0;
  int n = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &n) != 7 ||
      z != 'Z' || static_cast<size_t>(n) != s.size())
    return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *out = timegm(&tm);
  return *out != static_cast<std::time_t>(-1);
}

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
