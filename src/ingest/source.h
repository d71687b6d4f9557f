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
  // Take a file that lacks its format's end-of-file signal as complete. The signal is OFAC's
  // 0x1A byte after the last line of a primary, alt or add file (the other formats carry none a
  // line cut could miss: a cut XML file is not well-formed, and FtM has no end marker). Without
  // it, a file cut at a line boundary would read as a smaller, valid list.
  bool allow_incomplete = false;
  // When set, parsers that report progress add the bytes they have read from their input files
  // (for a progress display; read it from the sink). The CSL, DPL, EU and UK parsers do.
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

// "us-ofac-sdn" -> kOfacSdnCsv, "us-ofac-cons" -> kOfacConsCsv, "un-sc" -> kUnXml, "ftm" ->
// kFtmJson, "us-csl" -> kUsCslCsv, "us-bis-dpl" -> kUsBisDpl, "eu-fsf" -> kEuFsfXml,
// "uk-sanctions" -> kUkSanctionsXml.
bool ParseSourceName(std::string_view source, ListFormat* out);

}  // namespace interdict
