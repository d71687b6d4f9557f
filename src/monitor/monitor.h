// RunMonitor: brings the alerts up to date with the newest list versions and the customer book.
//
// The store remembers which list version of each source (monitor_source_state) and which book
// revision (monitor_book_state) the alerts reflect. A run targets the newest versions and the
// current revision and screens only what changed in between:
// - first run (no book state yet): every customer, forward, against the target lists;
// - per source, Store::Diff(monitored, target): added and changed records are screened against
//   the customers (reverse_screen.h) -> sink.Hit; a changed record's pairs that matched its old
//   version and not its new one -> sink.NoLongerMatches; removed records -> sink.Delisted;
// - customers added or changed since the monitored revision, forward -> sink.Hit; deleted
//   customers -> sink.CustomerDeleted.
//
// Work is committed in batches, each one BEGIN IMMEDIATE transaction holding the sink's writes and
// the run's cursor (monitor_run), so a run that dies is resumed from its last committed batch by
// the next run, with the same targets: nothing is done twice, nothing skipped. The states advance
// only in the final transaction, which also appends a "monitor.run" audit event (counts, versions,
// threshold, engine version). A run with nothing to do writes nothing.
//
// One run at a time per store: a run holds a lease (monitor_run.holder, heartbeat_at, renewed by
// every batch). Another run meanwhile fails with Conflict; a lease whose heartbeat is older than
// lease_seconds, or whose holder was a process of this host that has died, is taken over, cursor
// and all.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "monitor/alert_sink.h"
#include "monitor/screening_deps.h"
#include "monitor/reverse_screen.h"
#include "store/store.h"

namespace interdict {

struct MonitorOptions {
  ScreenPassOptions screen;
  size_t batch = 1000;  // work items (a record, a customer) per transaction
  std::string who = "system:monitor";
  double lease_seconds = 120;  // a run whose heartbeat is older is taken over
  // Called between batches: phase ("customers", "records", ...), items done, items in the run.
  std::function<void(std::string_view phase, int64_t done, int64_t total)> progress;
  // Tests: _exit(70) right after this many batches committed (-1: never). The CLI sets it from
  // $INTERDICT_TEST_CRASH_AFTER_BATCHES.
  int crash_after_batches = -1;
};

struct MonitorReport {
  int64_t run_id = 0;  // 0: nothing to do, nothing written
  bool full = false;   // the first run: every customer screened
  bool resumed = false;
  std::vector<ListVersion> targets;  // the list versions the alerts now reflect
  int64_t book_rev = 0;
  int64_t records_screened = 0, customers_screened = 0, hits = 0;
  int64_t raised = 0, reopened = 0, rescored = 0, unchanged = 0, suppressed = 0;
  int64_t delisted = 0, no_longer_matches = 0, customers_deleted = 0;
};

Status RunMonitor(Store& store, const ScreeningDeps& deps, AlertSink& sink,
                  const MonitorOptions& options, MonitorReport* report);

// {"run", "full", "resumed", "list_versions": [{"source", "version"}], "book_rev", and every
// count of the report}: `interdict monitor --json` and POST /v1/monitor/run.
nlohmann::json MonitorReportToJson(const MonitorReport& report);

}  // namespace interdict
