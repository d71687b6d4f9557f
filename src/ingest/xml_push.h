// Feeding a file to libxml2's SAX2 push parser, as the streaming XML list readers (un_xml.cc,
// xml_records.cc) do: 64 KiB at a time, so memory does not grow with the file. Internal to
// src/ingest.
#pragma once

#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace interdict {

// The state a reader's SAX callbacks see while the file is pushed through.
struct XmlPush {
  xmlParserCtxtPtr ctxt = nullptr;  // set during PushXmlFile: for line numbers and xmlStopParser
  bool terminating = false;         // the last chunk has been pushed: the file has ended
  int end_line = 0;                 // after PushXmlFile: the line the parser stopped on
  int64_t* bytes_read = nullptr;    // when set, PushXmlFile adds the bytes it reads (progress)

  // The parser's current line, during PushXmlFile and after it.
  int Line() const;
};

// The SAX2 callbacks of a streaming list reader: Reader's static StartElement, EndElement,
// Characters (also for CDATA), InternalSubset (which refuses any DOCTYPE) and OnXmlError. No
// getEntity/entityDecl/externalSubset/resolveEntity: an entity reference other than the five
// predefined ones is an "undeclared entity" error, so no entity is ever expanded or fetched.
// Reader befriends this function.
template <typename Reader>
xmlSAXHandler ListSaxHandler() {
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = &Reader::StartElement;
  sax.endElementNs = &Reader::EndElement;
  sax.characters = &Reader::Characters;
  sax.cdataBlock = &Reader::Characters;
  sax.internalSubset = &Reader::InternalSubset;
  sax.serror = &Reader::OnXmlError;
  return sax;
}

// Pushes the file at `path` through a parser with callbacks `sax` and user data `ctx`, with
// XML_PARSE_NONET, until the file ends or `failed()` (the reader's own error state) is true.
// `*rc` is libxml2's result of the last chunk. Errors: the file cannot be opened or read, or is
// empty ("<path>:1: empty file").
Status PushXmlFile(const std::string& path, xmlSAXHandler* sax, void* ctx,
                   const std::function<bool()>& failed, XmlPush* push, int* rc);

}  // namespace interdict
