#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_DECOMPOSITION_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_DECOMPOSITION_H_

// Writes a target probability per type as a lottery over feasible panels, or proves it is not
// one. Column generation on ShortfallMaster (leximin_master.h) with the ColumnPricer, started
// from a pool built without any LP: a pairwise Frank-Wolfe descent on |q - target|^2 over the
// panels (q the lottery's probabilities), whose linear steps are the swap search; while the
// master LP falls short, a few more descents from its lottery. Measured on the generated
// n = 500 pool: column generation from a few panels needs ~500 rounds and 43,000 simplex
// pivots (the LP rebuilds a support of ~470 panels again and again); from the Frank-Wolfe
// pool, one to three LP solves.

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/solver/column_pricer.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

struct DecomposeOptions {
  SolveLimits limits;
  std::function<void(int rounds)> progress;  // may be empty; after every master LP
};

struct Decomposition {
  bool exact = false;           // the lottery meets the target within kShortfallTolerance
  double shortfall = 0;         // the largest amount a type falls short of its target
  std::vector<double> weights;  // per panel of pricer.panels(), summing to 1
  int warm_steps = 0;           // Frank-Wolfe steps, all descents
  int rounds = 0;               // column-generation rounds
  int pricing_mips = 0;         // of which CBC ran
  double master_seconds = 0;    // CPU in the shortfall LPs
};

// The relaxation's values carry ~1e-9 of CLP's tolerance each stage; the tests ask for 1e-6.
inline constexpr double kShortfallTolerance = 1e-8;

// `pricer` must hold at least one feasible panel; the panels generated join its pool.
absl::StatusOr<Decomposition> DecomposeTarget(const TypeModel& model,
                                              const std::vector<double>& target,
                                              ColumnPricer& pricer,
                                              const DecomposeOptions& options);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_DECOMPOSITION_H_
