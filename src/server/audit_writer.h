// AuditWriter: writes audit records (store/audit.h) to the store from a queue, on its own thread
// and its own SQLite connection, a batch per transaction, so that request threads never wait for
// SQLite and never contend for its write lock.
//
// Fail closed: when the queue is full, when the oldest queued record has waited longer than
// max_backlog (the store's write lock held by another connection, a slow disk), or when the last
// write failed (disk full, a damaged store), Submit refuses the record and the server answers the
// screening request with 503 instead of screening unaudited. A failed batch is kept and retried;
// once a write succeeds and the backlog is under its bound, Submit accepts again. A write that
// only found the store locked by another connection (an import holds the write lock for its whole
// duration) is retried without counting as a failure: records wait in the queue until it, or the
// max_backlog bound, fills.
//
// A store file replaced under the server (`mv`, StoreFile) is noticed before the next batch (and
// within a second when idle) and counts as a failed write: screening is refused rather than
// recorded into the unlinked file. Only a batch being written at that moment goes there.
//
// A record is in the store a few milliseconds (the linger, plus the write) after Submit; records
// still queued when the process is killed are lost (a clean stop writes them all: Close()), so
// max_backlog bounds what a crash can lose. WAL checkpoints run on a thread and connection of
// their own, so that their fsyncs never stall the writer.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/store_file.h"
#include "store/audit.h"
#include "store/store.h"

namespace interdict::server {

struct AuditWriterOptions {
  size_t queue_capacity = 10000;
  size_t max_batch = 1000;
  // How long the first record of a batch waits for others before they are written together.
  std::chrono::milliseconds linger{5};
  // How long one write waits for another connection's write lock (an import) before it fails
  // and is retried.
  int busy_timeout_ms = 10000;
  // The longest a queued record may wait for its write before Submit refuses (see above).
  std::chrono::milliseconds max_backlog{1000};
};

class AuditWriter {
 public:
  // Opens its own connection to the store at `db_path` and starts the writer thread.
  static Status Start(const std::string& db_path, const AuditWriterOptions& options,
                      std::unique_ptr<AuditWriter>* out);
  ~AuditWriter();  // Close()
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues `record`; false when the queue is full, backlogged or writing is failing (see above).
  // A refusal is counted in refused().
  bool Submit(AuditRecord record);

  // Whether Submit would accept a record now; a "no" is counted in refused(), as the caller
  // refuses its request for it.
  bool Admit();

  // Writes everything queued (retrying a failing write for up to `timeout`), then stops the
  // thread. Returns the last write error, if any remains. Idempotent.
  Status Close(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

  // Writes succeed and the backlog is within its bound.
  bool healthy() const { return Problem().empty(); }
  // Why records cannot be taken now, for /readyz; "" when they can.
  std::string Problem() const;
  uint64_t written() const { return written_.load(); }
  uint64_t refused() const { return refused_.load(); }
  uint64_t write_failures() const { return failures_.load(); }
  size_t queued() const;

 private:
  AuditWriter(std::string db_path, std::unique_ptr<Store> store,
              std::unique_ptr<Store> checkpoint_store, const AuditWriterOptions& options);
  struct Queued {
    AuditRecord record;
    std::chrono::steady_clock::time_point at;  // when submitted
  };
  void Loop();
  void CheckpointLoop();
  // Whether Submit must refuse; mu_ held.
  bool RefusingLocked(std::chrono::steady_clock::time_point now) const;

  std::unique_ptr<Store> store_;             // the writer thread's only
  StoreFile store_file_;                     // the file store_ has open
  std::unique_ptr<Store> checkpoint_store_;  // the checkpointer thread's only
  const AuditWriterOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Queued> queue_;
  bool closing_ = false;
  std::chrono::steady_clock::time_point close_deadline_;
  Status last_error_;
  std::atomic<bool> healthy_{true};
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> failures_{0};
  std::thread thread_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_stop_ = false;
  std::thread checkpointer_;
};

}  // namespace interdict::server
