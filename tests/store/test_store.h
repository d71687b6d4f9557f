// The store the store and monitor suites run against: by default a SQLite file at the path the
// test chose (in its own temporary directory); when the environment variable
// INTERDICT_TEST_PG_URL holds a PostgreSQL URL (postgresql://...), a schema of that database
// named after the path instead, so that the same suites run on both backends. Opening the same
// path again, in this process or a forked child, opens the same schema; a new temporary path
// gets a fresh one.
//
// Tests of what only a file can do (a replaced or read-only file, a file of another
// application) open the file with Store::Open directly.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"
#ifdef INTERDICT_HAVE_POSTGRES
#include "store/db_postgres.h"
#endif

namespace interdict {

// INTERDICT_TEST_PG_URL, or "" when the suites run on SQLite.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv("INTERDICT_TEST_PG_URL");
  return url == nullptr ? std::string() : std::string(url);
}

#ifdef INTERDICT_HAVE_POSTGRES
// Creates a schema no test has used in the database at `base_url` and returns a URL whose
// connections work in it (their search_path). A schema, not a database: CREATE DATABASE copies a
// template and costs a few hundred milliseconds a test store, a schema almost nothing.
inline Status FreshPostgresDatabase(const std::string& base_url, std::string* url) {
  std::random_device random;
  std::string name = "interdict_test_" + std::to_string(getpid()) + "_" + std::to_string(random()) +
                     std::to_string(random());
  std::unique_ptr<Db> admin;
  INTERDICT_RETURN_IF_ERROR(OpenPostgresDb(base_url, StoreOptions(), &admin));
  INTERDICT_RETURN_IF_ERROR(admin->Exec("CREATE SCHEMA " + name));
  *url = base_url + (base_url.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + name;
  return Status::Ok();
}
#endif

inline Status OpenTestStore(const std::string& path, const StoreOptions& options,
                            std::unique_ptr<Store>* out) {
  const std::string url = TestPostgresUrl();
  if (url.empty()) return Store::Open(path, options, out);
  uint64_t h = 14695981039346656037ull;  // FNV-1a of the path: a stable, fresh-per-path name
  for (char c : path) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char schema[32];
  std::snprintf(schema, sizeof schema, "t_%016llx", static_cast<unsigned long long>(h));
#ifdef INTERDICT_HAVE_POSTGRES
  std::unique_ptr<Db> admin;
  INTERDICT_RETURN_IF_ERROR(OpenPostgresDb(url, options, &admin));
  // Processes opening the same new store at once race to create its schema: IF NOT EXISTS
  // still fails for the loser of that race, whose next try finds the schema there.
  Status created;
  for (int attempt = 0; attempt < 3; ++attempt) {
    created =
        Exec(admin.get(), std::string("CREATE SCHEMA IF NOT EXISTS ") + schema, "test schema");
    if (created.ok()) break;
  }
  INTERDICT_RETURN_IF_ERROR(created);
#endif
  // Without PostgreSQL support Store::Open refuses the URL, saying why.
  const std::string sep = url.find('?') == std::string::npos ? "?" : "&";
  return Store::Open(url + sep + "options=-csearch_path%3D" + schema, options, out);
}

inline Status OpenTestStore(const std::string& path, std::unique_ptr<Store>* out) {
  return OpenTestStore(path, StoreOptions(), out);
}

}  // namespace interdict
