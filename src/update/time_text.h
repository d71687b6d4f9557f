// Spans of time as the updater shows and reads them: ages ("3d 4h") and durations given on the
// command line ("6h"). Instants are core/utc_now.h's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interdict {

// A non-negative age in its two largest units: "45s", "12m 5s", "3h 20m", "4d 2h".
std::string FormatAge(int64_t seconds);

// "<n>s", "<n>m", "<n>h" or "<n>d" with n > 0, into seconds; false on anything else.
bool ParseDuration(std::string_view text, int64_t* seconds);

}  // namespace interdict
