#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REGISTRY_LOOKUP_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REGISTRY_LOOKUP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// What the accreditation rules ask of the registry. The gRPC implementation lives in client/;
// domain tests use a table. Every call finishes by `deadline`. Errors: NOT_FOUND with reason
// STAKEHOLDER_NOT_FOUND / PROCESS_NOT_FOUND / STATE_NOT_FOUND; UNAVAILABLE
// REGISTRY_UNAVAILABLE when the registry cannot answer in time.
class RegistryLookup {
 public:
  virtual ~RegistryLookup() = default;
  virtual absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id,
                                                      absl::Time deadline) = 0;
  // `at`: the session whose states_present the routes carry is the first not yet ended at
  // `at` (else the last one).
  virtual absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time at,
                                              absl::Time deadline) = 0;
  // OK when `iso2` is a UN member or observer state.
  virtual absl::Status State(const std::string& iso2, absl::Time deadline) = 0;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REGISTRY_LOOKUP_H_
