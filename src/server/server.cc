#include "server/server.h"

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "store/db.h"

namespace interdict::server {

ReloadOptions DefaultReloadOptions() {
  ReloadOptions o;
  o.poll_interval = std::chrono::seconds(5);
  o.rebuild_budget = std::chrono::seconds(120);
  o.max_reload_lag = std::chrono::seconds(300);
  return o;
}

Status Server::Start(ServeOptions options, std::unique_ptr<Server>* out) {
  if (options.keys.empty() && !IsLoopbackHost(options.http.host)) {
    return Status::InvalidInput(
        "refusing to listen on " + options.http.host +
        " without API keys: give --api-keys FILE (or $INTERDICT_API_KEYS), or listen on "
        "127.0.0.1");
  }
  std::error_code ec;
  if (!IsPostgresUrl(options.db_path) && !std::filesystem::exists(options.db_path, ec))
    return Status::NotFound(options.db_path +
                            ": no list store here (run `interdict import` first)");
  std::unique_ptr<Server> s(new Server());
  s->options_ = std::move(options);
  const ServeOptions& o = s->options_;
  INTERDICT_RETURN_IF_ERROR(CountryTable::LoadDefault(o.data_dir, &s->countries_));
  INTERDICT_RETURN_IF_ERROR(NameNormalizer::Load(o.data_dir, &s->normalizer_));
  INTERDICT_RETURN_IF_ERROR(TokenStats::Load(o.data_dir + "/token_stats.tsv", &s->stats_));
  if (o.audit) {
    INTERDICT_RETURN_IF_ERROR(AuditWriter::Start(
        o.audit_db_path.empty() ? o.db_path : o.audit_db_path, o.audit_writer, &s->audit_));
  }
  // Scanning is one endpoint among many: without its tables the server still screens, and
  // /v1/scan answers 501.
  ScanResources scan;
  Status scan_data = JurisdictionTable::LoadDefault(o.data_dir, &s->jurisdictions_);
  if (scan_data.ok()) scan_data = CommonWords::LoadDefault(o.data_dir, &s->common_words_);
  if (scan_data.ok()) {
    scan = ScanResources{&s->jurisdictions_, &s->common_words_};
  } else {
    std::fprintf(stderr, "interdict serve: warning: /v1/scan disabled: %s\n",
                 scan_data.message().c_str());
  }
  MonitorOptions monitor;
  monitor.who = "system:serve";
  monitor.screen.threads = 1;  // in the background: the cores are for screening requests
  s->monitor_ = std::make_unique<MonitorRunner>(
      o.db_path, ScreeningDeps{s->normalizer_.get(), &s->stats_, &s->countries_}, monitor);
  ReloadOptions reload = o.reload;
  if (o.monitor) {
    MonitorRunner* runner = s->monitor_.get();
    reload.on_new_lists = [runner] { runner->Trigger(); };
  }
  s->lists_ = std::make_unique<LiveLists>(o.db_path, *s->normalizer_, s->stats_, s->countries_,
                                          scan, reload);
  size_t workers = o.workers > 0 ? o.workers : std::max(1u, std::thread::hardware_concurrency());
  s->pool_ = std::make_unique<WorkerPool>(workers, o.queue);
  ApiOptions api_options;
  api_options.db_path = o.db_path;
  api_options.max_batch = o.max_batch;
  api_options.max_list_age = o.max_list_age;
  api_options.request_deadline = o.request_deadline;
  ApiDeps deps;
  deps.lists = s->lists_.get();
  deps.keys = &s->options_.keys;
  deps.audit = s->audit_.get();
  deps.pool = s->pool_.get();
  deps.normalizer = s->normalizer_.get();
  deps.stats = &s->stats_;
  deps.countries = &s->countries_;
  deps.monitor = s->monitor_.get();
  Server* raw = s.get();
  deps.server_stats = [raw] {
    return raw->http_ != nullptr ? raw->http_->stats() : HttpServerStats{};
  };
  s->api_ = std::make_unique<Api>(api_options, std::move(deps));
  INTERDICT_RETURN_IF_ERROR(HttpServer::Start(o.http, s->api_.get(), &s->http_));
  // Lists load in the background: the server answers /healthz at once and /readyz (and screening)
  // with 503 until they are in.
  if (o.monitor) s->monitor_->Start();
  s->lists_->Start();
  *out = std::move(s);
  return Status::Ok();
}

Server::~Server() { Stop(); }

Status Server::Stop() {
  if (stopped_) return Status::Ok();
  stopped_ = true;
  if (http_ != nullptr) {
    http_->Stop();
    http_->Wait();  // the connections with a request in flight are answered first
  }
  // Jobs still queued run now; their answers go nowhere once the connections are gone.
  if (pool_ != nullptr) pool_->Shutdown();
  Status audit = audit_ != nullptr ? audit_->Close() : Status::Ok();
  if (lists_ != nullptr) watcher_running_ = !lists_->Stop();
  if (monitor_ != nullptr) monitor_->Stop();
  return audit;
}

Status ServeUntilSignal(ServeOptions options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::unique_ptr<Server> server;
  INTERDICT_RETURN_IF_ERROR(Server::Start(std::move(options), &server));
  std::printf("interdict serve: listening on http://%s:%u\n", server->host().c_str(),
              static_cast<unsigned>(server->port()));
  std::fflush(stdout);
  int sig = 0;
  sigwait(&signals, &sig);
  std::fprintf(stderr, "interdict serve: %s received, stopping\n",
               sig == SIGINT ? "SIGINT" : "SIGTERM");
  Status st = server->Stop();
  if (server->watcher_running()) {
    // Everything that must outlive the process is written; only a rebuild stuck inside one record
    // is left, and waiting for it could take for ever.
    std::fprintf(stderr,
                 "interdict serve: the list rebuild did not stop (stuck inside one record); "
                 "exiting without it\n");
    std::fprintf(stderr, "interdict serve: stopped\n");
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(st.ok() ? 0 : 1);
  }
  std::fprintf(stderr, "interdict serve: stopped\n");
  return st;
}

}  // namespace interdict::server
