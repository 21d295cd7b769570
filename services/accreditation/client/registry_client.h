#ifndef POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "common/edge/outgoing_call.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/accreditation/domain/registry_lookup.h"

namespace polylateral::accreditation {

// RegistryLookup over gRPC (polylateral.registry.v1.RegistryService), through
// edge::NewClientContext (the caller's deadline capped, its cancellation) and
// edge::FromUpstream (a client error stays one; a registry that fails is
// REGISTRY_UNAVAILABLE); NOT_FOUND names what is missing. States are reference data
// compiled into the registry, so known ones are cached.
class GrpcRegistryLookup final : public RegistryLookup {
 public:
  GrpcRegistryLookup(edge::OutgoingOptions outgoing, const std::string& target);

  absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id, absl::Time deadline) override;
  absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time at,
                                      absl::Time deadline) override;
  absl::Status State(const std::string& iso2, absl::Time deadline) override;

 private:
  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> known_states_ ABSL_GUARDED_BY(mu_);
};

// The registry's process as the accreditation rules read it (exposed for tests).
ProcessInfo ProcessInfoFromProto(const registry::v1::Process& p, absl::Time at);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_
