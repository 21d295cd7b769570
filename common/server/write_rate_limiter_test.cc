// The write rate limit against a real redis-server: burst, refusal, refill on a moved clock,
// one bucket shared by replicas, exempt callers and reads, expiry, and a Redis outage.
#include "common/server/write_rate_limiter.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

constexpr char kWrite[] = "/polylateral.registry.v1.RegistryService/CreateStakeholder";
constexpr char kRead[] = "/polylateral.registry.v1.RegistryService/GetStakeholder";

Principal Who(absl::string_view text) {
  auto p = ParsePrincipal(text);
  EXPECT_TRUE(p.ok()) << p.status();
  return *p;
}

class WriteRateLimiterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_server_ = new polylateral::testing::RedisServer();
    redis_server_->Start();
  }
  static void TearDownTestSuite() {
    delete redis_server_;
    redis_server_ = nullptr;
  }
  void SetUp() override {
    if (!redis_server_->running()) redis_server_->Start();
    redis::RedisOptions o;
    o.address = redis_server_->address();
    redis_ = std::make_unique<redis::RedisClient>(o, nullptr);
    ASSERT_TRUE(redis_->Command({"FLUSHALL"}).ok());
  }

  std::unique_ptr<WriteRateLimiter> Limiter(double rate, int burst) {
    WriteRateOptions o;
    o.rate = rate;
    o.burst = burst;
    o.key_prefix = "{t}:rate:";
    o.not_writes = {"DrawPanel"};
    return std::make_unique<WriteRateLimiter>(redis_.get(), &clock_, o);
  }

  bool KeyExists(const std::string& key) {
    auto r = redis_->Command({"EXISTS", key});
    return r.ok() && r->integer() == 1;
  }

  static polylateral::testing::RedisServer* redis_server_;
  std::unique_ptr<redis::RedisClient> redis_;
  FakeClock clock_{absl::FromUnixSeconds(1900000000)};
};

polylateral::testing::RedisServer* WriteRateLimiterTest::redis_server_ = nullptr;

TEST(WriteMethodRuleTest, ReadsByNameAndTheServicesExceptionsAreNotWrites) {
  const std::vector<std::string> none;
  EXPECT_TRUE(IsWriteMethod("/polylateral.registry.v1.RegistryService/CreateStakeholder", none));
  EXPECT_TRUE(IsWriteMethod("/polylateral.routing.v1.RoutingService/SubmitInput", none));
  EXPECT_TRUE(IsWriteMethod("/polylateral.composition.v1.CompositionService/DrawBody", none));
  EXPECT_TRUE(IsWriteMethod("/polylateral.composition.v1.CompositionService/SolveLater", none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.registry.v1.RegistryService/GetStakeholder", none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.registry.v1.RegistryService/ListStates", none));
  EXPECT_FALSE(
      IsWriteMethod("/polylateral.accreditation.v1.AccreditationService/CheckAccess", none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.routing.v1.RoutingService/PreviewRoute", none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.routing.v1.RoutingService/StreamInbox", none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.composition.v1.CompositionService/Solve", none));
  EXPECT_FALSE(
      IsWriteMethod("/polylateral.accreditation.v1.AccreditationService/"
                    "GetTransparencyReport",
                    none));
  EXPECT_FALSE(IsWriteMethod("/polylateral.routing.v1.RoutingService/PullInbox",
                             {"PullInbox", "AckDelivery"}));
}

TEST_F(WriteRateLimiterTest, ABurstThenRefusalThenOneTokenPerIntervalNeverMoreThanTheBurst) {
  auto limiter = Limiter(/*rate=*/10, /*burst=*/3);
  const Principal acme = Who("stakeholder:acme");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter->Admit(acme, kWrite).ok()) << i;
  absl::Status refused = limiter->Admit(acme, kWrite);
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrorReason(refused), "WRITE_RATE_EXCEEDED");
  EXPECT_NE(refused.message().find("100 ms"), absl::string_view::npos) << refused.message();

  // One token every 100 ms at 10 a second.
  clock_.Advance(absl::Milliseconds(99));
  EXPECT_EQ(ErrorReason(limiter->Admit(acme, kWrite)), "WRITE_RATE_EXCEEDED");
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_TRUE(limiter->Admit(acme, kWrite).ok());
  EXPECT_FALSE(limiter->Admit(acme, kWrite).ok());

  // A long pause refills up to the burst, not beyond.
  clock_.Advance(absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter->Admit(acme, kWrite).ok()) << i;
  EXPECT_FALSE(limiter->Admit(acme, kWrite).ok());

  // Another caller has a bucket of its own; a state is limited as a stakeholder is.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter->Admit(Who("state:BR"), kWrite).ok()) << i;
  EXPECT_FALSE(limiter->Admit(Who("state:BR"), kWrite).ok());
}

TEST_F(WriteRateLimiterTest, ReadsAndExemptCallersNeitherSpendNorTouchRedis) {
  auto limiter = Limiter(/*rate=*/0.001, /*burst=*/1);
  const Principal acme = Who("stakeholder:acme");
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(limiter->Admit(acme, kRead).ok());
    EXPECT_TRUE(
        limiter->Admit(acme, "/polylateral.composition.v1.CompositionService/DrawPanel").ok());
  }
  EXPECT_FALSE(KeyExists("{t}:rate:stakeholder:acme"));
  for (const char* exempt : {"operator:ops", "secretariat:oewg", "service:routing"}) {
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter->Admit(Who(exempt), kWrite).ok()) << exempt;
    EXPECT_FALSE(KeyExists(absl::StrCat("{t}:rate:", exempt))) << exempt;
  }
  EXPECT_TRUE(limiter->Admit(Principal::Anonymous(), kWrite).ok());
  EXPECT_TRUE(limiter->Admit(acme, kWrite).ok());
  EXPECT_FALSE(limiter->Admit(acme, kWrite).ok());
}

TEST_F(WriteRateLimiterTest, AnIdleBucketExpiresOnceItWouldBeFullAgain) {
  auto limiter = Limiter(/*rate=*/100, /*burst=*/2000);
  ASSERT_TRUE(limiter->Admit(Who("stakeholder:acme"), kWrite).ok());
  auto ttl = redis_->Command({"PTTL", "{t}:rate:stakeholder:acme"});
  ASSERT_TRUE(ttl.ok());
  // 2000 tokens at 100 a second refill in 20 s; a second of slack.
  EXPECT_GT(ttl->integer(), 20000);
  EXPECT_LE(ttl->integer(), 21000);
}

TEST_F(WriteRateLimiterTest, ReplicasShareOneBucketAndConcurrentWritesNeverOverspend) {
  // Two limiters over one Redis stand for two replicas of a service.
  auto a = Limiter(/*rate=*/0.001, /*burst=*/100);
  auto b = Limiter(/*rate=*/0.001, /*burst=*/100);
  const Principal acme = Who("stakeholder:acme");
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      WriteRateLimiter* l = t % 2 == 0 ? a.get() : b.get();
      for (int i = 0; i < 40; ++i) {
        if (l->Admit(acme, kWrite).ok()) ++admitted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 100);
}

TEST_F(WriteRateLimiterTest, WithRedisDownTheWriteGoesOnToItsHandler) {
  auto limiter = Limiter(/*rate=*/0.001, /*burst=*/1);
  const Principal acme = Who("stakeholder:acme");
  ASSERT_TRUE(limiter->Admit(acme, kWrite).ok());
  ASSERT_FALSE(limiter->Admit(acme, kWrite).ok());
  redis_server_->Stop();
  EXPECT_TRUE(limiter->Admit(acme, kWrite).ok());
  redis_server_->Start();  // the data survived (AOF): the bucket is still empty
  EXPECT_EQ(ErrorReason(limiter->Admit(acme, kWrite)), "WRITE_RATE_EXCEEDED");
}

}  // namespace
}  // namespace polylateral::server
