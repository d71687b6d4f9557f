#include "store/db.h"

#include <utility>

namespace interdict {

Stmt::Stmt() = default;
Stmt::~Stmt() = default;
Stmt::Stmt(Stmt&& other) noexcept = default;
Stmt& Stmt::operator=(Stmt&& other) noexcept = default;

Status Stmt::Prepare(Db* db, std::string_view sql, Stmt* out) {
  std::unique_ptr<DbStatementImpl> impl;
  *out = Stmt();
  INTERDICT_RETURN_IF_ERROR(db->Prepare(sql, &impl));
  out->impl_ = std::move(impl);
  return Status::Ok();
}

Stmt& Stmt::Bind(int index, int64_t value) {
  impl_->Bind(index, value);
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  impl_->Bind(index, value);
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  impl_->Bind(index, text);
  return *this;
}

Stmt& Stmt::BindBlob(int index, const void* data, size_t size) {
  impl_->BindBlob(index, data, size);
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  impl_->BindNull(index);
  return *this;
}

Status Stmt::Step(bool* row) { return impl_->Step(row); }
void Stmt::Reset() { impl_->Reset(); }
int64_t Stmt::Changes() const { return impl_->Changes(); }
int64_t Stmt::ColumnInt(int col) const { return impl_->ColumnInt(col); }
double Stmt::ColumnDouble(int col) const { return impl_->ColumnDouble(col); }
std::string Stmt::ColumnText(int col) const { return impl_->ColumnText(col); }
bool Stmt::ColumnIsNull(int col) const { return impl_->ColumnIsNull(col); }

Status QueryInt(Db* db, std::string_view sql, int64_t* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::Internal("no result from '" + std::string(sql) + "'");
  *out = stmt.ColumnInt(0);
  return Status::Ok();
}

Transaction::Transaction(Db* db, Mode mode) : db_(db) {
  status_ = mode == Mode::kWrite ? db->BeginWrite() : db->BeginRead();
  open_ = status_.ok();
}

Transaction::~Transaction() {
  // A failed statement may already have ended the transaction; the rollback then fails harmlessly.
  if (open_) (void)db_->Rollback();
}

Status Transaction::Commit() {
  if (!open_) return Status::Internal("commit without an open transaction");
  Status st = db_->Commit();
  // A failed COMMIT may leave the transaction open (SQLite's busy); the destructor then rolls it
  // back.
  if (st.ok() || !db_->InTransaction()) open_ = false;
  return st;
}

bool IsPostgresUrl(std::string_view target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

}  // namespace interdict
