#include "update/fetcher.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs tests/update/list_server.py on 127.0.0.1 for the suite, serving copies of the UN list and
// the OFAC SDN files under distinct names (the server's /flaky/ state is per file name).
class FetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string tmpl = (fs::temp_directory_path() / "interdict-fetch-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = new fs::path(tmpl);
    fs::create_directory(*dir_ / "www");
    fs::copy_file(fs::path(INTERDICT_FIXTURES) / "ofac-sdn-2021/sdn_comments.csv",
                  *dir_ / "www/comments.csv");
    for (const char* name : {"flaky.xml", "list.xml"})
      fs::copy_file(fs::path(INTERDICT_DATA) / "lists/un-sc/un-sc-2026-02.xml",
                    *dir_ / "www" / name);
    const std::string script = fs::path(INTERDICT_FIXTURES) / "../update/list_server.py";
    const std::string root = *dir_ / "www", port = *dir_ / "port", log = *dir_ / "log";
    server_ = fork();
    if (server_ == 0) {
      execlp("python3", "python3", script.c_str(), root.c_str(), port.c_str(), log.c_str(), "60",
             static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200 && !fs::exists(*dir_ / "port"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    base_ = new std::string("http://127.0.0.1:" + ReadFile(*dir_ / "port"));
  }
  static void TearDownTestSuite() {
    kill(server_, SIGTERM);
    waitpid(server_, nullptr, 0);
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete base_;
  }
  static std::string Url(const std::string& path) { return *base_ + path; }
  static fs::path Dest() { return *dir_ / "out"; }
  static FetchOptions Quick() {
    FetchOptions o;
    o.connect_timeout_ms = 2000;
    o.total_timeout_ms = 10000;
    o.backoff_ms = 10;
    return o;
  }

  static fs::path* dir_;
  static pid_t server_;
  static std::string* base_;
};
fs::path* FetcherTest::dir_ = nullptr;
pid_t FetcherTest::server_ = 0;
std::string* FetcherTest::base_ = nullptr;

TEST_F(FetcherTest, FetchesTheFileAndItsValidators) {
  FetchResult r;
  Status s = Fetch(Url("/ok/list.xml"), Dest(), Quick(), &r);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.content_type, "application/xml");
  EXPECT_EQ(r.bytes, 2030620);
  EXPECT_EQ(ReadFile(Dest()), ReadFile(*dir_ / "www/list.xml"));
  EXPECT_THAT(r.etag, ::testing::StartsWith("\""));
  EXPECT_THAT(r.last_modified, HasSubstr("GMT"));
  EXPECT_EQ(r.attempts, 1);

  FetchOptions conditional = Quick();
  conditional.etag = r.etag;
  FetchResult again;
  ASSERT_TRUE(Fetch(Url("/ok/list.xml"), Dest(), conditional, &again).ok());
  EXPECT_TRUE(again.not_modified);
  EXPECT_EQ(again.http_status, 304);
  EXPECT_FALSE(fs::exists(Dest()));
}

TEST_F(FetcherTest, RefusesAnHtmlPage) {
  FetchResult r;
  Status s = Fetch(Url("/html/comments.csv"), Dest(), Quick(), &r);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(),
              HasSubstr("served an HTML page (Content-Type text/html; charset=utf-8)"));
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(fs::exists(Dest()));
}

TEST_F(FetcherTest, RefusesABodyOverTheLimit) {
  FetchOptions o = Quick();
  o.max_bytes = 100000;
  FetchResult r;
  Status s = Fetch(Url("/ok/list.xml"), Dest(), o, &r);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("larger than the limit of 100000 bytes"));
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(fs::exists(Dest()));
}

TEST_F(FetcherTest, RetriesA503) {
  FetchResult r;
  Status s = Fetch(Url("/flaky/flaky.xml"), Dest(), Quick(), &r);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.bytes, 2030620);
}

TEST_F(FetcherTest, DoesNotRetryA404) {
  FetchResult r;
  Status s = Fetch(Url("/gone/comments.csv"), Dest(), Quick(), &r);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("HTTP 404"));
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(FetcherTest, RetriesACutTransferThenFails) {
  FetchResult r;
  Status s = Fetch(Url("/short/list.xml"), Dest(), Quick(), &r);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("after 4 attempts"));
  EXPECT_FALSE(fs::exists(Dest()));
}

// A server that never answers ends in the configured time, not never. (Each attempt takes 0.5 s:
// the bound is generous for sanitizer builds yet far below "forever".)
TEST_F(FetcherTest, TimesOutAServerThatNeverAnswers) {
  FetchOptions o = Quick();
  o.total_timeout_ms = 500;
  o.attempts = 2;
  FetchResult r;
  auto start = std::chrono::steady_clock::now();
  Status s = Fetch(Url("/hang/comments.csv"), Dest(), o, &r);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("after 2 attempts"));
  EXPECT_THAT(s.message(), HasSubstr("timed out"));
  EXPECT_LT(took, 10.0);
}

TEST_F(FetcherTest, DoesNotRetryAUrlCurlCannotUse) {
  FetchResult r;
  Status s = Fetch("file:///etc/hostname", Dest(), Quick(), &r);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(fs::exists(Dest()));
}

}  // namespace
}  // namespace interdict
