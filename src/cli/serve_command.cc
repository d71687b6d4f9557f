// interdict serve: the HTTP API (src/server, docs/api.md).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "server/cors.h"
#include "server/server.h"

namespace interdict::cli {
namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string keys_file;
  std::string new_key;
  std::string hash_key;
  size_t workers = 0;
  size_t queue = 256;
  int io_threads = 1;
  size_t body_limit = 1 << 20;
  size_t max_connections = 1024;
  size_t max_connections_per_address = 64;
  double first_byte_timeout = 5;
  double write_timeout = 30;
  double idle_timeout = 30;
  double header_timeout = 10;
  double body_timeout = 30;
  double reload_interval = 5;
  double rebuild_budget = 120;
  double max_reload_lag = 300;
  double audit_max_backlog = 1;
  int64_t max_list_age = 0;
  size_t max_batch = 100;
  double request_deadline = 5;
  bool no_audit = false;
  bool no_monitor = false;
  std::string audit_db;
  std::vector<std::string> cors_origins;
};

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

int RunNewKey(const std::string& id) {
  std::string key, entry;
  if (Status s = server::NewKey(id, &key, &entry); !s.ok()) return UsageError(s.message());
  std::printf("API key for %s (give it to the client; it is not stored anywhere):\n%s\n",
              id.c_str(), key.c_str());
  std::printf("Line for the API key file (--api-keys) or $INTERDICT_API_KEYS:\n%s\n",
              entry.c_str());
  return 0;
}

int RunHashKey(const std::string& id) {
  std::string key;
  if (!std::getline(std::cin, key)) return UsageError("--hash-key: give the key on standard input");
  if (!key.empty() && key.back() == '\r') key.pop_back();
  std::string entry;
  if (Status s = server::EntryForKey(id, key, &entry); !s.ok()) return UsageError(s.message());
  std::printf("%s\n", entry.c_str());
  return 0;
}

int RunServe(const Context& ctx, const ServeArgs& args) {
  if (!args.new_key.empty()) return RunNewKey(args.new_key);
  if (!args.hash_key.empty()) return RunHashKey(args.hash_key);
  if (args.port < 0 || args.port > 65535) return UsageError("--port must be in [0, 65535]");
  if (args.workers > 256 || args.queue == 0 || args.io_threads < 1 || args.io_threads > 64)
    return UsageError("--workers must be <= 256, --queue >= 1, --io-threads in [1, 64]");
  if (args.idle_timeout <= 0 || args.header_timeout <= 0 || args.body_timeout <= 0 ||
      args.first_byte_timeout <= 0 || args.write_timeout <= 0 || args.reload_interval <= 0 ||
      args.audit_max_backlog <= 0)
    return UsageError("timeouts, --reload-interval and --audit-max-backlog must be positive");
  if (args.request_deadline < 0) return UsageError("--request-deadline must be >= 0 seconds");
  if (args.rebuild_budget < 0 || args.max_reload_lag < 0)
    return UsageError("--rebuild-budget and --max-reload-lag must be >= 0 (0: off)");
  if (args.body_limit < 1024) return UsageError("--body-limit must be at least 1024 bytes");
  server::CorsPolicy cors;  // checked here too, before the lists load
  if (Status s = server::CorsPolicy::Create(args.cors_origins, &cors); !s.ok())
    return UsageError("--cors-origin: " + s.message());
  server::ServeOptions o;
  o.http.host = args.host;
  o.http.port = static_cast<uint16_t>(args.port);
  o.http.io_threads = args.io_threads;
  o.http.body_limit = args.body_limit;
  o.http.max_connections = args.max_connections;
  o.http.max_connections_per_address = args.max_connections_per_address;
  o.http.first_byte_timeout = Millis(args.first_byte_timeout);
  o.http.write_timeout = Millis(args.write_timeout);
  o.http.idle_timeout = Millis(args.idle_timeout);
  o.http.header_timeout = Millis(args.header_timeout);
  o.http.body_timeout = Millis(args.body_timeout);
  o.http.cors_origins = args.cors_origins;
  o.db_path = ctx.db_path;
  o.data_dir = ctx.data_dir;
  o.workers = args.workers;
  o.queue = args.queue;
  o.reload.poll_interval = Millis(args.reload_interval);
  o.reload.rebuild_budget = Millis(args.rebuild_budget);
  o.reload.max_reload_lag = Millis(args.max_reload_lag);
  o.audit_writer.max_backlog = Millis(args.audit_max_backlog);
  o.audit = !args.no_audit;
  o.monitor = !args.no_monitor;
  o.audit_db_path = args.audit_db;
  o.max_batch = args.max_batch;
  o.request_deadline = Millis(args.request_deadline);
  o.max_list_age = std::chrono::seconds(args.max_list_age);
  if (!args.keys_file.empty()) {
    if (Status s = o.keys.AddFromFile(args.keys_file); !s.ok()) return Fail(s);
  }
  if (const char* env = std::getenv("INTERDICT_API_KEYS"); env != nullptr && *env != '\0') {
    if (Status s = o.keys.AddFromText(env, "$INTERDICT_API_KEYS", true); !s.ok()) return Fail(s);
  }
  std::fprintf(stderr, "interdict serve: %zu API key(s)%s, audit log %s, store %s\n", o.keys.size(),
               o.keys.empty() ? " (no authentication)" : "", o.audit ? "on" : "OFF",
               o.db_path.c_str());
  if (o.audit && !o.audit_db_path.empty())
    std::fprintf(stderr, "interdict serve: audit log in %s\n", o.audit_db_path.c_str());
  Status s = server::ServeUntilSignal(std::move(o));
  if (!s.ok()) return s.code() == Status::Code::kInvalidInput ? UsageError(s.message()) : Fail(s);
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the screening API over HTTP (docs/api.md)");
  cmd->add_option("--host", args->host,
                  "Address to listen on (default 127.0.0.1; others need API keys)");
  cmd->add_option("--port", args->port, "Port (default 8080; 0 = any free port, printed)");
  cmd->add_option("--api-keys", args->keys_file,
                  "File of API key entries <id>:<salt hex>:<sha256 hex>; also $INTERDICT_API_KEYS");
  cmd->add_option("--new-key", args->new_key,
                  "Print a new random API key for client ID and its entry line, and exit");
  cmd->add_option("--hash-key", args->hash_key,
                  "Read a key on stdin, print its entry line for client ID, and exit");
  cmd->add_option("--workers", args->workers, "Screening threads (default: one per core)");
  cmd->add_option("--queue", args->queue, "Requests waiting for a worker before 503 (default 256)");
  cmd->add_option("--io-threads", args->io_threads, "Network threads (default 1)");
  cmd->add_option("--body-limit", args->body_limit,
                  "Largest request body in bytes (default 1 MiB)");
  cmd->add_option("--max-connections", args->max_connections, "Open connections (default 1024)");
  cmd->add_option("--max-connections-per-address", args->max_connections_per_address,
                  "Open connections from one client address (default 64; 0 = no cap)");
  cmd->add_option("--first-byte-timeout", args->first_byte_timeout,
                  "Seconds a new connection may wait before sending its first byte (default 5)");
  cmd->add_option("--write-timeout", args->write_timeout,
                  "Seconds a client has to take a response before it is dropped (default 30)");
  cmd->add_option("--idle-timeout", args->idle_timeout,
                  "Seconds a kept-alive connection may wait for its next request (default 30)");
  cmd->add_option("--header-timeout", args->header_timeout,
                  "Seconds from a request's first byte to its complete header (default 10)");
  cmd->add_option("--body-timeout", args->body_timeout,
                  "Seconds from the header to the complete body (default 30)");
  cmd->add_option("--reload-interval", args->reload_interval,
                  "Seconds between checks of the store for new list versions (default 5)");
  cmd->add_option("--rebuild-budget", args->rebuild_budget,
                  "Seconds a rebuild of the lists may take before it is abandoned and counted as "
                  "a failure (default 120; 0: no limit)");
  cmd->add_option("--max-reload-lag", args->max_reload_lag,
                  "/readyz fails when newer list versions in the store have not been put in "
                  "service within this many seconds (default 300; 0: off)");
  cmd->add_option("--audit-max-backlog", args->audit_max_backlog,
                  "Seconds an audit record may wait unwritten before screening is refused with "
                  "503 and /readyz fails (default 1): what a crash can lose at most");
  cmd->add_option("--max-list-age", args->max_list_age,
                  "/readyz fails when a list in service was last confirmed (imported, or "
                  "fetched unchanged by interdict update) longer ago than this many seconds "
                  "(default 0: no limit)");
  cmd->add_option("--max-batch", args->max_batch, "Queries per /v1/screen/batch (default 100)");
  cmd->add_option("--request-deadline", args->request_deadline,
                  "Seconds a screening request may take before it gets 503 deadline_exceeded "
                  "(default 5; 0 = none)");
  cmd->add_flag("--no-audit", args->no_audit, "Do not write screening requests to the audit log");
  cmd->add_flag("--no-monitor", args->no_monitor,
                "Do not run monitoring after each new list version (run `interdict monitor`)");
  cmd->add_option("--audit-db", args->audit_db,
                  "Write the audit log to this store file instead of the list store (--db)");
  cmd->add_option("--cors-origin", args->cors_origins,
                  "Let pages from ORIGIN (scheme://host[:port], or * for any) read responses in "
                  "a browser (CORS); repeatable (default: none)");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunServe(ctx, *args); }; });
}

}  // namespace interdict::cli
