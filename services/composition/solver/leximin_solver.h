#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_SOLVER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_SOLVER_H_

#include "absl/status/statusor.h"
#include "services/composition/solver/body_spec.h"
#include "services/composition/solver/mip_solver.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/solve_result.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

struct LeximinOptions {
  SolveLimits limits;
  ProgressCallback progress;  // may be empty; called after every pricing round
  // Try the relaxation shortcut first (relaxed_leximin.h). Off: the stages alone, which the
  // tests compare it with.
  bool relaxation_first = true;
  // CBC's effort in the pricing MIPs (mip_solver.h). kThorough is CBC's default, kept for
  // the benchmark's baseline.
  MipEffort pricing_effort = MipEffort::kLight;
};

// FAIR LOTTERY: the LEXIMIN distribution over feasible panels (Flanigan et al., Nature 2021):
// maximise the lowest selection probability, fix the candidates that cannot do better, then
// the next lowest, until every probability is fixed. Column generation on candidate types:
// the master LP on CLP (leximin_master.h), pricing by a CBC MIP on the dual weights. First,
// though, the same stages over the LP relaxation, whose vector is exact whenever some lottery
// over feasible panels meets it (relaxed_leximin.h, panel_decomposition.h).
// Invalid input: INVALID_ARGUMENT; infeasible rules: feasible == false with the relaxation;
// deadline or cancellation: DEADLINE_EXCEEDED / CANCELLED.
absl::StatusOr<LeximinResult> SolveLeximin(const Pool& pool, const BodySpec& spec,
                                           const LeximinOptions& options = {});
absl::StatusOr<LeximinResult> SolveLeximin(const TypeModel& model,
                                           const LeximinOptions& options = {});

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_SOLVER_H_
