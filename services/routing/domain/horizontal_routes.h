#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_HORIZONTAL_ROUTES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_HORIZONTAL_ROUTES_H_

// Rule 2 of routing_policy.h: the institution's own channels of one process. Internal to the
// policy; exposed for its tests.

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/routing/domain/registry_view.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/routing_facts.h"
#include "services/routing/domain/routing_policy.h"

namespace polylateral::routing {

// Appends the horizontal routes (or exclusions) of `process` to `decision`. NOT_FOUND when the
// target names a session or group the process lacks.
absl::Status AddHorizontalRoutes(const RoutingInput& input, const ProcessInfo& process,
                                 const RoutingFacts& facts, absl::Time now,
                                 RoutingDecision& decision);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_HORIZONTAL_ROUTES_H_
