// Fetcher: downloads one list file over HTTP(S) with libcurl, for the updater.
//
// Contract:
// - Bounded: the connection must be made within connect_timeout_ms and each attempt must finish
//   within total_timeout_ms; the body may be at most max_bytes. So a server that never answers,
//   or streams forever, ends in an IoError, never a hang.
// - Retries network failures (no connection, timeout, a cut transfer) and 5xx answers, up to
//   `attempts` tries in all, waiting backoff_ms, then twice that, and so on between them. A 4xx
//   answer is not retried: asking again will not make a missing file appear.
// - Conditional: with an etag / last_modified from the previous fetch it sends If-None-Match /
//   If-Modified-Since; a 304 answer writes nothing and sets result->not_modified.
// - Refuses what cannot be a list: any final status but 200/304, and an HTML page (Content-Type
//   text/html or application/xhtml+xml: the publishers' error and maintenance pages are served
//   like that, often with status 200).
// - On success `dest` holds the complete body. On any failure `dest` does not exist.
//
// Only http and https URLs are followed (redirects included).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/status.h"

namespace interdict {

struct FetchOptions {
  int64_t connect_timeout_ms = 30'000;
  int64_t total_timeout_ms = 600'000;  // per attempt; the OFAC SDN CSV set is about 10 MB
  int attempts = 4;
  int64_t backoff_ms = 2'000;
  int64_t max_bytes = int64_t{4} << 30;  // above the largest list, OpenSanctions' FtM export
  std::string etag;                      // sent as If-None-Match when not empty
  std::string last_modified;             // sent as If-Modified-Since when not empty
};

struct FetchResult {
  bool not_modified = false;  // 304: unchanged since etag/last_modified were stored
  long http_status = 0;
  std::string etag;           // of the final response, "" when absent
  std::string last_modified;  // of the final response, "" when absent
  std::string content_type;
  int64_t bytes = 0;
  int attempts = 0;  // tries made, retries included
};

Status Fetch(const std::string& url, const std::filesystem::path& dest, const FetchOptions& options,
             FetchResult* result);

}  // namespace interdict
