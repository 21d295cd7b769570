// The watcher against a real redis-server: every entry of {acc}:events drops the answers of
// the stakeholder it names at once (all answers when it names none); the cache answers only
// while the stream is followed.
#include "services/routing/api/access_event_watcher.h"

#include <memory>

#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

class AccessEventWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Start();
    options_.address = server_.address();
    redis_ = std::make_unique<redis::RedisClient>(options_, nullptr);
    // Entries from before the watcher starts are already in accreditation's answers.
    Event({"type", "accreditation.granted", "stakeholder", "acme"});
  }
  void Event(const std::vector<absl::string_view>& fields) {
    std::vector<absl::string_view> argv = {"XADD", AccessEventWatcher::kStream, "*"};
    argv.insert(argv.end(), fields.begin(), fields.end());
    ASSERT_TRUE(redis_->Command(argv).ok());
  }
  void Put(const std::string& stakeholder) {
    cache_.Put({stakeholder, "gm", vocabulary::ParticipationRight::kWrittenInput, true, "", ""}, {},
               cache_.Generation(), absl::Now());
  }
  bool Cached(const std::string& stakeholder) {
    return cache_
        .Get(stakeholder, "gm", vocabulary::ParticipationRight::kWrittenInput, kT0, absl::Now())
        .has_value();
  }

  polylateral::testing::RedisServer server_;
  redis::RedisOptions options_;
  std::unique_ptr<redis::RedisClient> redis_;
  AccessCache cache_{absl::Seconds(30)};
};

TEST_F(AccessEventWatcherTest, AnEventDropsTheNamedStakeholdersAnswers) {
  AccessEventWatcher watcher(options_, &cache_, absl::Milliseconds(10));
  EXPECT_FALSE(cache_.enabled());
  ASSERT_TRUE(watcher.Step().ok());  // positioned at the stream's end
  ASSERT_TRUE(cache_.enabled());
  Put("acme");
  Put("beta");
  ASSERT_TRUE(watcher.Step().ok());  // nothing new: the entry from before is not replayed
  EXPECT_TRUE(Cached("acme"));

  Event({"type", "accreditation.revoked", "stakeholder", "acme", "process", "gm"});
  ASSERT_TRUE(watcher.Step().ok());
  EXPECT_FALSE(Cached("acme"));
  EXPECT_TRUE(Cached("beta"));

  Event({"type", "something.else"});  // names nobody: everything goes
  ASSERT_TRUE(watcher.Step().ok());
  EXPECT_FALSE(Cached("beta"));
}

TEST_F(AccessEventWatcherTest, ALostStreamDisablesTheCacheUntilFollowedAgain) {
  AccessEventWatcher watcher(options_, &cache_, absl::Milliseconds(10));
  watcher.Start();
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!cache_.enabled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  ASSERT_TRUE(cache_.enabled());
  Put("acme");
  server_.Kill();
  while (cache_.enabled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_FALSE(cache_.enabled());
  EXPECT_FALSE(Cached("acme"));
  server_.Start();
  while (!cache_.enabled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_TRUE(cache_.enabled());
  watcher.Stop();
}

}  // namespace
}  // namespace polylateral::routing
