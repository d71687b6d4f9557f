// Tables transcribed from followthemoney's schema definitions (Thing, LegalEntity, Person,
// Organization, Company, PublicBody, Asset, Vehicle, Vessel, Airplane). Properties of FtM type
// "entity" are marked: they name other entities, and no screening reads them.
#include "core/ftm_schema.h"

#include <array>

namespace interdict {
namespace {

constexpr std::array<FtmSchema, 10> kSchemata = {{
    {"Thing", "Thing", "Things", "The root of FtM's entity schemata.", "", "", false, {}},
    {"LegalEntity", "Legal entity", "Legal entities",
     "Any party to legal proceedings, such as asset ownership, corporate governance or social "
     "interactions.",
     "Thing", "", true, std::nullopt},
    {"Person", "Person", "People", "An individual.", "LegalEntity", "", true, Schema::kPerson},
    {"Organization", "Organization", "Organizations",
     "Any type of incorporated entity, including companies and public bodies.", "LegalEntity", "",
     true, Schema::kOrganization},
    {"Company", "Company", "Companies",
     "A corporation, usually for profit. Does not distinguish between private and public "
     "companies.",
     "Organization", "Asset", true, Schema::kOrganization},
    {"PublicBody", "Public body", "Public bodies",
     "A public body, such as a ministry, department or state company.", "Organization", "", true,
     Schema::kOrganization},
    {"Asset", "Asset", "Assets", "A piece of property which can be owned.", "Thing", "", false, {}},
    {"Vehicle", "Vehicle", "Vehicles", "A vehicle.", "Asset", "", false, {}},
    {"Vessel", "Vessel", "Vessels", "A boat or a ship.", "Vehicle", "", true, Schema::kVessel},
    {"Airplane", "Airplane", "Airplanes", "An airplane, helicopter or other flying vehicle.",
     "Vehicle", "", true, Schema::kAircraft},
}};

// clang-format off
constexpr FtmProperty kProperties[] = {
    {"Thing", "name", "Name", false},
    {"Thing", "summary", "Summary", false},
    {"Thing", "description", "Description", false},
    {"Thing", "country", "Country", false},
    {"Thing", "alias", "Other name", false},
    {"Thing", "previousName", "Previous name", false},
    {"Thing", "weakAlias", "Weak alias", false},
    {"Thing", "sourceUrl", "Source link", false},
    {"Thing", "publisher", "Publishing source", false},
    {"Thing", "publisherUrl", "Publishing source URL", false},
    {"Thing", "alephUrl", "Aleph URL", false},
    {"Thing", "wikipediaUrl", "Wikipedia Article", false},
    {"Thing", "wikidataId", "Wikidata ID", false},
    {"Thing", "keywords", "Keywords", false},
    {"Thing", "topics", "Topics", false},
    {"Thing", "address", "Address", false},
    {"Thing", "addressEntity", "Address", true},
    {"Thing", "program", "Program", false},
    {"Thing", "programId", "Program ID", false},
    {"Thing", "notes", "Notes", false},
    {"Thing", "createdAt", "Created at", false},
    {"Thing", "modifiedAt", "Modified on", false},
    {"Thing", "retrievedAt", "Retrieved on", false},
    {"Thing", "proof", "Source document", true},
    {"LegalEntity", "email", "E-Mail", false},
    {"LegalEntity", "phone", "Phone", false},
    {"LegalEntity", "website", "Website", false},
    {"LegalEntity", "legalForm", "Legal form", false},
    {"LegalEntity", "incorporationDate", "Incorporation date", false},
    {"LegalEntity", "dissolutionDate", "Dissolution date", false},
    {"LegalEntity", "taxStatus", "Tax status", false},
    {"LegalEntity", "status", "Status", false},
    {"LegalEntity", "sector", "Sector", false},
    {"LegalEntity", "classification", "Classification", false},
    {"LegalEntity", "registrationNumber", "Registration number", false},
    {"LegalEntity", "idNumber", "ID Number", false},
    {"LegalEntity", "taxNumber", "Tax Number", false},
    {"LegalEntity", "vatCode", "V.A.T. Identifier", false},
    {"LegalEntity", "jurisdiction", "Jurisdiction", false},
    {"LegalEntity", "mainCountry", "Country of origin", false},
    {"LegalEntity", "opencorporatesUrl", "OpenCorporates URL", false},
    {"LegalEntity", "bvdId", "Bureau van Dijk ID", false},
    {"LegalEntity", "sayariId", "Sayari Entity ID", false},
    {"LegalEntity", "brightQueryId", "BrightQuery ID", false},
    {"LegalEntity", "brightQueryOrgId", "BrightQuery Organization ID", false},
    {"LegalEntity", "icijId", "ICIJ ID", false},
    {"LegalEntity", "okpoCode", "OKPO", false},
    {"LegalEntity", "innCode", "INN", false},
    {"LegalEntity", "ogrnCode", "OGRN", false},
    {"LegalEntity", "leiCode", "LEI", false},
    {"LegalEntity", "dunsCode", "DUNS", false},
    {"LegalEntity", "uniqueEntityId", "Unique Entity ID", false},
    {"LegalEntity", "npiCode", "NPI", false},
    {"LegalEntity", "swiftBic", "SWIFT/BIC", false},
    {"LegalEntity", "parent", "Parent entity", true},
    {"Person", "title", "Title", false},
    {"Person", "firstName", "First name", false},
    {"Person", "secondName", "Second name", false},
    {"Person", "middleName", "Middle name", false},
    {"Person", "fatherName", "Patronymic", false},
    {"Person", "motherName", "Matronymic", false},
    {"Person", "lastName", "Last name", false},
    {"Person", "nameSuffix", "Name suffix", false},
    {"Person", "birthDate", "Birth date", false},
    {"Person", "birthPlace", "Place of birth", false},
    {"Person", "birthCountry", "Country of birth", false},
    {"Person", "deathDate", "Death date", false},
    {"Person", "position", "Position", false},
    {"Person", "nationality", "Nationality", false},
    {"Person", "citizenship", "Citizenship", false},
    {"Person", "passportNumber", "Passport number", false},
    {"Person", "socialSecurityNumber", "Social security number", false},
    {"Person", "gender", "Gender", false},
    {"Person", "ethnicity", "Ethnicity", false},
    {"Person", "religion", "Religion", false},
    {"Person", "political", "Political association", false},
    {"Person", "education", "Education", false},
    {"Person", "spokenLanguage", "Spoken language", false},
    {"Person", "height", "Height", false},
    {"Person", "weight", "Weight", false},
    {"Person", "eyeColor", "Eye color", false},
    {"Person", "hairColor", "Hair color", false},
    {"Person", "appearance", "Physical appearance", false},
    {"Organization", "abbreviation", "Abbreviation", false},
    {"Organization", "cageCode", "CAGE", false},
    {"Organization", "permId", "PermID", false},
    {"Organization", "imoNumber", "IMO Number", false},
    {"Organization", "giiNumber", "GIIN", false},
    {"Asset", "amount", "Amount", false},
    {"Asset", "currency", "Currency", false},
    {"Asset", "amountUsd", "Amount in USD", false},
    {"Company", "capital", "Capital", false},
    {"Company", "voenCode", "VOEN", false},
    {"Company", "coatoCode", "COATO / SOATO / OKATO", false},
    {"Company", "irsCode", "IRS Number", false},
    {"Company", "ipoCode", "IPO", false},
    {"Company", "cikCode", "SEC Central Index Key", false},
    {"Company", "jibCode", "JIB", false},
    {"Company", "mbsCode", "MBS", false},
    {"Company", "ibcRuc", "ibcRUC", false},
    {"Company", "caemCode", "COD CAEM", false},
    {"Company", "kppCode", "KPP", false},
    {"Company", "okvedCode", "OKVED(2) Classifier", false},
    {"Company", "okopfCode", "OKOPF", false},
    {"Company", "fnsCode", "Federal tax service code", false},
    {"Company", "fssCode", "FSS", false},
    {"Company", "bikCode", "BIK", false},
    {"Company", "pfrNumber", "PFR Number", false},
    {"Company", "oksmCode", "OKSM", false},
    {"Company", "isinCode", "ISIN", false},
    {"Company", "ticker", "Stock ticker symbol", false},
    {"Company", "ricCode", "Reuters Instrument Code", false},
    {"Vehicle", "registrationNumber", "Registration number", false},
    {"Vehicle", "type", "Type", false},
    {"Vehicle", "model", "Model", false},
    {"Vehicle", "owner", "Owner", true},
    {"Vehicle", "operator", "Operator", true},
    {"Vehicle", "buildDate", "Build Date", false},
    {"Vehicle", "registrationDate", "Registration Date", false},
    {"Vehicle", "deregistrationDate", "De-registration Date", false},
    {"Vessel", "imoNumber", "IMO Number", false},
    {"Vessel", "crsNumber", "CRS Number", false},
    {"Vessel", "flag", "Flag", false},
    {"Vessel", "registrationPort", "Port of Registration", false},
    {"Vessel", "navigationArea", "Navigation Area", false},
    {"Vessel", "tonnage", "Tonnage", false},
    {"Vessel", "grossRegisteredTonnage", "Gross Registered Tonnage", false},
    {"Vessel", "nameChangeDate", "Date of Name Change", false},
    {"Vessel", "callSign", "Call Sign", false},
    {"Vessel", "pastNames", "Past Names", false},
    {"Vessel", "pastFlags", "Past Flags", false},
    {"Vessel", "pastTypes", "Past Types", false},
    {"Vessel", "mmsi", "MMSI", false},
    {"Airplane", "serialNumber", "Serial Number", false},
    {"Airplane", "icaoCode", "ICAO aircraft type designator", false},
    {"Airplane", "manufacturer", "Manufacturer", false},
};
// clang-format on

// The schema and its ancestors, ancestors first (each once).
void Lineage(const FtmSchema* s, std::vector<const FtmSchema*>* out) {
  if (s == nullptr) return;
  for (std::string_view p : {s->parent, s->parent2})
    if (!p.empty()) Lineage(FindFtmSchema(p), out);
  for (const FtmSchema* seen : *out)
    if (seen == s) return;
  out->push_back(s);
}

}  // namespace

const FtmSchema* FindFtmSchema(std::string_view name) {
  for (const FtmSchema& s : kSchemata)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<const FtmSchema*> MatchableFtmSchemata() {
  std::vector<const FtmSchema*> out;
  for (const FtmSchema& s : kSchemata)
    if (s.matchable) out.push_back(&s);
  return out;
}

bool FtmIsA(std::string_view schema, std::string_view ancestor) {
  std::vector<const FtmSchema*> lineage;
  Lineage(FindFtmSchema(schema), &lineage);
  for (const FtmSchema* s : lineage)
    if (s->name == ancestor) return true;
  return false;
}

const FtmProperty* FindFtmProperty(std::string_view schema, std::string_view name) {
  // The most specific definition wins (Vessel's imoNumber over Organization's: one schema never
  // has both).
  const FtmProperty* found = nullptr;
  for (const FtmProperty* p : FtmProperties(schema))
    if (p->name == name) found = p;
  return found;
}

std::vector<const FtmProperty*> FtmProperties(std::string_view schema) {
  std::vector<const FtmSchema*> lineage;
  Lineage(FindFtmSchema(schema), &lineage);
  std::vector<const FtmProperty*> out;
  for (const FtmSchema* s : lineage)
    for (const FtmProperty& p : kProperties)
      if (p.schema == s->name) out.push_back(&p);
  return out;
}

std::string_view FtmSchemaName(Schema schema) {
  switch (schema) {
    case Schema::kPerson:
      return "Person";
    case Schema::kOrganization:
      return "Organization";
    case Schema::kVessel:
      return "Vessel";
    case Schema::kAircraft:
      return "Airplane";
    case Schema::kEntity:
      break;
  }
  return "LegalEntity";
}

}  // namespace interdict
