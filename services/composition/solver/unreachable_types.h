#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNREACHABLE_TYPES_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNREACHABLE_TYPES_H_

// The types that no feasible panel includes, proven by CBC. Every lottery gives them
// probability 0, so LEXIMIN fixes them at 0 before anything else. Found one by one, the
// stages would spend a stage and a proven pricing MIP on each: on exact quotas over eight
// features most candidates fit no panel (n = 300, k = 30: some 60 stages, 600 MIPs).

#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/solver/column_pricer.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

// Per type, true when no feasible panel includes it. Covers the types the pricer's panels miss
// by MIPs that maximise the seats of still-uncovered types (the panels found join the pool),
// until one proves that none is possible. The limits' status when they stop it; INTERNAL when
// CBC ends a MIP unproven.
absl::StatusOr<std::vector<bool>> UnreachableTypes(const TypeModel& model, ColumnPricer& pricer,
                                                   const SolveLimits& limits);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNREACHABLE_TYPES_H_
