#include "server/cors.h"

#include <algorithm>

#include "core/text.h"

namespace interdict::server {
namespace {

// Request headers a page may send: the API key (either form), the JSON content type, the request
// id, and those a browser lists when their value is not one of the few it sends freely.
constexpr std::string_view kAllowedHeaders[] = {
    "authorization", "x-api-key",       "content-type",     "x-request-id",
    "accept",        "accept-language", "content-language",
};
// Response headers beyond the few a page may always read, that clients of the API read.
constexpr std::string_view kExposedHeaders =
    "X-Request-Id, Retry-After, WWW-Authenticate, Allow, X-Batch-Size";
constexpr std::string_view kAllowedMethods = "GET, POST, OPTIONS";
// How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours).
constexpr std::string_view kMaxAgeSeconds = "600";

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsScheme(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsAlpha(c) || IsDigit(c) || c == '+' || c == '-' || c == '.';
  });
}

// A host name or IPv4 literal (browsers send non-ASCII names in punycode), or an IPv6 literal in
// brackets.
bool IsHost(std::string_view s) {
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') {
    std::string_view inner = s.substr(1, s.size() - 2);
    return inner.find(':') != std::string_view::npos &&
           std::all_of(inner.begin(), inner.end(),
                       [](char c) { return IsHexDigit(c) || c == ':' || c == '.'; });
  }
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_';
  });
}

// `text` in the form origins are compared in ("https://example.com", "http://[::1]:8080"), or
// false when it is no origin "scheme://host[:port]" (the Origin "null" of a sandboxed page is
// none either).
bool NormalizeOrigin(std::string_view text, std::string* out) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || !IsScheme(text.substr(0, sep))) return false;
  std::string scheme = AsciiLower(text.substr(0, sep));
  std::string_view rest = text.substr(sep + 3);
  // The port's colon is the last one, after an IPv6 literal's bracket if there is one.
  size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find(']') != std::string_view::npos &&
      colon < rest.find(']'))
    colon = std::string_view::npos;
  std::string_view host = rest.substr(0, colon);
  if (!IsHost(host)) return false;
  *out = scheme + "://" + AsciiLower(host);
  if (colon == std::string_view::npos) return true;
  std::string_view port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), IsDigit))
    return false;
  int number = std::stoi(std::string(port));
  if (number == 0 || number > 65535) return false;
  if ((scheme == "http" && number == 80) || (scheme == "https" && number == 443)) return true;
  *out += ":" + std::to_string(number);
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Those of the comma-separated header names in `requested` that a page may send. A browser
// refuses to send a request whose preflight did not allow each of its headers, so one left out
// fails in the browser, with an error that names it.
std::string AllowedOf(std::string_view requested) {
  std::string allowed;
  while (!requested.empty()) {
    size_t comma = requested.find(',');
    std::string name = AsciiLower(Trim(requested.substr(0, comma)));
    requested = comma == std::string_view::npos ? "" : requested.substr(comma + 1);
    if (std::find(std::begin(kAllowedHeaders), std::end(kAllowedHeaders), name) ==
        std::end(kAllowedHeaders))
      continue;
    allowed += (allowed.empty() ? "" : ", ") + name;
  }
  return allowed;
}

}  // namespace

Status CorsPolicy::Create(const std::vector<std::string>& origins, CorsPolicy* out) {
  CorsPolicy policy;
  for (const std::string& origin : origins) {
    if (origin == "*") {
      policy.any_origin_ = true;
      continue;
    }
    std::string normalized;
    if (!NormalizeOrigin(origin, &normalized))
      return Status::InvalidInput("CORS origin '" + origin +
                                  "' is neither \"*\" nor an origin scheme://host[:port] (no "
                                  "path, not even a trailing '/')");
    policy.origins_.push_back(std::move(normalized));
  }
  *out = std::move(policy);
  return Status::Ok();
}

bool CorsPolicy::Allows(std::string_view origin) const {
  if (any_origin_) return true;
  std::string normalized;
  return NormalizeOrigin(origin, &normalized) &&
         std::find(origins_.begin(), origins_.end(), normalized) != origins_.end();
}

bool CorsPolicy::IsPreflight(std::string_view method, std::string_view origin,
                             std::string_view requested_method) const {
  return enabled() && method == "OPTIONS" && !origin.empty() && !requested_method.empty();
}

HttpResponse CorsPolicy::Preflight(std::string_view origin,
                                   std::string_view requested_headers) const {
  HttpResponse r;
  if (!Allows(origin)) {
    r = ErrorResponse(403, "cors_origin_not_allowed",
                      "this origin may not call the API from a browser (see --cors-origin)");
  } else {
    r.status = 204;
    r.content_type.clear();
    r.headers.emplace_back("access-control-allow-methods", kAllowedMethods);
    std::string allowed = AllowedOf(requested_headers);
    if (!allowed.empty()) r.headers.emplace_back("access-control-allow-headers", allowed);
    r.headers.emplace_back("access-control-max-age", kMaxAgeSeconds);
  }
  return r;
}

void CorsPolicy::AddHeaders(std::string_view origin,
                            std::vector<std::pair<std::string, std::string>>* headers) const {
  if (!enabled()) return;
  if (any_origin_) {
    // The same for every request, with an Origin or without: nothing for a cache to tell apart.
    headers->emplace_back("access-control-allow-origin", "*");
    headers->emplace_back("access-control-expose-headers", kExposedHeaders);
    return;
  }
  auto vary = std::find_if(headers->begin(), headers->end(),
                           [](const auto& h) { return AsciiLower(h.first) == "vary"; });
  if (vary == headers->end()) {
    headers->emplace_back("vary", "Origin");
  } else {
    vary->second += ", Origin";
  }
  if (origin.empty() || !Allows(origin)) return;
  headers->emplace_back("access-control-allow-origin", origin);
  headers->emplace_back("access-control-expose-headers", kExposedHeaders);
}

}  // namespace interdict::server
