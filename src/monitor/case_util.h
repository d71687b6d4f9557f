// Helpers shared by the case-work modules (alerts.cc, alert_sink_store.cc, rules.cc, users.cc):
// the audit event every change to case data appends. Internal to src/monitor: not for other stages.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict::case_util {

// Appends the audit-chain event for a change to case data. Must be the last write of the
// caller's write transaction (audit_chain.h).
// `list_versions` (a JSON array of {"source", "version"}) and `settings` (an object) as
// audit_chain.h describes them.
Status AppendAudit(Store& store, const std::string& who, const std::string& kind,
                   const std::string& subject, const nlohmann::json& detail,
                   const nlohmann::json& list_versions = nlohmann::json::array(),
                   const nlohmann::json& settings = nlohmann::json::object());

}  // namespace interdict::case_util
