// The analysts' review web UI (docs/ui.md), served at "/" and "/ui/{file}" on the API's port. The
// page is public: it holds no data, and every call it makes to /v1 carries the user's API key.
#pragma once

#include <string_view>

#include "server/http_types.h"

namespace interdict::server {

// The response for the UI file `name` ("" for the page itself, index.html): its bytes with their
// content type, an ETag (304 with no body when `if_none_match` names it), "cache-control:
// no-cache" (a browser revalidates, so a new binary's UI is seen at once) and a
// Content-Security-Policy that lets the page load and call nothing but this server (no inline
// script or style, no framing). 404 for a name the UI does not have.
HttpResponse UiResponse(std::string_view name, std::string_view if_none_match);

}  // namespace interdict::server
