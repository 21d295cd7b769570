#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_COLUMN_PRICER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_COLUMN_PRICER_H_

// The pricing step of column generation over feasible panels, shared by the LEXIMIN stages
// and the decomposition of a target (panel_decomposition.h): given a value per member of each
// type and the master's cap, find panels whose value beats the cap. The swap search runs
// first from the best panels known so far (most rounds it finds several in well under a
// millisecond); CBC runs only when it finds none, and then either finds one or proves that
// none exists. The pricer keeps the pool of distinct panels generated so far.

#include <set>
#include <vector>

#include "services/composition/solver/mip_solver.h"
#include "services/composition/solver/solve_limits.h"
#include "services/composition/solver/swap_search.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {

struct PricingRound {
  std::vector<std::vector<int>> improving;  // new panels beating the cap, now in the pool
  bool by_mip = false;                      // CBC ran (the swap search found none)
  bool proven = false;                      // by_mip: CBC proved the optimum
  bool stopped = false;                     // by_mip: the deadline or cancellation stopped it
  bool infeasible = false;  // by_mip: no feasible panel at all (Price prices under a cutoff,
                            // so it reports none as "nothing beats the cap": proven)
  double bound = 0;         // by_mip and proven: no panel is worth more (in the value's units)
};

class ColumnPricer final {
 public:
  explicit ColumnPricer(const TypeModel& model, MipEffort effort = MipEffort::kLight);

  // Adds a panel (counts per type) to the pool; false when it was there already.
  bool Add(const std::vector<int>& counts);
  const std::vector<std::vector<int>>& panels() const { return order_; }

  // value[t] is the worth of one member of type t (any sign); a panel improves when
  // sum_t value[t] * counts[t] > cap + kImproveTolerance.
  PricingRound Price(const std::vector<double>& value, double cap, const SolveLimits& limits);

  // The best panel under `value` by CBC alone, from no start (seeding, feasibility).
  MipOutcome SolveExact(const std::vector<double>& value, const SolveLimits& limits);

  // Improves `counts` in place by the swap search; returns its value.
  double Improve(std::vector<int>& counts, const std::vector<double>& value) const {
    return swaps_.Improve(counts, value);
  }

  // CPU seconds spent in CBC so far (Price's MIPs and SolveExact).
  double mip_seconds() const { return mip_seconds_; }

  static constexpr double kImproveTolerance = 1e-9;

 private:
  const TypeModel& model_;
  MipSolver mip_;
  SwapSearch swaps_;
  std::set<std::vector<int>> known_;
  std::vector<std::vector<int>> order_;  // the pool, in the order panels arrived
  double mip_seconds_ = 0;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_COLUMN_PRICER_H_
