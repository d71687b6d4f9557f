// OpenRefine's Reconciliation Service API 0.2, as yente serves it under /reconcile/{dataset}:
// the service manifest, reconciliation queries (screened like yente's /match), entity, type and
// property suggestions, data extension and its property proposals, and an HTML preview. Shapes
// as in yente/routers/reconcile.py and yente/data/freebase.py; docs/api.md says what differs.
#include "server/reconcile.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "match/explain.h"
#include "core/ftm_schema.h"
#include "server/yente.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kDefaultCandidates = 5;  // a query's `limit` when it gives none (yente's)
constexpr size_t kMaxCandidates = 100;
constexpr size_t kSuggestDefault = 10;  // yente's DEFAULT_PAGE
constexpr size_t kSuggestMax = 500;     // yente's MAX_PAGE
constexpr size_t kTypeMatches = 10;     // suggestions of types and properties at most
constexpr double kSuggestFloor = 0.5;
constexpr const char* kBaseSchema = "LegalEntity";  // a query with no type

json TypeJson(const FtmSchema& s) {
  return {{"id", s.name}, {"name", s.plural}, {"description", s.description}};
}

const FtmSchema& RecordSchema(const Entity& e) { return *FindFtmSchema(FtmSchemaName(e.schema)); }

// yente's match_prefix: a non-empty prefix that starts one of the labels, case aside.
bool MatchPrefix(std::string prefix, std::initializer_list<std::string_view> labels) {
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  prefix = lower(prefix);
  size_t b = prefix.find_first_not_of(' ');
  if (b == std::string::npos) return false;
  prefix = prefix.substr(b, prefix.find_last_not_of(' ') - b + 1);
  for (std::string_view l : labels)
    if (lower(std::string(l)).rfind(prefix, 0) == 0) return true;
  return false;
}

// yente's suggest responses: the Freebase status fields, the prefix and the results.
HttpResponse SuggestResponse(const std::string& prefix, json result) {
  return JsonResponse({{"code", "/api/status/ok"},
                       {"status", "200 OK"},
                       {"prefix", prefix},
                       {"result", std::move(result)}});
}

std::string Prefix(const Params& params) {
  const std::string* p = Param(params, "prefix");
  return p == nullptr ? "" : *p;
}

// The dataset of the path, as a filter on records; false (with a 404) when it is not loaded.
bool ReadDataset(const ServingLists& lists, const std::string& dataset, std::string* source,
                 HttpResponse* error) {
  if (ResolveDataset(lists.snapshot(), dataset, source)) return true;
  *error = ErrorResponse(404, "not_found", "No such dataset: '" + dataset + "'");
  return false;
}

// 404 when the dataset is not loaded, for the endpoints that only check it.
std::optional<HttpResponse> UnknownDataset(const ServingLists& lists, const std::string& dataset) {
  std::string source;
  HttpResponse error;
  if (ReadDataset(lists, dataset, &source, &error)) return std::nullopt;
  return error;
}

// A query's property values: a string, a number, an entity ({"id": ...}), or a list of them.
Status PropertyValues(const json& v, const std::string& pid, json* out) {
  if (v.is_array()) {
    for (const json& x : v) INTERDICT_RETURN_IF_ERROR(PropertyValues(x, pid, out));
  } else if (v.is_string()) {
    out->push_back(v);
  } else if (v.is_number()) {
    out->push_back(v.dump());
  } else if (v.is_object() && v.contains("id") && v["id"].is_string()) {
    out->push_back(v["id"]);
  } else {
    return Status::InvalidInput("property '" + pid + "': 'v' must be a string, a number or a list");
  }
  return Status::Ok();
}

// One reconciliation query as an FtM example: `type` (the first, when a list) is the schema,
// `query` the name, each property filter a property ("Person:birthDate" or "birthDate").
Status ToExample(const json& q, json* example, size_t* limit) {
  if (!q.is_object()) return Status::InvalidInput("a query must be an object");
  std::string schema = kBaseSchema;
  if (auto t = q.find("type"); t != q.end() && !t->is_null()) {
    if (t->is_array() && !t->empty()) t = t->begin();
    if (!t->is_string()) return Status::InvalidInput("'type' must be a type id or a list of them");
    schema = t->get<std::string>();
  }
  json props = json::object();
  if (auto text = q.find("query"); text != q.end() && !text->is_null()) {
    if (!text->is_string()) return Status::InvalidInput("'query' must be a string");
    props["name"] = json::array({*text});
  }
  if (auto filters = q.find("properties"); filters != q.end() && !filters->is_null()) {
    if (!filters->is_array()) return Status::InvalidInput("'properties' must be a list");
    for (const json& f : *filters) {
      if (!f.is_object() || !f.contains("pid") || !f["pid"].is_string() || !f.contains("v"))
        return Status::InvalidInput("each property must be {\"pid\": ..., \"v\": ...}");
      std::string pid = f["pid"].get<std::string>();
      std::string name = pid.substr(pid.find(':') == std::string::npos ? 0 : pid.find(':') + 1);
      json& values = props[name];
      if (!values.is_array()) values = json::array();
      INTERDICT_RETURN_IF_ERROR(PropertyValues(f["v"], pid, &values));
    }
  }
  *limit = kDefaultCandidates;
  if (auto l = q.find("limit"); l != q.end() && !l->is_null()) {
    if (!l->is_number_integer() || l->get<int64_t>() < 1 ||
        l->get<int64_t>() > static_cast<int64_t>(kMaxCandidates))
      return Status::InvalidInput("'limit' must be an integer in [1, " +
                                  std::to_string(kMaxCandidates) + "]");
    *limit = l->get<size_t>();
  }
  *example = {{"schema", schema}, {"properties", std::move(props)}};
  return Status::Ok();
}

json Candidate(const NamedMatch& m) {
  const Entity& e = *m.match.entity;
  const FtmSchema& s = RecordSchema(e);
  return {{"id", e.id},
          {"name", Caption(e)},
          {"description", s.label},
          {"type", json::array({TypeJson(s)})},
          {"score", Round3(m.match.score)},
          {"match", m.match.score >= kDefaultThreshold}};
}

std::string Html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A batch given as a form field or a JSON member: a JSON document, or the text of one.
bool DecodeBatch(const json& value, const char* what, json* out, HttpResponse* error) {
  if (!value.is_string()) {
    *out = value;
    return true;
  }
  const std::string text = value.get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    *out = nullptr;
    return true;
  }
  HttpResponse parse_error;
  if (!ParseJsonBody(text, out, &parse_error)) {
    *error = ErrorResponse(400, "invalid_request",
                        std::string("Cannot decode the '") + what + "' request: not JSON");
    return false;
  }
  return true;
}

}  // namespace

HttpResponse ReconcileRequest(const ServingLists& lists, const std::string& dataset,
                              const ReconcileCall& call, AuditInfo* audit,
                              std::string_view request_id) {
  json queries, extend;
  HttpResponse error;
  Params fields = call.params;
  if (call.method == "POST") {
    if (call.content_type.rfind("application/json", 0) == 0) {
      json body;
      if (!ParseJsonObject(call.body, nullptr, &body, &error)) return error;
      // {"queries": ...} / {"extend": ...}, or a bare query batch.
      if (body.contains("queries") || body.contains("extend")) {
        queries = body.value("queries", json());
        extend = body.value("extend", json());
      } else {
        queries = body;
      }
    } else {
      Target form;
      if (Status s = ParseTarget("/?" + call.body, &form); !s.ok())
        return ErrorResponse(400, "invalid_request", "the form body cannot be read: " + s.message());
      fields.insert(fields.end(), form.query.begin(), form.query.end());
    }
  }
  if (const std::string* q = Param(fields, "queries")) queries = *q;
  if (const std::string* x = Param(fields, "extend")) extend = *x;
  audit->query = {{"dataset", dataset}, {"params", call.params}};
  if (!DecodeBatch(extend, "extend", &extend, &error) ||
      !DecodeBatch(queries, "queries", &queries, &error))
    return error;
  if (!extend.is_null()) {
    audit->query["extend"] = extend;
    return ReconcileExtend(lists, dataset, extend);
  }
  if (!queries.is_null()) {
    audit->query["queries"] = queries;
    return ReconcileQueries(lists, dataset, queries, call.deadline, audit, request_id);
  }
  if (call.method == "POST")
    return ErrorResponse(400, "invalid_request", "No queries or extend request provided.");
  return ReconcileManifest(lists, dataset, call.base_url, call.query_string);
}

HttpResponse ReconcilePreview(const ServingLists& lists, const std::string& dataset,
                              const Params& params) {
  HttpResponse error;
  std::string source;
  if (!ReadDataset(lists, dataset, &source, &error)) return error;
  const std::string* id = Param(params, "id");
  if (id == nullptr) return ErrorResponse(400, "invalid_request", "'id' is required");
  const Entity* e = lists.snapshot().Find(*id);
  if (e == nullptr || (!source.empty() && e->source != source))
    return ErrorResponse(404, "not_found", "No such entity!");
  const json ftm = FtmEntity(*e);
  std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                     Html(Caption(*e)) +
                     "</title></head>\n<body style=\"font-family:sans-serif\">\n";
  html += "<h3>" + Html(Caption(*e)) + "</h3>\n<p>" + Html(RecordSchema(*e).label) + " on " +
          Html(DatasetName(e->source)) + " (" + Html(e->id) + ")</p>\n<dl>\n";
  for (const auto& [prop, values] : ftm["properties"].items()) {
    const FtmProperty* p = FindFtmProperty(ftm["schema"].get<std::string>(), prop);
    html += "<dt>" + Html(p != nullptr ? p->label : prop) + "</dt>";
    for (const json& v : values) html += "<dd>" + Html(v.get<std::string>()) + "</dd>";
    html += "\n";
  }
  html += "</dl>\n</body></html>\n";
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(html);
  return r;
}

HttpResponse ReconcileManifest(const ServingLists& lists, const std::string& dataset,
                               const std::string& base_url, const std::string& query_string) {
  HttpResponse error;
  std::string source;
  if (!ReadDataset(lists, dataset, &source, &error)) return error;
  const std::string service = base_url + "/reconcile/" + dataset;
  const std::string qs = query_string.empty() ? "" : "?" + query_string;
  auto path = [&](const char* p) {
    return json{{"service_url", service}, {"service_path", p + qs}};
  };
  json types = json::array();
  for (const FtmSchema* s : MatchableFtmSchemata()) types.push_back(TypeJson(*s));
  // Choices carry "id" (what yente sends and OpenRefine reads) and "value" (what the 0.2
  // manifest schema requires).
  json choices =
      json::array({{{"id", "caption"}, {"value", "caption"}, {"name", "User-readable value"}},
                   {{"id", "raw"}, {"value", "raw"}, {"name", "Machine-readable value"}}});
  return JsonResponse(
      {{"versions", json::array({"0.2"})},
       {"name", (source.empty() ? std::string("All lists") : DatasetName(source)) + " (Interdict)"},
       {"identifierSpace", base_url + "/entities/"},
       {"schemaSpace", "https://followthemoney.tech/explorer/schemata/"},
       {"documentation", base_url + "/openapi.json"},
       {"batchSize", 3},
       {"view", {{"url", base_url + "/entities/{{id}}"}}},
       {"preview",
        {{"url", service + "/preview?id={{id}}" + (qs.empty() ? "" : "&" + query_string)},
         {"width", 430},
         {"height", 300}}},
       {"suggest",
        {{"entity", path("/suggest/entity")},
         {"type", path("/suggest/type")},
         {"property", path("/suggest/property")}}},
       {"extend",
        {{"propose_properties", path("/extend/property")},
         {"propose_settings",
          json::array(
              {{{"name", "limit"},
                {"label", "Limit"},
                {"type", "number"},
                {"default", 0},
                {"help_text", "Maximum number of values to return per row (0 for no limit)."}},
               {{"name", "render"},
                {"label", "Value rendering"},
                {"type", "select"},
                {"default", "caption"},
                {"choices", std::move(choices)},
                {"help_text", "Return the readable value instead of the raw value."}}})}}},
       {"defaultTypes", std::move(types)}});
}

HttpResponse ReconcileQueries(const ServingLists& lists, const std::string& dataset,
                              const json& queries, Deadline deadline, AuditInfo* audit,
                              std::string_view request_id) {
  HttpResponse error;
  std::string source;
  if (!ReadDataset(lists, dataset, &source, &error)) return error;
  if (!queries.is_object() || queries.empty())
    return ErrorResponse(400, "invalid_request", "'queries' must be a non-empty JSON object");
  if (queries.size() > kYenteMaxBatch)
    return ErrorResponse(
        400, "batch_too_large",
        "Too many queries in one batch (limit: " + std::to_string(kYenteMaxBatch) + ")");
  // Read every query before screening any: one bad query fails the request.
  std::vector<std::tuple<std::string, FtmExample, size_t>> parsed;
  for (const auto& [key, q] : queries.items()) {
    json example;
    size_t limit = 0;
    FtmExample read;
    Status s = ToExample(q, &example, &limit);
    if (s.ok()) s = ReadFtmExample(example, &read);
    if (!s.ok())
      return StatusResponse(s.WithContext("query '" + key + "'"), request_id);
    parsed.emplace_back(key, std::move(read), limit);
  }
  json out = json::object();
  ScreenOptions options;
  options.threshold = static_cast<float>(kSuggestFloor);
  options.deadline = deadline;
  for (const auto& [key, example, limit] : parsed) {
    std::vector<NamedMatch> matches;
    std::vector<std::string> warnings;
    const std::optional<Schema> schema = example.base.schema;
    auto keep = [&](const Entity& e) {
      return (source.empty() || e.source == source) && SchemaCanMatch(schema, e.schema);
    };
    Status s = ScreenFtmExample(lists, example, options, keep, &matches, &warnings);
    if (!s.ok())
      return StatusResponse(s.WithContext("query '" + key + "'"), request_id);
    if (matches.size() > limit) matches.resize(limit);
    AuditMatches(matches, audit);
    json result = json::array();
    for (const NamedMatch& m : matches) result.push_back(Candidate(m));
    out[key] = {{"result", std::move(result)}};
  }
  HttpResponse r = CappedJsonResponse(out);
  if (r.status != 200) return r;
  r.headers.emplace_back("x-batch-size", std::to_string(parsed.size()));
  return r;
}

HttpResponse ReconcileExtend(const ServingLists& lists, const std::string& dataset,
                             const json& extend) {
  HttpResponse error;
  std::string source;
  if (!ReadDataset(lists, dataset, &source, &error)) return error;
  if (!extend.is_object() || !extend.contains("ids") || !extend["ids"].is_array() ||
      !extend.contains("properties") || !extend["properties"].is_array())
    return ErrorResponse(400, "invalid_request",
                      "an extension request is {\"ids\": [...], \"properties\": [{\"id\": ...}]}");
  const json& ids = extend["ids"];
  if (ids.size() > kYenteMaxBatch)
    return ErrorResponse(
        400, "batch_too_large",
        "Too many queries in one batch (limit: " + std::to_string(kYenteMaxBatch) + ")");
  struct Wanted {
    std::string id;
    size_t limit = 0;
  };
  std::vector<Wanted> wanted;
  for (const json& p : extend["properties"]) {
    if (!p.is_object() || !p.contains("id") || !p["id"].is_string())
      return ErrorResponse(400, "invalid_request", "each property must be {\"id\": ...}");
    Wanted w{p["id"].get<std::string>()};
    json settings = p.value("settings", json::object());
    if (!settings.is_object())
      return ErrorResponse(400, "invalid_request", "'settings' must be an object");
    if (auto l = settings.find("limit"); l != settings.end()) {
      if (!l->is_number_integer() || l->get<int64_t>() < 0)
        return ErrorResponse(400, "invalid_request", "'limit' must be an integer >= 0");
      w.limit = l->get<size_t>();
    }
    // Values are written as the lists publish them: both renderings give the same text.
    if (auto r = settings.find("render"); r != settings.end() && *r != "caption" && *r != "raw")
      return ErrorResponse(400, "invalid_request", "'render' must be 'caption' or 'raw'");
    wanted.push_back(std::move(w));
  }
  json meta = json::array();
  std::set<std::string> in_meta;
  json rows = json::object();
  for (const json& id : ids) {
    if (!id.is_string()) return ErrorResponse(400, "invalid_request", "'ids' must hold strings");
    json row = json::object();
    const Entity* e = lists.snapshot().Find(id.get<std::string>());
    if (e != nullptr && (source.empty() || e->source == source)) {
      const json props = FtmEntity(*e)["properties"];
      for (const Wanted& w : wanted) {
        const FtmProperty* prop = FindFtmProperty(FtmSchemaName(e->schema), w.id);
        if (prop == nullptr) continue;  // not a property of this record's schema (as yente)
        if (in_meta.insert(w.id).second) meta.push_back({{"id", w.id}, {"name", prop->label}});
        json values = json::array();
        for (const json& v : props.value(w.id, json::array()))
          if (w.limit == 0 || values.size() < w.limit) values.push_back({{"str", v}});
        row[w.id] = std::move(values);
      }
    }
    rows[id.get<std::string>()] = std::move(row);
  }
  HttpResponse r = JsonResponse({{"meta", std::move(meta)}, {"rows", std::move(rows)}});
  r.headers.emplace_back("x-batch-size", std::to_string(ids.size()));
  return r;
}

HttpResponse ReconcileSuggestEntity(const ServingLists& lists, const std::string& dataset,
                                    const Params& params, Deadline deadline, AuditInfo* audit,
                                    std::string_view request_id) {
  audit->query = {{"dataset", dataset}, {"params", params}};
  HttpResponse error;
  std::string source;
  if (!ReadDataset(lists, dataset, &source, &error)) return error;
  size_t limit = kSuggestDefault;
  if (const std::string* l = Param(params, "limit");
      l != nullptr && !ParseSize(*l, 1, kSuggestMax, &limit))
    return ErrorResponse(400, "invalid_request",
                      "'limit' must be an integer in [1, " + std::to_string(kSuggestMax) + "]");
  const std::string prefix = Prefix(params);
  json result = json::array();
  if (prefix.find_first_not_of(' ') != std::string::npos) {
    ScreenOptions options;
    options.threshold = static_cast<float>(kSuggestFloor);
    options.limit = limit;
    options.deadline = deadline;
    std::vector<NamedMatch> matches;
    std::vector<std::string> warnings;
    Status s = ScreenNames(
        lists, {prefix}, ScreeningQuery(), options,
        [&](const Entity& e) { return source.empty() || e.source == source; }, &matches, &warnings);
    if (!s.ok()) return StatusResponse(s, request_id);
    AuditMatches(matches, audit);
    for (const NamedMatch& m : matches) {
      const FtmSchema& schema = RecordSchema(*m.match.entity);
      result.push_back({{"id", m.match.entity->id},
                        {"name", Caption(*m.match.entity)},
                        {"description", schema.label},
                        {"type", json::array({TypeJson(schema)})},
                        {"notable", json::array({TypeJson(schema)})}});
    }
  }
  return SuggestResponse(prefix, std::move(result));
}

HttpResponse ReconcileSuggestType(const ServingLists& lists, const std::string& dataset,
                                  const Params& params) {
  if (auto e = UnknownDataset(lists, dataset)) return *e;
  const std::string prefix = Prefix(params);
  json result = json::array();
  for (const FtmSchema* s : MatchableFtmSchemata())
    if (result.size() < kTypeMatches && MatchPrefix(prefix, {s->name, s->label}))
      result.push_back(TypeJson(*s));
  return SuggestResponse(prefix, std::move(result));
}

HttpResponse ReconcileSuggestProperty(const ServingLists& lists, const std::string& dataset,
                                      const Params& params) {
  if (auto e = UnknownDataset(lists, dataset)) return *e;
  const std::string prefix = Prefix(params);
  json result = json::array();
  std::set<std::string> seen;
  for (const FtmSchema* s : MatchableFtmSchemata()) {
    for (const FtmProperty* p : FtmProperties(s->name)) {
      std::string qname = std::string(p->schema) + ":" + std::string(p->name);
      if (p->entity || result.size() >= kTypeMatches || !seen.insert(qname).second) continue;
      if (MatchPrefix(prefix, {p->name, p->label}))
        result.push_back({{"id", qname}, {"name", p->label}});
    }
  }
  return SuggestResponse(prefix, std::move(result));
}

HttpResponse ReconcileProposeProperties(const ServingLists& lists, const std::string& dataset,
                                        const Params& params) {
  if (auto e = UnknownDataset(lists, dataset)) return *e;
  const std::string* type = Param(params, "type");
  const std::string schema = type == nullptr || type->empty() ? kBaseSchema : *type;
  if (FindFtmSchema(schema) == nullptr)
    return ErrorResponse(400, "invalid_request", "Invalid type: " + schema);
  size_t limit = 0;
  if (const std::string* l = Param(params, "limit");
      l != nullptr && !ParseSize(*l, 0, kSuggestMax, &limit))
    return ErrorResponse(400, "invalid_request", "'limit' must be an integer >= 0");
  // The name first (FtM's featured property of every party), then the rest; cut, then sorted
  // by label, as yente does.
  std::vector<std::pair<std::string, std::string>> props;
  props.emplace_back("name", "Name");
  for (const FtmProperty* p : FtmProperties(schema))
    if (!p->entity && p->name != "name") props.emplace_back(p->name, p->label);
  if (limit > 0 && props.size() > limit) props.resize(limit);
  std::stable_sort(props.begin(), props.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  json out = json::array();
  for (const auto& [id, name] : props) out.push_back({{"id", id}, {"name", name}});
  return JsonResponse({{"limit", limit}, {"type", schema}, {"properties", std::move(out)}});
}

}  // namespace interdict::server
