// The updater's source list: which lists `interdict update` fetches, and from where.
//
// File format (data/sources.conf is the shipped default), one URL per line:
//
//   # comment
//   us-ofac-sdn  https://www.treasury.gov/ofac/downloads/sdn.csv
//   us-ofac-sdn  https://www.treasury.gov/ofac/downloads/alt.csv
//   ftm:opensanctions  https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json
//
// The first field is an `interdict import --source` value; "ftm:NAME" is an FtM source stored as
// NAME. Lines with the same source add files to that source, which is fetched and imported as one
// version. The file a URL is saved as is the last segment of its path, which is how the importer
// tells OFAC's sdn.csv from alt.csv, so two URLs of one source must not share it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace interdict {

struct SourceConfig {
  std::string format;  // "us-ofac-sdn", "us-ofac-cons", "un-sc" or "ftm"
  std::string name;    // the store's source name: `format`, or NAME of "ftm:NAME"
  std::vector<std::string> urls;
};

// Parses the text of a source file; errors say "<where>:<line>: what". Sources keep the order
// of their first line.
Status ParseSourceConfig(std::string_view text, const std::string& where,
                         std::vector<SourceConfig>* out);

Status LoadSourceConfig(const std::filesystem::path& path, std::vector<SourceConfig>* out);

// Checks one source (as given on the command line or read from a file): a known format,
// http(s) URLs, distinct non-empty file names. InvalidInput saying which URL is wrong.
Status CheckSourceConfig(const SourceConfig& source);

// The file name a URL is saved as: the last segment of its path, without query or fragment.
// "" when the path ends in '/'.
std::string UrlFileName(std::string_view url);

}  // namespace interdict
