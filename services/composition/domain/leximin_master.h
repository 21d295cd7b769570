#ifndef POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_LEXIMIN_MASTER_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_LEXIMIN_MASTER_H_

// The linear programs of LEXIMIN column generation, on CLP.
//
// A stage of LEXIMIN maximises the lowest probability z among the types not yet fixed, with
// fixed types held at their values f. Its dual, over the panels generated so far, is
//   min  cap - sum_{t fixed} f_t y_t
//   s.t. sum_{t not fixed} y_t = 1,
//        sum_t (count_t(P) / size_t) y_t <= cap   for every panel P,   y >= 0, cap free.
// A panel whose y-weighted sum exceeds cap is a column that improves the primal (pricing).
// When none does, the dual is optimal for all feasible panels: its objective is the stage's
// max-min value and, by complementary slackness, every type with y_t > 0 cannot do better in
// any optimal distribution, so those types are fixed (Flanigan et al. 2021, Methods).
// Panels are rows here, so adding one keeps the dual-simplex basis warm.

#include <memory>
#include <vector>

#include "absl/status/statusor.h"

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
  absl::Status Solve();

  // After Solve: the dual weights y per type, the cap and the objective (the stage's value).
  const std::vector<double>& weights() const { return weights_; }
  double cap() const { return cap_; }
  double objective() const { return objective_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<int> sizes_;
  std::vector<double> weights_;
  double cap_ = 0;
  double objective_ = 0;
};

// The final distribution once every type is fixed: weights over `panels` (summing to 1) whose
// probabilities come closest to `target` from below (minimising the largest shortfall).
absl::StatusOr<std::vector<double>> FinalDistribution(const std::vector<std::vector<int>>& panels,
                                                      const std::vector<int>& type_sizes,
                                                      const std::vector<double>& target);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DOMAIN_LEXIMIN_MASTER_H_
