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
#include "services/registry/domain/process.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::routing {

// What routing asks the registry, over gRPC through edge::NewClientContext (the caller's
// deadline capped, its cancellation). NOT_FOUND keeps its meaning (STAKEHOLDER_NOT_FOUND,
// PROCESS_NOT_FOUND); other errors through edge::FromUpstream. Answers are cached for `cache_ttl`
// (processes and stakeholders change rarely and SubmitInput is the hot path); 0 disables it.
class RegistryClient final {
 public:
  RegistryClient(edge::OutgoingOptions outgoing, const std::string& target,
                 absl::Duration cache_ttl);

  absl::StatusOr<registry::Stakeholder> Stakeholder(const std::string& id, absl::Time deadline);
  absl::StatusOr<registry::Process> Process(const std::string& id, absl::Time deadline);
  // Every process (for "wherever it belongs"); at most 1,000.
  absl::StatusOr<std::vector<registry::Process>> AllProcesses(absl::Time deadline);
  // The networks `member` belongs to.
  absl::StatusOr<std::vector<registry::Stakeholder>> NetworksOf(const std::string& member,
                                                                absl::Time deadline);

 private:
  template <typename T>
  struct Entry {
    T value;
    absl::Time fetched;
  };
  bool Fresh(absl::Time fetched) const { return absl::Now() - fetched < cache_ttl_; }
  absl::StatusOr<std::vector<registry::Stakeholder>> AllNetworks(absl::Time deadline);

  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
  const absl::Duration cache_ttl_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry<registry::Stakeholder>> stakeholders_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Entry<registry::Process>> processes_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Entry<std::vector<registry::Process>>> all_processes_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Entry<std::vector<registry::Stakeholder>>> networks_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_CLIENT_H_
