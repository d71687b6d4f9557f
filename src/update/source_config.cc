#include "update/source_config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "ingest/source.h"

namespace interdict {
namespace {

bool HasHttpScheme(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// Splits a line into whitespace-separated fields.
std::vector<std::string> Fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  return fields;
}

}  // namespace

std::string UrlFileName(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t slash = url.find('/');
  if (slash == std::string_view::npos) return "";  // host only
  return std::string(url.substr(url.rfind('/') + 1));
}

Status CheckSourceConfig(const SourceConfig& source) {
  ListFormat format;
  if (!ParseSourceName(source.format, &format))
    return Status::InvalidInput(
        "unknown source '" + source.format +
        "' (expected us-ofac-sdn, us-ofac-cons, un-sc, us-csl, us-bis-dpl, eu-fsf, "
        "uk-sanctions or ftm:NAME)");
  if (source.urls.empty()) return Status::InvalidInput(source.name + ": no URL");
  std::set<std::string> names;
  for (const std::string& url : source.urls) {
    if (!HasHttpScheme(url))
      return Status::InvalidInput(source.name + ": '" + url + "' is not an http(s) URL");
    std::string file = UrlFileName(url);
    if (file.empty() || file == "." || file == "..")
      return Status::InvalidInput(source.name + ": '" + url + "' names no file");
    if (!names.insert(file).second)
      return Status::InvalidInput(source.name + ": two URLs end in the same file name '" + file +
                                  "'");
  }
  return Status::Ok();
}

Status ParseSourceConfig(std::string_view text, const std::string& where,
                         std::vector<SourceConfig>* out) {
  out->clear();
  std::istringstream in{std::string(text)};
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const std::string at = where + ":" + std::to_string(line_no) + ": ";
    std::vector<std::string> fields = Fields(line.substr(0, line.find('#')));
    if (fields.empty()) continue;
    if (fields.size() != 2)
      return Status::InvalidInput(at + "expected 'SOURCE URL', got " +
                                  std::to_string(fields.size()) + " fields");
    SourceConfig key;
    key.format = fields[0];
    key.name = fields[0];
    if (fields[0].starts_with("ftm:")) {
      key.format = "ftm";
      key.name = fields[0].substr(4);
    } else if (fields[0] == "ftm") {
      return Status::InvalidInput(at + "name the FtM source: ftm:NAME");
    }
    SourceConfig* source = nullptr;
    for (SourceConfig& s : *out)
      if (s.name == key.name) source = &s;
    if (source == nullptr) {
      out->push_back(key);
      source = &out->back();
    } else if (source->format != key.format) {
      return Status::InvalidInput(at + "source '" + key.name + "' was given another format");
    }
    source->urls.push_back(fields[1]);
    if (Status s = CheckSourceConfig(*source); !s.ok())
      return s.WithContext(at.substr(0, at.size() - 2));
  }
  return Status::Ok();
}

Status LoadSourceConfig(const std::filesystem::path& path, std::vector<SourceConfig>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open the source list");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError(path.string() + ": read failed");
  return ParseSourceConfig(text.str(), path.string(), out);
}

}  // namespace interdict
