// Customer: one party of a bank's customer book, as monitoring screens it (src/monitor).
//
// A customer is a plain value read from the bank's file (customer_file.h) and kept in the store
// (customer_store.h) as CustomerToJson's text. Its screening fields are the ones a screening query
// has (match/matcher.h): names, type, dates of birth, countries, identifiers. Everything else the
// bank's file says is kept in `attributes`, shown to analysts and never screened.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/country.h"
#include "core/entity.h"
#include "core/status.h"
#include "match/matcher.h"

namespace interdict {

struct Customer {
  std::string id;  // the bank's id; unique in the book, any text without control characters
  std::string name;
  std::optional<Schema> type;        // unset: the file does not say
  std::vector<std::string> aliases;  // other names the customer is known by
  std::vector<PartialDate> birth_dates;
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2 codes
  std::vector<QueryIdentifier> identifiers;
  std::map<std::string, std::string> attributes;  // other columns, by column name
};

// The stored form: {"aliases", "attributes", "countries", "dob", "id", "identifiers", "name",
// "type"} with empty fields left out, keys sorted, so equal customers have equal text.
nlohmann::json CustomerToJson(const Customer& c);
// Reads CustomerToJson's form, and the customer JSON lines a bank writes (the same keys; "dob",
// "country" and "alias" may also be single strings; "birth_date" and "countries" are synonyms).
// Strict, as a stored customer must be screenable: an unreadable date, an unknown type or
// country, a missing id or name is an error naming the field. Countries are resolved with
// `countries` and kept as their codes.
Status CustomerFromJson(const nlohmann::json& j, const CountryTable& countries, Customer* out);

// SHA-256 (lower-case hex) of the screening fields only (name, sorted aliases, type, dates,
// countries, identifiers; not id or attributes): equal fingerprints mean screening the customer
// again gives the same answer, which good-guy rules and alerts rely on.
std::string CustomerFingerprint(const Customer& c);

// The screening queries of a customer: one per name (the name, then each alias), each with all of
// the customer's evidence, as `interdict screen` would be asked them.
std::vector<ScreeningQuery> CustomerQueries(const Customer& c);

}  // namespace interdict
