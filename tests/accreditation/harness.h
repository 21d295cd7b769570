#ifndef POLYLATERAL_TESTS_ACCREDITATION_HARNESS_H_
#define POLYLATERAL_TESTS_ACCREDITATION_HARNESS_H_

// A real registry and a real accreditation service on 127.0.0.1:0 against one real
// redis-server, built as main() builds them; the accreditation service's clock is a FakeClock
// and its scheduler is driven by Tick(). One redis-server per test binary, flushed per test.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/accreditation/api/accreditation_app.h"
#include "services/registry/api/registry_app.h"

namespace polylateral::accreditation::testing {

namespace reg = ::polylateral::registry::v1;
namespace acc = ::polylateral::accreditation::v1;

struct ErrorDetails {
  std::string reason;
  std::vector<std::string> fields;
};
ErrorDetails Details(const grpc::Status& status);

// One accreditation replica (host + app) on the shared Redis.
struct Replica {
  std::unique_ptr<server::ServiceHost> host;
  std::unique_ptr<AccreditationApp> app;
};

class AccreditationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;
  void TearDown() override;

  // `metrics`: serve /metrics on a free loopback port (its shutdown costs ~2 s, so only the
  // tests that scrape it ask for it).
  std::unique_ptr<Replica> StartReplica(bool metrics = false);
  // Replaces replica_ (and stub_) by one that serves /metrics.
  void UseReplicaWithMetrics();
  void StopRegistry();
  // How the services reach Redis as `user`, and the reset before each test: the shared
  // redis-server, flushed. A fixture with another Redis shape overrides both.
  virtual redis::RedisOptions RedisFor(const std::string& user) const;
  virtual void ResetRedis();
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& principal = "") const;
  int Tick() { return *replica_->app->scheduler().Tick(); }
  // The replica's /metrics text (every replica serves one on a free loopback port).
  static std::string Metrics(const Replica& replica);
  // The /metrics text served on loopback port `port` (any service's host).
  static std::string MetricsAt(int port);
  // polylateral_accreditation_decisions_total{route, outcome} in a /metrics text; -1 if absent.
  static double DecisionCount(const std::string& metrics, const std::string& route,
                              const std::string& outcome);

  // Registry fixtures.
  std::string Stakeholder(const std::string& name, reg::Stakeholder::EcosocStatus ecosoc,
                          const std::string& country = "BR",
                          type::v1::StakeholderGroup group = type::v1::CIVIL_SOCIETY);
  // A process with an ECOSOC route (general: 4 rights; special and roster: 2), a
  // non-objection route (any single objection, 14 days) and a committee route (CU, IN, US).
  // `sessions`: (start, end) dates of its sessions, inclusive. `qualifying_processes`:
  // process ids whose accreditation qualifies for the ecosoc-general route too. A fraction
  // rule blocks at one third of the states present; `states_present`: per session (none: 0).
  void Process(const std::string& id, reg::ParticipationModalities::DisclosurePolicy policy,
               reg::ObjectionRule::Kind rule = reg::ObjectionRule::ANY_SINGLE_OBJECTION,
               const std::vector<std::pair<absl::CivilDay, absl::CivilDay>>& sessions = {},
               const std::vector<std::string>& qualifying_processes = {},
               const std::vector<int>& states_present = {});

  // Accreditation calls that must succeed.
  acc::Application Apply(const std::string& process, const std::string& stakeholder,
                         const std::string& route);
  acc::Application Submit(const std::string& name, const std::string& principal);
  grpc::Status Object(const std::string& app, const std::string& iso2,
                      const std::string& principal = "");
  acc::Application GetApp(const std::string& name);

  static polylateral::testing::RedisServer* redis_;
  FakeClock clock_{absl::Now()};
  std::unique_ptr<server::ServiceHost> registry_host_;
  std::unique_ptr<registry::RegistryApp> registry_app_;
  std::unique_ptr<Replica> replica_;
  std::unique_ptr<reg::RegistryService::Stub> registry_;
  std::unique_ptr<acc::AccreditationService::Stub> stub_;
  std::string registry_address_;
  // The key replicas sign their audit heads with; null: they publish none. Set before SetUp.
  std::shared_ptr<const audit::HeadSigner> audit_signer_;
  // Replicas' WatchEvents and webhook options: http:// to loopback (the tests' receivers)
  // and millisecond backoffs, so that ten failed attempts take a moment. Set before SetUp.
  WatchOptions watch_options_;
  WebhookOptions webhook_options_ = [] {
    WebhookOptions o;
    o.allow_http_loopback = true;
    o.backoff_base = absl::Milliseconds(5);
    o.backoff_cap = absl::Milliseconds(20);
    o.timeout = absl::Seconds(2);
    o.idle = absl::Milliseconds(50);
    return o;
  }();
};

}  // namespace polylateral::accreditation::testing

#endif  // POLYLATERAL_TESTS_ACCREDITATION_HARNESS_H_
