// The Watchman dialect (Moov's screening server): GET /v2/search and GET /v2/listinfo, read and
// answered as Watchman's Go client (pkg/search/client.go, models.go) builds and decodes them.
// docs/api.md lists what differs from Watchman, and why.
#include <algorithm>
#include <set>

#include "core/text.h"
#include "match/explain.h"
#include "match/query_json.h"
#include "server/endpoints.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kDefaultLimit = 10;
constexpr size_t kMaxLimit = 100;
constexpr size_t kMaxNames = 20;
// The identifier index holds identifiers of at least this many letters and digits: a shorter
// one would find nothing, which a name-less lookup must not report as "no match".
constexpr size_t kMinLookupIdentifier = 4;

// Watchman's names (pkg/search/models.go SourceList) of the lists Interdict loads too.
struct SourceName {
  std::string_view watchman;
  std::string_view interdict;
};
constexpr SourceName kSourceNames[] = {
    {"us_ofac", "us-ofac-sdn"}, {"us_non_sdn", "us-ofac-cons"}, {"un_csl", "un-sc"}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A loaded source as Watchman clients name it: Watchman's name when Watchman has the list.
std::string WatchmanSourceName(std::string_view source) {
  for (const SourceName& n : kSourceNames)
    if (n.interdict == source) return std::string(n.watchman);
  return std::string(source);
}

// The source a client means: Watchman's list names in any case, or Interdict's ('_' or '-').
std::string SourceFromWatchman(std::string_view name) {
  std::string lower = Lower(name);
  for (const SourceName& n : kSourceNames)
    if (n.watchman == lower) return std::string(n.interdict);
  return CanonicalSource(lower);
}

// Watchman's entity type of a record. Interdict cannot tell a business from another organisation
// (OFAC's "-0-" records are either), so a search for one of the two reports such records as the
// type asked for: a client filtering on entityType keeps them.
std::string_view EntityType(Schema s, std::string_view asked) {
  switch (s) {
    case Schema::kPerson:
      return "person";
    case Schema::kVessel:
      return "vessel";
    case Schema::kAircraft:
      return "aircraft";
    case Schema::kOrganization:
    case Schema::kEntity:
      if (asked == "business" || asked == "organization") return asked;
      break;
  }
  return s == Schema::kOrganization ? "organization" : "business";  // Watchman's for OFAC's "-0-"
}

// Whether a record is of a Watchman type ("" = any). Watchman's type is a filter, not evidence.
bool TypeAdmits(std::string_view type, Schema s) {
  if (type.empty()) return true;
  if (type == "person") return s == Schema::kPerson;
  if (type == "vessel") return s == Schema::kVessel;
  if (type == "aircraft") return s == Schema::kAircraft;
  return s == Schema::kOrganization || s == Schema::kEntity;
}

// A date as Watchman's Go time.Time marshals it; unknown month and day become 01, as Watchman
// itself reads "1960" and "1960-03".
json GoTime(const PartialDate& d) {
  if (d.empty()) return nullptr;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", d.year, d.month == 0 ? 1 : d.month,
                d.day == 0 ? 1 : d.day);
  return buf;
}

std::string_view GovIdType(IdKind k) {
  switch (k) {
    case IdKind::kPassport:
      return "passport";
    case IdKind::kNationalId:
      return "national-id";
    case IdKind::kTaxId:
      return "tax-id";
    case IdKind::kRegistration:
      return "business-registration";
    default:
      return "";
  }
}

std::string NameText(const Name& n) { return n.natural.empty() ? n.full : n.natural; }

std::string AttributeValue(const Entity& e, std::string_view key) {
  for (const Attribute& a : e.attributes)
    if (a.key == key) return a.value;
  return "";
}

std::string IdValue(const Entity& e, IdKind kind) {
  for (const Identifier& id : e.identifiers)
    if (id.kind == kind) return id.value;
  return "";
}

int64_t Tonnage(const std::string& text) {
  int64_t v = 0;
  bool any = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      any = true;
      if (v > 1000000000) return 0;
    } else if (c != ',' && c != ' ') {
      break;
    }
  }
  return any ? v : 0;
}

json ContactJson(const Entity& e) {
  json websites = json::array();
  json emails = json::array();
  json phones = json::array();
  for (const Attribute& a : e.attributes) {
    if (a.key == "website") websites.push_back(a.value);
    if (a.key == "email" || a.key == "email_address") emails.push_back(a.value);
    if (a.key == "phone" || a.key == "phone_number") phones.push_back(a.value);
  }
  return {{"emailAddresses", emails},
          {"phoneNumbers", phones},
          {"faxNumbers", json::array()},
          {"websites", websites}};
}

json AddressesJson(const Entity& e) {
  json addresses = json::array();
  for (const Address& a : e.addresses) {
    addresses.push_back({{"line1", a.street.empty() ? a.original : a.street},
                         {"line2", ""},
                         {"city", a.city},
                         {"postalCode", a.postal_code},
                         {"state", a.state},
                         {"country", a.country.code},
                         {"latitude", 0},
                         {"longitude", 0}});
  }
  return addresses;
}

// The part of a Watchman entity under its type's key ("person", "vessel", ...).
json TypeDetails(const Entity& e, const std::string& name, const json& alt, const json& gov) {
  switch (e.schema) {
    case Schema::kPerson:
      return {
          {"name", name},
          {"altNames", alt},
          {"gender", e.gender},
          {"birthDate", e.birth_dates.empty() ? json(nullptr) : GoTime(e.birth_dates.front().from)},
          {"deathDate", nullptr},
          {"placeOfBirth", e.birth_places.empty() ? "" : e.birth_places.front()},
          {"titles", e.titles},
          {"governmentIDs", gov}};
    case Schema::kVessel:
      return {{"name", name},
              {"altNames", alt},
              {"imoNumber", IdValue(e, IdKind::kImo)},
              {"type", AttributeValue(e, "vessel_type")},
              {"flag", e.flag.code},
              {"built", nullptr},
              {"model", ""},
              {"tonnage", Tonnage(AttributeValue(e, "tonnage"))},
              {"mmsi", IdValue(e, IdKind::kMmsi)},
              {"callSign", IdValue(e, IdKind::kCallSign)},
              {"grossRegisteredTonnage", Tonnage(AttributeValue(e, "gross_registered_tonnage"))},
              {"owner", AttributeValue(e, "vessel_owner")}};
    case Schema::kAircraft:
      return {{"name", name},
              {"altNames", alt},
              {"type", AttributeValue(e, "aircraft_type")},
              {"flag", e.flag.code},
              {"built", nullptr},
              {"icaoCode", ""},
              {"model", AttributeValue(e, "aircraft_model")},
              {"serialNumber", IdValue(e, IdKind::kAircraftSerial)}};
    case Schema::kOrganization:
    case Schema::kEntity:
      break;
  }
  return {{"name", name},
          {"altNames", alt},
          {"created", nullptr},
          {"dissolved", nullptr},
          {"governmentIDs", gov}};
}

// A record as Watchman's Entity, typed `type` (EntityType).
json WatchmanEntity(const Entity& e, std::string_view type) {
  const std::string name = e.names.empty() ? "" : NameText(e.primary_name());
  json alt = json::array();
  json historical = json::array();
  for (const Name& n : e.names) {
    if (n.kind == NameKind::kStrongAlias || n.kind == NameKind::kOriginalScript)
      alt.push_back(NameText(n));
    if (n.kind == NameKind::kFormerName)
      historical.push_back({{"type", "Former Name"}, {"value", NameText(n)}, {"date", nullptr}});
  }
  json gov = json::array();
  json crypto = json::array();
  for (const Identifier& id : e.identifiers) {
    std::string_view gov_type = GovIdType(id.kind);
    if (!gov_type.empty())
      gov.push_back({{"type", gov_type}, {"country", id.country.code}, {"identifier", id.value}});
    if (id.kind == IdKind::kDigitalCurrency)
      crypto.push_back({{"currency", id.currency}, {"address", id.value}});
  }
  json j = {{"name", name},
            {"entityType", type},
            {"sourceList", WatchmanSourceName(e.source)},
            {"sourceID", LocalId(e)},
            {"person", nullptr},
            {"business", nullptr},
            {"organization", nullptr},
            {"aircraft", nullptr},
            {"vessel", nullptr},
            {"contact", ContactJson(e)},
            {"addresses", AddressesJson(e)},
            {"cryptoAddresses", crypto},
            {"affiliations", json::array()},
            {"sanctionsInfo",
             {{"programs", e.programs},
              {"secondary", false},
              {"description", e.remarks.empty() ? "" : e.remarks.front()}}},
            {"historicalInfo", historical}};
  j[std::string(type)] = TypeDetails(e, name, alt, gov);
  return j;
}

// Watchman's other spellings of a parameter (docs/api.yaml), read as the one they alias.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"emailAddress", "email"}, {"emailAddresses", "email"}, {"phoneNumber", "phone"},
    {"phoneNumbers", "phone"}, {"faxNumber", "fax"},        {"faxNumbers", "fax"},
    {"websites", "website"},   {"addresses", "address"},    {"cryptoAddresses", "cryptoAddress"},
    {"sourceList", "source"}};

// Parameters Interdict screens with (and every gov_<type>).
constexpr std::string_view kCompared[] = {
    "name",     "altNames",  "type", "source",   "sourceID",     "birthDate", "limit",
    "minMatch", "imoNumber", "mmsi", "callSign", "serialNumber", "icaoCode",  "cryptoAddress"};
// Parameters describing the party that Interdict does not compare. Accepted, as Watchman accepts
// them, and named in a warning: the answer rests on the other parameters only.
constexpr std::string_view kNotCompared[] = {"gender",
                                             "deathDate",
                                             "titles",
                                             "created",
                                             "dissolved",
                                             "flag",
                                             "built",
                                             "model",
                                             "aircraftType",
                                             "vesselType",
                                             "owner",
                                             "tonnage",
                                             "grossRegisteredTonnage",
                                             "email",
                                             "phone",
                                             "fax",
                                             "website",
                                             "address"};
// Parameters that change no result (debugging, request tracking, output format).
constexpr std::string_view kNoEffect[] = {"debug", "debugSourceIDs", "requestID", "format"};

template <size_t N>
bool In(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

// Identifier parameters with the identifier kind they give (kOther: any kind).
constexpr std::pair<std::string_view, IdKind> kIdParams[] = {
    {"imoNumber", IdKind::kImo},
    {"mmsi", IdKind::kMmsi},
    {"callSign", IdKind::kCallSign},
    {"serialNumber", IdKind::kAircraftSerial},
    {"icaoCode", IdKind::kOther}};

std::optional<IdKind> GovKind(std::string_view type) {
  if (type == "passport" || type == "diplomatic-passport") return IdKind::kPassport;
  if (type == "national-id" || type == "personal-id" || type == "cedula" || type == "curp" ||
      type == "ssn" || type == "electoral")
    return IdKind::kNationalId;
  if (type == "tax-id" || type == "cuit") return IdKind::kTaxId;
  if (type == "business-registration" || type == "commercial-registry")
    return IdKind::kRegistration;
  return std::nullopt;
}

// A parameter's name as Interdict reads it: "[]" dropped, aliases resolved.
std::string CanonicalParam(std::string_view raw) {
  if (raw.size() > 2 && raw.substr(raw.size() - 2) == "[]") raw.remove_suffix(2);
  for (const auto& [alias, name] : kAliases)
    if (raw == alias) return std::string(name);
  return std::string(raw);
}

// A /v2/search request, read.
struct SearchRequest {
  std::vector<std::string> names;  // the name, then altNames; empty: a name-less lookup
  std::string type;                // Watchman's, lower case; "" = any
  ScreeningQuery base;             // schema, birth dates, identifiers
  std::string source;              // Interdict's name; "" = every source
  std::optional<std::string> source_id;
  size_t limit = kDefaultLimit;
  double min_match = 0;
  std::vector<std::string> warnings;
};

// Renames the parameters (CanonicalParam) and refuses unknown ones, as Watchman does; warns of
// those not compared.
std::optional<HttpResponse> CanonicalParams(const Params& params, Params* out,
                                            std::vector<std::string>* warnings) {
  std::string not_compared;
  for (const auto& [raw, value] : params) {
    std::string key = CanonicalParam(raw);
    if (In(kNotCompared, key)) {
      if (not_compared.find("'" + raw + "'") == std::string::npos)
        not_compared += (not_compared.empty() ? "'" : ", '") + raw + "'";
    } else if (!In(kCompared, key) && !In(kNoEffect, key) && key.rfind("gov_", 0) != 0) {
      return ErrorResponse(400, "invalid_request", "unknown parameter '" + raw + "'");
    }
    out->emplace_back(std::move(key), value);
  }
  if (!not_compared.empty())
    warnings->push_back("not compared (Interdict screens names, birth dates and identifiers): " +
                        not_compared);
  return std::nullopt;
}

std::optional<HttpResponse> ReadType(const Params& params, SearchRequest* req) {
  const std::string* t = Param(params, "type");
  if (t == nullptr || t->empty()) return std::nullopt;  // the Go client always sends type=
  req->type = Lower(*t);
  if (req->type == "person") {
    req->base.schema = Schema::kPerson;
  } else if (req->type == "business" || req->type == "organization") {
    req->base.schema = Schema::kOrganization;
  } else if (req->type == "vessel") {
    req->base.schema = Schema::kVessel;
  } else if (req->type == "aircraft") {
    req->base.schema = Schema::kAircraft;
  } else {
    return ErrorResponse(400, "invalid_request",
                         "'type' must be person, business, organization, aircraft or vessel");
  }
  return std::nullopt;
}

// limit and minMatch. Watchman reads a limit that is not a positive integer, and a minMatch that
// is not a number, as absent; so does Interdict, with a warning.
std::optional<HttpResponse> ReadLimits(const Params& params, SearchRequest* req) {
  if (const std::string* l = Param(params, "limit")) {
    if (!ParseSize(*l, 1, SIZE_MAX, &req->limit)) {
      req->limit = kDefaultLimit;
      req->warnings.push_back("limit '" + *l + "' is not a positive integer: the default " +
                              std::to_string(kDefaultLimit) + " is used, as Watchman does");
    } else if (req->limit > kMaxLimit) {
      req->limit = kMaxLimit;
      req->warnings.push_back("limit " + *l + " is over the maximum: " + std::to_string(kMaxLimit) +
                              " is used, as Watchman does");
    }
  }
  if (const std::string* m = Param(params, "minMatch")) {
    double v = 0;
    if (!ParseDouble(*m, -1e300, 1e300, &v)) {
      req->warnings.push_back("minMatch '" + *m +
                              "' is not a number: the default 0 is used, as Watchman does");
    } else if (v < 0 || v > 1) {
      return ErrorResponse(400, "invalid_request", "'minMatch' must be a number in [0, 1]");
    } else {
      req->min_match = v;
    }
  }
  return std::nullopt;
}

std::optional<HttpResponse> ReadIdentifiers(const Params& params, SearchRequest* req) {
  for (const auto& [key, value] : params) {
    if (key.rfind("gov_", 0) == 0) {
      // gov_<type>=CC:ID (the Go client's form) or gov_<type>=ID
      size_t colon = value.find(':');
      std::string id = colon == std::string::npos ? value : value.substr(colon + 1);
      if (id.empty())
        return ErrorResponse(400, "invalid_request", "'" + key + "' has no identifier");
      req->base.identifiers.push_back({id, GovKind(key.substr(4))});
    } else if (key == "cryptoAddress") {
      // CURRENCY:ADDRESS (the Go client's form) or ADDRESS
      size_t colon = value.find(':');
      std::string address = colon == std::string::npos ? value : value.substr(colon + 1);
      if (address.empty())
        return ErrorResponse(400, "invalid_request", "'cryptoAddress' has no address");
      req->base.identifiers.push_back({address, IdKind::kDigitalCurrency});
    }
    for (const auto& [name, kind] : kIdParams) {
      if (key != name || value.empty()) continue;
      std::optional<IdKind> k;
      if (kind != IdKind::kOther) k = kind;
      req->base.identifiers.push_back({value, k});
    }
  }
  return std::nullopt;
}

std::optional<HttpResponse> ReadNames(const Params& params, SearchRequest* req) {
  const std::string* name = Param(params, "name");
  if (name == nullptr || name->find_first_not_of(" \t") == std::string::npos) {
    if (!req->source_id.has_value() && req->base.identifiers.empty())
      return ErrorResponse(400, "invalid_request",
                           "'name' is required, unless the search is by 'sourceID', a gov_* "
                           "identifier or a 'cryptoAddress'");
    for (const QueryIdentifier& id : req->base.identifiers)
      if (CanonicalIdentifier(id.value).size() < kMinLookupIdentifier)
        return ErrorResponse(400, "invalid_request",
                             "identifier '" + id.value +
                                 "' is too short to search by without "
                                 "a name (fewer than 4 letters and digits)");
    return std::nullopt;
  }
  req->names.push_back(*name);
  for (std::string& alt : ParamAll(params, "altNames"))
    if (std::find(req->names.begin(), req->names.end(), alt) == req->names.end())
      req->names.push_back(std::move(alt));
  if (req->names.size() > kMaxNames)
    return ErrorResponse(400, "invalid_request",
                         "more than " + std::to_string(kMaxNames) + " names");
  return std::nullopt;
}

std::optional<HttpResponse> ReadSearch(const ServingLists& lists, const Params& raw,
                                       SearchRequest* req) {
  Params params;
  if (auto e = CanonicalParams(raw, &params, &req->warnings)) return e;
  if (const std::string* f = Param(params, "format"); f != nullptr && *f != "json")
    return ErrorResponse(400, "invalid_request", "only format=json is supported");
  if (auto e = ReadType(params, req)) return e;
  for (const std::string& d : ParamAll(params, "birthDate"))
    AddQueryBirthDate("birthDate", d, &req->base);
  if (auto e = ReadIdentifiers(params, req)) return e;
  if (const std::string* id = Param(params, "sourceID"); id != nullptr && !id->empty())
    req->source_id = *id;
  if (auto e = ReadNames(params, req)) return e;
  if (auto e = ReadLimits(params, req)) return e;
  if (const std::string* s = Param(params, "source"); s != nullptr && !s->empty()) {
    req->source = SourceFromWatchman(*s);
    if (!HasSource(lists.snapshot(), req->source))
      return ErrorResponse(404, "not_found", "source '" + *s + "' is not loaded");
  }
  return std::nullopt;
}

// A name-less search, as Watchman answers one: the records holding one of the identifiers (or,
// with none, the record with the sourceID), each scored 1; `keep` filters them.
void Lookup(const ServingLists& lists, const SearchRequest& req,
            const std::function<bool(const Entity&)>& keep, std::vector<NamedMatch>* out) {
  const Snapshot& snapshot = lists.snapshot();
  std::set<const Entity*> seen;
  auto add = [&](const Entity* e, const std::string& why) {
    if (e == nullptr || !keep(*e) || !seen.insert(e).second) return;
    MatchResult m;
    m.entity = e;
    m.score = 1;
    m.explanation.sentence = why;
    out->push_back({std::move(m), ""});
  };
  for (const QueryIdentifier& id : req.base.identifiers)
    for (uint32_t i : snapshot.EntitiesWithIdentifier(CanonicalIdentifier(id.value)))
      add(&snapshot.entities()[i], "The record holds the identifier '" + id.value + "'.");
  if (req.base.identifiers.empty())
    for (const ListVersion& v : snapshot.versions())
      add(snapshot.Find(v.source + ":" + *req.source_id),
          "The record's sourceID is '" + *req.source_id + "'.");
  std::sort(out->begin(), out->end(), [](const NamedMatch& a, const NamedMatch& b) {
    return a.match.entity->id < b.match.entity->id;
  });
  if (out->size() > req.limit) out->resize(req.limit);
}

}  // namespace

HttpResponse WatchmanSearch(const ServingLists& lists, const Params& params, Deadline deadline,
                            AuditInfo* audit, std::string_view request_id) {
  audit->query = {{"params", params}};
  SearchRequest req;
  if (auto error = ReadSearch(lists, params, &req)) return *error;
  auto keep = [&req](const Entity& e) {
    return (req.source.empty() || e.source == req.source) &&
           (!req.source_id.has_value() || LocalId(e) == *req.source_id) &&
           TypeAdmits(req.type, e.schema);
  };
  std::vector<NamedMatch> matches;
  if (req.names.empty()) {
    if (!req.base.birth_dates.empty())
      req.warnings.push_back("birthDate is not compared in a search without a name");
    Lookup(lists, req, keep, &matches);
  } else {
    ScreenOptions options;
    options.threshold = static_cast<float>(req.min_match);
    options.limit = req.limit;
    options.deadline = deadline;
    Status st = ScreenNames(lists, req.names, req.base, options, keep, &matches, &req.warnings);
    if (!st.ok()) return StatusResponse(st, request_id);
  }
  AuditMatches(matches, audit);
  json entities = json::array();
  for (const NamedMatch& m : matches) {
    const Entity& e = *m.match.entity;
    json j = WatchmanEntity(e, EntityType(e.schema, req.type));
    j["match"] = Round3(m.match.score);
    j["explanation"] = ExplanationToJson(m.match.explanation);
    entities.push_back(std::move(j));
  }
  json query = {{"name", req.names.empty() ? "" : req.names.front()},
                {"entityType", req.type},
                {"sourceList", req.source.empty() ? "" : WatchmanSourceName(req.source)},
                {"sourceID", req.source_id.value_or("")}};
  if (req.names.size() > 1)
    query["altNames"] = std::vector<std::string>(req.names.begin() + 1, req.names.end());
  if (!req.base.birth_dates.empty()) query["birthDate"] = GoTime(req.base.birth_dates.front());
  return JsonResponse({{"query", std::move(query)},
                       {"entities", std::move(entities)},
                       {"warnings", std::move(req.warnings)}});
}

HttpResponse WatchmanListInfo(const ServingLists& lists) {
  json counts = json::object();
  json hashes = json::object();
  json versions = json::array();
  std::string newest_import;
  for (const ListVersion& v : lists.snapshot().versions()) {
    const std::string name = WatchmanSourceName(v.source);
    counts[name] = v.record_count;
    hashes[name] = v.content_sha256;
    versions.push_back({{"sourceList", name},
                        {"source", v.source},
                        {"version", v.id},
                        {"published", v.published},
                        {"importedAt", v.imported_at},
                        {"records", v.record_count}});
    newest_import = std::max(newest_import, v.imported_at);
  }
  // Watchman's refresh downloads, then indexes; Interdict's imports into the store, then loads
  // into service. startedAt is the newest import of the lists in service, endedAt their load.
  const std::string loaded = IsoTime(lists.loaded_at());
  return JsonResponse({{"lists", std::move(counts)},
                       {"listHashes", std::move(hashes)},
                       {"startedAt", newest_import.empty() ? loaded : newest_import},
                       {"endedAt", loaded},
                       {"version", "interdict"},
                       {"listVersions", std::move(versions)}});
}

}  // namespace interdict::server
