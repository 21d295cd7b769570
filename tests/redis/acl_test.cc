// The suite's ACL users as deployed: each service user reaches its own keys with the commands
// its stores and scripts use, plus exactly what it consumes from others; a refused AUTH is a
// clear, logged-once UNAVAILABLE.

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/log/log.h"
#include "common/redis/invalidation_listener.h"
#include "common/redis/redis_client.h"
#include "common/redis/tracked_cache.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::redis {
namespace {

using polylateral::testing::RedisAcl;
using polylateral::testing::RedisServer;

// Each service user and a key of its own.
const std::vector<std::pair<std::string, std::string>>& OwnKeys() {
  static const auto* keys = new std::vector<std::pair<std::string, std::string>>{
      {"registry", "{reg}:sh:x"},
      {"accreditation", "{acc}:app:oewg:a1"},
      {"composition", "comp:{oewg}:bd:b1"},
      {"routing", "{rt}:in:i1"},
  };
  return *keys;
}

class RedisAclTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RedisServer(RedisAcl::kServiceUsers);
    server_->Start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(Client("admin").Command({"FLUSHALL"}).ok()); }

  static RedisClient Client(const std::string& user) {
    return RedisClient(server_->Options(user), nullptr);
  }
  // The reply's text ("OK", "NOPERM ...") or the transport error.
  static std::string Run(const std::string& user, const std::vector<absl::string_view>& argv) {
    auto reply = Client(user).Command(argv);
    if (!reply.ok()) return reply.status().ToString();
    return reply->is_error() ? std::string(reply->str()) : "ok";
  }

  static RedisServer* server_;
};
RedisServer* RedisAclTest::server_ = nullptr;

TEST_F(RedisAclTest, EachServiceReachesItsOwnKeysAndNoOtherService) {
  for (const auto& [user, own] : OwnKeys()) {
    EXPECT_EQ(Run(user, {"PING"}), "ok") << user;
    EXPECT_EQ(Run(user, {"EXISTS", own}), "ok") << user;
    for (const auto& [other, key] : OwnKeys()) {
      if (other == user) continue;
      EXPECT_TRUE(absl::StartsWith(Run(user, {"EXISTS", key}), "NOPERM"))
          << user << " reached " << key;
    }
  }
}

TEST_F(RedisAclTest, TheRegistryCannotReadOrScriptAccreditationKeys) {
  ASSERT_TRUE(Client("admin").Command({"HSET", "{acc}:app:oewg:a1", "st", "3"}).ok());
  EXPECT_TRUE(absl::StartsWith(Run("registry", {"HGETALL", "{acc}:app:oewg:a1"}), "NOPERM"));
  EXPECT_TRUE(absl::StartsWith(Run("registry", {"GET", "{acc}:acc:oewg:s1"}), "NOPERM"));
  // A script runs with its caller's permissions, on declared and undeclared keys alike.
  RedisClient registry = Client("registry");
  RedisScript declared("declared", "return redis.call('HGETALL', KEYS[1])");
  auto r1 = registry.Eval(declared, {"{acc}:app:oewg:a1"}, {});
  ASSERT_TRUE(r1.ok()) << r1.status();
  EXPECT_TRUE(r1->is_error());
  EXPECT_TRUE(absl::StrContains(r1->str(), "NOPERM") || absl::StrContains(r1->str(), "access"))
      << r1->str();
  RedisScript built("built", "return redis.call('HGETALL', '{acc}:app:oewg:a1')");
  auto r2 = registry.Eval(built, {"{reg}:sh:x"}, {});
  ASSERT_TRUE(r2.ok()) << r2.status();
  EXPECT_TRUE(r2->is_error()) << r2->DebugString();
  // Its own keys, by script too.
  RedisScript own("own", "return redis.call('SET', KEYS[1], 'v')");
  auto r3 = registry.Eval(own, {"{reg}:sh:x"}, {});
  ASSERT_TRUE(r3.ok()) << r3.status();
  EXPECT_FALSE(r3->is_error()) << r3->DebugString();
}

TEST_F(RedisAclTest, RoutingConsumesTheDecisionStreamAndNothingElseOfAccreditation) {
  ASSERT_TRUE(Client("admin").Command({"HSET", "{acc}:app:oewg:a1", "st", "3"}).ok());
  EXPECT_EQ(Run("routing", {"XGROUP", "CREATE", "{acc}:events", "routing", "$", "MKSTREAM"}), "ok");
  auto added =
      Client("accreditation").Command({"XADD", "{acc}:events", "*", "type", "application.blocked"});
  ASSERT_TRUE(added.ok() && added->is_string()) << (added.ok() ? added->DebugString() : "");
  RedisClient routing = Client("routing");
  auto read = routing.Command(
      {"XREADGROUP", "GROUP", "routing", "c1", "COUNT", "10", "STREAMS", "{acc}:events", ">"});
  ASSERT_TRUE(read.ok());
  ASSERT_FALSE(read->is_error()) << read->str();
  ASSERT_EQ((*read)[0][1].size(), 1u);
  EXPECT_EQ(Run("routing", {"XACK", "{acc}:events", "routing", added->str()}), "ok");
  EXPECT_EQ(Run("routing", {"XREVRANGE", "{acc}:events", "+", "-", "COUNT", "1"}), "ok");
  EXPECT_EQ(Run("routing", {"XREAD", "COUNT", "1", "STREAMS", "{acc}:events", "0"}), "ok");
  // Reading the decisions, never writing or reading anything else of accreditation's.
  for (const std::vector<absl::string_view>& argv : std::vector<std::vector<absl::string_view>>{
           {"XADD", "{acc}:events", "*", "type", "accreditation.granted"},
           {"XDEL", "{acc}:events", added->str()},
           {"DEL", "{acc}:events"},
           {"XGROUP", "DESTROY", "{acc}:events", "routing"},
           {"HGETALL", "{acc}:app:oewg:a1"},
           {"XRANGE", "{acc}:due", "-", "+"},
       }) {
    EXPECT_TRUE(absl::StartsWith(Run("routing", argv), "NOPERM")) << argv[0] << " " << argv[1];
  }
}

TEST_F(RedisAclTest, EveryServiceUserCanFollowAFailover) {
  // ROLE: a new connection checks it reached the primary; WAIT: --redis_min_replicas_ack.
  for (const auto& [user, own] : OwnKeys()) {
    EXPECT_EQ(Run(user, {"ROLE"}), "ok") << user;
    EXPECT_EQ(Run(user, {"WAIT", "0", "0"}), "ok") << user;
  }
}

TEST_F(RedisAclTest, EveryServiceUserCanFollowInvalidations) {
  for (const auto& [user, own] : OwnKeys()) {
    TrackedCache<std::string> cache(10);
    RedisClient client(server_->Options(user), nullptr);
    InvalidationListener listener(&client, own, &cache, nullptr);
    EXPECT_TRUE(listener.WaitTracking(absl::Seconds(5))) << user;
  }
}

TEST_F(RedisAclTest, WithoutAuthNothingIsAllowed) {
  RedisOptions anonymous;
  anonymous.address = server_->address();
  RedisClient client(anonymous, nullptr);
  EXPECT_FALSE(client.Ping());
  auto r = client.Command({"GET", "{reg}:sh:x"});
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->is_error());
  EXPECT_TRUE(absl::StartsWith(r->str(), "NOAUTH")) << r->str();
  // The probes' user: PING and nothing else, with any password.
  RedisOptions health = server_->Options("health");
  health.password = "anything";
  RedisClient probe(health, nullptr);
  EXPECT_TRUE(probe.Ping());
  auto get = probe.Command({"GET", "{reg}:sh:x"});
  ASSERT_TRUE(get.ok());
  EXPECT_TRUE(absl::StartsWith(get->str(), "NOPERM")) << get->str();
  // Nor by naming the default user.
  anonymous.user = "default";
  anonymous.password = "";
  auto refused = RedisClient(anonymous, nullptr).Command({"PING"});
  EXPECT_EQ(ErrorReason(refused.status()), "REDIS_AUTH_FAILED") << refused.status();
}

// Redis 7.0 replays an AOF's MULTI/EXEC blocks (the effects of every Lua script) as the
// default user and re-checks its permissions: a script's writes must survive a crash.
TEST_F(RedisAclTest, ScriptWritesSurviveARestartFromTheAof) {
  RedisClient registry = Client("registry");
  RedisScript write("write",
                    "redis.call('SET', KEYS[1], 'a') return redis.call('SET', KEYS[2], 'b')");
  auto r = registry.Eval(write, {"{reg}:sh:1", "{reg}:sh:2"}, {});
  ASSERT_TRUE(r.ok() && !r->is_error());
  server_->Kill();
  server_->Start();
  auto got = Client("registry").Command({"GET", "{reg}:sh:2"});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->str(), "b");
}

TEST_F(RedisAclTest, AWrongPasswordIsUnavailableAndLoggedOnce) {
  std::ostringstream logs;
  log::SetSink(&logs);
  RedisOptions o = server_->Options("registry");
  o.password = "not-the-password";
  RedisClient client(o, nullptr);
  auto r = client.Command({"GET", "{reg}:sh:x"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorReason(r.status()), "REDIS_AUTH_FAILED");
  EXPECT_TRUE(absl::StrContains(r.status().message(), "'registry'")) << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "WRONGPASS")) << r.status();
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(client.Ping());
  log::SetSink(&std::cerr);
  const std::string text = logs.str();
  size_t lines = 0;
  for (size_t at = text.find("Redis health check failing"); at != std::string::npos;
       at = text.find("Redis health check failing", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 1u) << text;
  EXPECT_TRUE(absl::StrContains(text, "\"user\":\"registry\"")) << text;
  EXPECT_TRUE(absl::StrContains(text, "WRONGPASS")) << text;
}

}  // namespace
}  // namespace polylateral::redis
