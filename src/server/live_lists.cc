#include "server/live_lists.h"

#include <cstdio>
#include <utility>

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

LiveLists::LiveLists(std::string db_path, const NameNormalizer& normalizer, const TokenStats& stats,
                     const CountryTable& countries, ScanResources scan)
    : db_path_(std::move(db_path)),
      normalizer_(normalizer),
      stats_(stats),
      countries_(countries),
      scan_(scan) {}

LiveLists::~LiveLists() { Stop(); }

void LiveLists::Start(std::chrono::milliseconds poll_interval) {
  thread_ = std::thread([this, poll_interval] { Loop(poll_interval); });
}

void LiveLists::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
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

Status LiveLists::CheckNow(bool* changed) {
  *changed = false;
  if (store_ == nullptr) INTERDICT_RETURN_IF_ERROR(Store::Open(db_path_, &store_));
  std::vector<ListVersion> latest;
  INTERDICT_RETURN_IF_ERROR(store_->LatestVersions(&latest));
  if (latest.empty()) return Status::Ok();  // nothing imported yet: stay not ready
  std::shared_ptr<const ServingLists> current = Current();
  if (current != nullptr) {
    const std::vector<ListVersion>& loaded = current->snapshot().versions();
    bool same = loaded.size() == latest.size();
    for (size_t i = 0; same && i < latest.size(); ++i)
      same = loaded[i].id == latest[i].id && loaded[i].source == latest[i].source;
    if (same) return Status::Ok();
  }
  std::shared_ptr<const Snapshot> snapshot;
  INTERDICT_RETURN_IF_ERROR(
      Snapshot::Load(*store_, {}, normalizer_, stats_, TokenSimilarityOf, &snapshot));
  std::shared_ptr<const ServingLists> lists;
  INTERDICT_RETURN_IF_ERROR(
      ServingLists::Make(std::move(snapshot), normalizer_, stats_, countries_, &scan_, &lists));
  Set(std::move(lists));
  ++reloads_;
  *changed = true;
  return Status::Ok();
}

void LiveLists::Loop(std::chrono::milliseconds poll_interval) {
  for (;;) {
    bool changed = false;
    Status st;
    try {
      st = CheckNow(&changed);
    } catch (const std::exception& e) {
      // Library code returns Status; this keeps a bug in a loader from ending the process.
      st = Status::Internal(std::string("exception while loading lists: ") + e.what());
    }
    if (!st.ok()) {
      ++failures_;
      // A store that failed may be in a bad state; reopen it next time.
      store_.reset();
      std::lock_guard<std::mutex> lock(mu_);
      if (st.message() != last_error_)
        std::fprintf(stderr, "interdict serve: loading lists failed (still serving %s): %s\n",
                     Current() ? "the previous lists" : "nothing", st.message().c_str());
      last_error_ = st.message();
    } else if (changed) {
      std::shared_ptr<const ServingLists> now = Current();
      std::string what;
      for (const ListVersion& v : now->snapshot().versions())
        what += (what.empty() ? "" : ", ") + v.source + " v" + std::to_string(v.id);
      std::fprintf(stderr, "interdict serve: serving %zu records: %s\n",
                   now->snapshot().entities().size(), what.c_str());
      std::lock_guard<std::mutex> lock(mu_);
      last_error_.clear();
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, poll_interval, [this] { return stopping_; })) return;
  }
}

}  // namespace interdict::server
