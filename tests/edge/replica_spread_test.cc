// Calls from one service to another spread over every replica of the callee: the channel
// edge::Dial builds (round_robin over a target that resolves to several addresses, as a
// headless Service's DNS name does in Kubernetes), with mutual TLS and the peer's SPIFFE id
// checked on every connection.
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/edge/outgoing_call.h"
#include "gtest/gtest.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "prometheus/registry.h"
#include "tests/edge/tls_suite.h"

namespace polylateral::testing {
namespace {

namespace reg = ::polylateral::registry::v1;

// Calls of `method` a service has answered, from its own metrics.
double Handled(server::ServiceHost& host, const std::string& method) {
  double total = 0;
  for (const prometheus::MetricFamily& family : host.metrics_registry().Collect()) {
    if (family.name != "grpc_server_handled_total") continue;
    for (const prometheus::ClientMetric& metric : family.metric) {
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        if (label.name == "grpc_method" && label.value == method) total += metric.counter.value;
      }
    }
  }
  return total;
}

// A second registry process image on the suite's Redis: a replica behind the same Service.
struct RegistryReplica {
  explicit RegistryReplica(TlsSuite& suite) {
    server::HostOptions o = suite.Options("registry");
    registry::ConfigureRegistryHost(o);
    host = *server::ServiceHost::Create(o);
    app = std::make_unique<registry::RegistryApp>(host.get(), SystemClock::Get());
    EXPECT_TRUE(host->Start({app->service()}).ok());
  }
  ~RegistryReplica() { host->Shutdown(); }
  std::unique_ptr<server::ServiceHost> host;
  std::unique_ptr<registry::RegistryApp> app;
};

TEST(ReplicaSpreadTest, ServiceToServiceCallsReachEveryReplica) {
  TlsSuite suite;
  RegistryReplica second(suite);
  server::ServiceHost& first = suite.Host("registry");

  edge::OutgoingOptions caller;
  caller.self = "accreditation";
  caller.tls = suite.Tls("accreditation");
  const std::string target =
      absl::StrCat("ipv4:", suite.Address("registry"), ",127.0.0.1:", second.host->port());
  auto stub = reg::RegistryService::NewStub(edge::Dial(caller, target, "registry"));

  const double before_first = Handled(first, "ListStates");
  const double before_second = Handled(*second.host, "ListStates");
  constexpr int kCalls = 40;
  for (int i = 0; i < kCalls; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    ctx.set_wait_for_ready(true);
    reg::ListStatesRequest req;
    req.set_page_size(1);
    reg::ListStatesResponse out;
    grpc::Status status = stub->ListStates(&ctx, req, &out);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  }
  // The servers count a call as it completes, which may be just after the client has its
  // answer: wait (bounded) for all of them.
  double to_first = 0;
  double to_second = 0;
  const absl::Time until = absl::Now() + absl::Seconds(5);
  do {
    to_first = Handled(first, "ListStates") - before_first;
    to_second = Handled(*second.host, "ListStates") - before_second;
  } while (to_first + to_second < kCalls && absl::Now() < until);
  EXPECT_EQ(to_first + to_second, kCalls);
  // round_robin alternates once both connections are ready; pick_first would send all 40 to
  // one replica. The first calls may all go to whichever connection was ready first.
  EXPECT_GE(to_first, kCalls / 4) << "calls answered by the first replica";
  EXPECT_GE(to_second, kCalls / 4) << "calls answered by the second replica";
}

TEST(ReplicaSpreadTest, EveryReplicaMustProveItIsThePeer) {
  TlsSuite suite;
  // Behind the same target, a server holding another service's certificate: the channel
  // refuses it and every call still reaches the real registry.
  server::HostOptions o = suite.Options("routing");
  registry::ConfigureRegistryHost(o);
  auto impostor = *server::ServiceHost::Create(o);
  registry::RegistryApp impostor_app(impostor.get(), SystemClock::Get());
  ASSERT_TRUE(impostor->Start({impostor_app.service()}).ok());

  edge::OutgoingOptions caller;
  caller.self = "accreditation";
  caller.tls = suite.Tls("accreditation");
  const std::string target =
      absl::StrCat("ipv4:", suite.Address("registry"), ",127.0.0.1:", impostor->port());
  auto stub = reg::RegistryService::NewStub(edge::Dial(caller, target, "registry"));
  for (int i = 0; i < 20; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    ctx.set_wait_for_ready(true);
    reg::ListStatesRequest req;
    req.set_page_size(1);
    reg::ListStatesResponse out;
    grpc::Status status = stub->ListStates(&ctx, req, &out);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  }
  EXPECT_EQ(Handled(*impostor, "ListStates"), 0);
  impostor->Shutdown();
}

}  // namespace
}  // namespace polylateral::testing
