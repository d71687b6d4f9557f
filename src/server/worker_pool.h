// WorkerPool: a fixed set of threads running jobs from a bounded queue.
//
// The server runs all CPU work (screening, comparing) here, off the network threads. The queue is
// bounded so that overload turns into an immediate "try later" (TrySubmit returns false and the
// caller answers 503) instead of a queue whose waiting time grows without limit.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace interdict::server {

class WorkerPool {
 public:
  // `threads` >= 1 workers; at most `queue_capacity` jobs waiting (not counting running ones).
  WorkerPool(size_t threads, size_t queue_capacity);
  // Runs every job already queued, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (and `job` dropped unrun) when the queue is full or the pool is shutting
  // down. A job must not throw.
  bool TrySubmit(std::function<void()> job);

  // Stops accepting jobs, runs those already queued, joins the threads. Idempotent.
  void Shutdown();

  size_t queued() const;  // jobs waiting now
  size_t threads() const { return threads_.size(); }

 private:
  void Loop();

  const size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace interdict::server
