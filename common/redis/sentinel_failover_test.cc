// Redis that fails over: a primary, two replicas and three sentinels, all real processes on
// loopback with the deployed ACL users. A client in Sentinel mode finds the primary, keeps
// writing through a kill -9 of it and through a demotion, and with --redis_min_replicas_ack=1
// loses no write it acknowledged.
#include <atomic>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "common/redis/sentinel.h"
#include "common/testing/redis_server.h"
#include "common/testing/sentinel_topology.h"
#include "common/testing/wait_for.h"
#include "gtest/gtest.h"

namespace polylateral::redis {
namespace {

using testing::SentinelTopology;
using testing::WaitFor;

constexpr const char* kMaster = SentinelTopology::kMasterName;

class SentinelFailoverTest : public ::testing::Test {
 protected:
  void SetUp() override { redis_.Start(); }

  std::vector<std::string> SentinelAddresses() const { return redis_.SentinelAddresses(); }
  // The registry user's options in Sentinel mode.
  RedisOptions ServiceOptions(int min_replicas_ack) const {
    return redis_.ServiceOptions("registry", min_replicas_ack);
  }

  SentinelTopology redis_;
};

// One writer: SET {reg}:fo:<i> until stopped, remembering every write Redis acknowledged and
// when writes succeeded again after `outage_from`.
class Writer {
 public:
  explicit Writer(RedisClient* client) : client_(client) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Writer() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int acked() const {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(acked_.size());
  }
  std::vector<int> acked_ids() const {
    absl::MutexLock lock(&mu_);
    return acked_;
  }
  // The first acknowledged write that began after `t`, if any.
  absl::Time first_ack_after(absl::Time t) const {
    absl::MutexLock lock(&mu_);
    for (size_t i = 0; i < acked_.size(); ++i) {
      if (started_[i] > t) return started_[i];
    }
    return absl::InfiniteFuture();
  }

 private:
  void Run() {
    for (int i = 0; !stop_; ++i) {
      const absl::Time started = absl::Now();
      auto r = client_->Command({"SET", absl::StrCat("{reg}:fo:", i), "1"});
      if (r.ok() && !r->is_error()) {
        absl::MutexLock lock(&mu_);
        acked_.push_back(i);
        started_.push_back(started);
      } else {
        absl::SleepFor(absl::Milliseconds(20));
      }
    }
  }
  RedisClient* const client_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  std::vector<int> acked_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> started_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

TEST_F(SentinelFailoverTest, FindsThePrimaryThroughTheSentinels) {
  RedisClient client(ServiceOptions(0), nullptr);
  auto primary = client.PrimaryAddress();
  ASSERT_TRUE(primary.ok()) << primary.status();
  EXPECT_EQ(*primary, redis_.node(0).address());
  auto set = client.Command({"SET", "{reg}:found", "1"});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_FALSE(set->is_error()) << set->DebugString();
}

TEST_F(SentinelFailoverTest, AcknowledgedWritesSurviveAKilledPrimary) {
  RedisClient client(ServiceOptions(1), nullptr);
  Writer writer(&client);
  ASSERT_TRUE(WaitFor(absl::Seconds(10), [&] { return writer.acked() >= 200; }));

  const absl::Time killed = absl::Now();
  redis_.node(0).Kill();
  // Writes fail until a sentinel majority promotes a replica, then go to it.
  ASSERT_TRUE(WaitFor(absl::Seconds(60), [&] {
    return writer.first_ack_after(killed) != absl::InfiniteFuture();
  })) << "no write succeeded after the primary was killed";
  const int after_failover = writer.acked();
  ASSERT_TRUE(WaitFor(absl::Seconds(10), [&] { return writer.acked() >= after_failover + 100; }));
  writer.Stop();
  std::cout << "first write after the kill: +" << (writer.first_ack_after(killed) - killed) << "\n";

  auto primary = client.PrimaryAddress();
  ASSERT_TRUE(primary.ok()) << primary.status();
  EXPECT_NE(*primary, redis_.node(0).address());
  RedisOptions admin = redis_.node(1).Options("admin");
  admin.address = *primary;
  RedisClient reader(admin, nullptr);
  int lost = 0;
  for (int id : writer.acked_ids()) {
    auto r = reader.Command({"EXISTS", absl::StrCat("{reg}:fo:", id)});
    ASSERT_TRUE(r.ok()) << r.status();
    if (r->integer() != 1) ++lost;
  }
  EXPECT_EQ(lost, 0) << "of " << writer.acked_ids().size() << " acknowledged writes";
}

TEST_F(SentinelFailoverTest, ADemotedPrimaryIsLeftForTheNewOne) {
  RedisClient client(ServiceOptions(0), nullptr);
  ASSERT_TRUE(client.Command({"SET", "{reg}:before", "1"}).ok());
  const uint64_t generation = client.generation();

  // A manual failover keeps the old primary running, as a replica: pooled connections to it
  // stay open, and only +switch-master or a READONLY answer tells the client.
  RedisOptions s;
  s.address = SentinelAddresses()[0];
  RedisClient sentinel(s, nullptr);
  ASSERT_TRUE(WaitFor(absl::Seconds(15), [&] {
    auto failover = sentinel.Command({"SENTINEL", "failover", kMaster});
    return failover.ok() && !failover->is_error();
  })) << "the sentinel never started a failover";

  ASSERT_TRUE(WaitFor(absl::Seconds(30), [&] {
    auto r = client.Command({"SET", "{reg}:after", "1"});
    return r.ok() && !r->is_error() && client.generation() != generation;
  }));
  auto primary = client.PrimaryAddress();
  ASSERT_TRUE(primary.ok()) << primary.status();
  EXPECT_NE(*primary, redis_.node(0).address());
  // The sentinels reconfigure the old primary as a replica just after announcing the switch.
  EXPECT_TRUE(WaitFor(absl::Seconds(15), [&] {
    auto role = RedisClient(redis_.node(0).Options(), nullptr).Command({"ROLE"});
    return role.ok() && role->is_array() && (*role)[0].str() == "slave";
  })) << "the old primary never became a replica";
}

TEST_F(SentinelFailoverTest, AWriteOnAReplicaSaysSoAndIsNotRetriedThere) {
  // What a connection left open on a demoted primary sees: READONLY, mapped to UNAVAILABLE
  // REDIS_NOT_PRIMARY, and the connection is not reused.
  RedisOptions o = redis_.node(1).Options("registry");
  RedisClient client(o, nullptr);
  const uint64_t generation = client.generation();
  auto r = client.Command({"SET", "{reg}:on-replica", "1"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(r.status().ToString().find("REDIS_NOT_PRIMARY"), std::string::npos) << r.status();
  EXPECT_NE(client.generation(), generation);
}

TEST_F(SentinelFailoverTest, AWriteTheReplicasCannotConfirmIsNotAcknowledged) {
  // Three replicas asked for, two exist: the write happens on the primary, but the caller is
  // told it is not safe (and retries with its request id).
  RedisOptions o = ServiceOptions(3);
  o.replicas_ack_timeout = absl::Milliseconds(100);
  RedisClient impatient(o, nullptr);
  auto r = impatient.Command({"SET", "{reg}:unsafe", "1"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(r.status().ToString().find("REDIS_REPLICAS_BEHIND"), std::string::npos) << r.status();
  EXPECT_NE(r.status().message().find("of 3 replicas"), std::string::npos) << r.status();

  // As many as exist: acknowledged.
  o.min_replicas_ack = 2;
  o.replicas_ack_timeout = absl::Seconds(5);
  RedisClient patient(o, nullptr);
  auto ok = patient.Command({"SET", "{reg}:safe", "1"});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_FALSE(ok->is_error()) << ok->DebugString();
}

}  // namespace
}  // namespace polylateral::redis
