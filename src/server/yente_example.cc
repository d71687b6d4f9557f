// Reading and screening one FtM query example (yente.h), for /match and /reconcile.
#include <algorithm>

#include "core/text.h"
#include "match/attribute_terms.h"
#include "match/query_json.h"
#include "core/ftm_schema.h"
#include "server/yente.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxNamesPerQuery = 20;

// The properties screening reads, besides the names (below) and birthDate.
struct IdProp {
  const char* prop;
  std::optional<IdKind> kind;
};
constexpr IdProp kIdProps[] = {
    {"idNumber", std::nullopt},          {"passportNumber", IdKind::kPassport},
    {"taxNumber", IdKind::kTaxId},       {"vatCode", IdKind::kTaxId},
    {"innCode", IdKind::kTaxId},         {"registrationNumber", IdKind::kRegistration},
    {"ogrnCode", IdKind::kRegistration}, {"leiCode", IdKind::kRegistration},
    {"okpoCode", IdKind::kRegistration}, {"dunsCode", IdKind::kRegistration},
    {"imoNumber", IdKind::kImo},         {"mmsi", IdKind::kMmsi},
    {"callSign", IdKind::kCallSign},     {"serialNumber", IdKind::kAircraftSerial},
    {"swiftBic", IdKind::kSwiftBic},     {"icaoCode", std::nullopt},
};
constexpr const char* kCountryProps[] = {
    "nationality", "citizenship", "country", "jurisdiction", "mainCountry", "flag", "birthCountry"};
constexpr const char* kNameProps[] = {"name", "alias", "previousName"};
constexpr const char* kNamePartProps[] = {"firstName", "secondName", "middleName", "fatherName",
                                          "lastName"};

bool IsRead(std::string_view key) {
  for (const IdProp& p : kIdProps)
    if (key == p.prop) return true;
  for (const char* k : kCountryProps)
    if (key == k) return true;
  for (const char* k : kNameProps)
    if (key == k) return true;
  for (const char* k : kNamePartProps)
    if (key == k) return true;
  return key == "birthDate";
}

// FtM writes ISO country codes in lower case; CountryTable reads codes in upper case only.
std::string UpperCode(std::string c) {
  if (c.size() == 2 || c.size() == 3) {
    bool letters = std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (letters)
      for (char& ch : c) ch = static_cast<char>(ch - 'a' + 'A');
  }
  return c;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Every property as a list of trimmed, non-empty strings (a single string is a list of one):
// what yente echoes and what the readers below take.
Status NormaliseProperties(const std::string& schema, const json& props, json* out) {
  *out = json::object();
  for (const auto& [key, value] : props.items()) {
    if (FindFtmProperty(schema, key) == nullptr)
      return Status::InvalidInput("property '" + key + "' is not a FollowTheMoney property of " +
                                  schema);
    json values = json::array();
    if (value.is_string()) {
      values.push_back(value);
    } else if (value.is_array()) {
      values = value;
    } else if (!value.is_null()) {
      return Status::InvalidInput("property '" + key + "' must be an array of strings");
    }
    json kept = json::array();
    for (const json& v : values) {
      if (!v.is_string())
        return Status::InvalidInput("property '" + key + "' must hold strings only");
      std::string s = Trim(v.get<std::string>());
      if (!s.empty()) kept.push_back(std::move(s));
    }
    if (!kept.empty()) (*out)[key] = std::move(kept);
  }
  return Status::Ok();
}

std::vector<std::string> Values(const json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end()) return {};
  return it->get<std::vector<std::string>>();
}

void ReadNames(const json& props, std::vector<std::string>* names) {
  for (const char* key : kNameProps)
    for (std::string& n : Values(props, key)) names->push_back(std::move(n));
  // Name parts make one more name, in natural order.
  std::string parts;
  for (const char* key : kNamePartProps)
    for (const std::string& s : Values(props, key)) parts += (parts.empty() ? "" : " ") + s;
  if (!parts.empty()) names->push_back(parts);
  std::vector<std::string> unique;
  for (std::string& n : *names)
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
  *names = std::move(unique);
}

Status ReadAttributes(const json& props, ScreeningQuery* base) {
  // FtM dates may carry a time ("1951-12-15T00:00:00"): ParseQueryDate reads the date part. An
  // unusable date is left out with a warning (AddQueryBirthDate), as the other dialects do.
  for (const std::string& d : Values(props, "birthDate")) AddQueryBirthDate("birthDate", d, base);
  for (const char* key : kCountryProps)
    for (std::string& c : Values(props, key)) base->countries.push_back(UpperCode(std::move(c)));
  for (const IdProp& p : kIdProps)
    for (std::string& value : Values(props, p.prop))
      base->identifiers.push_back({std::move(value), p.kind});
  return Status::Ok();
}

// Records carrying one of the query's identifiers, for a query without a name: the identifier
// term (attribute_terms.h) decides, and a record it confirms scores 1.
void ScreenIdentifiers(const Snapshot& snapshot, const ScreeningQuery& q,
                       const std::function<bool(const Entity&)>& keep,
                       std::vector<NamedMatch>* out) {
  std::vector<uint32_t> seen;
  for (const QueryIdentifier& qi : q.identifiers) {
    for (uint32_t i : snapshot.EntitiesWithIdentifier(CanonicalIdentifier(qi.value))) {
      if (std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
      seen.push_back(i);
      const Entity& e = snapshot.entities()[i];
      std::optional<AttributeTerm> term = IdentifierTerm(q.identifiers, e);
      if (!term || term->effect <= 0 || (keep && !keep(e))) continue;
      NamedMatch m;
      m.match.entity = &e;
      m.match.score = 1;
      m.match.explanation.list_name = Caption(e);
      m.match.explanation.terms.push_back(*term);
      m.match.explanation.sentence =
          "No name given; the record carries the query's identifier: " + term->detail + ".";
      out->push_back(std::move(m));
    }
  }
  std::sort(out->begin(), out->end(), [](const NamedMatch& a, const NamedMatch& b) {
    return a.match.entity->id < b.match.entity->id;
  });
}

}  // namespace

Status ReadFtmExample(const json& q, FtmExample* out) {
  if (!q.is_object()) return Status::InvalidInput("a query must be an object");
  auto schema = q.find("schema");
  if (schema == q.end() || !schema->is_string())
    return Status::InvalidInput("'schema' is missing (an FtM schema: Person, Organization, ...)");
  out->schema = schema->get<std::string>();
  const FtmSchema* s = FindFtmSchema(out->schema);
  if (s == nullptr || !s->matchable)
    return Status::InvalidInput("schema '" + out->schema +
                                "' cannot be screened (Person, Organization, Company, "
                                "PublicBody, LegalEntity, Vessel or Airplane)");
  out->base.schema = s->screens_as;
  auto props_it = q.find("properties");
  if (props_it == q.end() || !props_it->is_object())
    return Status::InvalidInput("'properties' must be an object");
  json props;
  INTERDICT_RETURN_IF_ERROR(NormaliseProperties(out->schema, *props_it, &props));
  for (const auto& [key, value] : props.items())
    if (!IsRead(key)) out->unused.push_back(key);
  ReadNames(props, &out->names);
  if (out->names.size() > kMaxNamesPerQuery)
    return Status::InvalidInput("more than " + std::to_string(kMaxNamesPerQuery) + " names");
  INTERDICT_RETURN_IF_ERROR(ReadAttributes(props, &out->base));
  if (out->names.empty() && out->base.identifiers.empty())
    return Status::InvalidInput(
        "no name and no identifier: give 'name' (or firstName/lastName, alias), or an "
        "identifier such as passportNumber, registrationNumber or imoNumber");
  auto id = q.find("id");
  out->echo = {{"id", id != q.end() && id->is_string() ? *id : json(nullptr)},
               {"schema", out->schema},
               {"properties", std::move(props)}};
  return Status::Ok();
}

Status ScreenFtmExample(const ServingLists& lists, const FtmExample& example,
                        const ScreenOptions& options,
                        const std::function<bool(const Entity&)>& keep,
                        std::vector<NamedMatch>* out, std::vector<std::string>* warnings) {
  for (const std::string& p : example.unused)
    warnings->push_back("property '" + p + "' is accepted but not used in screening");
  if (example.names.empty()) {
    out->clear();
    ScreenIdentifiers(lists.snapshot(), example.base, keep, out);
    return Status::Ok();
  }
  ScreenOptions all = options;
  all.limit = 0;
  return ScreenNames(lists, example.names, example.base, all, keep, out, warnings);
}

}  // namespace interdict::server
