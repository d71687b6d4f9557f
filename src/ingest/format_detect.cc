// DetectListFormat, ParseFormatName, FormatName (source.h): telling a list file's format from its
// first bytes, and the --format names.
//
// Only the start of one file is read: an XML file's root element names its format, JSON lines
// start with '{', OFAC's CSV rows with a digit (the ent_num). Which formats a source may come in is
// in kFormats; a file whose content belongs to another source is refused rather than parsed as
// something it is not.
#include <cstdio>
#include <memory>
#include <string>

#include "core/text.h"
#include "ingest/source.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSniffBytes = 64 * 1024;

struct FormatInfo {
  ListFormat format;
  std::string_view name;        // the --format value
  std::string_view root;        // XML root element, "" for other formats
  std::string_view sources[2];  // the sources published in this format
};

constexpr FormatInfo kFormats[] = {
    {ListFormat::kOfacSdnCsv, "ofac-csv", "", {"us-ofac-sdn", ""}},
    {ListFormat::kOfacConsCsv, "ofac-csv", "", {"us-ofac-cons", ""}},
    {ListFormat::kOfacClassicXml, "ofac-classic-xml", "sdnList", {"us-ofac-sdn", "us-ofac-cons"}},
    {ListFormat::kOfacAdvancedXml,
     "ofac-advanced-xml",
     "Sanctions",
     {"us-ofac-sdn", "us-ofac-cons"}},
    {ListFormat::kOfacEnhancedXml,
     "ofac-enhanced-xml",
     "sanctionsData",
     {"us-ofac-sdn", "us-ofac-cons"}},
    {ListFormat::kUnXml, "un-xml", "CONSOLIDATED_LIST", {"un-sc", ""}},
    {ListFormat::kFtmJson, "ftm-json", "", {"ftm", ""}},
    {ListFormat::kUsCslCsv, "us-csl-csv", "", {"us-csl", ""}},
    {ListFormat::kUsBisDpl, "bis-dpl-txt", "", {"us-bis-dpl", ""}},
    {ListFormat::kEuFsfXml, "eu-fsf-xml", "export", {"eu-fsf", ""}},
    {ListFormat::kUkSanctionsXml, "uk-sanctions-xml", "Designations", {"uk-sanctions", ""}},
};

bool PublishedAs(const FormatInfo& info, std::string_view source) {
  return info.sources[0] == source || info.sources[1] == source;
}

// The first element name of an XML text: after a BOM, white space, the XML declaration,
// processing instructions and comments; without its namespace prefix. "" when there is none.
std::string RootElement(std::string_view head) {
  size_t i = 0;
  if (StartsWith(head, "\xEF\xBB\xBF")) i = 3;
  for (;;) {
    while (i < head.size() &&
           (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
      ++i;
    if (i >= head.size() || head[i] != '<') return "";
    std::string_view rest = head.substr(i);
    std::string_view closer;
    if (StartsWith(rest, "<?")) {
      closer = "?>";
    } else if (StartsWith(rest, "<!--")) {
      closer = "-->";
    } else if (StartsWith(rest, "<!")) {
      closer = ">";  // a DOCTYPE: the parser refuses it later
    } else {
      size_t end = rest.find_first_of(" \t\r\n/>", 1);
      std::string_view name = rest.substr(1, end == std::string_view::npos ? end : end - 1);
      size_t colon = name.find(':');
      return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
    }
    size_t close = rest.find(closer);
    if (close == std::string_view::npos) return "";
    i += close + closer.size();
  }
}

Status ReadHead(const fs::path& file, std::string* head) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!f) return Status::IoError(file.string() + ": cannot open");
  head->resize(kSniffBytes);
  size_t n = std::fread(head->data(), 1, head->size(), f.get());
  if (std::ferror(f.get())) return Status::IoError(file.string() + ": read error");
  head->resize(n);
  return Status::Ok();
}

// The file of `paths` whose content decides: the one file given, or the file an import of the
// source's default format, or else of an XML format, would take from the folder.
Status FileToSniff(ListFormat fallback, const std::vector<fs::path>& paths, fs::path* out) {
  std::vector<fs::path> files;
  Status own = ResolveInputFiles(fallback, paths, &files);
  if (!own.ok() && !ResolveInputFiles(ListFormat::kOfacClassicXml, paths, &files).ok()) return own;
  if (files.empty()) return Status::InvalidInput("no input files given");
  *out = files[0];
  return Status::Ok();
}

}  // namespace

Status DetectListFormat(std::string_view source, const std::vector<fs::path>& paths,
                        ListFormat* out) {
  ListFormat fallback;
  if (!ParseSourceName(source, &fallback))
    return Status::InvalidInput("unknown source '" + std::string(source) + "'");
  fs::path file;
  INTERDICT_RETURN_IF_ERROR(FileToSniff(fallback, paths, &file));
  std::string head;
  INTERDICT_RETURN_IF_ERROR(ReadHead(file, &head));
  std::string_view text = Trim(head);
  if (StartsWith(text, "\xEF\xBB\xBF")) text = Trim(text.substr(3));
  const std::string where = file.string() + ": ";
  if (!text.empty() && text[0] == '<') {
    std::string root = RootElement(text);
    for (const FormatInfo& info : kFormats) {
      if (info.root.empty() || info.root != root) continue;
      if (!PublishedAs(info, source))
        return Status::InvalidInput(where + "content is " + std::string(info.name) + " (root <" +
                                    root + ">), not a format of --source " + std::string(source));
      *out = info.format;
      return Status::Ok();
    }
    return Status::InvalidInput(where + "XML with root element <" + root +
                                "> is no list format Interdict reads");
  }
  // Text formats: the source's own parser judges the content (an empty or damaged file gets its
  // parser's precise error); only content that is plainly another format is refused here.
  std::string_view what;
  if (!text.empty() && text[0] == '{') what = "ftm-json";
  if (!text.empty() && text[0] >= '0' && text[0] <= '9') what = "ofac-csv";
  if (!what.empty() && FormatName(fallback) != what)
    return Status::InvalidInput(where + "content looks like " + std::string(what) +
                                ", not a format of --source " + std::string(source));
  if (FormatName(fallback).ends_with("-xml"))
    return Status::InvalidInput(where + "not XML, but --source " + std::string(source) +
                                " is published as XML");
  *out = fallback;
  return Status::Ok();
}

bool ParseFormatName(std::string_view source, std::string_view name, ListFormat* out) {
  for (const FormatInfo& info : kFormats) {
    if (info.name == name && PublishedAs(info, source)) {
      *out = info.format;
      return true;
    }
  }
  return false;
}

std::string_view FormatName(ListFormat format) {
  for (const FormatInfo& info : kFormats)
    if (info.format == format) return info.name;
  return "unknown";
}

}  // namespace interdict
