// What the endpoint implementations (v1_api.cc, yente.cc, watchman.cc) share: parameter and body
// parsing that fails closed with a 4xx, multi-name screening, and what a screening endpoint
// reports to the audit log. Internal to the server stage.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "match/matcher.h"
#include "server/http_types.h"
#include "server/live_lists.h"

namespace interdict::server {

using Params = std::vector<std::pair<std::string, std::string>>;

// Deepest JSON nesting a request body may have. Deeper bodies are refused before parsing, so
// that no recursive walk of a hostile document (serialising it for the audit log) can exhaust a
// thread's stack.
inline constexpr int kMaxJsonDepth = 32;

// Response amplification: a few KB of request may ask for queries × limit matches, each ~600
// bytes with its explanation. A screening request may return at most kMaxMatchesPerRequest
// matches (refused up front from queries × limit: 400 batch_too_large) and a body of at most
// kMaxResponseBytes (400 response_too_large); its audit record keeps at most
// kAuditMatchesPerQuery [entity id, score] pairs per query (the best; result_count and max_score
// still count every match).
inline constexpr size_t kMaxMatchesPerRequest = 10'000;
inline constexpr size_t kMaxResponseBytes = 8 << 20;
inline constexpr size_t kAuditMatchesPerQuery = 25;

// What a screening endpoint found, for the audit log.
struct AuditInfo {
  nlohmann::json query;                              // the request, as JSON
  nlohmann::json results = nlohmann::json::array();  // per query, its best [[entity id, score]]
  int64_t result_count = 0;
  std::optional<double> max_score;
};

// One match of a multi-name query: the match, and which of the query's names produced it.
struct NamedMatch {
  MatchResult match;
  std::string query_name;
};

// Parses a JSON body. On failure fills *error (400) and returns false: empty body, too deep,
// malformed JSON (invalid UTF-8 included).
bool ParseJsonBody(const std::string& body, nlohmann::json* out, HttpResponse* error);
// ParseJsonBody, and a 400 unless the body is a JSON object. With `audit`, records the request
// in audit->query: the body, or only its size when it does not parse.
bool ParseJsonObject(const std::string& body, AuditInfo* audit, nlohmann::json* out,
                     HttpResponse* error);

// Query parameters: the first value of `name`, or nullptr.
const std::string* Param(const Params& params, std::string_view name);
// Every value of `name` (and of "name[]", the form some clients send for lists).
std::vector<std::string> ParamAll(const Params& params, std::string_view name);
// Whether a query parameter's name looks like a credential ("api_key", "apiKey", "token",
// "access_token", "password", "client_secret", ...; case, '-' and '_' ignored): a client that
// puts its key in the URL must not have it copied into the audit log.
bool IsCredentialParam(std::string_view name);
// `params` without the credential-like ones.
Params WithoutCredentials(const Params& params);
// Removes credential-like pairs from the ["name", "value"] list under "params" of an audit
// query ({"params": [...]}, as yente and Watchman endpoints record their query strings).
void StripCredentialParams(nlohmann::json* audit_query);

// Parses a parameter as a number in [lo, hi]; *error names it otherwise.
bool ParseDouble(std::string_view text, double lo, double hi, double* out);
bool ParseSize(std::string_view text, size_t lo, size_t hi, size_t* out);

// The response for a failed Status: InvalidInput -> 400, NotFound -> 404, with the status's
// message (these name the caller's own input); DeadlineExceeded -> 503 deadline_exceeded with
// retry-after; anything else -> 500 with a generic message, the real one going to the log with
// `request_id`.
HttpResponse StatusResponse(const Status& status, std::string_view request_id);

// 400 batch_too_large when `queries` × `limit` (0 = no limit: counted as the cap) could return
// more than kMaxMatchesPerRequest matches; `what` names the client's fields ("'queries' ×
// 'limit'"). nullopt when within the cap.
std::optional<HttpResponse> MatchCapError(size_t queries, size_t limit, std::string_view what);

// JsonResponse(j), or 400 response_too_large when its body is over kMaxResponseBytes.
HttpResponse CappedJsonResponse(const nlohmann::json& j);

// Screens `base` once per name in `names` (base.name is ignored; options.deadline bounds them
// all) and merges: per entity the best
// score. Keeps only entities for which `keep` (when given) is true, best first (ties by entity
// id), at most options.limit (0 = all). Warnings are merged without repeats. Errors name the
// failing name's position when there are several.
Status ScreenNames(const ServingLists& lists, const std::vector<std::string>& names,
                   const ScreeningQuery& base, const ScreenOptions& options,
                   const std::function<bool(const Entity&)>& keep, std::vector<NamedMatch>* out,
                   std::vector<std::string>* warnings);

// [{"source", "version", "published", "imported_at"}] of the lists a snapshot holds.
nlohmann::json VersionsJson(const Snapshot& snapshot);

// Adds one query's matches (best first) to the audit summary: the first kAuditMatchesPerQuery
// as pairs, all of them to result_count and max_score.
void AuditMatches(const std::vector<NamedMatch>& matches, AuditInfo* audit);
void AuditMatches(const std::vector<MatchResult>& matches, AuditInfo* audit);

// "us_ofac_sdn" and "us-ofac-sdn" name the same source (yente and Watchman clients use '_').
std::string CanonicalSource(std::string_view name);

// Whether the snapshot holds a source of that (canonical) name.
bool HasSource(const Snapshot& snapshot, const std::string& source);

// The part of an entity id after "<source>:".
std::string_view LocalId(const Entity& e);

// "YYYY-MM-DDTHH:MM:SSZ" (UTC), the form of store timestamps.
std::string IsoTime(std::chrono::system_clock::time_point t);

// Seconds since a store timestamp "YYYY-MM-DDTHH:MM:SSZ"; nullopt when unreadable.
std::optional<double> AgeSeconds(const std::string& iso_utc);

// Endpoint implementations. Each returns the response; screening ones fill *audit, and answer
// 503 deadline_exceeded when `deadline` passes before they are done.
HttpResponse V1Screen(const ServingLists& lists, const std::string& body, Deadline deadline,
                      AuditInfo* audit, std::string_view request_id);
HttpResponse V1ScreenBatch(const ServingLists& lists, const std::string& body, size_t max_batch,
                           Deadline deadline, AuditInfo* audit, std::string_view request_id);
HttpResponse V1Compare(const std::string& body, const NameNormalizer& normalizer,
                       const TokenStats& stats, std::string_view request_id);
HttpResponse V1Entity(const ServingLists& lists, const std::string& id, const Params& params,
                      const std::string& db_path, std::string_view request_id);
HttpResponse V1Sources(const ServingLists& lists);
HttpResponse V1SourceVersions(const std::string& source, const std::string& db_path,
                              std::string_view request_id);

// POST /v1/scan (scan_api.cc); 503 deadline_exceeded, with no hits, when `deadline` passes
// before the text or messages are scanned.
HttpResponse V1Scan(const ServingLists& lists, const std::string& body, Deadline deadline,
                    AuditInfo* audit, std::string_view request_id);

HttpResponse YenteMatch(const ServingLists& lists, const std::string& dataset, const Params& params,
                        const std::string& body, Deadline deadline, AuditInfo* audit,
                        std::string_view request_id);
HttpResponse YenteSearch(const ServingLists& lists, const std::string& dataset,
                         const Params& params, Deadline deadline, AuditInfo* audit,
                         std::string_view request_id);
HttpResponse YenteEntity(const ServingLists& lists, const std::string& id);
// yente's other endpoints (yente.cc): /entities/{id}/adjacent, /catalog, /algorithms, /updatez.
HttpResponse YenteAdjacent(const ServingLists& lists, const std::string& id, const Params& params);
HttpResponse YenteCatalog(const ServingLists& lists);
HttpResponse YenteAlgorithms();
HttpResponse YenteUpdatez();

HttpResponse WatchmanSearch(const ServingLists& lists, const Params& params, Deadline deadline,
                            AuditInfo* audit, std::string_view request_id);
HttpResponse WatchmanListInfo(const ServingLists& lists);

}  // namespace interdict::server
