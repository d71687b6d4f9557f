#include "ingest/xml_records.h"

#include "ingest/control_char.h"
#include "ingest/xml_push.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include <cstdio>
#include <memory>

namespace interdict {

namespace {

constexpr size_t kMaxRecordBytes = 16 << 20;

const std::string& EmptyString() {
  static const std::string* const kEmpty = new std::string();
  return *kEmpty;
}

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Runs of XML white space become one space, none at either end: publishers wrap long values.
void CollapseInPlace(std::string* s) {
  size_t out = 0;
  bool space = false;
  for (char c : *s) {
    if (IsXmlSpace(c)) {
      space = out > 0;
      continue;
    }
    if (space) (*s)[out++] = ' ';
    space = false;
    (*s)[out++] = c;
  }
  s->resize(out);
}

class RecordReader {
 public:
  RecordReader(std::string path, const XmlRecordHandler& handler)
      : path_(std::move(path)), handler_(handler) {}

  Status Run();

 private:
  friend xmlSAXHandler ListSaxHandler<RecordReader>();

  static void StartElement(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                           const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                           int nb_attributes, int nb_defaulted, const xmlChar** attributes);
  static void EndElement(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                         const xmlChar* uri);
  static void Characters(void* ctx, const xmlChar* ch, int len);
  static void InternalSubset(void* ctx, const xmlChar* name, const xmlChar* external_id,
                             const xmlChar* system_id);
  static void OnXmlError(void* ctx, xmlErrorPtr error);
  // Runs fn unless the read already failed; no exception crosses libxml2's C frames.
  template <typename Fn>
  static void Guard(void* ctx, Fn fn);

  void OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes);
  void OnRoot(std::string_view name, int nb_attributes, const xmlChar** attributes);
  void OnEnd();
  void OnText(std::string_view text);
  bool CheckText(std::string_view text, std::string_view element);
  bool CountRecordBytes(size_t bytes);
  void ReportXmlError(const xmlError& error);
  int Line() const { return push_.Line(); }
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }
  std::string OpenPath() const;
  void Fail(Status s);

  const std::string path_;
  const XmlRecordHandler& handler_;
  XmlPush push_;
  Status status_;
  bool failed_ = false;
  bool root_seen_ = false;
  bool root_closed_ = false;
  std::vector<std::string> open_;  // names of the open elements outside a record, root first
  XmlNode record_;
  std::vector<XmlNode*> stack_;  // the open elements of record_, record_ first; empty: outside
  size_t record_bytes_ = 0;
};

template <typename Fn>
void RecordReader::Guard(void* ctx, Fn fn) {
  auto* self = static_cast<RecordReader*>(ctx);
  if (self->failed_) return;
  try {
    fn(self);
  } catch (const std::exception& ex) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": " + ex.what()));
  } catch (...) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": unknown exception"));
  }
}

void RecordReader::StartElement(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*,
                                int, const xmlChar**, int nb_attributes, int,
                                const xmlChar** attributes) {
  Guard(ctx, [&](RecordReader* r) { r->OnStart(AsView(localname), nb_attributes, attributes); });
}

void RecordReader::EndElement(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  Guard(ctx, [](RecordReader* r) { r->OnEnd(); });
}

void RecordReader::Characters(void* ctx, const xmlChar* ch, int len) {
  Guard(ctx, [&](RecordReader* r) {
    r->OnText(std::string_view(reinterpret_cast<const char*>(ch), static_cast<size_t>(len)));
  });
}

void RecordReader::InternalSubset(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
  Guard(ctx, [&](RecordReader* r) {
    r->Fail(Status::InvalidInput(r->Where(r->Line()) + ": DOCTYPE " + std::string(AsView(name)) +
                                 " not accepted (list files have no DTD; entities are never "
                                 "loaded or expanded)"));
  });
}

void RecordReader::OnXmlError(void* ctx, xmlErrorPtr error) {
  auto* self = static_cast<RecordReader*>(ctx);
  if (error == nullptr || self->failed_) return;
  try {
    self->ReportXmlError(*error);
  } catch (...) {
    self->Fail(Status::Internal(self->path_ + ": out of memory while reporting an XML error"));
  }
}

std::string RecordReader::OpenPath() const {
  std::string path;
  for (const std::string& name : open_) path += "<" + name + ">";
  for (const XmlNode* node : stack_) path += "<" + node->name + ">";
  return path;
}

void RecordReader::ReportXmlError(const xmlError& error) {
  std::string msg = error.message == nullptr ? "XML error" : error.message;
  CollapseInPlace(&msg);
  std::string where = Where(error.line);
  if (error.level == XML_ERR_WARNING) {
    if (handler_.on_warning) handler_.on_warning(where + ": " + msg);
  } else if (push_.terminating && !open_.empty()) {
    // libxml2 words a cut-off file in several ways; say what happened.
    Fail(Status::InvalidInput(where + ": truncated file: it ends inside " + OpenPath() + " (" +
                              msg + ")"));
  } else if (push_.terminating && !root_seen_) {
    Fail(Status::InvalidInput(where + ": no root element, not an XML document (" + msg + ")"));
  } else {
    Fail(Status::InvalidInput(where + ": " + msg));
  }
}

void RecordReader::Fail(Status s) {
  if (failed_) return;
  failed_ = true;
  status_ = std::move(s);
  if (push_.ctxt != nullptr) xmlStopParser(push_.ctxt);
}

// XML 1.0 admits DEL (0x7F) and, through character references in XML 1.1 documents, other
// controls that list text never holds; refused as the CSV readers refuse them.
bool RecordReader::CheckText(std::string_view text, std::string_view element) {
  size_t at = FindControlChar(text);
  if (at == std::string_view::npos) return true;
  Fail(Status::InvalidInput(Where(Line()) + ": control character " + DescribeByte(text[at]) +
                            " in <" + std::string(element) + "> (list text cannot hold one)"));
  return false;
}

// Counts toward the record's size; false (and the read fails) past kMaxRecordBytes.
bool RecordReader::CountRecordBytes(size_t bytes) {
  record_bytes_ += bytes;
  if (record_bytes_ <= kMaxRecordBytes) return true;
  Fail(Status::InvalidInput(Where(record_.line) + ": <" + record_.name + "> is over " +
                            std::to_string(kMaxRecordBytes >> 20) + " MiB: not a list record"));
  return false;
}

void RecordReader::OnRoot(std::string_view name, int nb_attributes, const xmlChar** attributes) {
  if (name != handler_.root) {
    std::string what = handler_.format_name.empty()
                           ? std::string()
                           : " (not " + std::string(handler_.format_name) + ")";
    Fail(Status::InvalidInput(Where(Line()) + ": root element is <" + std::string(name) +
                              ">, expected <" + std::string(handler_.root) + ">" + what));
    return;
  }
  root_seen_ = true;
  open_.emplace_back(name);
  if (!handler_.on_root) return;
  XmlNode root;
  root.name.assign(name);
  root.line = Line();
  for (int i = 0; i < nb_attributes; ++i) {
    const xmlChar** a = attributes + 5 * i;
    std::string value(reinterpret_cast<const char*>(a[3]), static_cast<size_t>(a[4] - a[3]));
    if (!CheckText(value, name)) return;
    CollapseInPlace(&value);
    root.attributes.emplace_back(std::string(AsView(a[0])), std::move(value));
  }
  if (Status s = handler_.on_root(root); !s.ok()) Fail(std::move(s));
}

void RecordReader::OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes) {
  if (stack_.empty() && open_.empty()) return OnRoot(name, nb_attributes, attributes);
  XmlNode* node = nullptr;
  if (!stack_.empty()) {
    node = &stack_.back()->children.emplace_back();
  } else if (handler_.is_record(static_cast<int>(open_.size()) + 1, open_.back(), name)) {
    record_ = XmlNode();
    record_bytes_ = 0;
    node = &record_;
  }
  if (node == nullptr) {
    open_.emplace_back(name);
    return;
  }
  node->name.assign(name);
  node->line = Line();
  // Counted with an element's own overhead, so that a record of millions of empty elements is
  // refused as surely as one of megabytes of text.
  if (!CountRecordBytes(name.size() + sizeof(XmlNode))) return;
  // Attributes come as (localname, prefix, URI, value begin, value end) tuples.
  for (int i = 0; i < nb_attributes; ++i) {
    const xmlChar** a = attributes + 5 * i;
    std::string value(reinterpret_cast<const char*>(a[3]), static_cast<size_t>(a[4] - a[3]));
    if (!CheckText(value, name) || !CountRecordBytes(value.size())) return;
    CollapseInPlace(&value);
    node->attributes.emplace_back(std::string(AsView(a[0])), std::move(value));
  }
  stack_.push_back(node);
}

void RecordReader::OnText(std::string_view text) {
  std::string_view element = !stack_.empty() ? std::string_view(stack_.back()->name)
                             : !open_.empty() ? std::string_view(open_.back())
                                              : std::string_view("document");
  if (!CheckText(text, element) || stack_.empty()) return;
  if (!CountRecordBytes(text.size())) return;
  stack_.back()->text.append(text);
}

void RecordReader::OnEnd() {
  if (stack_.empty()) {
    open_.pop_back();
    if (open_.empty()) root_closed_ = true;
    return;
  }
  CollapseInPlace(&stack_.back()->text);
  stack_.pop_back();
  if (!stack_.empty()) return;
  if (Status s = handler_.on_record(std::move(record_)); !s.ok()) Fail(std::move(s));
}

Status RecordReader::Run() {
  xmlSAXHandler sax = ListSaxHandler<RecordReader>();
  push_.bytes_read = handler_.bytes_read;
  int rc = 0;
  INTERDICT_RETURN_IF_ERROR(PushXmlFile(
      path_, &sax, this, [this] { return failed_; }, &push_, &rc));
  if (failed_) return status_;
  if (rc != 0)
    return Status::InvalidInput(Where(Line()) + ": XML parse error " + std::to_string(rc));
  if (!root_seen_ || !root_closed_)
    return Status::InvalidInput(Where(Line()) + ": truncated file: <" + std::string(handler_.root) +
                                "> not closed");
  return Status::Ok();
}

}  // namespace

const XmlNode* XmlNode::Child(std::string_view child_name) const {
  for (const XmlNode& c : children)
    if (c.name == child_name) return &c;
  return nullptr;
}

const std::string& XmlNode::ChildText(std::string_view child_name) const {
  const XmlNode* c = Child(child_name);
  return c == nullptr ? EmptyString() : c->text;
}

const std::string& XmlNode::Attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes)
    if (key == attribute_name) return value;
  return EmptyString();
}

std::vector<const XmlNode*> XmlNode::Children(std::string_view child_name) const {
  std::vector<const XmlNode*> out;
  for (const XmlNode& c : children)
    if (c.name == child_name) out.push_back(&c);
  return out;
}

Status ReadXmlRecords(const std::string& path, const XmlRecordHandler& handler) {
  try {
    RecordReader reader(path, handler);
    return reader.Run();
  } catch (const std::exception& ex) {
    return Status::Internal(path + ": " + ex.what());
  } catch (...) {
    return Status::Internal(path + ": unknown exception");
  }
}

}  // namespace interdict
