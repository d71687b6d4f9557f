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

// For the single-file parsers below: the one file `paths` name (ResolveInputFiles), added to
// report->files. InvalidInput when they name none or several.
Status ResolveSingleInput(ListFormat format, const std::vector<std::filesystem::path>& paths,
                          ParseReport* report, std::filesystem::path* file);

// The other official lists, one file each (a folder holding exactly one file of the format's
// extension is accepted too). Ids are fixed per parser; each file's header comment gives the id
// scheme and the mapping.
// US Consolidated Screening List CSV (trade.gov); ids us-csl:<list>-<entity_number or _id>.
Status ParseUsCslCsv(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report);
// BIS Denied Persons List dpl.txt; ids us-bis-dpl:<hash of name, address, effective date>.
Status ParseUsBisDpl(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report);
// EU Financial Sanctions File XML 1.1; ids eu-fsf:<logicalId>.
Status ParseEuFsfXml(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report);
// UK Sanctions List XML (FCDO); ids uk-sanctions:<UniqueID>.
Status ParseUkSanctionsXml(const std::vector<std::filesystem::path>& paths,
                           const ParseOptions& options, const EntitySink& sink,
                           ParseReport* report);

}  // namespace interdict
