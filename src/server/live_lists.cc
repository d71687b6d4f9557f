#include "server/live_lists.h"

#include <cstdio>
#include <filesystem>
#include <utility>

#include "server/metrics.h"
#include "store/db.h"
#include "store/fetch_state.h"

namespace interdict::server {

ServingLists::ServingLists(std::shared_ptr<const Snapshot> snapshot,
                           const NameNormalizer& normalizer, const TokenStats& stats,
                           const CountryTable& countries)
    : matcher_(std::move(snapshot), normalizer, stats, countries),
      countries_(countries),
      loaded_at_(std::chrono::system_clock::now()) {}

Status ServingLists::Make(std::shared_ptr<const Snapshot> snapshot,
                          const NameNormalizer& normalizer, const TokenStats& stats,
                          const CountryTable& countries, const ScanResources* scan,
                          std::shared_ptr<const ServingLists>* out) {
  std::shared_ptr<const Snapshot> for_scanner = snapshot;
  std::shared_ptr<ServingLists> lists(
      new ServingLists(std::move(snapshot), normalizer, stats, countries));
  if (scan != nullptr && scan->jurisdictions != nullptr && scan->common != nullptr) {
    // Scanning is one endpoint; screening must not depend on it. A scanner that cannot be built
    // leaves /v1/scan unavailable (501) and the lists in service.
    Status built;
    try {
      built = Scanner::Build(std::move(for_scanner), normalizer, stats, countries,
                             *scan->jurisdictions, *scan->common, &lists->scanner_);
    } catch (const std::exception& e) {
      built = Status::Internal(std::string("exception: ") + e.what());
    }
    if (!built.ok()) {
      lists->scanner_.reset();
      std::fprintf(stderr, "interdict serve: warning: /v1/scan disabled for these lists: %s\n",
                   built.message().c_str());
    }
  }
  *out = std::move(lists);
  return Status::Ok();
}

ServingLists::Lease ServingLists::Session() const {
  return sessions_.Take([this] { return matcher_.NewSession(); });
}

ServingLists::ScanLease ServingLists::ScanSession() const {
  return scan_sessions_.Take([this] { return scanner_->NewSession(); });
}

const char* LiveLists::FailureName(Failure f) {
  switch (f) {
    case Failure::kStore:
      return "store";
    case Failure::kLoad:
      return "load";
    case Failure::kOverBudget:
      return "over_budget";
  }
  return "unknown";
}

LiveLists::LiveLists(std::string db_path, const NameNormalizer& normalizer, const TokenStats& stats,
                     const CountryTable& countries, ScanResources scan, ReloadOptions options)
    : db_path_(db_path),
      normalizer_(normalizer),
      stats_(stats),
      countries_(countries),
      scan_(scan),
      options_(std::move(options)),
      store_file_(std::move(db_path)),
      last_read_(Clock::now()) {}

LiveLists::~LiveLists() {
  Stop();
  if (thread_.joinable()) thread_.join();
}

void LiveLists::Start() {
  thread_ = std::thread([this] { Loop(); });
}

bool LiveLists::Stop() {
  stop_requested_ = true;
  std::unique_lock<std::mutex> lock(mu_);
  stopping_ = true;
  cv_.notify_all();
  if (!thread_.joinable()) return true;
  if (!cv_.wait_for(lock, options_.stop_wait, [this] { return exited_; })) return false;
  lock.unlock();
  thread_.join();
  return true;
}

void LiveLists::Set(std::shared_ptr<const ServingLists> lists) {
  std::shared_ptr<const ServingLists> old;
  {
    std::lock_guard<std::mutex> lock(current_mu_);
    old = std::exchange(current_, std::move(lists));
  }
  // `old` is released here, outside the lock: when no request holds it any more, freeing a whole
  // snapshot takes a while.
}

std::string LiveLists::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

uint64_t LiveLists::failures() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t n = 0;
  for (uint64_t f : failures_) n += f;
  return n;
}

uint64_t LiveLists::failures(Failure kind) const {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_[static_cast<int>(kind)];
}

namespace {

bool SameVersions(const std::vector<ListVersion>& a, const std::vector<ListVersion>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].id != b[i].id || a[i].source != b[i].source) return false;
  return true;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

std::string SecondsText(std::chrono::steady_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", Seconds(d));
  return buf;
}

}  // namespace

Status LiveLists::OpenStore() {
  if (store_ == nullptr && !replaced_) {
    std::error_code ec;
    // Store::Open would create an empty store file (a PostgreSQL server has its own existence).
    if (!IsPostgresUrl(db_path_) && !std::filesystem::exists(db_path_, ec))
      return Status::NotFound(db_path_ + ": the list store is gone");
    INTERDICT_RETURN_IF_ERROR(Store::Open(db_path_, &store_));
    // Opened again after a failure, it must be the file the lists in service came from.
    if (!store_file_.Replaced()) INTERDICT_RETURN_IF_ERROR(store_file_.Remember());
  }
  if (store_file_.Replaced()) replaced_ = true;
  if (replaced_) {
    store_.reset();
    return Status::IoError(store_file_.ReplacedMessage());
  }
  return Status::Ok();
}

Status LiveLists::CheckNow(bool* changed) {
  *changed = false;
  std::vector<ListVersion> latest;
  std::vector<SourceFetchState> fetched;
  Status st = OpenStore();
  if (st.ok()) st = store_->LatestVersions(&latest);
  if (st.ok()) st = ReadFetchStates(*store_, &fetched);
  if (!st.ok()) {
    store_.reset();  // a store that failed may be in a bad state: reopen it next time
    NoteFailure(Failure::kStore, st);
    return st;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_read_ = Clock::now();
    last_fetched_.clear();
    for (const SourceFetchState& f : fetched)
      if (!f.last_success.empty()) last_fetched_[f.source] = f.last_success;
  }
  std::shared_ptr<const ServingLists> current = Current();
  if (latest.empty() ||
      (current != nullptr && SameVersions(current->snapshot().versions(), latest))) {
    NotePending({});  // nothing imported yet (stay not ready), or up to date
    return Status::Ok();
  }
  NotePending(latest);
  if (SameVersions(latest, over_budget_) && Clock::now() < over_budget_until_) return Status::Ok();
  Failure kind = Failure::kLoad;
  st = Reload(latest, &kind);
  if (!st.ok()) {
    if (kind == Failure::kOverBudget) {
      over_budget_ = latest;
      over_budget_until_ = Clock::now() + options_.rebuild_budget;
    }
    // A build abandoned for a shutdown is no failure of the lists.
    if (!Stopping()) NoteFailure(kind, st);
    return st;
  }
  over_budget_.clear();
  NotePending({});
  ++reloads_;
  *changed = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_error_.clear();
  }
  if (options_.on_new_lists) options_.on_new_lists();
  return Status::Ok();
}

Status LiveLists::Reload(const std::vector<ListVersion>& latest, Failure* kind) {
  const bool budgeted = options_.rebuild_budget.count() > 0;
  const Clock::time_point deadline = Clock::now() + options_.rebuild_budget;
  Snapshot::Check check = [&]() -> Status {
    if (options_.on_build_step) options_.on_build_step(latest);
    if (Stopping()) return Status::Internal("rebuild abandoned: the server is stopping");
    if (budgeted && Clock::now() > deadline) {
      *kind = Failure::kOverBudget;
      return Status::Internal("rebuild abandoned after its time budget of " +
                              SecondsText(options_.rebuild_budget));
    }
    return Status::Ok();
  };
  std::shared_ptr<const Snapshot> snapshot;
  try {
    INTERDICT_RETURN_IF_ERROR(
        Snapshot::Load(*store_, {}, normalizer_, stats_, TokenSimilarityOf, &snapshot, check));
    std::shared_ptr<const ServingLists> lists;
    INTERDICT_RETURN_IF_ERROR(
        ServingLists::Make(std::move(snapshot), normalizer_, stats_, countries_, &scan_, &lists));
    Set(std::move(lists));
  } catch (const std::exception& e) {
    // Library code returns Status; this keeps a bug in a loader from ending the process.
    return Status::Internal(std::string("exception while loading lists: ") + e.what());
  }
  return Status::Ok();
}

void LiveLists::NotePending(const std::vector<ListVersion>& latest) {
  std::shared_ptr<const ServingLists> current = Current();
  std::string what;
  size_t count = 0;
  for (const ListVersion& v : latest) {
    bool served = false;
    if (current != nullptr)
      for (const ListVersion& c : current->snapshot().versions())
        served = served || (c.source == v.source && c.id == v.id);
    if (served) continue;
    ++count;
    what += (what.empty() ? "" : ", ") + v.source + " v" + std::to_string(v.id);
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (count > 0 && !pending_) pending_since_ = Clock::now();
  pending_ = count > 0;
  pending_count_ = count;
  pending_what_ = std::move(what);
}

void LiveLists::NoteFailure(Failure kind, const Status& st) {
  std::lock_guard<std::mutex> lock(mu_);
  ++failures_[static_cast<int>(kind)];
  if (st.message() != last_error_)
    std::fprintf(stderr, "interdict serve: loading lists failed (%s; still serving %s): %s\n",
                 FailureName(kind), Current() ? "the previous lists" : "nothing",
                 st.message().c_str());
  last_error_ = st.message();
}

std::string LiveLists::LastFetched(const std::string& source) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = last_fetched_.find(source);
  return it == last_fetched_.end() ? std::string() : it->second;
}

std::vector<std::string> LiveLists::NotReadyReasons() const {
  std::vector<std::string> out;
  const Clock::time_point now = Clock::now();
  if (replaced_) out.push_back(store_file_.ReplacedMessage());
  std::lock_guard<std::mutex> lock(mu_);
  if (options_.max_reload_lag.count() <= 0) return out;
  const std::string error = last_error_.empty() ? "" : " (last error: " + last_error_ + ")";
  if (pending_ && now - pending_since_ > options_.max_reload_lag)
    out.push_back("newer list versions have not been put in service for " +
                  SecondsText(now - pending_since_) + ": " + pending_what_ + error);
  if (now - last_read_ > options_.max_reload_lag + options_.poll_interval)
    out.push_back("the store has not been read for " + SecondsText(now - last_read_) + error);
  return out;
}

void LiveLists::RenderMetrics(std::string* out) const {
  const Clock::time_point now = Clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  Metrics::AppendHeader(out, "interdict_list_versions_pending", "gauge",
                        "Sources whose newest version in the store is not in service.");
  Metrics::AppendSample(out, "interdict_list_versions_pending", {},
                        static_cast<double>(pending_count_));
  Metrics::AppendHeader(out, "interdict_list_reload_lag_seconds", "gauge",
                        "Seconds the newest versions in the store have waited to be put in "
                        "service (0: none waits).");
  Metrics::AppendSample(out, "interdict_list_reload_lag_seconds", {},
                        pending_ ? Seconds(now - pending_since_) : 0);
  Metrics::AppendHeader(out, "interdict_list_reload_failures_total", "counter",
                        "Failed attempts to load new list versions, by reason.");
  for (int i = 0; i < kFailureKinds; ++i)
    Metrics::AppendSample(out, "interdict_list_reload_failures_total",
                          {{"reason", FailureName(static_cast<Failure>(i))}},
                          static_cast<double>(failures_[i]));
}

void LiveLists::Loop() {
  for (;;) {
    bool changed = false;
    Status st;
    try {
      st = CheckNow(&changed);
    } catch (const std::exception& e) {
      // Library code returns Status; this keeps a bug in the store from ending the process.
      store_.reset();
      NoteFailure(Failure::kStore, Status::Internal(std::string("exception: ") + e.what()));
    }
    if (st.ok() && changed) {
      std::shared_ptr<const ServingLists> now = Current();
      std::string what;
      for (const ListVersion& v : now->snapshot().versions())
        what += (what.empty() ? "" : ", ") + v.source + " v" + std::to_string(v.id);
      std::fprintf(stderr, "interdict serve: serving %zu records: %s\n",
                   now->snapshot().entities().size(), what.c_str());
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, options_.poll_interval, [this] { return stopping_; })) {
      exited_ = true;
      cv_.notify_all();
      return;
    }
  }
}

}  // namespace interdict::server
