// The case work on alerts (alerts.h): moves, assignment, decisions and four-eyes review.
#include <functional>

#include "core/utc_now.h"
#include "monitor/alert_rows.h"
#include "monitor/alerts.h"
#include "monitor/case_util.h"
#include "monitor/settings.h"
#include "monitor/users.h"
#include "store/db.h"

namespace interdict {
namespace {

bool IsDecided(AlertStatus s) {
  return s == AlertStatus::kConfirmed || s == AlertStatus::kFalsePositive;
}

// What a piece of case work did, for the alert's history and the audit chain.
struct Change {
  std::string kind;        // alert_event kind
  std::string audit_kind;  // audit-chain kind
  nlohmann::json detail = nlohmann::json::object();
  nlohmann::json settings = nlohmann::json::object();
};

// Checks what the actor may do to *alert and changes it; nothing is written when it fails.
using Mutation = std::function<Status(const User& actor, Alert* alert, Change* change)>;

Status CheckNotPending(const Alert& alert) {
  if (alert.pending.empty()) return Status::Ok();
  nlohmann::json pending = nlohmann::json::parse(alert.pending, nullptr, false);
  std::string by = pending.is_object() ? pending.value("by", std::string()) : std::string();
  return Status::InvalidInput("it awaits four-eyes approval of " + by +
                              "'s false-positive decision: approve or reject that first");
}

Status RequireReason(const std::string& reason, const char* act) {
  if (reason.empty()) return Status::InvalidInput(std::string(act) + " needs a reason");
  return Status::Ok();
}

// One piece of case work on alert `id`, in its own write transaction.
Status ChangeAlert(Store& store, int64_t id, int64_t expected_rev, const std::string& user,
                   const std::string& reason, const Mutation& mutate, Alert* after) {
  Db* db = store.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  User actor;
  INTERDICT_RETURN_IF_ERROR(ActingUser(db, user, &actor));
  Alert alert;
  INTERDICT_RETURN_IF_ERROR(alert_rows::FindById(db, id, &alert));
  const std::string subject = "alert " + std::to_string(id);
  if (expected_rev != 0 && alert.rev != expected_rev)
    return Status::Conflict(subject + " is at rev " + std::to_string(alert.rev) + ", not " +
                            std::to_string(expected_rev) +
                            ": it changed since you read it; look at it again");
  const AlertStatus from = alert.status;
  Change change;
  INTERDICT_RETURN_IF_ERROR(mutate(actor, &alert, &change).WithContext(subject));
  alert.updated_at = UtcNowMillis();
  INTERDICT_RETURN_IF_ERROR(alert_rows::UpdateWithEvent(db, &alert, from, actor.name, change.kind,
                                                        reason, change.detail.dump(), 0));

  nlohmann::json detail = change.detail;
  detail["event"] = change.kind;
  detail["from"] = AlertStatusName(from);
  detail["to"] = AlertStatusName(alert.status);
  detail["reason"] = reason;
  detail["rev"] = alert.rev;
  detail["customer"] = alert.customer_id;
  detail["entity"] = alert.entity_id;
  nlohmann::json versions =
      nlohmann::json::array({{{"source", alert.source}, {"version", alert.list_version}}});
  INTERDICT_RETURN_IF_ERROR(case_util::AppendAudit(store, actor.name, change.audit_kind,
                                                   "alert:" + std::to_string(id), detail, versions,
                                                   change.settings));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  if (after != nullptr) *after = alert;
  return Status::Ok();
}

// Which permission moving from `from` to `to` needs; InvalidInput for a move that is not one.
Status MovePermission(AlertStatus from, AlertStatus to, Permission* need) {
  if (to == from)
    return Status::InvalidInput("it is " + std::string(AlertStatusName(from)) + " already");
  if (IsDecided(to))
    return Status::InvalidInput("decide it with `alerts decide` (DecideAlert), not by a move");
  if (to == AlertStatus::kDelisted) return Status::InvalidInput("only monitoring delists alerts");
  if (from == AlertStatus::kDelisted)
    return Status::InvalidInput(
        "a delisted alert reopens only when monitoring finds its list record again");
  if (IsDecided(from)) {
    if (to != AlertStatus::kOpen) return Status::InvalidInput("a decided alert reopens to open");
    *need = Permission::kReopen;
  } else {
    *need = from == AlertStatus::kEscalated ? Permission::kDecideEscalated : Permission::kWork;
  }
  return Status::Ok();
}

}  // namespace

Status MoveAlert(Store& store, int64_t id, int64_t expected_rev, AlertStatus to,
                 const std::string& reason, const std::string& user, Alert* after) {
  auto mutate = [&](const User& actor, Alert* alert, Change* change) -> Status {
    INTERDICT_RETURN_IF_ERROR(CheckNotPending(*alert));
    Permission need = Permission::kWork;
    INTERDICT_RETURN_IF_ERROR(MovePermission(alert->status, to, &need));
    INTERDICT_RETURN_IF_ERROR(CheckAllowed(actor, need));
    if (need == Permission::kReopen) INTERDICT_RETURN_IF_ERROR(RequireReason(reason, "reopening"));
    change->kind = need == Permission::kReopen ? "reopened" : "moved";
    change->audit_kind = "alert.transition";
    alert->status = to;
    return Status::Ok();
  };
  return ChangeAlert(store, id, expected_rev, user, reason, mutate, after);
}

Status AssignAlert(Store& store, int64_t id, int64_t expected_rev, const std::string& assignee,
                   const std::string& user, Alert* after) {
  auto mutate = [&](const User& actor, Alert* alert, Change* change) -> Status {
    INTERDICT_RETURN_IF_ERROR(CheckAllowed(actor, Permission::kWork));
    if (!assignee.empty()) {
      // The assignee is data here, not the actor: a bad one is bad input, not a refusal.
      User target;
      if (Status s = ActingUser(store.db(), assignee, &target); !s.ok())
        return Status::InvalidInput("cannot assign it: " + s.message());
    }
    if (assignee == alert->assignee)
      return Status::InvalidInput("it is assigned to '" + assignee + "' already");
    change->kind = "assigned";
    change->audit_kind = "alert.assign";
    change->detail = {{"from_assignee", alert->assignee}, {"to_assignee", assignee}};
    alert->assignee = assignee;
    return Status::Ok();
  };
  return ChangeAlert(store, id, expected_rev, user, "", mutate, after);
}

Status DecideAlert(Store& store, int64_t id, int64_t expected_rev, AlertStatus decision,
                   const std::string& reason, const std::string& user, Alert* after) {
  if (!IsDecided(decision))
    return Status::InvalidInput("a decision is confirmed or false_positive, not " +
                                std::string(AlertStatusName(decision)));
  INTERDICT_RETURN_IF_ERROR(RequireReason(reason, "a decision"));
  auto mutate = [&](const User& actor, Alert* alert, Change* change) -> Status {
    INTERDICT_RETURN_IF_ERROR(CheckNotPending(*alert));
    if (alert->status == AlertStatus::kDelisted || IsDecided(alert->status))
      return Status::InvalidInput("it is " + std::string(AlertStatusName(alert->status)) +
                                  " already: reopen it first");
    INTERDICT_RETURN_IF_ERROR(CheckAllowed(actor, alert->status == AlertStatus::kEscalated
                                                      ? Permission::kDecideEscalated
                                                      : Permission::kDecide));
    bool four_eyes = true;
    INTERDICT_RETURN_IF_ERROR(FourEyesOn(store.db(), &four_eyes));
    change->audit_kind = "alert.decision";
    change->settings = {{"four_eyes", four_eyes ? "on" : "off"}};
    change->detail = {{"decision", AlertStatusName(decision)}};
    if (decision == AlertStatus::kFalsePositive && four_eyes) {
      change->kind = "pending";
      alert->pending = nlohmann::json{{"decision", AlertStatusName(decision)},
                                      {"by", actor.name},
                                      {"at", UtcNowMillis()},
                                      {"reason", reason},
                                      {"from", AlertStatusName(alert->status)}}
                           .dump();
      alert->status = AlertStatus::kInReview;
      return Status::Ok();
    }
    change->kind = "decided";
    alert->status = decision;
    return Status::Ok();
  };
  return ChangeAlert(store, id, expected_rev, user, reason, mutate, after);
}

Status ReviewDecision(Store& store, int64_t id, int64_t expected_rev, bool approve,
                      const std::string& reason, const std::string& user, Alert* after) {
  INTERDICT_RETURN_IF_ERROR(RequireReason(reason, approve ? "an approval" : "a rejection"));
  auto mutate = [&](const User& actor, Alert* alert, Change* change) -> Status {
    if (alert->pending.empty()) return Status::InvalidInput("no decision awaits approval");
    INTERDICT_RETURN_IF_ERROR(CheckAllowed(actor, Permission::kApprove));
    nlohmann::json pending = nlohmann::json::parse(alert->pending, nullptr, false);
    if (!pending.is_object()) return Status::Internal("its pending decision is not readable");
    const std::string by = pending.value("by", std::string());
    if (by == actor.name)
      return Status::PermissionDenied("four-eyes: " + by +
                                      " made the decision; another supervisor or admin must " +
                                      (approve ? "approve" : "reject") + " it");
    AlertStatus next = AlertStatus::kInReview;
    const std::string target = approve ? pending.value("decision", "") : pending.value("from", "");
    if (!ParseAlertStatus(target, &next))
      return Status::Internal("its pending decision names no status");
    change->kind = approve ? "approved" : "rejected";
    change->audit_kind = "alert.approval";
    change->detail = {{"pending", pending}, {"approved", approve}};
    alert->pending.clear();
    alert->status = next;
    return Status::Ok();
  };
  return ChangeAlert(store, id, expected_rev, user, reason, mutate, after);
}

}  // namespace interdict
