// OpenRefine reconciliation (the Reconciliation Service API 0.2, as yente serves it) under
// /reconcile/{dataset}. Responses follow the 0.2 JSON schemas (tests/fixtures/reconciliation-0.2)
// and yente's shapes; errors are Interdict's {"error": ...} with yente's "detail" beside it.
// A reconciliation query is screened as yente's /match screens an FtM example (yente.h): a query
// the server cannot read fails the whole batch with a 400, never an empty result. Internal to the
// server stage.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/endpoints.h"

namespace interdict::server {

// What GET and POST /reconcile/{dataset} need of the request.
struct ReconcileCall {
  std::string method;        // "GET" or "POST"
  Params params;             // the query string's
  std::string content_type;  // of the body
  std::string body;          // a form (queries=..., extend=...) or JSON
  std::string base_url;      // "http://host:port": where the manifest points clients
  std::string query_string;  // passed on in the manifest's service paths (API keys)
  Deadline deadline = kNoDeadline;
};

// GET or POST /reconcile/{dataset}: `extend` (a data extension request) or `queries` (a query
// batch), from the query string, a form body, or a JSON body ({"queries": ...}, {"extend": ...}
// or a bare batch); a GET with neither is the service manifest, a POST with neither a 400.
HttpResponse ReconcileRequest(const ServingLists& lists, const std::string& dataset,
                              const ReconcileCall& call, AuditInfo* audit,
                              std::string_view request_id);

// The service manifest: suggest, extend and preview services under `base_url`.
HttpResponse ReconcileManifest(const ServingLists& lists, const std::string& dataset,
                               const std::string& base_url, const std::string& query_string);

// A query batch ({"q0": {"query", "type", "limit", "properties": [{"pid", "v"}]}}): per query
// {"result": [{"id", "name", "description", "type", "score", "match"}]}, best first; `match`
// is score >= the default threshold.
HttpResponse ReconcileQueries(const ServingLists& lists, const std::string& dataset,
                              const nlohmann::json& queries, Deadline deadline, AuditInfo* audit,
                              std::string_view request_id);

// A data extension request ({"ids", "properties": [{"id", "settings": {"limit", "render"}}]}):
// {"meta": [{"id", "name"}], "rows": {id: {property: [{"str": value}]}}}. Ids not loaded get an
// empty row, as in yente.
HttpResponse ReconcileExtend(const ServingLists& lists, const std::string& dataset,
                             const nlohmann::json& extend);

// GET .../suggest/entity?prefix=&limit=: records whose names match the prefix (none for an
// empty prefix). A screening: fills *audit.
HttpResponse ReconcileSuggestEntity(const ServingLists& lists, const std::string& dataset,
                                    const Params& params, Deadline deadline, AuditInfo* audit,
                                    std::string_view request_id);
// GET .../suggest/type?prefix= and .../suggest/property?prefix=: the matchable FtM schemata and
// their properties ("Schema:property") whose name or label starts with the prefix.
HttpResponse ReconcileSuggestType(const ServingLists& lists, const std::string& dataset,
                                  const Params& params);
HttpResponse ReconcileSuggestProperty(const ServingLists& lists, const std::string& dataset,
                                      const Params& params);
// GET .../extend/property?type=&limit=: the properties data extension can fetch for a type.
HttpResponse ReconcileProposeProperties(const ServingLists& lists, const std::string& dataset,
                                        const Params& params);
// GET .../preview?id=: a small HTML card of the record, for OpenRefine's preview pane.
HttpResponse ReconcilePreview(const ServingLists& lists, const std::string& dataset,
                              const Params& params);

}  // namespace interdict::server
