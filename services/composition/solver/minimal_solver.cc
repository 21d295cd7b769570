#include "services/composition/solver/minimal_solver.h"

#include <cmath>

#include "services/composition/solver/mip_solver.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/relaxation.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

absl::StatusOr<MinimalResult> SolveMinimal(const Pool& pool, const BodySpec& spec,
                                           const SolveLimits& limits) {
  absl::StatusOr<TypeModel> model = BuildTypeModel(pool, spec);
  if (!model.ok()) return model.status();
  LinearProgram lp = PanelProgram(*model);
  for (double& c : lp.objective) c = 1.0;  // seats
  lp.maximize = false;
  MipSolver solver(lp);
  MinimalResult result;
  const MipOutcome out = solver.Solve(limits);
  if (!out.has_solution) {
    if (out.status == MipOutcome::Status::kStopped) return limits.StopStatus();
    result.infeasibility = ExplainInfeasibility(*model, limits);
    return result;
  }
  result.feasible = true;
  result.members = MembersFromCounts(*model, CountsFromSolution(*model, out.solution), nullptr);
  result.seats = static_cast<int>(result.members.size());
  result.lp_bound = solver.RelaxationOptimum().value_or(0.0);
  result.best_bound = out.best_bound;
  // Seats are integers, so a bound above seats - 1 proves that no smaller body exists.
  result.proven_optimal = out.status == MipOutcome::Status::kOptimal &&
                          std::ceil(result.best_bound - 1e-6) >= result.seats;
  return result;
}

}  // namespace polylateral::composition
