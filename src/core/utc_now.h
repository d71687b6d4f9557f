// UTC times as text: to the second for list versions, updates and the API, to the millisecond for
// the store's case data. Both forms sort as text in time order.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace interdict {

// `t` as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcIso(std::time_t t);

// Parses "YYYY-MM-DDTHH:MM:SSZ"; false on anything else.
bool ParseUtcIso(std::string_view text, std::time_t* out);

// UTC, ISO 8601 with milliseconds: "2026-12-07T18:01:02.345Z". Sorts as text in time order.
std::string UtcNowMillis();
// The time `seconds` ago, written the same way (so that it compares with stored times as text).
std::string UtcMillisAgo(double seconds);

}  // namespace interdict
