// Attribute terms, the evidence beyond the name: date of birth, country, identifiers and the kind
// of party. Each term can confirm (positive effect) or contradict (negative effect); an attribute
// missing on either side gives no term at all, so a name-only query scores the same against a
// sparse record and a rich one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entity.h"

namespace interdict {

struct AttributeTerm {
  std::string attribute;  // "birth_date", "country", "identifier", "schema"
  float effect = 0;       // added to the score
  std::string detail;     // "1970-03-12 equals 12 Mar 1970"
};

// The most each term can add: a name score this far below the threshold cannot reach it.
inline constexpr float kMaxBirthDateEffect = 0.08f;
inline constexpr float kMaxCountryEffect = 0.03f;
inline constexpr float kMaxIdentifierEffect = 0.35f;

// An identifier as a query gives it: a value, and its kind when the caller knows it.
struct QueryIdentifier {
  std::string value;
  std::optional<IdKind> kind;
};

// The most favourable comparison of any query date with any listed date: exact day +0.08, same
// year and month +0.05, same year +0.04, day and month swapped +0.03, within a listed range or
// circa ±1 year +0.02; year one apart 0; same year but another day/month −0.05; further apart
// −0.15.
std::optional<AttributeTerm> BirthDateTerm(const std::vector<PartialDate>& query,
                                           const std::vector<BirthDate>& listed);

// Query country codes (ISO alpha-2) against the record's nationalities, citizenships, address
// countries, flag and countries of identifiers: any agreement +0.03; record states countries and
// none agrees −0.05.
std::optional<AttributeTerm> CountryTerm(const std::vector<std::string>& query_codes,
                                         const Entity& entity);

// An identifier value equal to one of the record's (ignoring case, spaces and punctuation; of a
// compatible kind when the query says) +0.35; a query identifier of a stated kind that the record
// also has, with another value −0.10.
std::optional<AttributeTerm> IdentifierTerm(const std::vector<QueryIdentifier>& query,
                                            const Entity& entity);

// A query type that cannot be the record's: person vs organisation, vessel, aircraft −0.30;
// person vs unspecified entity (OFAC lists no persons without saying so) −0.20; organisation vs
// vessel or aircraft −0.10; vessel vs aircraft −0.20. Compatible types give no term.
std::optional<AttributeTerm> SchemaTerm(std::optional<Schema> query, Schema listed);

}  // namespace interdict
