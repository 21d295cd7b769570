#ifndef POLYLATERAL_SERVICES_COMPOSITION_CLIENT_REGISTRY_CLIENT_H_
#define POLYLATERAL_SERVICES_COMPOSITION_CLIENT_REGISTRY_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/edge/outgoing_call.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/composition/delegation/registry_lookup.h"

namespace polylateral::composition {

// The registry's gRPC client, one channel for the process.
class RegistryClient final {
 public:
  RegistryClient(edge::OutgoingOptions outgoing, const std::string& target);
  registry::v1::RegistryService::Stub& stub() { return *stub_; }
  const edge::OutgoingOptions& outgoing() const { return outgoing_; }

 private:
  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

// RegistryLookup for one incoming call: every question inherits the call's deadline and
// cancellation (edge::NewClientContext) and is capped at kLookupTimeout, so
// a slow registry costs a caller at most that per question, not its whole budget.
// Registry NOT_FOUND stays NOT_FOUND (PROCESS_NOT_FOUND, SESSION_NOT_FOUND, ...); an
// unreachable or slow registry is UNAVAILABLE (REGISTRY_UNAVAILABLE).
class CallRegistryLookup final : public RegistryLookup {
 public:
  static constexpr absl::Duration kLookupTimeout = absl::Seconds(2);

  explicit CallRegistryLookup(RegistryClient* client) : client_(client) {}

  absl::StatusOr<SessionFacts> GetSession(const std::string& process_id,
                                          const std::string& session_id) override;
  absl::StatusOr<std::vector<std::string>> ListSessions(const std::string& process_id) override;
  absl::StatusOr<StakeholderFacts> GetStakeholder(const std::string& id) override;
  absl::StatusOr<StateFacts> GetState(const std::string& iso2) override;
  // OK when the registry has the process; NOT_FOUND (PROCESS_NOT_FOUND) otherwise.
  absl::Status CheckProcess(const std::string& process_id);

 private:
  std::unique_ptr<grpc::ClientContext> NewContext() const;

  RegistryClient* const client_;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_CLIENT_REGISTRY_CLIENT_H_
