// The content hash of an import's input: identical input gives the same hash, so re-importing
// unchanged files creates no new list version.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace interdict {

// SHA-256 (lower-case hex) over the files in file-name order, each as its name, a NUL, its size
// in decimal, a NUL, then its bytes. Folder paths are not part of the hash, so the same files
// copied elsewhere hash the same.
Status ContentHash(const std::vector<std::filesystem::path>& files, std::string* hex);

}  // namespace interdict
