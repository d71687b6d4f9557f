#include "server/audit_writer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace interdict::server {

AuditWriter::AuditWriter(std::string db_path, std::unique_ptr<Store> store,
                         std::unique_ptr<Store> checkpoint_store, const AuditWriterOptions& options)
    : store_(std::move(store)),
      store_file_(std::move(db_path)),
      checkpoint_store_(std::move(checkpoint_store)),
      options_(options) {}

Status AuditWriter::Start(const std::string& db_path, const AuditWriterOptions& options,
                          std::unique_ptr<AuditWriter>* out) {
  // A commit that crosses SQLite's auto-checkpoint threshold runs the checkpoint, fsyncs
  // included, on the committing thread: measured at 100-560 ms on this machine, long enough for
  // the queue to fill under load. This connection never checkpoints; the checkpointer does, on
  // its own connection, without blocking the writer (PASSIVE).
  StoreOptions writer_options;
  writer_options.busy_timeout_ms = options.busy_timeout_ms;
  writer_options.wal_autocheckpoint_pages = 0;
  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(db_path, writer_options, &store).WithContext("audit log"));
  std::unique_ptr<Store> checkpoint_store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(db_path, &checkpoint_store).WithContext("audit log"));
  std::unique_ptr<AuditWriter> w(
      new AuditWriter(db_path, std::move(store), std::move(checkpoint_store), options));
  INTERDICT_RETURN_IF_ERROR(w->store_file_.Remember().WithContext("audit log"));
  // Screening requests come first: the writer's work can wait a few milliseconds, a request's
  // latency cannot. (A failure to lower the priority changes nothing else.)
  auto background = [] { setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10); };
  w->thread_ = std::thread([p = w.get(), background] {
    background();
    p->Loop();
  });
  w->checkpointer_ = std::thread([p = w.get(), background] {
    background();
    p->CheckpointLoop();
  });
  *out = std::move(w);
  return Status::Ok();
}

AuditWriter::~AuditWriter() { Close(); }

bool AuditWriter::RefusingLocked(std::chrono::steady_clock::time_point now) const {
  return closing_ || !healthy_ || queue_.size() >= options_.queue_capacity ||
         (!queue_.empty() && now - queue_.front().at > options_.max_backlog);
}

bool AuditWriter::Admit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!RefusingLocked(std::chrono::steady_clock::now())) return true;
  ++refused_;
  return false;
}

std::string AuditWriter::Problem() const {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (!RefusingLocked(now)) return "";
  if (closing_) return "the audit log is closing";
  if (!healthy_) return "the audit log cannot be written: " + last_error_.message();
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - queue_.front().at).count();
  return "the audit log is behind: " + std::to_string(queue_.size()) +
         " records unwritten, the oldest for " + std::to_string(waited) + " ms" +
         (last_error_.ok() ? "" : " (" + last_error_.message() + ")");
}

bool AuditWriter::Submit(AuditRecord record) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (RefusingLocked(now)) {
      ++refused_;
      return false;
    }
    queue_.push_back({std::move(record), now});
    // The writer waits for the first record of a batch, then for a full batch or the linger.
    if (queue_.size() != 1 && queue_.size() != options_.max_batch) return true;
  }
  cv_.notify_one();
  return true;
}

size_t AuditWriter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

Status AuditWriter::Close(std::chrono::milliseconds timeout) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closing_) {
      closing_ = true;
      close_deadline_ = std::chrono::steady_clock::now() + timeout;
    }
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard<std::mutex> lock(checkpoint_mu_);
    checkpoint_stop_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (!queue_.empty()) {
    return Status::IoError("audit log: " + std::to_string(queue_.size()) +
                           " records could not be written: " + last_error_.message());
  }
  return Status::Ok();
}

void AuditWriter::Loop() {
  std::chrono::milliseconds backoff(50);
  bool failing = false;  // the last attempt failed
  for (;;) {
    std::vector<AuditRecord> batch;
    bool idle = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Idle, it still wakes every second: a replaced store file turns it unhealthy before
      // the next record is acknowledged.
      idle = !cv_.wait_for(lock, std::chrono::seconds(1),
                           [this] { return closing_ || !queue_.empty(); });
      if (idle && !closing_ && healthy_ && store_file_.Replaced()) {
        std::fprintf(stderr, "interdict serve: audit log: %s\n",
                     store_file_.ReplacedMessage().c_str());
        last_error_ = Status::IoError(store_file_.ReplacedMessage());
        healthy_ = false;
      }
    }
    if (idle) continue;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // A transaction per request would cost each screening request a commit's CPU on the same
      // cores: records gather for a few milliseconds into one.
      if (!failing)
        cv_.wait_for(lock, options_.linger,
                     [this] { return closing_ || queue_.size() >= options_.max_batch; });
      if (queue_.empty()) return;
      if (closing_ && failing && std::chrono::steady_clock::now() > close_deadline_) return;
      size_t n = std::min(queue_.size(), options_.max_batch);
      batch.reserve(n);
      for (size_t i = 0; i < n; ++i) batch.push_back(std::move(queue_[i].record));
    }
    // Records written to a replaced (unlinked) file would be lost with it.
    Status st = store_file_.Replaced() ? Status::IoError(store_file_.ReplacedMessage())
                                       : AppendAudit(*store_, &batch);
    std::unique_lock<std::mutex> lock(mu_);
    if (st.ok()) {
      // Only now leave the queue: a failed batch stays at its head, in order, to be retried.
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
      written_ += batch.size();
      if (failing) std::fprintf(stderr, "interdict serve: audit log writable again\n");
      healthy_ = true;
      failing = false;
      last_error_ = Status::Ok();
      backoff = std::chrono::milliseconds(50);
      continue;
    }
    ++failures_;
    failing = true;
    // Only a write that reached SQLite and found it locked; a bad record is a failure.
    const bool busy = st.code() == Status::Code::kIoError && store_->LastErrorBusy();
    if (busy) {
      if (last_error_.message() != st.message())
        std::fprintf(stderr,
                     "interdict serve: audit log waiting for the store's write lock (an import?); "
                     "%zu records queued\n",
                     queue_.size());
    } else {
      if (healthy_ || st.message() != last_error_.message())
        std::fprintf(stderr,
                     "interdict serve: audit log write failed, refusing screening requests: %s\n",
                     st.message().c_str());
      healthy_ = false;
    }
    last_error_ = st;
    // Records were moved out for the attempt: move them back for the retry.
    for (size_t i = 0; i < batch.size(); ++i) queue_[i].record = std::move(batch[i]);
    cv_.wait_for(lock, backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
}

void AuditWriter::CheckpointLoop() {
  // Every second, and once more on the way out, copy the WAL into the database file. PASSIVE
  // neither waits for nor blocks the writer; frames it cannot copy yet are copied next time.
  for (;;) {
    bool stop = false;
    {
      std::unique_lock<std::mutex> lock(checkpoint_mu_);
      stop = checkpoint_cv_.wait_for(lock, std::chrono::seconds(1),
                                     [this] { return checkpoint_stop_; });
    }
    // A failure (the store busy in a way PASSIVE cannot skip) is retried on the next turn.
    (void)checkpoint_store_->Checkpoint();
    if (stop) return;
  }
}

}  // namespace interdict::server
