#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_MEMBERS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_MEMBERS_H_

#include <cstdint>
#include <random>
#include <vector>

#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

// A uniform integer in [0, bound) from raw std::mt19937_64 outputs by rejection, so the
// result is the same with every standard library (std::uniform_int_distribution is not).
uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound);

// A uniform double in [0, 1) from the top 53 bits of one raw output.
double UniformUnit(std::mt19937_64& rng);

// Expands counts per type into candidate indices (ascending): within each type, in type
// order, `counts[t]` members chosen uniformly by a partial Fisher-Yates shuffle driven by
// UniformBelow. With rng == nullptr it takes each type's first members.
std::vector<int> MembersFromCounts(const TypeModel& model, const std::vector<int>& counts,
                                   std::mt19937_64* rng);

// The same on plain member lists (LeximinResult::types).
std::vector<int> MembersFromTypes(const std::vector<std::vector<int>>& types,
                                  const std::vector<int>& counts, std::mt19937_64* rng);

// Converts a MIP solution (one value per type column, maybe more columns after) to counts.
std::vector<int> CountsFromSolution(const TypeModel& model, const std::vector<double>& solution);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_PANEL_MEMBERS_H_
