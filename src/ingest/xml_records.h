// Streaming an XML list file as a sequence of small element trees, one per record.
//
// OFAC's three XML publications nest a record's facts several levels deep (names -> translations
// -> nameParts) and cross-reference them by id, which a flat SAX state machine reads badly. This
// reader streams the file with libxml2's SAX2 push parser and builds a tree only for the elements
// the caller marks as records (an sdnEntry, a DistinctParty, an entity, a reference value...),
// hands each finished tree over and frees it: memory is one record, whatever the file size.
//
// Security: a DOCTYPE ends the read with an error (no entity is ever declared, expanded or
// fetched), and XML_PARSE_NONET forbids network access on top of that. A control character in
// text or an attribute (control_char.h; XML admits DEL) and a record over 16 MiB (text,
// attributes and each element's own overhead) are errors too: list text holds neither, and the
// cap keeps memory bounded whatever the input.
//
// Errors name the file and line: not well-formed XML, a file cut short ("truncated file: it ends
// inside <sdnList><sdnEntry>"), a root element other than the expected one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace interdict {

// One element of a record: local name (namespace prefix dropped), attributes, own text with runs
// of XML white space collapsed to one space and trimmed, child elements in document order.
struct XmlNode {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
  std::vector<XmlNode> children;
  int line = 0;  // line of the start tag

  // The first child named `name`, or nullptr.
  const XmlNode* Child(std::string_view child_name) const;
  // The text of the first child named `name`; "" when there is none.
  const std::string& ChildText(std::string_view child_name) const;
  // The value of attribute `name`; "" when absent.
  const std::string& Attribute(std::string_view attribute_name) const;
  // The children named `name`, in order.
  std::vector<const XmlNode*> Children(std::string_view child_name) const;
};

struct XmlRecordHandler {
  std::string_view root;         // the required root element's local name
  std::string_view format_name;  // for messages: "an EU Financial Sanctions File"; may be empty
  // Receives the root element (attributes, no children) before any record, when set.
  std::function<Status(const XmlNode& root)> on_root;
  // Whether the element `name`, `depth` levels deep (the root is 1), child of `parent`, is a
  // record. Called only outside records; the elements inside a record become its tree.
  std::function<bool(int depth, std::string_view parent, std::string_view name)> is_record;
  // Receives each finished record. An error stops the read and is returned by ReadXmlRecords.
  std::function<Status(XmlNode&& record)> on_record;
  // Receives each non-fatal remark on the file (a libxml2 warning).
  std::function<void(std::string warning)> on_warning;
  // When set, the bytes read from the file are added to it as the read goes (progress displays).
  int64_t* bytes_read = nullptr;
};

// Reads the XML file at `path` and hands every record to handler.on_record in document order.
// Text outside records is ignored. Fails on the first XML error, a DOCTYPE, a wrong root element,
// or a file that ends before its root element is closed.
Status ReadXmlRecords(const std::string& path, const XmlRecordHandler& handler);

}  // namespace interdict
