// Good-guy rules: "customer C is not list record R", decided by a person with a reason and an
// optional expiry. A rule suppresses the pair's alert only at the evidence it was based on: it
// stores both fingerprints (and `based_on`, the customer's screening fields and the record's id,
// version and fingerprint), and when monitoring sees the pair with another fingerprint on either
// side the rule lapses for good (lapsed_at, lapse_reason) and the alert opens again.
//
// A rule applies while it is not revoked, not lapsed and not expired (expires_at, an ISO 8601
// date or time, is after now).
//
// Thread-safety: as Store.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

struct GoodGuyRule {
  int64_t id = 0;
  std::string customer_id;
  std::string entity_id;
  std::string customer_fp;
  std::string entity_fp;
  std::string based_on = "{}";  // JSON object: {"customer": {...}, "record": {...}}
  std::string reason;
  std::string created_by;
  std::string created_at;
  std::string expires_at;  // "" : never
  std::string revoked_at;  // "" : not revoked
  std::string revoked_by;
  std::string revoke_reason;
  std::string lapsed_at;  // "" : not lapsed
  std::string lapse_reason;
};

// Making and ending rules: a supervisor's or admin's act (users.h), each one write transaction
// with an audit-chain event ("rule.create", "rule.revoke"). `user` is the acting user.
// `expires_at` is "" (never) or an ISO 8601 date or UTC time ("2027-06-30",
// "2027-06-30T12:00:00Z") in the future; a date expires when that day starts (UTC).
//
// The rule is based on the evidence monitoring last saw for the pair when the pair has an alert
// (its fingerprints), else on the customer book and the newest version of the record's list.
// Making a rule closes the pair's open, in_review or escalated alert as false_positive (event
// "suppressed", naming the rule): the rule is the decision, made by a supervisor, so it needs no
// second approval. Refused (InvalidInput) when the pair's alert is confirmed (reopen it first)
// or awaits four-eyes approval, or when a rule in force already covers the pair at the same
// evidence; NotFound when the customer or the record is unknown.
Status CreateRule(Store& store, const std::string& customer_id, const std::string& entity_id,
                  const std::string& reason, const std::string& expires_at, const std::string& user,
                  GoodGuyRule* out);
// The same for alert `alert_id`'s pair.
Status CreateRuleFromAlert(Store& store, int64_t alert_id, const std::string& reason,
                           const std::string& expires_at, const std::string& user,
                           GoodGuyRule* out);

// Revokes rule `id` with a reason. The pair's alert, when this rule closed it, opens again.
Status RevokeRule(Store& store, int64_t id, const std::string& reason, const std::string& user);

// The rules in force now (`all`: every rule), by id.
Status ListRules(Store& store, bool all, std::vector<GoodGuyRule>* out);

// Whether `rule` applies at time `now` (not revoked, not lapsed, not expired); fingerprints are
// the caller's concern.
bool RuleInForce(const GoodGuyRule& rule, const std::string& now);

// The rules of the pair that are neither revoked nor lapsed (expired ones included), oldest first.
// Inside the caller's transaction.
Status UnrevokedRules(Db* db, const std::string& customer_id, const std::string& entity_id,
                      std::vector<GoodGuyRule>* out);

// Every rule, by id.
Status AllRules(Db* db, std::vector<GoodGuyRule>* out);

// Marks rule `id` lapsed at `now` with `reason`. Inside the caller's write transaction.
Status LapseRule(Db* db, int64_t id, const std::string& reason, const std::string& now);

// One rule by id; NotFound when absent.
Status GetRule(Db* db, int64_t id, GoodGuyRule* out);

nlohmann::json RuleToJson(const GoodGuyRule& rule);

}  // namespace interdict
