#include "monitor/alerts.h"

#include <array>
#include <limits>
#include <utility>

#include "monitor/alert_rows.h"
#include "monitor/case_util.h"
#include "store/db.h"

namespace interdict {
namespace {

constexpr std::array<std::pair<AlertStatus, std::string_view>, std::size(kAlertStatuses)>
    kStatusNames = {{
        {AlertStatus::kOpen, "open"},
        {AlertStatus::kInReview, "in_review"},
        {AlertStatus::kEscalated, "escalated"},
        {AlertStatus::kConfirmed, "confirmed"},
        {AlertStatus::kFalsePositive, "false_positive"},
        {AlertStatus::kDelisted, "delisted"},
    }};

nlohmann::json ParseOr(const std::string& text, nlohmann::json fallback) {
  if (text.empty()) return fallback;
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

}  // namespace

std::string_view AlertStatusName(AlertStatus status) {
  for (const auto& [s, name] : kStatusNames)
    if (s == status) return name;
  return "unknown";
}

std::string AlertStatusNames() {
  std::string names;
  for (AlertStatus s : kAlertStatuses)
    names += (names.empty() ? "" : ", ") + std::string(AlertStatusName(s));
  return names;
}

bool ParseAlertStatus(std::string_view text, AlertStatus* out) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) {
      *out = s;
      return true;
    }
  }
  return false;
}

Status ListAlerts(Store& store, const AlertFilter& filter, std::vector<Alert>* out) {
  out->clear();
  // The WHERE clause is made of fixed fragments, one per filter given, and every value is a bound
  // parameter, bound in the order the fragments are appended: each filter can use its index (a
  // "? = '' OR ..." form would scan the table).
  std::string sql = std::string("SELECT ") + alert_rows::kColumns + " FROM alert WHERE id > ?";
  auto param = [] { return std::string("?"); };
  if (!filter.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < filter.statuses.size(); ++i) sql += (i ? ", " : "") + param();
    sql += ")";
  }
  if (!filter.customer_id.empty()) sql += " AND customer_id = " + param();
  if (!filter.entity_id.empty()) sql += " AND entity_id = " + param();
  if (!filter.assignee.empty()) sql += " AND assignee = " + param();
  if (filter.min_score) sql += " AND score >= " + param();
  sql += " ORDER BY id LIMIT " + param();
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(store.db(), sql, &stmt));
  int index = 1;
  stmt.Bind(index++, filter.after_id);
  for (AlertStatus s : filter.statuses) stmt.Bind(index++, AlertStatusName(s));
  for (const std::string* text : {&filter.customer_id, &filter.entity_id, &filter.assignee})
    if (!text->empty()) stmt.Bind(index++, *text);
  if (filter.min_score) stmt.Bind(index++, *filter.min_score);
  stmt.Bind(index, filter.limit > 0 ? filter.limit : std::numeric_limits<int64_t>::max());
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("listing alerts"));
    if (!row) return Status::Ok();
    INTERDICT_RETURN_IF_ERROR(alert_rows::ReadAlert(stmt, &out->emplace_back()));
  }
}

Status GetAlert(Store& store, int64_t id, Alert* alert, std::vector<AlertEvent>* history) {
  INTERDICT_RETURN_IF_ERROR(alert_rows::FindById(store.db(), id, alert));
  if (history == nullptr) return Status::Ok();
  history->clear();
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(),
      "SELECT id, alert_id, at, who, kind, from_status, to_status, reason, "
      "COALESCE(list_version, 0), score, detail FROM alert_event WHERE alert_id = ? ORDER BY id",
      &stmt));
  stmt.Bind(1, id);
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    AlertEvent& e = history->emplace_back();
    e.id = stmt.ColumnInt(0);
    e.alert_id = stmt.ColumnInt(1);
    e.at = stmt.ColumnText(2);
    e.who = stmt.ColumnText(3);
    e.kind = stmt.ColumnText(4);
    e.from_status = stmt.ColumnText(5);
    e.to_status = stmt.ColumnText(6);
    e.reason = stmt.ColumnText(7);
    e.list_version = stmt.ColumnInt(8);
    if (!stmt.ColumnIsNull(9)) e.score = stmt.ColumnDouble(9);
    e.detail = stmt.ColumnText(10);
  }
}

nlohmann::json AlertToJson(const Alert& a) {
  return {{"id", a.id},
          {"customer", a.customer_id},
          {"entity", a.entity_id},
          {"source", a.source},
          {"list_version", a.list_version},
          {"score", a.score},
          {"status", AlertStatusName(a.status)},
          {"assignee", a.assignee},
          {"rev", a.rev},
          {"pending", ParseOr(a.pending, nullptr)},
          {"explanation", ParseOr(a.explanation, nlohmann::json::object())},
          {"customer_fp", a.customer_fp},
          {"entity_fp", a.entity_fp},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

nlohmann::json AlertEventToJson(const AlertEvent& e) {
  nlohmann::json j = {
      {"id", e.id},         {"at", e.at},
      {"who", e.who},       {"kind", e.kind},
      {"reason", e.reason}, {"detail", ParseOr(e.detail, nlohmann::json::object())}};
  if (!e.from_status.empty()) j["from_status"] = e.from_status;
  if (!e.to_status.empty()) j["to_status"] = e.to_status;
  if (e.list_version != 0) j["list_version"] = e.list_version;
  if (e.score) j["score"] = *e.score;
  return j;
}

}  // namespace interdict
