#include "store/db_sqlite.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <utility>

namespace interdict {
namespace {

// "<context>: <sqlite3_errmsg(db)>", as IoError for I/O, full-disk and locking failures, as
// InvalidInput for a file that is not a database or is corrupt and for a violated constraint, as
// Internal otherwise.
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

// Numbered parameters (?1, ?NNN) are SQLite's; PostgreSQL's backend rewrites plain `?` only
// (db.h), so SQL written for SQLite alone is refused here, where every test sees it, rather than
// on a PostgreSQL server. Quoted text is skipped.
bool HasNumberedParameter(std::string_view sql) {
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      return true;
    }
  }
  return false;
}

class SqliteStatement final : public DbStatementImpl {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Bind(int index, int64_t value) override { Note(sqlite3_bind_int64(stmt_, index, value)); }
  void Bind(int index, double value) override { Note(sqlite3_bind_double(stmt_, index, value)); }
  void Bind(int index, std::string_view text) override {
    Note(
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindBlob(int index, const void* data, size_t size) override {
    Note(sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT));
  }
  void BindNull(int index) override { Note(sqlite3_bind_null(stmt_, index)); }

  Status Step(bool* row) override {
    if (bind_rc_ != SQLITE_OK) {
      return SqliteError(db_, bind_rc_, std::string("binding '") + sqlite3_sql(stmt_) + "'");
    }
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      if (row != nullptr) *row = true;
      return Status::Ok();
    }
    if (row != nullptr) *row = false;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return Status::Ok();
    }
    Status st = SqliteError(db_, rc, std::string("running '") + sqlite3_sql(stmt_) + "'");
    // Rewind now so that a failed statement does not keep a read transaction open.
    sqlite3_reset(stmt_);
    return st;
  }

  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_rc_ = SQLITE_OK;
  }

  int64_t Changes() const override { return changes_; }
  int64_t ColumnInt(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double ColumnDouble(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string ColumnText(int col) const override {
    // Blobs and text alike: sqlite3_column_blob gives the bytes without a conversion.
    const void* p = sqlite3_column_blob(stmt_, col);
    if (p == nullptr) return std::string();
    return std::string(static_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  bool ColumnIsNull(int col) const override {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }

 private:
  void Note(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;  // first failure among the Bind calls since the last Reset
  int64_t changes_ = 0;
};

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override { sqlite3_close_v2(db_); }

  DbBackend backend() const override { return DbBackend::kSqlite; }

  Status Exec(std::string_view sql, std::string_view context) override {
    const std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, context.empty() ? sql : context);
    return Status::Ok();
  }

  Status Prepare(std::string_view sql, std::unique_ptr<DbStatementImpl>* out) override {
    if (HasNumberedParameter(sql)) {
      return Status::Internal("preparing '" + std::string(sql) +
                              "': numbered parameters (?1) are SQLite's; write '?'");
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return SqliteError(db_, rc, "preparing '" + std::string(sql) + "'");
    }
    *out = std::make_unique<SqliteStatement>(db_, stmt);
    return Status::Ok();
  }

  // IMMEDIATE takes the write lock at BEGIN, so a read-check-write sequence inside cannot fail
  // half-way on a lock upgrade.
  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE", {}); }
  Status BeginRead() override { return Exec("BEGIN", {}); }
  Status Commit() override { return Exec("COMMIT", {}); }
  Status Rollback() override { return Exec("ROLLBACK", {}); }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }

  bool LastErrorBusy() const override {
    int rc = sqlite3_extended_errcode(db_) & 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
  }

  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_;
};

Status QueryText(Db* db, const char* sql, std::string* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  *out = row ? stmt.ColumnText(0) : "";
  return Status::Ok();
}

// Switches the file to WAL and sets *mode to the journal mode it then has. On a new file the
// switch needs a lock that SQLite's busy timeout does not wait for, so two processes opening a
// new store together could fail with "database is locked": retry for as long as the busy timeout.
Status EnableWal(SqliteDb* db, int busy_timeout_ms, std::string* mode) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    Status st = QueryText(db, "PRAGMA journal_mode = WAL", mode);
    if (st.ok()) return st;
    if ((sqlite3_extended_errcode(db->handle()) & 0xff) != SQLITE_BUSY ||
        std::chrono::steady_clock::now() >= deadline)
      return st;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

Status OpenSqliteDb(const std::string& path, const StoreOptions& options,
                    std::unique_ptr<Db>* out) {
  sqlite3* handle = nullptr;
  const int flags =
      options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status st = SqliteError(handle, rc, path + ": cannot open store");
    sqlite3_close_v2(handle);
    return st;
  }
  auto db = std::make_unique<SqliteDb>(handle);
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, options.busy_timeout_ms);
  // The first read of the file: a file that is not SQLite fails here.
  std::string ignored;
  if (Status st = QueryText(db.get(), "PRAGMA schema_version", &ignored); !st.ok()) {
    if (st.code() != Status::Code::kInvalidInput) return st.WithContext(path);
    return Status::InvalidInput(path + ": not an Interdict store: " + sqlite3_errmsg(handle));
  }
  if (!options.read_only) {
    // WAL: readers never block the importer and the importer never blocks readers; a crashed
    // writer's uncommitted frames are ignored on the next open.
    std::string mode;
    INTERDICT_RETURN_IF_ERROR(
        EnableWal(db.get(), options.busy_timeout_ms, &mode).WithContext(path + ": enabling WAL"));
    if (mode != "wal" && mode != "memory") {
      return Status::IoError(path + ": cannot enable WAL mode (journal mode is '" + mode + "')");
    }
    // See "Durability" in store.h for why NORMAL is enough. PRAGMA arguments cannot be bound;
    // the page count is an integer.
    const std::string pragmas =
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
        "PRAGMA wal_autocheckpoint = " +
        std::to_string(options.wal_autocheckpoint_pages) + ";";
    INTERDICT_RETURN_IF_ERROR(db->Exec(pragmas, path + ": configuring"));
  }
  *out = std::move(db);
  return Status::Ok();
}

Status CheckpointSqliteDb(Db* db) {
  sqlite3* handle = static_cast<SqliteDb*>(db)->handle();
  int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(handle, rc, "checkpointing the store");
  return Status::Ok();
}

}  // namespace interdict
