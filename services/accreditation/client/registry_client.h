#ifndef POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/accreditation/domain/registry_lookup.h"

namespace polylateral::accreditation {

// RegistryLookup over gRPC (polylateral.registry.v1.RegistryService). Each call carries the
// caller's deadline capped at `max_wait`; NOT_FOUND keeps its meaning, anything else the
// registry cannot answer becomes UNAVAILABLE REGISTRY_UNAVAILABLE. States are reference data
// compiled into the registry, so known ones are cached.
class GrpcRegistryLookup final : public RegistryLookup {
 public:
  GrpcRegistryLookup(const std::shared_ptr<grpc::Channel>& channel,
                     absl::Duration max_wait = absl::Seconds(2));
  // "host:port", plaintext (loopback and in-cluster until the mTLS issue).
  static std::unique_ptr<GrpcRegistryLookup> Connect(const std::string& address);

  absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id, absl::Time deadline) override;
  absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time at,
                                      absl::Time deadline) override;
  absl::Status State(const std::string& iso2, absl::Time deadline) override;

 private:
  void Prepare(grpc::ClientContext& ctx, absl::Time deadline) const;

  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
  const absl::Duration max_wait_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> known_states_ ABSL_GUARDED_BY(mu_);
};

// The registry's process as the accreditation rules read it (exposed for tests).
ProcessInfo ProcessInfoFromProto(const registry::v1::Process& p, absl::Time at);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_CLIENT_REGISTRY_CLIENT_H_
