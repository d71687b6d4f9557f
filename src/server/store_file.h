// StoreFile: notices that the store file was replaced under an open connection
// (`mv new.db lists.db`, a restore from backup). A connection keeps the file it opened, by then
// unlinked: reads from it see lists that never change again, and writes to it (audit records)
// vanish with it.
//
// Reopening the path is no cure while the server runs: SQLite leaves the old file's WAL and
// shared-memory files ("lists.db-wal", "-shm", named after the path) beside the new file, and a
// connection to the new file reads the old file's pages from them (tried: a table of the old
// file shows through). So the owners of connections stop using them and say why; the cure is
// a restart after removing those two files (docs/api.md).
//
// Not thread-safe: one per connection, used by the connection's thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace interdict::server {

class StoreFile {
 public:
  explicit StoreFile(std::string path) : path_(std::move(path)) {}

  // Remembers the file now at the path (call right after opening it).
  Status Remember();
  // Whether the path names another file than the one remembered, or none. False before the
  // first Remember().
  bool Replaced() const;
  // "<path> was replaced under the server ...": what a replaced file means for the operator.
  std::string ReplacedMessage() const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool known_ = false;
  uint64_t dev_ = 0;
  uint64_t ino_ = 0;
};

}  // namespace interdict::server
