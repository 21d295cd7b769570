#ifndef POLYLATERAL_TESTS_COMPOSITION_TEST_POOLS_H_
#define POLYLATERAL_TESTS_COMPOSITION_TEST_POOLS_H_

#include <cstdint>

#include "services/composition/solver/body_spec.h"

namespace polylateral::composition::testing {

struct Problem {
  Pool pool;
  BodySpec spec;
};

// A deterministic nomination pool shaped like a multistakeholder body: stakeholder group and
// region correlated and skewed, gender, the multi-valued perspective, uneven organisations
// with a cap, countries with a cap, a balance rule on the group and coverage of every
// perspective; quotas around each value's share of k. Generated here rather than by the
// solver's own generator so the API tests do not share the solver's assumptions.
Problem MakeProblem(uint64_t seed, int n, int k);

}  // namespace polylateral::composition::testing

#endif  // POLYLATERAL_TESTS_COMPOSITION_TEST_POOLS_H_
