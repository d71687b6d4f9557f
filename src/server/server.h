// Server: `interdict serve` assembled: the dictionaries, the live lists, the audit writer, the
// worker pool, the API and the HTTP server, started and stopped in the right order.
//
// Refuses to start without API keys on an address other than loopback: an unauthenticated
// screening service must not be reachable from the network by accident.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/country.h"
#include "core/status.h"
#include "index/token_stats.h"
#include "normalize/normalizer.h"
#include "server/api.h"
#include "server/api_keys.h"
#include "server/audit_writer.h"
#include "server/http_server.h"
#include "server/live_lists.h"
#include "server/monitor_runner.h"
#include "server/worker_pool.h"

namespace interdict::server {

// The server's: poll 5 s, rebuild budget 120 s, reload lag 300 s (docs/api.md).
ReloadOptions DefaultReloadOptions();

struct ServeOptions {
  HttpServerOptions http;
  std::string db_path;   // the store; must exist
  std::string data_dir;  // dictionaries, token statistics, countries
  size_t workers = 0;    // screening threads; 0 = one per core
  size_t queue = 256;    // requests waiting for a worker before 503
  // How often the store is checked for new lists, the rebuild's time budget, how long newer
  // versions may wait before /readyz fails.
  ReloadOptions reload = DefaultReloadOptions();
  bool audit = true;
  // Where the audit log goes: "" = the list store. A separate file keeps long imports (which hold
  // the list store's write lock) from stalling audit writes.
  std::string audit_db_path;
  AuditWriterOptions audit_writer;
  size_t max_batch = 100;
  std::chrono::seconds max_list_age{0};
  std::chrono::milliseconds request_deadline{5000};  // ApiOptions::request_deadline
  ApiKeys keys;
  // Runs monitoring (monitor_runner.h) after every new list version put in service and at
  // start-up, when the store has a customer book; `serve --no-monitor` turns it off.
  bool monitor = true;
};

class Server {
 public:
  static Status Start(ServeOptions options, std::unique_ptr<Server>* out);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const { return http_->port(); }
  const std::string& host() const { return http_->host(); }

  // Graceful: stops accepting, finishes the requests in flight, writes the queued audit records,
  // stops the list watcher. Returns the audit writer's final status (records it could not write).
  // Idempotent.
  Status Stop();
  // After Stop(): the list watcher is stuck in a rebuild and did not end within stop_wait. Only
  // it still runs; the destructor waits for it, so a process that must end now exits instead.
  bool watcher_running() const { return watcher_running_; }

  LiveLists& lists() { return *lists_; }
  const Api& api() const { return *api_; }
  MonitorRunner& monitor() { return *monitor_; }

 private:
  Server() = default;
  ServeOptions options_;
  CountryTable countries_;
  std::unique_ptr<NameNormalizer> normalizer_;
  TokenStats stats_;
  JurisdictionTable jurisdictions_;
  CommonWords common_words_;
  // Before lists_: the list watcher triggers it until the watcher has ended.
  std::unique_ptr<MonitorRunner> monitor_;
  std::unique_ptr<LiveLists> lists_;
  std::unique_ptr<AuditWriter> audit_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> http_;
  bool stopped_ = false;
  bool watcher_running_ = false;
};

// Runs a server until SIGINT or SIGTERM, then stops it gracefully. Prints
// "interdict serve: listening on http://HOST:PORT" on stdout once accepting. Blocks those signals
// in the calling thread (and so in every thread it starts).
Status ServeUntilSignal(ServeOptions options);

}  // namespace interdict::server
