#include "server/metrics.h"

#include <cmath>
#include <cstdio>

namespace interdict::server {
namespace {

std::string Escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Observe(std::string_view route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_[{std::string(route), status}];
  Histogram& h = latency_[std::string(route)];
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  if (b < kBuckets.size()) ++h.buckets[b];
  ++h.count;
  h.sum += seconds;
}

uint64_t Metrics::total() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t n = 0;
  for (const auto& [k, v] : counts_) n += v;
  return n;
}

void Metrics::AppendSample(
    std::string* out, std::string_view name,
    std::initializer_list<std::pair<std::string_view, std::string_view>> labels, double value) {
  out->append(name);
  if (labels.size() > 0) {
    out->push_back('{');
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) out->push_back(',');
      first = false;
      out->append(k);
      out->append("=\"");
      out->append(Escape(v));
      out->push_back('"');
    }
    out->push_back('}');
  }
  out->push_back(' ');
  out->append(Number(value));
  out->push_back('\n');
}

void Metrics::AppendHeader(std::string* out, std::string_view name, std::string_view type,
                           std::string_view help) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += help;
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

void Metrics::Render(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  AppendHeader(out, "interdict_http_requests_total", "counter",
               "HTTP requests answered, by route template and status.");
  for (const auto& [key, n] : counts_) {
    AppendSample(out, "interdict_http_requests_total",
                 {{"route", key.first}, {"status", std::to_string(key.second)}},
                 static_cast<double>(n));
  }
  AppendHeader(out, "interdict_http_request_duration_seconds", "histogram",
               "Time from a complete request to its response, by route template.");
  for (const auto& [route, h] : latency_) {
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += h.buckets[b];
      AppendSample(out, "interdict_http_request_duration_seconds_bucket",
                   {{"route", route}, {"le", Number(kBuckets[b])}},
                   static_cast<double>(cumulative));
    }
    AppendSample(out, "interdict_http_request_duration_seconds_bucket",
                 {{"route", route}, {"le", "+Inf"}}, static_cast<double>(h.count));
    AppendSample(out, "interdict_http_request_duration_seconds_sum", {{"route", route}}, h.sum);
    AppendSample(out, "interdict_http_request_duration_seconds_count", {{"route", route}},
                 static_cast<double>(h.count));
  }
}

}  // namespace interdict::server
