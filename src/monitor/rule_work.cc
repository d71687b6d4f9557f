// Making and revoking good-guy rules (rules.h).
#include <cctype>

#include "core/utc_now.h"
#include "monitor/alert_rows.h"
#include "monitor/case_util.h"
#include "monitor/rules.h"
#include "monitor/users.h"
#include "store/db.h"

namespace interdict {
namespace {

bool IsActive(AlertStatus s) {
  return s == AlertStatus::kOpen || s == AlertStatus::kInReview || s == AlertStatus::kEscalated;
}

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z" (the form of UtcNowMillis), in the future.
Status CheckExpiry(const std::string& expires_at, const std::string& now) {
  if (expires_at.empty()) return Status::Ok();
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= expires_at.size() || !std::isdigit(static_cast<unsigned char>(expires_at[i])))
        return false;
    return true;
  };
  bool date =
      digits(0, 4) && expires_at[4] == '-' && digits(5, 2) && expires_at[7] == '-' && digits(8, 2);
  bool ok = date && (expires_at.size() == 10 ||
                     (expires_at.size() >= 20 && expires_at[10] == 'T' && digits(11, 2) &&
                      expires_at[13] == ':' && digits(14, 2) && expires_at[16] == ':' &&
                      digits(17, 2) && expires_at.back() == 'Z'));
  if (!ok)
    return Status::InvalidInput("expiry '" + expires_at +
                                "' is not a date (2027-06-30) or UTC time (2027-06-30T12:00:00Z)");
  if (expires_at <= now)
    return Status::InvalidInput("expiry '" + expires_at + "' is not in the future");
  return Status::Ok();
}

// The customer's screening data and fingerprint as the customer book holds them now; NotFound
// when the customer is not (or no longer) in the book.
Status CustomerNow(Db* db, const std::string& id, nlohmann::json* fields, std::string* fp) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, "SELECT body, fingerprint FROM customer WHERE id = ? AND deleted_at IS NULL", &stmt));
  stmt.Bind(1, id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::NotFound("no customer '" + id + "' in the customer book");
  *fields = nlohmann::json::parse(stmt.ColumnText(0), nullptr, false);
  *fp = stmt.ColumnText(1);
  return Status::Ok();
}

// The record in the newest version of its source: that version and the record's fingerprint
// (the hex SHA-256 of its stored body, as monitoring fingerprints records).
Status RecordNow(Db* db, const std::string& entity_id, nlohmann::json* record) {
  const size_t colon = entity_id.find(':');
  if (colon == std::string::npos || colon == 0)
    return Status::InvalidInput("list record id '" + entity_id + "' has no '<source>:' prefix");
  const std::string source = entity_id.substr(0, colon);
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "SELECT vr.version_id, b.digest FROM version_record vr JOIN record_body b ON b.id = "
      "vr.body_id WHERE vr.entity_id = ? AND vr.version_id = (SELECT MAX(id) FROM list_version "
      "WHERE source = ?)",
      &stmt));
  stmt.Bind(1, entity_id).Bind(2, source);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row)
    return Status::NotFound("list record '" + entity_id + "' is not in the newest version of " +
                            source);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const char c : stmt.ColumnText(1)) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  *record = {
      {"id", entity_id}, {"source", source}, {"version", stmt.ColumnInt(0)}, {"fingerprint", hex}};
  return Status::Ok();
}

// Stores `rule` (id and created_at assigned) after checking no rule in force covers the same
// evidence, closes `alert` (may be null) when it is active, and appends the audit event.
Status MakeRule(Store& store, const User& actor, Alert* alert, GoodGuyRule* rule) {
  Db* db = store.db();
  const std::string now = UtcNowMillis();
  std::vector<GoodGuyRule> existing;
  INTERDICT_RETURN_IF_ERROR(UnrevokedRules(db, rule->customer_id, rule->entity_id, &existing));
  for (const GoodGuyRule& r : existing) {
    if (RuleInForce(r, now) && r.customer_fp == rule->customer_fp && r.entity_fp == rule->entity_fp)
      return Status::InvalidInput("good-guy rule " + std::to_string(r.id) +
                                  " already covers this pair at this evidence");
  }
  rule->created_by = actor.name;
  rule->created_at = now;
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO good_guy_rule(customer_id, entity_id, customer_fp, entity_fp, based_on, "
      "reason, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "NULLIF(?, '')) RETURNING id",
      &stmt));
  stmt.Bind(1, rule->customer_id).Bind(2, rule->entity_id).Bind(3, rule->customer_fp);
  stmt.Bind(4, rule->entity_fp).Bind(5, rule->based_on).Bind(6, rule->reason);
  stmt.Bind(7, rule->created_by).Bind(8, rule->created_at).Bind(9, rule->expires_at);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("making a good-guy rule"));
  if (!row) return Status::Internal("INSERT ... RETURNING gave no row");
  rule->id = stmt.ColumnInt(0);
  INTERDICT_RETURN_IF_ERROR(stmt.Step());

  nlohmann::json detail = RuleToJson(*rule);
  if (alert != nullptr && IsActive(alert->status)) {
    const AlertStatus from = alert->status;
    alert->status = AlertStatus::kFalsePositive;
    alert->updated_at = now;
    INTERDICT_RETURN_IF_ERROR(alert_rows::UpdateWithEvent(
        db, alert, from, actor.name, "suppressed",
        "good-guy rule " + std::to_string(rule->id) + ": " + rule->reason,
        nlohmann::json{{"rule_id", rule->id}}.dump(), 0));
    detail["closed_alert"] = alert->id;
  }
  return case_util::AppendAudit(store, actor.name, "rule.create",
                                "rule:" + std::to_string(rule->id), detail);
}

// A rule for the pair of `alert`, based on the evidence monitoring saw for it.
Status RuleForAlert(Store& store, const User& actor, Alert* alert, GoodGuyRule* rule) {
  if (alert->status == AlertStatus::kConfirmed)
    return Status::InvalidInput("alert " + std::to_string(alert->id) +
                                " confirmed this pair as a match: reopen it first");
  if (!alert->pending.empty())
    return Status::InvalidInput("alert " + std::to_string(alert->id) +
                                " awaits four-eyes approval: approve or reject that first");
  nlohmann::json fields;
  std::string current_fp;
  Status s = CustomerNow(store.db(), alert->customer_id, &fields, &current_fp);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  rule->customer_id = alert->customer_id;
  rule->entity_id = alert->entity_id;
  rule->customer_fp = alert->customer_fp;
  rule->entity_fp = alert->entity_fp;
  rule->based_on = nlohmann::json{{"alert", alert->id},
                                  {"customer",
                                   {{"id", alert->customer_id},
                                    {"fingerprint", alert->customer_fp},
                                    {"fields", s.ok() ? fields : nlohmann::json()}}},
                                  {"record",
                                   {{"id", alert->entity_id},
                                    {"source", alert->source},
                                    {"version", alert->list_version},
                                    {"fingerprint", alert->entity_fp}}}}
                       .dump();
  return MakeRule(store, actor, alert, rule);
}

// Checks the common arguments, opens the transaction and authorizes; `make` does the rest.
template <typename Make>
Status InRuleTransaction(Store& store, const std::string& reason, const std::string& expires_at,
                         const std::string& user, Make make) {
  if (reason.empty()) return Status::InvalidInput("a good-guy rule needs a reason");
  INTERDICT_RETURN_IF_ERROR(CheckExpiry(expires_at, UtcNowMillis()));
  Transaction txn(store.db(), Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  User actor;
  INTERDICT_RETURN_IF_ERROR(Authorize(store.db(), user, Permission::kRules, &actor));
  INTERDICT_RETURN_IF_ERROR(make(actor));
  return txn.Commit();
}

// A new rule with `reason` and `expires_at`, filled in by `fill(actor, &rule)` inside the rule
// transaction; *out (may be null) receives it.
template <typename Fill>
Status NewRule(Store& store, const std::string& reason, const std::string& expires_at,
               const std::string& user, GoodGuyRule* out, Fill fill) {
  GoodGuyRule rule;
  rule.reason = reason;
  rule.expires_at = expires_at;
  INTERDICT_RETURN_IF_ERROR(InRuleTransaction(
      store, reason, expires_at, user, [&](const User& actor) { return fill(actor, &rule); }));
  if (out != nullptr) *out = rule;
  return Status::Ok();
}

}  // namespace

Status CreateRule(Store& store, const std::string& customer_id, const std::string& entity_id,
                  const std::string& reason, const std::string& expires_at, const std::string& user,
                  GoodGuyRule* out) {
  return NewRule(store, reason, expires_at, user, out, [&](const User& actor, GoodGuyRule* rule) {
    Db* db = store.db();
    bool found = false;
    Alert alert;
    INTERDICT_RETURN_IF_ERROR(alert_rows::FindByPair(db, customer_id, entity_id, &found, &alert));
    if (found) return RuleForAlert(store, actor, &alert, rule);
    nlohmann::json fields, record;
    INTERDICT_RETURN_IF_ERROR(CustomerNow(db, customer_id, &fields, &rule->customer_fp));
    INTERDICT_RETURN_IF_ERROR(RecordNow(db, entity_id, &record));
    rule->customer_id = customer_id;
    rule->entity_id = entity_id;
    rule->entity_fp = record["fingerprint"].get<std::string>();
    nlohmann::json customer = {
        {"id", customer_id}, {"fingerprint", rule->customer_fp}, {"fields", fields}};
    rule->based_on = nlohmann::json{{"customer", customer}, {"record", record}}.dump();
    return MakeRule(store, actor, nullptr, rule);
  });
}

Status CreateRuleFromAlert(Store& store, int64_t alert_id, const std::string& reason,
                           const std::string& expires_at, const std::string& user,
                           GoodGuyRule* out) {
  return NewRule(store, reason, expires_at, user, out, [&](const User& actor, GoodGuyRule* rule) {
    Alert alert;
    INTERDICT_RETURN_IF_ERROR(alert_rows::FindById(store.db(), alert_id, &alert));
    return RuleForAlert(store, actor, &alert, rule);
  });
}

Status RevokeRule(Store& store, int64_t id, const std::string& reason, const std::string& user) {
  return InRuleTransaction(store, reason, "", user, [&](const User& actor) {
    Db* db = store.db();
    GoodGuyRule rule;
    INTERDICT_RETURN_IF_ERROR(GetRule(db, id, &rule));
    if (!rule.revoked_at.empty())
      return Status::InvalidInput("good-guy rule " + std::to_string(id) + " is revoked already");
    const std::string now = UtcNowMillis();
    Stmt stmt;
    INTERDICT_RETURN_IF_ERROR(
        Stmt::Prepare(db,
                      "UPDATE good_guy_rule SET revoked_at = ?, revoked_by = ?, revoke_reason = ? "
                      "WHERE id = ?",
                      &stmt));
    stmt.Bind(1, now).Bind(2, actor.name).Bind(3, reason).Bind(4, id);
    INTERDICT_RETURN_IF_ERROR(stmt.Step().WithContext("revoking good-guy rule"));
    nlohmann::json detail = {{"rule_id", id},
                             {"customer", rule.customer_id},
                             {"entity", rule.entity_id},
                             {"reason", reason}};
    bool found = false;
    Alert alert;
    INTERDICT_RETURN_IF_ERROR(
        alert_rows::FindByPair(db, rule.customer_id, rule.entity_id, &found, &alert));
    int64_t closed_by = 0;
    if (found && alert.status == AlertStatus::kFalsePositive)
      INTERDICT_RETURN_IF_ERROR(alert_rows::RuleThatClosed(db, alert.id, &closed_by));
    if (closed_by == id) {
      // The alert was closed on this rule's word alone: without the rule it is open again.
      alert.status = AlertStatus::kOpen;
      alert.updated_at = now;
      INTERDICT_RETURN_IF_ERROR(alert_rows::UpdateWithEvent(
          db, &alert, AlertStatus::kFalsePositive, actor.name, "reopened",
          "good-guy rule " + std::to_string(id) + " revoked: " + reason, "{}", 0));
      detail["reopened_alert"] = alert.id;
    }
    return case_util::AppendAudit(store, actor.name, "rule.revoke", "rule:" + std::to_string(id),
                                  detail);
  });
}

Status ListRules(Store& store, bool all, std::vector<GoodGuyRule>* out) {
  out->clear();
  std::vector<GoodGuyRule> rules;
  INTERDICT_RETURN_IF_ERROR(AllRules(store.db(), &rules));
  const std::string now = UtcNowMillis();
  for (GoodGuyRule& r : rules)
    if (all || RuleInForce(r, now)) out->push_back(std::move(r));
  return Status::Ok();
}

}  // namespace interdict
