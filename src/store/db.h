// A connection to the store's database, SQLite (a file) or PostgreSQL (a server), behind one
// small interface, so that the modules keeping their tables in the store (list versions, audit,
// fetch state; src/monitor's customer book, alerts and monitoring state) run the same SQL with
// the same behaviour on both.
//
// The SQL dialect the modules write is the common subset of SQLite 3.40 and PostgreSQL 15:
// `?` placeholders (numbered in order of appearance; the PostgreSQL backend rewrites them to
// $1, $2, ... outside string literals; the SQLite backend refuses SQLite's own numbered ?1 form
// so that SQL only SQLite understands fails the tests there too), INSERT ... ON CONFLICT, RETURNING
// (instead of last-insert-id), standard types (BIGINT, TEXT, DOUBLE PRECISION; blobs are bound with
// BindBlob and read with ColumnText). Schema text that cannot be common (identity columns,
// triggers) is written once per backend, in the migrations.
//
// Transactions: a write transaction is serialised with every other writer on the database, in
// every process (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN plus a transaction-scoped advisory
// lock), so read-check-write sequences inside one are safe, as they are on SQLite. A read
// transaction sees one consistent snapshot.
//
// Not thread-safe: one connection per thread, as with the SQLite handle it replaces.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace interdict {

enum class DbBackend { kSqlite, kPostgres };

class DbStatementImpl;  // the backend's prepared statement

class Db {
 public:
  virtual ~Db() = default;
  virtual DbBackend backend() const = 0;

  // Runs one or more ';'-separated statements without parameters whose rows are not needed.
  // Errors carry `context` (or the SQL when empty) and the backend's own message. On both
  // backends, and from Stmt::Step too, a violated constraint (unique key, check, a trigger's
  // refusal) is InvalidInput; a lock wait past the busy timeout, I/O and connection failures are
  // IoError; anything else is Internal.
  virtual Status Exec(std::string_view sql, std::string_view context = {}) = 0;

  // Compiles one statement.
  virtual Status Prepare(std::string_view sql, std::unique_ptr<DbStatementImpl>* out) = 0;

  // Transaction control; Transaction below is the usual way in.
  virtual Status BeginWrite() = 0;
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InTransaction() const = 0;

  // Whether the last failure was a lock wait that outlasted the busy timeout (another writer
  // held the database), rather than an error of the statement itself.
  virtual bool LastErrorBusy() const = 0;
};

// A prepared statement of either backend. Move-only; released on destruction. Same contract as
// the SQLite-only Stmt it replaces, so call sites read the same.
class Stmt {
 public:
  Stmt();
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Compiles `sql` (one statement) on `db`. On error *out is left empty.
  static Status Prepare(Db* db, std::string_view sql, Stmt* out);

  // Binders take 1-based parameter indexes. Values are copied, so the argument need not outlive
  // the call. Errors (an index out of range) are reported by the next Step().
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, std::string_view text);
  Stmt& BindBlob(int index, const void* data, size_t size);
  Stmt& BindNull(int index);

  // Runs the statement on the first call and advances through its rows. *row is true when a row
  // is available, false when the statement has finished. `row` may be null for statements that
  // return no rows.
  Status Step(bool* row = nullptr);

  // Clears bindings and rewinds, ready to run again.
  void Reset();

  // Rows changed by the last finished INSERT, UPDATE or DELETE.
  int64_t Changes() const;

  // Column accessors for the current row; 0-based. ColumnText of a blob column gives its bytes.
  int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  std::unique_ptr<DbStatementImpl> impl_;
};

// Runs one or more statements that return no rows needed by the caller.
inline Status Exec(Db* db, std::string_view sql, std::string_view context = {}) {
  return db->Exec(sql, context);
}

// Runs `sql`, a query of one row, and sets *out to its first column. Internal error when it
// returns no row.
Status QueryInt(Db* db, std::string_view sql, int64_t* out);

// Opens a transaction on construction (the caller checks status()) and rolls it back on
// destruction unless Commit() succeeded.
class Transaction {
 public:
  enum class Mode { kRead, kWrite };
  Transaction(Db* db, Mode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& status() const { return status_; }
  Status Commit();

 private:
  Db* db_;
  Status status_;
  bool open_ = false;
};

// The backend's side of Stmt.
class DbStatementImpl {
 public:
  virtual ~DbStatementImpl() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, double value) = 0;
  virtual void Bind(int index, std::string_view text) = 0;
  virtual void BindBlob(int index, const void* data, size_t size) = 0;
  virtual void BindNull(int index) = 0;
  virtual Status Step(bool* row) = 0;
  virtual void Reset() = 0;
  virtual int64_t Changes() const = 0;
  virtual int64_t ColumnInt(int col) const = 0;
  virtual double ColumnDouble(int col) const = 0;
  virtual std::string ColumnText(int col) const = 0;
  virtual bool ColumnIsNull(int col) const = 0;
};

// Opens a SQLite database file (db_sqlite.cc) or connects to PostgreSQL (db_postgres.cc).
// `target` for PostgreSQL is a libpq connection URL ("postgresql://..." or "postgres://...",
// e.g. postgresql:///interdict?host=/tmp/pg for a unix socket).
bool IsPostgresUrl(std::string_view target);

}  // namespace interdict
