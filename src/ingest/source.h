// The list formats Interdict imports, and the one entry point that reads any of them.
//
// Parsers stream: records are handed to the sink one by one as they are read, so memory does not
// grow with the file (OFAC's companion CSV files, which are joined by ent_num, are the exception:
// they are small and held in memory while sdn.csv / cons_prim.csv streams).
//
// A parser never hands over a half-read file silently: any malformed, truncated or wrongly encoded
// input ends the parse with an error naming the file, the line or record, and the problem. The
// caller (the store's import) discards everything the sink received in that case.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "core/status.h"

namespace interdict {

enum class ListFormat {
  kOfacSdnCsv,      // us-ofac-sdn: sdn.csv [+ alt.csv, add.csv, sdn_comments.csv]
  kOfacConsCsv,     // us-ofac-cons: cons_prim.csv [+ cons_alt.csv, cons_add.csv, cons_comments.csv]
  kUnXml,           // un-sc: UN Security Council consolidated XML
  kFtmJson,         // FollowTheMoney JSON lines (OpenSanctions entities.ftm.json)
  // OFAC's XML publications, each of either OFAC list (ParseOptions::ofac_source says which).
  kOfacClassicXml,   // sdn.xml / consolidated.xml: sdnList/sdnEntry
  kOfacAdvancedXml,  // sdn_advanced.xml / cons_advanced.xml: Sanctions/DistinctParties
  kOfacEnhancedXml,  // SDN_ENHANCED.XML / CONS_ENHANCED.XML: sanctionsData/entities
  kUsCslCsv,        // us-csl: trade.gov Consolidated Screening List CSV
  kUsBisDpl,        // us-bis-dpl: BIS Denied Persons List dpl.txt
  kEuFsfXml,        // eu-fsf: EU Financial Sanctions File XML 1.1
  kUkSanctionsXml,  // uk-sanctions: UK Sanctions List XML (FCDO)
};

// What a parse found besides the records.
struct ParseReport {
  std::string published;                     // publication date/time the file states, ISO 8601
  std::vector<std::filesystem::path> files;  // the files read, in the order read
  std::vector<std::string> warnings;         // e.g. "alt.csv not found: aliases skipped"
};

using EntitySink = std::function<Status(Entity&&)>;

struct ParseOptions {
  const CountryTable* countries = nullptr;  // required
  // Id prefix for FtM records: "<source>:<ftm id>". Ignored by the official formats, whose
  // prefixes are fixed (us-ofac-sdn, us-ofac-cons, un-sc).
  std::string ftm_source = "ftm";
  // Id prefix for the OFAC XML formats, which are the same for both OFAC lists: us-ofac-sdn or
  // us-ofac-cons.
  std::string ofac_source = "us-ofac-sdn";
  // Take a file that lacks its format's end-of-file signal as complete. The signal is OFAC's
  // 0x1A byte after the last line of a primary, alt or add file (the other formats carry none a
  // line cut could miss: a cut XML file is not well-formed, and FtM has no end marker). Without
  // it, a file cut at a line boundary would read as a smaller, valid list.
  bool allow_incomplete = false;
  // When set, parsers that report progress add the bytes they have read from their input files
  // (for a progress display; read it from the sink). The CSL, DPL and every XML parser but the
  // UN's do.
  int64_t* bytes_read = nullptr;
};

// Parses `paths` (files, or one folder holding the format's files) as `format`, handing every
// record to `sink` in file order. Stops at the first error from the input or from the sink.
Status ParseList(ListFormat format, const std::vector<std::filesystem::path>& paths,
                 const ParseOptions& options, const EntitySink& sink, ParseReport* report);

// The files an import of `format` reads from `paths`: a folder is replaced by the format's files in
// it (OFAC: sdn.csv/alt.csv/add.csv/sdn_comments.csv or cons_prim/alt/add/comments.csv, names
// matched case-insensitively; UN, EU, UK: the one *.xml file; CSL: the one *.csv file; DPL: the
// one *.txt file, or for these single-file formats a folder's only file whatever its name; FtM:
// *.json and *.jsonl files), explicit
// files are kept as given. The content hash and the parse both use this list, so unrelated files in
// a folder neither change the hash nor get parsed. Errors: a path that does not exist, a folder
// without the format's primary file.
Status ResolveInputFiles(ListFormat format, const std::vector<std::filesystem::path>& paths,
                         std::vector<std::filesystem::path>* files);

// The format of the files in `paths` as their content shows it (the root element of an XML file,
// the first character of a JSON or CSV one), for an import of `source` (an import --source value):
// the source decides what the content cannot (OFAC's SDN and Consolidated CSV sets share one
// layout). A folder is judged by the files ResolveInputFiles would take from it. Errors: content
// of no known format, or of a format `source` is not published in ("a UN list given as
// us-ofac-sdn"), each naming the file.
Status DetectListFormat(std::string_view source, const std::vector<std::filesystem::path>& paths,
                        ListFormat* out);

// Import --format values: "ofac-csv" (the source's CSV set), "ofac-classic-xml",
// "ofac-advanced-xml", "ofac-enhanced-xml", "un-xml", "ftm-json", "us-csl-csv", "bis-dpl-txt",
// "eu-fsf-xml", "uk-sanctions-xml". False for anything else, or for
// a format `source` is not published in.
bool ParseFormatName(std::string_view source, std::string_view name, ListFormat* out);
std::string_view FormatName(ListFormat format);

// "us-ofac-sdn" -> kOfacSdnCsv, "us-ofac-cons" -> kOfacConsCsv, "un-sc" -> kUnXml, "ftm" ->
// kFtmJson, "us-csl" -> kUsCslCsv, "us-bis-dpl" -> kUsBisDpl, "eu-fsf" -> kEuFsfXml,
// "uk-sanctions" -> kUkSanctionsXml.
bool ParseSourceName(std::string_view source, ListFormat* out);

}  // namespace interdict
