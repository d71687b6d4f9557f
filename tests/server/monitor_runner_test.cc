// MonitorRunner: a failed run is counted, kept for /metrics and retried at the next trigger.
// (Runs that succeed, from start-up and from a new list version: case_api_test.cc.)
#include "server/monitor_runner.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::server {
namespace {

bool WaitFailed(const MonitorRunner& runner, uint64_t n) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (runner.runs_failed() >= n && runner.Idle()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(MonitorRunnerTest, AFailedRunIsCountedShownAndRetriedAtTheNextTrigger) {
  // A store that cannot be opened: every run fails at once.
  MonitorRunner runner("/nonexistent-dir/for/interdict/lists.db", ScreeningDeps{}, {});
  runner.Start();
  runner.Trigger();
  ASSERT_TRUE(WaitFailed(runner, 1));
  EXPECT_EQ(runner.runs_ok(), 0u);
  EXPECT_THAT(runner.last_error(), ::testing::HasSubstr("nonexistent-dir"));
  std::string metrics;
  runner.RenderMetrics(&metrics);
  EXPECT_THAT(metrics, ::testing::HasSubstr("interdict_monitor_runs_total{result=\"failed\"} 1\n"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("interdict_monitor_last_success_timestamp 0\n"));
  runner.Trigger();
  ASSERT_TRUE(WaitFailed(runner, 2));
  MonitorReport report;
  EXPECT_FALSE(runner.RunNow("ada", &report).ok());
  EXPECT_EQ(runner.runs_failed(), 3u);
  runner.Stop();
  runner.Trigger();  // after Stop: queued, never run
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(runner.runs_failed(), 3u);
}

}  // namespace
}  // namespace interdict::server
