// HttpServer on its own, with a test handler: keep-alive, pipelining, limits, slow clients,
// connection limits and the graceful stop.
#include "server/http_server.h"

#include <atomic>
#include <future>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using testing::Client;
using ::testing::HasSubstr;
using testing::HttpResult;

// Echoes "<method> <target> <body bytes>"; "/slow?ms=N" answers after N ms from another thread.
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
    respond(std::move(r));
  }
  std::atomic<int> handled{0};

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

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

TEST_F(HttpServerTest, ClosesConnectionsBeyondTheLimit) {
  HttpServerOptions o;
  o.max_connections = 2;
  Start(o);
  Client a(port()), b(port()), c(port());
  ASSERT_EQ(a.Request("GET", "/a").status, 200);
  ASSERT_EQ(b.Request("GET", "/b").status, 200);
  ASSERT_TRUE(c.Connect());
  EXPECT_TRUE(c.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_EQ(server_->stats().connections_rejected, 1u);
  a.Close();
  for (int i = 0; i < 100 && server_->stats().connections_open > 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(testing::Fetch(port(), "GET", "/again").status, 200);
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
