#include "common/redis/redis_client.h"

#include <thread>

#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"

namespace polylateral::redis {
namespace {

class RedisClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::RedisServer();
    server_->Start();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    if (!server_->running()) server_->Start();
    RedisOptions o;
    o.address = server_->address();
    o.max_connections = 4;
    client_ = std::make_unique<RedisClient>(o, &metrics_);
    ASSERT_TRUE(client_->Command({"FLUSHALL"}).ok());
  }

  // Calls observed in polylateral_redis_command_duration_seconds{command=`command`}.
  uint64_t LatencySamples(const std::string& command) {
    for (const auto& family : registry_.Collect()) {
      if (family.name != "polylateral_redis_command_duration_seconds") continue;
      for (const auto& metric : family.metric) {
        for (const auto& label : metric.label) {
          if (label.name == "command" && label.value == command) {
            return metric.histogram.sample_count;
          }
        }
      }
    }
    ADD_FAILURE() << "no latency series for " << command;
    return 0;
  }

  static testing::RedisServer* server_;
  prometheus::Registry registry_;
  RedisMetrics metrics_{registry_};
  std::unique_ptr<RedisClient> client_;
};
testing::RedisServer* RedisClientTest::server_ = nullptr;

TEST_F(RedisClientTest, CommandsAndBinarySafeValues) {
  const std::string value("a\0b", 3);
  ASSERT_TRUE(client_->Command({"SET", "{t}k", value}).ok());
  auto got = client_->Command({"GET", "{t}k"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->str(), value);
  auto missing = client_->Command({"GET", "{t}nope"});
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->is_nil());
}

TEST_F(RedisClientTest, PipelineReturnsRepliesInOrder) {
  auto replies = client_->Pipeline({{"SET", "{t}a", "1"}, {"INCR", "{t}a"}, {"GET", "{t}a"}});
  ASSERT_TRUE(replies.ok());
  ASSERT_EQ(replies->size(), 3u);
  EXPECT_EQ((*replies)[1].integer(), 2);
  EXPECT_EQ((*replies)[2].str(), "2");
}

TEST_F(RedisClientTest, ScriptsSurviveScriptFlush) {
  RedisScript script("incr_by", "return redis.call('INCRBY', KEYS[1], ARGV[1])");
  auto first = client_->Eval(script, {"{t}n"}, {"5"});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->integer(), 5);
  EXPECT_FALSE(script.sha().empty());
  // A restarted Redis forgets scripts: the client must reload on NOSCRIPT.
  ASSERT_TRUE(client_->Command({"SCRIPT", "FLUSH"}).ok());
  auto second = client_->Eval(script, {"{t}n"}, {"2"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->integer(), 7);
}

TEST_F(RedisClientTest, ScriptErrorsComeBackAsErrorReplies) {
  RedisScript script("fail", "return redis.error_reply('NOT_FOUND thing')");
  auto reply = client_->Eval(script, {}, {});
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply->is_error());
  EXPECT_EQ(reply->str(), "NOT_FOUND thing");
}

TEST_F(RedisClientTest, UnavailableWhileDownThenReconnects) {
  ASSERT_TRUE(client_->Command({"SET", "{t}durable", "yes"}).ok());
  server_->Stop();
  auto down = client_->Command({"GET", "{t}durable"});
  EXPECT_EQ(down.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(client_->Ping());
  server_->Start();
  auto up = client_->Command({"GET", "{t}durable"});
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_EQ(up->str(), "yes");  // AOF kept the acknowledged write
  EXPECT_TRUE(client_->Ping());
}

TEST_F(RedisClientTest, ParallelCallersShareThePool) {
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 200; ++i) ASSERT_TRUE(client_->Command({"INCR", "{t}c"}).ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(client_->Command({"GET", "{t}c"})->str(), "1600");
}

// A blocking read waits for producers, not for Redis: timing it would make an idle consumer
// look like a slow Redis (the PolylateralRedisSlow alert reads this histogram).
TEST_F(RedisClientTest, BlockingReadsAreNotObservedAsLatency) {
  ASSERT_FALSE(client_->Command({"XGROUP", "CREATE", "{t}s", "g", "$", "MKSTREAM"})->is_error());
  const uint64_t before = LatencySamples("XREADGROUP");
  const uint64_t other_before = LatencySamples("other");

  auto blocked = client_->Command(
      {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "BLOCK", "50", "STREAMS", "{t}s", ">"},
      "XREADGROUP");
  ASSERT_TRUE(blocked.ok()) << blocked.status();
  EXPECT_TRUE(blocked->is_nil());  // it waited the whole 50 ms for nothing
  ASSERT_TRUE(client_->Command({"BLPOP", "{t}list", "0.05"}).ok());
  ASSERT_TRUE(client_->Command({"XREAD", "block", "50", "STREAMS", "{t}s", "$"}).ok());
  EXPECT_EQ(LatencySamples("XREADGROUP"), before);
  EXPECT_EQ(LatencySamples("other"), other_before);

  // The same reads without BLOCK are ordinary commands and are timed.
  ASSERT_TRUE(client_
                  ->Command({"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "{t}s", "0"},
                            "XREADGROUP")
                  .ok());
  EXPECT_EQ(LatencySamples("XREADGROUP"), before + 1);
  ASSERT_TRUE(client_->Command({"LPOP", "{t}list"}).ok());
  EXPECT_EQ(LatencySamples("other"), other_before + 1);
}

TEST(BlocksByDesignTest, NamesTheCommandsThatWaitOnPurpose) {
  EXPECT_TRUE(BlocksByDesign({"xreadgroup", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"}));
  EXPECT_TRUE(BlocksByDesign({"XREAD", "BLOCK", "10", "STREAMS", "s", "$"}));
  EXPECT_TRUE(BlocksByDesign({"BLPOP", "l", "1"}));
  EXPECT_TRUE(BlocksByDesign({"WAIT", "1", "1000"}));
  EXPECT_TRUE(BlocksByDesign({"SUBSCRIBE", "ch"}));
  EXPECT_FALSE(BlocksByDesign({"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"}));
  EXPECT_FALSE(BlocksByDesign({"GET", "BLOCK"}));
  EXPECT_FALSE(BlocksByDesign({}));
}

}  // namespace
}  // namespace polylateral::redis

namespace polylateral::redis {
namespace {

TEST_F(RedisClientTest, ReadsSurviveARedisCrashWithoutAnErrorToTheCaller) {
  ASSERT_TRUE(client_->Command({"SET", "{t}k", "v"}).ok());
  ASSERT_TRUE(client_->Command({"GET", "{t}k"}).ok());  // leaves a pooled connection
  server_->Kill();
  server_->Start();
  auto got = client_->ReadCommand({"GET", "{t}k"});
  ASSERT_TRUE(got.ok()) << got.status();  // the dead pooled connection was replaced
  EXPECT_EQ(got->str(), "v");
  EXPECT_TRUE(client_->Command({"SET", "{t}k2", "v2"}).ok());  // idle pool was flushed
}

}  // namespace
}  // namespace polylateral::redis
