#include "store/audit.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "store/audit_chain.h"
#include "store/db.h"

namespace interdict {
namespace {

using nlohmann::json;

constexpr const char* kScreening = "screening";

std::string JsonString(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Checks that texts are each one JSON value. simdjson validates (structure and UTF-8) several
// times faster than nlohmann's accept, which the audit writer ran three times per screening.
class JsonChecker {
 public:
  bool IsOneValue(const std::string& text) {
    simdjson::dom::element ignored;
    // realloc_if_needed: the text has no padding of simdjson's, so it reads a padded copy.
    return !parser_.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(ignored);
  }

 private:
  simdjson::dom::parser parser_;
};

// The event's detail. `query` and `results` are embedded as the server wrote them, after a check
// that each is one JSON value (so no text can close the object early and add fields).
Status ScreeningEvent(const AuditRecord& r, JsonChecker* checker, AuditEvent* e) {
  const std::string where = "audit log: request " + r.request_id + ": ";
  for (const auto& [name, text] :
       {std::pair{"query", &r.query}, std::pair{"list_versions", &r.list_versions},
        std::pair{"results", &r.results}}) {
    if (!checker->IsOneValue(*text))
      return Status::InvalidInput(where + name + " is not valid JSON");
  }
  e->at = r.at;
  e->who = r.who;
  e->kind = kScreening;
  e->subject = "request:" + r.request_id;
  e->list_versions = r.list_versions;
  e->detail = "{\"endpoint\":" + JsonString(r.endpoint) +
              ",\"max_score\":" + (r.max_score ? json(*r.max_score).dump() : "null") +
              ",\"query\":" + r.query + ",\"request_id\":" + JsonString(r.request_id) +
              ",\"result_count\":" + std::to_string(r.result_count) + ",\"results\":" + r.results +
              ",\"status\":" + std::to_string(r.status) + "}";
  return Status::Ok();
}

Status RecordFromEvent(const AuditEvent& e, AuditRecord* r) {
  json d = json::parse(e.detail, nullptr, /*allow_exceptions=*/false);
  const std::string where = "audit event " + std::to_string(e.seq);
  if (!d.is_object()) return Status::InvalidInput(where + ": detail is not a JSON object");
  try {
    r->id = e.seq;
    r->at = e.at;
    r->who = e.who;
    r->list_versions = e.list_versions;
    r->request_id = d.at("request_id").get<std::string>();
    r->endpoint = d.at("endpoint").get<std::string>();
    r->status = d.at("status").get<int>();
    r->query = d.at("query").dump();
    r->result_count = d.at("result_count").get<int64_t>();
    r->max_score.reset();
    if (!d.at("max_score").is_null()) r->max_score = d["max_score"].get<double>();
    r->results = d.at("results").dump();
  } catch (const json::exception& ex) {
    return Status::InvalidInput(where + ": not a screening record: " + ex.what());
  }
  return Status::Ok();
}

}  // namespace

Status AppendAudit(Store& store, std::vector<AuditRecord>* records) {
  if (records->empty()) return Status::Ok();
  std::vector<AuditEvent> events(records->size());
  JsonChecker checker;
  for (size_t i = 0; i < records->size(); ++i)
    INTERDICT_RETURN_IF_ERROR(ScreeningEvent((*records)[i], &checker, &events[i]));
  // IMMEDIATE: take the write lock up front so that a concurrent import makes us wait (busy
  // timeout) instead of failing half way.
  Transaction txn(store.db(), Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status().WithContext("audit log"));
  INTERDICT_RETURN_IF_ERROR(AppendAuditEvents(store, &events).WithContext("audit log"));
  INTERDICT_RETURN_IF_ERROR(txn.Commit().WithContext("audit log"));
  for (size_t i = 0; i < records->size(); ++i) (*records)[i].id = events[i].seq;
  return Status::Ok();
}

Status ReadAudit(Store& store, int64_t after_id, size_t limit, std::vector<AuditRecord>* out) {
  out->clear();
  if (limit == 0) return Status::Ok();
  AuditQuery query;
  query.after_seq = after_id;
  query.kind_prefix = kScreening;
  query.limit = limit;
  return ReadAuditEvents(store, query, [&](const AuditEvent& e) {
    AuditRecord r;
    INTERDICT_RETURN_IF_ERROR(RecordFromEvent(e, &r));
    out->push_back(std::move(r));
    return Status::Ok();
  });
}

Status CountAudit(Store& store, int64_t* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(), "SELECT count(*) FROM audit_event WHERE kind = 'screening'", &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("audit log"));
  *out = row ? stmt.ColumnInt(0) : 0;
  return Status::Ok();
}

}  // namespace interdict
