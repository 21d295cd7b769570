#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CLP_RECOVERY_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CLP_RECOVERY_H_

// Solving an LP on CLP so that neither a deadline nor numerical trouble is left to chance.
//
// Deadlines: CLP runs its simplex iterations without asking anyone, so a degenerate
// re-optimisation of a large master could run for a minute after the caller had gone. A
// ClpEventHandler polls the SolveLimits between iterations and stops the LP (CLP status 5).
//
// Trouble: on degenerate, nearly rank-deficient masters (exact quotas over many features) a
// warm primal simplex can end "primal infeasible" or "stopped on difficulties" on an LP that
// has a solution. SolveLp then walks a ladder of recoveries, each from a clean start, until
// one proves optimality: dual simplex, primal from an all-slack basis, perturbed primal with
// scaling, the barrier with crossover, and last looser tolerances.

#include <string>

#include "absl/status/status.h"
#include "services/composition/solver/solve_limits.h"

class ClpSimplex;

namespace polylateral::composition {

// What a solve took: which step proved optimality (empty when the first did), so that the
// caller can tell a certified answer from a recovered one.
struct LpSolveReport {
  std::string recovery;    // e.g. "barrier" or "looser tolerances"
  bool loosened = false;   // optimal only at tolerances looser than the usual 1e-9
  double cpu_seconds = 0;  // the whole solve, recoveries included
};

// `warm`: try a primal simplex from the current basis first (a column-generation master after
// new columns arrive); otherwise start with the dual simplex (a fresh LP). OK when some step
// proved optimality; the limits' DEADLINE_EXCEEDED / CANCELLED when they stopped it; INTERNAL
// naming CLP's last status when every step failed. The LP keeps the last step's solution.
absl::Status SolveLp(ClpSimplex& lp, const SolveLimits& limits, bool warm,
                     LpSolveReport* report = nullptr);

// Attaches the limits to `lp` (a copy of the handler; `limits` must outlive every solve),
// for LPs solved elsewhere, e.g. CBC's node LPs.
void AttachLimits(ClpSimplex& lp, const SolveLimits& limits);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_CLP_RECOVERY_H_
