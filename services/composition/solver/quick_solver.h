#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_QUICK_SOLVER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_QUICK_SOLVER_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "services/composition/solver/body_spec.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

struct QuickOptions {
  uint64_t seed = 1;  // varies the panel; the same seed gives the same panel
  SolveLimits limits;
};

// QUICK: one feasible panel for interactive use, no fairness claim. A seeded greedy first
// (greedy_panel.h), else a MIP on candidate types with a random objective stopped at its
// first solution (either way, repeated calls with other seeds spread over the pool).
// Invalid input: INVALID_ARGUMENT; infeasible rules: feasible == false with the relaxation;
// deadline or cancellation: DEADLINE_EXCEEDED / CANCELLED.
absl::StatusOr<QuickResult> SolveQuick(const Pool& pool, const BodySpec& spec,
                                       const QuickOptions& options = {});

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_QUICK_SOLVER_H_
