// The PostgreSQL side of db.h (db_postgres.cc, built with -DINTERDICT_POSTGRES=ON). Internal to
// src/store: the modules see only Db.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

// Connects to the PostgreSQL server at the libpq connection URL `url` (IsPostgresUrl).
Status OpenPostgresDb(const std::string& url, const StoreOptions& options, std::unique_ptr<Db>* out);

}  // namespace interdict
