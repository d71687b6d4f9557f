// HttpServer on its own, with a test handler: keep-alive, pipelining, limits, message framing,
// slow clients and clients that never read, connection limits (per address, eviction of idle
// connections), CORS and the graceful stop.
#include "server/http_server.h"

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using testing::Client;
using ::testing::HasSubstr;
using testing::HttpResult;

// Echoes "<method> <target> <body bytes>"; "/slow?ms=N" answers after N ms from another thread;
// "/big?kb=N" answers with N KiB; "/fail" answers 401.
class EchoHandler : public HttpHandler {
 public:
  ~EchoHandler() override {
    for (std::thread& t : threads_) t.join();
  }
  void Handle(HttpRequest request, std::function<void(HttpResponse)> respond) override {
    ++handled;
    HttpResponse r;
    r.content_type = "text/plain";
    r.body = request.method + " " + request.target + " " + std::to_string(request.body.size());
    if (request.target.rfind("/slow?ms=", 0) == 0) {
      int ms = std::atoi(request.target.c_str() + 9);
      std::lock_guard<std::mutex> lock(mu_);
      threads_.emplace_back([ms, r, respond] {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        respond(r);
      });
      return;
    }
    if (request.target == "/fail") r = ErrorResponse(401, "unauthorized", "no key");
    if (request.target.rfind("/big?kb=", 0) == 0)
      r.body.assign(static_cast<size_t>(std::atoi(request.target.c_str() + 8)) << 10, 'b');
    respond(std::move(r));
  }
  std::atomic<int> handled{0};

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

// A bare TCP connection from a chosen loopback address (all of 127.0.0.0/8 is local on Linux), so
// that tests can stand for several clients. The server sees `source` as the client's address.
class RawConnection {
 public:
  RawConnection(const char* source, uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes) {
    return fd_ >= 0 && send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                           static_cast<ssize_t>(bytes.size());
  }
  // Whether the server closed the connection within `timeout` (bytes it sends are skipped).
  bool ClosedByPeer(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[4096];
      if (recv(fd_, buf, sizeof buf, 0) <= 0) return true;
    }
  }

 private:
  int fd_ = -1;
};

// Polls `done` for up to 5 s: what the server does after a client's action happens on its own
// threads.
template <typename Predicate>
bool Eventually(Predicate done) {
  for (int i = 0; i < 2500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return done();
}

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(HttpServerOptions o = {}) {
    o.host = "127.0.0.1";
    o.port = 0;
    Status s = HttpServer::Start(o, &handler_, &server_);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  uint16_t port() const { return server_->port(); }
  EchoHandler handler_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, KeepsTheConnectionAliveAcrossRequests) {
  Start();
  Client c(port());
  ASSERT_TRUE(c.Connect());
  for (int i = 0; i < 5; ++i) {
    HttpResult r = c.Request("POST", "/x?i=" + std::to_string(i), "abc");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "POST /x?i=" + std::to_string(i) + " 3");
    EXPECT_EQ(r.Header("server"), "interdict");
    EXPECT_TRUE(c.connected());
  }
  EXPECT_EQ(server_->stats().connections_accepted, 1u);
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  Start();
  Client c(port());
  ASSERT_TRUE(c.SendRaw("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.ReadResponse().body, "GET /a 0");
  EXPECT_EQ(c.ReadResponse().body, "GET /b 0");
}

TEST_F(HttpServerTest, SendsContinueToClientsThatAskForIt) {
  Start();
  Client c(port());
  ASSERT_TRUE(
      c.SendRaw("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                "Content-Length: 5\r\n\r\n"));
  // The 100 must come before the body is sent (curl would otherwise wait a second).
  std::string head = c.ReadUntil("\r\n\r\n", std::chrono::milliseconds(2000));
  EXPECT_EQ(head.substr(0, 23), "HTTP/1.1 100 Continue\r\n");
  ASSERT_TRUE(c.SendRaw("hello"));
  HttpResult r = c.ReadResponse();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /e 5");
}

TEST_F(HttpServerTest, RefusesOversizedBodiesAndHeadersAndGarbage) {
  HttpServerOptions o;
  o.body_limit = 1000;
  o.header_limit = 2000;
  Start(o);
  {
    Client c(port());
    HttpResult r = c.Request("POST", "/big", std::string(1001, 'x'));
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.Json()["error"]["code"], "payload_too_large");
    EXPECT_EQ(r.Header("connection"), "close");
  }
  {
    Client c(port());
    HttpResult r = c.Request("GET", "/h", "", {{"X-Big", std::string(3000, 'a')}});
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(r.Json()["error"]["code"], "header_too_large");
  }
  {
    Client c(port());
    ASSERT_TRUE(c.SendRaw("THIS IS NOT HTTP\r\n\r\n"));
    HttpResult r = c.ReadResponse();
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.Json()["error"]["code"], "bad_request");
  }
  {
    Client c(port());
    ASSERT_TRUE(c.SendRaw("POST /x HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n"));
    EXPECT_EQ(c.ReadResponse().status, 400);
  }
  EXPECT_EQ(handler_.handled.load(), 0);  // none of them reached the handler
  EXPECT_EQ(server_->stats().bad_requests, 4u);
  // A 1000-byte body is fine.
  EXPECT_EQ(testing::Fetch(port(), "POST", "/ok", std::string(1000, 'x')).status, 200);
}

TEST_F(HttpServerTest, DropsSlowHeadersAndBodiesButNotQuickClients) {
  HttpServerOptions o;
  o.header_timeout = std::chrono::milliseconds(300);
  o.body_timeout = std::chrono::milliseconds(300);
  Start(o);
  Client slow_header(port());
  ASSERT_TRUE(slow_header.SendRaw("GET /x HTTP/1.1\r\nHost: x\r\n"));  // header never finished
  Client slow_body(port());
  ASSERT_TRUE(slow_body.SendRaw("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part"));
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow_header.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_TRUE(slow_body.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  // Beast's timer closes the socket before the read's completion (which counts) runs.
  for (int i = 0; i < 500 && server_->stats().timeouts < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ(server_->stats().timeouts, 2u);
  EXPECT_EQ(handler_.handled.load(), 0);
  // Meanwhile a normal client is served.
  EXPECT_EQ(testing::Fetch(port(), "GET", "/fine").status, 200);
}

TEST_F(HttpServerTest, ClosesIdleConnections) {
  HttpServerOptions o;
  o.idle_timeout = std::chrono::milliseconds(300);
  Start(o);
  Client c(port());
  ASSERT_EQ(c.Request("GET", "/first").status, 200);
  EXPECT_TRUE(c.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_EQ(server_->stats().timeouts, 0u);  // an idle close is not a slow client
}

TEST_F(HttpServerTest, StopFinishesRequestsInFlightAndRefusesNewConnections) {
  Start();
  Client busy(port());
  Client idle(port());
  ASSERT_EQ(idle.Request("GET", "/warm").status, 200);
  ASSERT_TRUE(busy.SendRaw("GET /slow?ms=500 HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (int i = 0; i < 500 && handler_.handled < 2; ++i)  // the slow request is with the handler
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(handler_.handled.load(), 2);
  const uint16_t p = port();
  std::thread stopper([this] {
    server_->Stop();
    server_->Wait();
  });
  HttpResult r = busy.ReadResponse(std::chrono::seconds(5));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GET /slow?ms=500 0");
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_TRUE(idle.ClosedByPeer(std::chrono::seconds(5)));
  stopper.join();
  Client late(p);
  EXPECT_FALSE(late.Connect());
}

// A handler answers and only then lets go of its `respond` (a worker's closure outliving the
// answer): the server's destruction waits for it, since the connection it holds uses the server's
// network machinery as it goes. Under ASan this was a use after free (seen in CI).
class LingeringHandler : public HttpHandler {
 public:
  ~LingeringHandler() override {
    if (worker_.joinable()) worker_.join();
  }
  void Handle(HttpRequest, std::function<void(HttpResponse)> respond) override {
    worker_ = std::thread([respond = std::move(respond)]() mutable {
      HttpResponse r;
      r.body = "answered";
      respond(r);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      respond = nullptr;  // the last hold on the connection
    });
  }

 private:
  std::thread worker_;
};

TEST(HttpServerLifetimeTest, DestructionWaitsForConnectionsAHandlerStillHolds) {
  LingeringHandler handler;
  std::unique_ptr<HttpServer> server;
  HttpServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  ASSERT_TRUE(HttpServer::Start(o, &handler, &server).ok());
  Client c(server->port());
  HttpResult r = c.Request("GET", "/x");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "answered");
  c.Close();  // the connection leaves the server's table while the handler still holds it
  auto t0 = std::chrono::steady_clock::now();
  server.reset();
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100));
}

TEST_F(HttpServerTest, RefusesEveryTransferEncodingButChunkedAlone) {
  Start();
  // Without a final "chunked", Beast reads the request as having no body, so the bytes after the
  // header would be taken as another request: one smuggled past whatever frames them differently.
  // "gzip, chunked" is framed, but its body would reach the handler still compressed.
  const char* kCodings[] = {
      "identity",         "gzip", "gzip, identity", "chunked, identity", "gzip, chunked",
      "chunked, chunked", ""};
  for (const char* coding : kCodings) {
    SCOPED_TRACE(coding);
    Client c(port());
    ASSERT_TRUE(c.SendRaw(std::string("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") +
                          coding + "\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"));
    HttpResult r = c.ReadResponse(std::chrono::seconds(5));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.Json()["error"]["code"], "bad_request");
    EXPECT_THAT(r.Json()["error"]["message"].get<std::string>(), HasSubstr("Transfer-Encoding"));
    EXPECT_EQ(r.Header("connection"), "close");
  }
  {
    SCOPED_TRACE("with Content-Length");
    Client c(port());
    ASSERT_TRUE(c.SendRaw(
        "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n\r\n"
        "hello"));
    EXPECT_EQ(c.ReadResponse(std::chrono::seconds(5)).status, 400);
  }
  {
    SCOPED_TRACE("HTTP/1.0");  // has no transfer codings at all
    Client c(port());
    ASSERT_TRUE(
        c.SendRaw("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    EXPECT_EQ(c.ReadResponse(std::chrono::seconds(5)).status, 400);
  }
  EXPECT_EQ(handler_.handled.load(), 0);
  EXPECT_EQ(server_->stats().bad_requests, 9u);
  // Chunked alone is read as such.
  Client c(port());
  ASSERT_TRUE(
      c.SendRaw("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"
                "5\r\nhello\r\n0\r\n\r\n"));
  HttpResult r = c.ReadResponse(std::chrono::seconds(5));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /c 5");
}

TEST(ParseHttpRequestTest, RefusesEveryTransferEncodingButChunkedAlone) {
  HttpServerOptions limits;
  HttpRequest request;
  HttpResponse error;
  EXPECT_FALSE(
      ParseHttpRequest("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n", limits,
                       &request, &error));
  EXPECT_EQ(error.status, 400);
  EXPECT_TRUE(error.close);
  ASSERT_TRUE(ParseHttpRequest(
      "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
      limits, &request, &error));
  EXPECT_EQ(request.body, "ok");
}

// No bytes, or bytes the parser takes none of, are an incomplete request: 400, never a call to
// Beast's put_eof without input (its precondition; the fuzzer's assertion-enabled build found it).
TEST(ParseHttpRequestTest, NothingAtAllIsABadRequest) {
  HttpServerOptions limits;
  HttpRequest request;
  HttpResponse error;
  for (std::string_view raw : {std::string_view(), std::string_view("\0", 1),
                               std::string_view("GET /x HTTP/1.1\r\nHost")}) {
    EXPECT_FALSE(ParseHttpRequest(raw, limits, &request, &error)) << raw;
    EXPECT_EQ(error.status, 400) << raw;
  }
}

TEST_F(HttpServerTest, ClosesConnectionsThatSendNothingSoonerThanIdleOnes) {
  HttpServerOptions o;
  o.first_byte_timeout = std::chrono::milliseconds(300);
  o.idle_timeout = std::chrono::seconds(60);
  Start(o);
  Client used(port());
  ASSERT_EQ(used.Request("GET", "/a").status, 200);
  Client silent(port());
  ASSERT_TRUE(silent.Connect());
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(silent.ClosedByPeer(std::chrono::seconds(10)));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
  EXPECT_TRUE(Eventually([&] { return server_->stats().first_byte_timeouts == 1; }));
  // The connection that has had a request waits for its next one up to idle_timeout.
  EXPECT_FALSE(used.ClosedByPeer(std::chrono::milliseconds(100)));
  EXPECT_EQ(used.Request("GET", "/b").status, 200);
  EXPECT_EQ(server_->stats().connections_accepted, 2u);
  EXPECT_EQ(server_->stats().timeouts, 0u);
}

TEST_F(HttpServerTest, ASlowlorisCannotExtendTheHeaderTimeout) {
  HttpServerOptions o;
  o.header_timeout = std::chrono::milliseconds(500);
  Start(o);
  Client c(port());
  // One byte every 50 ms: each read makes progress, none of them may restart the clock.
  std::string head = "GET /x HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(200, 'a');
  auto t0 = std::chrono::steady_clock::now();
  bool closed = false;
  for (size_t i = 0; i < head.size() && !closed; ++i)
    closed = !c.SendRaw(head.substr(i, 1)) || c.ClosedByPeer(std::chrono::milliseconds(50));
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
  EXPECT_TRUE(Eventually([&] { return server_->stats().timeouts == 1; }));
}

TEST_F(HttpServerTest, ProbesAreAnsweredWhileOneAddressFloodsTheServer) {
  HttpServerOptions o;
  o.max_connections = 24;
  o.max_connections_per_address = 8;
  // Long enough that eviction, not the first-byte timeout, is what makes room here.
  o.first_byte_timeout = std::chrono::seconds(60);
  o.header_timeout = std::chrono::seconds(60);
  Start(o);
  std::vector<std::unique_ptr<RawConnection>> flood;
  // One address: slowloris connections (a header begun, never finished) and idle sockets.
  for (int i = 0; i < 40; ++i) {
    flood.push_back(std::make_unique<RawConnection>("127.0.0.2", port()));
    ASSERT_TRUE(flood.back()->connected());
    if (i < 4) {
      ASSERT_TRUE(flood.back()->Send("GET / HTTP/1.1\r\nHost: x\r\nX-"));
    }
  }
  // Two more addresses fill the rest of the server with sockets that never send anything.
  for (int i = 0; i < 16; ++i) {
    flood.push_back(std::make_unique<RawConnection>(i % 2 ? "127.0.0.3" : "127.0.0.4", port()));
    ASSERT_TRUE(flood.back()->connected());
  }
  ASSERT_TRUE(Eventually([&] {
    HttpServerStats s = server_->stats();
    return s.connections_accepted + s.connections_rejected_per_address >= 56;
  }));
  EXPECT_EQ(server_->stats().connections_rejected_per_address, 32u);
  EXPECT_EQ(server_->stats().connections_open, 24u);
  // The server is full; a probe on a fresh connection from another address is answered at once.
  auto t0 = std::chrono::steady_clock::now();
  HttpResult r = testing::Fetch(port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GET /healthz 0");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_EQ(server_->stats().connections_evicted, 1u);
  EXPECT_EQ(server_->stats().connections_rejected, 0u);
}

TEST_F(HttpServerTest, AtCapacityEvictsTheLongestIdleAndRefusesOnlyWhenAllAreBusy) {
  HttpServerOptions o;
  o.max_connections = 3;
  o.max_connections_per_address = 0;  // no cap: every client here is 127.0.0.1
  Start(o);
  Client oldest(port()), newer(port()), busy(port());
  ASSERT_EQ(oldest.Request("GET", "/1").status, 200);
  ASSERT_EQ(newer.Request("GET", "/2").status, 200);
  ASSERT_TRUE(busy.SendRaw("GET /slow?ms=2000 HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(Eventually([&] { return handler_.handled == 3; }));
  // Full: a new client takes the place of the connection that has been idle the longest.
  EXPECT_EQ(testing::Fetch(port(), "GET", "/3").status, 200);
  EXPECT_TRUE(oldest.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_EQ(server_->stats().connections_evicted, 1u);
  ASSERT_TRUE(Eventually([&] { return server_->stats().connections_open == 2; }));
  // Every connection busy with a request: a new one is refused.
  Client third(port());
  ASSERT_TRUE(newer.SendRaw("GET /slow?ms=2000 HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(third.SendRaw("GET /slow?ms=2000 HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(Eventually([&] { return handler_.handled == 6; }));
  Client refused(port());
  ASSERT_TRUE(refused.Connect());
  EXPECT_TRUE(refused.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_EQ(server_->stats().connections_rejected, 1u);
  EXPECT_EQ(server_->stats().connections_evicted, 1u);
  // The busy ones are answered.
  EXPECT_EQ(busy.ReadResponse(std::chrono::seconds(10)).status, 200);
  EXPECT_EQ(newer.ReadResponse(std::chrono::seconds(10)).status, 200);
  EXPECT_EQ(third.ReadResponse(std::chrono::seconds(10)).status, 200);
}

TEST_F(HttpServerTest, AtCapacityASlowlorisMakesRoomForANewClient) {
  HttpServerOptions o;
  o.max_connections = 4;
  o.max_connections_per_address = 0;
  o.header_timeout = std::chrono::seconds(60);
  Start(o);
  // Headers begun and never finished, from as many addresses as it takes to fill the server.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<RawConnection>(i % 2 ? "127.0.0.2" : "127.0.0.3", port()));
    ASSERT_TRUE(slow.back()->Send("GET / HTTP/1.1\r\nHost: x\r\nX-"));
  }
  ASSERT_TRUE(Eventually([&] { return server_->stats().connections_accepted == 4; }));
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(testing::Fetch(port(), "GET", "/healthz").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_EQ(server_->stats().connections_evicted, 1u);
  EXPECT_EQ(server_->stats().connections_rejected, 0u);
}

TEST_F(HttpServerTest, ClosesClientsThatNeverReadAndFreesTheirResponses) {
  HttpServerOptions o;
  o.write_timeout = std::chrono::milliseconds(500);
  Start(o);
  // 64 pipelined requests for 1 MiB each, and never a byte read: once the socket buffers are
  // full the server's write stalls.
  std::string requests;
  for (int i = 0; i < 64; ++i) requests += "GET /big?kb=1024 HTTP/1.1\r\nHost: x\r\n\r\n";
  RawConnection dead("127.0.0.1", port());
  ASSERT_TRUE(dead.Send(requests));
  EXPECT_TRUE(Eventually([&] { return server_->stats().write_timeouts == 1; }));
  EXPECT_TRUE(Eventually([&] {
    HttpServerStats s = server_->stats();
    return s.connections_open == 0 && s.response_bytes_pending == 0;
  }));
  // It held one response at a time, and read no request after the stalled one.
  EXPECT_LT(handler_.handled.load(), 64);
  EXPECT_EQ(testing::Fetch(port(), "GET", "/big?kb=1").body.size(), 1024u);
}

// As a browser sends them for a page on `origin` that POSTs JSON with an API key.
std::string Preflight(const std::string& origin) {
  return "OPTIONS /v1/screen HTTP/1.1\r\nHost: api.example\r\nOrigin: " + origin +
         "\r\nAccess-Control-Request-Method: POST\r\n"
         "Access-Control-Request-Headers: authorization,content-type,x-tracking\r\n\r\n";
}
std::string Post(const std::string& origin, const std::string& target = "/v1/screen") {
  return "POST " + target + " HTTP/1.1\r\nHost: api.example\r\nOrigin: " + origin +
         "\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\n"
         "Content-Length: 2\r\n\r\n{}";
}
bool HasCorsHeader(const HttpResult& r) {
  for (const auto& [name, value] : r.headers)
    if (name.rfind("access-control-", 0) == 0) return true;
  return false;
}

TEST_F(HttpServerTest, CorsIsOffByDefault) {
  Start();
  Client c(port());
  ASSERT_TRUE(c.SendRaw(Preflight("https://app.example")));
  HttpResult r = c.ReadResponse();
  EXPECT_EQ(r.body, "OPTIONS /v1/screen 0");  // the handler's, as without CORS
  EXPECT_FALSE(HasCorsHeader(r));
  EXPECT_EQ(r.Header("vary"), "");
  ASSERT_TRUE(c.SendRaw(Post("https://app.example")));
  r = c.ReadResponse();
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(HasCorsHeader(r));
}

TEST_F(HttpServerTest, AnswersAPreflightThenServesTheRequestOfAnAllowedOrigin) {
  HttpServerOptions o;
  o.cors_origins = {"https://app.example", "http://localhost:3000"};
  Start(o);
  Client c(port());
  ASSERT_TRUE(c.SendRaw(Preflight("https://app.example")));
  HttpResult r = c.ReadResponse();
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  EXPECT_EQ(r.Header("access-control-allow-methods"), "GET, POST, OPTIONS");
  // x-tracking is not allowed: the browser will refuse to send it, naming it.
  EXPECT_EQ(r.Header("access-control-allow-headers"), "authorization, content-type");
  EXPECT_EQ(r.Header("access-control-max-age"), "600");
  EXPECT_EQ(r.Header("vary"), "Origin");
  EXPECT_EQ(r.Header("content-type"), "");
  EXPECT_EQ(r.Header("content-length"), "");  // a 204 has no body, and says nothing of it
  EXPECT_EQ(handler_.handled.load(), 0);      // answered by the server, no API key needed
  EXPECT_TRUE(c.connected());
  ASSERT_TRUE(c.SendRaw(Post("https://app.example")));
  r = c.ReadResponse();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /v1/screen 2");
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  EXPECT_EQ(r.Header("vary"), "Origin");
  EXPECT_THAT(r.Header("access-control-expose-headers"), HasSubstr("X-Request-Id"));
  EXPECT_EQ(server_->stats().connections_accepted, 1u);
  // Scheme and host compare case-insensitively; the default port is the same as none. The
  // browser gets its own spelling back.
  for (const std::string origin :
       {"HTTPS://App.Example", "https://app.example:443", "http://localhost:3000"}) {
    r = testing::Fetch(port(), "GET", "/x", "", {{"Origin", origin}});
    EXPECT_EQ(r.Header("access-control-allow-origin"), origin);
  }
}

TEST_F(HttpServerTest, ServesADisallowedOriginWithoutCorsHeadersAndRefusesItsPreflight) {
  HttpServerOptions o;
  o.cors_origins = {"https://app.example"};
  Start(o);
  for (const std::string origin : {"https://app.example.evil", "http://app.example",
                                   "https://app.example:8443", "https://evil.example", "null"}) {
    Client c(port());
    ASSERT_TRUE(c.SendRaw(Preflight(origin)));
    HttpResult r = c.ReadResponse();
    EXPECT_EQ(r.status, 403) << origin;
    EXPECT_EQ(r.Json()["error"]["code"], "cors_origin_not_allowed");
    EXPECT_FALSE(HasCorsHeader(r)) << origin;
    EXPECT_EQ(r.Header("vary"), "Origin");
    // The request itself is served as without CORS: the browser keeps the answer from the page.
    ASSERT_TRUE(c.SendRaw(Post(origin)));
    r = c.ReadResponse();
    EXPECT_EQ(r.status, 200) << origin;
    EXPECT_FALSE(HasCorsHeader(r)) << origin;
    EXPECT_EQ(r.Header("vary"), "Origin");
  }
  EXPECT_EQ(handler_.handled.load(), 5);  // the POSTs, not the preflights
  // No Origin (not a browser, or same-origin): served, told that the answer depends on Origin.
  HttpResult r = testing::Fetch(port(), "GET", "/x");
  EXPECT_FALSE(HasCorsHeader(r));
  EXPECT_EQ(r.Header("vary"), "Origin");
  // An OPTIONS that is no preflight goes to the handler.
  r = testing::Fetch(port(), "OPTIONS", "/x", "", {{"Origin", "https://app.example"}});
  EXPECT_EQ(r.body, "OPTIONS /x 0");
}

TEST_F(HttpServerTest, AnyOriginWithAStar) {
  HttpServerOptions o;
  o.cors_origins = {"*"};
  Start(o);
  for (const std::string origin : {"https://anyone.example", "null"}) {
    Client c(port());
    ASSERT_TRUE(c.SendRaw(Preflight(origin)));
    HttpResult r = c.ReadResponse();
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
    EXPECT_EQ(r.Header("access-control-allow-headers"), "authorization, content-type");
    EXPECT_EQ(r.Header("vary"), "");
    ASSERT_TRUE(c.SendRaw(Post(origin)));
    r = c.ReadResponse();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  }
  // The same answer with or without an Origin, so a cache cannot serve one without the header.
  EXPECT_EQ(testing::Fetch(port(), "GET", "/x").Header("access-control-allow-origin"), "*");
  EXPECT_EQ(handler_.handled.load(), 3);
}

TEST_F(HttpServerTest, ErrorResponsesCarryTheCorsHeaders) {
  HttpServerOptions o;
  o.cors_origins = {"https://app.example"};
  o.body_limit = 1000;
  Start(o);
  // The handler's error (a browser page must be able to read why it was refused).
  HttpResult r = testing::Fetch(port(), "GET", "/fail", "", {{"Origin", "https://app.example"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  // The server's own: a body over the limit, a Transfer-Encoding it refuses.
  r = testing::Fetch(port(), "POST", "/big", std::string(1001, 'x'),
                     {{"Origin", "https://app.example"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
  Client c(port());
  ASSERT_TRUE(
      c.SendRaw("POST /x HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                "Transfer-Encoding: gzip\r\n\r\n"));
  r = c.ReadResponse();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "https://app.example");
}

TEST(HttpServerStartTest, RefusesBadCorsOrigins) {
  EchoHandler handler;
  std::unique_ptr<HttpServer> server;
  HttpServerOptions o;
  o.port = 0;
  o.cors_origins = {"https://app.example", "https://app.example/"};
  Status s = HttpServer::Start(o, &handler, &server);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("'https://app.example/'"));
}

TEST(HttpServerStartTest, RefusesBadHostsAndBusyPorts) {
  EchoHandler handler;
  std::unique_ptr<HttpServer> server;
  HttpServerOptions o;
  o.host = "example.com";
  Status s = HttpServer::Start(o, &handler, &server);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("not an IP address"));
  o.host = "127.0.0.1";
  o.port = 0;
  ASSERT_TRUE(HttpServer::Start(o, &handler, &server).ok());
  EXPECT_TRUE(server->loopback());
  std::unique_ptr<HttpServer> second;
  o.port = server->port();
  s = HttpServer::Start(o, &handler, &second);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(o.port)));
}

}  // namespace
}  // namespace interdict::server
