// POST /v1/scan: free text and payment messages, as `interdict scan` (scan/hit_json.h shapes).
#include "match/explain.h"
#include "scan/hit_json.h"
#include "scan/message_screener.h"
#include "scan/mt_message.h"
#include "scan/pacs008.h"
#include "server/endpoints.h"

namespace interdict::server {
namespace {

using nlohmann::json;

Status Flag(const json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_boolean())
    return Status::InvalidInput(std::string("'") + key + "' must be a boolean");
  *out = it->get<bool>();
  return Status::Ok();
}

void AuditHits(const std::vector<Hit>& hits, AuditInfo* audit) {
  json q = json::array();
  for (const Hit& h : hits) {
    std::string subject =
        h.kind == HitKind::kJurisdiction ? "jurisdiction:" + h.jurisdiction->id : h.entity->id;
    q.push_back({subject, Round3(h.score)});
    audit->max_score = std::max(audit->max_score.value_or(0.0), Round3(h.score));
  }
  audit->result_count += static_cast<int64_t>(hits.size());
  audit->results.push_back(std::move(q));
}

}  // namespace

HttpResponse V1Scan(const ServingLists& lists, const std::string& body, Deadline deadline,
                    AuditInfo* audit, std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonObject(body, audit, &j, &error)) return error;
  if (lists.scanner() == nullptr)
    return ErrorResponse(501, "not_implemented", "scanning is not configured on this server");
  ScanOptions options;
  options.deadline = deadline;
  if (auto t = j.find("threshold"); t != j.end() && !t->is_null()) {
    if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 1)
      return ErrorResponse(400, "invalid_request", "'threshold' must be a number in [0, 1]");
    options.threshold = t->get<float>();
  }
  for (auto [key, field] :
       {std::pair{"parties", &options.parties}, std::pair{"jurisdictions", &options.jurisdictions},
        std::pair{"sectoral", &options.sectoral}}) {
    if (Status s = Flag(j, key, field); !s.ok()) return StatusResponse(s, request_id);
  }
  auto text = j.find("text");
  auto message = j.find("message");
  const bool has_text = text != j.end() && !text->is_null();
  const bool has_message = message != j.end() && !message->is_null();
  if (has_text == has_message)
    return ErrorResponse(400, "invalid_request", "give either 'text' or 'message'");
  json versions = VersionsJson(lists.snapshot());
  const Scanner& scanner = *lists.scanner();
  ServingLists::ScanLease scan_session = lists.ScanSession();
  if (has_text) {
    if (!text->is_string()) return ErrorResponse(400, "invalid_request", "'text' must be a string");
    std::vector<Hit> hits;
    if (Status s = scanner.Scan(text->get<std::string>(), options, scan_session.get(), &hits);
        !s.ok())
      return StatusResponse(s, request_id);
    AuditHits(hits, audit);
    return JsonResponse({{"list_versions", std::move(versions)},
                         {"threshold", Round3(options.threshold)},
                         {"hits", HitsToJson(hits)}});
  }
  if (!message->is_string())
    return ErrorResponse(400, "invalid_request", "'message' must be a string");
  std::string format = j.value("format", "");
  std::vector<PaymentMessage> messages;
  Status parsed;
  if (format == "mt") {
    parsed = ParseMtMessages(message->get<std::string>(), &messages);
  } else if (format == "pacs008") {
    parsed = ParsePacs008(message->get<std::string>(), &messages);
  } else {
    return ErrorResponse(400, "invalid_request", "'format' must be \"mt\" or \"pacs008\"");
  }
  if (!parsed.ok()) return StatusResponse(Status::InvalidInput(parsed.message()), request_id);
  MessageScreener screener(scanner, lists.matcher(), lists.countries());
  ServingLists::Lease match_session = lists.Session();
  std::vector<MessageResult> results;
  for (const PaymentMessage& m : messages) {
    MessageResult r;
    r.message = &m;
    r.type = m.type;
    r.reference = m.reference;
    r.line = m.line;
    if (Status s = screener.Screen(m, options, scan_session.get(), match_session.get(), &r.hits);
        !s.ok())
      return StatusResponse(s, request_id);
    AuditHits(r.hits, audit);
    results.push_back(std::move(r));
  }
  return JsonResponse({{"list_versions", std::move(versions)},
                       {"threshold", Round3(options.threshold)},
                       {"messages", MessagesToJson(results)}});
}

}  // namespace interdict::server
