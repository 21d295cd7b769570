#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXATION_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXATION_H_

#include "absl/status/status.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/solve_result.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

// For rules that no panel meets: an integer program that may move every bound (quota
// min/max within min_flex/max_flex, seats within [1, n], caps, coverage, balance) by integer
// slack, minimising the total slack. The moved bounds are the conflicting rules; the new
// values are the smallest relaxation. Never fails: without a relaxation (or past the
// deadline) it says so in `summary`.
Infeasibility ExplainInfeasibility(const TypeModel& model, const SolveLimits& limits);

// FAILED_PRECONDITION (reason INFEASIBLE_RULES) with one subject per moved bound, for a
// caller that wants an error rather than the structured result.
absl::Status InfeasibilityStatus(const Infeasibility& infeasibility);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXATION_H_
