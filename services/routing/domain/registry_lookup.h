#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_LOOKUP_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_LOOKUP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/routing/domain/registry_view.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// What the routing use cases ask the registry. The gRPC implementation (client/) carries the
// caller's deadline; domain tests use tables. Errors: NOT_FOUND STAKEHOLDER_NOT_FOUND /
// PROCESS_NOT_FOUND; INTERNAL when the registry's answer lacks a field routing needs; the
// registry's unavailability as UNAVAILABLE.
class RegistryLookup {
 public:
  virtual ~RegistryLookup() = default;
  virtual absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id,
                                                      absl::Time deadline) = 0;
  virtual absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time deadline) = 0;
  // Every process (for "wherever it belongs"); at most 1,000.
  virtual absl::StatusOr<std::vector<ProcessInfo>> AllProcesses(absl::Time deadline) = 0;
  // The networks `member` belongs to.
  virtual absl::StatusOr<std::vector<NetworkFacts>> NetworksOf(const std::string& member,
                                                               absl::Time deadline) = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_REGISTRY_LOOKUP_H_
