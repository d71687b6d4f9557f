// Alerts: one row per (customer, list record) pair that monitoring found to match, with its
// status, score, evidence, assignee and an append-only history (alert_event).
//
// Monitoring raises and updates alerts through the AlertSink that NewStoreAlertSink returns;
// people move them through their case work with the functions below (each in its own write
// transaction, with an audit-chain event).
//
// Statuses: open -> in_review -> escalated -> confirmed | false_positive; delisted when the list
// record left its list. A pair is never raised twice: UNIQUE(customer_id, entity_id) makes the
// alert row the single home of the pair, and raising again updates it.
//
// Thread-safety: as Store.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "monitor/alert_sink.h"
#include "store/store.h"

namespace interdict {

enum class AlertStatus { kOpen, kInReview, kEscalated, kConfirmed, kFalsePositive, kDelisted };

// Every status, in the order of the lifecycle.
inline constexpr AlertStatus kAlertStatuses[] = {
    AlertStatus::kOpen,      AlertStatus::kInReview,      AlertStatus::kEscalated,
    AlertStatus::kConfirmed, AlertStatus::kFalsePositive, AlertStatus::kDelisted};

// "open", "in_review", "escalated", "confirmed", "false_positive", "delisted".
std::string_view AlertStatusName(AlertStatus status);
// false (and *out untouched) for any other text.
bool ParseAlertStatus(std::string_view text, AlertStatus* out);
// "open, in_review, escalated, confirmed, false_positive, delisted": for messages.
std::string AlertStatusNames();

struct Alert {
  int64_t id = 0;
  std::string customer_id;
  std::string entity_id;
  std::string source;
  int64_t list_version = 0;  // the version of the source whose record raised (or last rescored) it
  double score = 0;
  std::string explanation = "{}";  // JSON object
  std::string customer_fp;
  std::string entity_fp;
  AlertStatus status = AlertStatus::kOpen;
  std::string assignee;  // "" when nobody
  // A false-positive decision waiting for a second person's approval (four-eyes): JSON object
  // {"decision", "by", "at", "reason"}; "" when none.
  std::string pending;
  int64_t rev = 1;  // bumped by every change; decisions give the rev they saw
  std::string created_at;
  std::string updated_at;
};

// One entry of an alert's history.
struct AlertEvent {
  int64_t id = 0;
  int64_t alert_id = 0;
  std::string at;
  std::string who;
  // "raised", "rescored", "reopened", "delisted", "no_longer_matches", "customer_deleted",
  // "suppressed" (closed by a good-guy rule), "moved", "assigned", "decided", "pending",
  // "approved", "rejected".
  std::string kind;
  std::string from_status;  // "" when the status did not change
  std::string to_status;
  std::string reason;
  int64_t list_version = 0;  // 0 when not about a list version
  std::optional<double> score;
  std::string detail = "{}";  // JSON object
};

// Monitoring's sink over the alert tables of `store`; `who` (e.g. "system:monitor") is recorded
// on every alert_event it writes. Every call must run inside a write transaction the caller
// holds on `store` (it checks, and fails with Internal otherwise). It appends no audit-chain
// event: the monitoring run that holds the transaction records one for the whole run.
//
// Hit, for the pair's alert:
// - none: raised (open). A good-guy rule that is active and matches both fingerprints
//   suppresses it instead (no row).
// - open / in_review / escalated: rescored when the score or a fingerprint changed (a pending
//   four-eyes decision is dropped: it was made on other evidence), else unchanged. An active
//   matching rule closes it as false_positive (event "suppressed").
// - confirmed / false_positive: reopened when a fingerprint changed, else unchanged; a
//   false_positive closed by a rule that has since expired or been revoked also reopens.
// - delisted: reopened (the record is listed again).
// An active rule whose fingerprints differ from the hit's lapses (lapsed_at, lapse_reason naming
// the side that changed); the pair is then handled as if there were no rule.
//
// Delisted: every alert of the record except false_positive ones (that decision stands) becomes
// delisted. NoLongerMatches and CustomerDeleted keep the status of an open / in_review /
// escalated alert (a person closes it: the system never closes an alert on its own judgement)
// and record an event, once; closed alerts are left alone.
std::unique_ptr<AlertSink> NewStoreAlertSink(Store& store, std::string who);

struct AlertFilter {
  std::vector<AlertStatus> statuses;  // any of these; empty: all
  std::string customer_id;            // "" : any
  std::string entity_id;
  std::string assignee;
  std::optional<double> min_score;
  int64_t after_id = 0;  // paging: only alerts with a larger id
  int64_t limit = 100;   // at most this many, by id ascending; <= 0: no limit
};

Status ListAlerts(Store& store, const AlertFilter& filter, std::vector<Alert>* out);

// NotFound when there is no alert `id`. `history` (may be null) receives its events, oldest first.
Status GetAlert(Store& store, int64_t id, Alert* alert, std::vector<AlertEvent>* history);

// Case work. Each call is one write transaction on `store` that changes the alert (bumping its
// rev), appends an alert_event (who, when, from/to status, reason) and an audit-chain event
// ("alert.transition", "alert.assign", "alert.decision", "alert.approval"), or changes nothing.
// `user` is the acting user (users.h); *after (may be null) receives the alert as changed.
//
// Errors, all with nothing changed: PermissionDenied when `user` is missing, unknown, disabled or
// the role does not allow the act; Conflict when `expected_rev` is not 0 and differs from the
// alert's rev (someone changed it since the caller read it); InvalidInput for a move the status
// does not allow, a missing reason, or an alert that awaits four-eyes approval; NotFound.

// Moves between open, in_review and escalated (open <-> in_review, either -> escalated, escalated
// -> in_review or open for a supervisor), or reopens a confirmed or false_positive alert (to
// open; a supervisor). Decisions go through DecideAlert; delisting is monitoring's.
Status MoveAlert(Store& store, int64_t id, int64_t expected_rev, AlertStatus to,
                 const std::string& reason, const std::string& user, Alert* after);

// Assigns the alert to `assignee` (an enabled user; "" unassigns).
Status AssignAlert(Store& store, int64_t id, int64_t expected_rev, const std::string& assignee,
                   const std::string& user, Alert* after);

// Decides an open, in_review or escalated alert (escalated: a supervisor) as kConfirmed or
// kFalsePositive, with a reason. With four_eyes on (settings.h), a false positive is not closed:
// the alert goes to in_review with `pending` set, until ReviewDecision.
Status DecideAlert(Store& store, int64_t id, int64_t expected_rev, AlertStatus decision,
                   const std::string& reason, const std::string& user, Alert* after);

// Four-eyes: a supervisor or admin other than the one who decided approves (the alert closes as
// false_positive) or rejects (the pending decision is dropped; the alert stays in_review).
Status ReviewDecision(Store& store, int64_t id, int64_t expected_rev, bool approve,
                      const std::string& reason, const std::string& user, Alert* after);

// {"id", "customer", "entity", "source", "list_version", "score", "status", "assignee", "rev",
//  "pending" (object or null), "explanation" (object), "customer_fp", "entity_fp",
//  "created_at", "updated_at"}.
nlohmann::json AlertToJson(const Alert& alert);
nlohmann::json AlertEventToJson(const AlertEvent& event);

}  // namespace interdict
