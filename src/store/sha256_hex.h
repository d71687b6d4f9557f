// SHA-256 of a text, as the store's fingerprints and hashes write it.
#pragma once

#include <string>
#include <string_view>

namespace interdict {

// Lower-case hex (64 characters) of SHA-256(data).
std::string Sha256Hex(std::string_view data);

}  // namespace interdict
