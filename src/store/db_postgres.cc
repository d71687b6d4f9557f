// The PostgreSQL side of db.h, over libpq.
//
// libpq rather than libpqxx 6.4: a statement's parameters here are a run-time list mixing
// integers, text, NULLs and bytea, each with its own wire format (text, or binary for blobs);
// libpqxx 6.4 passes a dynamic parameter list only as one container of one C++ type, and reports
// errors as exceptions that would have to be caught around every call. libpq's C API says all
// of it directly (PQexecPrepared's value/length/format arrays, PQresultErrorField's SQLSTATE).
//
// Statements are prepared on the server once per connection and SQL text, and kept for the
// connection's life (the store's modules use a fixed set of texts; past kMaxPrepared distinct
// texts the rest run unprepared). Results come back whole: a caller may run other statements on
// the connection while it steps through a query's rows, as it may on SQLite.
#include "store/db_postgres.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/pg_sql.h"

namespace interdict {
namespace {

// The advisory lock every write transaction takes: one writer at a time on the database, in
// every process, as SQLite's BEGIN IMMEDIATE gives (db.h). The number is arbitrary ("Intd").
constexpr const char* kBeginWrite = "BEGIN; SELECT pg_advisory_xact_lock(1231975524)";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr size_t kMaxPrepared = 512;
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

void IgnoreNotice(void*, const char*) {}

bool Succeeded(const PGresult* r) {
  ExecStatusType st = PQresultStatus(r);
  return r != nullptr && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK);
}

// Whether `sql` (already stripped of leading blanks by the caller's habit or not) changes data:
// anything but a query. Such a statement run outside a transaction takes the writer lock.
bool IsWrite(std::string_view sql) {
  size_t i = sql.find_first_not_of(" \t\r\n(");
  if (i == std::string_view::npos) return false;
  std::string word;
  for (; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i)
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
  return word != "SELECT" && word != "WITH" && word != "VALUES" && word != "SHOW";
}

std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 200;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "...";
}

class PgDb final : public Db {
 public:
  PgDb(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {
    PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  }
  ~PgDb() override { PQfinish(conn_); }

  DbBackend backend() const override { return DbBackend::kPostgres; }
  Status Exec(std::string_view sql, std::string_view context) override;
  Status Prepare(std::string_view sql, std::unique_ptr<DbStatementImpl>* out) override;
  Status BeginWrite() override { return Begin(kBeginWrite, "waiting for the store's write lock"); }
  Status BeginRead() override { return Begin(kBeginRead, "starting a read transaction"); }
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  bool LastErrorBusy() const override { return last_busy_; }

  // Runs a prepared (`name` not empty) or unprepared statement; on failure the Status says why,
  // with `context`.
  Status Run(const std::string& name, const std::string& sql,
             const std::vector<const char*>& values, const std::vector<int>& lengths,
             const std::vector<int>& formats, Result* out);

 private:
  Status Begin(const char* sql, std::string_view context);
  // The Status for a failed result `r` (null: the connection's own error), mapped as
  // SqliteError maps SQLite's codes, and remembers whether it was a lock wait.
  Status Error(const PGresult* r, std::string_view context);

  PGconn* conn_;
  std::string where_;                                      // the URL without its password
  std::unordered_map<std::string, std::string> prepared_;  // numbered SQL -> statement name
  bool last_busy_ = false;
};

class PgStatement final : public DbStatementImpl {
 public:
  PgStatement(PgDb* db, std::string name, std::string sql, int params, bool write)
      : db_(db),
        name_(std::move(name)),
        sql_(std::move(sql)),
        write_(write),
        values_(static_cast<size_t>(params)),
        binary_(static_cast<size_t>(params), false) {}

  void Bind(int index, int64_t value) override { Set(index, std::to_string(value), false); }
  void Bind(int index, double value) override;
  void Bind(int index, std::string_view text) override;
  void BindBlob(int index, const void* data, size_t size) override {
    Set(index, std::string(static_cast<const char*>(data), size), true);
  }
  void BindNull(int index) override { Set(index, std::nullopt, false); }
  Status Step(bool* row) override;
  void Reset() override;
  int64_t Changes() const override { return changes_; }
  int64_t ColumnInt(int col) const override;
  double ColumnDouble(int col) const override;
  std::string ColumnText(int col) const override;
  bool ColumnIsNull(int col) const override;

 private:
  void Set(int index, std::optional<std::string> value, bool binary);
  Status Run();
  const char* Value(int col) const;  // null when there is no such cell

  PgDb* db_;
  const std::string name_;  // empty: not prepared on the server
  const std::string sql_;   // with $n parameters
  const bool write_;
  std::vector<std::optional<std::string>> values_;
  std::vector<bool> binary_;
  std::string bind_error_;  // the first binding error since the last Reset
  Result result_;           // null until the statement has run
  int row_ = -1;
  int64_t changes_ = 0;
};

Status PgDb::Error(const PGresult* r, std::string_view context) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg(context);
  msg += ": ";
  if (primary != nullptr) {
    msg += primary;
  } else {
    std::string_view conn_msg = PQerrorMessage(conn_);
    while (!conn_msg.empty() && conn_msg.back() == '\n') conn_msg.remove_suffix(1);
    msg += conn_msg.empty() ? "no result from the server" : conn_msg;
  }
  std::string_view code = state != nullptr ? state : "";
  // lock_not_available (lock_timeout), query_canceled (statement_timeout), deadlock and
  // serialization failures: another connection was in the way, the statement itself is fine.
  last_busy_ = code == "55P03" || code == "57014" || code == "40P01" || code == "40001";
  // No SQLSTATE: the connection failed. 08: connection exceptions; 53: out of resources;
  // 57P: the server is shutting down; 25006: a write in a read-only transaction.
  if (last_busy_ || code.empty() || code.substr(0, 2) == "08" || code.substr(0, 2) == "53" ||
      code.substr(0, 3) == "57P" || code == "25006") {
    return Status::IoError(msg + " (PostgreSQL at " + where_ + ")");
  }
  // 23: integrity constraint violations. P0001: RAISE EXCEPTION in the schema's triggers (an
  // append-only table refusing a change), a constraint error on SQLite too (RAISE(ABORT)).
  // 22: data exceptions (text that is not UTF-8, JSON that does not parse, a number too big).
  if (code.substr(0, 2) == "23" || code == "P0001" || code.substr(0, 2) == "22")
    return Status::InvalidInput(msg);
  return Status::Internal(msg);
}

Status PgDb::Exec(std::string_view sql, std::string_view context) {
  Result r(PQexec(conn_, std::string(sql).c_str()));
  if (!Succeeded(r.get())) return Error(r.get(), context.empty() ? Abbreviate(sql) : context);
  return Status::Ok();
}

Status PgDb::Prepare(std::string_view sql, std::unique_ptr<DbStatementImpl>* out) {
  int params = 0;
  std::string numbered = NumberPlaceholders(sql, &params);
  std::string name;
  auto it = prepared_.find(numbered);
  if (it != prepared_.end()) {
    name = it->second;
  } else if (prepared_.size() < kMaxPrepared) {
    std::string candidate = "interdict_" + std::to_string(prepared_.size() + 1);
    Result r(PQprepare(conn_, candidate.c_str(), numbered.c_str(), 0, nullptr));
    if (!Succeeded(r.get())) return Error(r.get(), "preparing '" + Abbreviate(sql) + "'");
    name = candidate;
    prepared_.emplace(numbered, name);
  }
  *out = std::make_unique<PgStatement>(this, std::move(name), std::move(numbered), params,
                                       IsWrite(sql));
  return Status::Ok();
}

Status PgDb::Begin(const char* sql, std::string_view context) {
  if (InTransaction()) return Status::Internal(std::string(context) + ": a transaction is open");
  Result r(PQexec(conn_, sql));
  if (Succeeded(r.get())) return Status::Ok();
  Status st = Error(r.get(), context);
  Result end(PQexec(conn_, "ROLLBACK"));
  return st;
}

Status PgDb::Commit() {
  // COMMIT of a transaction in which a statement failed rolls it back without an error:
  // report that, or a caller would believe its changes were kept.
  if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
    Result end(PQexec(conn_, "ROLLBACK"));
    return Status::Internal("commit: a statement of the transaction had failed; rolled back");
  }
  Result r(PQexec(conn_, "COMMIT"));
  if (!Succeeded(r.get())) return Error(r.get(), "commit");
  if (std::string_view(PQcmdStatus(r.get())) != "COMMIT")
    return Status::Internal(std::string("commit: the server answered ") + PQcmdStatus(r.get()));
  return Status::Ok();
}

Status PgDb::Rollback() {
  if (!InTransaction()) return Status::Ok();
  Result r(PQexec(conn_, "ROLLBACK"));
  if (!Succeeded(r.get())) return Error(r.get(), "rollback");
  return Status::Ok();
}

Status PgDb::Run(const std::string& name, const std::string& sql,
                 const std::vector<const char*>& values, const std::vector<int>& lengths,
                 const std::vector<int>& formats, Result* out) {
  const int n = static_cast<int>(values.size());
  out->reset(name.empty() ? PQexecParams(conn_, sql.c_str(), n, nullptr, values.data(),
                                         lengths.data(), formats.data(), 0)
                          : PQexecPrepared(conn_, name.c_str(), n, values.data(), lengths.data(),
                                           formats.data(), 0));
  if (!Succeeded(out->get())) return Error(out->get(), "running '" + Abbreviate(sql) + "'");
  return Status::Ok();
}

void PgStatement::Set(int index, std::optional<std::string> value, bool binary) {
  if (index < 1 || index > static_cast<int>(values_.size())) {
    if (bind_error_.empty()) {
      bind_error_ = "parameter " + std::to_string(index) + " out of range (the statement has " +
                    std::to_string(values_.size()) + ")";
    }
    return;
  }
  values_[static_cast<size_t>(index - 1)] = std::move(value);
  binary_[static_cast<size_t>(index - 1)] = binary;
}

void PgStatement::Bind(int index, double value) {
  if (std::isnan(value)) return Set(index, "NaN", false);
  if (std::isinf(value)) return Set(index, value > 0 ? "Infinity" : "-Infinity", false);
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // shortest exact form
  Set(index, std::string(buf, end), false);
}

void PgStatement::Bind(int index, std::string_view text) {
  // Text parameters travel as C strings: a NUL would silently cut the value short.
  if (text.find('\0') != std::string_view::npos) {
    if (bind_error_.empty())
      bind_error_ = "parameter " + std::to_string(index) + " holds a NUL byte (use a blob)";
    return;
  }
  Set(index, std::string(text), false);
}

Status PgStatement::Run() {
  if (!bind_error_.empty()) return Status::Internal("binding '" + sql_ + "': " + bind_error_);
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  for (size_t i = 0; i < values_.size(); ++i) {
    values.push_back(values_[i] ? values_[i]->c_str() : nullptr);
    lengths.push_back(values_[i] ? static_cast<int>(values_[i]->size()) : 0);
    formats.push_back(binary_[i] ? 1 : 0);
  }
  // A write outside a transaction is serialised with the write transactions, as on SQLite.
  const bool own_transaction = write_ && !db_->InTransaction();
  if (own_transaction) INTERDICT_RETURN_IF_ERROR(db_->BeginWrite());
  Status st = db_->Run(name_, sql_, values, lengths, formats, &result_);
  if (own_transaction && st.ok()) st = db_->Commit();
  if (own_transaction && !st.ok()) db_->Rollback();  // the statement's error is the one to report
  const char* changed = result_ != nullptr ? PQcmdTuples(result_.get()) : "";
  changes_ = *changed != '\0' ? std::strtoll(changed, nullptr, 10) : 0;
  return st;
}

Status PgStatement::Step(bool* row) {
  if (result_ == nullptr) {
    row_ = -1;
    Status st = Run();
    if (!st.ok()) {
      result_.reset();
      if (row != nullptr) *row = false;
      return st;
    }
  }
  if (row_ < PQntuples(result_.get())) ++row_;
  if (row != nullptr) *row = row_ < PQntuples(result_.get());
  return Status::Ok();
}

void PgStatement::Reset() {
  result_.reset();
  row_ = -1;
  for (auto& v : values_) v.reset();
  std::fill(binary_.begin(), binary_.end(), false);
  bind_error_.clear();
}

const char* PgStatement::Value(int col) const {
  if (result_ == nullptr || row_ < 0 || row_ >= PQntuples(result_.get()) || col < 0 ||
      col >= PQnfields(result_.get()) || PQgetisnull(result_.get(), row_, col)) {
    return nullptr;
  }
  return PQgetvalue(result_.get(), row_, col);
}

int64_t PgStatement::ColumnInt(int col) const {
  const char* v = Value(col);
  if (v == nullptr) return 0;
  // A comparison or EXISTS is a boolean on PostgreSQL, an integer on SQLite.
  if (PQftype(result_.get(), col) == kBoolOid) return *v == 't' ? 1 : 0;
  return std::strtoll(v, nullptr, 10);
}

double PgStatement::ColumnDouble(int col) const {
  const char* v = Value(col);
  return v == nullptr ? 0.0 : std::strtod(v, nullptr);
}

std::string PgStatement::ColumnText(int col) const {
  const char* v = Value(col);
  if (v == nullptr) return std::string();
  if (PQftype(result_.get(), col) != kByteaOid) {
    return std::string(v, static_cast<size_t>(PQgetlength(result_.get(), row_, col)));
  }
  // bytea arrives in hex form ("\x4142"); the caller wants the bytes, as SQLite gives them.
  size_t size = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &size);
  if (bytes == nullptr) return std::string();
  std::string out(reinterpret_cast<const char*>(bytes), size);
  PQfreemem(bytes);
  return out;
}

bool PgStatement::ColumnIsNull(int col) const { return Value(col) == nullptr; }

}  // namespace

Status OpenPostgresDb(const std::string& url, const StoreOptions& options,
                      std::unique_ptr<Db>* out) {
  const std::string where = RedactPostgresUrl(url);
  // A server that does not answer must not hang the caller: 10 s unless the URL says otherwise
  // (the URL's own settings come later in the list, so they win).
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "interdict", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr)
    return Status::IoError("connecting to PostgreSQL at " + where + ": no memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::IoError("connecting to PostgreSQL at " + where + ": " + msg);
  }
  auto db = std::make_unique<PgDb>(conn, where);
  // Times are stored as text the code formats itself; UTC and UTF-8 keep the server's own
  // conversions (now(), text comparison) from depending on its configuration.
  std::string setup = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET lock_timeout = " +
                      std::to_string(std::max(options.busy_timeout_ms, 1));
  if (options.read_only) setup += "; SET default_transaction_read_only = on";
  INTERDICT_RETURN_IF_ERROR(db->Exec(setup, "setting up the connection to " + where));
  *out = std::move(db);
  return Status::Ok();
}

}  // namespace interdict
