// A thin RAII layer over the SQLite C API for the modules that keep their tables in the store
// (list versions, audit, fetch state; src/monitor's customer book, alerts and monitoring state). It
// turns SQLite result codes into Status values whose message carries SQLite's own text and the
// caller's context, and finalizes statements on every path.
//
// Not a general-purpose wrapper: it has what the store uses and nothing else.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace interdict {

// "<context>: <sqlite3_errmsg(db)>", as IoError for I/O, full-disk and locking failures, as
// InvalidInput for a file that is not a database or is corrupt, as Internal otherwise.
Status SqliteError(sqlite3* db, int rc, std::string_view context);

// Runs one or more SQL statements that return no rows needed by the caller.
Status Exec(sqlite3* db, const char* sql, std::string_view context = {});

// A prepared statement. Move-only; finalized on destruction.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Compiles `sql` (one statement) on `db`. On error *out is left empty.
  static Status Prepare(sqlite3* db, std::string_view sql, Stmt* out);

  // Binders take 1-based parameter indexes, as SQLite does. Text and blobs are copied by SQLite
  // (SQLITE_TRANSIENT), so the argument need not outlive the call. Errors (an index out of range,
  // out of memory) are reported by the next Step().
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, std::string_view text);
  Stmt& BindBlob(int index, const void* data, size_t size);

  // Advances the statement. *row is true when a row is available, false when the statement has
  // finished. `row` may be null for statements that return no rows.
  Status Step(bool* row = nullptr);

  // Clears bindings and rewinds, ready to run again.
  void Reset();

  // Column accessors for the current row; 0-based indexes, as SQLite does.
  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  int bind_rc_ = SQLITE_OK;  // first failure among the Bind calls since the last Reset
};

// Opens a transaction on construction (the caller checks status()) and rolls it back on
// destruction unless Commit() succeeded. For the store's short internal transactions; an import
// manages its own, longer-lived transaction.
class Transaction {
 public:
  // `begin` is "BEGIN", "BEGIN IMMEDIATE" or "BEGIN EXCLUSIVE".
  Transaction(sqlite3* db, const char* begin);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& status() const { return status_; }
  Status Commit();

 private:
  sqlite3* db_;
  Status status_;
  bool open_ = false;
};

}  // namespace interdict
