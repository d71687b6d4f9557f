#include "server/case_api.h"

#include "monitor/customer_store.h"
#include "server/yente.h"

namespace interdict::server {

using nlohmann::json;

bool BeginCase(const CaseRequest& r, CaseSession* session, HttpResponse* error) {
  if (r.key_id.empty()) {
    *error = ErrorResponse(403, "forbidden", "case work needs API keys (serve --api-keys FILE)");
    return false;
  }
  if (Status s = Store::Open(r.db_path, &session->store); !s.ok()) {
    *error = StatusResponse(Status::Internal(s.message()), r.request_id);
    return false;
  }
  std::vector<User> users;
  if (Status s = ListUsers(*session->store, &users); !s.ok()) {
    *error = StatusResponse(Status::Internal(s.message()), r.request_id);
    return false;
  }
  for (User& u : users) {
    if (u.name != r.key_id) continue;
    if (!u.disabled_at.empty()) break;
    session->user = std::move(u);
    return true;
  }
  *error =
      ErrorResponse(403, "forbidden",
                    "API key '" + r.key_id +
                        "' is not an enabled user; an admin adds it with `interdict users add " +
                        r.key_id + " --role analyst` (or supervisor, admin)");
  return false;
}

bool BodyString(const json& body, const char* field, bool required, std::string* out,
                HttpResponse* error) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (!required) return true;
    *error = ErrorResponse(400, "invalid_request", std::string("'") + field + "' is required");
    return false;
  }
  if (!it->is_string()) {
    *error = ErrorResponse(400, "invalid_request", std::string("'") + field + "' must be a string");
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

bool BodyInt(const json& body, const char* field, bool required, int64_t* out,
             HttpResponse* error) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (!required) return true;
    *error = ErrorResponse(400, "invalid_request", std::string("'") + field + "' is required");
    return false;
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    *error = ErrorResponse(400, "invalid_request",
                           std::string("'") + field + "' must be a whole number >= 0");
    return false;
  }
  *out = it->get<int64_t>();
  return true;
}

bool QueryInt(const Params& query, const char* name, int64_t lo, int64_t hi, int64_t* out,
              HttpResponse* error) {
  const std::string* text = Param(query, name);
  if (text == nullptr) return true;
  size_t v = 0;
  if (lo < 0 || !ParseSize(*text, static_cast<size_t>(lo), static_cast<size_t>(hi), &v)) {
    *error = ErrorResponse(400, "invalid_request",
                           std::string("'") + name + "' must be a whole number in [" +
                               std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return false;
  }
  *out = static_cast<int64_t>(v);
  return true;
}

bool QueryLimit(const Params& query, int64_t def, int64_t most, int64_t* out, HttpResponse* error) {
  *out = def;
  return QueryInt(query, "limit", 1, most, out, error);
}

const Entity* AlertView::Record(const Alert& alert, ListVersion* version) {
  if (r_.lists != nullptr) {
    if (const Entity* e = r_.lists->snapshot().Find(alert.entity_id)) {
      for (const ListVersion& v : r_.lists->snapshot().versions())
        if (v.source == e->source) *version = v;
      return e;
    }
  }
  // No longer served: the version that raised the alert still holds it (versions are immutable).
  const std::string key = alert.entity_id + " " + std::to_string(alert.list_version);
  auto [it, fresh] = records_.try_emplace(key);
  if (fresh)
    it->second.ok =
        store_
            .GetEntity(alert.entity_id, alert.list_version, &it->second.entity, &it->second.version)
            .ok();
  if (!it->second.ok) return nullptr;
  *version = it->second.version;
  return &it->second.entity;
}

json AlertView::Json(const Alert& alert) {
  json j = AlertToJson(alert);
  auto [name, fresh] = customer_names_.try_emplace(alert.customer_id);
  if (fresh) {
    Customer c;
    CustomerMeta meta;
    if (GetCustomer(store_, r_.countries, alert.customer_id, &c, &meta, nullptr).ok())
      name->second = c.name;
  }
  j["customer_name"] = name->second.empty() ? json(nullptr) : json(name->second);
  ListVersion version;
  const Entity* e = Record(alert, &version);
  j["entity_name"] = e != nullptr ? json(Caption(*e)) : json(nullptr);
  j["entity_schema"] = e != nullptr ? json(std::string(SchemaName(e->schema))) : json(nullptr);
  j["programs"] = e != nullptr ? json(e->programs) : json::array();
  return j;
}

}  // namespace interdict::server
