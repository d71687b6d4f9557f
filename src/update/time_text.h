// Times as the updater writes and reads them: UTC instants in the store's ISO 8601 form
// ("2026-03-01T12:00:00Z"), ages ("3d 4h") and durations given on the command line ("6h").
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace interdict {

// `t` as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcIso(std::time_t t);

// Parses "YYYY-MM-DDTHH:MM:SSZ"; false on anything else.
bool ParseUtcIso(std::string_view text, std::time_t* out);

// A non-negative age in its two largest units: "45s", "12m 5s", "3h 20m", "4d 2h".
std::string FormatAge(int64_t seconds);

// "<n>s", "<n>m", "<n>h" or "<n>d" with n > 0, into seconds; false on anything else.
bool ParseDuration(std::string_view text, int64_t* seconds);

}  // namespace interdict
