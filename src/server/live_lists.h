// LiveLists: the lists the server screens against, replaced while it serves when a new list
// version lands in the store.
//
// A watcher thread polls the store every poll_interval. When the newest version of any source
// differs from what is loaded, it builds a new Snapshot and Matcher on that thread (off the
// request path) and swaps them in atomically. A request takes the current ServingLists once and
// keeps it (a shared_ptr) to the end, so it screens against one consistent set of lists even if a
// swap happens meanwhile; the old set is freed when its last request finishes.
//
// A failed load (a damaged store, a record that does not decode) keeps the previous lists in
// service and is retried at the next poll; it is counted and its message kept for the log.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/country.h"
#include "index/snapshot.h"
#include "index/token_stats.h"
#include "match/matcher.h"
#include "normalize/normalizer.h"
#include "scan/common_words.h"
#include "scan/jurisdictions.h"
#include "scan/scanner.h"
#include "store/store.h"

namespace interdict::server {

// What free-text scanning needs besides the lists; when given to LiveLists, every loaded set of
// lists gets a Scanner too. Must outlive the LiveLists.
struct ScanResources {
  const JurisdictionTable* jurisdictions = nullptr;
  const CommonWords* common = nullptr;
};

// Per-thread working memory, reused: one per concurrently working thread is ever created.
template <typename T>
class SessionPool {
 public:
  // A session for the calling thread's exclusive use until the lease is destroyed.
  class Lease {
   public:
    Lease(const SessionPool* pool, std::unique_ptr<T> s) : pool_(pool), session_(std::move(s)) {}
    ~Lease() { pool_->Return(std::move(session_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    T* get() const { return session_.get(); }

   private:
    const SessionPool* pool_;
    std::unique_ptr<T> session_;
  };
  template <typename Make>
  Lease Take(Make make) const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<T> s = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(s));
      }
    }
    return Lease(this, make());
  }

 private:
  void Return(std::unique_ptr<T> s) const {
    if (s == nullptr) return;
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<T>> free_;
};

// One loaded set of lists and what screening against it needs. Immutable but for the session
// pools, which are internally synchronised.
class ServingLists {
 public:
  // Builds the matcher, and the scanner when `scan` has its resources (scan may be null).
  static Status Make(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                     const TokenStats& stats, const CountryTable& countries,
                     const ScanResources* scan, std::shared_ptr<const ServingLists>* out);

  const Snapshot& snapshot() const { return matcher_.snapshot(); }
  const Matcher& matcher() const { return matcher_; }
  const Scanner* scanner() const { return scanner_.get(); }  // null: scanning not configured
  const CountryTable& countries() const { return countries_; }
  std::chrono::system_clock::time_point loaded_at() const { return loaded_at_; }

  using Lease = SessionPool<Matcher::Session>::Lease;
  using ScanLease = SessionPool<Scanner::Session>::Lease;
  Lease Session() const;
  ScanLease ScanSession() const;  // requires scanner()

 private:
  ServingLists(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
               const TokenStats& stats, const CountryTable& countries);
  Matcher matcher_;
  const CountryTable& countries_;
  std::unique_ptr<Scanner> scanner_;
  std::chrono::system_clock::time_point loaded_at_;
  SessionPool<Matcher::Session> sessions_;
  SessionPool<Scanner::Session> scan_sessions_;
};

class LiveLists {
 public:
  // The normalizer, stats and countries must outlive this object.
  LiveLists(std::string db_path, const NameNormalizer& normalizer, const TokenStats& stats,
            const CountryTable& countries, ScanResources scan = {});
  ~LiveLists();  // Stop()
  LiveLists(const LiveLists&) = delete;
  LiveLists& operator=(const LiveLists&) = delete;

  // Starts the watcher: a first load at once, then a check every `poll_interval`.
  void Start(std::chrono::milliseconds poll_interval);
  void Stop();

  // The lists in service; null until the first successful load.
  std::shared_ptr<const ServingLists> Current() const {
    std::lock_guard<std::mutex> lock(current_mu_);
    return current_;
  }

  // Loads the newest versions if they differ from those in service. *changed says whether a swap
  // happened. The watcher calls this; tests may too (not concurrently with the watcher).
  Status CheckNow(bool* changed);

  // Puts `lists` in service (tests, and servers built on in-memory snapshots).
  void Set(std::shared_ptr<const ServingLists> lists);

  uint64_t reloads() const { return reloads_.load(); }  // swaps, the first load included
  uint64_t failures() const { return failures_.load(); }
  std::string last_error() const;

 private:
  void Loop(std::chrono::milliseconds poll_interval);

  const std::string db_path_;
  const NameNormalizer& normalizer_;
  const TokenStats& stats_;
  const CountryTable& countries_;
  const ScanResources scan_;
  std::unique_ptr<Store> store_;  // the watcher's own connection, opened on first use
  // The swap is a shared_ptr exchanged under a mutex held for a pointer copy. (libstdc++ 12's
  // std::atomic<std::shared_ptr> releases its internal lock with relaxed ordering after a load,
  // which ThreadSanitizer reports as a data race.)
  mutable std::mutex current_mu_;
  std::shared_ptr<const ServingLists> current_;
  std::atomic<uint64_t> reloads_{0};
  std::atomic<uint64_t> failures_{0};

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace interdict::server
