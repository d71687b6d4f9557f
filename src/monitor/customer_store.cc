#include "monitor/customer_store.h"

#include <unordered_map>
#include <unordered_set>

#include "core/utc_now.h"
#include "store/audit_chain.h"
#include "store/db.h"

namespace interdict {
namespace {

using json = nlohmann::json;

struct StoredRow {
  std::string body;
  bool deleted = false;
};

Status LoadStored(Db* db, std::unordered_map<std::string, StoredRow>* out) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, "SELECT id, body, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM customer", &q));
  for (bool row = false;;) {
    INTERDICT_RETURN_IF_ERROR(q.Step(&row));
    if (!row) return Status::Ok();
    (*out)[q.ColumnText(0)] = StoredRow{q.ColumnText(1), q.ColumnInt(2) != 0};
  }
}

// The statements of one import, prepared once.
struct Writer {
  Stmt insert, update, remove, history;
  int64_t rev = 0;
  std::string now, who;

  Status Prepare(Db* db) {
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db,
        "INSERT INTO customer(id, body, fingerprint, rev, created_at, updated_at, deleted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, NULL)",
        &insert));
    INTERDICT_RETURN_IF_ERROR(
        Stmt::Prepare(db,
                      "UPDATE customer SET body = ?, fingerprint = ?, rev = ?, updated_at = ?, "
                      "deleted_at = NULL WHERE id = ?",
                      &update));
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db, "UPDATE customer SET rev = ?, updated_at = ?, deleted_at = ? WHERE id = ?", &remove));
    return Stmt::Prepare(db,
                         "INSERT INTO customer_history(customer_id, rev, change, body, "
                         "fingerprint, at, who) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         &history);
  }
  Status History(const std::string& id, const char* change, const std::string& body,
                 const std::string& fp) {
    history.Reset();
    history.Bind(1, id).Bind(2, rev).Bind(3, change).Bind(4, body).Bind(5, fp).Bind(6, now).Bind(
        7, who);
    return history.Step();
  }
  Status Insert(const std::string& id, const std::string& body, const std::string& fp) {
    insert.Reset();
    insert.Bind(1, id).Bind(2, body).Bind(3, fp).Bind(4, rev).Bind(5, now).Bind(6, now);
    return insert.Step();
  }
  Status Update(const std::string& id, const std::string& body, const std::string& fp) {
    update.Reset();
    update.Bind(1, body).Bind(2, fp).Bind(3, rev).Bind(4, now).Bind(5, id);
    return update.Step();
  }
  Status Delete(const std::string& id, const std::string& body) {
    remove.Reset();
    remove.Bind(1, rev).Bind(2, now).Bind(3, now).Bind(4, id);
    INTERDICT_RETURN_IF_ERROR(remove.Step());
    return History(id, "deleted", body, "");
  }
};

Status AppendImportEvent(Store& store, const BookImportSummary& s, BookMode mode,
                         const std::string& who) {
  AuditEvent event;
  event.who = who;
  event.kind = "customers.import";
  event.subject = "customer_book";
  event.detail =
      json{{"added", s.added},     {"updated", s.updated},
           {"deleted", s.deleted}, {"unchanged", s.unchanged},
           {"rev", s.rev},         {"mode", mode == BookMode::kFull ? "full" : "partial"}}
          .dump();
  return AppendAuditEvent(store, &event);
}

Status ReadBookRev(Db* db, int64_t* rev) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, "SELECT rev FROM customer_book WHERE id = 1", &q));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(q.Step(&row));
  if (!row) return Status::Internal("the customer book has no revision row");
  *rev = q.ColumnInt(0);
  return Status::Ok();
}

Status ParseStored(const std::string& id, const std::string& body, const CountryTable& countries,
                   Customer* out) {
  json j = json::parse(body, nullptr, false);
  return CustomerFromJson(j, countries, out).WithContext("stored customer " + id);
}

constexpr const char* kCustomerColumns =
    "id, body, rev, fingerprint, created_at, updated_at, COALESCE(deleted_at, '')";

CustomerMeta MetaOf(const Stmt& q) {
  return CustomerMeta{q.ColumnInt(2), q.ColumnText(3), q.ColumnText(4), q.ColumnText(5),
                      q.ColumnText(6)};
}

}  // namespace

Status ImportCustomers(Store& store, const std::vector<Customer>& customers, BookMode mode,
                       const std::string& who, BookImportSummary* summary) {
  Db* db = store.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  std::unordered_map<std::string, StoredRow> stored;
  INTERDICT_RETURN_IF_ERROR(LoadStored(db, &stored));
  BookImportSummary s;
  Writer w;
  INTERDICT_RETURN_IF_ERROR(ReadBookRev(db, &s.rev));
  w.rev = s.rev + 1;
  w.now = UtcNowMillis();
  w.who = who;
  INTERDICT_RETURN_IF_ERROR(w.Prepare(db));
  std::unordered_set<std::string> in_file;
  for (const Customer& c : customers) {
    if (!in_file.insert(c.id).second)
      return Status::InvalidInput("customer " + c.id + " appears twice");
    const std::string body = CustomerToJson(c).dump();
    const std::string fp = CustomerFingerprint(c);
    auto it = stored.find(c.id);
    if (it != stored.end() && !it->second.deleted && it->second.body == body) {
      ++s.unchanged;
      continue;
    }
    const bool added = it == stored.end() || it->second.deleted;
    INTERDICT_RETURN_IF_ERROR(it == stored.end() ? w.Insert(c.id, body, fp)
                                                 : w.Update(c.id, body, fp));
    INTERDICT_RETURN_IF_ERROR(w.History(c.id, added ? "added" : "updated", body, fp));
    ++(added ? s.added : s.updated);
  }
  if (mode == BookMode::kFull) {
    for (const auto& [id, row] : stored) {
      if (row.deleted || in_file.count(id)) continue;
      INTERDICT_RETURN_IF_ERROR(w.Delete(id, row.body));
      ++s.deleted;
    }
  }
  if (s.added + s.updated + s.deleted == 0) {
    *summary = s;
    return Status::Ok();  // the transaction rolls back: nothing was written
  }
  s.rev = w.rev;
  Stmt bump;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "UPDATE customer_book SET rev = ? WHERE id = 1", &bump));
  bump.Bind(1, s.rev);
  INTERDICT_RETURN_IF_ERROR(bump.Step());
  INTERDICT_RETURN_IF_ERROR(AppendImportEvent(store, s, mode, who));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  *summary = s;
  return Status::Ok();
}

Status GetCustomer(Store& store, const CountryTable& countries, const std::string& id,
                   Customer* out, CustomerMeta* meta, std::vector<CustomerChange>* history) {
  Db* db = store.db();
  Transaction txn(db,
                  Transaction::Mode::kRead);  // the row and its history from one state of the book
  INTERDICT_RETURN_IF_ERROR(txn.status());
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, std::string("SELECT ") + kCustomerColumns + " FROM customer WHERE id = ?", &q));
  q.Bind(1, id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(q.Step(&row));
  if (!row) return Status::NotFound("no customer " + id + " in the book");
  INTERDICT_RETURN_IF_ERROR(ParseStored(id, q.ColumnText(1), countries, out));
  *meta = MetaOf(q);
  if (history == nullptr) return Status::Ok();
  history->clear();
  Stmt h;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          "SELECT rev, change, at, who, body FROM "
                                          "customer_history WHERE customer_id = ? ORDER BY id",
                                          &h));
  h.Bind(1, id);
  for (;;) {
    INTERDICT_RETURN_IF_ERROR(h.Step(&row));
    if (!row) return Status::Ok();
    history->push_back(CustomerChange{h.ColumnInt(0), h.ColumnText(1), h.ColumnText(2),
                                      h.ColumnText(3), h.ColumnText(4)});
  }
}

Status ForEachCustomer(Store& store, const CountryTable& countries, bool include_deleted,
                       const std::function<Status(Customer&&, const CustomerMeta&)>& fn) {
  constexpr int64_t kPage = 2000;
  std::string after;
  for (;;) {
    Stmt q;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        store.db(),
        std::string("SELECT ") + kCustomerColumns + " FROM customer WHERE id > ?" +
            (include_deleted ? "" : " AND deleted_at IS NULL") + " ORDER BY id LIMIT ?",
        &q));
    q.Bind(1, after).Bind(2, kPage);
    int64_t n = 0;
    for (bool row = false;; ++n) {
      INTERDICT_RETURN_IF_ERROR(q.Step(&row));
      if (!row) break;
      Customer c;
      after = q.ColumnText(0);
      INTERDICT_RETURN_IF_ERROR(ParseStored(after, q.ColumnText(1), countries, &c));
      INTERDICT_RETURN_IF_ERROR(fn(std::move(c), MetaOf(q)));
    }
    if (n < kPage) return Status::Ok();
  }
}

Status ChangedCustomers(Store& store, const CountryTable& countries, int64_t after_rev,
                        int64_t up_to_rev, std::vector<Customer>* changed,
                        std::vector<std::string>* deleted) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(store.db(),
                    std::string("SELECT ") + kCustomerColumns +
                        " FROM customer WHERE rev > ? AND rev <= ? ORDER BY id",
                    &q));
  q.Bind(1, after_rev).Bind(2, up_to_rev);
  for (bool row = false;;) {
    INTERDICT_RETURN_IF_ERROR(q.Step(&row));
    if (!row) return Status::Ok();
    const std::string id = q.ColumnText(0);
    if (!q.ColumnText(6).empty()) {
      deleted->push_back(id);
      continue;
    }
    Customer c;
    INTERDICT_RETURN_IF_ERROR(ParseStored(id, q.ColumnText(1), countries, &c));
    changed->push_back(std::move(c));
  }
}

Status CustomerAsOf(Store& store, const CountryTable& countries, const std::string& id, int64_t rev,
                    Customer* out, bool* found) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(store.db(),
                                          "SELECT change, body FROM customer_history WHERE "
                                          "customer_id = ? AND rev <= ? ORDER BY rev DESC, id "
                                          "DESC LIMIT 1",
                                          &q));
  q.Bind(1, id).Bind(2, rev);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(q.Step(&row));
  *found = row && q.ColumnText(0) != "deleted";
  if (!*found) return Status::Ok();
  return ParseStored(id, q.ColumnText(1), countries, out);
}

Status BookRev(Store& store, int64_t* rev) { return ReadBookRev(store.db(), rev); }

}  // namespace interdict
