#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_BODY_MAPPING_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_BODY_MAPPING_H_

// polylateral.composition.v1 body messages <-> the solver's plain structs. The proto field
// names match the solver's field paths ("spec.features[0].values[1].min"), so the solver's
// validation errors name request fields as they are.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/base/errors.h"
#include "polylateral/composition/v1/body.pb.h"
#include "services/composition/solver/body_spec.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

// Shape errors the solver cannot see (a feature listed twice for one candidate) become
// INVALID_ARGUMENT on "pool.candidates[i].values[j].feature".
absl::StatusOr<Pool> PoolFromProto(const v1::Pool& proto);
// One candidate; shape errors are added to `violations` under `path`.
Candidate CandidateFromProto(const v1::Candidate& proto, const std::string& path,
                             Violations& violations);
BodySpec SpecFromProto(const v1::BodySpec& proto);
// The reverse, for clients of the service written in C++ (tests, benchmarks).
void PoolToProto(const Pool& pool, v1::Pool* out);
void SpecToProto(const BodySpec& spec, v1::BodySpec* out);

void RelaxationToProto(const Infeasibility& in, v1::Relaxation* out);
// `pool` gives the candidate ids for the solver's indices.
void LeximinToProto(const Pool& pool, const LeximinResult& in, v1::LeximinDistribution* out);

// Prefixes every field violation of `status` with `prefix` ("problem."), for requests that
// nest a SolveRequest.
absl::Status PrefixFields(absl::Status status, const std::string& prefix);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_BODY_MAPPING_H_
