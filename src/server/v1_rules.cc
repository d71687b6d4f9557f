// /v1/rules: listing, making (from an alert or a customer-record pair) and revoking good-guy rules.
#include "core/utc_now.h"
#include "monitor/rules.h"
#include "server/case_api.h"

namespace interdict::server {
namespace {

using nlohmann::json;

// The rule `id` as stored now.
Status FindRule(Store& store, int64_t id, GoodGuyRule* out) {
  std::vector<GoodGuyRule> rules;
  INTERDICT_RETURN_IF_ERROR(ListRules(store, /*all=*/true, &rules));
  for (GoodGuyRule& rule : rules)
    if (rule.id == id) {
      *out = std::move(rule);
      return Status::Ok();
    }
  return Status::NotFound("no rule " + std::to_string(id));
}

}  // namespace

HttpResponse V1Rules(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  const std::string* active = Param(r.query, "active");
  if (active != nullptr && *active != "true" && *active != "false")
    return ErrorResponse(400, "invalid_request", "'active' must be true or false");
  std::vector<GoodGuyRule> rules;
  if (Status st = ListRules(*s.store, /*all=*/true, &rules); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  const std::string now = UtcNowMillis();
  json out = json::array();
  for (const GoodGuyRule& rule : rules)
    if (active == nullptr || RuleInForce(rule, now) == (*active == "true"))
      out.push_back(RuleToJson(rule));
  return JsonResponse({{"rules", std::move(out)}});
}

HttpResponse V1RuleCreate(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  json body;
  int64_t alert = 0;
  std::string customer, entity, reason, expires_at;
  if (!BeginCase(r, &s, &error) || !ParseJsonObject(r.body, nullptr, &body, &error) ||
      !BodyInt(body, "alert", false, &alert, &error) ||
      !BodyString(body, "customer", false, &customer, &error) ||
      !BodyString(body, "entity", false, &entity, &error) ||
      !BodyString(body, "reason", true, &reason, &error) ||
      !BodyString(body, "expires_at", false, &expires_at, &error))
    return error;
  if ((alert > 0) == (!customer.empty() || !entity.empty()) ||
      (alert == 0 && (customer.empty() || entity.empty())))
    return ErrorResponse(400, "invalid_request",
                         "give either 'alert' (an alert id) or both 'customer' and 'entity'");
  GoodGuyRule rule;
  Status st = alert > 0
                  ? CreateRuleFromAlert(*s.store, alert, reason, expires_at, s.user.name, &rule)
                  : CreateRule(*s.store, customer, entity, reason, expires_at, s.user.name, &rule);
  if (!st.ok()) return StatusResponse(st, r.request_id);
  return JsonResponse(RuleToJson(rule));
}

HttpResponse V1RuleRevoke(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  json body;
  std::string reason;
  size_t id = 0;
  if (!BeginCase(r, &s, &error) || !ParseJsonObject(r.body, nullptr, &body, &error) ||
      !BodyString(body, "reason", true, &reason, &error))
    return error;
  if (!ParseSize(r.args[0], 1, INT64_MAX, &id))
    return ErrorResponse(404, "not_found", "no rule '" + r.args[0] + "' (rule ids are numbers)");
  if (Status st = RevokeRule(*s.store, static_cast<int64_t>(id), reason, s.user.name); !st.ok())
    return StatusResponse(st, r.request_id);
  GoodGuyRule rule;
  if (Status st = FindRule(*s.store, static_cast<int64_t>(id), &rule); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  return JsonResponse(RuleToJson(rule));
}

}  // namespace interdict::server
