// The current time as the store's case data records it.
#pragma once

#include <string>

namespace interdict {

// UTC, ISO 8601 with milliseconds: "2026-12-07T18:01:02.345Z". Sorts as text in time order.
std::string UtcNowMillis();
// The time `seconds` ago, written the same way (so that it compares with stored times as text).
std::string UtcMillisAgo(double seconds);

}  // namespace interdict
