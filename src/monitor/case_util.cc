#include "monitor/case_util.h"

#include "store/audit_chain.h"

namespace interdict::case_util {

Status AppendAudit(Store& store, const std::string& who, const std::string& kind,
                   const std::string& subject, const nlohmann::json& detail,
                   const nlohmann::json& list_versions, const nlohmann::json& settings) {
  AuditEvent event;
  event.who = who;
  event.kind = kind;
  event.subject = subject;
  event.detail = detail.dump();
  event.list_versions = list_versions.dump();
  event.settings = settings.dump();
  return AppendAuditEvent(store, &event);
}

}  // namespace interdict::case_util
