// A fixture for the read-only endpoint tests: one server per suite (starting one loads the
// lists: about a second) on a copy of the base store, and request helpers.
#pragma once

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace interdict::server::testing {

class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    startup_error_ = StartReady(TestOptions(CopyBaseStore(*dir_)), &server_);
  }
  void SetUp() override { ASSERT_TRUE(startup_error_.empty()) << startup_error_; }
  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }
  static uint16_t port() { return server_->port(); }
  static HttpResult Post(const std::string& target, const nlohmann::json& body) {
    return Fetch(port(), "POST", target, body.dump());
  }
  static HttpResult Get(const std::string& target) { return Fetch(port(), "GET", target); }

  // The response's error, {"error": {"code", "message"}} with yente's "detail" beside it.
  static void ExpectYenteError(const HttpResult& r, int status, const std::string& code,
                               const std::string& message_part) {
    EXPECT_EQ(r.status, status) << r.body;
    nlohmann::json j = r.Json();
    ASSERT_TRUE(j.is_object() && j.contains("error")) << r.body;
    EXPECT_EQ(j["error"]["code"], code) << r.body;
    EXPECT_THAT(j["error"]["message"].get<std::string>(), ::testing::HasSubstr(message_part));
    EXPECT_EQ(j["detail"], j["error"]["message"]) << r.body;
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::unique_ptr<Server> server_;
  static inline std::string startup_error_;
};

}  // namespace interdict::server::testing
