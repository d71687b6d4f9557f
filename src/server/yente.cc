// The yente dialect (OpenSanctions' screening API): POST /match/{dataset}, GET /search/{dataset},
// GET /entities/{id}. Shapes as in yente/routers/match.py and yente/data/common.py (see
// docs/api.md for what is accepted and ignored).
#include <algorithm>
#include <set>

#include "core/entity_json.h"
#include "match/explain.h"
#include "match/query_json.h"
#include "server/endpoints.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxQueries = 100;  // yente's YENTE_MAX_BATCH
constexpr size_t kMaxNamesPerQuery = 20;
constexpr size_t kMaxLimit = 500;
constexpr size_t kMatchDefaultLimit = 5;
constexpr size_t kSearchDefaultLimit = 10;
constexpr double kSearchFloor = 0.5;  // /search has no threshold parameter
constexpr size_t kMaxExcludedIds = 50;

// yente's errors are {"detail": "..."}; ours {"error": {...}}. yente endpoints send both.
HttpResponse WithDetail(HttpResponse r) {
  json j = json::parse(r.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    j["detail"] = j["error"].value("message", "");
    r.body = DumpJson(j);
  }
  return r;
}

HttpResponse YenteError(int status, std::string_view code, const std::string& message) {
  return WithDetail(ErrorResponse(status, code, message));
}

HttpResponse YenteStatus(const Status& s, std::string_view request_id) {
  return WithDetail(StatusResponse(s, request_id));
}

std::string_view FtmSchema(Schema s) {
  switch (s) {
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

// FtM schemata a query may name, as our Schema (nullopt: LegalEntity, either kind of party).
bool ParseFtmSchema(std::string_view name, std::optional<Schema>* out) {
  if (name == "Person") {
    *out = Schema::kPerson;
  } else if (name == "Organization" || name == "Company" || name == "PublicBody") {
    *out = Schema::kOrganization;
  } else if (name == "LegalEntity") {
    *out = std::nullopt;
  } else if (name == "Vessel") {
    *out = Schema::kVessel;
  } else if (name == "Airplane") {
    *out = Schema::kAircraft;
  } else {
    return false;
  }
  return true;
}

// yente's schema gate (FtM Schema.can_match): a Person matches Person and LegalEntity records,
// an Organization matches organisations and LegalEntity records, LegalEntity matches all three,
// a Vessel or Airplane only its own kind.
bool SchemaCanMatch(std::optional<Schema> query, Schema listed) {
  if (!query.has_value())
    return listed == Schema::kPerson || listed == Schema::kOrganization ||
           listed == Schema::kEntity;
  switch (*query) {
    case Schema::kPerson:
      return listed == Schema::kPerson || listed == Schema::kEntity;
    case Schema::kOrganization:
      return listed == Schema::kOrganization || listed == Schema::kEntity;
    default:
      return listed == *query;
  }
}

// An FtM schema filter (/search?schema=, exclude_schema): whether records of `listed` are of
// schema `name` or one of its descendants.
bool IsOfFtmSchema(std::string_view name, Schema listed) {
  if (name == "Thing") return true;
  if (name == "LegalEntity")
    return listed == Schema::kPerson || listed == Schema::kOrganization ||
           listed == Schema::kEntity;
  if (name == "Person") return listed == Schema::kPerson;
  if (name == "Organization" || name == "Company") return listed == Schema::kOrganization;
  if (name == "Vessel") return listed == Schema::kVessel;
  if (name == "Airplane") return listed == Schema::kAircraft;
  return false;
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void Add(json& props, const char* key, const std::string& value) {
  if (value.empty()) return;
  json& a = props[key];
  if (!a.is_array()) a = json::array();
  for (const json& x : a)
    if (x == value) return;
  a.push_back(value);
}

std::string_view IdProperty(IdKind k, Schema schema) {
  switch (k) {
    case IdKind::kPassport:
      return "passportNumber";
    case IdKind::kTaxId:
      return "taxNumber";
    case IdKind::kRegistration:
      return "registrationNumber";
    case IdKind::kImo:
      return "imoNumber";
    case IdKind::kMmsi:
      return "mmsi";
    case IdKind::kCallSign:
      return "callSign";
    case IdKind::kAircraftSerial:
      return "serialNumber";
    case IdKind::kAircraftTail:
      return schema == Schema::kAircraft ? "registrationNumber" : "idNumber";
    case IdKind::kSwiftBic:
      return "swiftBic";
    case IdKind::kDigitalCurrency:
      return "";  // FtM keeps wallets as CryptoWallet entities of their own
    case IdKind::kNationalId:
    case IdKind::kOther:
      break;
  }
  return "idNumber";
}

std::string AddressText(const Address& a) {
  if (!a.original.empty()) return a.original;
  std::string s;
  for (const std::string* part :
       {&a.street, &a.city, &a.state, &a.postal_code, &a.country.original}) {
    if (part->empty()) continue;
    if (!s.empty()) s += ", ";
    s += *part;
  }
  return s;
}

const Name* Primary(const Entity& e) { return e.names.empty() ? nullptr : &e.primary_name(); }

std::string Caption(const Entity& e) {
  const Name* n = Primary(e);
  if (n == nullptr) return e.id;
  return n->natural.empty() ? n->full : n->natural;
}

// The FtM form of a record: what /entities/{id} returns and what each match result carries.
json FtmEntity(const Entity& e) {
  json props = json::object();
  for (const Name& n : e.names) {
    const std::string& text = n.natural.empty() ? n.full : n.natural;
    switch (n.kind) {
      case NameKind::kPrimary:
        Add(props, "name", text);
        break;
      case NameKind::kStrongAlias:
      case NameKind::kOriginalScript:
        Add(props, "alias", text);
        break;
      case NameKind::kWeakAlias:
        Add(props, "weakAlias", text);
        break;
      case NameKind::kFormerName:
        Add(props, "previousName", text);
        break;
    }
  }
  for (const BirthDate& b : e.birth_dates) {
    Add(props, "birthDate", FormatPartialDate(b.from));
    if (!(b.to == b.from)) Add(props, "birthDate", FormatPartialDate(b.to));
  }
  for (const std::string& p : e.birth_places) Add(props, "birthPlace", p);
  for (const Country& c : e.nationalities) Add(props, "nationality", Lower(c.code));
  for (const Country& c : e.citizenships) Add(props, "citizenship", Lower(c.code));
  for (const Address& a : e.addresses) {
    Add(props, "address", AddressText(a));
    Add(props, "country", Lower(a.country.code));
  }
  if (!e.flag.code.empty()) Add(props, "flag", Lower(e.flag.code));
  if (!e.gender.empty()) Add(props, "gender", e.gender);
  for (const std::string& t : e.titles)
    Add(props, e.schema == Schema::kPerson ? "position" : "notes", t);
  for (const std::string& p : e.programs) Add(props, "program", p);
  for (const std::string& r : e.remarks) Add(props, "notes", r);
  for (const Identifier& id : e.identifiers) {
    std::string_view prop = IdProperty(id.kind, e.schema);
    if (!prop.empty()) Add(props, std::string(prop).c_str(), id.value);
  }
  for (const Attribute& a : e.attributes) {
    if (a.key == "vessel_type") Add(props, "type", a.value);
    if (a.key == "tonnage") Add(props, "tonnage", a.value);
    if (a.key == "gross_registered_tonnage") Add(props, "grossRegisteredTonnage", a.value);
    if (a.key == "website") Add(props, "website", a.value);
    if (a.key == "email" || a.key == "email_address") Add(props, "email", a.value);
    if (a.key == "phone" || a.key == "phone_number") Add(props, "phone", a.value);
  }
  if (!e.listed_on.empty()) Add(props, "createdAt", e.listed_on);
  Add(props, "topics", "sanction");
  return json{{"id", e.id},
              {"caption", Caption(e)},
              {"schema", FtmSchema(e.schema)},
              {"properties", std::move(props)},
              {"datasets", json::array({e.source})},
              {"referents", json::array()},
              {"target", true},
              {"first_seen", nullptr},
              {"last_seen", nullptr},
              {"last_change", nullptr}};
}

// yente-style explanations: one feature per part of the score, {score, detail, query,
// candidate}. name_match carries the name score; each attribute term its effect on the score.
json YenteExplanations(const NamedMatch& m) {
  const Explanation& e = m.match.explanation;
  json x = json::object();
  x["name_match"] = {{"score", Round3(e.name_score)},
                     {"detail", PairSentence(e)},
                     {"query", m.query_name},
                     {"candidate", e.list_name}};
  for (const AttributeTerm& t : e.terms) {
    std::string feature = t.attribute == "birth_date" ? "dob" : t.attribute;
    feature += t.effect >= 0 ? "_match" : "_mismatch";
    x[feature] = {{"score", Round3(t.effect)}, {"detail", t.detail}};
  }
  return x;
}

json MatchResultJson(const NamedMatch& m, double threshold) {
  json j = FtmEntity(*m.match.entity);
  j["score"] = Round3(m.match.score);
  j["match"] = m.match.score >= threshold;
  j["explanations"] = YenteExplanations(m);
  j["explanation"] = ExplanationToJson(m.match.explanation);
  return j;
}

// Reads an FtM property: an array of strings, or a single string.
Status Values(const json& props, const char* key, std::vector<std::string>* out) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return Status::Ok();
  if (it->is_string()) {
    out->push_back(it->get<std::string>());
    return Status::Ok();
  }
  if (!it->is_array())
    return Status::InvalidInput(std::string("property '") + key + "' must be an array of strings");
  for (const json& v : *it) {
    if (!v.is_string())
      return Status::InvalidInput(std::string("property '") + key + "' must hold strings only");
    out->push_back(v.get<std::string>());
  }
  return Status::Ok();
}

// Properties we read, and those we accept without using (so that a client sending a full FtM
// entity is not refused). Anything else is refused: a misspelt property silently dropped would
// screen with less evidence than the caller believes.
const std::set<std::string, std::less<>>& AcceptedProperties() {
  static const auto* s = new std::set<std::string, std::less<>>{"address",
                                                                "addressEntity",
                                                                "email",
                                                                "phone",
                                                                "website",
                                                                "gender",
                                                                "position",
                                                                "title",
                                                                "notes",
                                                                "topics",
                                                                "sourceUrl",
                                                                "program",
                                                                "programId",
                                                                "summary",
                                                                "description",
                                                                "keywords",
                                                                "createdAt",
                                                                "modifiedAt",
                                                                "incorporationDate",
                                                                "dissolutionDate",
                                                                "legalForm",
                                                                "status",
                                                                "sector",
                                                                "classification",
                                                                "religion",
                                                                "ethnicity",
                                                                "education",
                                                                "deathDate",
                                                                "birthPlace",
                                                                "weakAlias",
                                                                "type",
                                                                "model",
                                                                "tonnage",
                                                                "grossRegisteredTonnage",
                                                                "owner",
                                                                "buildDate",
                                                                "pastFlags",
                                                                "wikidataId",
                                                                "wikipediaUrl",
                                                                "secondName",
                                                                "middleName",
                                                                "fatherName",
                                                                "motherName",
                                                                "firstName",
                                                                "lastName",
                                                                "alias",
                                                                "previousName",
                                                                "name"};
  return *s;
}

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

// One yente query example: {"schema": ..., "properties": {...}} -> names and a ScreeningQuery.
Status ReadExample(const json& q, std::vector<std::string>* names, ScreeningQuery* base) {
  if (!q.is_object()) return Status::InvalidInput("a query must be an object");
  auto schema = q.find("schema");
  if (schema == q.end() || !schema->is_string())
    return Status::InvalidInput(
        "'schema' is missing (Person, Organization, Company, "
        "LegalEntity, Vessel or Airplane)");
  if (!ParseFtmSchema(schema->get<std::string>(), &base->schema))
    return Status::InvalidInput("schema '" + schema->get<std::string>() +
                                "' cannot be screened (Person, Organization, Company, "
                                "LegalEntity, Vessel or Airplane)");
  auto props_it = q.find("properties");
  if (props_it == q.end() || !props_it->is_object())
    return Status::InvalidInput("'properties' must be an object");
  const json& props = *props_it;
  for (const auto& [key, value] : props.items()) {
    bool known = AcceptedProperties().count(key) > 0;
    for (const IdProp& p : kIdProps) known = known || key == p.prop;
    for (const char* c : kCountryProps) known = known || key == c;
    known = known || key == "birthDate";
    if (!known)
      return Status::InvalidInput("property '" + key +
                                  "' is not one Interdict reads or accepts (docs/api.md lists "
                                  "them)");
    if (!value.is_null() && !value.is_string() && !value.is_array())
      return Status::InvalidInput("property '" + key + "' must be an array of strings");
  }
  for (const char* key : {"name", "alias", "previousName"})
    INTERDICT_RETURN_IF_ERROR(Values(props, key, names));
  // Name parts make one more name, in natural order.
  std::string parts;
  for (const char* key : {"firstName", "secondName", "middleName", "fatherName", "lastName"}) {
    std::vector<std::string> v;
    INTERDICT_RETURN_IF_ERROR(Values(props, key, &v));
    for (const std::string& s : v) parts += (parts.empty() ? "" : " ") + s;
  }
  if (!parts.empty()) names->push_back(parts);
  std::vector<std::string> all_names;
  for (std::string& n : *names)
    if (std::find(all_names.begin(), all_names.end(), n) == all_names.end())
      all_names.push_back(std::move(n));
  *names = std::move(all_names);
  if (names->empty())
    return Status::InvalidInput("no name: give 'name' (or firstName/lastName, alias)");
  if (names->size() > kMaxNamesPerQuery)
    return Status::InvalidInput("more than " + std::to_string(kMaxNamesPerQuery) + " names");

  std::vector<std::string> dates;
  INTERDICT_RETURN_IF_ERROR(Values(props, "birthDate", &dates));
  // FtM dates may carry a time ("1951-12-15T00:00:00"): ParseQueryDate reads the date part.
  for (const std::string& d : dates) AddQueryBirthDate("birthDate", d, base);
  for (const char* key : kCountryProps) {
    std::vector<std::string> v;
    INTERDICT_RETURN_IF_ERROR(Values(props, key, &v));
    for (std::string& c : v) {
      // FtM writes ISO codes in lower case; CountryTable reads codes in upper case only.
      if (c.size() == 2 || c.size() == 3) {
        bool letters =
            std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        if (letters)
          for (char& ch : c) ch = static_cast<char>(ch - 'a' + 'A');
      }
      base->countries.push_back(std::move(c));
    }
  }
  for (const IdProp& p : kIdProps) {
    std::vector<std::string> v;
    INTERDICT_RETURN_IF_ERROR(Values(props, p.prop, &v));
    for (std::string& value : v) base->identifiers.push_back({std::move(value), p.kind});
  }
  return Status::Ok();
}

// yente's list parameters arrive as repeated "x" or "x[]".
std::set<std::string> SourceSet(const Params& params, std::string_view name) {
  std::set<std::string> out;
  for (const std::string& v : ParamAll(params, name)) out.insert(CanonicalSource(v));
  return out;
}

// The filters every yente endpoint shares: the dataset of the path and the query parameters.
struct Filters {
  std::string dataset;  // "" = every source
  std::set<std::string> include, exclude;
  std::vector<std::string> exclude_schema;
  std::set<std::string> exclude_ids;
  bool topics_exclude_all = false;

  bool Keep(const Entity& e) const {
    if (topics_exclude_all) return false;
    if (!dataset.empty() && e.source != dataset) return false;
    if (!include.empty() && include.count(e.source) == 0) return false;
    if (exclude.count(e.source) > 0) return false;
    for (const std::string& s : exclude_schema)
      if (IsOfFtmSchema(s, e.schema)) return false;
    return exclude_ids.count(e.id) == 0;
  }
};

bool ReadFilters(const ServingLists& lists, const std::string& dataset, const Params& params,
                 Filters* f, HttpResponse* error) {
  if (dataset != "default") {
    f->dataset = CanonicalSource(dataset);
    if (!HasSource(lists.snapshot(), f->dataset)) {
      *error = YenteError(404, "not_found",
                          "dataset '" + dataset + "' is not loaded ('default' means all)");
      return false;
    }
  }
  f->include = SourceSet(params, "include_dataset");
  f->exclude = SourceSet(params, "exclude_dataset");
  f->exclude_schema = ParamAll(params, "exclude_schema");
  for (const std::string& id : ParamAll(params, "exclude_entity_ids")) f->exclude_ids.insert(id);
  if (f->exclude_ids.size() > kMaxExcludedIds) {
    *error = YenteError(400, "invalid_request",
                        "at most " + std::to_string(kMaxExcludedIds) + " exclude_entity_ids");
    return false;
  }
  // Every record Interdict holds comes from a sanctions list: FtM topic "sanction".
  std::vector<std::string> topics = ParamAll(params, "topics");
  f->topics_exclude_all =
      !topics.empty() && std::find(topics.begin(), topics.end(), "sanction") == topics.end();
  return true;
}

bool ReadLimit(const Params& params, size_t default_limit, size_t* out, HttpResponse* error) {
  *out = default_limit;
  if (const std::string* l = Param(params, "limit");
      l != nullptr && !ParseSize(*l, 1, kMaxLimit, out)) {
    *error = YenteError(400, "invalid_request",
                        "'limit' must be an integer in [1, " + std::to_string(kMaxLimit) + "]");
    return false;
  }
  return true;
}

}  // namespace

HttpResponse YenteMatch(const ServingLists& lists, const std::string& dataset, const Params& params,
                        const std::string& body, Deadline deadline, AuditInfo* audit,
                        std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonBody(body, &j, &error)) {
    audit->query = {{"unparsed_body_bytes", body.size()}};
    return WithDetail(std::move(error));
  }
  audit->query = {{"dataset", dataset}, {"params", params}, {"body", j}};
  Filters filters;
  if (!ReadFilters(lists, dataset, params, &filters, &error)) return error;
  size_t limit = 0;
  if (!ReadLimit(params, kMatchDefaultLimit, &limit, &error)) return error;
  double threshold = kDefaultThreshold;
  if (const std::string* t = Param(params, "threshold");
      t != nullptr && !ParseDouble(*t, 0, 1, &threshold))
    return YenteError(400, "invalid_request", "'threshold' must be a number in [0, 1]");
  double cutoff = threshold;
  if (const std::string* c = Param(params, "cutoff");
      c != nullptr && !ParseDouble(*c, 0, 1, &cutoff))
    return YenteError(400, "invalid_request", "'cutoff' must be a number in [0, 1]");
  const double floor = std::min(cutoff, threshold);

  if (!j.is_object()) return YenteError(400, "invalid_request", "the body must be a JSON object");
  auto queries = j.find("queries");
  if (queries == j.end() || !queries->is_object() || queries->empty())
    return YenteError(400, "invalid_request", "'queries' must be a non-empty object");
  if (queries->size() > kMaxQueries)
    return YenteError(
        400, "batch_too_large",
        "too many queries in one batch (at most " + std::to_string(kMaxQueries) + ")");
  if (auto e = MatchCapError(queries->size(), limit, "'queries' × 'limit'"))
    return WithDetail(std::move(*e));
  // Read every query before screening any: one bad query fails the request.
  struct Parsed {
    std::string key;
    std::vector<std::string> names;
    ScreeningQuery base;
  };
  std::vector<Parsed> parsed;
  for (const auto& [key, q] : queries->items()) {
    Parsed p{key, {}, {}};
    if (Status s = ReadExample(q, &p.names, &p.base); !s.ok())
      return YenteStatus(s.WithContext("query '" + key + "'"), request_id);
    parsed.push_back(std::move(p));
  }
  json responses = json::object();
  ScreenOptions options;
  options.threshold = static_cast<float>(floor);
  options.limit = limit;
  options.deadline = deadline;
  for (const Parsed& p : parsed) {
    std::optional<Schema> schema = p.base.schema;
    std::vector<NamedMatch> matches;
    std::vector<std::string> warnings;
    Status s = ScreenNames(
        lists, p.names, p.base, options,
        [&](const Entity& e) { return filters.Keep(e) && SchemaCanMatch(schema, e.schema); },
        &matches, &warnings);
    if (!s.ok()) return YenteStatus(s.WithContext("query '" + p.key + "'"), request_id);
    AuditMatches(matches, audit);
    json results = json::array();
    int64_t matched = 0;
    for (const NamedMatch& m : matches) {
      results.push_back(MatchResultJson(m, threshold));
      if (m.match.score >= threshold) ++matched;
    }
    const json& q = (*queries)[p.key];
    json echo = {{"schema", q.at("schema")}, {"properties", q.at("properties")}};
    if (q.contains("id")) echo["id"] = q.at("id");
    responses[p.key] = {{"status", 200},
                        {"results", std::move(results)},
                        {"total", {{"value", matched}, {"relation", "eq"}}},
                        {"query", std::move(echo)},
                        {"warnings", warnings}};
  }
  HttpResponse r = CappedJsonResponse({{"responses", std::move(responses)}, {"limit", limit}});
  if (r.status != 200) return WithDetail(std::move(r));
  r.headers.emplace_back("x-batch-size", std::to_string(parsed.size()));
  return r;
}

HttpResponse YenteSearch(const ServingLists& lists, const std::string& dataset,
                         const Params& params, Deadline deadline, AuditInfo* audit,
                         std::string_view request_id) {
  audit->query = {{"dataset", dataset}, {"params", params}};
  HttpResponse error;
  Filters filters;
  if (!ReadFilters(lists, dataset, params, &filters, &error)) return error;
  size_t limit = 0;
  if (!ReadLimit(params, kSearchDefaultLimit, &limit, &error)) return error;
  size_t offset = 0;
  if (const std::string* o = Param(params, "offset");
      o != nullptr && !ParseSize(*o, 0, 10000, &offset))
    return YenteError(400, "invalid_request", "'offset' must be an integer in [0, 10000]");
  const std::string* q = Param(params, "q");
  if (q == nullptr || q->find_first_not_of(" \t") == std::string::npos)
    return YenteError(400, "invalid_request", "'q' (the name to search for) is required");
  std::vector<std::string> schemas = ParamAll(params, "schema");
  for (const std::string& s : schemas) {
    std::optional<Schema> ignored;
    if (s != "Thing" && !ParseFtmSchema(s, &ignored))
      return YenteError(400, "invalid_request", "schema '" + s + "' is not searchable here");
  }
  ScreeningQuery base;
  ScreenOptions options;
  options.threshold = static_cast<float>(kSearchFloor);
  options.limit = limit + offset;
  options.deadline = deadline;
  std::vector<NamedMatch> matches;
  std::vector<std::string> warnings;
  Status s = ScreenNames(
      lists, {*q}, base, options,
      [&](const Entity& e) {
        if (!filters.Keep(e)) return false;
        if (schemas.empty()) return true;
        for (const std::string& name : schemas)
          if (IsOfFtmSchema(name, e.schema)) return true;
        return false;
      },
      &matches, &warnings);
  if (!s.ok()) return YenteStatus(s, request_id);
  const size_t total = matches.size();
  std::vector<NamedMatch> page(
      matches.begin() + static_cast<std::ptrdiff_t>(std::min(offset, total)), matches.end());
  AuditMatches(page, audit);
  json results = json::array();
  for (const NamedMatch& m : page) {
    json r = FtmEntity(*m.match.entity);
    r["score"] = Round3(m.match.score);
    results.push_back(std::move(r));
  }
  return JsonResponse(
      {{"results", std::move(results)},
       {"total", {{"value", total}, {"relation", total < limit + offset ? "eq" : "gte"}}},
       {"limit", limit},
       {"offset", offset},
       {"facets", json::object()}});
}

HttpResponse YenteEntity(const ServingLists& lists, const std::string& id) {
  const Entity* e = lists.snapshot().Find(id);
  if (e == nullptr)
    return YenteError(404, "not_found", "no entity '" + id + "' in the lists in service");
  return JsonResponse(FtmEntity(*e));
}

}  // namespace interdict::server
