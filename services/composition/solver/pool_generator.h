#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_GENERATOR_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_GENERATOR_H_

// Deterministic synthetic nomination pools for tests and the benchmark: the public sortition
// data is too symmetric to catch errors or to measure the hard case. Six features shaped like
// a multistakeholder body (stakeholder group, region, gender, developing country, and the
// multi-valued perspective and themes), correlated with each other, organisations of uneven
// size with a cap, countries with a cap, a balance rule and quotas around the pool's shares.

#include <cstdint>

#include "services/composition/solver/body_spec.h"

namespace polylateral::composition {

struct GeneratedProblem {
  Pool pool;
  BodySpec spec;
};

// The same (seed, n, k) gives the same problem on every platform (raw mt19937_64 outputs).
// `tightness` in [0, 1) narrows the quotas around k * share (0.2: +-20% plus one seat).
GeneratedProblem GenerateProblem(uint64_t seed, int n, int k, double tightness = 0.2);

// Eight single-valued features with 6, 5, 2, 3, 2, 4, 3 and 3 values, skewed (one value
// holds about half of each) and correlated (each feature leans on the first two), and
// organisations of uneven size capped at two seats. The quotas are drawn around a witness
// panel of k candidates that keeps the cap: each value's bounds are the witness's count
// widened by ceil(band * k) seats either way (band 0: exact quotas, min = max), so the rules
// are always feasible. Exact quotas over many features were the pools that broke the
// LEXIMIN master LP on CLP (degenerate, nearly rank-deficient masters).
GeneratedProblem GenerateWitnessProblem(uint64_t seed, int n, int k, double band);

// Organisation caps that bind everywhere: the six correlated features of the witness pools
// (stakeholder group, region, gender, age band, developing, language), a witness panel of k
// nominees from k different organisations, and the other nominees split in two halves: one
// crowding the witness's organisations (about (n - k) / 2k more each), the other in
// organisations of about three. Each value's quota is the witness's count widened either way
// by `band` of it, rounded up, and by at least one seat (so that no value is shut out), so
// every pool is feasible for any cap >= 1.
// This is the shape where many near-identical nominees compete for one seat per organisation.
GeneratedProblem GenerateOrganisationCapProblem(uint64_t seed, int n, int k, int cap,
                                                double band = 0.15);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_GENERATOR_H_
