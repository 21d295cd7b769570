// The script error convention against a real redis-server: what error_reply sends, nested in
// arrays too, and what Redis's own errors look like to the mapper.
#include "common/redis/script_error.h"

#include "common/base/errors.h"
#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::redis {
namespace {

class ScriptErrorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::RedisServer();
    server_->Start();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    RedisOptions o;
    o.address = server_->address();
    client_ = std::make_unique<RedisClient>(o, nullptr);
  }
  Reply Run(const std::string& lua) {
    RedisScript script("t", lua);
    auto r = client_->Eval(script, {"{t}k"}, {});
    EXPECT_TRUE(r.ok()) << r.status();
    return *std::move(r);
  }

  static testing::RedisServer* server_;
  std::unique_ptr<RedisClient> client_;
};
testing::RedisServer* ScriptErrorTest::server_ = nullptr;

std::optional<absl::Status> Meaning(const ScriptError& e) {
  if (e.reason == "VERSION_MISMATCH") return Aborted("ETAG_MISMATCH", "stored " + e.detail);
  if (e.reason == "BODY_FULL") return FailedPrecondition("BODY_FULL", "body", "full");
  return std::nullopt;
}

TEST_F(ScriptErrorTest, AReasonAndItsDetailBecomeTheStoresStatus) {
  Reply r = Run("return redis.error_reply('VERSION_MISMATCH 7')");
  auto e = ParseScriptError(r);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->reason, "VERSION_MISMATCH");
  EXPECT_EQ(e->detail, "7");
  absl::Status s = ScriptErrorStatus(r, "t", Meaning);
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(s), "ETAG_MISMATCH");
  EXPECT_EQ(s.message(), "stored 7");
}

TEST_F(ScriptErrorTest, AReasonAloneHasNoDetail) {
  Reply r = Run("return redis.error_reply('BODY_FULL')");
  EXPECT_EQ(ParseScriptError(r)->detail, "");
  EXPECT_EQ(ErrorReason(ScriptErrorStatus(r, "t", Meaning)), "BODY_FULL");
}

TEST_F(ScriptErrorTest, RefusalsNestedInAnArrayReadTheSame) {
  Reply r = Run("return {{'OK'}, redis.error_reply('VERSION_MISMATCH 3')}");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_FALSE(ParseScriptError(r[0]).has_value());
  EXPECT_EQ(ScriptErrorStatus(r[0], "t", Meaning), absl::OkStatus());
  EXPECT_EQ(ErrorReason(ScriptErrorStatus(r[1], "t", Meaning)), "ETAG_MISMATCH");
}

TEST_F(ScriptErrorTest, UnknownReasonsAndRedisOwnErrorsAreInternal) {
  Reply unknown = Run("return redis.error_reply('SOMETHING_NEW x')");
  absl::Status s = ScriptErrorStatus(unknown, "t", Meaning);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(s.message(), "t script: SOMETHING_NEW x");
  // A runtime error: Redis's "ERR ..." (reason ERR, which no store maps).
  Reply wrongtype = Run("redis.call('SET', KEYS[1], 'v'); return redis.call('HGET', KEYS[1], 'f')");
  EXPECT_TRUE(wrongtype.is_error());
  EXPECT_EQ(ScriptErrorStatus(wrongtype, "t", Meaning).code(), absl::StatusCode::kInternal);
  Reply lower = Run("return redis.error_reply('not a reason')");
  EXPECT_FALSE(ParseScriptError(lower).has_value());
  EXPECT_EQ(ScriptErrorStatus(lower, "t", Meaning).code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace polylateral::redis
