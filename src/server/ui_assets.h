// The review web UI's files (src/ui), embedded in the binary at build time by
// cmake/embed_ui.cmake, which generates the definition of FindUiAsset. Internal to the server
// stage: ui.h serves them.
#pragma once

#include <string_view>

namespace interdict::server {

struct UiAsset {
  std::string_view name;          // file name in src/ui: "index.html", "queue.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted, from the file's SHA-256: changes with the content
  std::string_view body;
};

// The file `name` (no directories), or null when the UI has no such file.
const UiAsset* FindUiAsset(std::string_view name);

}  // namespace interdict::server
