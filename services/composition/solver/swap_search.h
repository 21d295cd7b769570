#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SWAP_SEARCH_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SWAP_SEARCH_H_

// A local search that improves a feasible panel under per-member values by swapping one
// member for another of a different type (and, when the seat range allows, adding or
// dropping one), keeping every row satisfied. LEXIMIN's pricing runs it first: most rounds it
// finds an improving column in well under a millisecond, and CBC is only needed to prove that
// none is left (or when the search gets stuck), which is what keeps n = 500 within seconds.

#include <vector>

#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

class SwapSearch final {
 public:
  explicit SwapSearch(const TypeModel& model);

  // Improves the feasible `counts` in place (improving moves until none is left);
  // returns its value sum_t value[t] * counts[t].
  double Improve(std::vector<int>& counts, const std::vector<double>& value) const;

 private:
  bool Fits(const std::vector<double>& activity, int out, int in) const;
  void Apply(std::vector<double>& activity, int out, int in) const;

  int Coef(int type, int row) const { return coef_[static_cast<size_t>(type) * rows_ + row]; }
  bool Within(double v, int row) const;

  const TypeModel& model_;
  size_t rows_;
  std::vector<int> coef_;  // dense type x row coefficients, for the cheap rejection tests
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SWAP_SEARCH_H_
