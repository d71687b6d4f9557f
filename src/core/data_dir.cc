#include "core/data_dir.h"

#include <cstdlib>

namespace interdict {

std::string ResolveDataDir(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("INTERDICT_DATA_DIR"); env != nullptr && *env != '\0')
    return env;
  return INTERDICT_DEFAULT_DATA_DIR;
}

}  // namespace interdict
