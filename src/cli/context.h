// What every `interdict` command shares: where the store and the data files are, and how errors
// reach the user. Commands return a process exit code: 0 success, 1 failure (the message already
// printed to stderr), 2 bad usage.
#pragma once

#include <string>

#include "core/status.h"

namespace interdict::cli {

struct Context {
  std::string db_path;   // --db, $INTERDICT_DB, ./interdict.db
  std::string data_dir;  // --data-dir, $INTERDICT_DATA_DIR, the source tree's data/
  // Who acts, for commands that change case data (alerts, rules, customers, users) and for the
  // audit log: --user, $INTERDICT_USER; empty when neither is given.
  std::string user;
};

// Prints "interdict: <message>" to stderr and returns 1 (or 2 for kInvalidInput from usage).
int Fail(const Status& status);

// Prints "interdict: <message>" to stderr and returns 2.
int UsageError(const std::string& message);

}  // namespace interdict::cli
