#include "server/http_server.h"

// Boost 1.74's Asio uses std::exchange without including <utility>, which g++ 12 in C++20 mode
// does not pull in transitively: include it before any Boost header.
#include <utility>

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/cors.h"

namespace interdict::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// How long, and for how many bytes, a connection that we close after an error response keeps
// reading (and discarding) what the client still sends. Closing a socket with unread data makes
// the kernel send a reset, which can destroy our response before the client reads it.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerBytes = 4 << 20;

// A response at least this large that a client did not take is worth giving back to the system
// (see ReleaseFreeMemory), once the drops of a burst of such clients are over.
constexpr size_t kReleaseAfterDroppedBytes = 1 << 20;
constexpr std::chrono::milliseconds kReleaseDelay{1000};

// Gives the allocator's free memory back to the system. glibc keeps what is freed in its arenas (a
// response made on a worker thread goes back to that worker's arena when the network thread frees
// it), so without this the RSS that clients who never read pushed up stays up after they are gone.
void ReleaseFreeMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

// The response the server sends itself when the parser refuses a request; 0 for errors that just
// end the connection (the client went away, or was too slow).
int StatusForParseError(const beast::error_code& ec) {
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) return 431;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  // Every other error of the HTTP parser means a malformed request; anything else (socket errors,
  // timeouts) ends the connection without an answer.
  if (ec.category() == beast::error_code(http::error::bad_method).category()) return 400;
  return 0;
}

HttpResponse ParseErrorResponse(int status) {
  HttpResponse r;
  switch (status) {
    case 413:
      r = ErrorResponse(413, "payload_too_large", "the request body is larger than allowed");
      break;
    case 431:
      r = ErrorResponse(431, "header_too_large", "the request header is larger than allowed");
      break;
    default:
      r = ErrorResponse(400, "bad_request", "malformed HTTP request");
      break;
  }
  r.close = true;
  return r;
}

// RFC 9112 6.1: a request whose final transfer coding is not chunked has no reliable length.
// Beast reads it as having no body, so its body would be taken as the next request (a request
// smuggled past a proxy that frames it differently); HTTP/1.0 has no transfer codings at all. We
// decode no coding but chunked, so anything but "chunked" alone is refused.
bool TransferEncodingIsValid(const http::request_parser<http::string_body>& parser) {
  const auto& header = parser.get();
  auto [begin, end] = header.equal_range(http::field::transfer_encoding);
  if (begin == end) return true;
  if (header.version() < 11 || !parser.chunked()) return false;
  size_t codings = 0;
  for (auto field = begin; field != end; ++field)
    for ([[maybe_unused]] auto coding : http::token_list(field->value())) ++codings;
  return codings == 1;
}

HttpResponse TransferEncodingResponse() {
  HttpResponse r = ErrorResponse(400, "bad_request",
                                 "Transfer-Encoding other than \"chunked\" is not supported");
  r.close = true;
  return r;
}

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

std::string Lower(beast::string_view s) {
  std::string out(s.data(), s.size());
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

HttpRequest ToRequest(http::request<http::string_body>&& req, std::string remote) {
  HttpRequest r;
  beast::string_view m = req.method_string();
  r.method.assign(m.data(), m.size());
  beast::string_view t = req.target();
  r.target.assign(t.data(), t.size());
  for (const auto& field : req) {
    beast::string_view v = field.value();
    r.headers.emplace_back(Lower(field.name_string()), std::string(v.data(), v.size()));
  }
  r.body = std::move(req.body());
  r.remote = std::move(remote);
  return r;
}

// The request's Origin header so far (a request refused for its size or syntax may have one), or
// "".
std::string RequestOrigin(const http::request_parser<http::string_body>& parser) {
  auto origin = parser.get().find(http::field::origin);
  if (origin == parser.get().end()) return "";
  return std::string(origin->value().data(), origin->value().size());
}

// The target of a request the server refuses, as far as it was read: the parser's once it has
// read the request line (and taken it from `buffer`), otherwise taken from the start of `buffer` (a
// request line over the header limit is never parsed); "" when not even that has arrived. Only
// picks the error's shape (HttpHandler::ShapeError).
std::string RefusedTarget(const http::request_parser<http::string_body>& parser,
                          const beast::flat_buffer& buffer) {
  if (!parser.get().target().empty()) return std::string(View(parser.get().target()));
  std::string_view raw(static_cast<const char*>(buffer.data().data()), buffer.size());
  size_t space = raw.find(' ');
  if (space == std::string_view::npos) return "";
  raw.remove_prefix(space + 1);
  return std::string(raw.substr(0, raw.find_first_of(" \r\n")));
}

bool ResolveHost(const std::string& host, net::ip::address* out) {
  beast::error_code ec;
  *out = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  return !ec;
}

}  // namespace

class Connection;

class HttpServer::Impl {
 public:
  Impl(const HttpServerOptions& options, CorsPolicy cors, HttpHandler* handler)
      : options_(options),
        cors_(std::move(cors)),
        handler_(handler),
        acceptor_(net::make_strand(ioc_)),
        retry_timer_(acceptor_.get_executor()),
        release_timer_(net::make_strand(ioc_)) {}

  const HttpServerOptions& options() const { return options_; }
  const CorsPolicy& cors() const { return cors_; }
  HttpHandler* handler() const { return handler_; }
  bool stopping() const { return stopping_.load(); }

  Status Listen(const net::ip::address& address) {
    tcp::endpoint endpoint(address, options_.port);
    beast::error_code ec;
    std::string where = "cannot listen on " + options_.host + ":" + std::to_string(options_.port);
    if (acceptor_.open(endpoint.protocol(), ec); ec)
      return Status::IoError(where + ": " + ec.message());
    if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec)
      return Status::IoError(where + ": " + ec.message());
    if (acceptor_.bind(endpoint, ec); ec) return Status::IoError(where + ": " + ec.message());
    if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec)
      return Status::IoError(where + ": " + ec.message());
    tcp::endpoint bound = acceptor_.local_endpoint(ec);
    if (ec) return Status::IoError(where + ": " + ec.message());
    port_ = bound.port();
    host_ = bound.address().to_string();
    loopback_ = bound.address().is_loopback();
    return Status::Ok();
  }

  Status Run() {
    // Connections whose request is with the handler have no operation pending on the
    // io_context; without this guard run() would return under them once the acceptor closes.
    work_.emplace(ioc_.get_executor());
    net::post(acceptor_.get_executor(), [this] { DoAccept(); });
    int n = std::max(1, options_.io_threads);
    try {
      for (int i = 0; i < n; ++i) threads_.emplace_back([this] { RunLoop(); });
    } catch (const std::exception& e) {
      Stop();
      return Status::Internal(std::string("cannot start the network threads: ") + e.what());
    }
    return Status::Ok();
  }

  void Stop();
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return stopping_.load(); });
    // A connection leaves conns_ when it closes; the object goes when the last handler or
    // operation holding it lets go, and its socket must go before the io_context does.
    auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
    cv_.wait_until(lock, deadline, [this] { return conns_.empty() && alive_ == 0; });
    lock.unlock();
    work_.reset();
    ioc_.stop();
    std::lock_guard<std::mutex> join(join_mu_);
    for (std::thread& t : threads_)
      if (t.joinable()) t.join();
    threads_.clear();
  }

  // Counts connection `id` from `address` as open, unless the address has its share of
  // connections or every connection is busy. At max_connections, the evictable connection that has
  // been so the longest gives up its place: it is no longer counted and goes to *evict, which the
  // caller closes.
  bool Admit(uint64_t id, const std::shared_ptr<Connection>& c, const net::ip::address& address,
             std::shared_ptr<Connection>* evict) {
    std::lock_guard<std::mutex> lock(mu_);
    auto from = per_address_.find(address);
    if (options_.max_connections_per_address > 0 && from != per_address_.end() &&
        from->second >= options_.max_connections_per_address) {
      ++rejected_per_address_;
      return false;
    }
    if (conns_.size() >= options_.max_connections) {
      if (evictable_.empty()) {
        ++rejected_;
        return false;
      }
      uint64_t oldest = evictable_.begin()->second;
      *evict = conns_.at(oldest).connection.lock();
      RemoveLocked(oldest);
      ++evicted_;
    }
    conns_.emplace(id, Entry{c, address, 0});
    ++per_address_[address];
    ++accepted_;
    return true;
  }
  void Unregister(uint64_t id) {
    std::lock_guard<std::mutex> lock(mu_);
    RemoveLocked(id);
  }
  // Whether connection `id` may make room for a new one, from its strand: while it waits for a
  // request and while it receives a header (which a client that means it sends in one go; a
  // slowloris never finishes), not once the header is in. `true` starts its turn anew, so a
  // client that has just begun a request is evicted last.
  void SetEvictable(uint64_t id, bool evictable) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = conns_.find(id);
    if (it == conns_.end()) return;  // evicted
    Entry& e = it->second;
    if (e.evictable != 0) evictable_.erase(e.evictable);
    e.evictable = evictable ? next_evictable_++ : 0;
    if (evictable) evictable_.emplace(e.evictable, id);
  }

  // After a connection dropped a large response its client never took: releases free memory
  // kReleaseDelay later, once for a whole burst of such drops.
  void ReleaseMemorySoon() {
    if (release_scheduled_.exchange(true)) return;
    net::post(release_timer_.get_executor(), [this] {
      release_timer_.expires_after(kReleaseDelay);
      release_timer_.async_wait([this](beast::error_code ec) {
        release_scheduled_ = false;
        if (!ec) ReleaseFreeMemory();
      });
    });
  }

  void CountTimeout() { ++timeouts_; }
  void CountFirstByteTimeout() { ++first_byte_timeouts_; }
  void CountWriteTimeout() { ++write_timeouts_; }
  void CountBadRequest() { ++bad_requests_; }
  // Counts `bytes` of a response held by a connection; the holder subtracts them when it lets go.
  // The holder shares the counter: a response may be released on a handler's thread after the
  // server is gone.
  std::shared_ptr<std::atomic<uint64_t>> TrackResponse(size_t bytes) {
    *response_bytes_ += bytes;
    return response_bytes_;
  }
  // Counts the Connection objects alive; Wait() returns only when none is, because a handler may
  // hold one (and answer through it) after its connection left conns_.
  class LiveConnection {
   public:
    explicit LiveConnection(Impl* server) : server_(server) {
      std::lock_guard<std::mutex> lock(server_->mu_);
      ++server_->alive_;
    }
    ~LiveConnection() {
      std::lock_guard<std::mutex> lock(server_->mu_);
      if (--server_->alive_ == 0) server_->cv_.notify_all();
    }
    LiveConnection(const LiveConnection&) = delete;
    LiveConnection& operator=(const LiveConnection&) = delete;

   private:
    Impl* const server_;
  };
  HttpServerStats stats() const {
    HttpServerStats s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      s.connections_open = conns_.size();
      s.connections_accepted = accepted_;
      s.connections_rejected = rejected_;
      s.connections_rejected_per_address = rejected_per_address_;
      s.connections_evicted = evicted_;
    }
    s.first_byte_timeouts = first_byte_timeouts_.load();
    s.timeouts = timeouts_.load();
    s.write_timeouts = write_timeouts_.load();
    s.bad_requests = bad_requests_.load();
    s.response_bytes_pending = response_bytes_->load();
    return s;
  }

  uint16_t port_ = 0;
  std::string host_;
  bool loopback_ = false;

 private:
  void RunLoop() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        // Handlers do not throw; this is the last line of defence (e.g. bad_alloc) so that one
        // failed connection does not take the server down.
        std::fprintf(stderr, "interdict serve: network thread: %s\n", e.what());
      }
    }
  }

  void DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket s) {
      OnAccept(ec, std::move(s));
    });
  }
  void OnAccept(beast::error_code ec, tcp::socket socket);

  struct Entry {
    std::weak_ptr<Connection> connection;
    net::ip::address address;
    uint64_t evictable;  // its key in evictable_, or 0
  };

  void RemoveLocked(uint64_t id) {
    auto it = conns_.find(id);
    if (it == conns_.end()) return;  // evicted before it closed
    if (it->second.evictable != 0) evictable_.erase(it->second.evictable);
    auto from = per_address_.find(it->second.address);
    if (--from->second == 0) per_address_.erase(from);
    conns_.erase(it);
    if (conns_.empty() && stopping_) cv_.notify_all();
  }

  const HttpServerOptions options_;
  const CorsPolicy cors_;
  HttpHandler* const handler_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  net::steady_timer release_timer_;  // on its own strand
  std::atomic<bool> release_scheduled_{false};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
  std::mutex join_mu_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<uint64_t, Entry> conns_;
  std::map<uint64_t, uint64_t> evictable_;          // evictable connections, longest so first
  std::map<net::ip::address, size_t> per_address_;  // open connections by client address
  uint64_t next_evictable_ = 1;
  uint64_t accepted_ = 0;
  uint64_t rejected_ = 0;
  uint64_t rejected_per_address_ = 0;
  uint64_t evicted_ = 0;
  uint64_t next_id_ = 1;  // acceptor strand only
  std::atomic<uint64_t> first_byte_timeouts_{0};
  std::atomic<uint64_t> timeouts_{0};
  std::atomic<uint64_t> write_timeouts_{0};
  std::atomic<uint64_t> bad_requests_{0};
  const std::shared_ptr<std::atomic<uint64_t>> response_bytes_ =
      std::make_shared<std::atomic<uint64_t>>(0);
  size_t alive_ = 0;  // Connection objects; guarded by mu_

  friend class Connection;
};

// One TCP connection: reads a request, hands it to the handler, writes the response, and again
// while the client keeps the connection alive. All of its work runs on its own strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, HttpServer::Impl* server, uint64_t id, const tcp::endpoint& peer)
      : live_(server),
        stream_(std::move(socket)),
        server_(server),
        id_(id),
        remote_(peer.address().to_string() + ":" + std::to_string(peer.port())) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadRequest(); });
  }

  // To make room at capacity (the server no longer counts it): closes like CloseIfIdle, and in any
  // case after the response in progress (its request may have reached the handler since it was
  // chosen).
  void Evict() {
    evicted_ = true;
    CloseIfIdle();
  }

  // On Stop(): a connection that is not working on a request is closed now; one that is will close
  // after writing its response.
  void CloseIfIdle() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ == Phase::kIdle || self->phase_ == Phase::kHeader ||
          self->phase_ == Phase::kBody)
        self->Close();
    });
  }

 private:
  enum class Phase { kIdle, kHeader, kBody, kHandling, kWriting, kLingering, kClosed };
  const HttpServerOptions& options() const { return server_->options(); }

  void ReadRequest() {
    if (server_->stopping() || evicted_) return Close();
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    parser_->header_limit(static_cast<uint32_t>(options().header_limit));
    if (buffer_.size() > 0) return ReadHeader();  // pipelined: the next request is already here
    phase_ = Phase::kIdle;
    server_->SetEvictable(id_, true);
    // Sockets that never send a byte are the cheapest way to fill a server: a new connection gets
    // less time than a kept-alive one, whose client has shown it speaks HTTP.
    stream_.expires_after(spoke_ ? options().idle_timeout : options().first_byte_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec) {
                                // Idle, or the client closed: nothing to answer.
                                if (ec == beast::error::timeout && !self->spoke_)
                                  self->server_->CountFirstByteTimeout();
                                return self->Close();
                              }
                              self->spoke_ = true;
                              self->buffer_.commit(n);
                              self->ReadHeader();
                            });
  }

  void ReadHeader() {
    phase_ = Phase::kHeader;
    server_->SetEvictable(id_, true);
    stream_.expires_after(options().header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->OnReadError(ec);
                              self->OnHeader();
                            });
  }

  void OnHeader() {
    phase_ = Phase::kBody;
    server_->SetEvictable(id_, false);
    if (!TransferEncodingIsValid(*parser_)) return Refuse(TransferEncodingResponse());
    if (parser_->is_done()) return Dispatch();
    auto expect = parser_->get().find(http::field::expect);
    if (expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue")) {
      // Clients that sent "Expect: 100-continue" wait (curl: 1 s) for this before the body.
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     parser_->get().version());
      stream_.expires_after(options().write_timeout);
      http::async_write(stream_, *cont,
                        [self = shared_from_this(), cont](beast::error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(options().body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->OnReadError(ec);
                       self->Dispatch();
                     });
  }

  void OnReadError(const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
      server_->CountTimeout();
      return Close();
    }
    int status = StatusForParseError(ec);
    if (status == 0) return Close();
    Refuse(ParseErrorResponse(status));
  }

  // Sends an error response the server makes itself, then closes.
  void Refuse(HttpResponse response) {
    server_->CountBadRequest();
    server_->handler()->ShapeError(RefusedTarget(*parser_, buffer_), &response);
    origin_ = RequestOrigin(*parser_);
    version_ = 11;
    keep_alive_ = false;
    Send(Serialize(std::move(response)), 0);
  }

  void Dispatch() {
    phase_ = Phase::kHandling;
    origin_ = RequestOrigin(*parser_);
    http::request<http::string_body> req = parser_->release();
    parser_.reset();
    version_ = req.version();
    keep_alive_ = req.keep_alive();
    const CorsPolicy& cors = server_->cors();
    if (cors.IsPreflight(View(req.method_string()), origin_,
                         View(req[http::field::access_control_request_method])))
      return Respond(
          cors.Preflight(origin_, View(req[http::field::access_control_request_headers])));
    // version_, keep_alive_ and origin_ are not written again before the response is sent, and the
    // handler hands the response over through the worker pool's mutex: Respond may read them
    // from a worker thread.
    server_->handler()->Handle(
        ToRequest(std::move(req), remote_),
        [self = shared_from_this()](HttpResponse response) { self->Respond(std::move(response)); });
  }

  // A response as bytes, and what the connection does after sending it. The body is the
  // handler's own string, not a copy: a response held for a slow client costs its size once. It
  // counts in the server's response_bytes_pending until released.
  struct Serialized {
    Serialized() = default;
    Serialized(const Serialized&) = delete;
    Serialized& operator=(const Serialized&) = delete;
    ~Serialized() {
      if (pending != nullptr) *pending -= head.size() + body.size();
    }
    size_t size() const { return head.size() + body.size(); }
    std::array<net::const_buffer, 2> buffers() const {
      return {net::buffer(head), net::buffer(body)};
    }

    std::string head;  // status line and header fields
    std::string body;
    bool keep = false;   // read the next request
    bool close = false;  // linger, then close (an error the server sent itself)
    std::shared_ptr<std::atomic<uint64_t>> pending;
  };

  std::shared_ptr<Serialized> Serialize(HttpResponse response) const {
    http::response<http::string_body> res;
    res.version(version_);
    res.result(static_cast<unsigned>(response.status));
    res.set(http::field::server, "interdict");
    if (!response.content_type.empty()) res.set(http::field::content_type, response.content_type);
    server_->cors().AddHeaders(origin_, &response.headers);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    res.body() = std::move(response.body);
    auto out = std::make_shared<Serialized>();
    out->close = response.close;
    out->keep = keep_alive_ && !response.close && !server_->stopping() && !evicted_;
    res.keep_alive(out->keep);
    res.prepare_payload();
    // RFC 9110 8.6: a 204 (a CORS preflight's) has no body, and must not say it has one.
    if (response.status == 204) res.erase(http::field::content_length);
    std::ostringstream os;
    os << res.base();
    out->head = std::move(os).str();
    out->body = std::move(res.body());
    out->pending = server_->TrackResponse(out->size());
    return out;
  }

  // The handler's answer, on whatever thread the handler gave it. The bytes go out from this
  // thread when the socket takes them at once (a response fits the socket's send buffer nearly
  // always), which spares a wake-up of the network thread on the way out; the rest, and what
  // follows, happens on the connection's strand. No operation is pending on the socket while a
  // request is with the handler, so this write cannot interleave with another.
  void Respond(HttpResponse response) {
    std::shared_ptr<Serialized> out = Serialize(std::move(response));
    size_t sent = 0;
    if (!out->close) {
      beast::error_code ec;
      sent = stream_.socket().write_some(out->buffers(), ec);  // non-blocking socket
      if (ec) sent = 0;  // would block, or a broken connection: the strand finds out
    }
    net::post(stream_.get_executor(),
              [self = shared_from_this(), out, sent] { self->Send(out, sent); });
  }

  // Sends *out from byte `sent` on, then goes on with the connection.
  void Send(std::shared_ptr<Serialized> out, size_t sent) {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kWriting;
    if (sent == out->size()) return AfterWrite(*out);
    beast::buffers_suffix<std::array<net::const_buffer, 2>> rest(out->buffers());
    rest.consume(sent);
    stream_.expires_after(options().write_timeout);
    net::async_write(stream_, rest, [self = shared_from_this(), out](beast::error_code ec, size_t) {
      if (!ec) return self->AfterWrite(*out);
      if (ec == beast::error::timeout) self->server_->CountWriteTimeout();
      if (out->size() >= kReleaseAfterDroppedBytes) self->server_->ReleaseMemorySoon();
      self->Close();
    });
  }

  void AfterWrite(const Serialized& out) {
    if (out.close) return Linger();
    if (!out.keep) return Close();
    ReadRequest();
  }

  // After an error response that closes the connection: stop sending, then read and discard what
  // the client still sends until it closes, for a bounded time and size.
  void Linger() {
    phase_ = Phase::kLingering;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTime);
    LingerRead(0);
  }
  void LingerRead(size_t so_far) {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this(), so_far](beast::error_code ec, size_t n) {
                              if (ec || so_far + n > kLingerBytes) return self->Close();
                              self->LingerRead(so_far + n);
                            });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
    server_->Unregister(id_);
  }

  // First, so that it is destroyed last: the server may be destroyed once it is.
  HttpServer::Impl::LiveConnection live_;
  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  const uint64_t id_;
  std::string remote_;
  beast::flat_buffer buffer_{1 << 16};
  std::optional<http::request_parser<http::string_body>> parser_;
  Phase phase_ = Phase::kIdle;
  bool spoke_ = false;  // the client has sent a byte
  // Set on the acceptor's strand, read where the response is serialized (any thread).
  std::atomic<bool> evicted_{false};
  unsigned version_ = 11;
  bool keep_alive_ = false;
  std::string origin_;  // of the request being answered
};

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping_) return;
  if (ec) {
    if (ec == net::error::operation_aborted) return;
    // Out of file descriptors and the like: wait a little instead of spinning.
    std::fprintf(stderr, "interdict serve: accept: %s\n", ec.message().c_str());
    retry_timer_.expires_after(std::chrono::milliseconds(50));
    retry_timer_.async_wait([this](beast::error_code) {
      if (!stopping_) DoAccept();
    });
    return;
  }
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return DoAccept();  // already gone
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  // For Connection::Respond's direct write; asynchronous operations are unaffected.
  socket.non_blocking(true, ignored);
  uint64_t id = next_id_++;
  auto c = std::make_shared<Connection>(std::move(socket), this, id, peer);
  std::shared_ptr<Connection> evict;
  bool admitted = Admit(id, c, peer.address(), &evict);
  if (evict != nullptr) evict->Evict();
  if (admitted) c->Start();  // otherwise its socket closes with it
  DoAccept();
}

void HttpServer::Impl::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    cv_.notify_all();
  }
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
    retry_timer_.cancel();
  });
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, entry] : conns_)
      if (auto c = entry.connection.lock()) open.push_back(std::move(c));
  }
  for (auto& c : open) c->CloseIfIdle();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
}

Status HttpServer::Start(const HttpServerOptions& options, HttpHandler* handler,
                         std::unique_ptr<HttpServer>* out) {
  net::ip::address address;
  if (!ResolveHost(options.host, &address))
    return Status::InvalidInput("host '" + options.host +
                                "' is not an IP address (or \"localhost\")");
  CorsPolicy cors;
  INTERDICT_RETURN_IF_ERROR(CorsPolicy::Create(options.cors_origins, &cors));
  auto impl = std::make_unique<Impl>(options, std::move(cors), handler);
  INTERDICT_RETURN_IF_ERROR(impl->Listen(address));
  std::unique_ptr<HttpServer> server(new HttpServer(std::move(impl)));
  INTERDICT_RETURN_IF_ERROR(server->impl_->Run());
  *out = std::move(server);
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->port_; }
const std::string& HttpServer::host() const { return impl_->host_; }
bool HttpServer::loopback() const { return impl_->loopback_; }
void HttpServer::Stop() { impl_->Stop(); }
void HttpServer::Wait() { impl_->Wait(); }
HttpServerStats HttpServer::stats() const { return impl_->stats(); }

bool IsLoopbackHost(const std::string& host) {
  net::ip::address address;
  return ResolveHost(host, &address) && address.is_loopback();
}

bool ParseHttpRequest(std::string_view raw, const HttpServerOptions& limits, HttpRequest* out,
                      HttpResponse* error) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(limits.body_limit);
  parser.header_limit(static_cast<uint32_t>(limits.header_limit));
  beast::error_code ec;
  size_t offset = 0;
  while (offset < raw.size() && !parser.is_done()) {
    size_t used = parser.put(net::buffer(raw.data() + offset, raw.size() - offset), ec);
    if (ec == http::error::need_more) {
      ec = {};
      break;
    }
    if (ec || used == 0) break;
    offset += used;
  }
  if (!ec && parser.is_header_done() && !TransferEncodingIsValid(parser)) {
    *error = TransferEncodingResponse();
    return false;
  }
  if (!ec && !parser.is_done()) {
    // put_eof requires that the parser got some bytes (Beast asserts it): no bytes at all is an
    // incomplete message too.
    if (parser.got_some())
      parser.put_eof(ec);
    else
      ec = http::error::partial_message;
  }
  if (ec || !parser.is_done()) {
    int status = ec ? StatusForParseError(ec) : 400;
    *error = ParseErrorResponse(status == 0 ? 400 : status);
    return false;
  }
  *out = ToRequest(parser.release(), "fuzz");
  return true;
}

}  // namespace interdict::server
