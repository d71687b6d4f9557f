// Cross-origin resource sharing (CORS): which web pages, by origin, may call the API from a
// browser and read its answers, and the response headers that tell the browser so. The server
// still answers every request whatever its origin: CORS is enforced by the browser, not here.
//
// Configured from `interdict serve --cors-origin` values, each "*" (any origin) or an origin
// "scheme://host[:port]" as a browser sends it in its Origin header. Origins are compared by
// scheme, host (both case-insensitively) and port, a scheme's default port (http 80, https 443)
// being the same as none. Off (nothing configured): no CORS header is ever added.
//
// Headers added to every response when on:
// - "*": Access-Control-Allow-Origin: * and Access-Control-Expose-Headers.
// - a list: Vary: Origin (the answer depends on the Origin header, so a cache must not give one
//   origin's response to another), and, when the request's Origin is in the list,
//   Access-Control-Allow-Origin: <that origin> and Access-Control-Expose-Headers.
// Credentials (cookies) are never allowed: API keys go in request headers, which a preflight
// allows.
//
// A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the server
// itself, without an API key (browsers send none with it): 204 with the allowed methods, the
// requested headers that are allowed and Access-Control-Max-Age, or 403 cors_origin_not_allowed
// for an origin not in the list.
//
// Immutable after Create; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "server/http_types.h"

namespace interdict::server {

class CorsPolicy {
 public:
  CorsPolicy() = default;  // off

  // InvalidInput naming the first value that is neither "*" nor an origin "scheme://host[:port]"
  // (a path, even "/", a user or a query makes it no origin: a browser would never send it, so
  // it could never match).
  static Status Create(const std::vector<std::string>& origins, CorsPolicy* out);

  bool enabled() const { return any_origin_ || !origins_.empty(); }

  // Whether a request is a preflight that the server answers itself (false when off).
  bool IsPreflight(std::string_view method, std::string_view origin,
                   std::string_view requested_method) const;

  // The answer to a preflight from `origin`, whose Access-Control-Request-Headers is
  // `requested_headers`, but for the headers AddHeaders adds (as to every response).
  HttpResponse Preflight(std::string_view origin, std::string_view requested_headers) const;

  // Adds the headers above to a response to a request whose Origin header is `origin` ("" when
  // it has none). Names are lower case.
  void AddHeaders(std::string_view origin,
                  std::vector<std::pair<std::string, std::string>>* headers) const;

 private:
  bool Allows(std::string_view origin) const;

  bool any_origin_ = false;
  std::vector<std::string> origins_;  // normalized: lower case, without a default port
};

}  // namespace interdict::server
