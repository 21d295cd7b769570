#ifndef POLYLATERAL_TESTS_COMPOSITION_COMPOSITION_HARNESS_H_
#define POLYLATERAL_TESTS_COMPOSITION_COMPOSITION_HARNESS_H_

// A real composition service on 127.0.0.1:0, built exactly as main() builds it, against a
// real redis-server and a real registry service (also on loopback, same Redis: their keys
// do not overlap), with helpers for the solver's problems.

#include <memory>
#include <string>

#include "common/base/clock.h"
#include "common/server/service_host.h"
#include "common/testing/redis_server.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "services/composition/api/composition_app.h"
#include "services/composition/solver/body_spec.h"
#include "tests/registry/registry_harness.h"

namespace polylateral::composition::testing {

class CompositionHarness final {
 public:
  // `options`: the service's options but for the registry address (the harness's registry).
  CompositionHarness(polylateral::testing::RedisServer* redis, const Clock* clock,
                     bool with_metrics = false, CompositionOptions options = {});
  ~CompositionHarness();

  v1::CompositionService::Stub& stub() { return *stub_; }
  registry::testing::RegistryHarness& registry() { return *registry_; }
  CompositionApp& app() { return *app_; }
  // The service's gRPC port on 127.0.0.1 (for stubs of the other services it serves).
  int port() const;
  // A context with a deadline (default 20 s) and, when given, the caller identity header.
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& principal = "",
                                           absl::Duration timeout = absl::Seconds(20)) const;
  std::string Metrics() const;

 private:
  std::unique_ptr<registry::testing::RegistryHarness> registry_;
  std::unique_ptr<server::ServiceHost> host_;
  std::unique_ptr<CompositionApp> app_;
  std::unique_ptr<v1::CompositionService::Stub> stub_;
};

// The solver's plain problem as the wire carries it.
v1::SolveRequest ToRequest(const Pool& pool, const BodySpec& spec, v1::SolveMode mode);

// Whether `member_ids` meet every quota, cap and the seat range of `spec` (checked here,
// independently of the solver).
::testing::AssertionResult MeetsRules(const Pool& pool, const BodySpec& spec,
                                      const google::protobuf::RepeatedPtrField<std::string>& ids);

}  // namespace polylateral::composition::testing

#endif  // POLYLATERAL_TESTS_COMPOSITION_COMPOSITION_HARNESS_H_
