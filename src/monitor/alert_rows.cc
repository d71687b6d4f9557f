#include "monitor/alert_rows.h"

#include "monitor/case_util.h"

namespace interdict::alert_rows {

const char kColumns[] =
    "id, customer_id, entity_id, source, list_version, score, explanation, customer_fp, "
    "entity_fp, status, assignee, pending, rev, created_at, updated_at";

Status ReadAlert(const Stmt& stmt, Alert* out) {
  out->id = stmt.ColumnInt(0);
  out->customer_id = stmt.ColumnText(1);
  out->entity_id = stmt.ColumnText(2);
  out->source = stmt.ColumnText(3);
  out->list_version = stmt.ColumnInt(4);
  out->score = stmt.ColumnDouble(5);
  out->explanation = stmt.ColumnText(6);
  out->customer_fp = stmt.ColumnText(7);
  out->entity_fp = stmt.ColumnText(8);
  std::string status = stmt.ColumnText(9);
  if (!ParseAlertStatus(status, &out->status))
    return Status::Internal("alert " + std::to_string(out->id) + " has unknown status '" + status +
                            "'");
  out->assignee = stmt.ColumnText(10);
  out->pending = stmt.ColumnIsNull(11) ? "" : stmt.ColumnText(11);
  out->rev = stmt.ColumnInt(12);
  out->created_at = stmt.ColumnText(13);
  out->updated_at = stmt.ColumnText(14);
  return Status::Ok();
}

namespace {

Status FindOne(Stmt& stmt, bool* found, Alert* out) {
  INTERDICT_RETURN_IF_ERROR(stmt.Step(found));
  return *found ? ReadAlert(stmt, out) : Status::Ok();
}

}  // namespace

Status FindByPair(Db* db, const std::string& customer_id, const std::string& entity_id, bool* found,
                  Alert* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, std::string("SELECT ") + kColumns + " FROM alert WHERE customer_id = ? AND entity_id = ?",
      &stmt));
  stmt.Bind(1, customer_id).Bind(2, entity_id);
  return FindOne(stmt, found, out);
}

Status FindById(Db* db, int64_t id, Alert* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, std::string("SELECT ") + kColumns + " FROM alert WHERE id = ?", &stmt));
  stmt.Bind(1, id);
  bool found = false;
  INTERDICT_RETURN_IF_ERROR(FindOne(stmt, &found, out));
  if (!found) return Status::NotFound("no alert " + std::to_string(id));
  return Status::Ok();
}

Status Insert(Db* db, Alert* alert) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO alert(customer_id, entity_id, source, list_version, score, explanation, "
      "customer_fp, entity_fp, status, assignee, pending, rev, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), 1, ?, ?) "
      "RETURNING id",
      &stmt));
  stmt.Bind(1, alert->customer_id).Bind(2, alert->entity_id).Bind(3, alert->source);
  stmt.Bind(4, alert->list_version);
  stmt.Bind(5, alert->score);
  stmt.Bind(6, alert->explanation).Bind(7, alert->customer_fp).Bind(8, alert->entity_fp);
  stmt.Bind(9, AlertStatusName(alert->status)).Bind(10, alert->assignee);
  stmt.Bind(11, alert->pending).Bind(12, alert->updated_at).Bind(13, alert->updated_at);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("raising an alert"));
  if (!row) return Status::Internal("INSERT ... RETURNING gave no row");
  alert->id = stmt.ColumnInt(0);
  alert->rev = 1;
  alert->created_at = alert->updated_at;
  return stmt.Step();
}

Status Update(Db* db, Alert* alert) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "UPDATE alert SET source = ?, list_version = ?, score = ?, explanation = ?, "
      "customer_fp = ?, entity_fp = ?, status = ?, assignee = ?, pending = NULLIF(?, ''), "
      "rev = rev + 1, updated_at = ? WHERE id = ? AND rev = ?",
      &stmt));
  stmt.Bind(1, alert->source).Bind(2, alert->list_version).Bind(3, alert->score);
  stmt.Bind(4, alert->explanation).Bind(5, alert->customer_fp).Bind(6, alert->entity_fp);
  stmt.Bind(7, AlertStatusName(alert->status)).Bind(8, alert->assignee);
  stmt.Bind(9, alert->pending).Bind(10, alert->updated_at).Bind(11, alert->id);
  stmt.Bind(12, alert->rev);
  INTERDICT_RETURN_IF_ERROR(stmt.Step().WithContext("updating alert " + std::to_string(alert->id)));
  // The caller read the row in this same transaction, so the rev cannot have moved; a miss here
  // is a bug, not a race.
  if (stmt.Changes() != 1)
    return Status::Internal("alert " + std::to_string(alert->id) + " changed under its update");
  ++alert->rev;
  return Status::Ok();
}

Status UpdateWithEvent(Db* db, Alert* alert, AlertStatus from, const std::string& who,
                       const std::string& kind, const std::string& reason,
                       const std::string& detail, int64_t list_version) {
  INTERDICT_RETURN_IF_ERROR(Update(db, alert));
  AlertEvent event;
  event.alert_id = alert->id;
  event.at = alert->updated_at;
  event.who = who;
  event.kind = kind;
  if (from != alert->status) {
    event.from_status = AlertStatusName(from);
    event.to_status = AlertStatusName(alert->status);
  }
  event.reason = reason;
  event.list_version = list_version;
  event.score = alert->score;
  event.detail = detail;
  return AppendEvent(db, event);
}

Status AppendEvent(Db* db, const AlertEvent& event) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO alert_event(alert_id, at, who, kind, from_status, to_status, reason, "
      "list_version, score, detail) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?)",
      &stmt));
  stmt.Bind(1, event.alert_id).Bind(2, event.at).Bind(3, event.who).Bind(4, event.kind);
  stmt.Bind(5, event.from_status).Bind(6, event.to_status).Bind(7, event.reason);
  stmt.Bind(8, event.list_version).Bind(10, event.detail);
  if (event.score) {
    stmt.Bind(9, *event.score);
  } else {
    stmt.BindNull(9);
  }
  return stmt.Step().WithContext("recording the history of alert " +
                                 std::to_string(event.alert_id));
}

Status LastEvent(Db* db, int64_t alert_id, std::string* kind, int64_t* list_version) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db,
                    "SELECT kind, COALESCE(list_version, 0) FROM alert_event WHERE alert_id = ? "
                    "ORDER BY id DESC LIMIT 1",
                    &stmt));
  stmt.Bind(1, alert_id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  *kind = row ? stmt.ColumnText(0) : "";
  *list_version = row ? stmt.ColumnInt(1) : 0;
  return Status::Ok();
}

Status RuleThatClosed(Db* db, int64_t alert_id, int64_t* rule_id) {
  *rule_id = 0;
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "SELECT kind, detail FROM alert_event WHERE alert_id = ? AND to_status = 'false_positive' "
      "ORDER BY id DESC LIMIT 1",
      &stmt));
  stmt.Bind(1, alert_id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row || stmt.ColumnText(0) != "suppressed") return Status::Ok();
  nlohmann::json detail = nlohmann::json::parse(stmt.ColumnText(1), nullptr, false);
  if (detail.is_object() && detail.value("rule_id", nlohmann::json()).is_number_integer())
    *rule_id = detail["rule_id"].get<int64_t>();
  return Status::Ok();
}

}  // namespace interdict::alert_rows
