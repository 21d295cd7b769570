#include "services/composition/solver/quick_solver.h"

#include <random>

#include "services/composition/solver/greedy_panel.h"
#include "services/composition/solver/mip_solver.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/relaxation.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

absl::StatusOr<QuickResult> SolveQuick(const Pool& pool, const BodySpec& spec,
                                       const QuickOptions& options) {
  absl::StatusOr<TypeModel> model = BuildTypeModel(pool, spec);
  if (!model.ok()) return model.status();
  if (options.limits.Expired()) return options.limits.StopStatus();
  std::mt19937_64 rng(options.seed);
  QuickResult result;
  // Most pools take a greedy panel in well under a millisecond; CBC is the fallback, and the
  // only judge of infeasibility.
  if (std::optional<std::vector<int>> counts = GreedyPanel(*model, rng)) {
    result.feasible = true;
    result.members = MembersFromCounts(*model, *counts, &rng);
    return result;
  }
  LinearProgram lp = PanelProgram(*model);
  // Per-member random preference, so a type's weight grows with what it can contribute.
  for (double& c : lp.objective) c = UniformUnit(rng);
  lp.maximize = true;
  MipSolver solver(lp);
  const MipOutcome out = solver.SolveFirstFeasible(options.limits);
  if (out.has_solution) {
    result.feasible = true;
    result.members = MembersFromCounts(*model, CountsFromSolution(*model, out.solution), &rng);
    return result;
  }
  if (out.status == MipOutcome::Status::kStopped) return options.limits.StopStatus();
  result.infeasibility = ExplainInfeasibility(*model, options.limits);
  return result;
}

}  // namespace polylateral::composition
