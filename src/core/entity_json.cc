#include "core/entity_json.h"

namespace interdict {
namespace {

using nlohmann::json;

void PutString(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

json CountryToJson(const Country& c) {
  json j = json::object();
  PutString(j, "code", c.code);
  PutString(j, "text", c.original);
  return j;
}

json DateToJson(const PartialDate& d) { return FormatPartialDate(d); }

template <typename T, typename F>
void PutArray(json& j, const char* key, const std::vector<T>& v, F to_json) {
  if (v.empty()) return;
  json a = json::array();
  for (const T& x : v) a.push_back(to_json(x));
  j[key] = std::move(a);
}

json Same(const std::string& s) { return s; }

// Reading: every accessor checks the type so that a damaged store row is an error, not a crash
// (nor an exception: nlohmann's typed getters throw on a wrong type). Messages name the field.
struct Reader {
  Status status;

  void Fail(std::string msg) {
    if (status.ok()) status = Status::InvalidInput(std::move(msg));
  }
  std::string Str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (!it->is_string()) {
      Fail(std::string("field '") + key + "' is not a string");
      return "";
    }
    return it->get<std::string>();
  }
  bool Bool(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return false;
    if (!it->is_boolean()) {
      Fail(std::string("field '") + key + "' is not a boolean");
      return false;
    }
    return it->get<bool>();
  }
  // Calls f on every element of the array j[key], each of which must be an object.
  template <typename F>
  void Objects(const json& j, const char* key, F f) {
    auto it = j.find(key);
    if (it == j.end()) return;
    if (!it->is_array()) return Fail(std::string("field '") + key + "' is not an array");
    for (const json& x : *it) {
      if (!x.is_object()) return Fail(std::string("field '") + key + "' holds a non-object");
      f(x);
    }
  }
  Country ReadCountry(const json& j, const char* key) {
    Country c;
    if (!j.is_object()) {
      Fail(std::string("field '") + key + "' is not an object");
      return c;
    }
    c.code = Str(j, "code");
    c.original = Str(j, "text");
    return c;
  }
  // The country object j[key], when present.
  Country OptionalCountry(const json& j, const char* key) {
    auto it = j.find(key);
    return it == j.end() ? Country{} : ReadCountry(*it, key);
  }
  PartialDate ReadDate(const json& j, const char* key) {
    PartialDate d;
    std::string s = Str(j, key);
    if (!s.empty() && !ParsePartialDate(s, &d))
      Fail(std::string("field '") + key + "': bad date '" + s + "'");
    return d;
  }
  std::vector<std::string> Strings(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end()) return out;
    if (!it->is_array()) {
      Fail(std::string("field '") + key + "' is not an array");
      return out;
    }
    for (const json& x : *it) {
      if (!x.is_string()) {
        Fail(std::string("field '") + key + "' holds a non-string");
        return out;
      }
      out.push_back(x.get<std::string>());
    }
    return out;
  }
};

}  // namespace

json EntityToJson(const Entity& e) {
  json j = json::object();
  j["id"] = e.id;
  j["source"] = e.source;
  j["schema"] = std::string(SchemaName(e.schema));
  PutArray(j, "names", e.names, [](const Name& n) {
    json o = {{"full", n.full}, {"kind", std::string(NameKindName(n.kind))}};
    if (n.natural != n.full) PutString(o, "natural", n.natural);
    PutString(o, "script", n.script);
    return o;
  });
  PutArray(j, "birth_dates", e.birth_dates, [](const BirthDate& b) {
    json o = json::object();
    o["from"] = DateToJson(b.from);
    if (!(b.to == b.from)) o["to"] = DateToJson(b.to);
    if (b.circa) o["circa"] = true;
    PutString(o, "text", b.original);
    return o;
  });
  PutArray(j, "birth_places", e.birth_places, Same);
  PutArray(j, "nationalities", e.nationalities, CountryToJson);
  PutArray(j, "citizenships", e.citizenships, CountryToJson);
  PutArray(j, "addresses", e.addresses, [](const Address& a) {
    json o = json::object();
    PutString(o, "street", a.street);
    PutString(o, "city", a.city);
    PutString(o, "state", a.state);
    PutString(o, "postal_code", a.postal_code);
    if (!a.country.code.empty() || !a.country.original.empty())
      o["country"] = CountryToJson(a.country);
    PutString(o, "text", a.original);
    return o;
  });
  PutArray(j, "identifiers", e.identifiers, [](const Identifier& id) {
    json o = {{"kind", std::string(IdKindName(id.kind))}, {"value", id.value}};
    PutString(o, "label", id.label);
    PutString(o, "currency", id.currency);
    if (!id.country.code.empty() || !id.country.original.empty())
      o["country"] = CountryToJson(id.country);
    PutString(o, "note", id.note);
    return o;
  });
  PutString(j, "gender", e.gender);
  PutArray(j, "titles", e.titles, Same);
  PutArray(j, "programs", e.programs, Same);
  PutString(j, "listed_on", e.listed_on);
  PutArray(j, "remarks", e.remarks, Same);
  PutArray(j, "links", e.links, Same);
  if (!e.flag.code.empty() || !e.flag.original.empty()) j["flag"] = CountryToJson(e.flag);
  PutArray(j, "attributes", e.attributes, [](const Attribute& a) {
    return json{{"key", a.key}, {"value", a.value}};
  });
  return j;
}

Status EntityFromJson(const json& j, Entity* out) {
  if (!j.is_object()) return Status::InvalidInput("entity is not a JSON object");
  Reader r;
  Entity e;
  e.id = r.Str(j, "id");
  e.source = r.Str(j, "source");
  std::string schema = r.Str(j, "schema");
  if (!ParseSchema(schema, &e.schema)) r.Fail("unknown schema '" + schema + "'");
  r.Objects(j, "names", [&](const json& o) {
    Name n;
    n.full = r.Str(o, "full");
    n.natural = r.Str(o, "natural");
    if (n.natural.empty()) n.natural = n.full;
    n.script = r.Str(o, "script");
    std::string kind = r.Str(o, "kind");
    if (!ParseNameKind(kind, &n.kind)) r.Fail("unknown name kind '" + kind + "'");
    e.names.push_back(std::move(n));
  });
  r.Objects(j, "birth_dates", [&](const json& o) {
    BirthDate b;
    b.from = r.ReadDate(o, "from");
    b.to = o.contains("to") ? r.ReadDate(o, "to") : b.from;
    b.circa = r.Bool(o, "circa");
    b.original = r.Str(o, "text");
    e.birth_dates.push_back(std::move(b));
  });
  e.birth_places = r.Strings(j, "birth_places");
  r.Objects(j, "nationalities",
            [&](const json& o) { e.nationalities.push_back(r.ReadCountry(o, "nationalities")); });
  r.Objects(j, "citizenships",
            [&](const json& o) { e.citizenships.push_back(r.ReadCountry(o, "citizenships")); });
  r.Objects(j, "addresses", [&](const json& o) {
    Address a;
    a.street = r.Str(o, "street");
    a.city = r.Str(o, "city");
    a.state = r.Str(o, "state");
    a.postal_code = r.Str(o, "postal_code");
    a.country = r.OptionalCountry(o, "country");
    a.original = r.Str(o, "text");
    e.addresses.push_back(std::move(a));
  });
  r.Objects(j, "identifiers", [&](const json& o) {
    Identifier id;
    std::string kind = r.Str(o, "kind");
    if (!ParseIdKind(kind, &id.kind)) r.Fail("unknown identifier kind '" + kind + "'");
    id.value = r.Str(o, "value");
    id.label = r.Str(o, "label");
    id.currency = r.Str(o, "currency");
    id.country = r.OptionalCountry(o, "country");
    id.note = r.Str(o, "note");
    e.identifiers.push_back(std::move(id));
  });
  e.gender = r.Str(j, "gender");
  e.titles = r.Strings(j, "titles");
  e.programs = r.Strings(j, "programs");
  e.listed_on = r.Str(j, "listed_on");
  e.remarks = r.Strings(j, "remarks");
  e.links = r.Strings(j, "links");
  e.flag = r.OptionalCountry(j, "flag");
  r.Objects(j, "attributes", [&](const json& o) {
    Attribute a;
    a.key = r.Str(o, "key");
    a.value = r.Str(o, "value");
    e.attributes.push_back(std::move(a));
  });
  if (!r.status.ok()) return r.status.WithContext("entity '" + e.id + "'");
  *out = std::move(e);
  return Status::Ok();
}

}  // namespace interdict
