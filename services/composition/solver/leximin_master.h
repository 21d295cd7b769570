#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_MASTER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_MASTER_H_

// The linear programs of LEXIMIN column generation, on CLP.
//
// A stage of LEXIMIN maximises the lowest probability z among the types not yet fixed, with
// fixed types held at their values f, over the panels generated so far (the restricted
// master):
//   max z  s.t.  sum_P w_P = 1,
//                sum_P w_P count_t(P)/size_t - z >= 0   for types t not fixed,
//                sum_P w_P count_t(P)/size_t     >= f_t for fixed types,       w >= 0.
// Its dual weights y >= 0 on the type rows (summing to 1 over the unfixed types) and cap on
// the first row price new panels: a panel with sum_t y_t count_t(P)/size_t > cap improves
// the master. When none does, the master is optimal over all feasible panels: z is the
// stage's max-min value and, by complementary slackness, every type with y_t > 0 cannot do
// better in any optimal distribution, so those types are fixed (Flanigan et al. 2021,
// Methods). Panels are columns, so adding one keeps the primal-simplex basis warm.

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "services/composition/solver/clp_recovery.h"
#include "services/composition/solver/solve_limits.h"

namespace polylateral::composition {

class LeximinMaster final {
 public:
  explicit LeximinMaster(std::vector<int> type_sizes);
  ~LeximinMaster();
  LeximinMaster(const LeximinMaster&) = delete;
  LeximinMaster& operator=(const LeximinMaster&) = delete;

  void AddPanel(const std::vector<int>& counts);
  // Starts a stage: `fixed[t]` types keep probability `value[t]`, the others share the
  // normalisation row.
  void BeginStage(const std::vector<bool>& fixed, const std::vector<double>& value);
  // CLP polls `limits` (which must outlive the call) between iterations; numerical trouble
  // goes down clp_recovery.h's ladder. INTERNAL only when every recovery failed.
  absl::Status Solve(const SolveLimits& limits = {});
  // The recovery the last Solve needed ("" when the warm primal simplex sufficed).
  const LpSolveReport& report() const { return report_; }

  // After Solve: the dual weights y per type, the cap and the objective (the stage's value),
  // and the primal weights per panel (in AddPanel order).
  const std::vector<double>& weights() const { return weights_; }
  double cap() const { return cap_; }
  double objective() const { return objective_; }
  std::vector<double> panel_weights() const;
  // Each type's probability under panel_weights() clipped at 0 and normalised to sum 1,
  // computed here rather than read off CLP's rows: a point that truly meets the rows, so
  // holding types at these values keeps the next stage's master feasible.
  std::vector<double> achieved() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  LpSolveReport report_;
  std::vector<int> sizes_;
  std::vector<std::vector<int>> panels_;  // in AddPanel order
  std::vector<bool> is_panel_;            // per LP column
  std::vector<bool> fixed_;
  std::vector<double> value_;
  std::vector<double> weights_;
  double cap_ = 0;
  double objective_ = 0;
};

// How close the panels generated so far come to a target probability per type:
//   min s  s.t.  sum_P w_P = 1,  sum_P w_P count_t(P)/size_t + s >= target_t,  w >= 0.
// s <= 0 means the target is a lottery over these panels. Its duals price new panels: one
// whose member values sum above cap() lowers s. Panels are columns (warm re-solves).
class ShortfallMaster final {
 public:
  ShortfallMaster(std::vector<int> type_sizes, const std::vector<double>& target);
  ~ShortfallMaster();
  ShortfallMaster(const ShortfallMaster&) = delete;
  ShortfallMaster& operator=(const ShortfallMaster&) = delete;

  void AddPanel(const std::vector<int>& counts);
  // A lottery over the panels added so far (weights in AddPanel order, summing to 1) for the
  // next Solve to start from: CLP's primal simplex then runs a values pass from that point
  // (s at its largest shortfall, so every row holds) instead of starting from the slack basis.
  void StartFrom(const std::vector<double>& weights);
  absl::Status Solve(const SolveLimits& limits = {});
  const LpSolveReport& report() const { return report_; }

  // After Solve: the shortfall s, the pricing values per member of each type and the cap,
  // and the weight of each panel (in AddPanel order).
  double shortfall() const { return shortfall_; }
  const std::vector<double>& member_values() const { return member_values_; }
  double cap() const { return cap_; }
  std::vector<double> panel_weights() const;
  // The panel weights with specks under 1e-12 dropped, summing to 1.
  absl::StatusOr<std::vector<double>> Lottery() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  LpSolveReport report_;
  std::vector<int> sizes_;
  std::vector<double> target_;
  std::vector<double> member_values_;
  double cap_ = 0;
  double shortfall_ = 0;
  bool values_pass_ = false;  // StartFrom set a starting point for the next Solve
};

// The final distribution once every type is fixed: weights over `panels` (summing to 1) whose
// probabilities come closest to `target` from below (minimising the largest shortfall).
absl::StatusOr<std::vector<double>> FinalDistribution(const std::vector<std::vector<int>>& panels,
                                                      const std::vector<int>& type_sizes,
                                                      const std::vector<double>& target,
                                                      const SolveLimits& limits = {});

// A type is fixed at the end of a stage when its dual weight exceeds this: well above CLP's
// 1e-9 tolerances and well below the 1e-6 accuracy the tests demand.
inline constexpr double kFixTolerance = 1e-9;

// The end of a stage (over feasible or fractional panels): fixes every unfixed type whose
// weight exceeds kFixTolerance at `value` (or, if none does, the heaviest); returns how many.
int FixStage(const std::vector<double>& weights, double value, std::vector<bool>& fixed,
             std::vector<double>& values);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_LEXIMIN_MASTER_H_
