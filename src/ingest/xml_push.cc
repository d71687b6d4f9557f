#include "ingest/xml_push.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace interdict {

namespace {
constexpr size_t kChunkSize = 64 * 1024;
}  // namespace

int XmlPush::Line() const { return ctxt == nullptr ? end_line : xmlSAX2GetLineNumber(ctxt); }

Status PushXmlFile(const std::string& path, xmlSAXHandler* sax, void* ctx,
                   const std::function<bool()>& failed, XmlPush* push, int* rc) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Status::IoError(path + ": cannot open");
  std::vector<char> buf(kChunkSize);
  size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
  if (std::ferror(f.get())) return Status::IoError(path + ": read error");
  if (n == 0) return Status::InvalidInput(path + ":1: empty file");
  if (push->bytes_read != nullptr) *push->bytes_read += static_cast<int64_t>(n);
  // The first bytes let libxml2 detect the encoding.
  const int head = static_cast<int>(n < 4 ? n : 4);
  xmlInitParser();
  push->ctxt = xmlCreatePushParserCtxt(sax, ctx, buf.data(), head, path.c_str());
  if (push->ctxt == nullptr) return Status::Internal(path + ": cannot create XML parser");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> owner(push->ctxt, &xmlFreeParserCtxt);
  struct Reset {  // runs before `owner` frees the parser
    XmlPush* push;
    ~Reset() {
      push->end_line = xmlSAX2GetLineNumber(push->ctxt);
      push->ctxt = nullptr;
    }
  } reset{push};
  xmlCtxtUseOptions(push->ctxt, XML_PARSE_NONET);

  *rc = 0;
  size_t offset = static_cast<size_t>(head);
  while (!failed()) {
    if (offset < n) {
      *rc = xmlParseChunk(push->ctxt, buf.data() + offset, static_cast<int>(n - offset), 0);
      if (*rc != 0 || failed()) break;
    }
    offset = 0;
    n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (std::ferror(f.get())) return Status::IoError(path + ": read error");
    if (push->bytes_read != nullptr) *push->bytes_read += static_cast<int64_t>(n);
    if (n == 0) {
      push->terminating = true;
      *rc = xmlParseChunk(push->ctxt, nullptr, 0, 1);
      break;
    }
  }
  return Status::Ok();
}

}  // namespace interdict
