// MonitorRunner: `interdict serve` keeping the alerts up to date by itself. After the server puts
// a new list version in service (and at start-up, the first load being one) it runs RunMonitor
// (monitor/monitor.h) once on its own thread, as "system:serve", when the store has a customer
// book. One run at a time: a trigger while a run is going queues exactly one more run, however
// many triggers come; a failed run is logged, counted and retried at the next trigger.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"
#include "monitor/screening_deps.h"
#include "monitor/monitor.h"

namespace interdict::server {

class MonitorRunner {
 public:
  // `deps` must outlive the runner. `who` names the background runs in alert history and the
  // audit chain.
  MonitorRunner(std::string db_path, ScreeningDeps deps, MonitorOptions options);
  ~MonitorRunner();  // Stop()
  MonitorRunner(const MonitorRunner&) = delete;
  MonitorRunner& operator=(const MonitorRunner&) = delete;

  // Starts the background thread; until then (and with `serve --no-monitor`, which never calls
  // it) Trigger() only queues.
  void Start();
  // Asks for a background run. Cheap; never blocks on a run.
  void Trigger();
  // One run now on the calling thread, as `who` (POST /v1/monitor/run), after any run in
  // progress. A store without customers is nothing to do: *report stays empty (run_id 0).
  Status RunNow(const std::string& who, MonitorReport* report);
  // Waits for the run in progress, then ends the thread; a queued run is dropped.
  void Stop();

  // Whether no run is queued or going (tests wait for this).
  bool Idle() const;
  uint64_t runs_ok() const;
  uint64_t runs_failed() const;
  std::string last_error() const;  // "" when the last run succeeded (or none ran)
  // interdict_monitor_runs_total{result}, interdict_monitor_last_success_timestamp.
  void RenderMetrics(std::string* out) const;

 private:
  void Loop();
  Status RunOnce(const std::string& who, MonitorReport* report);

  const std::string db_path_;
  const ScreeningDeps deps_;
  const MonitorOptions options_;
  std::mutex run_mu_;  // held for a whole run: one at a time

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool queued_ = false;
  bool running_ = false;
  bool stopping_ = false;
  uint64_t ok_ = 0, failed_ = 0;
  double last_success_ = 0;  // Unix time, seconds; 0: never
  std::string last_error_;
  std::thread thread_;
};

}  // namespace interdict::server
