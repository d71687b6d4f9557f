// Reading and writing alert rows and their events: the one place that knows the alert tables'
// columns. Internal to src/monitor (alerts.cc, alert_sink_store.cc, rules.cc); callers hold the
// transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "monitor/alerts.h"
#include "store/db.h"

namespace interdict::alert_rows {

// The SELECT list that ReadAlert expects, in order; prefix "SELECT " and add FROM/WHERE.
extern const char kColumns[];

// The alert of the current row of a statement that selected kColumns.
Status ReadAlert(const Stmt& stmt, Alert* out);

// The alert of the pair; *found false when there is none.
Status FindByPair(Db* db, const std::string& customer_id, const std::string& entity_id, bool* found,
                  Alert* out);
// NotFound when there is no alert `id`.
Status FindById(Db* db, int64_t id, Alert* out);

// Inserts `alert` (id, rev, created_at are assigned into it).
Status Insert(Db* db, Alert* alert);
// Writes every mutable field of `alert` (status, score, evidence, assignee, pending, updated_at)
// and bumps its rev; `alert->rev` becomes the new rev.
Status Update(Db* db, Alert* alert);

// Update(alert), then an event of `kind` by `who` recording the move from `from` (when the
// status changed), `reason`, `detail` (a JSON object) and `list_version` (0: none); the event's
// time is alert->updated_at and its score the alert's.
Status UpdateWithEvent(Db* db, Alert* alert, AlertStatus from, const std::string& who,
                       const std::string& kind, const std::string& reason,
                       const std::string& detail, int64_t list_version);

// Appends `event` to its alert's history.
Status AppendEvent(Db* db, const AlertEvent& event);

// The kind and list version of the alert's newest event ("" and 0 when it has none).
Status LastEvent(Db* db, int64_t alert_id, std::string* kind, int64_t* list_version);

// The rule id of the event that last closed the alert as false_positive when a good-guy rule
// did it (kind "suppressed"); 0 when the last false_positive closing was a person's decision or
// there was none.
Status RuleThatClosed(Db* db, int64_t alert_id, int64_t* rule_id);

}  // namespace interdict::alert_rows
