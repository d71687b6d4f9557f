#include "server/store_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "store/db.h"

namespace interdict::server {

Status StoreFile::Remember() {
  // A PostgreSQL store is no file that can be swapped under the server: nothing to remember.
  if (IsPostgresUrl(path_)) return Status::Ok();
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0)
    return Status::IoError(path_ + ": cannot read the store file: " + std::strerror(errno));
  dev_ = static_cast<uint64_t>(st.st_dev);
  ino_ = static_cast<uint64_t>(st.st_ino);
  known_ = true;
  return Status::Ok();
}

bool StoreFile::Replaced() const {
  if (!known_) return false;
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) return true;
  return static_cast<uint64_t>(st.st_dev) != dev_ || static_cast<uint64_t>(st.st_ino) != ino_;
}

std::string StoreFile::ReplacedMessage() const {
  return path_ +
         " was replaced under the server (another file, or none, is at the path now): "
         "stop the server, remove " +
         path_ + "-wal and " + path_ + "-shm (the old file's), and start it again";
}

}  // namespace interdict::server
