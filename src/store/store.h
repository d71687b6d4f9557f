// Store: the versioned, persistent home of imported lists: a SQLite file (WAL mode) or a
// PostgreSQL database (db.h has the connection; both hold the same schema and behave the same).
//
// Every successful import of a source is a list version: immutable, numbered per store, with the
// source name, the publisher's publication date (when the file states one), the SHA-256 of the
// input files, record counts and the import time. Importing content whose hash equals the newest
// version of that source creates no new version.
//
// Atomicity: an import is one database transaction. Until Commit() returns ok nothing of it is
// visible, and a failed parse, an abandoned Import (destroyed without Commit) or a killed process
// leaves the store exactly as it was.
//
// Durability: the store runs in WAL mode with synchronous=NORMAL. A crash of the process (kill,
// abort) loses nothing that Commit() reported as committed: the commit is in the OS's page cache.
// A power loss or OS crash may lose the most recent commits, but never corrupts the store or
// leaves part of an import: it reopens at an earlier committed state. Imports can be re-run, so
// that trade (no fsync per commit) is the right one.
//
// Versions are immutable: the API has no way to change or delete one, and the schema's triggers
// refuse UPDATE and DELETE on them. Record bodies are kept once per distinct content, so a version
// that repeats most of the previous one's records costs little space.
//
// Thread-safety: a Store is used by one thread at a time. Several processes may open the same file;
// the database serialises writers.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/entity.h"
#include "core/status.h"
#include "store/list_version.h"
#include "store/shrink_guard.h"

namespace interdict {

class Db;

// One record that differs between two versions, with the top-level fields that changed
// ("names", "birth_dates", "addresses", ...).
struct RecordChange {
  std::string entity_id;
  std::vector<std::string> fields;
};

struct VersionDiff {
  std::vector<std::string> added;     // entity ids, sorted
  std::vector<std::string> removed;   // entity ids, sorted
  std::vector<RecordChange> changed;  // sorted by entity id
};

class Store;

// How a Store connection behaves; the defaults suit a command-line process.
struct StoreOptions {
  // How long a statement waits for another connection's lock before failing with IoError
  // ("database is locked"). Imports hold the write lock for their whole duration.
  int busy_timeout_ms = 10000;
  // Opens the existing file without writing to it: no schema migration (a store at an older
  // schema is refused with a message saying so), no journal-mode change, and every write fails.
  // For readers that must never change what they read (`interdict audit verify`).
  bool read_only = false;
  // After a commit leaves the WAL at this many pages or more, the committing connection copies
  // it into the database file (SQLite's auto-checkpoint, fsyncs included). 0 disables it: the
  // owner then calls Store::Checkpoint() itself, from a thread where the stall does not matter.
  int wal_autocheckpoint_pages = 1000;
};

// An import in progress. Add records, then Commit. Destroying it without Commit rolls back.
// After any error from Add or Commit the import is dead: every later call returns an error and
// only destruction (which rolls back) remains, so a partial list can never be committed.
// Closing the Store first also rolls the import back.
class Import {
 public:
  ~Import();
  Import(const Import&) = delete;
  Import& operator=(const Import&) = delete;

  // Adds one record. Its id must be "<source>:<...>" and its `source` the import's source. Two
  // records with the same id in one import are an error.
  Status Add(const Entity& entity);

  // Makes the version visible. `published` and `files` are recorded as given. An import with no
  // records is refused (an empty list file is a broken download far more often than a list), and
  // so is one that the shrink guard (shrink_guard.h) refuses against the newest version of the
  // source: the guard runs under the write lock this import holds, so no other import can commit
  // between the check and this commit. On success *version (may be null) describes the new
  // version.
  //
  // The commit appends a "list.import" event to the audit chain (audit_chain.h) in the same
  // transaction, naming `who` (SetActor) as the importer.
  Status Commit(const std::string& published, const std::vector<std::string>& files,
                ListVersion* version, const ShrinkLimit& shrink = ShrinkLimit());

  // Who the audit chain names as importing: a user name, or "system:<part>" (the default,
  // "system:import").
  void SetActor(std::string who) { who_ = std::move(who); }

 private:
  friend class Store;
  struct Statements;
  Import(Store* store, std::string source, std::string content_sha256);
  Status CheckUsable() const;
  Status Fail(Status status);  // records `status` as the import's failure and returns it
  void Abandon();              // rolls back; requires open_ and store_ != nullptr
  Store* store_;               // null once the store has closed
  std::string source_;
  std::string content_sha256_;
  std::string who_ = "system:import";
  int64_t version_id_ = 0;
  int64_t count_ = 0;
  std::map<std::string, int64_t> schema_counts_;
  bool open_ = false;
  Status failure_;
  std::unique_ptr<Statements> stmts_;
};

class Store {
 public:
  // Opens (creating if needed) the store at `target`, migrating its schema. `target` is a file
  // path (SQLite) or a PostgreSQL connection URL (IsPostgresUrl in db.h: postgresql://...).
  // The default is the caller's business: the CLI uses --db, then $INTERDICT_DB, then
  // ./interdict.db. InvalidInput when the file is not SQLite, the database is another
  // application's, it was written by a newer Interdict (its schema version is above the one
  // this build knows), or `target` is a URL and this build has no PostgreSQL support.
  static Status Open(const std::string& target, std::unique_ptr<Store>* out);
  static Status Open(const std::string& target, const StoreOptions& options,
                     std::unique_ptr<Store>* out);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The newest version of `source` whose content hash is `content_sha256`, if that is the newest
  // version of the source. *found is false otherwise. Read without the write lock: an import
  // may commit right after; BeginImport checks again under the lock.
  Status FindCurrentWithHash(const std::string& source, const std::string& content_sha256,
                             bool* found, ListVersion* version);

  // Starts an import of `source`. Only one import may be open per Store. Takes the store's write
  // lock until the import ends; an import in another process makes this wait, then fail with
  // IoError after a timeout (10 s).
  //
  // Under that lock it checks whether the newest version of `source` already has
  // `content_sha256` (so two identical imports started together make one version, not two). If
  // so, no import starts: *out is null, the lock is released, and the result is ok with that
  // version in *unchanged when `unchanged` is given, else an InvalidInput error saying so.
  Status BeginImport(const std::string& source, const std::string& content_sha256,
                     std::unique_ptr<Import>* out, ListVersion* unchanged = nullptr);

  // All versions, oldest first; or of one source when `source` is not empty.
  Status ListVersions(const std::string& source, std::vector<ListVersion>* out);
  // The newest version of each source, ordered by source name.
  Status LatestVersions(std::vector<ListVersion>* out);
  Status GetVersion(int64_t id, ListVersion* out);

  // Every record of a version, in entity-id order.
  Status ReadRecords(int64_t version_id, const std::function<Status(Entity&&)>& sink);
  // One record: from the newest version of its source that holds it (`version_id` 0) or from the
  // given version. NotFound when absent; InvalidInput when `version_id` is 0 and the id has no
  // "<source>:" prefix. `from_version` may be null.
  Status GetEntity(const std::string& entity_id, int64_t version_id, Entity* out,
                   ListVersion* from_version);

  // Records added, removed and changed from version `from` to version `to` (same source).
  // NotFound when either version does not exist, InvalidInput when their sources differ. A
  // record's fields are the top-level keys of its JSON form (entity_json.h), so a field that is
  // present on one side only is a changed field.
  Status Diff(int64_t from, int64_t to, VersionDiff* out);

  // Copies what it can of the WAL into the database file without waiting for, or blocking,
  // other connections (SQLite's PASSIVE checkpoint). Nothing to do on PostgreSQL.
  Status Checkpoint();

  // Whether this connection's last failed statement found the store locked by another connection
  // for longer than the busy timeout (an import in progress, typically), rather than failing.
  bool LastErrorBusy() const;

  // The database connection (db.h), for the modules that keep their tables in the store
  // (src/store's audit and fetch state; src/monitor's customer book, alerts and monitoring state).
  // Not for callers outside those: they use the Store methods and the modules' own headers.
  Db* db() { return db_.get(); }

 private:
  friend class Import;
  explicit Store(std::unique_ptr<Db> db);
  std::unique_ptr<Db> db_;
  Import* open_import_ = nullptr;
};

}  // namespace interdict
