#include "match/attribute_terms.h"

#include <cstdlib>

#include "core/text.h"

namespace interdict {
namespace {

struct DateVerdict {
  float effect;
  std::string why;
};

DateVerdict CompareDates(const PartialDate& q, const BirthDate& b) {
  const std::string listed = b.original.empty() ? FormatPartialDate(b.from) : b.original;
  const std::string asked = FormatPartialDate(q);
  bool range = b.from.year != b.to.year;
  if (range || b.circa) {
    int lo = b.from.year - (b.circa ? 1 : 0);
    int hi = b.to.year + (b.circa ? 1 : 0);
    if (q.year >= lo && q.year <= hi) return {0.02f, asked + " falls within " + listed};
    int gap = q.year < lo ? lo - q.year : q.year - hi;
    if (gap <= 1) return {0.0f, asked + " is one year from " + listed};
    return {-0.15f, asked + " is " + std::to_string(gap) + " years from " + listed};
  }
  const PartialDate& l = b.from;
  int dy = std::abs(q.year - l.year);
  if (dy == 1) return {0.0f, asked + " is one year from " + listed};
  if (dy > 1) return {-0.15f, asked + " is " + std::to_string(dy) + " years from " + listed};
  if (q.month == 0 || l.month == 0) return {0.04f, "year of " + asked + " agrees with " + listed};
  if (q.day != 0 && l.day != 0) {
    if (q.month == l.month && q.day == l.day)
      return {kMaxBirthDateEffect, asked + " equals " + listed};
    if (q.month == l.day && q.day == l.month)
      return {0.03f, asked + " equals " + listed + " with day and month swapped"};
    return {-0.05f, asked + " has the year of " + listed + " but another day"};
  }
  if (q.month == l.month) return {0.05f, "year and month of " + asked + " agree with " + listed};
  return {-0.05f, asked + " has the year of " + listed + " but another month"};
}

void AddCountry(std::vector<std::string>* out, const Country& c) {
  if (!c.code.empty()) out->push_back(c.code);
}

}  // namespace

std::optional<AttributeTerm> BirthDateTerm(const std::vector<PartialDate>& query,
                                           const std::vector<BirthDate>& listed) {
  std::optional<AttributeTerm> best;
  for (const PartialDate& q : query) {
    if (q.empty()) continue;
    for (const BirthDate& b : listed) {
      if (b.from.empty()) continue;
      DateVerdict v = CompareDates(q, b);
      if (!best || v.effect > best->effect) best = AttributeTerm{"birth_date", v.effect, v.why};
    }
  }
  return best;
}

std::optional<AttributeTerm> CountryTerm(const std::vector<std::string>& query_codes,
                                         const Entity& e) {
  if (query_codes.empty()) return std::nullopt;
  std::vector<std::string> listed;
  for (const Country& c : e.nationalities) AddCountry(&listed, c);
  for (const Country& c : e.citizenships) AddCountry(&listed, c);
  for (const Address& a : e.addresses) AddCountry(&listed, a.country);
  for (const Identifier& id : e.identifiers) AddCountry(&listed, id.country);
  AddCountry(&listed, e.flag);
  if (listed.empty()) return std::nullopt;
  for (const std::string& q : query_codes)
    for (const std::string& l : listed)
      if (q == l)
        return AttributeTerm{"country", kMaxCountryEffect, "country " + q + " is on the record"};
  std::string codes;
  for (const std::string& l : listed)
    if (codes.find(l) == std::string::npos) codes += (codes.empty() ? "" : ", ") + l;
  return AttributeTerm{
      "country", -0.05f,
      "country " + query_codes.front() + " is not among the record's (" + codes + ")"};
}

std::optional<AttributeTerm> IdentifierTerm(const std::vector<QueryIdentifier>& query,
                                            const Entity& e) {
  std::optional<AttributeTerm> conflict;
  for (const QueryIdentifier& q : query) {
    std::string qv = CanonicalIdentifier(q.value);
    if (qv.empty()) continue;
    bool same_kind_listed = false;
    for (const Identifier& id : e.identifiers) {
      bool kind_ok = !q.kind || *q.kind == id.kind || id.kind == IdKind::kOther;
      if (!kind_ok) continue;
      if (q.kind && *q.kind == id.kind) same_kind_listed = true;
      if (CanonicalIdentifier(id.value) == qv) {
        return AttributeTerm{"identifier", kMaxIdentifierEffect,
                             std::string(IdKindName(id.kind)) + " " + id.value + " matches"};
      }
    }
    if (same_kind_listed && !conflict)
      conflict = AttributeTerm{
          "identifier", -0.10f,
          "the record's " + std::string(IdKindName(*q.kind)) + " differs from " + q.value};
  }
  return conflict;
}

std::optional<AttributeTerm> SchemaTerm(std::optional<Schema> query, Schema listed) {
  if (!query || *query == listed) return std::nullopt;
  Schema q = *query;
  auto term = [&](float effect) {
    return AttributeTerm{"schema", effect,
                         "a " + std::string(SchemaName(q)) + " cannot be the listed " +
                             std::string(SchemaName(listed))};
  };
  if (q == Schema::kEntity) return std::nullopt;
  if (listed == Schema::kEntity) {
    if (q == Schema::kPerson) return term(-0.20f);
    return std::nullopt;
  }
  if (q == Schema::kPerson || listed == Schema::kPerson) return term(-0.30f);
  if (q == Schema::kOrganization || listed == Schema::kOrganization) return term(-0.10f);
  return term(-0.20f);  // vessel vs aircraft
}

}  // namespace interdict
