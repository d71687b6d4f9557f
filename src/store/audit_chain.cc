#include "store/audit_chain.h"

#include <openssl/evp.h>
#include <sys/time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/engine_version.h"
#include "core/utc_now.h"
#include "store/db.h"

namespace interdict {
namespace {

// Hashes events with one reused digest context: a fresh context per event (EVP_Digest) costs an
// allocation and a lookup of the algorithm each time, which the audit writer pays per screening.
class EventHasher {
 public:
  EventHasher() : ctx_(EVP_MD_CTX_new()) {}
  ~EventHasher() { EVP_MD_CTX_free(ctx_); }
  EventHasher(const EventHasher&) = delete;
  EventHasher& operator=(const EventHasher&) = delete;

  // AuditEventHash(e), or "" when the digest fails.
  std::string Hash(const AuditEvent& e) {
    const std::string seq = std::to_string(e.seq);
    if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx_, seq.data(), seq.size()) != 1)
      return "";
    // Fed field by field: the same bytes as the fields joined with 0x1F, without the copy.
    const char sep = '\x1f';
    for (const std::string* field :
         {&e.at, &e.who, &e.kind, &e.subject, &e.detail, &e.list_versions, &e.settings,
          &e.engine_version, &e.prev_hash}) {
      if (EVP_DigestUpdate(ctx_, &sep, 1) != 1 ||
          EVP_DigestUpdate(ctx_, field->data(), field->size()) != 1)
        return "";
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_, digest, &len) != 1) return "";
    static const char kHex[] = "0123456789abcdef";
    std::string hex(2 * len, '0');
    for (unsigned i = 0; i < len; ++i) {
      hex[2 * i] = kHex[digest[i] >> 4];
      hex[2 * i + 1] = kHex[digest[i] & 15];
    }
    return hex;
  }

 private:
  EVP_MD_CTX* ctx_;
};

constexpr const char* kEventColumns =
    "seq, at, who, kind, subject, detail, list_versions, settings, engine_version, prev_hash, "
    "hash";
// Events read per statement run: long reads page by seq so memory stays flat.
constexpr size_t kPage = 1000;

// Reads a row selected with kEventColumns.
AuditEvent ReadEventRow(const Stmt& stmt) {
  AuditEvent e;
  e.seq = stmt.ColumnInt(0);
  e.at = stmt.ColumnText(1);
  e.who = stmt.ColumnText(2);
  e.kind = stmt.ColumnText(3);
  e.subject = stmt.ColumnText(4);
  e.detail = stmt.ColumnText(5);
  e.list_versions = stmt.ColumnText(6);
  e.settings = stmt.ColumnText(7);
  e.engine_version = stmt.ColumnText(8);
  e.prev_hash = stmt.ColumnText(9);
  e.hash = stmt.ColumnText(10);
  return e;
}

// One read transaction over a read of several pages, so that every page sees the same chain.
// Inside a transaction of the caller's, that one serves.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Db* db) : db_(db) {
    if (db->InTransaction()) return;
    status_ = db->BeginRead().WithContext("reading the audit log");
    open_ = status_.ok();
  }
  ~ReadSnapshot() {
    if (open_) (void)db_->Rollback();
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  const Status& status() const { return status_; }

 private:
  Db* db_;
  Status status_;
  bool open_ = false;
};

// The single integer `sql` selects; 0 when it is NULL (an aggregate over no rows).
Status QueryOptionalInt(Db* db, const char* sql, int64_t* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("reading the audit log"));
  *out = row ? stmt.ColumnInt(0) : 0;
  return Status::Ok();
}

Status AppendEvents(Db* db, AuditEvent* events, size_t n) {
  if (!db->InTransaction())
    return Status::Internal("appending to the audit log outside a transaction");
  Stmt head;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", &head));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(head.Step(&row));
  int64_t seq = row ? head.ColumnInt(0) : 0;
  std::string prev = row ? head.ColumnText(1) : "";
  Stmt insert;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO audit_event(seq, at, who, kind, subject, detail, list_versions, settings, "
      "engine_version, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      &insert));
  EventHasher hasher;
  for (size_t i = 0; i < n; ++i) {
    AuditEvent* event = &events[i];
    event->seq = ++seq;
    event->prev_hash = prev;
    if (event->at.empty()) event->at = UtcNowMillis();
    if (event->engine_version.empty()) event->engine_version = EngineVersion();
    event->hash = hasher.Hash(*event);
    if (event->hash.empty()) return Status::Internal("SHA-256 failed");
    insert.Reset();
    insert.Bind(1, event->seq).Bind(2, event->at).Bind(3, event->who).Bind(4, event->kind);
    insert.Bind(5, event->subject).Bind(6, event->detail).Bind(7, event->list_versions);
    insert.Bind(8, event->settings).Bind(9, event->engine_version).Bind(10, event->prev_hash);
    insert.Bind(11, event->hash);
    INTERDICT_RETURN_IF_ERROR(
        insert.Step().WithContext("appending audit event '" + event->kind + "'"));
    prev = event->hash;
  }
  return Status::Ok();
}

// Records the first bad event in *report. Always Ok: a broken chain is a finding, not a failure.
Status Broken(ChainReport* report, int64_t seq, std::string problem) {
  report->first_bad_seq = seq;
  report->problem = std::move(problem);
  return Status::Ok();
}

// For a chain whose first event is `first` > 1: the newest audit.pruned event must say that the
// chain was pruned up to `first` and give the hash event `first` links to (*prev).
Status PrunedStart(Db* db, int64_t first, std::string* prev, ChainReport* report) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          "SELECT seq, detail FROM audit_event WHERE kind = "
                                          "'audit.pruned' ORDER BY seq DESC LIMIT 1",
                                          &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("verifying the audit log"));
  if (!row) {
    return Broken(report, 1,
                  "events 1.." + std::to_string(first - 1) +
                      " are missing and no audit.pruned event accounts for them");
  }
  const int64_t anchor = stmt.ColumnInt(0);
  const std::string where = "the audit.pruned event " + std::to_string(anchor);
  nlohmann::json d = nlohmann::json::parse(stmt.ColumnText(1), nullptr, false);
  if (!d.is_object() || !d["first_kept"].is_number_integer() ||
      !d["first_kept_prev_hash"].is_string())
    return Broken(report, anchor, where + " lacks first_kept and first_kept_prev_hash");
  const int64_t kept = d["first_kept"].get<int64_t>();
  if (kept < first) {
    return Broken(report, kept,
                  "events " + std::to_string(kept) + ".." + std::to_string(first - 1) +
                      " are missing (" + where + " keeps the chain from " + std::to_string(kept) +
                      ")");
  }
  if (kept > first) {
    return Broken(report, first,
                  "event " + std::to_string(first) + " is present, but " + where +
                      " says the chain was pruned up to " + std::to_string(kept));
  }
  *prev = d["first_kept_prev_hash"].get<std::string>();
  return Status::Ok();
}

// "YYYY-MM-DD", optionally followed by "T" and a time of digits, ':' and '.', and a "Z".
bool IsIsoTime(std::string_view t) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= t.size() || t[i] < '0' || t[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4) || t.size() < 10 || t[4] != '-' || !digits(5, 2) || t[7] != '-' ||
      !digits(8, 2))
    return false;
  if (t.size() == 10) return true;
  if (t[10] != 'T' || t.size() < 13 || !digits(11, 2)) return false;
  std::string_view rest = t.substr(13, t.size() - 13 - (t.back() == 'Z' ? 1 : 0));
  return rest.find_first_not_of("0123456789:.") == std::string_view::npos;
}

// Now less `years` calendar years, written as UtcNowMillis writes times. A February 29th of a
// year without one is March 1st, as in the SQLite schema's retention trigger.
std::string UtcYearsAgo(int64_t years) {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::time_t t = tv.tv_sec;
  std::tm tm{};
  gmtime_r(&t, &tm);
  tm.tm_year -= static_cast<int>(years);
  t = timegm(&tm);
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(tv.tv_usec / 1000));
  return buf;
}

// The retention setting (whole years) and the time before which events may be removed. A
// missing or malformed setting is an error: nothing may then be removed.
Status RetentionCutoff(Db* db, int64_t* years, std::string* cutoff) {
  Stmt setting;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, "SELECT value FROM store_setting WHERE key = 'audit.retention_years'", &setting));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(setting.Step(&row));
  const std::string value = row ? setting.ColumnText(0) : "";
  if (value.empty() || value.size() > 4 ||
      value.find_first_not_of("0123456789") != std::string::npos || std::stoll(value) < 1) {
    return Status::InvalidInput("audit.retention_years is '" + value +
                                "', not a whole number of years (1 or more): nothing is pruned");
  }
  *years = std::stoll(value);
  *cutoff = UtcYearsAgo(*years);
  return Status::Ok();
}

// The first event to keep when pruning events before `before` (one past the head when all are
// older) and the hash it links to.
Status FirstKept(Db* db, const std::string& before, int64_t* keep, std::string* prev) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db,
                    "SELECT coalesce((SELECT min(seq) FROM audit_event WHERE at >= ?), "
                    "(SELECT coalesce(max(seq), 0) + 1 FROM audit_event))",
                    &stmt));
  stmt.Bind(1, before);
  INTERDICT_RETURN_IF_ERROR(stmt.Step());
  *keep = stmt.ColumnInt(0);
  Stmt hash;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, "SELECT hash FROM audit_event WHERE seq = ?", &hash));
  hash.Bind(1, *keep - 1);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(hash.Step(&row));
  *prev = row ? hash.ColumnText(0) : "";
  return Status::Ok();
}

// `cell` as a CSV field: quoted when it holds a separator, quote or line break; a leading
// character that makes spreadsheets evaluate the cell gets an apostrophe before it.
void AppendCsvCell(const std::string& cell, std::string* out) {
  const bool formula =
      !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos;
  const bool quote = formula || cell.find_first_of(",\"\n\r") != std::string::npos;
  if (quote) *out += '"';
  if (formula) *out += '\'';
  for (char c : cell) {
    if (c == '"') *out += '"';
    *out += c;
  }
  if (quote) *out += '"';
}

}  // namespace

std::string AuditEventHash(const AuditEvent& e) { return EventHasher().Hash(e); }

Status AppendAuditEvent(Store& store, AuditEvent* event) {
  return AppendEvents(store.db(), event, 1);
}

Status AppendAuditEvents(Store& store, std::vector<AuditEvent>* events) {
  if (events->empty()) return Status::Ok();
  return AppendEvents(store.db(), events->data(), events->size());
}

Status ReadAuditEvents(Store& store, const AuditQuery& query,
                       const std::function<Status(const AuditEvent&)>& sink) {
  Db* db = store.db();
  ReadSnapshot snapshot(db);
  INTERDICT_RETURN_IF_ERROR(snapshot.status());
  // Parameters in order: after, [kind, length of the kind's prefix, prefix], [from], [to], page.
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM audit_event WHERE seq > ?";
  const std::string prefix = query.kind_prefix + ".";
  int64_t prefix_chars = 0;  // substr counts characters, not bytes
  for (char c : prefix) prefix_chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (!query.kind_prefix.empty()) sql += " AND (kind = ? OR substr(kind, 1, ?) = ?)";
  if (!query.from.empty()) sql += " AND at >= ?";
  if (!query.to.empty()) sql += " AND at < ?";
  sql += " ORDER BY seq LIMIT ?";
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  int64_t after = query.after_seq;
  size_t left = query.limit == 0 ? SIZE_MAX : query.limit;
  while (left > 0) {
    const size_t page = std::min(left, kPage);
    stmt.Reset();
    int index = 1;
    stmt.Bind(index++, after);
    if (!query.kind_prefix.empty()) {
      stmt.Bind(index++, query.kind_prefix);
      stmt.Bind(index++, prefix_chars);
      stmt.Bind(index++, prefix);
    }
    if (!query.from.empty()) stmt.Bind(index++, query.from);
    if (!query.to.empty()) stmt.Bind(index++, query.to);
    stmt.Bind(index, static_cast<int64_t>(page));
    size_t n = 0;
    for (bool row = true;;) {
      INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("reading the audit log"));
      if (!row) break;
      AuditEvent e = ReadEventRow(stmt);
      after = e.seq;
      ++n;
      INTERDICT_RETURN_IF_ERROR(sink(e));
    }
    if (n < page) break;
    left -= n;
  }
  return Status::Ok();
}

Status GetAuditEvent(Store& store, int64_t seq, AuditEvent* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(), std::string("SELECT ") + kEventColumns + " FROM audit_event WHERE seq = ?",
      &stmt));
  stmt.Bind(1, seq);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("reading the audit log"));
  if (!row) return Status::NotFound("no audit event " + std::to_string(seq));
  *out = ReadEventRow(stmt);
  return Status::Ok();
}

Status VerifyChain(Store& store, ChainReport* report) {
  *report = ChainReport();
  Db* db = store.db();
  ReadSnapshot snapshot(db);
  INTERDICT_RETURN_IF_ERROR(snapshot.status());
  int64_t first = 0;
  INTERDICT_RETURN_IF_ERROR(QueryOptionalInt(db, "SELECT min(seq) FROM audit_event", &first));
  if (first == 0) return Status::Ok();  // an empty chain
  report->first_seq = first;
  std::string expected_prev;
  if (first != 1) {
    INTERDICT_RETURN_IF_ERROR(PrunedStart(db, first, &expected_prev, report));
    if (!report->problem.empty()) return Status::Ok();
  }
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          std::string("SELECT ") + kEventColumns +
                                              " FROM audit_event WHERE seq > ? ORDER BY seq " +
                                              "LIMIT " + std::to_string(kPage),
                                          &stmt));
  int64_t prev_seq = first - 1;
  EventHasher hasher;
  for (size_t n = kPage; n == kPage;) {
    n = 0;
    stmt.Reset();
    stmt.Bind(1, prev_seq);
    for (bool row = true;;) {
      INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("verifying the audit log"));
      if (!row) break;
      ++n;
      const AuditEvent e = ReadEventRow(stmt);
      if (e.seq != prev_seq + 1) {
        return Broken(report, prev_seq + 1,
                      "gap after " + std::to_string(prev_seq) + ": events " +
                          std::to_string(prev_seq + 1) + ".." + std::to_string(e.seq - 1) +
                          " are missing");
      }
      if (hasher.Hash(e) != e.hash)
        return Broken(report, e.seq, "hash mismatch: the event was changed after it was written");
      if (e.prev_hash != expected_prev) {
        return Broken(report, e.seq,
                      "prev_hash does not link to " + (e.seq == first && first != 1
                                                           ? std::string("the audit.pruned anchor")
                                                           : "event " + std::to_string(prev_seq)));
      }
      expected_prev = e.hash;
      prev_seq = e.seq;
      ++report->checked;
    }
  }
  report->head_hash = expected_prev;
  return Status::Ok();
}

Status PruneAuditEvents(Store& store, const std::string& before, const std::string& who,
                        int64_t* pruned) {
  if (pruned != nullptr) *pruned = 0;
  if (!IsIsoTime(before)) {
    return Status::InvalidInput("audit prune: '" + before +
                                "' is not an ISO 8601 date or time (2016-01-01, "
                                "2016-01-01T12:00:00Z)");
  }
  Db* db = store.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status().WithContext("audit prune"));
  int64_t years = 0;
  std::string cutoff;
  INTERDICT_RETURN_IF_ERROR(RetentionCutoff(db, &years, &cutoff));
  if (before > cutoff) {
    return Status::InvalidInput(
        "audit prune: events recorded after " + cutoff + " are within " +
        "the retention period (audit.retention_years = " + std::to_string(years) +
        ") and cannot be pruned; --before " + before + " is later");
  }
  int64_t first = 0;
  int64_t keep = 0;
  std::string keep_prev;
  INTERDICT_RETURN_IF_ERROR(QueryOptionalInt(db, "SELECT min(seq) FROM audit_event", &first));
  INTERDICT_RETURN_IF_ERROR(FirstKept(db, before, &keep, &keep_prev));
  if (first == 0 || keep <= first) return Status::Ok();  // nothing older to remove
  Stmt count;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT count(*) FROM audit_event WHERE seq < ?", &count));
  count.Bind(1, keep);
  INTERDICT_RETURN_IF_ERROR(count.Step());
  const int64_t removed = count.ColumnInt(0);
  // The anchor goes in first, so that it continues the numbering even when every older event
  // goes (an empty table would restart it at 1).
  AuditEvent anchor;
  anchor.who = who;
  anchor.kind = "audit.pruned";
  anchor.detail = nlohmann::json{
      {"before", before},
      {"removed", removed},
      {"removed_from", first},
      {"first_kept", keep},
      {"first_kept_prev_hash",
       keep_prev}}.dump();
  anchor.settings = nlohmann::json{{"audit.retention_years", years}}.dump();
  INTERDICT_RETURN_IF_ERROR(AppendAuditEvent(store, &anchor).WithContext("audit prune"));
  Stmt del;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, "DELETE FROM audit_event WHERE seq < ?", &del));
  del.Bind(1, keep);
  INTERDICT_RETURN_IF_ERROR(del.Step().WithContext("audit prune"));
  if (del.Changes() != removed) return Status::Internal("audit prune: count changed");
  INTERDICT_RETURN_IF_ERROR(txn.Commit().WithContext("audit prune"));
  if (pruned != nullptr) *pruned = removed;
  return Status::Ok();
}

const char kAuditCsvHeader[] =
    "seq,at,who,kind,subject,detail,list_versions,settings,engine_version,prev_hash,hash\n";

void AppendAuditEventCsv(const AuditEvent& e, std::string* out) {
  *out += std::to_string(e.seq);
  for (const std::string* field : {&e.at, &e.who, &e.kind, &e.subject, &e.detail, &e.list_versions,
                                   &e.settings, &e.engine_version, &e.prev_hash, &e.hash}) {
    *out += ',';
    AppendCsvCell(*field, out);
  }
  *out += '\n';
}

void AppendAuditEventJsonl(const AuditEvent& e, std::string* out) {
  using nlohmann::ordered_json;
  // A stored JSON field that no longer parses (a tampered row) is exported as the text it holds.
  auto nested = [](const std::string& text) {
    ordered_json j = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? ordered_json(text) : j;
  };
  ordered_json j = {{"seq", e.seq},
                    {"at", e.at},
                    {"who", e.who},
                    {"kind", e.kind},
                    {"subject", e.subject},
                    {"detail", nested(e.detail)},
                    {"list_versions", nested(e.list_versions)},
                    {"settings", nested(e.settings)},
                    {"engine_version", e.engine_version},
                    {"prev_hash", e.prev_hash},
                    {"hash", e.hash}};
  *out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  *out += '\n';
}

}  // namespace interdict
