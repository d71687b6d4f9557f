// Streaming reader for XML lists whose records are the children of the root element (EU
// Financial Sanctions File, UK Sanctions List). Internal to src/ingest.
//
// The file is read with libxml2's SAX2 push parser in 64 KiB chunks; only the child of the root
// being read is held, as a small tree, so memory does not grow with the file. No DTD is accepted
// (a DOCTYPE is an error, so no entity is declared, expanded or fetched) and the network is never
// used. Any well-formedness error, a control character in text or an attribute (control_char.h),
// a truncated file, an unexpected root element or an error
// returned by a callback ends the read with InvalidInput "<path>:<line>: <problem>" (or the
// callback's status); records already handed over must then be discarded by the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace interdict::xml {

// One element: local name (namespace dropped), attributes, own text and child elements.
struct Node {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // the element's own character data, concatenated, as in the file
  std::vector<Node> children;

  std::string_view Attr(std::string_view attr) const;   // "" when absent
  const Node* Child(std::string_view child) const;      // first child so named, or null
  std::string ChildText(std::string_view child) const;  // its collapsed text, or ""
};

// XML white space runs become one space, none at either end.
std::string Collapse(std::string_view s);

struct Callbacks {
  // The root element's attributes (children empty), once, before any child.
  std::function<Status(const Node& root)> on_root;
  // Each child element of the root, complete, in document order.
  std::function<Status(const Node& child)> on_child;
};

struct ReadOptions {
  std::string_view root;         // the root's required local name
  std::string_view format_name;  // for messages: "an EU Financial Sanctions File"
  // Counts bytes read from the file, when set (for progress displays).
  int64_t* bytes_read = nullptr;
};

Status ReadRootChildren(const std::string& path, const ReadOptions& options,
                        const Callbacks& callbacks);

}  // namespace interdict::xml
