// ListVersion: what the store records about one committed import of a list.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace interdict {

struct ListVersion {
  int64_t id = 0;              // unique in the store, increasing
  std::string source;          // "us-ofac-sdn"
  std::string published;       // publisher's date, ISO 8601, or ""
  std::string content_sha256;  // hex, over the input files (see ContentHash in ingest)
  int64_t record_count = 0;
  std::map<std::string, int64_t> schema_counts;  // "person" -> 4620, ...
  std::string imported_at;                       // UTC, ISO 8601
  std::vector<std::string> files;                // input file names
};

}  // namespace interdict
