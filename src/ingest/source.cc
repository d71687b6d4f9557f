#include "ingest/source.h"

#include "ingest/parsers.h"

#include <algorithm>

#include "core/text.h"

namespace interdict {

Status ParseList(ListFormat format, const std::vector<std::filesystem::path>& paths,
                 const ParseOptions& options, const EntitySink& sink, ParseReport* report) {
  if (options.countries == nullptr) return Status::Internal("ParseList: no country table");
  if (paths.empty()) return Status::InvalidInput("no input files given");
  switch (format) {
    case ListFormat::kOfacSdnCsv:
    case ListFormat::kOfacConsCsv:
      return ParseOfacCsv(format, paths, options, sink, report);
    case ListFormat::kUnXml:
      return ParseUnXml(paths, options, sink, report);
    case ListFormat::kFtmJson:
      return ParseFtmJson(paths, options, sink, report);
    case ListFormat::kOfacClassicXml:
      return ParseOfacClassicXml(paths, options, sink, report);
    case ListFormat::kOfacAdvancedXml:
      return ParseOfacAdvancedXml(paths, options, sink, report);
    case ListFormat::kOfacEnhancedXml:
      return ParseOfacEnhancedXml(paths, options, sink, report);
    case ListFormat::kUsCslCsv:
      return ParseUsCslCsv(paths, options, sink, report);
    case ListFormat::kUsBisDpl:
      return ParseUsBisDpl(paths, options, sink, report);
    case ListFormat::kEuFsfXml:
      return ParseEuFsfXml(paths, options, sink, report);
    case ListFormat::kUkSanctionsXml:
      return ParseUkSanctionsXml(paths, options, sink, report);
  }
  return Status::Internal("unknown list format");
}

namespace {

// The file names a folder import of `format` picks up, primary file first.
std::vector<std::string> KnownFileNames(ListFormat format) {
  switch (format) {
    case ListFormat::kOfacSdnCsv:
      return {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    case ListFormat::kOfacConsCsv:
      return {"cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"};
    default:
      return {};
  }
}

// Formats read from exactly one file.
bool IsSingleFile(ListFormat format) {
  switch (format) {
    case ListFormat::kOfacSdnCsv:
    case ListFormat::kOfacConsCsv:
    case ListFormat::kFtmJson:
      return false;
    default:
      return true;
  }
}

bool WantedByExtension(ListFormat format, const std::string& lower_name) {
  if (format == ListFormat::kUsCslCsv) return EndsWith(lower_name, ".csv");
  if (format == ListFormat::kUsBisDpl) return EndsWith(lower_name, ".txt");
  if (IsSingleFile(format)) return EndsWith(lower_name, ".xml");
  if (format == ListFormat::kFtmJson)
    return EndsWith(lower_name, ".json") || EndsWith(lower_name, ".jsonl");
  return false;
}

}  // namespace

Status ResolveInputFiles(ListFormat format, const std::vector<std::filesystem::path>& paths,
                         std::vector<std::filesystem::path>* files) {
  namespace fs = std::filesystem;
  files->clear();
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      files->push_back(p);
      continue;
    }
    if (!fs::is_directory(p, ec)) return Status::NotFound(p.string() + ": no such file or folder");
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(p, ec)) {
      if (!entry.is_regular_file()) continue;
      found.push_back(entry.path());
    }
    if (ec) return Status::IoError(p.string() + ": " + ec.message());
    std::sort(found.begin(), found.end());
    std::vector<std::string> known = KnownFileNames(format);
    size_t before = files->size();
    if (!known.empty()) {
      for (const std::string& name : known)
        for (const fs::path& f : found)
          if (AsciiLower(f.filename().string()) == name) files->push_back(f);
      bool has_primary = false;
      for (size_t i = before; i < files->size(); ++i)
        if (AsciiLower((*files)[i].filename().string()) == known[0]) has_primary = true;
      if (!has_primary)
        return Status::NotFound(p.string() + ": no " + known[0] + " in this folder");
    } else {
      for (const fs::path& f : found)
        if (WantedByExtension(format, AsciiLower(f.filename().string()))) files->push_back(f);
      // A download named after its URL may carry no extension (the EU's ".../content?token=");
      // a folder holding just that one file is unambiguous.
      if (files->size() == before && IsSingleFile(format) && found.size() == 1)
        files->push_back(found[0]);
      if (files->size() == before)
        return Status::NotFound(p.string() + ": no list file of this format in this folder");
      if (IsSingleFile(format) && files->size() - before > 1)
        return Status::InvalidInput(p.string() +
                                    ": more than one list file in this folder; name the one to "
                                    "import");
    }
  }
  return Status::Ok();
}

Status ResolveSingleInput(ListFormat format, const std::vector<std::filesystem::path>& paths,
                          ParseReport* report, std::filesystem::path* file) {
  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(format, paths, &files));
  if (files.size() != 1)
    return Status::InvalidInput("expected one list file, got " + std::to_string(files.size()));
  report->files.push_back(files[0]);
  *file = files[0];
  return Status::Ok();
}

bool ParseSourceName(std::string_view source, ListFormat* out) {
  if (source == "us-ofac-sdn") {
    *out = ListFormat::kOfacSdnCsv;
  } else if (source == "us-ofac-cons") {
    *out = ListFormat::kOfacConsCsv;
  } else if (source == "un-sc") {
    *out = ListFormat::kUnXml;
  } else if (source == "ftm") {
    *out = ListFormat::kFtmJson;
  } else if (source == "us-csl") {
    *out = ListFormat::kUsCslCsv;
  } else if (source == "us-bis-dpl") {
    *out = ListFormat::kUsBisDpl;
  } else if (source == "eu-fsf") {
    *out = ListFormat::kEuFsfXml;
  } else if (source == "uk-sanctions") {
    *out = ListFormat::kUkSanctionsXml;
  } else {
    return false;
  }
  return true;
}

}  // namespace interdict
