#include "ingest/xml_records.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include <cstdio>
#include <memory>

#include "ingest/control_char.h"

namespace interdict::xml {
namespace {

constexpr size_t kChunkSize = 64 * 1024;
// A record bigger than this (text, attributes and per-element overhead) is not a list record but a
// malformed or hostile file; refusing it keeps memory bounded whatever the input.
constexpr size_t kMaxRecordBytes = 16 << 20;

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class Reader {
 public:
  Reader(const std::string& path, const ReadOptions& options, const Callbacks& callbacks)
      : path_(path), options_(options), callbacks_(callbacks) {}

  Status Run();

 private:
  static void StartElement(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int,
                           const xmlChar**, int nb_attributes, int, const xmlChar** attributes);
  static void EndElement(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*);
  static void Characters(void* ctx, const xmlChar* ch, int len);
  static void InternalSubset(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*);
  static void OnXmlError(void* ctx, xmlErrorPtr error);
  template <typename Fn>
  static void Guard(void* ctx, Fn fn);

  void OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes);
  void OnEnd();
  void OnText(std::string_view text);
  void ReportXmlError(const xmlError& error);
  bool CheckText(std::string_view text, std::string_view element);

  int Line() const { return ctxt_ == nullptr ? 0 : xmlSAX2GetLineNumber(ctxt_); }
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }
  void Fail(Status s);

  const std::string& path_;
  const ReadOptions& options_;
  const Callbacks& callbacks_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  Status status_;
  bool failed_ = false;
  bool terminating_ = false;
  bool root_seen_ = false;
  bool root_closed_ = false;
  int depth_ = 0;
  std::vector<std::string> open_;  // names of the open elements, root first
  Node child_;                     // the root's child being read
  std::vector<Node*> stack_;       // its open elements, child_ first
  size_t child_bytes_ = 0;
};

template <typename Fn>
void Reader::Guard(void* ctx, Fn fn) {
  auto* self = static_cast<Reader*>(ctx);
  if (self->failed_) return;
  try {
    fn(self);
  } catch (const std::exception& ex) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": " + ex.what()));
  } catch (...) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": unknown exception"));
  }
}

void Reader::StartElement(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int,
                          const xmlChar**, int nb_attributes, int, const xmlChar** attributes) {
  Guard(ctx, [&](Reader* r) { r->OnStart(AsView(localname), nb_attributes, attributes); });
}

void Reader::EndElement(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  Guard(ctx, [](Reader* r) { r->OnEnd(); });
}

void Reader::Characters(void* ctx, const xmlChar* ch, int len) {
  Guard(ctx, [&](Reader* r) {
    r->OnText(std::string_view(reinterpret_cast<const char*>(ch), static_cast<size_t>(len)));
  });
}

void Reader::InternalSubset(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
  Guard(ctx, [&](Reader* r) {
    r->Fail(Status::InvalidInput(r->Where(r->Line()) + ": DOCTYPE " + std::string(AsView(name)) +
                                 " not accepted (entities are never loaded or expanded)"));
  });
}

void Reader::OnXmlError(void* ctx, xmlErrorPtr error) {
  auto* self = static_cast<Reader*>(ctx);
  if (error == nullptr || self->failed_ || error->level == XML_ERR_WARNING) return;
  try {
    self->ReportXmlError(*error);
  } catch (...) {
    self->Fail(Status::Internal(self->path_ + ": out of memory while reporting an XML error"));
  }
}

void Reader::ReportXmlError(const xmlError& error) {
  std::string msg = Collapse(error.message == nullptr ? "XML error" : error.message);
  std::string where = Where(error.line);
  if (terminating_ && depth_ > 0) {
    std::string path;
    for (int i = 0; i < depth_; ++i) path += "<" + open_[i] + ">";
    Fail(Status::InvalidInput(where + ": truncated file: it ends inside " + path + " (" + msg +
                              ")"));
  } else if (terminating_ && !root_seen_) {
    Fail(Status::InvalidInput(where + ": no root element, not an XML document (" + msg + ")"));
  } else {
    Fail(Status::InvalidInput(where + ": " + msg));
  }
}

void Reader::Fail(Status s) {
  if (failed_) return;
  failed_ = true;
  status_ = std::move(s);
  if (ctxt_ != nullptr) xmlStopParser(ctxt_);
}

void Reader::OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes) {
  ++depth_;
  if (open_.size() < static_cast<size_t>(depth_)) open_.resize(depth_);
  open_[depth_ - 1].assign(name);
  Node node;
  node.name.assign(name);
  node.line = Line();
  // Counted with a node's own overhead, so that a record of millions of empty elements is refused
  // as surely as one of megabytes of text.
  child_bytes_ += name.size() + sizeof(Node);
  // Attributes come as (localname, prefix, URI, value begin, value end) tuples.
  for (int i = 0; i < nb_attributes; ++i) {
    const xmlChar** a = attributes + 5 * i;
    std::string value(reinterpret_cast<const char*>(a[3]), static_cast<size_t>(a[4] - a[3]));
    if (!CheckText(value, name)) return;
    child_bytes_ += value.size();
    node.attributes.emplace_back(std::string(AsView(a[0])), std::move(value));
  }
  if (depth_ == 1) {
    if (name != options_.root) {
      Fail(Status::InvalidInput(Where(node.line) + ": root element is <" + std::string(name) +
                                ">, expected <" + std::string(options_.root) + "> (not " +
                                std::string(options_.format_name) + ")"));
      return;
    }
    root_seen_ = true;
    if (callbacks_.on_root) {
      Status s = callbacks_.on_root(node);
      if (!s.ok()) Fail(std::move(s));
    }
    return;
  }
  if (depth_ == 2) {
    child_ = std::move(node);
    child_bytes_ = 0;
    stack_.assign(1, &child_);
    return;
  }
  Node* parent = stack_.back();
  parent->children.push_back(std::move(node));
  stack_.push_back(&parent->children.back());
  if (child_bytes_ > kMaxRecordBytes)
    Fail(Status::InvalidInput(Where(child_.line) + ": <" + child_.name + "> is over " +
                              std::to_string(kMaxRecordBytes >> 20) + " MiB: not a list record"));
}

// XML 1.0 admits DEL (0x7F) and, through character references in XML 1.1 documents, other
// controls that list text never holds; refused as the CSV readers refuse them.
bool Reader::CheckText(std::string_view text, std::string_view element) {
  size_t at = FindControlChar(text);
  if (at == std::string_view::npos) return true;
  Fail(Status::InvalidInput(Where(Line()) + ": control character " + DescribeByte(text[at]) +
                            " in <" + std::string(element) + "> (list text cannot hold one)"));
  return false;
}

void Reader::OnText(std::string_view text) {
  if (!CheckText(text, depth_ > 0 ? std::string_view(open_[depth_ - 1]) : "document")) return;
  if (depth_ >= 2) {
    child_bytes_ += text.size();
    stack_.back()->text.append(text);
    if (child_bytes_ > kMaxRecordBytes)
      Fail(Status::InvalidInput(Where(child_.line) + ": <" + child_.name + "> is over " +
                                std::to_string(kMaxRecordBytes >> 20) + " MiB: not a list record"));
  } else if (depth_ == 1) {
    for (char c : text) {
      if (!IsXmlSpace(c)) {
        Fail(Status::InvalidInput(Where(Line()) + ": text directly inside <" +
                                  std::string(options_.root) + ">"));
        return;
      }
    }
  }
}

void Reader::OnEnd() {
  const int depth = depth_--;
  if (depth == 1) {
    root_closed_ = true;
  } else if (depth == 2) {
    stack_.clear();
    Status s = callbacks_.on_child ? callbacks_.on_child(child_) : Status::Ok();
    child_ = Node();
    if (!s.ok()) Fail(std::move(s));
  } else {
    stack_.pop_back();
  }
}

Status Reader::Run() {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path_.c_str(), "rb"), &std::fclose);
  if (!f) return Status::IoError(path_ + ": cannot open");

  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = &Reader::StartElement;
  sax.endElementNs = &Reader::EndElement;
  sax.characters = &Reader::Characters;
  sax.cdataBlock = &Reader::Characters;
  sax.internalSubset = &Reader::InternalSubset;
  sax.serror = &Reader::OnXmlError;

  std::vector<char> buf(kChunkSize);
  size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
  if (std::ferror(f.get())) return Status::IoError(path_ + ": read error");
  if (n == 0) return Status::InvalidInput(path_ + ":1: empty file");
  if (options_.bytes_read != nullptr) *options_.bytes_read += static_cast<int64_t>(n);
  // The first bytes let libxml2 detect the encoding.
  const int head = static_cast<int>(n < 4 ? n : 4);
  xmlInitParser();
  ctxt_ = xmlCreatePushParserCtxt(&sax, this, buf.data(), head, path_.c_str());
  if (ctxt_ == nullptr) return Status::Internal(path_ + ": cannot create XML parser");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> owner(ctxt_, &xmlFreeParserCtxt);
  xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET);

  int rc = 0;
  size_t offset = static_cast<size_t>(head);
  while (!failed_) {
    if (offset < n) {
      rc = xmlParseChunk(ctxt_, buf.data() + offset, static_cast<int>(n - offset), 0);
      if (rc != 0 || failed_) break;
    }
    offset = 0;
    n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (std::ferror(f.get())) return Status::IoError(path_ + ": read error");
    if (options_.bytes_read != nullptr) *options_.bytes_read += static_cast<int64_t>(n);
    if (n == 0) {
      terminating_ = true;
      rc = xmlParseChunk(ctxt_, nullptr, 0, 1);
      break;
    }
  }
  if (failed_) return status_;
  if (rc != 0)
    return Status::InvalidInput(Where(Line()) + ": XML parse error " + std::to_string(rc));
  if (!root_seen_ || !root_closed_)
    return Status::InvalidInput(Where(Line()) + ": truncated file: <" + std::string(options_.root) +
                                "> not closed");
  return Status::Ok();
}

}  // namespace

std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsXmlSpace(c)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string_view Node::Attr(std::string_view attr) const {
  for (const auto& [k, v] : attributes)
    if (k == attr) return v;
  return {};
}

const Node* Node::Child(std::string_view child) const {
  for (const Node& c : children)
    if (c.name == child) return &c;
  return nullptr;
}

std::string Node::ChildText(std::string_view child) const {
  const Node* c = Child(child);
  return c == nullptr ? std::string() : Collapse(c->text);
}

Status ReadRootChildren(const std::string& path, const ReadOptions& options,
                        const Callbacks& callbacks) {
  try {
    Reader reader(path, options, callbacks);
    return reader.Run();
  } catch (const std::exception& ex) {
    return Status::Internal(path + ": " + ex.what());
  } catch (...) {
    return Status::Internal(path + ": unknown exception");
  }
}

}  // namespace interdict::xml
