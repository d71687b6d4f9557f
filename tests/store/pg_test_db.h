// Test support for the PostgreSQL backend: a fresh, empty schema on the server named by
// $INTERDICT_TEST_PG_URL (scripts/pg_throwaway.sh starts one and sets it), so that each test
// store sees no other test's data.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "store/db.h"
#include "store/db_postgres.h"
#include "store/store.h"

namespace interdict {

// The server to test against, or empty when $INTERDICT_TEST_PG_URL is not set.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv("INTERDICT_TEST_PG_URL");
  return url != nullptr ? url : "";
}

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

}  // namespace interdict
