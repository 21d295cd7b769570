#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXED_LEXIMIN_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXED_LEXIMIN_H_

// LEXIMIN over the LP relaxation of the panel rules: the same stages as the exact algorithm
// (maximise the lowest probability, fix the types whose dual weight is positive, repeat), but
// over fractional panels x in [0, size_t] per type meeting every row, so each stage is one
// small LP (types + rows) instead of a column generation.
//
// Why it matters: the relaxation's panels include every lottery over feasible panels, so its
// LEXIMIN vector dominates the true one. When that vector is also a lottery over feasible
// panels (panel_decomposition.h finds one), it *is* the true LEXIMIN vector, exactly: no
// lottery can beat it, and LEXIMIN marginals are unique. On the generated n = 500, k = 50
// pools it is (the stages fix the same types at the same values), and it takes milliseconds.

#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

struct RelaxedLeximin {
  std::vector<double> probability;  // per type
  // The first stage's dual weights per type (nonnegative, summing to 1): no fractional panel,
  // so no feasible panel, gives them an average probability above first_value.
  std::vector<double> first_weights;
  double first_value = 0;
  int stages = 0;
};

// Fails (INTERNAL) when CLP does not solve a stage, e.g. on rules with no fractional panel.
// `unreachable` (per type, or empty): types known to fit no feasible panel, held at 0 from the
// start, so that the relaxation does not spread them fractionally over panels.
absl::StatusOr<RelaxedLeximin> SolveRelaxedLeximin(const TypeModel& model,
                                                   const SolveLimits& limits,
                                                   const std::vector<bool>& unreachable = {});

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_RELAXED_LEXIMIN_H_
