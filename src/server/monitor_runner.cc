#include "server/monitor_runner.h"

#include <cstdio>

#include "monitor/alerts.h"
#include "monitor/customer_store.h"
#include "server/metrics.h"

namespace interdict::server {

MonitorRunner::MonitorRunner(std::string db_path, ScreeningDeps deps, MonitorOptions options)
    : db_path_(std::move(db_path)), deps_(deps), options_(std::move(options)) {}

MonitorRunner::~MonitorRunner() { Stop(); }

void MonitorRunner::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Loop(); });
}

void MonitorRunner::Trigger() {
  std::lock_guard<std::mutex> lock(mu_);
  queued_ = true;
  cv_.notify_all();
}

void MonitorRunner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void MonitorRunner::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return queued_ || stopping_; });
    if (stopping_) return;
    queued_ = false;
    running_ = true;
    lock.unlock();
    MonitorReport report;
    Status st = RunNow(options_.who, &report);
    if (!st.ok())
      std::fprintf(stderr,
                   "interdict serve: monitoring run failed (retried at the next list "
                   "version): %s\n",
                   st.message().c_str());
    lock.lock();
    running_ = false;
    cv_.notify_all();
  }
}

Status MonitorRunner::RunNow(const std::string& who, MonitorReport* report) {
  std::lock_guard<std::mutex> run(run_mu_);
  Status st = RunOnce(who, report);
  std::lock_guard<std::mutex> lock(mu_);
  if (st.ok()) {
    ++ok_;
    // Whole seconds: /metrics prints whole numbers exactly (a fraction gets 9 digits: 10 s).
    last_success_ = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    last_error_.clear();
  } else {
    ++failed_;
    last_error_ = st.message();
  }
  return st;
}

Status MonitorRunner::RunOnce(const std::string& who, MonitorReport* report) {
  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(db_path_, &store));
  int64_t book = 0;
  INTERDICT_RETURN_IF_ERROR(BookRev(*store, &book));
  if (book == 0) return Status::Ok();  // no customer book: nothing to monitor
  MonitorOptions options = options_;
  options.who = who;
  std::unique_ptr<AlertSink> sink = NewStoreAlertSink(*store, who);
  return RunMonitor(*store, deps_, *sink, options, report);
}

bool MonitorRunner::Idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !queued_ && !running_;
}

uint64_t MonitorRunner::runs_ok() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ok_;
}

uint64_t MonitorRunner::runs_failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

std::string MonitorRunner::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

void MonitorRunner::RenderMetrics(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  Metrics::AppendHeader(out, "interdict_monitor_runs_total", "counter",
                        "Monitoring runs by the server (and POST /v1/monitor/run), by result.");
  Metrics::AppendSample(out, "interdict_monitor_runs_total", {{"result", "ok"}},
                        static_cast<double>(ok_));
  Metrics::AppendSample(out, "interdict_monitor_runs_total", {{"result", "failed"}},
                        static_cast<double>(failed_));
  Metrics::AppendHeader(out, "interdict_monitor_last_success_timestamp", "gauge",
                        "Unix time of the last successful monitoring run; 0 = none yet.");
  Metrics::AppendSample(out, "interdict_monitor_last_success_timestamp", {}, last_success_);
}

}  // namespace interdict::server
