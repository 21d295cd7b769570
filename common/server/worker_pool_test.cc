#include "common/server/worker_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

TEST(WorkerPoolTest, RunsEveryAcceptedTaskBeforeShutdownReturns) {
  std::atomic<int> ran{0};
  WorkerPool pool(2, 1000);
  int accepted = 0;
  for (int i = 0; i < 500; ++i) accepted += pool.TrySubmit([&] { ran++; });
  pool.Shutdown();
  EXPECT_EQ(ran.load(), accepted);
  EXPECT_GT(accepted, 0);
}

TEST(WorkerPoolTest, RefusesWorkWhenTheQueueIsFull) {
  WorkerPool pool(1, 2);
  absl::Notification release;
  absl::Notification started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.TrySubmit([] {}));  // queue of 2 is full
  release.Notify();
  pool.Shutdown();
  EXPECT_FALSE(pool.TrySubmit([] {}));  // stopped
}

}  // namespace
}  // namespace polylateral::server
