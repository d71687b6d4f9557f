// The SQLite side of db.h: a store kept in one file, in WAL mode. Internal to src/store: the
// modules see only Db.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

// Opens (creating unless options.read_only) the SQLite file at `path`, with the busy timeout,
// and, unless read-only, in WAL mode with synchronous=NORMAL, foreign keys on and the given
// auto-checkpoint. InvalidInput when the file is not a SQLite database. The schema is the
// caller's business (migrations.h).
Status OpenSqliteDb(const std::string& path, const StoreOptions& options, std::unique_ptr<Db>* out);

// Copies what it can of the WAL of a database opened by OpenSqliteDb into its file without
// waiting for, or blocking, other connections (SQLite's PASSIVE checkpoint).
Status CheckpointSqliteDb(Db* db);

}  // namespace interdict
