// Helpers shared by the case-work modules (alerts.cc, alert_sink_store.cc, rules.cc, users.cc):
// the clock, REAL columns (sqlite_util has integers and text only) and the audit event every
// change to case data appends. Internal to src/monitor: not for other stages.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "store/sqlite_util.h"
#include "store/store.h"

namespace interdict::case_util {

// UTC now as ISO 8601 with milliseconds ("2026-12-07T17:45:14.123Z"): sorts as text, so expiry
// and ordering compare strings.
std::string Now();

double ColumnDouble(const Stmt& stmt, int col);
// Binds a REAL parameter (Stmt::Bind has no double overload: it would make Bind(i, 5) ambiguous).
Status BindDouble(Stmt& stmt, int index, double value);

// Appends the audit-chain event for a change to case data. Must be the last write of the
// caller's write transaction (audit_chain.h).
Status AppendAudit(Store& store, const std::string& who, const std::string& kind,
                   const std::string& subject, const nlohmann::json& detail);

}  // namespace interdict::case_util
