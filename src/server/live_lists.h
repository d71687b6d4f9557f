// LiveLists: the lists the server screens against, replaced while it serves when a new list
// version lands in the store.
//
// A watcher thread polls the store every poll_interval. When the newest version of any source
// differs from what is loaded, it builds a new Snapshot and Matcher on that thread (off the
// request path) and swaps them in atomically. A request takes the current ServingLists once and
// keeps it (a shared_ptr) to the end, so it screens against one consistent set of lists even if a
// swap happens meanwhile; the old set is freed when its last request finishes.
//
// A failed load (a damaged store, a record that does not decode, a rebuild over its time budget)
// keeps the previous lists in service and is retried at the next poll; it is counted by reason and
// its message kept for the log and /readyz. Readiness does not trust the lists in service to be
// the newest: NotReadyReasons() names newer versions that have waited too long, whatever holds
// them up (a failing or slow build, a watcher that cannot read the store).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
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
#include "server/store_file.h"
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

// How LiveLists keeps up with the store.
struct ReloadOptions {
  std::chrono::milliseconds poll_interval{5000};
  // A rebuild (reading the records, indexing them) still running after this long is abandoned
  // and counted as a failure ("over_budget"); the same versions are tried again no sooner than
  // one budget later, so that a list that cannot be built in time takes at most half a core.
  // 0 = no budget.
  std::chrono::milliseconds rebuild_budget{0};
  // NotReadyReasons() reports the lists as stale when the newest versions in the store have
  // waited longer than this to be put in service, or the store has not been read for this long
  // (plus a poll interval). 0 = never.
  std::chrono::milliseconds max_reload_lag{0};
  // How long Stop() waits for the watcher. A rebuild stuck inside one record notices nothing
  // until that record is done (see Snapshot::Check).
  std::chrono::milliseconds stop_wait{10000};
  // Called at every check of a rebuild with the versions being built (tests: a slow or stuck
  // build on demand).
  std::function<void(const std::vector<ListVersion>&)> on_build_step;
  // Called on the watcher thread after CheckNow put new lists in service (the first load
  // included): `serve` starts a monitoring run (monitor_runner.h). Must not block.
  std::function<void()> on_new_lists;
};

class LiveLists {
 public:
  // Why a reload failed, for /metrics.
  enum class Failure { kStore, kLoad, kOverBudget };
  static constexpr int kFailureKinds = 3;
  static const char* FailureName(Failure f);  // "store", "load", "over_budget"

  // The normalizer, stats and countries must outlive this object.
  LiveLists(std::string db_path, const NameNormalizer& normalizer, const TokenStats& stats,
            const CountryTable& countries, ScanResources scan = {}, ReloadOptions options = {});
  ~LiveLists();  // Stop(), then waits for the watcher however long it takes
  LiveLists(const LiveLists&) = delete;
  LiveLists& operator=(const LiveLists&) = delete;

  // Starts the watcher: a first load at once, then a check every poll_interval.
  void Start();
  // Stops the watcher: a rebuild in progress is abandoned at its next check (between records or
  // names). Returns false when the watcher has not ended within stop_wait (a rebuild stuck inside
  // one record): it goes on, and the destructor waits for it. A process that must end now
  // (SIGTERM) exits without destroying this object (ServeUntilSignal does).
  bool Stop();

  // The lists in service; null until the first successful load.
  std::shared_ptr<const ServingLists> Current() const {
    std::lock_guard<std::mutex> lock(current_mu_);
    return current_;
  }

  // Loads the newest versions if they differ from those in service. *changed says whether a
  // swap happened. Once the store file is replaced under it (StoreFile), it loads nothing more,
  // fails, and NotReadyReasons() says so. A failure is counted and kept (last_error()). The watcher
  // calls this; tests may too (not concurrently with the watcher).
  Status CheckNow(bool* changed);

  // Puts `lists` in service (tests, and servers built on in-memory snapshots).
  void Set(std::shared_ptr<const ServingLists> lists);

  uint64_t reloads() const { return reloads_.load(); }  // swaps, the first load included
  uint64_t failures() const;
  uint64_t failures(Failure kind) const;
  std::string last_error() const;

  // When `interdict update` last fetched `source` and found it good (applied, or unchanged): UTC,
  // ISO 8601, as the store's fetch state holds it; "" when never (or not read yet). Read from the
  // store at each check, so that a list the updater confirms unchanged is not reported stale.
  std::string LastFetched(const std::string& source) const;

  // Why the lists in service cannot be trusted to be the newest (see max_reload_lag, and a
  // replaced store file); empty when they can.
  std::vector<std::string> NotReadyReasons() const;
  // interdict_list_versions_pending, interdict_list_reload_lag_seconds and
  // interdict_list_reload_failures_total{reason}.
  void RenderMetrics(std::string* out) const;

 private:
  using Clock = std::chrono::steady_clock;
  void Loop();
  Status Reload(const std::vector<ListVersion>& latest, Failure* kind);
  Status OpenStore();
  void NotePending(const std::vector<ListVersion>& latest);
  void NoteFailure(Failure kind, const Status& st);
  bool Stopping() const { return stop_requested_.load(); }

  const std::string db_path_;
  const NameNormalizer& normalizer_;
  const TokenStats& stats_;
  const CountryTable& countries_;
  const ScanResources scan_;
  const ReloadOptions options_;
  // The watcher's own connection, opened on first use, and the file it opened. Watcher thread
  // only.
  std::unique_ptr<Store> store_;
  StoreFile store_file_;
  std::vector<ListVersion> over_budget_;  // versions abandoned over budget, and until when
  Clock::time_point over_budget_until_;   // they are not tried again
  // The swap is a shared_ptr exchanged under a mutex held for a pointer copy. (libstdc++ 12's
  // std::atomic<std::shared_ptr> releases its internal lock with relaxed ordering after a load,
  // which ThreadSanitizer reports as a data race.)
  mutable std::mutex current_mu_;
  std::shared_ptr<const ServingLists> current_;
  std::atomic<uint64_t> reloads_{0};
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> replaced_{false};  // the store file was replaced: nothing more is loaded

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool exited_ = false;  // the watcher's loop has returned
  std::string last_error_;
  std::map<std::string, std::string> last_fetched_;  // source -> SourceFetchState::last_success
  uint64_t failures_[kFailureKinds] = {};
  Clock::time_point last_read_;      // the store's versions last read successfully
  bool pending_ = false;             // the store has newer versions than those in service
  Clock::time_point pending_since_;  // since when (as first seen)
  std::string pending_what_;         // "us-ofac-sdn v3, un-sc v4"
  size_t pending_count_ = 0;         // sources whose newest version is not in service
  std::thread thread_;
};

}  // namespace interdict::server
