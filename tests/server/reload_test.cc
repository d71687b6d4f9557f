// The server keeps up with the store honestly: a rebuild that is stuck or over its time budget is
// abandoned and counted, /readyz fails while newer versions wait, a good version still lands,
// Stop() returns promptly in the middle of a build, and a store file replaced under the server is
// noticed.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/server.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using testing::Fetch;
using ::testing::HasSubstr;
using testing::HttpResult;
using Clock = std::chrono::steady_clock;

// A FollowTheMoney list file at `dir`/`name`.entities.ftm.json: the first `lines` records of
// the t1 fixture (6 records), or all of zala (91 records) when `zala`.
std::string FtmList(const testing::TempDir& dir, const std::string& name, size_t lines,
                    bool zala = false) {
  std::string from =
      testing::Fixtures() + (zala ? "/ftm/zala.entities.ftm.json" : "/ftm/t1.entities.ftm.json");
  std::string to = dir.path() + "/" + name + ".entities.ftm.json";
  std::ifstream in(from, std::ios::binary);
  std::ofstream out(to, std::ios::binary);
  std::string line;
  for (size_t i = 0; std::getline(in, line) && (zala || i < lines); ++i) out << line << "\n";
  return to;
}

std::string ContentShaOf(const std::string& path) {
  std::string sha;
  EXPECT_TRUE(ContentHash({path}, &sha).ok());
  return sha;
}

// Polls `pred` every 20 ms for up to `timeout`.
template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

// The value of the metric line that starts with `series` ("name{labels}" or "name"), or -1.
double MetricValue(uint16_t port, const std::string& series) {
  std::string body = Fetch(port, "GET", "/metrics").body;
  size_t at = body.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::atof(body.c_str() + at + series.size() + 2);
}

int64_t ServedVersion(uint16_t port) {
  json sources = Fetch(port, "GET", "/v1/sources").Json();
  if (!sources.is_object() || !sources.contains("sources") || sources["sources"].empty()) return 0;
  return sources["sources"][0]["version"].get<int64_t>();
}

// Every build step of the poisoned version sleeps: a build that, left alone, would run for hours
// (what a record that the index cannot finish does).
struct Poison {
  std::string sha;
  std::atomic<int> steps{0};
  void Step(const std::vector<ListVersion>& building) {
    for (const ListVersion& v : building) {
      if (v.content_sha256 != sha) continue;
      ++steps;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
};

// A store at `dir`/lists.db with a first good version (5 records), the poisoned list (not yet
// imported) and the options of a server on it whose builds of that list are poisoned.
struct PoisonSetUp {
  explicit PoisonSetUp(const testing::TempDir& dir)
      : db(dir.path() + "/lists.db"),
        poison_list(FtmList(dir, "poison", 0, /*zala=*/true)),
        poison(std::make_shared<Poison>()) {
    EXPECT_TRUE(testing::ImportList(db, "ftm", FtmList(dir, "v1", 6)).ok());
    poison->sha = ContentShaOf(poison_list);
    options = testing::TestOptions(db);
    options.reload.poll_interval = std::chrono::milliseconds(50);
    options.reload.on_build_step = [p = poison](const std::vector<ListVersion>& v) { p->Step(v); };
  }
  std::string db;
  std::string poison_list;
  std::shared_ptr<Poison> poison;
  ServeOptions options;
};

TEST(ServerReloadTest, AStuckRebuildIsAbandonedAndReadinessFailsUntilAGoodVersionLands) {
  testing::TempDir dir;
  PoisonSetUp set_up(dir);
  const std::string& db = set_up.db;
  const std::string& poison_list = set_up.poison_list;
  std::shared_ptr<Poison> poison = set_up.poison;
  ServeOptions o = set_up.options;
  o.reload.rebuild_budget = std::chrono::seconds(3);
  o.reload.max_reload_lag = std::chrono::seconds(1);
  std::unique_ptr<Server> server;
  ASSERT_TRUE(Server::Start(std::move(o), &server).ok());
  ASSERT_TRUE(testing::WaitReady(*server));
  const uint16_t port = server->port();
  ASSERT_EQ(Fetch(port, "GET", "/readyz").status, 200);
  EXPECT_EQ(MetricValue(port, "interdict_list_versions_pending"), 0);
  EXPECT_EQ(MetricValue(port, "interdict_list_reload_lag_seconds"), 0);

  ASSERT_TRUE(testing::ImportList(db, "ftm", poison_list).ok());  // version 2
  ASSERT_TRUE(WaitFor([&] { return poison->steps > 0; }));
  // Newer lists wait: readiness says so after max_reload_lag, and why.
  HttpResult ready;
  ASSERT_TRUE(WaitFor([&] { return (ready = Fetch(port, "GET", "/readyz")).status == 503; }));
  EXPECT_EQ(ready.Json()["error"]["code"], "not_ready");
  EXPECT_THAT(ready.Json()["reasons"][0].get<std::string>(),
              HasSubstr("newer list versions have not been put in service for"));
  EXPECT_THAT(ready.Json()["reasons"][0].get<std::string>(), HasSubstr("ftm v2"));
  EXPECT_EQ(MetricValue(port, "interdict_list_versions_pending"), 1);
  EXPECT_GT(MetricValue(port, "interdict_list_reload_lag_seconds"), 1.0);
  // The build is abandoned at its budget, counted by reason, and the reason is on /readyz.
  ASSERT_TRUE(
      WaitFor([&] { return server->lists().failures(LiveLists::Failure::kOverBudget) > 0; }));
  EXPECT_EQ(MetricValue(port, "interdict_list_reload_failures_total{reason=\"over_budget\"}"), 1);
  EXPECT_EQ(MetricValue(port, "interdict_list_reload_failures_total{reason=\"load\"}"), 0);
  EXPECT_THAT(server->lists().last_error(), HasSubstr("time budget of 3.0 s"));
  EXPECT_THAT(Fetch(port, "GET", "/readyz").Json()["reasons"][0].get<std::string>(),
              HasSubstr("time budget"));
  EXPECT_EQ(ServedVersion(port), 1);
  // The previous lists still screen meanwhile.
  EXPECT_EQ(Fetch(port, "POST", "/v1/screen", "{\"name\": \"Inter Tobacco\"}").status, 200);

  // Version 3 is much smaller than the stuck version 2: imported as `--allow-shrink` would.
  ShrinkLimit allow_shrink;
  allow_shrink.allow = true;
  ASSERT_TRUE(testing::ImportList(db, "ftm", FtmList(dir, "v3", 5), allow_shrink).ok());
  ASSERT_TRUE(WaitFor([&] { return ServedVersion(port) == 3; }));
  EXPECT_EQ(Fetch(port, "GET", "/readyz").status, 200);
  EXPECT_EQ(MetricValue(port, "interdict_list_versions_pending"), 0);
  EXPECT_EQ(MetricValue(port, "interdict_list_reload_lag_seconds"), 0);
  EXPECT_EQ(server->lists().reloads(), 2u);
}

TEST(ServerReloadTest, StopReturnsPromptlyDuringARebuildWithoutABudget) {
  testing::TempDir dir;
  PoisonSetUp set_up(dir);
  ServeOptions o = set_up.options;
  o.reload.rebuild_budget = std::chrono::milliseconds(0);  // none: only Stop() ends the build
  std::unique_ptr<Server> server;
  ASSERT_TRUE(Server::Start(std::move(o), &server).ok());
  ASSERT_TRUE(testing::WaitReady(*server));
  ASSERT_TRUE(testing::ImportList(set_up.db, "ftm", set_up.poison_list).ok());
  ASSERT_TRUE(WaitFor([&] { return set_up.poison->steps > 2; }));
  // Left alone, the build would take over 90 records x 200 ms.
  Clock::time_point start = Clock::now();
  ASSERT_TRUE(server->Stop().ok());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  EXPECT_FALSE(server->watcher_running());
  // An abandoned build is not a failure of the lists.
  EXPECT_EQ(server->lists().failures(), 0u);
}

// A rebuild stuck inside one record (the hook blocks in a single check, as a name the index
// cannot finish would) cannot be abandoned: Stop() still returns after stop_wait, saying so, and
// the process can end (`interdict serve` exits; here the destructor waits for the record).
TEST(ServerReloadTest, StopReturnsWhenARebuildIsStuckInsideOneRecord) {
  testing::TempDir dir;
  PoisonSetUp set_up(dir);
  ServeOptions o = set_up.options;
  o.reload.stop_wait = std::chrono::milliseconds(500);
  auto stuck = std::make_shared<std::atomic<bool>>(false);
  const std::string sha = set_up.poison->sha;
  o.reload.on_build_step = [stuck, sha](const std::vector<ListVersion>& building) {
    for (const ListVersion& v : building) {
      if (v.content_sha256 != sha || stuck->exchange(true)) continue;
      std::this_thread::sleep_for(std::chrono::seconds(4));
    }
  };
  std::unique_ptr<Server> server;
  ASSERT_TRUE(Server::Start(std::move(o), &server).ok());
  ASSERT_TRUE(testing::WaitReady(*server));
  ASSERT_TRUE(testing::ImportList(set_up.db, "ftm", set_up.poison_list).ok());
  ASSERT_TRUE(WaitFor([&] { return stuck->load(); }));
  Clock::time_point start = Clock::now();
  ASSERT_TRUE(server->Stop().ok());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  EXPECT_TRUE(server->watcher_running());
  server.reset();  // waits for the stuck record, then the watcher ends
}

// `mv other.db lists.db` under the running server. Its connections keep the old, unlinked file:
// it would serve lists that never change again and write audit records nobody can read, with
// /readyz 200. Reopening the path is no cure (SQLite's WAL files beside it are the old file's), so
// it says what happened and stops acknowledging screening it cannot record.
TEST(ServerReloadTest, AStoreFileReplacedUnderTheServerMakesItUnready) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/lists.db";
  ASSERT_TRUE(testing::ImportList(db, "ftm", FtmList(dir, "v1", 6)).ok());
  // Another store whose version 1 of the same source holds other records.
  const std::string other = dir.path() + "/other.db";
  ASSERT_TRUE(testing::ImportList(other, "ftm", FtmList(dir, "other", 0, /*zala=*/true)).ok());
  ServeOptions o = testing::TestOptions(db);
  o.reload.poll_interval = std::chrono::milliseconds(50);
  std::unique_ptr<Server> server;
  ASSERT_TRUE(Server::Start(std::move(o), &server).ok());
  ASSERT_TRUE(testing::WaitReady(*server));
  const uint16_t port = server->port();
  const std::string kInter = "{\"name\": \"Inter Tobacco\"}";
  ASSERT_EQ(Fetch(port, "POST", "/v1/screen", kInter).status, 200);

  std::filesystem::rename(other, db);
  HttpResult ready;
  ASSERT_TRUE(WaitFor([&] { return (ready = Fetch(port, "GET", "/readyz")).status == 503; }));
  EXPECT_THAT(ready.Json()["reasons"][0].get<std::string>(),
              HasSubstr(db + " was replaced under the server"));
  EXPECT_THAT(ready.Json()["reasons"][0].get<std::string>(), HasSubstr(db + "-wal"));
  EXPECT_TRUE(WaitFor([&] {
    return MetricValue(port, "interdict_list_reload_failures_total{reason=\"store\"}") >= 1;
  }));
  // The audit writer notices within a second even when idle: no acknowledged request goes to the
  // unlinked file.
  HttpResult refused;
  ASSERT_TRUE(
      WaitFor([&] { return (refused = Fetch(port, "POST", "/v1/screen", kInter)).status == 503; },
              std::chrono::seconds(10)));
  EXPECT_EQ(refused.Json()["error"]["code"], "audit_unavailable");
  EXPECT_EQ(server->lists().reloads(), 1u);
  // A request acknowledged before the writer noticed is not silently lost: the stop reports it.
  Status stopped = server->Stop();
  if (!stopped.ok()) {
    EXPECT_THAT(stopped.message(), HasSubstr("was replaced under the server"));
  }
}

}  // namespace
}  // namespace interdict::server
