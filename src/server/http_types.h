// The server's view of HTTP: a request as the handlers see it and the response they give back,
// independent of the HTTP library (only http_server.cc knows Boost.Beast), plus the parsing of
// request targets and the JSON error shapes of the API dialects.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace interdict::server {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // as received: "/v2/search?name=..."
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote;  // peer address, for logs

  // The first value of header `name` (lower case), or "".
  std::string_view Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  bool close = false;                                        // close the connection after sending

  // Set by ErrorResponse: the error the body describes, kept so that ShapeError can write it as
  // the request's API dialect expects.
  struct Error {
    std::string code;
    std::string message;
  };
  std::optional<Error> error;
};

// A request target split into its decoded path and query parameters.
struct Target {
  std::string path;  // percent-decoded
  // The path's segments after the leading '/', each percent-decoded on its own: "%2F" stays
  // inside its segment, so an id holding a '/' ("/v1/customers/A%2F7") still names one thing.
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, std::string>> query;  // decoded, '+' read as a space, in order
};

// Splits and decodes an origin-form target ("/path?a=1&b=2"). InvalidInput for a target that is
// not origin-form, a malformed percent escape, a decoded NUL, or a path or parameter that is not
// valid UTF-8.
Status ParseTarget(std::string_view target, Target* out);

// Serialises without throwing: invalid UTF-8 in a string (which our own data never holds, but a
// bug must not crash the server) is replaced by U+FFFD.
std::string DumpJson(const nlohmann::json& j);

// An error response in Interdict's own shape: {"error": {"code": code, "message": message}}.
// `code` is a stable machine-readable word ("invalid_request", "not_found", ...); `message` is for
// people and never carries internal details (file paths, SQL, stack). ShapeError rewrites it for
// the other dialects.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message);

// The API families the server speaks. Each one's clients decode errors as their own server writes
// them, so the error body's shape follows the family of the request's path.
enum class ErrorDialect {
  kInterdict,  // {"error": {"code": ..., "message": ...}}
  kYente,      // kInterdict's, plus "detail": message, as yente (FastAPI) writes errors
  kWatchman,   // {"error": message, "code": code}: Watchman's Go client decodes "error" as a string
};

// Rewrites the body of an error made by ErrorResponse (response->error set) in `dialect`'s shape;
// leaves any other response, and every kInterdict one, as it is. Each error passes through it
// once on its way out: the handler's (Api) and the HTTP server's own (HttpHandler::ShapeError).
void ShapeError(ErrorDialect dialect, HttpResponse* response);

// A 200 (or `status`) JSON response.
HttpResponse JsonResponse(const nlohmann::json& j, int status = 200);

}  // namespace interdict::server
