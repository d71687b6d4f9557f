#include "store/audit.h"

#include "store/sqlite_util.h"

namespace interdict {

Status AppendAudit(Store& store, std::vector<AuditRecord>* records) {
  if (records->empty()) return Status::Ok();
  sqlite3* db = store.handle();
  // IMMEDIATE: take the write lock up front so that a concurrent import makes us wait (busy
  // timeout) instead of failing half way.
  Transaction txn(db, "BEGIN IMMEDIATE");
  INTERDICT_RETURN_IF_ERROR(txn.status().WithContext("audit log"));
  Stmt insert;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO audit_log(at, who, request_id, endpoint, status, query, list_versions, "
      "result_count, max_score, results) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      &insert));
  for (AuditRecord& r : *records) {
    insert.Reset();
    insert.Bind(1, r.at).Bind(2, r.who).Bind(3, r.request_id).Bind(4, r.endpoint);
    insert.Bind(5, static_cast<int64_t>(r.status)).Bind(6, r.query).Bind(7, r.list_versions);
    insert.Bind(8, r.result_count).Bind(10, r.results);
    if (r.max_score.has_value()) {
      sqlite3_bind_double(insert.get(), 9, *r.max_score);
    } else {
      sqlite3_bind_null(insert.get(), 9);
    }
    INTERDICT_RETURN_IF_ERROR(
        insert.Step().WithContext("audit log: writing request " + r.request_id));
    r.id = sqlite3_last_insert_rowid(db);
  }
  insert = Stmt();
  return txn.Commit().WithContext("audit log");
}

Status ReadAudit(Store& store, int64_t after_id, size_t limit, std::vector<AuditRecord>* out) {
  out->clear();
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.handle(),
      "SELECT id, at, who, request_id, endpoint, status, query, list_versions, result_count, "
      "max_score, results FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2",
      &stmt));
  stmt.Bind(1, after_id).Bind(2, static_cast<int64_t>(limit));
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("audit log"));
    if (!row) return Status::Ok();
    AuditRecord r;
    r.id = stmt.ColumnInt(0);
    r.at = stmt.ColumnText(1);
    r.who = stmt.ColumnText(2);
    r.request_id = stmt.ColumnText(3);
    r.endpoint = stmt.ColumnText(4);
    r.status = static_cast<int>(stmt.ColumnInt(5));
    r.query = stmt.ColumnText(6);
    r.list_versions = stmt.ColumnText(7);
    r.result_count = stmt.ColumnInt(8);
    if (!stmt.ColumnIsNull(9)) r.max_score = sqlite3_column_double(stmt.get(), 9);
    r.results = stmt.ColumnText(10);
    out->push_back(std::move(r));
  }
}

bool AuditBusy(Store& store) {
  int rc = sqlite3_extended_errcode(store.handle()) & 0xff;
  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

Status CountAudit(Store& store, int64_t* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(store.handle(), "SELECT count(*) FROM audit_log", &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("audit log"));
  *out = row ? stmt.ColumnInt(0) : 0;
  return Status::Ok();
}

}  // namespace interdict
