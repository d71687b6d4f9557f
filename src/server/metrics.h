// Metrics: request counters and latency histograms, rendered in the Prometheus text format
// (version 0.0.4) for GET /metrics.
//
// Requests are labelled by route template ("POST /v1/screen", "GET /entities/{id}"), never by the
// raw path, so that the number of series stays bounded whatever clients send. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace interdict::server {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 16> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                      1,      2.5,     5,      10};

  // One answered request: its route template, HTTP status and time from the end of reading the
  // request to handing over the response.
  void Observe(std::string_view route, int status, double seconds);

  // interdict_http_requests_total{route,status}, interdict_http_request_duration_seconds{route}.
  void Render(std::string* out) const;

  uint64_t total() const;

  // Appends one sample line "name{labels} value"; label values are escaped.
  static void AppendSample(
      std::string* out, std::string_view name,
      std::initializer_list<std::pair<std::string_view, std::string_view>> labels, double value);
  // Appends "# HELP name help\n# TYPE name type\n".
  static void AppendHeader(std::string* out, std::string_view name, std::string_view type,
                           std::string_view help);

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> counts_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace interdict::server
