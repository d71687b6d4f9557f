// The own API, /v1: the JSON shapes of the CLI (match/query_json.h, explain.h) over HTTP.
#include <ctime>

#include "core/entity_json.h"
#include "match/explain.h"
#include "match/query_json.h"
#include "server/endpoints.h"
#include "store/store.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxLimit = 500;
constexpr size_t kDefaultLimit = 10;

// "threshold" and "limit" of a request body.
Status ReadOptions(const json& j, ScreenOptions* out) {
  out->threshold = kDefaultThreshold;
  out->limit = kDefaultLimit;
  if (auto t = j.find("threshold"); t != j.end() && !t->is_null()) {
    if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 1)
      return Status::InvalidInput("'threshold' must be a number in [0, 1]");
    out->threshold = t->get<float>();
  }
  if (auto l = j.find("limit"); l != j.end() && !l->is_null()) {
    if (!l->is_number_unsigned() || l->get<uint64_t>() < 1 || l->get<uint64_t>() > kMaxLimit)
      return Status::InvalidInput("'limit' must be an integer in [1, " + std::to_string(kMaxLimit) +
                                  "]");
    out->limit = static_cast<size_t>(l->get<uint64_t>());
  }
  return Status::Ok();
}

json MatchesJson(const std::vector<MatchResult>& matches) {
  json a = json::array();
  for (const MatchResult& m : matches) a.push_back(MatchToJson(m));
  return a;
}

json IdOf(const json& j) {
  auto it = j.find("id");
  return it == j.end() ? json(nullptr) : *it;
}

json VersionJson(const ListVersion& v) {
  json j = {{"source", v.source},
            {"version", v.id},
            {"published", v.published},
            {"imported_at", v.imported_at},
            {"record_count", v.record_count},
            {"content_sha256", v.content_sha256},
            {"schema_counts", v.schema_counts},
            {"files", v.files}};
  if (std::optional<double> age = AgeSeconds(v.imported_at)) j["age_seconds"] = *age;
  return j;
}

}  // namespace

HttpResponse V1Screen(const ServingLists& lists, const std::string& body, Deadline deadline,
                      AuditInfo* audit, std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonObject(body, audit, &j, &error)) return error;
  ScreenOptions options;
  if (Status s = ReadOptions(j, &options); !s.ok()) return StatusResponse(s, request_id);
  options.deadline = deadline;
  ScreeningQuery q;
  if (Status s = QueryFromJson(j, &q); !s.ok()) return StatusResponse(s, request_id);
  ScreenResult r;
  {
    ServingLists::Lease session = lists.Session();
    if (Status s = lists.matcher().Screen(q, options, session.get(), &r); !s.ok())
      return StatusResponse(s, request_id);
  }
  AuditMatches(r.matches, audit);
  return CappedJsonResponse({{"id", IdOf(j)},
                             {"query", j},
                             {"list_versions", VersionsJson(lists.snapshot())},
                             {"threshold", Round3(options.threshold)},
                             {"matches", MatchesJson(r.matches)},
                             {"warnings", r.warnings}});
}

HttpResponse V1ScreenBatch(const ServingLists& lists, const std::string& body, size_t max_batch,
                           Deadline deadline, AuditInfo* audit, std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonObject(body, audit, &j, &error)) return error;
  auto queries = j.find("queries");
  if (queries == j.end() || !queries->is_array() || queries->empty())
    return ErrorResponse(400, "invalid_request", "'queries' must be a non-empty array");
  if (queries->size() > max_batch)
    return ErrorResponse(400, "batch_too_large",
                         "'queries' holds " + std::to_string(queries->size()) +
                             " queries; at most " + std::to_string(max_batch) + " per request");
  ScreenOptions options;
  if (Status s = ReadOptions(j, &options); !s.ok()) return StatusResponse(s, request_id);
  if (auto e = MatchCapError(queries->size(), options.limit, "'queries' × 'limit'")) return *e;
  options.deadline = deadline;
  // Every query is read before any is screened: one bad query fails the batch, so that a caller
  // never takes a partial answer for a complete one.
  std::vector<ScreeningQuery> parsed(queries->size());
  for (size_t i = 0; i < queries->size(); ++i) {
    if (Status s = QueryFromJson((*queries)[i], &parsed[i]); !s.ok())
      return StatusResponse(s.WithContext("queries[" + std::to_string(i) + "]"), request_id);
  }
  json results = json::array();
  ServingLists::Lease session = lists.Session();
  for (size_t i = 0; i < parsed.size(); ++i) {
    ScreenResult r;
    if (Status s = lists.matcher().Screen(parsed[i], options, session.get(), &r); !s.ok())
      return StatusResponse(s.WithContext("queries[" + std::to_string(i) + "]"), request_id);
    AuditMatches(r.matches, audit);
    results.push_back({{"id", IdOf((*queries)[i])},
                       {"matches", MatchesJson(r.matches)},
                       {"warnings", r.warnings}});
  }
  return CappedJsonResponse({{"list_versions", VersionsJson(lists.snapshot())},
                             {"threshold", Round3(options.threshold)},
                             {"results", std::move(results)}});
}

HttpResponse V1Compare(const std::string& body, const NameNormalizer& normalizer,
                       const TokenStats& stats, std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonObject(body, nullptr, &j, &error)) return error;
  auto name1 = j.find("name1");
  auto name2 = j.find("name2");
  if (name1 == j.end() || !name1->is_string() || name2 == j.end() || !name2->is_string())
    return ErrorResponse(400, "invalid_request", "'name1' and 'name2' must be strings");
  std::optional<Schema> schema;
  if (auto t = j.find("type"); t != j.end() && !t->is_null()) {
    Schema s;
    std::string text = t->is_string() ? t->get<std::string>() : "";
    if (text == "organisation" || text == "company") text = "organization";
    if (!ParseSchema(text, &s))
      return ErrorResponse(400, "invalid_request",
                           "'type' must be person, organization, vessel, aircraft or entity");
    schema = s;
  }
  ScreenOptions options;
  if (Status s = ReadOptions(j, &options); !s.ok()) return StatusResponse(s, request_id);
  Comparison c;
  if (Status s = CompareNames(name1->get<std::string>(), name2->get<std::string>(), schema,
                              normalizer, stats, &c);
      !s.ok())
    return StatusResponse(s, request_id);
  return JsonResponse({{"score", Round3(c.score)},
                       {"threshold", Round3(options.threshold)},
                       {"match", c.score >= options.threshold},
                       {"explanation", ExplanationToJson(c.explanation)}});
}

HttpResponse V1Entity(const ServingLists& lists, const std::string& id, const Params& params,
                      const std::string& db_path, std::string_view request_id) {
  if (const std::string* version = Param(params, "version")) {
    size_t v = 0;
    if (!ParseSize(*version, 1, SIZE_MAX, &v))
      return ErrorResponse(400, "invalid_request", "'version' must be a list version number");
    std::unique_ptr<Store> store;
    if (Status s = Store::Open(db_path, &store); !s.ok())
      return StatusResponse(Status::Internal(s.message()), request_id);
    Entity e;
    ListVersion lv;
    if (Status s = store->GetEntity(id, static_cast<int64_t>(v), &e, &lv); !s.ok()) {
      if (s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidInput)
        return StatusResponse(s, request_id);
      return StatusResponse(Status::Internal(s.message()), request_id);
    }
    json j = EntityToJson(e);
    j["list_version"] = {{"source", lv.source}, {"version", lv.id}, {"published", lv.published}};
    return JsonResponse(j);
  }
  const Entity* e = lists.snapshot().Find(id);
  if (e == nullptr)
    return ErrorResponse(404, "not_found",
                         "no record '" + id +
                             "' in the lists in service (records of older list versions: add "
                             "?version=N)");
  json j = EntityToJson(*e);
  for (const ListVersion& v : lists.snapshot().versions())
    if (v.source == e->source)
      j["list_version"] = {{"source", v.source}, {"version", v.id}, {"published", v.published}};
  return JsonResponse(j);
}

HttpResponse V1Sources(const ServingLists& lists) {
  json sources = json::array();
  for (const ListVersion& v : lists.snapshot().versions()) sources.push_back(VersionJson(v));
  return JsonResponse({{"loaded_at", IsoTime(lists.loaded_at())},
                       {"record_count", lists.snapshot().entities().size()},
                       {"sources", std::move(sources)}});
}

HttpResponse V1SourceVersions(const std::string& source, const std::string& db_path,
                              std::string_view request_id) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(db_path, &store); !s.ok())
    return StatusResponse(Status::Internal(s.message()), request_id);
  std::vector<ListVersion> versions;
  std::string canonical = CanonicalSource(source);
  if (Status s = store->ListVersions(canonical, &versions); !s.ok())
    return StatusResponse(Status::Internal(s.message()), request_id);
  if (versions.empty())
    return ErrorResponse(404, "not_found", "no list version of source '" + canonical + "'");
  json a = json::array();
  for (const ListVersion& v : versions) a.push_back(VersionJson(v));
  return JsonResponse({{"source", canonical}, {"versions", std::move(a)}});
}

}  // namespace interdict::server
