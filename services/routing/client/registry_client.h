#ifndef POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_CLIENT_H_
#define POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/edge/outgoing_call.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/routing/domain/registry_lookup.h"

namespace polylateral::routing {

// RegistryLookup over gRPC through edge::NewClientContext (the caller's deadline capped, its
// cancellation). NOT_FOUND keeps its meaning (STAKEHOLDER_NOT_FOUND, PROCESS_NOT_FOUND); other
// errors through edge::FromUpstream. Answers are decoded by registry_decoding.h and cached for
// `cache_ttl` (processes and stakeholders change rarely and SubmitInput is the hot path); 0
// disables the cache.
class RegistryClient final : public RegistryLookup {
 public:
  RegistryClient(edge::OutgoingOptions outgoing, const std::string& target,
                 absl::Duration cache_ttl);

  absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id, absl::Time deadline) override;
  absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time deadline) override;
  absl::StatusOr<std::vector<ProcessInfo>> AllProcesses(absl::Time deadline) override;
  absl::StatusOr<std::vector<NetworkFacts>> NetworksOf(const std::string& member,
                                                       absl::Time deadline) override;

 private:
  template <typename T>
  struct Entry {
    T value;
    absl::Time fetched;
  };
  bool Fresh(absl::Time fetched) const { return absl::Now() - fetched < cache_ttl_; }

  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
  const absl::Duration cache_ttl_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry<StakeholderInfo>> stakeholders_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Entry<ProcessInfo>> processes_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Entry<std::vector<ProcessInfo>>> all_processes_ ABSL_GUARDED_BY(mu_);
  // Per member: the networks that list it.
  absl::flat_hash_map<std::string, Entry<std::vector<NetworkFacts>>> networks_of_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_CLIENT_H_
