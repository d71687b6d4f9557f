// NewStoreAlertSink (alerts.h): what monitoring's conclusions mean for the alert rows.
#include <optional>
#include <utility>

#include "core/utc_now.h"
#include "monitor/alert_rows.h"
#include "monitor/alerts.h"
#include "monitor/case_util.h"
#include "monitor/rules.h"

namespace interdict {
namespace {

bool IsActive(AlertStatus s) {
  return s == AlertStatus::kOpen || s == AlertStatus::kInReview || s == AlertStatus::kEscalated;
}

// Which side of the pair moved away from what a rule was based on.
std::string LapseReason(const GoodGuyRule& rule, const PairHit& hit) {
  std::string reason;
  if (rule.customer_fp != hit.customer_fp) reason = "customer changed";
  if (rule.entity_fp != hit.entity_fp) {
    if (!reason.empty()) reason += "; ";
    reason += "list record changed";
  }
  return reason + " since the rule was made";
}

// What the pair's unrevoked rules say about this hit: the rule in force that covers it at these
// fingerprints, if any, after lapsing those in force whose fingerprints differ.
struct RuleVerdict {
  std::optional<GoodGuyRule> covering;
  nlohmann::json lapsed = nlohmann::json::array();  // [{"rule_id", "reason"}]
};

Status JudgeRules(Db* db, const PairHit& hit, const std::string& now, RuleVerdict* out) {
  std::vector<GoodGuyRule> rules;
  INTERDICT_RETURN_IF_ERROR(UnrevokedRules(db, hit.customer_id, hit.entity_id, &rules));
  for (GoodGuyRule& rule : rules) {
    if (!RuleInForce(rule, now)) continue;  // expired: applies to nothing, lapses for nothing
    if (rule.customer_fp == hit.customer_fp && rule.entity_fp == hit.entity_fp) {
      if (!out->covering) out->covering = std::move(rule);
      continue;
    }
    std::string reason = LapseReason(rule, hit);
    INTERDICT_RETURN_IF_ERROR(LapseRule(db, rule.id, reason, now));
    out->lapsed.push_back({{"rule_id", rule.id}, {"reason", reason}});
  }
  return Status::Ok();
}

class StoreAlertSink : public AlertSink {
 public:
  StoreAlertSink(Store& store, std::string who) : store_(store), who_(std::move(who)) {}

  Status Hit(const PairHit& hit, RaiseOutcome* outcome) override;
  Status Delisted(const std::string& entity_id, int64_t list_version, int64_t* closed) override;
  Status NoLongerMatches(const std::string& customer_id, const std::string& entity_id,
                         int64_t list_version) override;
  Status CustomerDeleted(const std::string& customer_id) override;

 private:
  Db* db() { return store_.db(); }
  Status CheckTransaction() {
    if (!db()->InTransaction())
      return Status::Internal("the alert sink was called outside a write transaction");
    return Status::Ok();
  }
  // Saves `alert` (rev bumped) and appends an event of `kind` moving it from `from`, about
  // `event_version` (-1: the alert's list version; 0: none).
  Status Save(Alert* alert, AlertStatus from, const std::string& kind, const std::string& reason,
              nlohmann::json detail, int64_t event_version = -1);
  Status HandleExisting(Alert* alert, const PairHit& hit, const RuleVerdict& rules,
                        const std::string& now, RaiseOutcome* outcome);
  // The alerts matching `where` (SQL with one text parameter, bound to `key`), by id.
  Status SelectAlerts(const char* where, const std::string& key, std::vector<Alert>* out);
  // Records an event of `kind` (status unchanged) on each active alert of `alerts`, unless its
  // newest event already is that kind at `list_version`: a re-run says nothing twice.
  Status Note(std::vector<Alert>* alerts, const std::string& kind, int64_t list_version,
              const std::string& reason);

  Store& store_;
  std::string who_;
};

Status StoreAlertSink::Save(Alert* alert, AlertStatus from, const std::string& kind,
                            const std::string& reason, nlohmann::json detail,
                            int64_t event_version) {
  return alert_rows::UpdateWithEvent(db(), alert, from, who_, kind, reason, detail.dump(),
                                     event_version < 0 ? alert->list_version : event_version);
}

Status StoreAlertSink::Hit(const PairHit& hit, RaiseOutcome* outcome) {
  INTERDICT_RETURN_IF_ERROR(CheckTransaction());
  if (hit.customer_id.empty() || hit.entity_id.empty())
    return Status::InvalidInput("alert hit without a customer id or an entity id");
  if (!nlohmann::json::accept(hit.explanation))
    return Status::InvalidInput("alert hit " + hit.customer_id + " / " + hit.entity_id +
                                ": the explanation is not JSON");
  const std::string now = UtcNowMillis();
  RuleVerdict rules;
  INTERDICT_RETURN_IF_ERROR(JudgeRules(db(), hit, now, &rules));
  bool found = false;
  Alert alert;
  INTERDICT_RETURN_IF_ERROR(
      alert_rows::FindByPair(db(), hit.customer_id, hit.entity_id, &found, &alert));
  if (found) return HandleExisting(&alert, hit, rules, now, outcome);
  if (rules.covering) {
    *outcome = RaiseOutcome::kSuppressed;
    return Status::Ok();
  }
  alert.customer_id = hit.customer_id;
  alert.entity_id = hit.entity_id;
  alert.source = hit.source;
  alert.list_version = hit.list_version;
  alert.score = hit.score;
  alert.explanation = hit.explanation;
  alert.customer_fp = hit.customer_fp;
  alert.entity_fp = hit.entity_fp;
  alert.status = AlertStatus::kOpen;
  alert.updated_at = now;
  INTERDICT_RETURN_IF_ERROR(alert_rows::Insert(db(), &alert));
  AlertEvent event;
  event.alert_id = alert.id;
  event.at = now;
  event.who = who_;
  event.kind = "raised";
  event.to_status = AlertStatusName(AlertStatus::kOpen);
  event.list_version = hit.list_version;
  event.score = hit.score;
  if (!rules.lapsed.empty()) event.detail = nlohmann::json{{"lapsed_rules", rules.lapsed}}.dump();
  INTERDICT_RETURN_IF_ERROR(alert_rows::AppendEvent(db(), event));
  *outcome = RaiseOutcome::kRaised;
  return Status::Ok();
}

Status StoreAlertSink::HandleExisting(Alert* alert, const PairHit& hit, const RuleVerdict& rules,
                                      const std::string& now, RaiseOutcome* outcome) {
  const AlertStatus from = alert->status;
  const bool evidence_changed =
      alert->customer_fp != hit.customer_fp || alert->entity_fp != hit.entity_fp;
  const bool changed = evidence_changed || alert->score != hit.score;
  nlohmann::json detail = nlohmann::json::object();
  if (!rules.lapsed.empty()) detail["lapsed_rules"] = rules.lapsed;
  if (evidence_changed) {
    detail["customer_changed"] = alert->customer_fp != hit.customer_fp;
    detail["entity_changed"] = alert->entity_fp != hit.entity_fp;
  }

  // Decide the new status and the event's kind; nullopt: nothing to write.
  std::optional<std::pair<AlertStatus, std::string>> next;
  std::string reason;
  if (from == AlertStatus::kConfirmed) {
    // A confirmed match stays confirmed at the same evidence, rule or not: a rule made later
    // does not undo a person's confirmation.
    if (evidence_changed) next = {AlertStatus::kOpen, "reopened"};
  } else if (rules.covering) {
    if (from != AlertStatus::kFalsePositive || changed) {
      next = {AlertStatus::kFalsePositive, "suppressed"};
      detail["rule_id"] = rules.covering->id;
      reason =
          "good-guy rule " + std::to_string(rules.covering->id) + ": " + rules.covering->reason;
    }
  } else if (from == AlertStatus::kDelisted) {
    next = {AlertStatus::kOpen, "reopened"};
    reason = "the list record is listed again";
  } else if (from == AlertStatus::kFalsePositive) {
    int64_t closing_rule = 0;
    INTERDICT_RETURN_IF_ERROR(alert_rows::RuleThatClosed(db(), alert->id, &closing_rule));
    if (evidence_changed) {
      next = {AlertStatus::kOpen, "reopened"};
    } else if (closing_rule != 0) {
      next = {AlertStatus::kOpen, "reopened"};
      reason = "good-guy rule " + std::to_string(closing_rule) + " no longer applies";
    }
  } else if (changed) {
    next = {from, "rescored"};
  }
  if (!next) {
    const bool by_rule = rules.covering && from != AlertStatus::kConfirmed;
    *outcome = by_rule ? RaiseOutcome::kSuppressed : RaiseOutcome::kUnchanged;
    return Status::Ok();
  }
  if (reason.empty() && evidence_changed) reason = "the evidence changed";
  if (!alert->pending.empty()) {
    // A four-eyes decision made on other evidence (or overtaken by the system) is void.
    detail["pending_dropped"] = nlohmann::json::parse(alert->pending, nullptr, false);
    alert->pending.clear();
  }
  alert->status = next->first;
  alert->source = hit.source;
  alert->list_version = hit.list_version;
  alert->score = hit.score;
  alert->explanation = hit.explanation;
  alert->customer_fp = hit.customer_fp;
  alert->entity_fp = hit.entity_fp;
  alert->updated_at = now;
  INTERDICT_RETURN_IF_ERROR(Save(alert, from, next->second, reason, std::move(detail)));
  *outcome = next->second == "reopened"     ? RaiseOutcome::kReopened
             : next->second == "suppressed" ? RaiseOutcome::kSuppressed
                                            : RaiseOutcome::kRescored;
  return Status::Ok();
}

Status StoreAlertSink::SelectAlerts(const char* where, const std::string& key,
                                    std::vector<Alert>* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db(),
      std::string("SELECT ") + alert_rows::kColumns + " FROM alert WHERE " + where + " ORDER BY id",
      &stmt));
  stmt.Bind(1, key);
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    INTERDICT_RETURN_IF_ERROR(alert_rows::ReadAlert(stmt, &out->emplace_back()));
  }
}

Status StoreAlertSink::Delisted(const std::string& entity_id, int64_t list_version,
                                int64_t* closed) {
  INTERDICT_RETURN_IF_ERROR(CheckTransaction());
  std::vector<Alert> alerts;
  INTERDICT_RETURN_IF_ERROR(
      SelectAlerts("entity_id = ? AND status IN ('open', 'in_review', 'escalated', 'confirmed')",
                   entity_id, &alerts));
  const std::string now = UtcNowMillis();
  for (Alert& alert : alerts) {
    const AlertStatus from = alert.status;
    nlohmann::json detail = nlohmann::json::object();
    if (!alert.pending.empty())
      detail["pending_dropped"] = nlohmann::json::parse(alert.pending, nullptr, false);
    alert.pending.clear();
    alert.status = AlertStatus::kDelisted;
    alert.updated_at = now;
    INTERDICT_RETURN_IF_ERROR(
        Save(&alert, from, "delisted",
             "absent from version " + std::to_string(list_version) + " of its list",
             std::move(detail), list_version));
  }
  if (closed != nullptr) *closed = static_cast<int64_t>(alerts.size());
  return Status::Ok();
}

Status StoreAlertSink::Note(std::vector<Alert>* alerts, const std::string& kind,
                            int64_t list_version, const std::string& reason) {
  const std::string now = UtcNowMillis();
  for (Alert& alert : *alerts) {
    if (!IsActive(alert.status)) continue;
    std::string last_kind;
    int64_t last_version = 0;
    INTERDICT_RETURN_IF_ERROR(alert_rows::LastEvent(db(), alert.id, &last_kind, &last_version));
    if (last_kind == kind && last_version == list_version) continue;  // a re-run: said already
    alert.updated_at = now;
    INTERDICT_RETURN_IF_ERROR(
        Save(&alert, alert.status, kind, reason, nlohmann::json::object(), list_version));
  }
  return Status::Ok();
}

Status StoreAlertSink::NoLongerMatches(const std::string& customer_id, const std::string& entity_id,
                                       int64_t list_version) {
  INTERDICT_RETURN_IF_ERROR(CheckTransaction());
  std::vector<Alert> alerts(1);
  bool found = false;
  INTERDICT_RETURN_IF_ERROR(
      alert_rows::FindByPair(db(), customer_id, entity_id, &found, &alerts[0]));
  if (!found) return Status::Ok();
  return Note(&alerts, "no_longer_matches", list_version,
              "screened again below the monitoring threshold");
}

Status StoreAlertSink::CustomerDeleted(const std::string& customer_id) {
  INTERDICT_RETURN_IF_ERROR(CheckTransaction());
  std::vector<Alert> alerts;
  INTERDICT_RETURN_IF_ERROR(SelectAlerts("customer_id = ?", customer_id, &alerts));
  return Note(&alerts, "customer_deleted", 0, "the customer left the customer book");
}

}  // namespace

std::unique_ptr<AlertSink> NewStoreAlertSink(Store& store, std::string who) {
  return std::make_unique<StoreAlertSink>(store, std::move(who));
}

}  // namespace interdict
