#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TYPE_MODEL_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TYPE_MODEL_H_

// The rules compiled into linear constraints over 0/1 selection variables, with
// interchangeable candidates merged into types.
//
// Two candidates whose columns in the constraint matrix are identical (same feature values,
// and no binding organisation or country cap that tells them apart) are interchangeable: any
// panel stays feasible when one replaces the other. The LEXIMIN marginals are unique, so they
// give both the same probability, and every solver may work on types with an integer count
// 0..size per type instead of one binary per candidate. This is exact, and it is what turns
// the symmetric n = 2000 reference pool into a four-variable problem.

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/solver/body_spec.h"

namespace polylateral::composition {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// lower <= sum over types of coefficient * count <= upper.
struct ConstraintRow {
  enum class Kind { kSeats, kQuota, kOrganisationCap, kCountryCap, kBalance, kCoverage };
  Kind kind;
  std::string label;  // human words: "gender=female", "organisation ACME"
  std::string field;  // spec path for error details: "spec.features[0].values[1]"
  double lower = -kInfinity;
  double upper = kInfinity;
  // How far a suggested relaxation may move each bound (min_flex / max_flex for quotas).
  double relax_lower_to = -kInfinity;
  double relax_upper_to = kInfinity;
};

struct CandidateType {
  std::vector<int> members;                  // candidate indices, ascending
  std::vector<std::pair<int, int>> entries;  // (row, coefficient per member selected)
  int size() const { return static_cast<int>(members.size()); }
};

struct TypeModel {
  std::vector<ConstraintRow> rows;
  std::vector<CandidateType> types;  // ordered by their first member
  std::vector<int> type_of;          // candidate index -> type index
  int candidate_count = 0;
};

// Validates (ValidateProblem) and compiles. Only binding rows are kept: a quota or cap that no
// panel can violate is left out, so it does not split types.
absl::StatusOr<TypeModel> BuildTypeModel(const Pool& pool, const BodySpec& spec);

// The size of each type, in type order.
std::vector<int> TypeSizes(const TypeModel& model);

// True when the counts per type (one per type) meet every row.
bool SatisfiesRows(const TypeModel& model, const std::vector<int>& counts);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TYPE_MODEL_H_
