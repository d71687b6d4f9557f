// The individual list parsers behind ParseList (source.h). Each has ParseList's contract.
#pragma once

#include "ingest/source.h"

namespace interdict {

// OFAC legacy CSV sets. `format` is kOfacSdnCsv (files sdn.csv, alt.csv, add.csv,
// sdn_comments.csv; ids us-ofac-sdn:<ent_num>) or kOfacConsCsv (cons_prim.csv, cons_alt.csv,
// cons_add.csv, cons_comments.csv; ids us-ofac-cons:<ent_num>). The primary file is required; a
// missing companion file is a warning in the report, a malformed one an error.
Status ParseOfacCsv(ListFormat format, const std::vector<std::filesystem::path>& paths,
                    const ParseOptions& options, const EntitySink& sink, ParseReport* report);

// UN Security Council consolidated list XML; ids un-sc:<REFERENCE_NUMBER>. One file.
Status ParseUnXml(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                  const EntitySink& sink, ParseReport* report);

// FollowTheMoney entities, one JSON object per line; ids <options.ftm_source>:<id>.
Status ParseFtmJson(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                    const EntitySink& sink, ParseReport* report);

// OFAC XML, one file in any of OFAC's three publications; ids <options.ofac_source>:<uid>, the
// same ids, names, dates and identifiers as the CSV set of the same list and day.
Status ParseOfacClassicXml(const std::vector<std::filesystem::path>& paths,
                           const ParseOptions& options, const EntitySink& sink,
                           ParseReport* report);
Status ParseOfacAdvancedXml(const std::vector<std::filesystem::path>& paths,
                            const ParseOptions& options, const EntitySink& sink,
                            ParseReport* report);
Status ParseOfacEnhancedXml(const std::vector<std::filesystem::path>& paths,
                            const ParseOptions& options, const EntitySink& sink,
                            ParseReport* report);

}  // namespace interdict
