// HttpServer: HTTP/1.1 over TCP (Boost.Beast), with keep-alive, bounded requests, timeouts for slow
// clients and a graceful stop. It knows nothing of screening: every complete request goes to an
// HttpHandler, which answers it now or later from another thread.
//
// Limits, all enforced before the handler sees anything:
// - a header larger than header_limit gets 431, a body larger than body_limit 413 (decided from
//   Content-Length before the body is read, when there is one); a malformed request gets 400, and
//   so does one with a Transfer-Encoding other than "chunked" alone (its length would be unclear).
//   All of these close the connection.
// - a new connection that sends nothing for first_byte_timeout is closed, and so is one that has
//   had a request and sends no next one for idle_timeout; a request whose header is not complete
//   header_timeout after its first byte (however steadily it trickles in), or whose body is not
//   complete body_timeout after its header, is dropped with its connection (a slow client holds a
//   connection, never a worker).
// - a connection holds at most one response, and one that the client does not take within
//   write_timeout is dropped with its connection; a second after a burst of such drops of large
//   responses, free memory is given back to the system (a client that never reads holds none).
// - one client address holds at most max_connections_per_address connections; beyond that, its
//   new ones are closed at once.
// - at max_connections open connections, a new one takes the place of a connection that has no
//   complete header: the one that has waited longest for a request (its first or its next one), or
//   for the rest of a header begun longest ago. Only when every connection has a complete request
//   header in (the body coming, the handler working, the response going out) is the new one
//   closed at once. So neither idle sockets nor a slowloris lock out other clients (health probes
//   included); to fill the server, a client needs many addresses and slow bodies, each lasting at
//   most body_timeout.
//
// CORS (cors_origins; off when empty): the headers of server/cors.h go on every response, the
// handler's and the server's own errors alike, and a CORS preflight (OPTIONS with Origin and
// Access-Control-Request-Method) is answered by the server, 204 or 403, without reaching the
// handler. An OPTIONS that is no preflight, or any request while CORS is off, goes to the handler.
//
// Stop() stops accepting, closes connections that are waiting for a request, lets every request
// already handed to the handler finish and its response be written (the connection is then
// closed), and Wait() returns when all connections are gone or drain_timeout has passed.
//
// This is the only translation unit that includes Boost.Beast (its compile time is ~15 s).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "server/http_types.h"

namespace interdict::server {

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Called on a network thread for each complete request. Must call `respond` exactly once, from
  // any thread, now or later, and must not block. Must not throw.
  virtual void Handle(HttpRequest request, std::function<void(HttpResponse)> respond) = 0;
  // Called on a network thread for an error the server sends itself, the request never having
  // reached Handle (400, 413, 431), so that its body takes the shape the handler's clients expect
  // at that path. `target` is the request target as far as it was read ("" when unknown). Must not
  // block or throw.
  virtual void ShapeError(std::string_view /*target*/, HttpResponse* /*response*/) const {}
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";  // an IP address literal, or "localhost"
  uint16_t port = 8080;            // 0: the system picks a free port (see port())
  int io_threads = 1;
  size_t body_limit = 1 << 20;
  size_t header_limit = 16 << 10;
  std::chrono::milliseconds first_byte_timeout{5000};
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
  size_t max_connections = 1024;
  size_t max_connections_per_address = 64;  // 0: no cap (e.g. behind a reverse proxy)
  std::chrono::milliseconds drain_timeout{10000};
  // Origins whose pages may read responses in a browser, each "*" or "scheme://host[:port]"
  // (server/cors.h); empty: CORS off.
  std::vector<std::string> cors_origins;
};

// Counters since start, for /metrics.
struct HttpServerStats {
  uint64_t connections_accepted = 0;
  uint64_t connections_rejected = 0;              // at max_connections, with every connection busy
  uint64_t connections_rejected_per_address = 0;  // over max_connections_per_address
  uint64_t connections_evicted = 0;               // without a complete header, closed to make room
  uint64_t connections_open = 0;
  uint64_t first_byte_timeouts = 0;  // new connections closed for sending nothing
  uint64_t timeouts = 0;        // connections dropped for a slow request (idle closes not counted)
  uint64_t write_timeouts = 0;  // connections dropped for not taking their response
  uint64_t bad_requests = 0;    // 400, 413 and 431 sent by the server itself
  uint64_t response_bytes_pending = 0;  // responses made and not yet taken by the socket
};

class HttpServer {
 public:
  // Binds host:port and starts serving on io_threads threads. `handler` must outlive the server.
  // InvalidInput for a host that is not an IP address or "localhost", or a CORS origin that is
  // none; IoError when the address cannot be bound.
  static Status Start(const HttpServerOptions& options, HttpHandler* handler,
                      std::unique_ptr<HttpServer>* out);
  ~HttpServer();  // Stop() and Wait()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;            // the bound port
  const std::string& host() const;  // the bound address, as text
  bool loopback() const;            // whether the bound address is a loopback address

  void Stop();  // any thread; idempotent
  void Wait();  // blocks until Stop() was called and the connections drained (see above)
  HttpServerStats stats() const;

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether `host` (as HttpServerOptions::host accepts it) is a loopback address. False for text
// that is not an address.
bool IsLoopbackHost(const std::string& host);

// Parses one request from raw bytes with the same parser and limits as a connection. On failure
// *error is the response the server would send (400, 413 or 431). For tests and the fuzzer.
bool ParseHttpRequest(std::string_view raw, const HttpServerOptions& limits, HttpRequest* out,
                      HttpResponse* error);

}  // namespace interdict::server
