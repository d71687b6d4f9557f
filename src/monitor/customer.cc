#include "monitor/customer.h"

#include <algorithm>

#include "match/query_json.h"
#include "store/sha256_hex.h"

namespace interdict {
namespace {

using json = nlohmann::json;

// The strings of `key`: a string or an array of strings; absent or null is none.
Status Strings(const json& j, const char* key, std::vector<std::string>* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (it->is_string()) {
    if (!it->get_ref<const std::string&>().empty()) out->push_back(it->get<std::string>());
    return Status::Ok();
  }
  if (!it->is_array())
    return Status::InvalidInput(std::string("'") + key + "' must be a string or an array");
  for (const json& x : *it) {
    if (!x.is_string())
      return Status::InvalidInput(std::string("'") + key + "' must hold strings only");
    if (!x.get_ref<const std::string&>().empty()) out->push_back(x.get<std::string>());
  }
  return Status::Ok();
}

Status Text(const json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Status::InvalidInput(std::string("'") + key + "' must be a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status ReadIdentifiers(const json& j, std::vector<QueryIdentifier>* out) {
  auto it = j.find("identifiers");
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::InvalidInput("'identifiers' must be an array");
  for (const json& x : *it) {
    QueryIdentifier qi;
    if (x.is_string()) {
      qi.value = x.get<std::string>();
    } else if (x.is_object() && x.contains("value") && x["value"].is_string()) {
      qi.value = x["value"].get<std::string>();
      if (x.contains("type") && !x["type"].is_null()) {
        IdKind k;
        if (!x["type"].is_string() || !ParseIdKind(x["type"].get<std::string>(), &k))
          return Status::InvalidInput("'identifiers': unknown type " + x["type"].dump());
        qi.kind = k;
      }
    } else {
      return Status::InvalidInput(
          "'identifiers' items must be strings or {\"type\": ..., \"value\": ...}");
    }
    if (!qi.value.empty()) out->push_back(std::move(qi));
  }
  return Status::Ok();
}

Status ReadScreeningFields(const json& j, const CountryTable& countries, Customer* c) {
  std::string type;
  INTERDICT_RETURN_IF_ERROR(Text(j, "type", &type));
  if (!type.empty()) {
    Schema s;
    if (!ParseSchema(type, &s))
      return Status::InvalidInput("'type': unknown type '" + type +
                                  "' (person, organization, vessel, aircraft or entity)");
    c->type = s;
  }
  INTERDICT_RETURN_IF_ERROR(Strings(j, "aliases", &c->aliases));
  INTERDICT_RETURN_IF_ERROR(Strings(j, "alias", &c->aliases));
  std::vector<std::string> dates, places;
  INTERDICT_RETURN_IF_ERROR(Strings(j, "dob", &dates));
  INTERDICT_RETURN_IF_ERROR(Strings(j, "birth_date", &dates));
  for (const std::string& d : dates) {
    PartialDate pd;
    if (!ParseQueryDate(d, &pd))
      return Status::InvalidInput("'dob': '" + d + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    c->birth_dates.push_back(pd);
  }
  INTERDICT_RETURN_IF_ERROR(Strings(j, "countries", &places));
  INTERDICT_RETURN_IF_ERROR(Strings(j, "country", &places));
  for (const std::string& p : places) {
    std::string code = countries.Resolve(p);
    if (code.empty()) return Status::InvalidInput("'country': '" + p + "' is no known country");
    c->countries.push_back(code);
  }
  return ReadIdentifiers(j, &c->identifiers);
}

// The screening fields in one canonical order: what the fingerprint hashes.
json ScreeningJson(const Customer& c) {
  json j = CustomerToJson(c);
  j.erase("id");
  j.erase("attributes");
  for (const char* list : {"aliases", "countries", "dob"}) {
    if (!j.contains(list)) continue;
    std::sort(j[list].begin(), j[list].end());
  }
  if (j.contains("identifiers")) std::sort(j["identifiers"].begin(), j["identifiers"].end());
  return j;
}

}  // namespace

json CustomerToJson(const Customer& c) {
  json j = json::object();
  j["id"] = c.id;
  j["name"] = c.name;
  if (c.type) j["type"] = std::string(SchemaName(*c.type));
  if (!c.aliases.empty()) j["aliases"] = c.aliases;
  if (!c.birth_dates.empty()) {
    j["dob"] = json::array();
    for (const PartialDate& d : c.birth_dates) j["dob"].push_back(FormatPartialDate(d));
  }
  if (!c.countries.empty()) j["countries"] = c.countries;
  if (!c.identifiers.empty()) {
    j["identifiers"] = json::array();
    for (const QueryIdentifier& qi : c.identifiers) {
      json x = {{"value", qi.value}};
      if (qi.kind) x["type"] = std::string(IdKindName(*qi.kind));
      j["identifiers"].push_back(std::move(x));
    }
  }
  if (!c.attributes.empty()) j["attributes"] = c.attributes;
  return j;
}

Status CustomerFromJson(const json& j, const CountryTable& countries, Customer* out) {
  if (!j.is_object()) return Status::InvalidInput("a customer must be a JSON object");
  Customer c;
  INTERDICT_RETURN_IF_ERROR(Text(j, "id", &c.id));
  INTERDICT_RETURN_IF_ERROR(Text(j, "name", &c.name));
  if (c.id.empty()) return Status::InvalidInput("'id' is missing or empty");
  if (std::any_of(c.id.begin(), c.id.end(), [](char ch) { return ch >= 0 && ch < 0x20; }))
    return Status::InvalidInput("'id' holds a control character");
  if (c.name.find_first_not_of(" \t") == std::string::npos)
    return Status::InvalidInput("'name' is missing or empty");
  INTERDICT_RETURN_IF_ERROR(ReadScreeningFields(j, countries, &c));
  if (auto it = j.find("attributes"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return Status::InvalidInput("'attributes' must be an object");
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) return Status::InvalidInput("'attributes': '" + k + "' must be a string");
      c.attributes[k] = v.get<std::string>();
    }
  }
  *out = std::move(c);
  return Status::Ok();
}

std::string CustomerFingerprint(const Customer& c) { return Sha256Hex(ScreeningJson(c).dump()); }

std::vector<ScreeningQuery> CustomerQueries(const Customer& c) {
  std::vector<ScreeningQuery> out;
  std::vector<const std::string*> names = {&c.name};
  for (const std::string& a : c.aliases) names.push_back(&a);
  for (const std::string* n : names) {
    ScreeningQuery q;
    q.name = *n;
    q.schema = c.type;
    q.birth_dates = c.birth_dates;
    q.countries = c.countries;
    q.identifiers = c.identifiers;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace interdict
