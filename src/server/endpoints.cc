#include "server/endpoints.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <unordered_map>

#include "core/utc_now.h"
#include "match/explain.h"

namespace interdict::server {
namespace {

using nlohmann::json;

// Whether no array or object in `text` nests deeper than `max` (strings skipped). A malformed
// document may pass; the parser refuses it next.
bool DepthWithin(std::string_view text, int max) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

bool ParseJsonBody(const std::string& body, json* out, HttpResponse* error) {
  if (body.empty()) {
    *error =
        ErrorResponse(400, "invalid_json", "the request body is empty; a JSON object is expected");
    return false;
  }
  if (!DepthWithin(body, kMaxJsonDepth)) {
    *error = ErrorResponse(
        400, "invalid_json",
        "the request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  *out = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {
    *error = ErrorResponse(400, "invalid_json",
                           "the request body is not valid JSON (or not valid UTF-8)");
    return false;
  }
  return true;
}

bool ParseJsonObject(const std::string& body, AuditInfo* audit, json* out, HttpResponse* error) {
  if (!ParseJsonBody(body, out, error)) {
    if (audit != nullptr) audit->query = {{"unparsed_body_bytes", body.size()}};
    return false;
  }
  if (audit != nullptr) audit->query = *out;
  if (!out->is_object()) {
    *error = ErrorResponse(400, "invalid_request", "the body must be a JSON object");
    return false;
  }
  return true;
}

const std::string* Param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

std::vector<std::string> ParamAll(const Params& params, std::string_view name) {
  std::vector<std::string> out;
  std::string bracketed = std::string(name) + "[]";
  for (const auto& [k, v] : params)
    if (k == name || k == bracketed) out.push_back(v);
  return out;
}

bool IsCredentialParam(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '[' || c == ']') continue;
    n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  static constexpr std::string_view kNames[] = {
      "key",         "auth", "authorization", "bearer",  "pwd",       "pass", "credential",
      "credentials", "sig",  "signature",     "session", "sessionid", "jwt"};
  static constexpr std::string_view kEndings[] = {
      "apikey",    "token",      "secret",  "password",  "passwd",
      "accesskey", "privatekey", "authkey", "secretkey", "passphrase"};
  for (std::string_view k : kNames)
    if (n == k) return true;
  for (std::string_view e : kEndings)
    if (n.size() >= e.size() && n.compare(n.size() - e.size(), e.size(), e) == 0) return true;
  return false;
}

Params WithoutCredentials(const Params& params) {
  Params out;
  for (const auto& p : params)
    if (!IsCredentialParam(p.first)) out.push_back(p);
  return out;
}

void StripCredentialParams(json* audit_query) {
  if (!audit_query->is_object()) return;
  auto it = audit_query->find("params");
  if (it == audit_query->end() || !it->is_array()) return;
  json kept = json::array();
  for (json& pair : *it) {
    bool credential = pair.is_array() && !pair.empty() && pair[0].is_string() &&
                      IsCredentialParam(pair[0].get_ref<const std::string&>());
    if (!credential) kept.push_back(std::move(pair));
  }
  *it = std::move(kept);
}

bool ParseDouble(std::string_view text, double lo, double hi, double* out) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= lo && v <= hi)) return false;
  *out = v;
  return true;
}

bool ParseSize(std::string_view text, size_t lo, size_t hi, size_t* out) {
  size_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) return false;
  *out = v;
  return true;
}

HttpResponse StatusResponse(const Status& status, std::string_view request_id) {
  switch (status.code()) {
    case Status::Code::kInvalidInput:
      return ErrorResponse(400, "invalid_request", status.message());
    case Status::Code::kNotFound:
      return ErrorResponse(404, "not_found", status.message());
    case Status::Code::kConflict:
      return ErrorResponse(409, "conflict", status.message());
    case Status::Code::kPermissionDenied:
      return ErrorResponse(403, "forbidden", status.message());
    case Status::Code::kDeadlineExceeded: {
      HttpResponse r = ErrorResponse(
          503, "deadline_exceeded",
          status.message() + "; the request was not answered, not even in part: retry shortly");
      r.headers.emplace_back("retry-after", "1");
      return r;
    }
    default:
      std::fprintf(stderr, "interdict serve: request %.*s: internal error: %s\n",
                   static_cast<int>(request_id.size()), request_id.data(),
                   status.message().c_str());
      return ErrorResponse(500, "internal",
                           "internal error; the server log has the details under request id " +
                               std::string(request_id));
  }
}

std::optional<HttpResponse> MatchCapError(size_t queries, size_t limit, std::string_view what) {
  const size_t most = limit == 0 ? kMaxMatchesPerRequest : limit;
  if (queries <= kMaxMatchesPerRequest / most) return std::nullopt;
  const std::string asked = limit == 0 ? "every match of " + std::to_string(queries) + " queries"
                                       : std::to_string(queries) + " × " + std::to_string(limit) +
                                             " = " + std::to_string(queries * limit) + " matches";
  return ErrorResponse(400, "batch_too_large",
                       std::string(what) + " asks for up to " + asked + "; at most " +
                           std::to_string(kMaxMatchesPerRequest) +
                           " per request: send fewer queries or a lower limit");
}

HttpResponse CappedJsonResponse(const json& j) {
  HttpResponse r = JsonResponse(j);
  if (r.body.size() <= kMaxResponseBytes) return r;
  return ErrorResponse(400, "response_too_large",
                       "the response would be " + std::to_string(r.body.size()) +
                           " bytes; at most " + std::to_string(kMaxResponseBytes) +
                           " per request: send fewer queries or a lower limit");
}

Status ScreenNames(const ServingLists& lists, const std::vector<std::string>& names,
                   const ScreeningQuery& base, const ScreenOptions& options,
                   const std::function<bool(const Entity&)>& keep, std::vector<NamedMatch>* out,
                   std::vector<std::string>* warnings) {
  out->clear();
  if (names.empty()) return Status::InvalidInput("no name to screen");
  ScreenOptions o = options;
  o.keep = keep;  // the matcher filters before its cut
  ServingLists::Lease session = lists.Session();
  std::unordered_map<const Entity*, size_t> position;
  for (size_t i = 0; i < names.size(); ++i) {
    ScreeningQuery q = base;
    q.name = names[i];
    ScreenResult r;
    Status s = lists.matcher().Screen(q, o, session.get(), &r);
    if (!s.ok()) {
      return names.size() > 1
                 ? s.WithContext("name " + std::to_string(i + 1) + " ('" + names[i] + "')")
                 : s;
    }
    for (std::string& w : r.warnings)
      if (std::find(warnings->begin(), warnings->end(), w) == warnings->end())
        warnings->push_back(std::move(w));
    for (MatchResult& m : r.matches) {
      auto it = position.find(m.entity);
      if (it == position.end()) {
        position.emplace(m.entity, out->size());
        out->push_back({std::move(m), names[i]});
      } else if (m.score > (*out)[it->second].match.score) {
        (*out)[it->second] = {std::move(m), names[i]};
      }
    }
  }
  std::sort(out->begin(), out->end(), [](const NamedMatch& a, const NamedMatch& b) {
    if (a.match.score != b.match.score) return a.match.score > b.match.score;
    return a.match.entity->id < b.match.entity->id;
  });
  if (options.limit > 0 && out->size() > options.limit) out->resize(options.limit);
  return Status::Ok();
}

json VersionsJson(const Snapshot& snapshot) {
  json a = json::array();
  for (const ListVersion& v : snapshot.versions())
    a.push_back({{"source", v.source},
                 {"version", v.id},
                 {"published", v.published},
                 {"imported_at", v.imported_at}});
  return a;
}

namespace {

// One query's [entity id, score] pairs, best first, at most kAuditMatchesPerQuery of them.
template <typename T, typename Get>
void AuditBest(const std::vector<T>& matches, Get get, AuditInfo* audit) {
  json q = json::array();
  for (const T& t : matches) {
    const MatchResult& m = get(t);
    if (q.size() < kAuditMatchesPerQuery) q.push_back({m.entity->id, Round3(m.score)});
    audit->max_score = std::max(audit->max_score.value_or(0.0), Round3(m.score));
  }
  audit->result_count += static_cast<int64_t>(matches.size());
  audit->results.push_back(std::move(q));
}

}  // namespace

void AuditMatches(const std::vector<MatchResult>& matches, AuditInfo* audit) {
  AuditBest(
      matches, [](const MatchResult& m) -> const MatchResult& { return m; }, audit);
}

void AuditMatches(const std::vector<NamedMatch>& matches, AuditInfo* audit) {
  AuditBest(
      matches, [](const NamedMatch& m) -> const MatchResult& { return m.match; }, audit);
}

std::string CanonicalSource(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

bool HasSource(const Snapshot& snapshot, const std::string& source) {
  for (const ListVersion& v : snapshot.versions())
    if (v.source == source) return true;
  return false;
}

std::string_view LocalId(const Entity& e) {
  std::string_view id = e.id;
  size_t colon = id.find(':');
  return colon == std::string_view::npos ? id : id.substr(colon + 1);
}

std::string IsoTime(std::chrono::system_clock::time_point t) {
  return UtcIso(std::chrono::system_clock::to_time_t(t));
}

std::optional<double> AgeSeconds(const std::string& iso_utc) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::difftime(std::time(nullptr), t);
}

}  // namespace interdict::server
