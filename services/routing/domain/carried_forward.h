#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_CARRIED_FORWARD_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_CARRIED_FORWARD_H_

// The vertical track's outcome: a state mission marks an input that reached it through its
// consultation or relay as carried into its own intervention. The rules of a mark, apart
// from who may make it (the state itself, an API concern) and how it is stored.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/uptake.h"

namespace polylateral::routing {

inline constexpr size_t kMaxCarriedNoteBytes = 2000;

// INVALID_ARGUMENT INVALID_REQUEST naming "state" (not two capital letters) or "note" (over
// kMaxCarriedNoteBytes, not UTF-8, or with control characters other than newline and tab).
absl::Status ValidateCarriedForward(const CarriedForward& mark);

// The processes whose uptake report counts `mark`: those of the input's vertical routes
// through `mark.state`, each once, sorted (a route feeding no process adds none).
// FAILED_PRECONDITION NOT_ROUTED_TO_STATE when no vertical route of `routes` goes through
// the state: carrying forward is a vertical route's outcome.
absl::StatusOr<std::vector<std::string>> CarriedProcesses(const CarriedForward& mark,
                                                          const std::vector<Route>& routes);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_CARRIED_FORWARD_H_
