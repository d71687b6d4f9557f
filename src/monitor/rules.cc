#include "monitor/rules.h"

#include "store/db.h"

namespace interdict {
namespace {

constexpr char kRuleColumns[] =
    "id, customer_id, entity_id, customer_fp, entity_fp, based_on, reason, created_by, "
    "created_at, COALESCE(expires_at, ''), COALESCE(revoked_at, ''), COALESCE(revoked_by, ''), "
    "COALESCE(revoke_reason, ''), COALESCE(lapsed_at, ''), COALESCE(lapse_reason, '')";

void ReadRule(const Stmt& stmt, GoodGuyRule* out) {
  out->id = stmt.ColumnInt(0);
  out->customer_id = stmt.ColumnText(1);
  out->entity_id = stmt.ColumnText(2);
  out->customer_fp = stmt.ColumnText(3);
  out->entity_fp = stmt.ColumnText(4);
  out->based_on = stmt.ColumnText(5);
  out->reason = stmt.ColumnText(6);
  out->created_by = stmt.ColumnText(7);
  out->created_at = stmt.ColumnText(8);
  out->expires_at = stmt.ColumnText(9);
  out->revoked_at = stmt.ColumnText(10);
  out->revoked_by = stmt.ColumnText(11);
  out->revoke_reason = stmt.ColumnText(12);
  out->lapsed_at = stmt.ColumnText(13);
  out->lapse_reason = stmt.ColumnText(14);
}

Status ReadRules(Stmt& stmt, std::vector<GoodGuyRule>* out) {
  out->clear();
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    ReadRule(stmt, &out->emplace_back());
  }
}

}  // namespace

bool RuleInForce(const GoodGuyRule& rule, const std::string& now) {
  // ISO 8601 text sorts in time order; a bare date ("2027-01-01") sorts before every time of
  // that day, so a rule expiring on a date stops applying when that day starts (UTC).
  return rule.revoked_at.empty() && rule.lapsed_at.empty() &&
         (rule.expires_at.empty() || rule.expires_at > now);
}

Status UnrevokedRules(Db* db, const std::string& customer_id, const std::string& entity_id,
                      std::vector<GoodGuyRule>* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      std::string("SELECT ") + kRuleColumns +
          " FROM good_guy_rule WHERE customer_id = ? AND entity_id = ? AND revoked_at IS NULL "
          "AND lapsed_at IS NULL ORDER BY id",
      &stmt));
  stmt.Bind(1, customer_id).Bind(2, entity_id);
  return ReadRules(stmt, out);
}

Status AllRules(Db* db, std::vector<GoodGuyRule>* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, std::string("SELECT ") + kRuleColumns + " FROM good_guy_rule ORDER BY id", &stmt));
  return ReadRules(stmt, out);
}

Status LapseRule(Db* db, int64_t id, const std::string& reason, const std::string& now) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "UPDATE good_guy_rule SET lapsed_at = ?, lapse_reason = ? WHERE id = ? AND lapsed_at IS "
      "NULL",
      &stmt));
  stmt.Bind(1, now).Bind(2, reason).Bind(3, id);
  return stmt.Step().WithContext("lapsing good-guy rule " + std::to_string(id));
}

Status GetRule(Db* db, int64_t id, GoodGuyRule* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, std::string("SELECT ") + kRuleColumns + " FROM good_guy_rule WHERE id = ?", &stmt));
  stmt.Bind(1, id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::NotFound("no good-guy rule " + std::to_string(id));
  ReadRule(stmt, out);
  return Status::Ok();
}

nlohmann::json RuleToJson(const GoodGuyRule& rule) {
  auto text_or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  nlohmann::json based_on = nlohmann::json::parse(rule.based_on, nullptr, false);
  return {{"id", rule.id},
          {"customer", rule.customer_id},
          {"entity", rule.entity_id},
          {"customer_fp", rule.customer_fp},
          {"entity_fp", rule.entity_fp},
          {"based_on", based_on.is_discarded() ? nlohmann::json::object() : based_on},
          {"reason", rule.reason},
          {"created_by", rule.created_by},
          {"created_at", rule.created_at},
          {"expires_at", text_or_null(rule.expires_at)},
          {"revoked_at", text_or_null(rule.revoked_at)},
          {"revoked_by", text_or_null(rule.revoked_by)},
          {"revoke_reason", text_or_null(rule.revoke_reason)},
          {"lapsed_at", text_or_null(rule.lapsed_at)},
          {"lapse_reason", text_or_null(rule.lapse_reason)}};
}

}  // namespace interdict
