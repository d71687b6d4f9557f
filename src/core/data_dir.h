// Where Interdict finds the files it ships in data/ (dictionaries, bundled lists).
#pragma once

#include <string>

namespace interdict {

// `flag_value` when not empty, else $INTERDICT_DATA_DIR when set, else the data/ folder of the
// source tree the binary was built from.
std::string ResolveDataDir(const std::string& flag_value);

}  // namespace interdict
