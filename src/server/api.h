// Api: the server's HttpHandler. Routes each request, checks its API key, runs it (cheap
// endpoints on the network thread, screening on the worker pool, 503 when the pool's queue is
// full), writes screening requests to the audit log, and counts everything for /metrics.
//
// Endpoints (docs/api.md and GET /openapi.json describe them in full):
//   GET  /healthz /readyz /metrics /openapi.json
//   POST /v1/screen, /v1/screen/batch, /v1/compare, /v1/scan; GET /v1/entities/{id}, /v1/sources,
//        /v1/sources/{source}/versions
//   yente:    POST /match/{dataset}, GET /search/{dataset}, GET /entities/{id}
//   Watchman: GET /v2/search, /v2/listinfo
//   case work (case_api.h): /v1/me, /v1/alerts..., /v1/rules..., /v1/customers..., /v1/audit...,
//        /v1/monitor/..., /v1/users, /v1/sources/{source}/diff
//
// Fails closed: a request that cannot be answered fully gets a 4xx/5xx JSON error, never an
// empty or partial result. Its shape is the dialect's of the request's path (ErrorDialect):
// {"error": {"code", "message"}}, plus "detail" on yente's paths, {"error": message, "code"} on
// Watchman's (/v2/...), whoever made the error (endpoint, router, HTTP server). Before lists are
// loaded (503 not_ready), when the audit log cannot take the record (503 audit_unavailable), on any
// internal error (500, details only in the server log under the request id).
//
// Thread-safety: Handle() may be called from any number of threads.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "core/country.h"
#include "index/token_stats.h"
#include "normalize/normalizer.h"
#include "server/api_keys.h"
#include "server/audit_writer.h"
#include "server/http_server.h"
#include "server/live_lists.h"
#include "server/metrics.h"
#include "server/worker_pool.h"

namespace interdict::server {

class MonitorRunner;

struct ApiOptions {
  std::string db_path;     // for entity lookups in older list versions and version listings
  size_t max_batch = 100;  // queries per /v1/screen/batch request
  // /readyz fails when the newest version of any loaded source was imported longer ago than
  // this; 0 = no age limit.
  std::chrono::seconds max_list_age{0};
  // A screening request not answered this long after it arrived (queueing included) gets 503
  // deadline_exceeded instead of a result; 0 = no deadline.
  std::chrono::milliseconds request_deadline{5000};
};

struct ApiDeps {
  LiveLists* lists = nullptr;                     // required
  const ApiKeys* keys = nullptr;                  // null or empty: no authentication
  AuditWriter* audit = nullptr;                   // null: audit log off
  WorkerPool* pool = nullptr;                     // null: everything runs on the calling thread
  const NameNormalizer* normalizer = nullptr;     // required (compare)
  const TokenStats* stats = nullptr;              // required (compare)
  std::function<HttpServerStats()> server_stats;  // optional, for /metrics
  const CountryTable* countries = nullptr;        // null: case-work endpoints answer 501
  MonitorRunner* monitor = nullptr;               // null: no monitoring by the server
};

class Api : public HttpHandler {
 public:
  Api(ApiOptions options, ApiDeps deps);

  void Handle(HttpRequest request, std::function<void(HttpResponse)> respond) override;
  void ShapeError(std::string_view target, HttpResponse* response) const override;

  // The whole pipeline on the calling thread (tests, fuzzer).
  HttpResponse HandleNow(const HttpRequest& request);

  const Metrics& metrics() const { return metrics_; }

  struct Call;  // one request in flight (api.cc)

 private:
  bool Prepare(Call& call, HttpResponse* early);
  HttpResponse Run(Call& call);
  HttpResponse Dispatch(Call& call);
  HttpResponse CaseWork(Call& call);  // the case-work endpoints (case_api.h)
  HttpResponse Ready() const;
  HttpResponse RenderMetrics() const;
  void Finish(Call& call, HttpResponse* response);  // common headers, metrics
  std::string NewRequestId();

  const ApiOptions options_;
  const ApiDeps deps_;
  Metrics metrics_;
  std::string id_prefix_;
  std::atomic<uint64_t> next_id_{1};
};

// The API family of a request target ("/v2/search?name=x"), by its path; it decides the shape of
// the request's errors. A path no route has (a 404) belongs to the family whose prefix it carries:
// a Watchman client that mistypes /v2/serch still decodes the error.
ErrorDialect ErrorDialectOf(std::string_view target);

// The OpenAPI 3 description of every endpoint (served at /openapi.json).
const std::string& OpenApiJson();

}  // namespace interdict::server
