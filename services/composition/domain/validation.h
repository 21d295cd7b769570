#ifndef POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_VALIDATION_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_VALIDATION_H_

#include "absl/status/status.h"
#include "services/composition/domain/body_spec.h"

namespace polylateral::composition {

// INVALID_ARGUMENT (reason INVALID_COMPOSITION_PROBLEM) with one field violation per fault
// ("spec.features[0].values[1].min", "pool.candidates[7].values[gender]", ...), or OK.
// Checks shape only; infeasible but well-formed rules are the solvers' business.
absl::Status ValidateProblem(const Pool& pool, const BodySpec& spec);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_VALIDATION_H_
