#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_BODY_SPEC_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_BODY_SPEC_H_

// The input of the composition solver: a pool of nominated candidates and the rules a body
// drawn from it must meet. Plain data; ValidateProblem (validation.h) checks it
// and every solver entry point validates before solving.

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polylateral::composition {

// "No upper bound" for quotas and caps.
inline constexpr int kNoLimit = std::numeric_limits<int>::max();

// The bounds on one value of a feature: a feasible body has between `min` and `max` members
// (inclusive) holding that value. `min_flex`/`max_flex` (Sortition Foundation's features.csv)
// say how far a suggested relaxation may move the bounds when the rules are infeasible:
// min_flex <= min, max_flex >= max.
struct ValueQuota {
  std::string value;
  int min = 0;
  int max = kNoLimit;
  int min_flex = 0;
  int max_flex = kNoLimit;
};

// A feature (stakeholder group, region, gender, perspective, theme, ...) with its allowed
// values. A single-valued feature needs exactly one value per candidate; a multi-valued one
// (themes, perspectives) takes any subset, and a quota counts members holding the value.
struct Feature {
  std::string name;
  std::vector<ValueQuota> values;
  bool multi_valued = false;
};

// One nominee. `values` maps a feature name to the values the candidate holds. Organisation
// and country may be empty (then no cap applies to that candidate).
struct Candidate {
  std::string id;
  std::map<std::string, std::vector<std::string>> values;
  std::string organisation;
  std::string country;
};

// An exact fraction, so that "no group reaches the decision threshold" is an integer
// constraint without rounding doubt: 1/2, 2/3, ...
struct Fraction {
  int numerator = 1;
  int denominator = 2;
};

// No single value of any listed feature (e.g. "stakeholder_group", "region") may hold
// `threshold` of the seats or more: count(v) < threshold * seats.
struct BalanceRule {
  std::vector<std::string> features;
  Fraction threshold;
};

// A value that must be present at least once (a perspective, a stakeholder group).
struct CoverageRequirement {
  std::string feature;
  std::string value;
};

// The rules for one body. Seats range over [min_seats, max_seats] (equal for a fixed size).
struct BodySpec {
  int min_seats = 0;
  int max_seats = 0;
  std::vector<Feature> features;
  int max_per_organisation = kNoLimit;
  int max_per_country = kNoLimit;
  std::optional<BalanceRule> balance;
  std::vector<CoverageRequirement> coverage;
};

struct Pool {
  std::vector<Candidate> candidates;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_BODY_SPEC_H_
