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
#include "store/store.h"

struct sqlite3;

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
  std::string lapsed_at;  // "" : not lapsed
  std::string lapse_reason;
};

// Whether `rule` applies at time `now` (not revoked, not lapsed, not expired); fingerprints are
// the caller's concern.
bool RuleInForce(const GoodGuyRule& rule, const std::string& now);

// The rules of the pair that are neither revoked nor lapsed (expired ones included), oldest first.
// Inside the caller's transaction.
Status UnrevokedRules(sqlite3* db, const std::string& customer_id, const std::string& entity_id,
                      std::vector<GoodGuyRule>* out);

// Marks rule `id` lapsed at `now` with `reason`. Inside the caller's write transaction.
Status LapseRule(sqlite3* db, int64_t id, const std::string& reason, const std::string& now);

// One rule by id; NotFound when absent.
Status GetRule(sqlite3* db, int64_t id, GoodGuyRule* out);

nlohmann::json RuleToJson(const GoodGuyRule& rule);

}  // namespace interdict
