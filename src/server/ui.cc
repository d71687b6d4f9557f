#include "server/ui.h"

#include <string>

#include "server/ui_assets.h"

namespace interdict::server {

namespace {

// 'self' only: the UI is plain files from this server calling this server's API. No inline
// script or style, so injected markup cannot run or restyle anything.
constexpr char kCsp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace

HttpResponse UiResponse(std::string_view name, std::string_view if_none_match) {
  const UiAsset* asset = FindUiAsset(name.empty() ? "index.html" : name);
  if (asset == nullptr) return ErrorResponse(404, "not_found", "the web UI has no such file");
  HttpResponse r;
  r.content_type = std::string(asset->content_type);
  r.headers.emplace_back("etag", std::string(asset->etag));
  r.headers.emplace_back("cache-control", "no-cache");
  r.headers.emplace_back("content-security-policy", kCsp);
  r.headers.emplace_back("referrer-policy", "no-referrer");
  r.headers.emplace_back("x-frame-options", "DENY");
  if (if_none_match == asset->etag) {
    r.status = 304;
    return r;
  }
  r.body = std::string(asset->body);
  return r;
}

}  // namespace interdict::server
