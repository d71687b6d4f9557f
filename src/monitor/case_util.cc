#include "monitor/case_util.h"

#include <sys/time.h>

#include <cstdio>
#include <ctime>

#include "store/audit_chain.h"

namespace interdict::case_util {

std::string Now() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm tm{};
  gmtime_r(&tv.tv_sec, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(tv.tv_usec / 1000));
  return buf;
}

double ColumnDouble(const Stmt& stmt, int col) { return sqlite3_column_double(stmt.get(), col); }

Status BindDouble(Stmt& stmt, int index, double value) {
  if (sqlite3_bind_double(stmt.get(), index, value) != SQLITE_OK)
    return Status::Internal("binding a score to parameter " + std::to_string(index));
  return Status::Ok();
}

Status AppendAudit(Store& store, const std::string& who, const std::string& kind,
                   const std::string& subject, const nlohmann::json& detail) {
  AuditEvent event;
  event.who = who;
  event.kind = kind;
  event.subject = subject;
  event.detail = detail.dump();
  return AppendAuditEvent(store, &event);
}

}  // namespace interdict::case_util
