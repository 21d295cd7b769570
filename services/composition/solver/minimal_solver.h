#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MINIMAL_SOLVER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MINIMAL_SOLVER_H_

#include "absl/status/statusor.h"
#include "services/composition/solver/body_spec.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

// MINIMAL: the smallest body within [min_seats, max_seats] that meets every rule ("the
// smallest set of stakeholders that includes all perspectives"). An integer program
// minimising the seats; the result carries the LP relaxation's bound and CBC's final bound,
// and proven_optimal says the bound, rounded up, equals the seats found.
absl::StatusOr<MinimalResult> SolveMinimal(const Pool& pool, const BodySpec& spec,
                                           const SolveLimits& limits = {});

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_MINIMAL_SOLVER_H_
