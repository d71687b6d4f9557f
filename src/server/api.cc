#include "server/api.h"

#include <openssl/rand.h>

#include <cstdio>
#include <ctime>

#include "core/utc_now.h"
#include "server/case_api.h"
#include "server/endpoints.h"
#include "server/monitor_runner.h"
#include "server/reconcile.h"
#include "server/ui.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

enum class RouteId {
  kHealthz,
  kReadyz,
  kMetrics,
  kOpenApi,
  kV1Screen,
  kV1ScreenBatch,
  kV1Compare,
  kV1Entity,
  kV1Sources,
  kV1SourceVersions,
  kV1Scan,
  kYenteMatch,
  kYenteSearch,
  kYenteEntity,
  kWatchmanSearch,
  kWatchmanListInfo,
  kYenteAdjacent,
  kYenteCatalog,
  kYenteAlgorithms,
  kYenteUpdatez,
  kReconcileGet,
  kReconcilePost,
  kReconcileSuggestEntity,
  kReconcileSuggestType,
  kReconcileSuggestProperty,
  kReconcileProposeProperties,
  kReconcilePreview,
  kUiPage,
  kUiFile,
  // Case work (case_api.h): from here to the end.
  kV1Me,
  kV1Alerts,
  kV1Alert,
  kV1AlertMove,
  kV1AlertAssign,
  kV1AlertDecide,
  kV1AlertReview,
  kV1Rules,
  kV1RuleCreate,
  kV1RuleRevoke,
  kV1Customers,
  kV1Customer,
  kV1Audit,
  kV1AuditVerify,
  kV1MonitorRuns,
  kV1MonitorRun,
  kV1Users,
  kV1SourceDiff,
};

struct Route {
  const char* method;
  const char* pattern;  // "{x}" matches one non-empty path segment
  const char* label;    // "POST /v1/screen": the metrics and audit name
  RouteId id;
  bool cheap;    // answered on the network thread
  bool open;     // no API key needed
  bool lists;    // needs loaded lists
  bool audited;  // a screening request: written to the audit log
};

// clang-format off
constexpr Route kRoutes[] = {
    {"GET",  "/healthz",                       "GET /healthz",              RouteId::kHealthz,          true,  true,  false, false},
    {"GET",  "/readyz",                        "GET /readyz",               RouteId::kReadyz,           true,  true,  false, false},
    {"GET",  "/metrics",                       "GET /metrics",              RouteId::kMetrics,          true,  false, false, false},
    {"GET",  "/openapi.json",                  "GET /openapi.json",         RouteId::kOpenApi,          true,  true,  false, false},
    {"POST", "/v1/screen",                     "POST /v1/screen",           RouteId::kV1Screen,         false, false, true,  true},
    {"POST", "/v1/screen/batch",               "POST /v1/screen/batch",     RouteId::kV1ScreenBatch,    false, false, true,  true},
    {"POST", "/v1/compare",                    "POST /v1/compare",          RouteId::kV1Compare,        false, false, false, false},
    {"GET",  "/v1/entities/{id}",              "GET /v1/entities/{id}",     RouteId::kV1Entity,         false, false, true,  false},
    {"GET",  "/v1/sources",                    "GET /v1/sources",           RouteId::kV1Sources,        false, false, true,  false},
    {"GET",  "/v1/sources/{source}/versions",  "GET /v1/sources/{source}/versions", RouteId::kV1SourceVersions, false, false, false, false},
    {"POST", "/v1/scan",                       "POST /v1/scan",             RouteId::kV1Scan,           false, false, true,  true},
    {"POST", "/match/{dataset}",               "POST /match/{dataset}",     RouteId::kYenteMatch,       false, false, true,  true},
    {"GET",  "/search/{dataset}",              "GET /search/{dataset}",     RouteId::kYenteSearch,      false, false, true,  true},
    {"GET",  "/entities/{id}",                 "GET /entities/{id}",        RouteId::kYenteEntity,      false, false, true,  false},
    {"GET",  "/v2/search",                     "GET /v2/search",            RouteId::kWatchmanSearch,   false, false, true,  true},
    {"GET",  "/v2/listinfo",                   "GET /v2/listinfo",          RouteId::kWatchmanListInfo, false, false, true,  false},
    {"GET",  "/entities/{id}/adjacent",        "GET /entities/{id}/adjacent", RouteId::kYenteAdjacent,  false, false, true,  false},
    {"GET",  "/catalog",                       "GET /catalog",              RouteId::kYenteCatalog,     false, false, true,  false},
    {"GET",  "/algorithms",                    "GET /algorithms",           RouteId::kYenteAlgorithms,  true,  false, false, false},
    {"POST", "/updatez",                       "POST /updatez",             RouteId::kYenteUpdatez,     true,  false, false, false},
    {"GET",  "/reconcile/{dataset}",           "GET /reconcile/{dataset}",  RouteId::kReconcileGet,     false, false, true,  true},
    {"POST", "/reconcile/{dataset}",           "POST /reconcile/{dataset}", RouteId::kReconcilePost,    false, false, true,  true},
    {"GET",  "/reconcile/{dataset}/suggest/entity",   "GET /reconcile/{dataset}/suggest/entity",   RouteId::kReconcileSuggestEntity,      false, false, true, true},
    {"GET",  "/reconcile/{dataset}/suggest/type",     "GET /reconcile/{dataset}/suggest/type",     RouteId::kReconcileSuggestType,        false, false, true, false},
    {"GET",  "/reconcile/{dataset}/suggest/property", "GET /reconcile/{dataset}/suggest/property", RouteId::kReconcileSuggestProperty,    false, false, true, false},
    {"GET",  "/reconcile/{dataset}/extend/property",  "GET /reconcile/{dataset}/extend/property",  RouteId::kReconcileProposeProperties, false, false, true, false},
    {"GET",  "/reconcile/{dataset}/preview",          "GET /reconcile/{dataset}/preview",          RouteId::kReconcilePreview,            false, false, true, false},
    {"GET",  "/",                              "GET /",                     RouteId::kUiPage,           true,  true,  false, false},
    {"GET",  "/ui/{file}",                     "GET /ui/{file}",            RouteId::kUiFile,           true,  true,  false, false},
    {"GET",  "/v1/me",                         "GET /v1/me",                RouteId::kV1Me,             false, false, false, false},
    {"GET",  "/v1/alerts",                     "GET /v1/alerts",            RouteId::kV1Alerts,         false, false, false, false},
    {"GET",  "/v1/alerts/{id}",                "GET /v1/alerts/{id}",       RouteId::kV1Alert,          false, false, false, false},
    {"POST", "/v1/alerts/{id}/move",           "POST /v1/alerts/{id}/move", RouteId::kV1AlertMove,      false, false, false, false},
    {"POST", "/v1/alerts/{id}/assign",         "POST /v1/alerts/{id}/assign", RouteId::kV1AlertAssign,  false, false, false, false},
    {"POST", "/v1/alerts/{id}/decide",         "POST /v1/alerts/{id}/decide", RouteId::kV1AlertDecide,  false, false, false, false},
    {"POST", "/v1/alerts/{id}/review",         "POST /v1/alerts/{id}/review", RouteId::kV1AlertReview,  false, false, false, false},
    {"GET",  "/v1/rules",                      "GET /v1/rules",             RouteId::kV1Rules,          false, false, false, false},
    {"POST", "/v1/rules",                      "POST /v1/rules",            RouteId::kV1RuleCreate,     false, false, false, false},
    {"POST", "/v1/rules/{id}/revoke",          "POST /v1/rules/{id}/revoke", RouteId::kV1RuleRevoke,    false, false, false, false},
    {"GET",  "/v1/customers",                  "GET /v1/customers",         RouteId::kV1Customers,      false, false, false, false},
    {"GET",  "/v1/customers/{id}",             "GET /v1/customers/{id}",    RouteId::kV1Customer,       false, false, false, false},
    {"GET",  "/v1/audit",                      "GET /v1/audit",             RouteId::kV1Audit,          false, false, false, false},
    {"GET",  "/v1/audit/verify",               "GET /v1/audit/verify",      RouteId::kV1AuditVerify,    false, false, false, false},
    {"GET",  "/v1/monitor/runs",               "GET /v1/monitor/runs",      RouteId::kV1MonitorRuns,    false, false, false, false},
    {"POST", "/v1/monitor/run",                "POST /v1/monitor/run",      RouteId::kV1MonitorRun,     false, false, false, false},
    {"GET",  "/v1/users",                      "GET /v1/users",             RouteId::kV1Users,          false, false, false, false},
    {"GET",  "/v1/sources/{source}/diff",      "GET /v1/sources/{source}/diff", RouteId::kV1SourceDiff, false, false, false, false},
};
// clang-format on

// Matches the path's decoded segments against `pattern`, collecting the {x} segments in order.
bool MatchPath(std::string_view pattern, const std::vector<std::string>& segments,
               std::vector<std::string>* args) {
  args->clear();
  pattern.remove_prefix(1);  // every pattern starts with '/'
  bool pattern_left = true;
  for (const std::string& segment : segments) {
    if (!pattern_left) return false;  // the path is longer
    size_t slash = pattern.find('/');
    std::string_view want = pattern.substr(0, slash);
    pattern_left = slash != std::string_view::npos;
    if (pattern_left) pattern.remove_prefix(slash + 1);
    if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
      if (segment.empty()) return false;
      args->push_back(segment);
    } else if (want != segment) {
      return false;
    }
  }
  return !pattern_left;  // else the pattern is longer
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-' || c == ':'))
      return false;
  return true;
}

json ParamsJson(const Params& params) {
  json j = json::object();
  for (const auto& [k, v] : params) {
    if (!j.contains(k)) {
      j[k] = v;
    } else {
      if (!j[k].is_array()) j[k] = json::array({j[k]});
      j[k].push_back(v);
    }
  }
  return j;
}

}  // namespace

struct Api::Call {
  HttpRequest request;
  Clock::time_point start;
  Target target;
  const Route* route = nullptr;
  std::vector<std::string> args;
  std::string request_id;
  std::string who = "anonymous";
};

Api::Api(ApiOptions options, ApiDeps deps) : options_(std::move(options)), deps_(std::move(deps)) {
  unsigned char r[4] = {0, 0, 0, 0};
  if (RAND_bytes(r, sizeof r) != 1) {
    auto t = static_cast<uint32_t>(std::time(nullptr));
    for (int i = 0; i < 4; ++i) r[i] = static_cast<unsigned char>(t >> (8 * i));
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
  id_prefix_ = buf;
}

std::string Api::NewRequestId() { return id_prefix_ + "-" + std::to_string(next_id_.fetch_add(1)); }

bool Api::Prepare(Call& call, HttpResponse* early) {
  std::string_view given = call.request.Header("x-request-id");
  call.request_id = ValidRequestId(given) ? std::string(given) : NewRequestId();
  if (Status s = ParseTarget(call.request.target, &call.target); !s.ok()) {
    *early = ErrorResponse(400, "bad_request", s.message());
    return false;
  }
  const Route* path_match = nullptr;
  std::string allow;
  for (const Route& r : kRoutes) {
    if (!MatchPath(r.pattern, call.target.segments, &call.args)) continue;
    path_match = &r;
    allow += (allow.empty() ? "" : ", ") + std::string(r.method);
    if (call.request.method == r.method) {
      call.route = &r;
      break;
    }
  }
  if (call.route == nullptr) {
    if (path_match != nullptr) {
      *early =
          ErrorResponse(405, "method_not_allowed", "use " + allow + " for " + call.target.path);
      early->headers.emplace_back("allow", allow);
    } else {
      *early = ErrorResponse(404, "not_found", "no such endpoint (see /openapi.json)");
    }
    return false;
  }
  if (!call.route->open && deps_.keys != nullptr && !deps_.keys->empty()) {
    std::string id = deps_.keys->Check(
        PresentedKey(call.request.Header("authorization"), call.request.Header("x-api-key")));
    if (id.empty()) {
      *early = ErrorResponse(401, "unauthorized",
                             "a valid API key is required (Authorization: Bearer <key>, or "
                             "X-API-Key: <key>)");
      early->headers.emplace_back("www-authenticate", "Bearer realm=\"interdict\"");
      return false;
    }
    call.who = std::move(id);
  }
  return true;
}

void Api::Handle(HttpRequest request, std::function<void(HttpResponse)> respond) {
  auto call = std::make_shared<Call>();
  call->start = Clock::now();
  call->request = std::move(request);
  auto answer = [this, call, respond](HttpResponse r) {
    Finish(*call, &r);
    respond(std::move(r));
  };
  HttpResponse early;
  if (!Prepare(*call, &early)) return answer(std::move(early));
  if (call->route->cheap || deps_.pool == nullptr) return answer(Run(*call));
  if (!deps_.pool->TrySubmit([this, call, answer] { answer(Run(*call)); })) {
    HttpResponse busy =
        ErrorResponse(503, "overloaded", "the server is at capacity; retry shortly");
    busy.headers.emplace_back("retry-after", "1");
    answer(std::move(busy));
  }
}

HttpResponse Api::HandleNow(const HttpRequest& request) {
  Call call;
  call.start = Clock::now();
  call.request = request;
  HttpResponse response;
  if (Prepare(call, &response)) response = Run(call);
  Finish(call, &response);
  return response;
}

ErrorDialect ErrorDialectOf(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  auto under = [path](std::string_view prefix) {
    return path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix;
  };
  if (under("/v2/")) return ErrorDialect::kWatchman;
  if (under("/match/") || under("/search/") || under("/entities/") || under("/reconcile/") ||
      path == "/catalog" || path == "/algorithms" || path == "/updatez")
    return ErrorDialect::kYente;
  return ErrorDialect::kInterdict;
}

void Api::ShapeError(std::string_view target, HttpResponse* response) const {
  interdict::server::ShapeError(ErrorDialectOf(target), response);
}

void Api::Finish(Call& call, HttpResponse* response) {
  ShapeError(call.request.target, response);
  response->headers.emplace_back("x-request-id", call.request_id);
  // The web UI's files say how they may be cached (ui.h); every API answer is never stored.
  bool cache_said = false;
  for (const auto& [name, value] : response->headers) cache_said |= name == "cache-control";
  if (!cache_said) response->headers.emplace_back("cache-control", "no-store");
  response->headers.emplace_back("x-content-type-options", "nosniff");
  double seconds = std::chrono::duration<double>(Clock::now() - call.start).count();
  metrics_.Observe(call.route != nullptr ? call.route->label : "unmatched", response->status,
                   seconds);
}

HttpResponse Api::Run(Call& call) {
  try {
    return Dispatch(call);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "interdict serve: request %s (%s): internal error: %s\n",
                 call.request_id.c_str(), call.route->label, e.what());
  } catch (...) {
    std::fprintf(stderr, "interdict serve: request %s (%s): internal error\n",
                 call.request_id.c_str(), call.route->label);
  }
  return ErrorResponse(
      500, "internal",
      "internal error; the server log has the details under request id " + call.request_id);
}

// What the reconciliation endpoint needs of a request: the manifest it may answer points
// OpenRefine back at this server, as the client reached it.
static ReconcileCall ReconcileCallOf(const HttpRequest& request, const Target& target,
                                     Deadline deadline) {
  ReconcileCall r;
  r.method = request.method;
  r.params = target.query;
  r.content_type = std::string(request.Header("content-type"));
  r.body = request.body;
  std::string_view host = request.Header("host");
  r.base_url = (request.Header("x-forwarded-proto") == "https" ? "https://" : "http://") +
               std::string(host.empty() ? "localhost" : host);
  size_t q = request.target.find('?');
  if (q != std::string::npos) r.query_string = request.target.substr(q + 1);
  r.deadline = deadline;
  return r;
}

HttpResponse Api::Dispatch(Call& call) {
  const Route& route = *call.route;
  if (route.id >= RouteId::kV1Me) return CaseWork(call);
  switch (route.id) {
    case RouteId::kHealthz:
      return JsonResponse({{"status", "ok"}});
    case RouteId::kReadyz:
      return Ready();
    case RouteId::kMetrics:
      return RenderMetrics();
    case RouteId::kOpenApi: {
      HttpResponse r;
      r.body = OpenApiJson();
      return r;
    }
    case RouteId::kV1Compare:
      return V1Compare(call.request.body, *deps_.normalizer, *deps_.stats, call.request_id);
    case RouteId::kV1SourceVersions:
      return V1SourceVersions(call.args[0], options_.db_path, call.request_id);
    case RouteId::kYenteAlgorithms:
      return YenteAlgorithms();
    case RouteId::kYenteUpdatez:
      return YenteUpdatez();
    case RouteId::kUiPage:
      return UiResponse("", call.request.Header("if-none-match"));
    case RouteId::kUiFile:
      return UiResponse(call.args[0], call.request.Header("if-none-match"));
    default:
      break;
  }

  // Everything below reads the lists: take the set in service once, for the whole request.
  std::shared_ptr<const ServingLists> lists = deps_.lists->Current();
  if (lists == nullptr) {
    HttpResponse r = ErrorResponse(503, "not_ready", "no list is loaded yet; retry shortly");
    r.headers.emplace_back("retry-after", "5");
    return r;
  }
  if (!route.audited) {
    switch (route.id) {
      case RouteId::kV1Entity:
        return V1Entity(*lists, call.args[0], call.target.query, options_.db_path, call.request_id);
      case RouteId::kV1Sources:
        return V1Sources(*lists);
      case RouteId::kYenteEntity:
        return YenteEntity(*lists, call.args[0]);
      case RouteId::kWatchmanListInfo:
        return WatchmanListInfo(*lists);
      case RouteId::kYenteAdjacent:
        return YenteAdjacent(*lists, call.args[0], call.target.query);
      case RouteId::kYenteCatalog:
        return YenteCatalog(*lists);
      case RouteId::kReconcileSuggestType:
        return ReconcileSuggestType(*lists, call.args[0], call.target.query);
      case RouteId::kReconcileSuggestProperty:
        return ReconcileSuggestProperty(*lists, call.args[0], call.target.query);
      case RouteId::kReconcileProposeProperties:
        return ReconcileProposeProperties(*lists, call.args[0], call.target.query);
      case RouteId::kReconcilePreview:
        return ReconcilePreview(*lists, call.args[0], call.target.query);
      default:
        return ErrorResponse(500, "internal", "unrouted endpoint");
    }
  }

  // Screening: refused up front while the audit log cannot take records, and refused after the
  // fact when it cannot take this one, so that no result leaves the server unaudited.
  const HttpResponse audit_down = ErrorResponse(
      503, "audit_unavailable", "the audit log cannot record requests now; retry shortly");
  if (deps_.audit != nullptr && !deps_.audit->Admit()) return audit_down;
  AuditRecord record;
  record.at = UtcNowMillis();
  AuditInfo info;
  HttpResponse response;
  const Deadline deadline =
      options_.request_deadline.count() > 0 ? call.start + options_.request_deadline : kNoDeadline;
  switch (route.id) {
    case RouteId::kV1Screen:
      response = V1Screen(*lists, call.request.body, deadline, &info, call.request_id);
      break;
    case RouteId::kV1ScreenBatch:
      response = V1ScreenBatch(*lists, call.request.body, options_.max_batch, deadline, &info,
                               call.request_id);
      break;
    case RouteId::kV1Scan:
      response = V1Scan(*lists, call.request.body, deadline, &info, call.request_id);
      break;
    case RouteId::kYenteMatch:
      response = YenteMatch(*lists, call.args[0], call.target.query, call.request.body, deadline,
                            &info, call.request_id);
      break;
    case RouteId::kYenteSearch:
      response =
          YenteSearch(*lists, call.args[0], call.target.query, deadline, &info, call.request_id);
      break;
    case RouteId::kWatchmanSearch:
      response = WatchmanSearch(*lists, call.target.query, deadline, &info, call.request_id);
      break;
    case RouteId::kReconcileGet:
    case RouteId::kReconcilePost:
      response = ReconcileRequest(*lists, call.args[0],
                                  ReconcileCallOf(call.request, call.target, deadline), &info,
                                  call.request_id);
      break;
    case RouteId::kReconcileSuggestEntity:
      response = ReconcileSuggestEntity(*lists, call.args[0], call.target.query, deadline, &info,
                                        call.request_id);
      break;
    default:
      return ErrorResponse(500, "internal", "unrouted endpoint");
  }
  if (deps_.audit == nullptr) return response;
  // A key sent in the URL is still a key: it stays out of the log.
  if (info.query.is_null()) info.query = ParamsJson(WithoutCredentials(call.target.query));
  StripCredentialParams(&info.query);
  json versions = json::array();
  for (const ListVersion& v : lists->snapshot().versions())
    versions.push_back({{"source", v.source}, {"version", v.id}});
  record.who = call.who;
  record.request_id = call.request_id;
  record.endpoint = route.label;
  record.status = response.status;
  record.query = DumpJson(info.query);
  record.list_versions = DumpJson(versions);
  record.result_count = info.result_count;
  record.max_score = info.max_score;
  record.results = DumpJson(info.results);
  if (!deps_.audit->Submit(std::move(record))) return audit_down;
  return response;
}

HttpResponse Api::CaseWork(Call& call) {
  if (deps_.countries == nullptr)
    return ErrorResponse(501, "not_implemented", "this server does no case work");
  const bool keyed = deps_.keys != nullptr && !deps_.keys->empty();
  const std::string key_id = keyed ? call.who : std::string();
  const CaseRequest r{.db_path = options_.db_path,
                      .lists = deps_.lists->Current(),
                      .countries = *deps_.countries,
                      .key_id = key_id,
                      .args = call.args,
                      .query = call.target.query,
                      .body = call.request.body,
                      .request_id = call.request_id,
                      .monitor = deps_.monitor};
  switch (call.route->id) {
    case RouteId::kV1Me:
      return V1Me(r);
    case RouteId::kV1Alerts:
      return V1Alerts(r);
    case RouteId::kV1Alert:
      return V1Alert(r);
    case RouteId::kV1AlertMove:
      return V1AlertMove(r);
    case RouteId::kV1AlertAssign:
      return V1AlertAssign(r);
    case RouteId::kV1AlertDecide:
      return V1AlertDecide(r);
    case RouteId::kV1AlertReview:
      return V1AlertReview(r);
    case RouteId::kV1Rules:
      return V1Rules(r);
    case RouteId::kV1RuleCreate:
      return V1RuleCreate(r);
    case RouteId::kV1RuleRevoke:
      return V1RuleRevoke(r);
    case RouteId::kV1Customers:
      return V1Customers(r);
    case RouteId::kV1Customer:
      return V1Customer(r);
    case RouteId::kV1Audit:
      return V1Audit(r);
    case RouteId::kV1AuditVerify:
      return V1AuditVerify(r);
    case RouteId::kV1MonitorRuns:
      return V1MonitorRuns(r);
    case RouteId::kV1MonitorRun:
      return V1MonitorRun(r);
    case RouteId::kV1Users:
      return V1Users(r);
    case RouteId::kV1SourceDiff:
      return V1SourceDiff(r);
    default:
      return ErrorResponse(500, "internal", "unrouted endpoint");
  }
}

HttpResponse Api::Ready() const {
  std::shared_ptr<const ServingLists> lists = deps_.lists->Current();
  json reasons = json::array();
  json sources = json::array();
  if (lists == nullptr) {
    reasons.push_back("no list is loaded yet");
  } else {
    for (const ListVersion& v : lists->snapshot().versions()) {
      json s = {{"source", v.source}, {"version", v.id}, {"imported_at", v.imported_at}};
      std::optional<double> age = AgeSeconds(v.imported_at);
      if (age.has_value()) s["age_seconds"] = *age;
      // A list is as fresh as its last confirmation: its import, or a later fetch by `interdict
      // update` that found it unchanged (which makes no new version).
      std::optional<double> unconfirmed = age;
      const std::string fetched = deps_.lists->LastFetched(v.source);
      if (!fetched.empty()) {
        s["last_fetched"] = fetched;
        std::optional<double> since = AgeSeconds(fetched);
        if (since.has_value() && (!unconfirmed.has_value() || *since < *unconfirmed))
          unconfirmed = since;
      }
      if (unconfirmed.has_value()) s["unconfirmed_seconds"] = *unconfirmed;
      if (options_.max_list_age.count() > 0 &&
          (!unconfirmed.has_value() ||
           *unconfirmed > static_cast<double>(options_.max_list_age.count())))
        reasons.push_back(v.source + " version " + std::to_string(v.id) + " is older than " +
                          std::to_string(options_.max_list_age.count()) + " s: imported " +
                          v.imported_at + ", last fetched " +
                          (fetched.empty() ? "never" : fetched) + " (stale)");
      sources.push_back(std::move(s));
    }
  }
  for (std::string& reason : deps_.lists->NotReadyReasons()) reasons.push_back(std::move(reason));
  if (deps_.audit != nullptr)
    if (std::string problem = deps_.audit->Problem(); !problem.empty())
      reasons.push_back(std::move(problem));
  // Monitoring is shown, not judged: a failed run leaves screening as good as it was.
  json monitor = nullptr;
  if (deps_.monitor != nullptr) {
    const std::string error = deps_.monitor->last_error();
    monitor = {{"runs_ok", deps_.monitor->runs_ok()},
               {"runs_failed", deps_.monitor->runs_failed()},
               {"last_error", error.empty() ? json(nullptr) : json(error)}};
  }
  if (reasons.empty())
    return JsonResponse({{"status", "ok"}, {"lists", std::move(sources)}, {"monitor", monitor}});
  HttpResponse r = ErrorResponse(503, "not_ready", reasons[0].get<std::string>());
  json j = json::parse(r.body);
  j["status"] = "not_ready";
  j["reasons"] = std::move(reasons);
  j["lists"] = std::move(sources);
  j["monitor"] = std::move(monitor);
  r.body = DumpJson(j);
  return r;
}

HttpResponse Api::RenderMetrics() const {
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  std::string& out = r.body;
  metrics_.Render(&out);
  std::shared_ptr<const ServingLists> lists = deps_.lists->Current();
  Metrics::AppendHeader(&out, "interdict_lists_loaded", "gauge",
                        "1 when lists are loaded and screening is possible.");
  Metrics::AppendSample(&out, "interdict_lists_loaded", {}, lists != nullptr ? 1 : 0);
  Metrics::AppendHeader(&out, "interdict_list_version", "gauge",
                        "The list version in service, per source.");
  if (lists != nullptr)
    for (const ListVersion& v : lists->snapshot().versions())
      Metrics::AppendSample(&out, "interdict_list_version", {{"source", v.source}},
                            static_cast<double>(v.id));
  Metrics::AppendHeader(&out, "interdict_list_records", "gauge",
                        "Records of the list version in service, per source.");
  if (lists != nullptr)
    for (const ListVersion& v : lists->snapshot().versions())
      Metrics::AppendSample(&out, "interdict_list_records", {{"source", v.source}},
                            static_cast<double>(v.record_count));
  Metrics::AppendHeader(&out, "interdict_list_age_seconds", "gauge",
                        "Seconds since the list version in service was imported, per source.");
  if (lists != nullptr)
    for (const ListVersion& v : lists->snapshot().versions())
      if (std::optional<double> age = AgeSeconds(v.imported_at))
        Metrics::AppendSample(&out, "interdict_list_age_seconds", {{"source", v.source}}, *age);
  Metrics::AppendHeader(&out, "interdict_list_reloads_total", "counter",
                        "List sets put in service (the first load included).");
  Metrics::AppendSample(&out, "interdict_list_reloads_total", {},
                        static_cast<double>(deps_.lists->reloads()));
  deps_.lists->RenderMetrics(&out);
  if (deps_.monitor != nullptr) deps_.monitor->RenderMetrics(&out);
  if (deps_.pool != nullptr) {
    Metrics::AppendHeader(&out, "interdict_worker_queue_depth", "gauge",
                          "Requests waiting for a worker.");
    Metrics::AppendSample(&out, "interdict_worker_queue_depth", {},
                          static_cast<double>(deps_.pool->queued()));
  }
  if (deps_.audit != nullptr) {
    Metrics::AppendHeader(&out, "interdict_audit_records_written_total", "counter",
                          "Audit records committed to the store.");
    Metrics::AppendSample(&out, "interdict_audit_records_written_total", {},
                          static_cast<double>(deps_.audit->written()));
    Metrics::AppendHeader(&out, "interdict_audit_queue_depth", "gauge",
                          "Audit records waiting to be written.");
    Metrics::AppendSample(&out, "interdict_audit_queue_depth", {},
                          static_cast<double>(deps_.audit->queued()));
    Metrics::AppendHeader(&out, "interdict_audit_write_failures_total", "counter",
                          "Failed audit batch writes (each retried).");
    Metrics::AppendSample(&out, "interdict_audit_write_failures_total", {},
                          static_cast<double>(deps_.audit->write_failures()));
    Metrics::AppendHeader(&out, "interdict_audit_refused_total", "counter",
                          "Screening requests refused because the audit log could not take them.");
    Metrics::AppendSample(&out, "interdict_audit_refused_total", {},
                          static_cast<double>(deps_.audit->refused()));
  }
  if (deps_.server_stats) {
    HttpServerStats s = deps_.server_stats();
    Metrics::AppendHeader(&out, "interdict_http_connections_open", "gauge", "Open connections.");
    Metrics::AppendSample(&out, "interdict_http_connections_open", {},
                          static_cast<double>(s.connections_open));
    Metrics::AppendHeader(&out, "interdict_http_connections_accepted_total", "counter",
                          "Connections accepted.");
    Metrics::AppendSample(&out, "interdict_http_connections_accepted_total", {},
                          static_cast<double>(s.connections_accepted));
    Metrics::AppendHeader(&out, "interdict_http_connections_rejected_total", "counter",
                          "Connections closed at once: all open ones were busy.");
    Metrics::AppendSample(&out, "interdict_http_connections_rejected_total", {},
                          static_cast<double>(s.connections_rejected));
    Metrics::AppendHeader(&out, "interdict_http_timeouts_total", "counter",
                          "Connections dropped because a request arrived too slowly.");
    Metrics::AppendSample(&out, "interdict_http_timeouts_total", {},
                          static_cast<double>(s.timeouts));
    Metrics::AppendHeader(&out, "interdict_http_malformed_requests_total", "counter",
                          "Requests refused by the HTTP parser (400, 413, 431).");
    Metrics::AppendSample(&out, "interdict_http_malformed_requests_total", {},
                          static_cast<double>(s.bad_requests));
    Metrics::AppendHeader(&out, "interdict_http_connections_rejected_per_address_total", "counter",
                          "Connections closed at once: their address had its share.");
    Metrics::AppendSample(&out, "interdict_http_connections_rejected_per_address_total", {},
                          static_cast<double>(s.connections_rejected_per_address));
    Metrics::AppendHeader(&out, "interdict_http_connections_evicted_total", "counter",
                          "Connections without a complete request, closed to make room.");
    Metrics::AppendSample(&out, "interdict_http_connections_evicted_total", {},
                          static_cast<double>(s.connections_evicted));
    Metrics::AppendHeader(&out, "interdict_http_first_byte_timeouts_total", "counter",
                          "New connections closed for sending nothing.");
    Metrics::AppendSample(&out, "interdict_http_first_byte_timeouts_total", {},
                          static_cast<double>(s.first_byte_timeouts));
    Metrics::AppendHeader(&out, "interdict_http_write_timeouts_total", "counter",
                          "Connections dropped because the client did not take its response.");
    Metrics::AppendSample(&out, "interdict_http_write_timeouts_total", {},
                          static_cast<double>(s.write_timeouts));
    Metrics::AppendHeader(&out, "interdict_http_response_bytes_pending", "gauge",
                          "Bytes of responses made and not yet taken by the client's socket.");
    Metrics::AppendSample(&out, "interdict_http_response_bytes_pending", {},
                          static_cast<double>(s.response_bytes_pending));
  }
  return r;
}

}  // namespace interdict::server
