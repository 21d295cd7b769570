#ifndef POLYLATERAL_TESTS_ROUTING_HARNESS_H_
#define POLYLATERAL_TESTS_ROUTING_HARNESS_H_

// A real registry, a real accreditation service and a real routing service on 127.0.0.1:0
// against one real redis-server, built as main() builds them (the accreditation harness
// plus routing). Routing shares the harness's FakeClock, so a test moves time for all.

#include <memory>
#include <string>
#include <vector>

#include "polylateral/routing/v1/routing_service.grpc.pb.h"
#include "services/routing/api/routing_app.h"
#include "tests/accreditation/harness.h"

namespace polylateral::routing::testing {

namespace rt = ::polylateral::routing::v1;
namespace reg = ::polylateral::registry::v1;
namespace acc = ::polylateral::accreditation::v1;
using accreditation::testing::Details;

class RoutingTest : public accreditation::testing::AccreditationTest {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Routing options of the test's service (set before SetUp finishes, e.g. in a subclass).
  virtual AppOptions Options();

  // The Global Mechanism: themes cybersecurity; one session sitting and taking written input
  // for 60 days from today; thematic groups "cip" (current item: critical infrastructure
  // protection) and "capacity" (current item: capacity building). Routes: "ecosoc-general"
  // (inherited, all rights) and "non-objection" (any single objection, 14 days; written
  // input and plenary).
  void GlobalMechanism(const std::string& id);
  // An organisation accredited to `process` through ECOSOC general status.
  std::string Accredited(const std::string& name, const std::string& process,
                         const std::string& country = "BR");
  // A network with the given members.
  std::string Network(const std::string& name, const std::vector<std::string>& members);

  rt::Input Written(const std::string& author, const std::string& process,
                    const std::vector<std::string>& themes);
  grpc::Status SubmitInput(const rt::Input& in, rt::Input* out, const std::string& principal = "");
  rt::PullInboxResponse Pull(const std::string& dest, const std::string& principal, int max = 10);
  bool Ack(const std::string& dest, const std::string& id, const std::string& principal);

  // Serve routing's /metrics on a free loopback port (set before SetUp; its shutdown costs
  // about 2 s, so only the tests that read it).
  bool serve_metrics_ = false;

  std::unique_ptr<server::ServiceHost> routing_host_;
  std::unique_ptr<RoutingApp> routing_app_;
  std::unique_ptr<rt::RoutingService::Stub> routing_;
};

}  // namespace polylateral::routing::testing

#endif  // POLYLATERAL_TESTS_ROUTING_HARNESS_H_
