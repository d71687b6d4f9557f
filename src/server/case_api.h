// The case-work endpoints of /v1 (alerts, rules, customers, audit, monitoring, users, list diffs)
// over the store `serve --db` names. Internal to the server stage: api.cc routes to them.
//
// Who: the request's API key id is the app_user name (users.h) and that user's role applies. Every
// endpoint answers 403 when the server runs without API keys (case work must be attributable) or
// when the key's id is not an enabled user (the message says `interdict users add ID --role
// analyst`); writes are done as that user, so alert history and the audit chain name them.
//
// Each request opens its own store connection for its duration (a Store is one thread's): writes
// are each one short transaction of the monitor modules, never held while anything screens.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/country.h"
#include "monitor/alerts.h"
#include "monitor/users.h"
#include "server/endpoints.h"
#include "server/http_types.h"
#include "server/live_lists.h"
#include "store/store.h"

namespace interdict::server {

class MonitorRunner;

// What a case-work endpoint is given by the router.
struct CaseRequest {
  const std::string& db_path;
  std::shared_ptr<const ServingLists> lists;  // null before the first load
  const CountryTable& countries;
  const std::string& key_id;  // the API key's id; "" when the server runs without keys
  const std::vector<std::string>& args;
  const Params& query;
  const std::string& body;
  const std::string& request_id;
  MonitorRunner* monitor = nullptr;  // null: POST /v1/monitor/run answers 501
};

// A case-work request's store connection and acting user.
struct CaseSession {
  std::unique_ptr<Store> store;
  User user;
};

// Opens the store and resolves the key to an enabled user; on failure *error is the response.
bool BeginCase(const CaseRequest& r, CaseSession* session, HttpResponse* error);

// Alerts as the API shows them: AlertToJson (alerts.h) plus "customer_name", "entity_name" (the
// record's caption), "entity_schema" and "programs", the record taken from the lists in service
// or, when they no longer hold it, from the list version that raised the alert. Caches per
// request.
class AlertView {
 public:
  AlertView(const CaseRequest& r, Store& store) : r_(r), store_(store) {}
  nlohmann::json Json(const Alert& alert);
  // The alert's record (null when neither the lists nor the store have it) and its version.
  const Entity* Record(const Alert& alert, ListVersion* version);

 private:
  struct Found {
    bool ok = false;
    Entity entity;
    ListVersion version;
  };
  const CaseRequest& r_;
  Store& store_;
  std::map<std::string, Found> records_;  // by "<entity id> <version>"
  std::map<std::string, std::string> customer_names_;
};

// Alerts (v1_alerts.cc).
HttpResponse V1Me(const CaseRequest& r);
HttpResponse V1Alerts(const CaseRequest& r);
HttpResponse V1Alert(const CaseRequest& r);
HttpResponse V1AlertMove(const CaseRequest& r);
HttpResponse V1AlertAssign(const CaseRequest& r);
HttpResponse V1AlertDecide(const CaseRequest& r);
HttpResponse V1AlertReview(const CaseRequest& r);

// Good-guy rules (v1_rules.cc).
HttpResponse V1Rules(const CaseRequest& r);
HttpResponse V1RuleCreate(const CaseRequest& r);
HttpResponse V1RuleRevoke(const CaseRequest& r);

// The rest of the book (v1_book.cc).
HttpResponse V1Customers(const CaseRequest& r);
HttpResponse V1Customer(const CaseRequest& r);
HttpResponse V1Audit(const CaseRequest& r);
HttpResponse V1AuditVerify(const CaseRequest& r);
HttpResponse V1MonitorRuns(const CaseRequest& r);
HttpResponse V1MonitorRun(const CaseRequest& r);
HttpResponse V1Users(const CaseRequest& r);
HttpResponse V1SourceDiff(const CaseRequest& r);

// Body fields, each failing with a 400 that names the field. A missing optional field leaves
// *out as it was.
bool BodyString(const nlohmann::json& body, const char* field, bool required, std::string* out,
                HttpResponse* error);
bool BodyInt(const nlohmann::json& body, const char* field, bool required, int64_t* out,
             HttpResponse* error);
// A query parameter that must be a whole number in [lo, hi]; absent leaves *out as it was.
bool QueryInt(const Params& query, const char* name, int64_t lo, int64_t hi, int64_t* out,
              HttpResponse* error);
// "limit": default `def`, at most `most`.
bool QueryLimit(const Params& query, int64_t def, int64_t most, int64_t* out, HttpResponse* error);

}  // namespace interdict::server
