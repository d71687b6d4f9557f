// Reading and writing alert rows and their events: the one place that knows the alert tables'
// columns. Internal to src/monitor (alerts.cc, alert_sink_store.cc, rules.cc); callers hold the
// transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "monitor/alerts.h"
#include "store/sqlite_util.h"

namespace interdict::alert_rows {

// The SELECT list that ReadAlert expects, in order; prefix "SELECT " and add FROM/WHERE.
extern const char kColumns[];

// The alert of the current row of a statement that selected kColumns.
Status ReadAlert(const Stmt& stmt, Alert* out);

// The alert of the pair; *found false when there is none.
Status FindByPair(sqlite3* db, const std::string& customer_id, const std::string& entity_id,
                  bool* found, Alert* out);
// NotFound when there is no alert `id`.
Status FindById(sqlite3* db, int64_t id, Alert* out);

// Inserts `alert` (id, rev, created_at are assigned into it).
Status Insert(sqlite3* db, Alert* alert);
// Writes every mutable field of `alert` (status, score, evidence, assignee, pending, updated_at)
// and bumps its rev; `alert->rev` becomes the new rev.
Status Update(sqlite3* db, Alert* alert);

// Appends `event` to its alert's history.
Status AppendEvent(sqlite3* db, const AlertEvent& event);

// The kind and list version of the alert's newest event ("" and 0 when it has none).
Status LastEvent(sqlite3* db, int64_t alert_id, std::string* kind, int64_t* list_version);

// The rule id of the event that last closed the alert as false_positive when a good-guy rule
// did it (kind "suppressed"); 0 when the last false_positive closing was a person's decision or
// there was none.
Status RuleThatClosed(sqlite3* db, int64_t alert_id, int64_t* rule_id);

}  // namespace interdict::alert_rows
