#include "core/utc_now.h"

#include <sys/time.h>

#include <cstdint>
#include <cstdio>
#include <ctime>

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

std::string UtcNowMillis() { return UtcMillisAgo(0); }

std::string UtcMillisAgo(double seconds) {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  const int64_t ms = static_cast<int64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000 -
                     static_cast<int64_t>(seconds * 1000);
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace interdict
