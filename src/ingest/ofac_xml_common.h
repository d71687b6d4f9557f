// What OFAC's three XML publications (classic, advanced, enhanced) share, so that each states a
// fact exactly as the legacy CSV set does: the same id prefix, the same name forms, and every
// "fact" (identity document, birth date, website...) read by the CSV's own Remarks reader. That one
// reader is what makes the same list import to the same records from any of OFAC's formats.
// Internal to src/ingest.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "ingest/source.h"
#include "ingest/xml_records.h"

namespace interdict {

// One parse of one OFAC XML file: what each of the three parsers works with.
struct OfacXmlRun {
  std::string path;    // the file
  std::string source;  // the id prefix: us-ofac-sdn or us-ofac-cons
  const CountryTable* countries = nullptr;
  const EntitySink* sink = nullptr;
  ParseReport* report = nullptr;
  int64_t* bytes_read = nullptr;  // ParseOptions::bytes_read

  // The name OFAC's XML gives the list `source` is: "SDN List" or "Consolidated List". A file that
  // says it holds the other list is refused: its records would get the wrong ids.
  std::string_view ListName() const;
  // InvalidInput "<path>:<line of node>: <problem>".
  Status Error(const XmlNode& node, const std::string& problem) const;
  // ReadXmlRecords of the file with root `root`, libxml2 warnings going to the report.
  Status Read(
      std::string_view root,
      std::function<bool(int depth, std::string_view parent, std::string_view name)> is_record,
      std::function<Status(XmlNode&& record)> on_record) const;
};

// Finds the one XML file of an OFAC XML import in `paths` (a folder holding exactly one .xml file
// also works) and runs `parse` on it. The id prefix is options.ofac_source, which must be
// us-ofac-sdn or us-ofac-cons: OFAC publishes both lists in each XML format, and the files do not
// always say which.
Status RunOfacXml(ListFormat format, const std::vector<std::filesystem::path>& paths,
                  const ParseOptions& options, const EntitySink& sink, ParseReport* report,
                  const std::function<Status(const OfacXmlRun& run)>& parse);

// A name as OFAC's CSV writes it: individuals "LAST, First", others just the one name part.
std::string OfacFullName(std::string_view last, std::string_view first);

// Adds the fact "<label> <value>[ (<country>)]" to *e as if it stood in a CSV Remarks field
// (ParseOfacRemarks): "Passport", "Tax ID No.", "DOB", "POB", "nationality", "Website", ...
// `e` must have its schema set.
void AddOfacFact(std::string_view label, std::string_view value, std::string_view country,
                 const CountryTable& countries, Entity* e);

// The CSV's fact label for an XML feature type: Birthdate -> DOB, Place of Birth -> POB,
// Nationality Country -> nationality, Citizenship Country -> citizen; other types are their own
// label ("Website", "Gender", "SWIFT/BIC", ...).
std::string_view OfacFactLabel(std::string_view feature_type);

// An address from its typed parts, composed as the CSV's Address and City/State/Postal Code
// columns: street "ADDRESS1, ADDRESS2, ADDRESS3" (and any part of another type, e.g. REGION),
// city "CITY, STATE/PROVINCE POSTAL CODE". The country is left to the caller.
Address OfacAddress(const std::vector<std::pair<std::string, std::string>>& typed_parts);

// Sets every name's natural order and script as the CSV parser does. Call once all names are in.
void FinishOfacNames(Entity* e);

// Adds `name` unless *e already has a name with the same text (the XML repeats a name that is
// both a translation and an alias); a stronger kind replaces a weaker one.
void AddOfacName(Name name, Entity* e);

}  // namespace interdict
