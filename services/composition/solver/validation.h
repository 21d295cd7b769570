#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_VALIDATION_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "services/composition/solver/body_spec.h"

namespace polylateral::composition {

// Longest labels, in characters (a pool or a body's nominations are kept and echoed back).
inline constexpr size_t kMaxCandidateIdLength = 128;
inline constexpr size_t kMaxFeatureNameLength = 64;
inline constexpr size_t kMaxValueLength = 64;
inline constexpr size_t kMaxOrganisationLength = 200;
inline constexpr size_t kMaxCountryLength = 64;

// INVALID_ARGUMENT (reason INVALID_COMPOSITION_PROBLEM) with one field violation per fault
// ("spec.features[0].values[1].min", "pool.candidates[7].values[gender]", ...), or OK.
// Every label is capped at the lengths above.
// Checks shape only; infeasible but well-formed rules are the solvers' business.
absl::Status ValidateProblem(const Pool& pool, const BodySpec& spec);

// The spec alone, for rules kept before their pool exists: seats checked against
// `max_pool` instead of a pool's size. Same reason and field paths.
absl::Status ValidateSpec(const BodySpec& spec, int max_pool);

// One candidate against a valid spec (known features and values, one value for each
// single-valued feature); violations are named under `path` ("nomination.candidate").
absl::Status ValidateCandidate(const Candidate& candidate, const BodySpec& spec,
                               const std::string& path);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_VALIDATION_H_
