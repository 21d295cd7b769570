#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_ACCESS_LOOKUP_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_ACCESS_LOOKUP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// What the routing use cases ask the accreditation service: may `stakeholder` exercise
// `right` in `process` at `at`, with BLOCKED_BY_OBJECTION resolved. The gRPC implementation
// (client/accreditation_client) never guesses: an unreachable service is an error
// (UNAVAILABLE), not a denial. Domain tests use tables.
class AccessLookup {
 public:
  virtual ~AccessLookup() = default;
  // `use_cache`: the answer may come from a cache the implementation keeps.
  virtual absl::StatusOr<AccessAnswer> Check(const std::string& stakeholder,
                                             const std::string& process,
                                             vocabulary::ParticipationRight right, absl::Time at,
                                             absl::Time deadline, bool use_cache) = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_ACCESS_LOOKUP_H_
