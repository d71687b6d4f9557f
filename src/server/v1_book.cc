// The case-work endpoints around the alerts: customers, the audit chain, monitoring runs, users
// and the differences between two list versions.
#include <algorithm>

#include "monitor/customer_store.h"
#include "server/case_api.h"
#include "server/monitor_runner.h"
#include "server/yente.h"
#include "store/audit_chain.h"

namespace interdict::server {
namespace {

using nlohmann::json;

json AuditEventJson(const AuditEvent& e) {
  std::string line;
  AppendAuditEventJsonl(e, &line);
  return json::parse(line);
}

// Walks the events `query` selects, a page at a time, passing each to `keep` until it returns
// false.
Status WalkAudit(Store& store, AuditQuery query,
                 const std::function<bool(const AuditEvent&)>& keep) {
  constexpr size_t kPage = 500;
  query.limit = kPage;
  for (;;) {
    size_t seen = 0;
    int64_t last = query.after_seq;
    bool stop = false;
    INTERDICT_RETURN_IF_ERROR(ReadAuditEvents(store, query, [&](const AuditEvent& e) {
      ++seen;
      last = e.seq;
      if (!stop && !keep(e)) stop = true;
      return Status::Ok();
    }));
    if (stop || seen < kPage) return Status::Ok();
    query.after_seq = last;
  }
}

// The record `id`'s caption in version `version`, "" when it has none there.
std::string CaptionIn(Store& store, const std::string& id, int64_t version) {
  Entity e;
  return store.GetEntity(id, version, &e, nullptr).ok() ? Caption(e) : std::string();
}

}  // namespace

HttpResponse V1Customers(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  int64_t limit = 100;
  if (!BeginCase(r, &s, &error) || !QueryLimit(r.query, 100, 1000, &limit, &error)) return error;
  const std::string* q = Param(r.query, "q");
  const std::string* after = Param(r.query, "after");
  json customers = json::array();
  int64_t total = 0;
  Status st = ForEachCustomer(
      *s.store, r.countries, /*include_deleted=*/false, [&](Customer&& c, const CustomerMeta&) {
        if (q != nullptr && c.id.find(*q) == std::string::npos &&
            c.name.find(*q) == std::string::npos)
          return Status::Ok();
        ++total;
        if ((after == nullptr || c.id > *after) && static_cast<int64_t>(customers.size()) < limit)
          customers.push_back(CustomerToJson(c));
        return Status::Ok();
      });
  if (!st.ok()) return StatusResponse(Status::Internal(st.message()), r.request_id);
  return JsonResponse({{"customers", std::move(customers)}, {"total", total}});
}

HttpResponse V1Customer(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  Customer c;
  CustomerMeta meta;
  if (Status st = GetCustomer(*s.store, r.countries, r.args[0], &c, &meta, nullptr); !st.ok())
    return StatusResponse(st, r.request_id);
  std::vector<Alert> alerts;
  AlertFilter filter;
  filter.customer_id = c.id;
  filter.limit = 0;
  if (Status st = ListAlerts(*s.store, filter, &alerts); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  json j = CustomerToJson(c);
  AlertView view(r, *s.store);
  j["alerts"] = json::array();
  for (const Alert& a : alerts) j["alerts"].push_back(view.Json(a));
  return JsonResponse(j);
}

HttpResponse V1Audit(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  int64_t limit = 100;
  AuditQuery query;
  if (!BeginCase(r, &s, &error) || !QueryLimit(r.query, 100, 1000, &limit, &error) ||
      !QueryInt(r.query, "after_id", 0, INT64_MAX, &query.after_seq, &error))
    return error;
  if (const std::string* v = Param(r.query, "kind")) query.kind_prefix = *v;
  if (const std::string* v = Param(r.query, "since")) query.from = *v;
  if (const std::string* v = Param(r.query, "until")) query.to = *v;
  const std::string* who = Param(r.query, "who");
  const std::string* subject = Param(r.query, "subject");
  json events = json::array();
  Status st = WalkAudit(*s.store, query, [&](const AuditEvent& e) {
    if ((who == nullptr || e.who == *who) && (subject == nullptr || e.subject == *subject))
      events.push_back(AuditEventJson(e));
    return static_cast<int64_t>(events.size()) < limit;
  });
  if (!st.ok())
    return StatusResponse(
        st.code() == Status::Code::kInvalidInput ? st : Status::Internal(st.message()),
        r.request_id);
  return JsonResponse({{"events", std::move(events)}});
}

HttpResponse V1AuditVerify(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  ChainReport report;
  if (Status st = VerifyChain(*s.store, &report); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  const bool ok = report.problem.empty();
  return JsonResponse({{"ok", ok},
                       {"events", report.checked},
                       {"first_bad", ok ? json(nullptr) : json(report.first_bad_seq)},
                       {"message", ok ? "the chain is intact from event " +
                                            std::to_string(report.first_seq) + " to the newest"
                                      : report.problem}});
}

HttpResponse V1MonitorRuns(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  int64_t limit = 20;
  if (!BeginCase(r, &s, &error) || !QueryLimit(r.query, 20, 1000, &limit, &error)) return error;
  // The runs are the audit chain's "monitor.run" events: the record every finished run leaves.
  AuditQuery query;
  query.kind_prefix = "monitor.run";
  std::vector<json> runs;
  Status st = WalkAudit(*s.store, query, [&](const AuditEvent& e) {
    runs.push_back(AuditEventJson(e));
    return true;
  });
  if (!st.ok()) return StatusResponse(Status::Internal(st.message()), r.request_id);
  json out = json::array();
  for (auto it = runs.rbegin(); it != runs.rend() && static_cast<int64_t>(out.size()) < limit; ++it)
    out.push_back(std::move(*it));
  return JsonResponse({{"runs", std::move(out)}});
}

HttpResponse V1MonitorRun(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  if (s.user.role == Role::kAnalyst)
    return ErrorResponse(403, "forbidden",
                         "user '" + s.user.name +
                             "' is analyst: only a supervisor or an admin may "
                             "start a monitoring run");
  if (r.monitor == nullptr)
    return ErrorResponse(501, "not_implemented", "this server does not run monitoring");
  MonitorReport report;
  if (Status st = r.monitor->RunNow(s.user.name, &report); !st.ok())
    return StatusResponse(
        st.code() == Status::Code::kConflict ? st : Status::Internal(st.message()), r.request_id);
  return JsonResponse(MonitorReportToJson(report));
}

HttpResponse V1Users(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  if (!BeginCase(r, &s, &error)) return error;
  std::vector<User> users;
  if (Status st = ListUsers(*s.store, &users); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  json out = json::array();
  for (const User& u : users) out.push_back(UserToJson(u));
  return JsonResponse({{"users", std::move(out)}});
}

HttpResponse V1SourceDiff(const CaseRequest& r) {
  CaseSession s;
  HttpResponse error;
  int64_t from = 0, to = 0;
  if (!BeginCase(r, &s, &error) || !QueryInt(r.query, "from", 1, INT64_MAX, &from, &error) ||
      !QueryInt(r.query, "to", 1, INT64_MAX, &to, &error))
    return error;
  const std::string source = CanonicalSource(r.args[0]);
  std::vector<ListVersion> versions;
  if (Status st = s.store->ListVersions(source, &versions); !st.ok())
    return StatusResponse(Status::Internal(st.message()), r.request_id);
  if (versions.empty())
    return ErrorResponse(404, "not_found", "no list version of source '" + source + "'");
  auto at = [&versions](int64_t id) {
    return std::find_if(versions.begin(), versions.end(),
                        [id](const ListVersion& v) { return v.id == id; });
  };
  if (to == 0) to = versions.back().id;
  if (at(to) == versions.end())
    return ErrorResponse(404, "not_found",
                         "'to': no version " + std::to_string(to) + " of source '" + source + "'");
  if (from == 0) {
    if (at(to) == versions.begin())
      return ErrorResponse(400, "invalid_request",
                           "'from': version " + std::to_string(to) + " is the first of '" + source +
                               "'; there is no version before it");
    from = std::prev(at(to))->id;
  }
  if (at(from) == versions.end())
    return ErrorResponse(
        404, "not_found",
        "'from': no version " + std::to_string(from) + " of source '" + source + "'");
  VersionDiff diff;
  if (Status st = s.store->Diff(from, to, &diff); !st.ok()) return StatusResponse(st, r.request_id);
  json added = json::array(), removed = json::array(), changed = json::array();
  for (const std::string& id : diff.added)
    added.push_back({{"id", id}, {"caption", CaptionIn(*s.store, id, to)}});
  for (const std::string& id : diff.removed)
    removed.push_back({{"id", id}, {"caption", CaptionIn(*s.store, id, from)}});
  for (const RecordChange& c : diff.changed)
    changed.push_back({{"id", c.entity_id},
                       {"caption", CaptionIn(*s.store, c.entity_id, to)},
                       {"fields", c.fields}});
  return JsonResponse({{"source", source},
                       {"from", from},
                       {"to", to},
                       {"added", std::move(added)},
                       {"removed", std::move(removed)},
                       {"changed", std::move(changed)}});
}

}  // namespace interdict::server
