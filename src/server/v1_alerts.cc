// /v1/me and /v1/alerts: reading alerts with their records and customers, and the case work on
// them (move, assign, decide, four-eyes review), each as the key's user.
#include <algorithm>

#include "core/entity_json.h"
#include "monitor/customer_store.h"
#include "monitor/settings.h"
#include "server/case_api.h"

namespace interdict::server {
namespace {

using nlohmann::json;

constexpr std::pair<Permission, const char*> kPermissions[] = {
    {Permission::kWork, "work"},
    {Permission::kDecide, "decide"},
    {Permission::kDecideEscalated, "decide_escalated"},
    {Permission::kApprove, "approve"},
    {Permission::kReopen, "reopen"},
    {Permission::kRules, "rules"},
    {Permission::kUsers, "users"},
    {Permission::kSettings, "settings"}};

HttpResponse BadParam(const std::string& message) {
  return ErrorResponse(400, "invalid_request", message);
}

// GET /v1/alerts's parameters.
struct AlertQuery {
  AlertFilter filter;  // the part the store selects by (never limited)
  std::vector<AlertStatus> statuses;
  std::string source, program, created_after, created_before;
  std::optional<double> max_score;
  std::string sort = "id";
  int64_t after_id = 0;
  int64_t limit = 100;
};

bool IsoDateLike(const std::string& text) {
  if (text.size() < 10 || text.size() > 30) return false;
  for (size_t i = 0; i < 10; ++i)
    if ((i == 4 || i == 7) ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i])))
      return false;
  return true;
}

bool ReadScore(const Params& q, const char* name, std::optional<double>* out, HttpResponse* error) {
  const std::string* text = Param(q, name);
  if (text == nullptr) return true;
  double v = 0;
  if (!ParseDouble(*text, 0, 1, &v)) {
    *error = BadParam(std::string("'") + name + "' must be a number in [0, 1]");
    return false;
  }
  *out = v;
  return true;
}

bool ReadAlertQuery(const Params& q, AlertQuery* out, HttpResponse* error) {
  for (const std::string& s : ParamAll(q, "status")) {
    AlertStatus st;
    if (!ParseAlertStatus(s, &st)) {
      *error = BadParam("'status' must be one of " + AlertStatusNames() + ", not '" + s + "'");
      return false;
    }
    out->statuses.push_back(st);
  }
  if (const std::string* v = Param(q, "customer")) out->filter.customer_id = *v;
  if (const std::string* v = Param(q, "entity")) out->filter.entity_id = *v;
  if (const std::string* v = Param(q, "assignee")) out->filter.assignee = *v;
  if (const std::string* v = Param(q, "source")) out->source = CanonicalSource(*v);
  if (const std::string* v = Param(q, "program")) out->program = *v;
  if (!ReadScore(q, "min_score", &out->filter.min_score, error)) return false;
  if (!ReadScore(q, "max_score", &out->max_score, error)) return false;
  for (auto [name, field] : {std::pair{"created_after", &out->created_after},
                             std::pair{"created_before", &out->created_before}}) {
    const std::string* v = Param(q, name);
    if (v == nullptr) continue;
    if (!IsoDateLike(*v)) {
      *error = BadParam(std::string("'") + name + "' must be an ISO 8601 date or UTC time");
      return false;
    }
    *field = *v;
  }
  if (const std::string* v = Param(q, "sort")) out->sort = *v;
  static const char* kSorts[] = {"id",       "score",   "-score",  "created",
                                 "-created", "updated", "-updated"};
  if (std::find(std::begin(kSorts), std::end(kSorts), out->sort) == std::end(kSorts)) {
    *error = BadParam(
        "'sort' must be one of score, -score, created, -created, updated, "
        "-updated, id");
    return false;
  }
  if (!QueryInt(q, "after_id", 0, INT64_MAX, &out->after_id, error)) return false;
  if (out->after_id > 0 && out->sort != "id") {
    *error = BadParam("'after_id' pages in id order only (sort=id)");
    return false;
  }
  out->filter.limit = 0;
  return QueryLimit(q, 100, 1000, &out->limit, error);
}

// The filters other than status.
bool Keeps(const AlertQuery& q, const Alert& a, AlertView& view) {
  if (!q.source.empty() && a.source != q.source) return false;
  if (q.max_score.has_value() && a.score > *q.max_score) return false;
  if (!q.created_after.empty() && a.created_at <= q.created_after) return false;
  if (!q.created_before.empty() && a.created_at >= q.created_before) return false;
  if (!q.program.empty()) {
    ListVersion v;
    const Entity* e = view.Record(a, &v);
    if (e == nullptr ||
        std::find(e->programs.begin(), e->programs.end(), q.program) == e->programs.end())
      return false;
  }
  return true;
}

void SortAlerts(const std::string& sort, std::vector<const Alert*>* alerts) {
  const bool desc = sort[0] == '-';
  const std::string key = desc ? sort.substr(1) : sort;
  auto field = [&key](const Alert* a) {
    return key == "created" ? a->created_at : key == "updated" ? a->updated_at : std::string();
  };
  std::stable_sort(alerts->begin(), alerts->end(), [&](const Alert* x, const Alert* y) {
    if (key == "score" && x->score != y->score)
      return desc ? x->score > y->score : x->score < y->score;
    if (key == "created" || key == "updated") {
      std::string fx = field(x), fy = field(y);
      if (fx != fy) return desc ? fx > fy : fx < fy;
    }
    return x->id < y->id;
  });
}

bool ParseId(const std::string& text, int64_t* id, HttpResponse* error) {
  size_t v = 0;
  if (!ParseSize(text, 1, INT64_MAX, &v)) {
    *error = ErrorResponse(404, "not_found", "no alert '" + text + "' (alert ids are numbers)");
    return false;
  }
  *id = static_cast<int64_t>(v);
  return true;
}

// A write to one alert: the session, the alert id, the body and its "rev".
struct AlertWrite {
  CaseSession session;
  int64_t id = 0;
  int64_t rev = 0;
  json body;
  HttpResponse error;

  bool Begin(const CaseRequest& r) {
    return BeginCase(r, &session, &error) && ParseId(r.args[0], &id, &error) &&
           ParseJsonObject(r.body, nullptr, &body, &error) &&
           BodyInt(body, "rev", false, &rev, &error);
  }
  HttpResponse Done(const CaseRequest& r, const Status& status, const Alert& after) {
    if (!status.ok()) return StatusResponse(status, r.request_id);
    AlertView view(r, *session.store);
    return JsonResponse(view.Json(after));
  }
};

}  // namespace

HttpResponse V1Me(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  json permissions = json::array();
  for (auto [p, name] : kPermissions)
    if (Allows(s.user.role, p)) permissions.push_back(name);
  bool four_eyes = true;
  if (Status st = FourEyesOn(*s.store, &four_eyes); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  return JsonResponse({{"user", s.user.name},
                       {"role", std::string(RoleName(s.user.role))},
                       {"permissions", std::move(permissions)},
                       {"four_eyes", four_eyes}});
}

HttpResponse V1Alerts(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  AlertQuery q;
  if (!ReadAlertQuery(r.query, &q, &error)) return error;
  std::vector<Alert> all;
  if (Status st = ListAlerts(*s.store, q.filter, &all); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  AlertView view(r, *s.store);
  std::map<AlertStatus, int64_t> per_status;
  std::vector<const Alert*> selected;
  for (const Alert& a : all) {
    if (!Keeps(q, a, view)) continue;
    ++per_status[a.status];
    if (!q.statuses.empty() &&
        std::find(q.statuses.begin(), q.statuses.end(), a.status) == q.statuses.end())
      continue;
    selected.push_back(&a);
  }
  json counts = json::object();
  for (AlertStatus st : kAlertStatuses) counts[std::string(AlertStatusName(st))] = per_status[st];
  const size_t total = selected.size();
  SortAlerts(q.sort, &selected);
  json alerts = json::array();
  for (const Alert* a : selected) {
    if (a->id <= q.after_id) continue;
    if (static_cast<int64_t>(alerts.size()) >= q.limit) break;
    alerts.push_back(view.Json(*a));
  }
  return JsonResponse({{"alerts", std::move(alerts)}, {"total", total}, {"counts", counts}});
}

HttpResponse V1Alert(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  int64_t id = 0;
  if (!BeginCase(r, &s, &error) || !ParseId(r.args[0], &id, &error)) return error;
  Alert alert;
  std::vector<AlertEvent> history;
  if (Status st = GetAlert(*s.store, id, &alert, &history); !st.ok())
    return StatusResponse(st, r.request_id);
  AlertView view(r, *s.store);
  json j = {{"alert", view.Json(alert)}, {"history", json::array()}};
  for (const AlertEvent& e : history) j["history"].push_back(AlertEventToJson(e));
  Customer c;
  CustomerMeta meta;
  Status cs = GetCustomer(*s.store, r.countries, alert.customer_id, &c, &meta, nullptr);
  if (!cs.ok() && cs.code() != Status::Code::kNotFound)
    return StatusResponse(Status::Internal(cs.message()), r.request_id);
  j["customer"] = cs.ok() ? CustomerToJson(c) : json(nullptr);
  ListVersion version;
  const Entity* e = view.Record(alert, &version);
  j["entity"] = e != nullptr ? EntityToJson(*e) : json(nullptr);
  if (e != nullptr)
    j["entity"]["list_version"] = {
        {"source", version.source}, {"version", version.id}, {"published", version.published}};
  j["entity_version"] = e != nullptr ? json{{"source", version.source},
                                            {"version", version.id},
                                            {"imported_at", version.imported_at}}
                                     : json(nullptr);
  std::vector<Alert> related;
  AlertFilter same;
  same.limit = 0;
  same.customer_id = alert.customer_id;
  Status rs = ListAlerts(*s.store, same, &related);
  same.customer_id.clear();
  same.entity_id = alert.entity_id;
  std::vector<Alert> same_record;  // ListAlerts replaces what its output held
  if (rs.ok()) rs = ListAlerts(*s.store, same, &same_record);
  related.insert(related.end(), same_record.begin(), same_record.end());
  if (!rs.ok()) return StatusResponse(Status::Internal(rs.message()), r.request_id);
  std::sort(related.begin(), related.end(),
            [](const Alert& x, const Alert& y) { return x.id < y.id; });
  j["related"] = json::array();
  for (size_t i = 0; i < related.size(); ++i)
    if (related[i].id != id && (i == 0 || related[i].id != related[i - 1].id))
      j["related"].push_back(view.Json(related[i]));
  return JsonResponse(j);
}

HttpResponse V1AlertMove(const CaseRequest& r) {
  AlertWrite w;
  std::string to, reason;
  if (!w.Begin(r) || !BodyString(w.body, "to", true, &to, &w.error) ||
      !BodyString(w.body, "reason", false, &reason, &w.error))
    return w.error;
  AlertStatus status;
  if (!ParseAlertStatus(to, &status) ||
      (status != AlertStatus::kOpen && status != AlertStatus::kInReview &&
       status != AlertStatus::kEscalated))
    return BadParam(
        "'to' must be in_review, open or escalated (decisions: POST "
        "/v1/alerts/{id}/decide)");
  Alert after;
  Status st = MoveAlert(*w.session.store, w.id, w.rev, status, reason, w.session.user.name, &after);
  return w.Done(r, st, after);
}

HttpResponse V1AlertAssign(const CaseRequest& r) {
  AlertWrite w;
  std::string assignee;
  if (!w.Begin(r) || !BodyString(w.body, "assignee", true, &assignee, &w.error)) return w.error;
  Alert after;
  Status st = AssignAlert(*w.session.store, w.id, w.rev, assignee, w.session.user.name, &after);
  return w.Done(r, st, after);
}

HttpResponse V1AlertDecide(const CaseRequest& r) {
  AlertWrite w;
  std::string decision, reason;
  if (!w.Begin(r) || !BodyString(w.body, "decision", true, &decision, &w.error) ||
      !BodyString(w.body, "reason", true, &reason, &w.error))
    return w.error;
  AlertStatus status;
  if (!ParseAlertStatus(decision, &status) ||
      (status != AlertStatus::kConfirmed && status != AlertStatus::kFalsePositive))
    return BadParam("'decision' must be confirmed or false_positive");
  Alert after;
  Status st =
      DecideAlert(*w.session.store, w.id, w.rev, status, reason, w.session.user.name, &after);
  return w.Done(r, st, after);
}

HttpResponse V1AlertReview(const CaseRequest& r) {
  AlertWrite w;
  std::string reason;
  if (!w.Begin(r) || !BodyString(w.body, "reason", false, &reason, &w.error)) return w.error;
  auto approve = w.body.find("approve");
  if (approve == w.body.end() || !approve->is_boolean())
    return BadParam("'approve' is required: true or false");
  Alert after;
  Status st = ReviewDecision(*w.session.store, w.id, w.rev, approve->get<bool>(), reason,
                             w.session.user.name, &after);
  return w.Done(r, st, after);
}

}  // namespace interdict::server
