// Entity: one record of a sanctions or watch list, in the one model every list is read into.
//
// Parsers (src/ingest) fill it, the store (src/store) keeps it as JSON (entity_json.h), the matcher
// (src/match) reads it. An Entity is a plain value: copyable, no invariants beyond those stated per
// field. Text is UTF-8. Empty string / empty vector means "the list does not say".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

// What kind of party a record is. kEntity when the list does not say (e.g. an OFAC row whose
// SDN_Type is "-0-" is an organisation or other legal entity, but OFAC does not say which).
enum class Schema { kEntity, kPerson, kOrganization, kVessel, kAircraft };

enum class NameKind {
  kPrimary,         // the record's main name
  kStrongAlias,     // a.k.a. of good quality (OFAC "aka", UN quality "Good", "a.k.a.")
  kWeakAlias,       // low-quality alias: OFAC "weak a.k.a." (in Remarks), UN quality "Low"
  kFormerName,      // f.k.a. / previous name
  kOriginalScript,  // the name in its original (usually non-Latin) script
};

struct Name {
  std::string full;     // as published, e.g. "KIM, Yong Chol"
  std::string natural;  // natural reading order, e.g. "Yong Chol KIM"; equals `full` when the
                        // published form is already in natural order
  NameKind kind = NameKind::kPrimary;
  std::string script;  // ISO 15924 code of the dominant script: "Latn", "Arab", "Cyrl", "Hani"...
};

// A calendar date that may be known only to the year or the month. 0 means "unknown".
struct PartialDate {
  int year = 0;
  int month = 0;  // 1..12 or 0
  int day = 0;    // 1..31 or 0; nonzero only when month is nonzero
  bool empty() const { return year == 0; }
  bool operator==(const PartialDate&) const = default;
};

// A date of birth as a list states it: exact ("12 Mar 1960"), partial ("Mar 1960", "1960"), a
// range ("1955 to 1958": from < to), or approximate ("circa 1960"). For a single date from == to.
struct BirthDate {
  PartialDate from;
  PartialDate to;
  bool circa = false;
  std::string original;  // the publisher's text, for display and audit
};

// A country with its ISO 3166-1 alpha-2 code when the text names one we know.
struct Country {
  std::string code;      // "IR", "KP", ... or "" when the text could not be resolved
  std::string original;  // the publisher's text ("Iran", "Korea, North", ...)
};

struct Address {
  std::string street;
  std::string city;
  std::string state;
  std::string postal_code;
  Country country;
  std::string original;  // the whole address as published, when it came as one string
};

enum class IdKind {
  kPassport,
  kNationalId,
  kTaxId,
  kRegistration,    // company registration / business number
  kImo,             // vessel IMO number
  kMmsi,            // vessel MMSI
  kCallSign,        // vessel call sign
  kAircraftSerial,  // manufacturer serial number
  kAircraftTail,    // registration / tail number
  kSwiftBic,
  kDigitalCurrency,  // wallet address; `currency` says which
  kOther,
};

struct Identifier {
  IdKind kind = IdKind::kOther;
  std::string value;     // as published ("P229856")
  std::string label;     // the publisher's own type text ("Passport", "Cedula No.", "Digital
                         // Currency Address - XBT")
  std::string currency;  // kDigitalCurrency only: "XBT", "ETH", ...
  Country country;       // issuing country, when stated
  std::string note;      // anything else said of it ("issued 01 Nov 2002 expires 31 Oct 2007")
};

// Any other fact a publisher states that has no field of its own (vessel type, tonnage, owner,
// website, email, organisation type...). Keys are lower_snake_case and stable per parser.
struct Attribute {
  std::string key;
  std::string value;
};

struct Entity {
  std::string id;      // "<source>:<publisher's id>", e.g. "us-ofac-sdn:24586", "un-sc:QDi.001"
  std::string source;  // "us-ofac-sdn", "us-ofac-cons", "un-sc", "ftm", ...
  Schema schema = Schema::kEntity;
  std::vector<Name> names;  // the primary name first
  std::vector<BirthDate> birth_dates;
  std::vector<std::string> birth_places;
  std::vector<Country> nationalities;
  std::vector<Country> citizenships;
  std::vector<Address> addresses;
  std::vector<Identifier> identifiers;
  std::string gender;                 // "male", "female" or ""
  std::vector<std::string> titles;    // titles and designations ("Zimbabwe Prisons Chief")
  std::vector<std::string> programs;  // "IRAN-HR", "SDGT", "UN-DPRK"...
  std::string listed_on;              // ISO date "YYYY-MM-DD" when stated
  std::vector<std::string> remarks;
  std::vector<std::string> links;  // other records named by the list ("Linked To: ...")
  Country flag;                    // vessels and aircraft: flag state
  std::vector<Attribute> attributes;

  // The primary name; the first name when none is marked primary. Requires !names.empty().
  const Name& primary_name() const;
};

std::string_view SchemaName(Schema s);  // "person", "organization", "vessel", "aircraft", "entity"
bool ParseSchema(std::string_view text, Schema* out);  // accepts the names above
std::string_view NameKindName(NameKind k);  // "primary", "alias", "weak_alias", "former_name",
                                            // "original_script"
bool ParseNameKind(std::string_view text, NameKind* out);
std::string_view IdKindName(IdKind k);  // "passport", "national_id", "tax_id", ...
bool ParseIdKind(std::string_view text, IdKind* out);

// "1960-03-12", "1960-03", "1960"; "" for an empty date.
std::string FormatPartialDate(const PartialDate& d);
// Parses the forms FormatPartialDate writes. Returns false on anything else.
bool ParsePartialDate(std::string_view text, PartialDate* out);

}  // namespace interdict
