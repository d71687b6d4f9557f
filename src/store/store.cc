#include "store/store.h"

#include <openssl/evp.h>

#include <ctime>
#include <utility>

#include "core/entity_json.h"
#include "core/utc_now.h"
#include "store/audit_chain.h"
#include "store/db_postgres.h"
#include "store/db_sqlite.h"
#include "store/migrations.h"

namespace interdict {
namespace {

using nlohmann::json;

constexpr const char* kVersionColumns =
    "id, source, published, content_sha256, record_count, schema_counts, imported_at, files";

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
Status NewestVersion(Db* db, const std::string& source, bool* found, ListVersion* out) {
  *found = false;
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns +
                    " FROM list_version WHERE source = ? ORDER BY id DESC LIMIT 1";
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

// The source an entity id belongs to: the part before the first ':'.
std::string_view SourceOf(std::string_view entity_id) {
  size_t colon = entity_id.find(':');
  return colon == std::string_view::npos ? std::string_view() : entity_id.substr(0, colon);
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
  // A failed statement may already have ended the transaction (disk full, I/O error); ROLLBACK
  // then fails harmlessly.
  (void)store_->db_->Rollback();
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
    if (Status st = insert.Step(&row); !st.ok()) return Fail(st.WithContext(where()));
    if (!row) return Fail(Status::Internal(where() + ": INSERT ... RETURNING gave no row"));
    body_id = insert.ColumnInt(0);
    insert.Reset();
  }

  Stmt& rec = stmts_->insert_record;
  rec.Reset();
  rec.Bind(1, version_id_).Bind(2, entity.id).Bind(3, body_id);
  if (Status st = rec.Step(); !st.ok()) {
    // The primary key (version, entity id) is the only constraint this insert can break: its
    // version's foreign key is checked at commit.
    if (st.code() == Status::Code::kInvalidInput) {
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
  Db* db = store_->db_.get();
  if (!db->InTransaction()) {
    // The database ended the transaction itself after an error we did not see: committing now would
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
  v.imported_at = UtcIso(std::time(nullptr));
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
                    ") VALUES(?, ?, ?, ?, ?, ?, ?, ?)";
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
  if (Status st = db->Commit().WithContext(where); !st.ok()) {
    Abandon();
    return Fail(st);
  }
  open_ = false;
  store_->open_import_ = nullptr;
  if (version != nullptr) *version = std::move(v);
  return Status::Ok();
}

Status Store::Open(const std::string& target, std::unique_ptr<Store>* out) {
  return Open(target, StoreOptions(), out);
}

Status Store::Open(const std::string& target, const StoreOptions& options,
                   std::unique_ptr<Store>* out) {
  std::unique_ptr<Db> db;
  // A URL may hold a password: errors name the store by what follows its last '@'.
  const std::string where = IsPostgresUrl(target) ? target.substr(target.rfind('@') + 1) : target;
  if (IsPostgresUrl(target)) {
#ifdef INTERDICT_HAVE_POSTGRES
    INTERDICT_RETURN_IF_ERROR(OpenPostgresDb(target, options, &db));
#else
    return Status::InvalidInput(
        "cannot open store " + where +
        ": this build has no PostgreSQL support: install libpq-dev and rebuild");
#endif
  } else {
    INTERDICT_RETURN_IF_ERROR(OpenSqliteDb(target, options, &db));
  }
  if (options.read_only) {
    INTERDICT_RETURN_IF_ERROR(CheckCurrentSchema(db.get(), where));
  } else {
    INTERDICT_RETURN_IF_ERROR(MigrateSchema(db.get(), where));
  }
  out->reset(new Store(std::move(db)));
  return Status::Ok();
}

Store::Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}

Store::~Store() {
  // An import still open when its store closes is rolled back now and made inert.
  if (Import* import = open_import_; import != nullptr) {
    import->Abandon();
    import->store_ = nullptr;
  }
}

Status Store::Checkpoint() {
  // PostgreSQL checkpoints on its own; a client has nothing to do.
  if (db_->backend() != DbBackend::kSqlite) return Status::Ok();
  return CheckpointSqliteDb(db_.get());
}

bool Store::LastErrorBusy() const { return db_->LastErrorBusy(); }

Status Store::FindCurrentWithHash(const std::string& source, const std::string& content_sha256,
                                  bool* found, ListVersion* version) {
  ListVersion v;
  INTERDICT_RETURN_IF_ERROR(NewestVersion(db_.get(), source, found, &v));
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
  if (Status st = db_->BeginWrite(); !st.ok())
    return st.WithContext("cannot start import of " + source + " (another import running?)");
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
  INTERDICT_RETURN_IF_ERROR(QueryInt(db_.get(), "SELECT coalesce(max(id), 0) + 1 FROM list_version",
                                     &import->version_id_));
  import->stmts_ = std::make_unique<Import::Statements>();
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_.get(), "SELECT id FROM record_body WHERE digest = ?",
                                          &import->stmts_->find_body));
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db_.get(), "INSERT INTO record_body(digest, body) VALUES(?, ?) RETURNING id",
                    &import->stmts_->insert_body));
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db_.get(), "INSERT INTO version_record(version_id, entity_id, body_id) VALUES(?, ?, ?)",
      &import->stmts_->insert_record));
  *out = std::move(import);
  return Status::Ok();
}

Status Store::ListVersions(const std::string& source, std::vector<ListVersion>* out) {
  out->clear();
  Stmt stmt;
  std::string sql = std::string("SELECT ") + kVersionColumns + " FROM list_version" +
                    (source.empty() ? "" : " WHERE source = ?") + " ORDER BY id";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_.get(), sql, &stmt));
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
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_.get(), sql, &stmt));
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
  std::string sql = std::string("SELECT ") + kVersionColumns + " FROM list_version WHERE id = ?";
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db_.get(), sql, &stmt));
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
      db_.get(),
      "SELECT r.entity_id, b.body FROM version_record r JOIN record_body b ON b.id = r.body_id "
      "WHERE r.version_id = ? ORDER BY r.entity_id",
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
        db_.get(),
        "SELECT r.version_id, b.body FROM version_record r JOIN record_body b ON b.id = r.body_id "
        "WHERE r.version_id = ? AND r.entity_id = ?",
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
        Stmt::Prepare(db_.get(),
                      "SELECT v.id, b.body FROM list_version v "
                      "JOIN version_record r ON r.version_id = v.id AND r.entity_id = ? "
                      "JOIN record_body b ON b.id = r.body_id "
                      "WHERE v.source = ? ORDER BY v.id DESC LIMIT 1",
                      &stmt));
    stmt.Bind(1, entity_id).Bind(2, source);
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) {
      int64_t versions = 0;
      Stmt count;
      INTERDICT_RETURN_IF_ERROR(
          Stmt::Prepare(db_.get(), "SELECT count(*) FROM list_version WHERE source = ?", &count));
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
      db_.get(),
      "SELECT a.entity_id AS eid, a.body_id, b.body_id FROM version_record a "
      "LEFT JOIN version_record b ON b.version_id = ? AND b.entity_id = a.entity_id "
      "WHERE a.version_id = ? AND (b.body_id IS NULL OR a.body_id <> b.body_id) "
      "UNION ALL "
      "SELECT b.entity_id, NULL, b.body_id FROM version_record b WHERE b.version_id = ? "
      "AND NOT EXISTS (SELECT 1 FROM version_record a WHERE a.version_id = ? "
      "AND a.entity_id = b.entity_id) "
      "ORDER BY eid",
      &stmt));
  stmt.Bind(1, to).Bind(2, from).Bind(3, to).Bind(4, from);
  Stmt body;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db_.get(), "SELECT body FROM record_body WHERE id = ?", &body));
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
