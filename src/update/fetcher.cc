#include "update/fetcher.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

namespace interdict {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  void operator()(std::FILE* f) const { std::fclose(f); }
};

struct Sink {
  std::FILE* file;
  int64_t bytes = 0;
  int64_t max_bytes;
  bool too_large = false;
  bool write_failed = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  const size_t len = size * n;
  if (sink->bytes + static_cast<int64_t>(len) > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  if (std::fwrite(data, 1, len, sink->file) != len) {
    sink->write_failed = true;
    return 0;
  }
  sink->bytes += static_cast<int64_t>(len);
  return len;
}

std::string Header(CURL* curl, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK) return "";
  return h->value;
}

bool IsHtml(const std::string& content_type) {
  std::string t;
  for (char c : content_type) {
    if (c == ';') break;
    if (c != ' ') t += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return t == "text/html" || t == "application/xhtml+xml";
}

// Failures of the network or the server that a later try may not meet. Others (a URL curl
// cannot use, an unsupported scheme, a TLS certificate that does not verify) would fail again.
bool Transient(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// One try. *retry says whether another try may succeed where this one failed.
Status Attempt(const std::string& url, const std::filesystem::path& dest,
               const FetchOptions& options, FetchResult* result, bool* retry) {
  *retry = false;
  std::unique_ptr<std::FILE, CurlDeleter> file(std::fopen(dest.c_str(), "wb"));
  if (!file) return Status::IoError(dest.string() + ": cannot create");
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("curl_easy_init failed");
  std::unique_ptr<curl_slist, CurlDeleter> headers;
  auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  if (!options.etag.empty()) add_header("If-None-Match: " + options.etag);
  if (!options.last_modified.empty()) add_header("If-Modified-Since: " + options.last_modified);
  Sink sink{file.get(), 0, options.max_bytes};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout_ms));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(c, CURLOPT_USERAGENT, "interdict-updater/1");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  if (sink.too_large)
    return Status::InvalidInput(url + ": larger than the limit of " +
                                std::to_string(options.max_bytes) + " bytes");
  if (sink.write_failed) return Status::IoError(dest.string() + ": write failed");
  if (rc != CURLE_OK) {
    *retry = Transient(rc);
    return Status::IoError(url + ": " + (*error != '\0' ? error : curl_easy_strerror(rc)));
  }
  if (std::fflush(file.get()) != 0) return Status::IoError(dest.string() + ": write failed");
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result->http_status);
  const char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  result->content_type = type != nullptr ? type : "";
  result->etag = Header(c, "ETag");
  result->last_modified = Header(c, "Last-Modified");
  result->bytes = sink.bytes;
  const std::string status = "HTTP " + std::to_string(result->http_status);
  if (result->http_status == 304) {
    result->not_modified = true;
    return Status::Ok();
  }
  if (result->http_status >= 500) {
    *retry = true;
    return Status::IoError(url + ": server error " + status);
  }
  if (result->http_status != 200) return Status::NotFound(url + ": " + status);
  if (IsHtml(result->content_type))
    return Status::InvalidInput(url + ": served an HTML page (Content-Type " +
                                result->content_type + "), not a list file");
  return Status::Ok();
}

}  // namespace

Status Fetch(const std::string& url, const std::filesystem::path& dest, const FetchOptions& options,
             FetchResult* result) {
  int64_t wait_ms = options.backoff_ms;
  Status status;
  for (int attempt = 1;; ++attempt) {
    *result = FetchResult();
    result->attempts = attempt;
    bool retry = false;
    status = Attempt(url, dest, options, result, &retry);
    if (status.ok() && !result->not_modified) return status;
    std::error_code ec;
    std::filesystem::remove(dest, ec);
    if (status.ok()) return status;  // 304
    if (!retry || attempt >= options.attempts) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    wait_ms *= 2;
  }
  return result->attempts > 1
             ? status.WithContext("after " + std::to_string(result->attempts) + " attempts")
             : status;
}

}  // namespace interdict
