#include "store/sqlite_util.h"

#include <utility>

namespace interdict {

Status SqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string msg(context);
  if (!msg.empty()) msg += ": ";
  // The connection's message is more specific than the code's generic text, but only when the
  // connection's last error is this one.
  if (db != nullptr && sqlite3_extended_errcode(db) == rc) {
    msg += sqlite3_errmsg(db);
  } else {
    msg += sqlite3_errstr(rc);
  }
  switch (rc & 0xff) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return Status::IoError(std::move(msg));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_CONSTRAINT:
      return Status::InvalidInput(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

Status Exec(sqlite3* db, const char* sql, std::string_view context) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK)
    return SqliteError(db, rc, context.empty() ? std::string_view(sql) : context);
  return Status::Ok();
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      db_(std::exchange(other.db_, nullptr)),
      bind_rc_(std::exchange(other.bind_rc_, SQLITE_OK)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = std::exchange(other.db_, nullptr);
    bind_rc_ = std::exchange(other.bind_rc_, SQLITE_OK);
  }
  return *this;
}

Status Stmt::Prepare(sqlite3* db, std::string_view sql, Stmt* out) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db, rc, "preparing '" + std::string(sql) + "'");
  }
  *out = Stmt();
  out->stmt_ = stmt;
  out->db_ = db;
  return Status::Ok();
}

Stmt& Stmt::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::BindBlob(int index, const void* data, size_t size) {
  int rc = sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Status Stmt::Step(bool* row) {
  if (bind_rc_ != SQLITE_OK) {
    return SqliteError(db_, bind_rc_, std::string("binding '") + sqlite3_sql(stmt_) + "'");
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    if (row != nullptr) *row = true;
    return Status::Ok();
  }
  if (row != nullptr) *row = false;
  if (rc == SQLITE_DONE) return Status::Ok();
  Status st = SqliteError(db_, rc, std::string("running '") + sqlite3_sql(stmt_) + "'");
  // Rewind now so that a failed statement does not keep a read transaction open.
  sqlite3_reset(stmt_);
  return st;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

int64_t Stmt::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Stmt::ColumnText(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Stmt::ColumnIsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Transaction::Transaction(sqlite3* db, const char* begin) : db_(db) {
  status_ = Exec(db, begin);
  open_ = status_.ok();
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Commit() {
  if (!open_) return Status::Internal("commit without an open transaction");
  Status st = Exec(db_, "COMMIT");
  // A failed COMMIT may leave the transaction open (e.g. SQLITE_BUSY); the destructor then rolls
  // it back.
  if (st.ok() || sqlite3_get_autocommit(db_)) open_ = false;
  return st;
}

}  // namespace interdict
