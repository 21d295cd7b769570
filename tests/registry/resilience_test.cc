// Restarts, outages, metrics and the real binary: nothing acknowledged is lost, health tells
// the truth, and the process stops cleanly on SIGTERM.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/log/log.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "services/registry/store/registry_keys.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
polylateral::testing::RedisServer* RegistryApiTest::redis_ = nullptr;
namespace {

using Serving = grpc::health::v1::HealthCheckResponse;
using ResilienceTest = RegistryApiTest;

int CountStakeholders(RegistryHarness& h) {
  v1::ListStakeholdersRequest req;
  req.set_page_size(200);
  v1::ListStakeholdersResponse resp;
  auto ctx = h.Ctx();
  grpc::Status st = h.stub().ListStakeholders(ctx.get(), req, &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return resp.stakeholders_size();
}

bool WaitForHealth(RegistryHarness& h, Serving::ServingStatus want) {
  for (int i = 0; i < 200; ++i) {
    if (h.Health() == want) return true;
    absl::SleepFor(absl::Milliseconds(25));
  }
  return false;
}

TEST_F(ResilienceTest, ServiceRestartLosesNothingAcknowledged) {
  for (int i = 0; i < 20; ++i) CreateOk(Organisation(absl::StrCat("Org ", i)));
  harness_->StopService();
  harness_->StartService();
  EXPECT_EQ(CountStakeholders(*harness_), 20);
}

TEST_F(ResilienceTest, RedisCrashLosesNothingAcknowledged) {
  for (int i = 0; i < 20; ++i) CreateOk(Organisation(absl::StrCat("Org ", i)));
  redis_->Kill();  // SIGKILL: only what the AOF holds survives
  redis_->Start();
  EXPECT_EQ(CountStakeholders(*harness_), 20);
}

TEST_F(ResilienceTest, HealthFollowsRedisAndCallsFailUnavailable) {
  ASSERT_TRUE(WaitForHealth(*harness_, Serving::SERVING));
  redis_->Stop();
  EXPECT_TRUE(WaitForHealth(*harness_, Serving::NOT_SERVING));
  EXPECT_EQ(harness_->Health("polylateral.registry.v1.RegistryService"), Serving::NOT_SERVING);
  EXPECT_EQ(harness_->Health("liveness"), Serving::SERVING);  // alive, just not ready
  v1::GetStakeholderRequest get;
  get.set_name("stakeholders/anyone");
  v1::Stakeholder out;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().GetStakeholder(ctx.get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Details(st).reason, "REDIS_UNAVAILABLE");
  redis_->Start();
  EXPECT_TRUE(WaitForHealth(*harness_, Serving::SERVING));
  CreateOk(Organisation("After the outage"));
}

TEST_F(ResilienceTest, MetricsCountEveryCallByCode) {
  harness_ = std::make_unique<RegistryHarness>(redis_, /*with_metrics=*/true);
  harness_->StartService();
  v1::GetStakeholderRequest get;
  get.set_name("stakeholders/nobody");
  v1::Stakeholder out;
  for (int i = 0; i < 3; ++i) {
    auto ctx = harness_->Ctx();
    harness_->stub().GetStakeholder(ctx.get(), get, &out);
  }
  const std::string metrics = harness_->Metrics();
  const std::string labels =
      "grpc_method=\"GetStakeholder\",grpc_service=\"polylateral.registry.v1.RegistryService\","
      "grpc_type=\"unary\"";
  EXPECT_NE(metrics.find(
                absl::StrCat("grpc_server_handled_total{grpc_code=\"NotFound\",", labels, "} 3")),
            std::string::npos)
      << metrics.substr(0, 3000);
  EXPECT_NE(metrics.find(absl::StrCat("grpc_server_started_total{", labels, "} 3")),
            std::string::npos);
  // Series exist from start-up, before any call with that code.
  EXPECT_NE(metrics.find("grpc_server_handled_total{grpc_code=\"Unauthenticated\","
                         "grpc_method=\"DeleteProcess\""),
            std::string::npos);
  EXPECT_NE(metrics.find("grpc_server_handling_seconds_bucket{grpc_method=\"GetStakeholder\""),
            std::string::npos);
  EXPECT_NE(metrics.find("polylateral_redis_command_duration_seconds_count{command=\"GET\"}"),
            std::string::npos);
  // A missing stakeholder is never cached: each of the three reads went to Redis.
  EXPECT_NE(metrics.find("polylateral_read_cache_lookups_total{cache=\"stakeholders\","
                         "result=\"hit\"} 0"),
            std::string::npos);
}

TEST_F(ResilienceTest, MadeUpMethodNamesShareOneSeries) {
  harness_ = std::make_unique<RegistryHarness>(redis_, /*with_metrics=*/true);
  harness_->StartService();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", harness_->port()),
                                     grpc::InsecureChannelCredentials());
  grpc::GenericStub generic(channel);
  const std::vector<std::string> names = {"/polylateral.registry.v1.RegistryService/NoSuchMethod",
                                          "/made.up.Service/Anything", "/x/y-1", "/x/y-2"};
  for (const auto& name : names) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    // An empty message: a default-constructed ByteBuffer is not a valid one.
    grpc::Slice empty;
    grpc::ByteBuffer request(&empty, 1), response;
    absl::Notification done;
    grpc::Status status;
    generic.UnaryCall(&ctx, name, grpc::StubOptions(), &request, &response, [&](grpc::Status st) {
      status = std::move(st);
      done.Notify();
    });
    ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << name;
  }
  const std::string metrics = harness_->Metrics();
  EXPECT_NE(metrics.find("grpc_server_started_total{grpc_method=\"unknown\","
                         "grpc_service=\"unknown\",grpc_type=\"unknown\"} 4"),
            std::string::npos)
      << metrics.substr(0, 3000);
  for (const char* made_up : {"NoSuchMethod", "Anything", "y-1", "made.up.Service"}) {
    EXPECT_EQ(metrics.find(made_up), std::string::npos) << made_up;
  }
  // Health and reflection keep their own series.
  EXPECT_NE(metrics.find("grpc_service=\"grpc.health.v1.Health\""), std::string::npos);
}

TEST_F(ResilienceTest, ReadCacheLookupsAreCountedOnTheMetricsEndpoint) {
  harness_ = std::make_unique<RegistryHarness>(redis_, /*with_metrics=*/true);
  harness_->StartService();
  ASSERT_TRUE(harness_->app().stakeholder_invalidations()->WaitTracking(absl::Seconds(5)));
  v1::Stakeholder s = CreateOk(Organisation("Counted Org"), "counted");
  const std::string key = RegistryKeys::Stakeholder("counted");
  v1::GetStakeholderRequest get;
  get.set_name(s.name());
  v1::Stakeholder out;
  // Until the first fill lands (the create's own invalidation may void early fills)...
  for (int i = 0; i < 500 && harness_->app().stakeholder_cache()->Find(key) == nullptr; ++i) {
    auto ctx = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().GetStakeholder(ctx.get(), get, &out).ok());
  }
  ASSERT_NE(harness_->app().stakeholder_cache()->Find(key), nullptr);
  // ...then five reads served from memory.
  for (int i = 0; i < 5; ++i) {
    auto ctx = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().GetStakeholder(ctx.get(), get, &out).ok());
  }
  const std::string metrics = harness_->Metrics();
  EXPECT_NE(metrics.find("polylateral_read_cache_lookups_total{cache=\"stakeholders\","
                         "result=\"hit\"} 5"),
            std::string::npos)
      << metrics.substr(metrics.find("polylateral_read_cache"), 400);
  EXPECT_EQ(metrics.find("polylateral_read_cache_lookups_total{cache=\"stakeholders\","
                         "result=\"miss\"} 0"),
            std::string::npos);
}

// A refused AUTH is a deployment error, not a crash: the service stays up, NOT_SERVING, calls
// fail UNAVAILABLE, and the log names the user and Redis's answer once, not on every probe.
TEST_F(ResilienceTest, AWrongRedisPasswordLeavesTheServiceNotServing) {
  harness_->StopService();
  std::ostringstream logs;
  log::SetSink(&logs);
  harness_->UseRedisPassword("not-the-password");
  harness_->StartService();
  EXPECT_TRUE(WaitForHealth(*harness_, Serving::NOT_SERVING));
  EXPECT_EQ(harness_->Health("liveness"), Serving::SERVING);
  v1::GetStakeholderRequest get;
  get.set_name("stakeholders/anyone");
  v1::Stakeholder out;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().GetStakeholder(ctx.get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Details(st).reason, "REDIS_AUTH_FAILED");
  // More health checks, as the health loop keeps making them.
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(harness_->host().redis().Ping());
  EXPECT_EQ(harness_->Health(), Serving::NOT_SERVING);
  harness_->StopService();
  log::SetSink(&std::cerr);
  const std::string text = logs.str();
  int lines = 0;
  for (size_t at = text.find("Redis health check failing"); at != std::string::npos;
       at = text.find("Redis health check failing", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 1) << text;
  EXPECT_TRUE(absl::StrContains(text, "\"user\":\"registry\"")) << text;
  EXPECT_TRUE(absl::StrContains(text, "WRONGPASS")) << text;
}

// The real binary: flags from the environment, health, graceful exit on SIGTERM.
TEST_F(ResilienceTest, BinaryServesAndStopsCleanlyOnSigterm) {
  const char* bin_dir = std::getenv("POLYLATERAL_BINARY_DIR");
  ASSERT_NE(bin_dir, nullptr);
  const std::string binary = absl::StrCat(bin_dir, "/services/registry/polylateral-registry");
  const int port = polylateral::testing::FreeLoopbackPort();
  const int metrics_port = polylateral::testing::FreeLoopbackPort();
  pid_t pid = fork();
  if (pid == 0) {
    setenv("POLYLATERAL_REDIS", redis_->address().c_str(), 1);
    setenv("POLYLATERAL_REDIS_USER", "registry", 1);
    setenv("POLYLATERAL_REDIS_PASSWORD_FILE", redis_->PasswordFile("registry").c_str(), 1);
    setenv("POLYLATERAL_METRICS_LISTEN", absl::StrCat("127.0.0.1:", metrics_port).c_str(), 1);
    // Off: the fixed default port would clash with other tests running at once.
    setenv("POLYLATERAL_HEALTH_LISTEN", "off", 1);
    std::string listen = absl::StrCat("--listen=127.0.0.1:", port);
    execl(binary.c_str(), binary.c_str(), listen.c_str(), nullptr);
    _exit(127);
  }
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto stub = v1::RegistryService::NewStub(channel);
  bool serving = false;
  for (int i = 0; i < 200 && !serving; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    serving = health->Check(&ctx, req, &resp).ok() && resp.status() == Serving::SERVING;
    if (!serving) absl::SleepFor(absl::Milliseconds(25));
  }
  ASSERT_TRUE(serving);
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("Created through the binary");
  v1::Stakeholder out;
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-polylateral-principal", "operator:test");
  ASSERT_TRUE(stub->CreateStakeholder(&ctx, req, &out).ok());

  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(CountStakeholders(*harness_), 1);
}

}  // namespace
}  // namespace polylateral::registry::testing
