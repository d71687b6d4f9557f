// Fetch state: per source, what the updater (`interdict update`) last fetched and when, kept in the
// store next to the versions it produced, so that the age of each source can be reported and an
// unchanged list is not downloaded again (HTTP conditional requests).
//
// The validators (ETag, Last-Modified) and content_sha256 describe the files of the last fetch
// that was applied (imported, or found identical to the version in service). A fetch that was
// refused (truncated, held by the shrink guard, ...) changes only last_attempt and last_error:
// storing its validators would make the next run get "304 Not Modified" and call a list that was
// never applied "unchanged".
//
// Thread-safety: as Store (one thread at a time per Store).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace interdict {

struct FetchValidator {
  std::string url;
  std::string etag;           // the response's ETag header, verbatim, or ""
  std::string last_modified;  // the response's Last-Modified header, verbatim, or ""
};

struct SourceFetchState {
  std::string source;
  std::vector<FetchValidator> validators;  // one per URL of the last applied fetch
  std::string content_sha256;              // ContentHash of those files
  std::string last_attempt;                // UTC, ISO 8601; "" when never attempted
  std::string last_success;                // UTC, ISO 8601; "" when never succeeded
  std::string last_error;                  // of the last attempt; "" when it succeeded
};

// The state of `source`. *found is false (and *out holds just the source name) when the source
// was never fetched.
Status ReadFetchState(Store& store, const std::string& source, bool* found, SourceFetchState* out);

// The state of every source ever fetched, ordered by source name.
Status ReadFetchStates(Store& store, std::vector<SourceFetchState>* out);

// Replaces the state of state.source (one transaction).
Status WriteFetchState(Store& store, const SourceFetchState& state);

}  // namespace interdict
