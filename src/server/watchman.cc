// The Watchman dialect (Moov's screening server): GET /v2/search. Parameters and response shape
// as in internal/search/api_search.go and pkg/search/models.go (see docs/api.md for what is
// accepted and ignored).
#include <algorithm>
#include <set>

#include "match/explain.h"
#include "match/query_json.h"
#include "server/endpoints.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kDefaultLimit = 10;
constexpr size_t kMaxLimit = 100;
constexpr size_t kMaxNames = 20;

// Watchman's entity types.
std::string_view EntityType(Schema s) {
  switch (s) {
    case Schema::kPerson:
      return "person";
    case Schema::kOrganization:
      return "organization";
    case Schema::kVessel:
      return "vessel";
    case Schema::kAircraft:
      return "aircraft";
    case Schema::kEntity:
      break;
  }
  return "business";  // as Watchman reads OFAC's untyped ("-0-") records
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

json WatchmanEntity(const Entity& e) {
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
    std::string_view type = GovIdType(id.kind);
    if (!type.empty())
      gov.push_back({{"type", type}, {"country", id.country.code}, {"identifier", id.value}});
    if (id.kind == IdKind::kDigitalCurrency)
      crypto.push_back({{"currency", id.currency}, {"address", id.value}});
  }
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
  json websites = json::array();
  json emails = json::array();
  json phones = json::array();
  for (const Attribute& a : e.attributes) {
    if (a.key == "website") websites.push_back(a.value);
    if (a.key == "email" || a.key == "email_address") emails.push_back(a.value);
    if (a.key == "phone" || a.key == "phone_number") phones.push_back(a.value);
  }
  json j = {{"name", name},
            {"entityType", EntityType(e.schema)},
            {"sourceList", e.source},
            {"sourceID", LocalId(e)},
            {"person", nullptr},
            {"business", nullptr},
            {"organization", nullptr},
            {"aircraft", nullptr},
            {"vessel", nullptr},
            {"contact",
             {{"emailAddresses", emails},
              {"phoneNumbers", phones},
              {"faxNumbers", json::array()},
              {"websites", websites}}},
            {"addresses", addresses},
            {"cryptoAddresses", crypto},
            {"affiliations", json::array()},
            {"sanctionsInfo",
             {{"programs", e.programs},
              {"secondary", false},
              {"description", e.remarks.empty() ? "" : e.remarks.front()}}},
            {"historicalInfo", historical}};
  switch (e.schema) {
    case Schema::kPerson: {
      json birth = nullptr;
      if (!e.birth_dates.empty()) birth = GoTime(e.birth_dates.front().from);
      j["person"] = {{"name", name},
                     {"altNames", alt},
                     {"gender", e.gender},
                     {"birthDate", birth},
                     {"deathDate", nullptr},
                     {"placeOfBirth", e.birth_places.empty() ? "" : e.birth_places.front()},
                     {"titles", e.titles},
                     {"governmentIDs", gov}};
      break;
    }
    case Schema::kOrganization:
    case Schema::kEntity:
      j[std::string(EntityType(e.schema))] = {{"name", name},
                                              {"altNames", alt},
                                              {"created", nullptr},
                                              {"dissolved", nullptr},
                                              {"governmentIDs", gov}};
      break;
    case Schema::kVessel:
      j["vessel"] = {
          {"name", name},
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
      break;
    case Schema::kAircraft:
      j["aircraft"] = {{"name", name},
                       {"altNames", alt},
                       {"type", AttributeValue(e, "aircraft_type")},
                       {"flag", e.flag.code},
                       {"built", nullptr},
                       {"icaoCode", ""},
                       {"model", AttributeValue(e, "aircraft_model")},
                       {"serialNumber", IdValue(e, IdKind::kAircraftSerial)}};
      break;
  }
  return j;
}

// Parameters Watchman defines that Interdict accepts without using them. Any parameter neither
// read nor listed here is refused, as Watchman refuses unknown parameters.
const std::set<std::string, std::less<>>& IgnoredParams() {
  static const auto* s = new std::set<std::string, std::less<>>{
      "gender",    "deathDate",      "titles",
      "address",   "email",          "phone",
      "fax",       "website",        "created",
      "dissolved", "aircraftType",   "flag",
      "built",     "model",          "vesselType",
      "owner",     "tonnage",        "grossRegisteredTonnage",
      "debug",     "debugSourceIDs", "requestID",
      "format"};
  return *s;
}

struct IdParam {
  const char* name;
  IdKind kind;
};
constexpr IdParam kIdParams[] = {{"imoNumber", IdKind::kImo},
                                 {"mmsi", IdKind::kMmsi},
                                 {"callSign", IdKind::kCallSign},
                                 {"serialNumber", IdKind::kAircraftSerial},
                                 {"icaoCode", IdKind::kOther}};

std::string StripBrackets(const std::string& key) {
  return key.size() > 2 && key.compare(key.size() - 2, 2, "[]") == 0 ? key.substr(0, key.size() - 2)
                                                                     : key;
}

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

}  // namespace

HttpResponse WatchmanSearch(const ServingLists& lists, const Params& params, Deadline deadline,
                            AuditInfo* audit, std::string_view request_id) {
  audit->query = {{"params", params}};
  static const std::set<std::string, std::less<>> kRead = {
      "name",     "type",      "source",   "sourceID",     "limit",
      "minMatch", "birthDate", "altNames", "cryptoAddress"};
  for (const auto& [raw_key, value] : params) {
    std::string key = StripBrackets(raw_key);
    bool known =
        kRead.count(key) > 0 || IgnoredParams().count(key) > 0 || key.rfind("gov_", 0) == 0;
    for (const IdParam& p : kIdParams) known = known || key == p.name;
    if (!known) return ErrorResponse(400, "invalid_request", "unknown parameter '" + raw_key + "'");
  }
  if (const std::string* f = Param(params, "format"); f != nullptr && *f != "json")
    return ErrorResponse(400, "invalid_request", "only format=json is supported");

  const std::string* name = Param(params, "name");
  if (name == nullptr || name->find_first_not_of(" \t") == std::string::npos)
    return ErrorResponse(400, "invalid_request", "'name' is required");
  std::vector<std::string> names = {*name};
  for (std::string& alt : ParamAll(params, "altNames"))
    if (std::find(names.begin(), names.end(), alt) == names.end()) names.push_back(std::move(alt));
  if (names.size() > kMaxNames)
    return ErrorResponse(400, "invalid_request",
                         "more than " + std::to_string(kMaxNames) + " names");

  ScreeningQuery base;
  std::string type;
  if (const std::string* t = Param(params, "type")) {
    type = *t;
    if (type == "person") {
      base.schema = Schema::kPerson;
    } else if (type == "business" || type == "organization") {
      base.schema = Schema::kOrganization;
    } else if (type == "vessel") {
      base.schema = Schema::kVessel;
    } else if (type == "aircraft") {
      base.schema = Schema::kAircraft;
    } else {
      return ErrorResponse(400, "invalid_request",
                           "'type' must be person, business, organization, aircraft or vessel");
    }
  }
  for (const std::string& d : ParamAll(params, "birthDate"))
    AddQueryBirthDate("birthDate", d, &base);
  for (const auto& [raw_key, value] : params) {
    std::string key = StripBrackets(raw_key);
    if (key.rfind("gov_", 0) == 0) {
      // gov_<type>=CC:ID or gov_<type>=ID
      size_t colon = value.find(':');
      std::string id = colon == std::string::npos ? value : value.substr(colon + 1);
      if (id.empty())
        return ErrorResponse(400, "invalid_request", "'" + raw_key + "' has no identifier");
      base.identifiers.push_back({id, GovKind(key.substr(4))});
    } else if (key == "cryptoAddress") {
      size_t colon = value.find(':');
      base.identifiers.push_back(
          {colon == std::string::npos ? value : value.substr(colon + 1), IdKind::kDigitalCurrency});
    }
    for (const IdParam& p : kIdParams) {
      if (key != p.name) continue;
      std::optional<IdKind> kind;
      if (p.kind != IdKind::kOther) kind = p.kind;
      base.identifiers.push_back({value, kind});
    }
  }
  size_t limit = kDefaultLimit;
  if (const std::string* l = Param(params, "limit")) {
    if (!ParseSize(*l, 1, SIZE_MAX, &limit))
      return ErrorResponse(400, "invalid_request", "'limit' must be a positive integer");
    limit = std::min(limit, kMaxLimit);  // as Watchman caps it
  }
  double min_match = 0;
  if (const std::string* m = Param(params, "minMatch");
      m != nullptr && !ParseDouble(*m, 0, 1, &min_match))
    return ErrorResponse(400, "invalid_request", "'minMatch' must be a number in [0, 1]");
  std::string source;
  if (const std::string* s = Param(params, "source")) {
    source = CanonicalSource(*s);
    if (!HasSource(lists.snapshot(), source))
      return ErrorResponse(404, "not_found", "source '" + *s + "' is not loaded");
  }
  const std::string* source_id = Param(params, "sourceID");

  ScreenOptions options;
  options.threshold = static_cast<float>(min_match);
  options.limit = limit;
  options.deadline = deadline;
  const std::optional<Schema> schema = base.schema;
  std::vector<NamedMatch> matches;
  std::vector<std::string> warnings;
  Status st = ScreenNames(
      lists, names, base, options,
      [&](const Entity& e) {
        if (!source.empty() && e.source != source) return false;
        if (source_id != nullptr && LocalId(e) != *source_id) return false;
        if (!schema.has_value()) return true;
        // Watchman's type is a filter, not evidence.
        if (*schema == Schema::kOrganization)
          return e.schema == Schema::kOrganization || e.schema == Schema::kEntity;
        return e.schema == *schema;
      },
      &matches, &warnings);
  if (!st.ok()) return StatusResponse(st, request_id);
  AuditMatches(matches, audit);
  json entities = json::array();
  for (const NamedMatch& m : matches) {
    json e = WatchmanEntity(*m.match.entity);
    e["match"] = Round3(m.match.score);
    e["explanation"] = ExplanationToJson(m.match.explanation);
    entities.push_back(std::move(e));
  }
  json query = {{"name", *name}, {"entityType", type}};
  if (names.size() > 1)
    query["altNames"] = std::vector<std::string>(names.begin() + 1, names.end());
  if (!base.birth_dates.empty()) query["birthDate"] = GoTime(base.birth_dates.front());
  return JsonResponse(
      {{"query", std::move(query)}, {"entities", std::move(entities)}, {"warnings", warnings}});
}

}  // namespace interdict::server
