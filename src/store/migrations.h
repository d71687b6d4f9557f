// The store's schema: its versioned migrations, written once per backend (SQLite, PostgreSQL),
// and the bookkeeping of which version a database holds. Internal to src/store.
#pragma once

#include <string>

#include "core/status.h"
#include "store/db.h"

namespace interdict {

// Brings the database's schema to the version this build writes, in one write transaction taken
// only when there is work to do (so that opening a current store never waits for another process's
// import). InvalidInput, naming `where`, when the database is another application's or was
// written by a newer Interdict.
Status MigrateSchema(Db* db, const std::string& where);

// For a read-only connection, which cannot migrate: InvalidInput unless the database is an
// Interdict store at exactly the version this build writes.
Status CheckCurrentSchema(Db* db, const std::string& where);

}  // namespace interdict
