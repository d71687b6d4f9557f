#include "server/worker_pool.h"

#include <atomic>
#include <chrono>
#include <future>

#include "gtest/gtest.h"

namespace interdict::server {
namespace {

TEST(WorkerPoolTest, RefusesBeyondTheQueueAndRunsEverythingAccepted) {
  WorkerPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();  // the worker is busy; the queue is empty
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // full: refused, never run
  release.set_value();
  pool.Shutdown();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // shut down
  EXPECT_EQ(ran.load(), 3);
}

TEST(WorkerPoolTest, ShutdownRunsQueuedJobsFirst) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(2, 100);
    for (int i = 0; i < 50; ++i)
      ASSERT_TRUE(pool.TrySubmit([&] {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        ++ran;
      }));
  }  // destructor
  EXPECT_EQ(ran.load(), 50);
}

}  // namespace
}  // namespace interdict::server
