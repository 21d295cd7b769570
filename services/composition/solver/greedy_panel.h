#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_GREEDY_PANEL_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_GREEDY_PANEL_H_

// QUICK's first try: a randomised greedy construction of one feasible panel in a single pass
// over the pool, with no solver. Candidates are visited in a seeded random order; a first
// pass takes those that help an unmet minimum (quota, coverage) without breaking any maximum,
// a second fills the remaining seats the same way. Every result is checked against every row
// (SatisfiesRows), so it is either feasible or nothing: the caller falls back to CBC, which
// also owns the infeasibility proof.

#include <optional>
#include <random>
#include <vector>

#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

// Counts per type of a feasible panel, or nullopt when the greedy gets stuck (or the seat
// range is not a single size, which it does not handle).
std::optional<std::vector<int>> GreedyPanel(const TypeModel& model, std::mt19937_64& rng);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_GREEDY_PANEL_H_
