#include "common/redis/invalidation_listener.h"

#include <string>

#include "absl/time/clock.h"
#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::redis {
namespace {

// Polls until `done` holds (invalidations arrive asynchronously, typically within a
// millisecond); fails the test after a generous bound.
template <typename F>
bool Eventually(F done) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(2));
  }
  return true;
}

class InvalidationListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Start();
    RedisOptions o;
    o.address = server_.address();
    client_ = std::make_unique<RedisClient>(o, nullptr);
    listener_ = std::make_unique<InvalidationListener>(client_.get(), "{t}:sh:", &cache_, nullptr);
    ASSERT_TRUE(listener_->WaitTracking(absl::Seconds(5)));
  }
  void TearDown() override { listener_.reset(); }

  // Reads `key` through the cache the way a store does.
  std::string Read(const std::string& key) {
    if (auto hit = cache_.Find(key)) return *hit;
    auto ticket = cache_.Reserve(key);
    auto reply = client_->Command({"GET", key});
    EXPECT_TRUE(reply.ok());
    std::string value(reply->is_nil() ? "" : reply->str());
    cache_.Fill(key, ticket, value);
    return value;
  }

  testing::RedisServer server_;
  std::unique_ptr<RedisClient> client_;
  TrackedCache<std::string> cache_{1000};
  std::unique_ptr<InvalidationListener> listener_;
};

TEST_F(InvalidationListenerTest, AWriteByAnotherClientInvalidates) {
  ASSERT_TRUE(client_->Command({"SET", "{t}:sh:1", "v1"}).ok());
  // Our own SET's invalidation arrives asynchronously too and may void the first fills.
  ASSERT_TRUE(Eventually([&] { return Read("{t}:sh:1") == "v1" && cache_.Find("{t}:sh:1"); }));
  // Another replica (a fresh connection) writes: Redis must tell us.
  RedisOptions o;
  o.address = server_.address();
  RedisClient other(o, nullptr);
  ASSERT_TRUE(other.Command({"SET", "{t}:sh:1", "v2"}).ok());
  EXPECT_TRUE(Eventually([&] { return cache_.Find("{t}:sh:1") == nullptr; }));
  EXPECT_EQ(Read("{t}:sh:1"), "v2");
}

TEST_F(InvalidationListenerTest, AWriteFromALuaScriptInvalidates) {
  ASSERT_TRUE(client_->Command({"HSET", "{t}:sh:2", "d", "a"}).ok());
  ASSERT_TRUE(client_->Command({"HGET", "{t}:sh:2", "d"}).ok());
  cache_.Fill("{t}:sh:2", cache_.Reserve("{t}:sh:2"), "a");
  RedisScript script("set_d", "return redis.call('HSET', KEYS[1], 'd', ARGV[1])");
  ASSERT_TRUE(client_->Eval(script, {"{t}:sh:2"}, {"b"}).ok());
  EXPECT_TRUE(Eventually([&] { return cache_.Find("{t}:sh:2") == nullptr; }));
}

TEST_F(InvalidationListenerTest, KeysOutsideThePrefixStayCached) {
  cache_.Fill("{t}:other", cache_.Reserve("{t}:other"), "x");
  ASSERT_TRUE(client_->Command({"SET", "{t}:other", "y"}).ok());
  // A write under the prefix is the marker that Redis has processed the first one.
  cache_.Fill("{t}:sh:3", cache_.Reserve("{t}:sh:3"), "x");
  ASSERT_TRUE(client_->Command({"SET", "{t}:sh:3", "y"}).ok());
  ASSERT_TRUE(Eventually([&] { return cache_.Find("{t}:sh:3") == nullptr; }));
  EXPECT_NE(cache_.Find("{t}:other"), nullptr);
}

TEST_F(InvalidationListenerTest, FlushAllEmptiesTheCache) {
  cache_.Fill("{t}:sh:4", cache_.Reserve("{t}:sh:4"), "x");
  ASSERT_TRUE(client_->Command({"FLUSHALL"}).ok());
  EXPECT_TRUE(Eventually([&] { return cache_.Find("{t}:sh:4") == nullptr; }));
}

TEST_F(InvalidationListenerTest, RedisRestartBypassesThenResumesTracking) {
  cache_.Fill("{t}:sh:5", cache_.Reserve("{t}:sh:5"), "x");
  server_.Stop();
  // While Redis is away nothing may be served from the cache: writes could be missed.
  EXPECT_TRUE(Eventually([&] { return !listener_->tracking(); }));
  EXPECT_FALSE(cache_.tracking());
  EXPECT_EQ(cache_.Find("{t}:sh:5"), nullptr);
  EXPECT_FALSE(cache_.Reserve("{t}:sh:5"));
  server_.Start();
  EXPECT_TRUE(listener_->WaitTracking(absl::Seconds(10)));
  EXPECT_TRUE(cache_.tracking());
  ASSERT_TRUE(client_->Command({"SET", "{t}:sh:5", "after"}).ok());
  EXPECT_TRUE(Eventually([&] { return Read("{t}:sh:5") == "after" && cache_.Find("{t}:sh:5"); }));
}

}  // namespace
}  // namespace polylateral::redis
