#include "monitor/case_util.h"

#include "store/audit_chain.h"

namespace interdict::case_util {

double ColumnDouble(const Stmt& stmt, int col) { return sqlite3_column_double(stmt.get(), col); }

Status BindDouble(Stmt& stmt, int index, double value) {
  if (sqlite3_bind_double(stmt.get(), index, value) != SQLITE_OK)
    return Status::Internal("binding a score to parameter " + std::to_string(index));
  return Status::Ok();
}

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
