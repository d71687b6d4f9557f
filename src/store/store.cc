#include "store/store.h"

#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <ctime>
#include <thread>
#include <utility>

#include "core/entity_json.h"
#include "store/audit_chain.h"
#include "store/sqlite_util.h"

namespace interdict {
namespace {

using nlohmann::json;

// "INTD": marks a file as an Interdict store, so that opening some other application's SQLite
// database is refused instead of silently adding our tables to it.
constexpr int64_t kApplicationId = 0x494E5444;

// Migration i takes a store from schema version i to i + 1. Append; never edit a released entry.
//
// Schema 1:
// - list_version: one row per committed import. Written once, in the import's transaction, by
//   Import::Commit; the triggers below make it immutable.
// - record_body: each distinct record JSON once, keyed by the SHA-256 of its bytes, so a version
//   that repeats most of the previous one's records costs one version_record row per record.
// - version_record: which body each entity has in each version. WITHOUT ROWID keeps it clustered
//   on (version_id, entity_id): reading a version, diffing two and probing one entity are all
//   range or point reads on that key, so no secondary index is needed. Its version_id foreign key
//   is deferred because an import writes its records before its list_version row (the row's counts
//   are only known at the end), all inside one transaction.
//
// Schema 2:
// - audit_log: one row per screening request answered by the server (store/audit.h), written in
//   batches by the server's audit writer. Append-only, like list versions.
//
// Schema 3:
// - source_fetch: per source, what the updater (src/update, `interdict update`) last fetched
//   (store/fetch_state.h). Unlike versions it is overwritten on every attempt: it is bookkeeping
//   about the fetching, never list content.
constexpr std::array<const char*, 7> kMigrations = {
    R"sql(
CREATE TABLE list_version(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  published TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  schema_counts TEXT NOT NULL CHECK (json_valid(schema_counts)),
  imported_at TEXT NOT NULL,
  files TEXT NOT NULL CHECK (json_valid(files))
);
CREATE INDEX list_version_by_source ON list_version(source, id);
CREATE TABLE record_body(
  id INTEGER PRIMARY KEY,
  digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
  body TEXT NOT NULL
);
CREATE TABLE version_record(
  version_id INTEGER NOT NULL REFERENCES list_version(id) DEFERRABLE INITIALLY DEFERRED,
  entity_id TEXT NOT NULL,
  body_id INTEGER NOT NULL REFERENCES record_body(id),
  PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
CREATE TRIGGER list_version_no_update BEFORE UPDATE ON list_version
  BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER list_version_no_delete BEFORE DELETE ON list_version
  BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER version_record_no_update BEFORE UPDATE ON version_record
  BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER version_record_no_delete BEFORE DELETE ON version_record
  BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER record_body_no_update BEFORE UPDATE ON record_body
  BEGIN SELECT RAISE(ABORT, 'record bodies are immutable'); END;
)sql",
    R"sql(
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  request_id TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  status INTEGER NOT NULL,
  query TEXT NOT NULL CHECK (json_valid(query)),
  list_versions TEXT NOT NULL CHECK (json_valid(list_versions)),
  result_count INTEGER NOT NULL,
  max_score REAL,
  results TEXT NOT NULL CHECK (json_valid(results))
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    R"sql(
CREATE TABLE source_fetch(
  source TEXT PRIMARY KEY,
  validators TEXT NOT NULL CHECK (json_valid(validators)),
  content_sha256 TEXT NOT NULL,
  last_attempt TEXT NOT NULL,
  last_success TEXT NOT NULL,
  last_error TEXT NOT NULL
);
)sql",
    // 4: the customer book (src/monitor/customer_store.h). `rev` is the book revision of the
    // customer's last change; the history keeps every version of every customer.
    R"sql(
CREATE TABLE customer_book(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rev INTEGER NOT NULL
);
INSERT INTO customer_book(id, rev) VALUES (1, 0);
CREATE TABLE customer(
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body)),
  fingerprint TEXT NOT NULL,
  rev INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX customer_by_rev ON customer(rev);
CREATE TABLE customer_history(
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('added', 'updated', 'deleted')),
  body TEXT NOT NULL CHECK (json_valid(body)),
  fingerprint TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL
);
CREATE INDEX customer_history_by_customer ON customer_history(customer_id, rev);
CREATE TRIGGER customer_history_no_update BEFORE UPDATE ON customer_history
  BEGIN SELECT RAISE(ABORT, 'customer history is append-only'); END;
CREATE TRIGGER customer_history_no_delete BEFORE DELETE ON customer_history
  BEGIN SELECT RAISE(ABORT, 'customer history is append-only'); END;
)sql",
    // 5: alerts and their case work (src/monitor/alerts.h, rules.h, users.h). One alert row per
    // (customer, list record) pair, so an alert can never be raised twice; every change to it is
    // an alert_event.
    R"sql(
CREATE TABLE alert(
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  source TEXT NOT NULL,
  list_version INTEGER NOT NULL,
  score REAL NOT NULL,
  explanation TEXT NOT NULL CHECK (json_valid(explanation)),
  customer_fp TEXT NOT NULL,
  entity_fp TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'escalated', 'confirmed',
                                         'false_positive', 'delisted')),
  assignee TEXT NOT NULL DEFAULT '',
  pending TEXT CHECK (pending IS NULL OR json_valid(pending)),
  rev INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (customer_id, entity_id)
);
CREATE INDEX alert_by_status ON alert(status, id);
CREATE INDEX alert_by_entity ON alert(entity_id);
CREATE INDEX alert_by_assignee ON alert(assignee, status);
CREATE TABLE alert_event(
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alert(id),
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  list_version INTEGER,
  score REAL,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX alert_event_by_alert ON alert_event(alert_id, id);
CREATE TRIGGER alert_event_no_update BEFORE UPDATE ON alert_event
  BEGIN SELECT RAISE(ABORT, 'alert history is append-only'); END;
CREATE TRIGGER alert_event_no_delete BEFORE DELETE ON alert_event
  BEGIN SELECT RAISE(ABORT, 'alert history is append-only'); END;
CREATE TABLE app_user(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor', 'admin')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  disabled_at TEXT
);
CREATE TABLE store_setting(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO store_setting(key, value) VALUES ('four_eyes', 'on'), ('audit.retention_years', '10');
CREATE TABLE good_guy_rule(
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  customer_fp TEXT NOT NULL,
  entity_fp TEXT NOT NULL,
  based_on TEXT NOT NULL CHECK (json_valid(based_on)),
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  lapsed_at TEXT,
  lapse_reason TEXT
);
CREATE INDEX good_guy_rule_by_pair ON good_guy_rule(customer_id, entity_id);
)sql",
    // 6: monitoring progress (src/monitor/monitor.h): which list versions and book revision the
    // alerts reflect, and the runs (a crashed run is resumed from its cursor).
    R"sql(
CREATE TABLE monitor_source_state(
  source TEXT PRIMARY KEY,
  version_id INTEGER NOT NULL
);
CREATE TABLE monitor_book_state(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rev INTEGER NOT NULL
);
CREATE TABLE monitor_run(
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  full_rescreen INTEGER NOT NULL,
  targets TEXT NOT NULL CHECK (json_valid(targets)),
  cursor TEXT NOT NULL DEFAULT '',
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  holder TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);
)sql",
    // 7: the tamper-evident audit chain (src/store/audit_chain.h): each event carries the hash of
    // its content and of the previous event. From here on screenings are chain events too
    // (store/audit.h); audit_log keeps the rows written before, unchained. Events are never
    // updated; a delete is refused unless the event is older than audit.retention_years (a
    // missing or non-numeric setting refuses every delete), and only `audit prune` deletes.
    // Screenings are most of the events and their subjects (request ids) are random: indexing
    // them, or the hashes, cost each server request a random B-tree insert (100,000 appends: 0.3 s
    // of CPU without either index, 1.65 s with both). The chain, not an index, guards the hashes.
    R"sql(
CREATE TABLE audit_event(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL CHECK (json_valid(detail)),
  list_versions TEXT NOT NULL CHECK (json_valid(list_versions)),
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  engine_version TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_by_kind ON audit_event(kind, seq);
CREATE INDEX audit_event_by_subject ON audit_event(subject, seq) WHERE kind <> 'screening';
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_event_retention BEFORE DELETE ON audit_event
  WHEN NOT (OLD.at < coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' ||
      (SELECT value FROM store_setting WHERE key = 'audit.retention_years') || ' years'), ''))
  BEGIN SELECT RAISE(ABORT, 'audit events within the retention period cannot be deleted'); END;
)sql",
};
constexpr int64_t kSchemaVersion = static_cast<int64_t>(kMigrations.size());

constexpr const char* kVersionColumns =
    "id, source, published, content_sha256, record_count, schema_counts, imported_at, files";

Status QueryInt(sqlite3* db, const char* sql, int64_t* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::Internal(std::string("no result from '") + sql + "'");
  *out = stmt.ColumnInt(0);
  return Status::Ok();
}

// Reads a row selected with kVersionColumns.
Status ReadVersionRow(const Stmt& stmt, ListVersion* v) {
  v->id = stmt.ColumnInt(0);
  v->source = stmt.ColumnText(1);
  v->published = stmt.ColumnText(2);
  v->content_sha256 = stmt.ColumnText(3);
  v->record_count = stmt.ColumnInt(4);
  v->imported_at = stmt.ColumnText(6);
  const std::string where = "list version " + std::to_string(v->id);
  json counts = json::parse(stmt.ColumnText(5), nullptr, /*allow_exceptions=*/false);
  if (!counts.is_object()) return Status::InvalidInput(where + ": schema_counts is not an object");
  v->schema_counts.clear();
  for (const auto& [schema, n] : counts.items()) {
    if (!n.is_number_integer())
      return Status::InvalidInput(where + ": schema_counts['" + schema + "'] is not an integer");
    v->schema_counts[schema] = n.get<int64_t>();
  }
  json files = json::parse(stmt.ColumnText(7), nullptr, /*allow_exceptions=*/false);
  if (!files.is_array()) return Status::InvalidInput(where + ": files is not an array");
  v->files.clear();
  for (const json& f : files) {
    if (!f.is_string()) return Status::InvalidInput(where + ": files holds a non-string");
    v->files.push_back(f.get<std::string>());
  }
  return Status::Ok();
}

// The newest version of `source`; *found is false when it has none.
Status NewestVersion(sqlite3* db, const std::string& source, bool* found, ListVersion* out) {
  *found = false;
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns +
                    " FROM list_version WHERE source = ?1 ORDER BY id DESC LIMIT 1";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, sql, &stmt));
  stmt.Bind(1, source);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::Ok();
  INTERDICT_RETURN_IF_ERROR(ReadVersionRow(stmt, out));
  *found = true;
  return Status::Ok();
}

// Parses a stored record body. `where` names the record for the error message.
Status ParseBody(const std::string& body, const std::string& where, json* out) {
  *out = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) return Status::InvalidInput(where + ": stored record is not valid JSON");
  return Status::Ok();
}

Status DecodeBody(const std::string& body, const std::string& where, Entity* out) {
  json j;
  INTERDICT_RETURN_IF_ERROR(ParseBody(body, where, &j));
  return EntityFromJson(j, out).WithContext(where);
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The source an entity id belongs to: the part before the first ':'.
std::string_view SourceOf(std::string_view entity_id) {
  size_t colon = entity_id.find(':');
  return colon == std::string_view::npos ? std::string_view() : entity_id.substr(0, colon);
}

// Switches the file to WAL and sets *mode to the journal mode it then has. On a new file the
// switch needs a lock that SQLite's busy timeout does not wait for, so two processes opening a
// new store together could fail with "database is locked": retry for as long as the busy timeout.
Status EnableWal(sqlite3* db, int busy_timeout_ms, std::string* mode) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    Stmt wal;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, "PRAGMA journal_mode = WAL", &wal));
    bool row = false;
    Status st = wal.Step(&row);
    if (st.ok()) {
      *mode = row ? wal.ColumnText(0) : "";
      return Status::Ok();
    }
    if ((sqlite3_extended_errcode(db) & 0xff) != SQLITE_BUSY ||
        std::chrono::steady_clock::now() >= deadline)
      return st;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// A read-only connection cannot migrate: it reads only a store already at kSchemaVersion.
Status CheckCurrentSchema(sqlite3* db, const std::string& path) {
  int64_t version = 0;
  int64_t app_id = 0;
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA user_version", &version));
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA application_id", &app_id));
  if (app_id != kApplicationId)
    return Status::InvalidInput(path + ": not an Interdict store (application_id " +
                                std::to_string(app_id) + ")");
  if (version != kSchemaVersion) {
    return Status::InvalidInput(
        path + ": store schema version " + std::to_string(version) + ", this build reads " +
        std::to_string(kSchemaVersion) + " only when opened read-only" +
        (version < kSchemaVersion ? "; open it once read-write (any writing command) to migrate"
                                  : "; use a newer interdict"));
  }
  return Status::Ok();
}

// Brings the schema to kSchemaVersion. Takes the write lock only when there is work to do, so
// that opening a current store never waits for another process's import.
Status Migrate(sqlite3* db, const std::string& path) {
  int64_t version = 0;
  int64_t app_id = 0;
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA user_version", &version));
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA application_id", &app_id));
  if (version == kSchemaVersion && app_id == kApplicationId) return Status::Ok();

  Transaction txn(db, "BEGIN IMMEDIATE");
  INTERDICT_RETURN_IF_ERROR(txn.status());
  // Re-read under the lock: another process may have migrated in between.
  int64_t tables = 0;
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA user_version", &version));
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "PRAGMA application_id", &app_id));
  INTERDICT_RETURN_IF_ERROR(QueryInt(db, "SELECT count(*) FROM sqlite_schema", &tables));
  if (app_id != kApplicationId && !(app_id == 0 && version == 0 && tables == 0)) {
    return Status::InvalidInput(path +
                                ": not an Interdict store (a SQLite database of another "
                                "application: application_id " +
                                std::to_string(app_id) + ", " + std::to_string(tables) +
                                " schema objects)");
  }
  if (version > kSchemaVersion) {
    return Status::InvalidInput(path + ": store schema version " + std::to_string(version) +
                                " is newer than this build of Interdict supports (" +
                                std::to_string(kSchemaVersion) + "); use a newer interdict");
  }
  if (version < 0) {
    return Status::InvalidInput(path + ": invalid store schema version " + std::to_string(version));
  }
  for (int64_t v = version; v < kSchemaVersion; ++v) {
    INTERDICT_RETURN_IF_ERROR(
        Exec(db, kMigrations[static_cast<size_t>(v)],
             path + ": migrating schema " + std::to_string(v) + " to " + std::to_string(v + 1)));
  }
  // PRAGMA arguments cannot be bound; both values are our own integers.
  std::string set = "PRAGMA user_version = " + std::to_string(kSchemaVersion) +
                    "; PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
  INTERDICT_RETURN_IF_ERROR(Exec(db, set.c_str(), path + ": writing schema version"));
  return txn.Commit().WithContext(path + ": migrating");
}

}  // namespace

// The statements an import runs once per record, prepared once per import.
struct Import::Statements {
  Stmt find_body;
  Stmt insert_body;
  Stmt insert_record;
};

Import::Import(Store* store, std::string source, std::string content_sha256)
    : store_(store), source_(std::move(source)), content_sha256_(std::move(content_sha256)) {}

Import::~Import() {
  // Finalize before rolling back so that no statement of ours is still active.
  stmts_.reset();
  if (open_ && store_ != nullptr) Abandon();
}

void Import::Abandon() {
  stmts_.reset();
  // A failed statement may already have made SQLite roll the transaction back (disk full, I/O
  // error); ROLLBACK then fails harmlessly.
  sqlite3_exec(store_->db_, "ROLLBACK", nullptr, nullptr, nullptr);
  open_ = false;
  store_->open_import_ = nullptr;
}

Status Import::CheckUsable() const {
  if (store_ == nullptr) return Status::Internal("import of " + source_ + ": the store was closed");
  if (!open_)
    return Status::Internal("import of " + source_ + " is already committed or abandoned");
  if (!failure_.ok()) {
    return Status(failure_).WithContext("import of " + source_ +
                                        " cannot go on after an earlier error");
  }
  return Status::Ok();
}

Status Import::Fail(Status status) {
  failure_ = status;
  return status;
}

Status Import::Add(const Entity& entity) {
  INTERDICT_RETURN_IF_ERROR(CheckUsable());
  if (SourceOf(entity.id) != source_ || entity.id.size() <= source_.size() + 1) {
    return Fail(Status::InvalidInput("record id '" + entity.id + "' does not start with '" +
                                     source_ + ":' (importing " + source_ + ")"));
  }
  if (entity.source != source_) {
    return Fail(Status::InvalidInput("record '" + entity.id + "' has source '" + entity.source +
                                     "' (importing " + source_ + ")"));
  }
  std::string body;
  try {
    body = EntityToJson(entity).dump();
  } catch (const json::exception& e) {
    return Fail(Status::InvalidInput("record '" + entity.id + "': " + e.what()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(body.data(), body.size(), digest, &digest_len, EVP_sha256(), nullptr) != 1 ||
      digest_len != 32) {
    return Fail(Status::Internal("SHA-256 failed"));
  }

  sqlite3* db = store_->db_;
  auto where = [&] { return "import of " + source_ + ", record '" + entity.id + "'"; };
  Stmt& find = stmts_->find_body;
  find.Reset();
  find.BindBlob(1, digest, digest_len);
  bool row = false;
  if (Status st = find.Step(&row); !st.ok()) return Fail(st.WithContext(where()));
  int64_t body_id = row ? find.ColumnInt(0) : 0;
  find.Reset();
  if (!row) {
    Stmt& insert = stmts_->insert_body;
    insert.Reset();
    insert.BindBlob(1, digest, digest_len).Bind(2, body);
    if (Status st = insert.Step(); !st.ok()) return Fail(st.WithContext(where()));
    body_id = sqlite3_last_insert_rowid(db);
  }

  Stmt& rec = stmts_->insert_record;
  rec.Reset();
  rec.Bind(1, version_id_).Bind(2, entity.id).Bind(3, body_id);
  if (Status st = rec.Step(); !st.ok()) {
    if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Fail(Status::InvalidInput("import of " + source_ + ": record id '" + entity.id +
                                       "' appears twice"));
    }
    return Fail(st.WithContext(where()));
  }
  ++count_;
  ++schema_counts_[std::string(SchemaName(entity.schema))];
  return Status::Ok();
}

Status Import::Commit(const std::string& published, const std::vector<std::string>& files,
                      ListVersion* version, const ShrinkLimit& shrink) {
  INTERDICT_RETURN_IF_ERROR(CheckUsable());
  if (count_ == 0) {
    // An empty version would make every record of the source "removed" and stop screening
    // against it; an empty list file is far more likely a broken download than a real list.
    return Fail(Status::InvalidInput("import of " + source_ +
                                     " has no records; refusing to record an empty list version"));
  }
  sqlite3* db = store_->db_;
  if (sqlite3_get_autocommit(db)) {
    // SQLite ended the transaction itself after an error we did not see: committing now would
    // record a version whose records are not all there.
    return Fail(Status::Internal("import of " + source_ + ": transaction was rolled back"));
  }
  ListVersion v;
  v.id = version_id_;
  v.source = source_;
  v.published = published;
  v.content_sha256 = content_sha256_;
  v.record_count = count_;
  v.schema_counts = schema_counts_;
  v.imported_at = UtcNow();
  v.files = files;
  std::string counts_json;
  std::string files_json;
  try {
    counts_json = json(v.schema_counts).dump();
    files_json = json(v.files).dump();
  } catch (const json::exception& e) {
    return Fail(Status::InvalidInput("import of " + source_ + ": " + e.what()));
  }

  const std::string where =
      "import of " + source_ + ": committing version " + std::to_string(version_id_);
  // This import has held the write lock since BeginImport: the newest version read here is
  // still the newest when COMMIT runs.
  bool has_previous = false;
  ListVersion previous;
  if (Status st = NewestVersion(db, source_, &has_previous, &previous); !st.ok())
    return Fail(st.WithContext(where));
  if (has_previous) {
    if (Status st = CheckShrink(previous, v, shrink); !st.ok()) return Fail(st);
  }
  Stmt insert;
  std::string sql = std::string("INSERT INTO list_version(") + kVersionColumns +
                    ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  if (Status st = Stmt::Prepare(db, sql, &insert); !st.ok()) return Fail(st.WithContext(where));
  insert.Bind(1, v.id).Bind(2, v.source).Bind(3, v.published).Bind(4, v.content_sha256);
  insert.Bind(5, v.record_count).Bind(6, counts_json).Bind(7, v.imported_at).Bind(8, files_json);
  if (Status st = insert.Step(); !st.ok()) return Fail(st.WithContext(where));
  insert = Stmt();
  stmts_.reset();
  // The chain records what every later screening was screened against, in this transaction.
  AuditEvent event;
  event.who = who_;
  event.kind = "list.import";
  event.subject = source_;
  try {
    event.detail = json{
        {"source", v.source},
        {"version", v.id},
        {"previous_version", has_previous ? previous.id : 0},
        {"published", v.published},
        {"content_sha256", v.content_sha256},
        {"record_count", v.record_count},
        {"schema_counts", v.schema_counts},
        {"files",
         v.files}}.dump();
    event.list_versions = json::array({{{"source", v.source}, {"version", v.id}}}).dump();
  } catch (const json::exception& e) {
    return Fail(Status::InvalidInput(where + ": " + e.what()));
  }
  if (Status st = AppendAuditEvent(*store_, &event); !st.ok()) return Fail(st.WithContext(where));
  if (Status st = Exec(db, "COMMIT", where); !st.ok()) {
    Abandon();
    return Fail(st);
  }
  open_ = false;
  store_->open_import_ = nullptr;
  if (version != nullptr) *version = std::move(v);
  return Status::Ok();
}

Status Store::Open(const std::string& path, std::unique_ptr<Store>* out) {
  return Open(path, StoreOptions(), out);
}

Status Store::Open(const std::string& path, const StoreOptions& options,
                   std::unique_ptr<Store>* out) {
  sqlite3* db = nullptr;
  const int flags =
      options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status st = SqliteError(db, rc, path + ": cannot open store");
    sqlite3_close_v2(db);
    return st;
  }
  std::unique_ptr<Store> store(new Store(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  // The first read of the file: a file that is not SQLite fails here.
  int64_t ignored = 0;
  if (Status st = QueryInt(db, "PRAGMA schema_version", &ignored); !st.ok()) {
    if (st.code() != Status::Code::kInvalidInput) return st.WithContext(path);
    return Status::InvalidInput(path + ": not an Interdict store: " + sqlite3_errmsg(db));
  }
  if (options.read_only) {
    INTERDICT_RETURN_IF_ERROR(CheckCurrentSchema(db, path));
    *out = std::move(store);
    return Status::Ok();
  }
  // WAL: readers never block the importer and the importer never blocks readers; a crashed
  // writer's uncommitted frames are ignored on the next open.
  std::string mode;
  INTERDICT_RETURN_IF_ERROR(
      EnableWal(db, options.busy_timeout_ms, &mode).WithContext(path + ": enabling WAL"));
  if (mode != "wal" && mode != "memory") {
    return Status::IoError(path + ": cannot enable WAL mode (journal mode is '" + mode + "')");
  }
  // See "Durability" in store.h for why NORMAL is enough. PRAGMA arguments cannot be bound; the
  // page count is an integer.
  const std::string pragmas =
      "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA wal_autocheckpoint = " +
      std::to_string(options.wal_autocheckpoint_pages) + ";";
  INTERDICT_RETURN_IF_ERROR(Exec(db, pragmas.c_str(), path + ": configuring"));
  INTERDICT_RETURN_IF_ERROR(Migrate(db, path));
  *out = std::move(store);
  return Status::Ok();
}

Store::~Store() {
  // An import still open when its store closes is rolled back now and made inert.
  if (Import* import = open_import_; import != nullptr) {
    import->Abandon();
    import->store_ = nullptr;
  }
  sqlite3_close_v2(db_);
}

Status Store::Checkpoint() {
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "checkpointing the store");
  return Status::Ok();
}

bool Store::LastErrorBusy() const {
  int rc = sqlite3_extended_errcode(db_) & 0xff;
  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

Status Store::FindCurrentWithHash(const std::string& source, const std::string& content_sha256,
                                  bool* found, ListVersion* version) {
  ListVersion v;
  INTERDICT_RETURN_IF_ERROR(NewestVersion(db_, source, found, &v));
  *found = *found && v.content_sha256 == content_sha256;
  if (*found && version != nullptr) *version = std::move(v);
  return Status::Ok();
}

Status Store::BeginImport(const std::string& source, const std::string& content_sha256,
                          std::unique_ptr<Import>* out, ListVersion* unchanged) {
  out->reset();
  if (source.empty() || source.find(':') != std::string::npos) {
    return Status::InvalidInput("invalid source name '" + source + "' (empty or holds ':')");
  }
  if (open_import_ != nullptr) {
    return Status::InvalidInput("cannot import " + source + ": an import of " +
                                open_import_->source_ + " is already open on this store");
  }
  // IMMEDIATE takes the write lock now, so a concurrent importer fails here (after the busy
  // timeout) rather than after parsing a whole list.
  INTERDICT_RETURN_IF_ERROR(Exec(
      db_, "BEGIN IMMEDIATE", "cannot start import of " + source + " (another import running?)"));
  std::unique_ptr<Import> import(new Import(this, source, content_sha256));
  import->open_ = true;
  open_import_ = import.get();
  // From here on an error destroys `import`, which rolls back.
  // Under the write lock no other connection can commit the same content in between.
  bool same = false;
  ListVersion current;
  INTERDICT_RETURN_IF_ERROR(FindCurrentWithHash(source, content_sha256, &same, &current));
  if (same) {
    if (unchanged == nullptr) {
      return Status::InvalidInput("cannot import " + source +
                                  ": the content is unchanged since "
                                  "version " +
                                  std::to_string(current.id));
    }
    *unchanged = std::move(current);
    return Status::Ok();  // `import` is destroyed here, releasing the lock
  }
  // Under the write lock no other connection can take the next id.
  INTERDICT_RETURN_IF_ERROR(
      QueryInt(db_, "SELECT coalesce(max(id), 0) + 1 FROM list_version", &import->version_id_));
  import->stmts_ = std::make_unique<Import::Statements>();
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_, "SELECT id FROM record_body WHERE digest = ?1",
                                          &import->stmts_->find_body));
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db_, "INSERT INTO record_body(digest, body) VALUES(?1, ?2)", &import->stmts_->insert_body));
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db_, "INSERT INTO version_record(version_id, entity_id, body_id) VALUES(?1, ?2, ?3)",
      &import->stmts_->insert_record));
  *out = std::move(import);
  return Status::Ok();
}

Status Store::ListVersions(const std::string& source, std::vector<ListVersion>* out) {
  out->clear();
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns + " FROM list_version" +
                    (source.empty() ? "" : " WHERE source = ?1") + " ORDER BY id";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_, sql, &stmt));
  if (!source.empty()) stmt.Bind(1, source);
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    ListVersion v;
    INTERDICT_RETURN_IF_ERROR(ReadVersionRow(stmt, &v));
    out->push_back(std::move(v));
  }
}

Status Store::LatestVersions(std::vector<ListVersion>* out) {
  out->clear();
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns +
                    " FROM list_version WHERE id IN (SELECT max(id) FROM list_version GROUP BY "
                    "source) ORDER BY source";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_, sql, &stmt));
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    ListVersion v;
    INTERDICT_RETURN_IF_ERROR(ReadVersionRow(stmt, &v));
    out->push_back(std::move(v));
  }
}

Status Store::GetVersion(int64_t id, ListVersion* out) {
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns + " FROM list_version WHERE id = ?1";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_, sql, &stmt));
  stmt.Bind(1, id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::NotFound("no list version " + std::to_string(id) + " in the store");
  return ReadVersionRow(stmt, out);
}

Status Store::ReadRecords(int64_t version_id, const std::function<Status(Entity&&)>& sink) {
  ListVersion v;
  INTERDICT_RETURN_IF_ERROR(GetVersion(version_id, &v));
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db_,
      "SELECT r.entity_id, b.body FROM version_record r JOIN record_body b ON b.id = r.body_id "
      "WHERE r.version_id = ?1 ORDER BY r.entity_id",
      &stmt));
  stmt.Bind(1, version_id);
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    Entity e;
    INTERDICT_RETURN_IF_ERROR(DecodeBody(
        stmt.ColumnText(1),
        "list version " + std::to_string(version_id) + ", record '" + stmt.ColumnText(0) + "'",
        &e));
    INTERDICT_RETURN_IF_ERROR(sink(std::move(e)));
  }
}

Status Store::GetEntity(const std::string& entity_id, int64_t version_id, Entity* out,
                        ListVersion* from_version) {
  Stmt stmt;
  int64_t found_version = 0;
  if (version_id != 0) {
    ListVersion v;
    INTERDICT_RETURN_IF_ERROR(GetVersion(version_id, &v));
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db_,
        "SELECT r.version_id, b.body FROM version_record r JOIN record_body b ON b.id = r.body_id "
        "WHERE r.version_id = ?1 AND r.entity_id = ?2",
        &stmt));
    stmt.Bind(1, version_id).Bind(2, entity_id);
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) {
      return Status::NotFound("no record '" + entity_id + "' in list version " +
                              std::to_string(version_id) + " (" + v.source + ")");
    }
  } else {
    std::string_view source = SourceOf(entity_id);
    if (source.empty()) {
      return Status::InvalidInput("record id '" + entity_id +
                                  "' has no source prefix (expected '<source>:<id>')");
    }
    // Walks the source's versions newest first and probes each one's primary key: a record
    // present in the newest version costs one probe.
    INTERDICT_RETURN_IF_ERROR(
        Stmt::Prepare(db_,
                      "SELECT v.id, b.body FROM list_version v "
                      "JOIN version_record r ON r.version_id = v.id AND r.entity_id = ?2 "
                      "JOIN record_body b ON b.id = r.body_id "
                      "WHERE v.source = ?1 ORDER BY v.id DESC LIMIT 1",
                      &stmt));
    stmt.Bind(1, source).Bind(2, entity_id);
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) {
      int64_t versions = 0;
      Stmt count;
      INTERDICT_RETURN_IF_ERROR(
          Stmt::Prepare(db_, "SELECT count(*) FROM list_version WHERE source = ?1", &count));
      count.Bind(1, source);
      INTERDICT_RETURN_IF_ERROR(count.Step());
      versions = count.ColumnInt(0);
      if (versions == 0) {
        return Status::NotFound("no record '" + entity_id + "': source '" + std::string(source) +
                                "' has never been imported");
      }
      return Status::NotFound("no record '" + entity_id + "' in any of the " +
                              std::to_string(versions) + " versions of " + std::string(source));
    }
  }
  found_version = stmt.ColumnInt(0);
  const std::string body = stmt.ColumnText(1);
  stmt = Stmt();
  INTERDICT_RETURN_IF_ERROR(DecodeBody(
      body, "list version " + std::to_string(found_version) + ", record '" + entity_id + "'", out));
  if (from_version != nullptr) INTERDICT_RETURN_IF_ERROR(GetVersion(found_version, from_version));
  return Status::Ok();
}

Status Store::Diff(int64_t from, int64_t to, VersionDiff* out) {
  *out = VersionDiff();
  ListVersion a;
  ListVersion b;
  INTERDICT_RETURN_IF_ERROR(GetVersion(from, &a).WithContext("diff"));
  INTERDICT_RETURN_IF_ERROR(GetVersion(to, &b).WithContext("diff"));
  if (a.source != b.source) {
    return Status::InvalidInput("diff: version " + std::to_string(from) + " is of " + a.source +
                                " but version " + std::to_string(to) + " is of " + b.source);
  }
  // Only rows whose body differs leave SQL: for two consecutive versions of a real list that is a
  // few dozen of thousands, and only those bodies are fetched and parsed. Both halves walk the
  // primary key in entity-id order and probe the other version's key, so SQLite merges them
  // without sorting. (A FULL JOIN of the two versions is quadratic in SQLite 3.40: it scans a
  // materialised copy of one side for every row of the other.)
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db_,
      "SELECT a.entity_id AS eid, a.body_id, b.body_id FROM version_record a "
      "LEFT JOIN version_record b ON b.version_id = ?2 AND b.entity_id = a.entity_id "
      "WHERE a.version_id = ?1 AND a.body_id IS NOT b.body_id "
      "UNION ALL "
      "SELECT b.entity_id, NULL, b.body_id FROM version_record b WHERE b.version_id = ?2 "
      "AND NOT EXISTS (SELECT 1 FROM version_record a WHERE a.version_id = ?1 "
      "AND a.entity_id = b.entity_id) "
      "ORDER BY eid",
      &stmt));
  stmt.Bind(1, from).Bind(2, to);
  Stmt body;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db_, "SELECT body FROM record_body WHERE id = ?1", &body));
  auto read_body = [&](int64_t id, const std::string& where, json* j) -> Status {
    body.Reset();
    body.Bind(1, id);
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(body.Step(&row));
    if (!row) return Status::Internal(where + ": record body " + std::to_string(id) + " missing");
    return ParseBody(body.ColumnText(0), where, j);
  };
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    std::string id = stmt.ColumnText(0);
    if (stmt.ColumnIsNull(1)) {
      out->added.push_back(std::move(id));
      continue;
    }
    if (stmt.ColumnIsNull(2)) {
      out->removed.push_back(std::move(id));
      continue;
    }
    json old_j;
    json new_j;
    INTERDICT_RETURN_IF_ERROR(read_body(
        stmt.ColumnInt(1), "version " + std::to_string(from) + ", record '" + id + "'", &old_j));
    INTERDICT_RETURN_IF_ERROR(read_body(
        stmt.ColumnInt(2), "version " + std::to_string(to) + ", record '" + id + "'", &new_j));
    if (!old_j.is_object() || !new_j.is_object()) {
      return Status::InvalidInput("diff: record '" + id + "' is not a JSON object");
    }
    // Both objects keep their keys sorted, so one merge pass finds every differing field,
    // including fields present on one side only.
    RecordChange change{id, {}};
    auto i = old_j.begin();
    auto k = new_j.begin();
    while (i != old_j.end() || k != new_j.end()) {
      if (k == new_j.end() || (i != old_j.end() && i.key() < k.key())) {
        change.fields.push_back(i.key());
        ++i;
      } else if (i == old_j.end() || k.key() < i.key()) {
        change.fields.push_back(k.key());
        ++k;
      } else {
        if (i.value() != k.value()) change.fields.push_back(i.key());
        ++i;
        ++k;
      }
    }
    // Bodies stored by different versions of the serialiser may differ in bytes only.
    if (!change.fields.empty()) out->changed.push_back(std::move(change));
  }
}

}  // namespace interdict
