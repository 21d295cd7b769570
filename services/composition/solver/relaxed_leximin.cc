#include "services/composition/solver/relaxed_leximin.h"

#include <algorithm>
#include <cmath>

#include "ClpSimplex.hpp"
#include "services/composition/solver/clp_recovery.h"
#include "services/composition/solver/leximin_master.h"

namespace polylateral::composition {
namespace {

// Fixed types keep their value less this, so that the previous stage's optimum (equal to it
// up to rounding) stays feasible; the decomposition then meets the values within 1e-9.
constexpr double kSlack = 1e-9;

double Coin(double v) {
  if (v == kInfinity) return COIN_DBL_MAX;
  if (v == -kInfinity) return -COIN_DBL_MAX;
  return v;
}

// One stage: max z over fractional panels x, with x_t/size_t - z >= 0 for unfixed types and
// x_t/size_t >= value_t for fixed ones. Built afresh per stage: a warm re-solve after the
// bounds move was measured to end "infeasible" on CLP, and a stage takes milliseconds.
class StageLp final {
 public:
  StageLp(const TypeModel& model, const std::vector<bool>& fixed, const std::vector<double>& value,
          const std::vector<bool>& unreachable)
      : rows_(static_cast<int>(model.rows.size())), types_(static_cast<int>(model.types.size())) {
    lp_.setLogLevel(0);
    lp_.messageHandler()->setLogLevel(0);
    lp_.setPrimalTolerance(1e-9);
    lp_.setDualTolerance(1e-9);
    lp_.resize(rows_ + types_, 0);
    for (int r = 0; r < rows_; ++r) {
      lp_.setRowBounds(r, Coin(model.rows[r].lower), Coin(model.rows[r].upper));
    }
    for (int j = 0; j < types_; ++j) {
      lp_.setRowBounds(rows_ + j, fixed[j] ? std::max(0.0, value[j] - kSlack) : 0.0, COIN_DBL_MAX);
    }
    std::vector<int> rows;
    std::vector<double> vals;
    for (int j = 0; j < types_; ++j) {
      rows.clear();
      vals.clear();
      for (const auto& [row, coef] : model.types[j].entries) {
        rows.push_back(row);
        vals.push_back(coef);
      }
      rows.push_back(rows_ + j);
      vals.push_back(1.0 / model.types[j].size());
      const bool excluded = !unreachable.empty() && unreachable[j];
      lp_.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0.0,
                    excluded ? 0.0 : model.types[j].size(), 0.0);
    }
    rows.clear();
    vals.clear();
    for (int j = 0; j < types_; ++j) {
      if (fixed[j]) continue;
      rows.push_back(rows_ + j);
      vals.push_back(-1.0);
    }
    lp_.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 1.0);
    lp_.setOptimizationDirection(-1.0);
  }

  absl::Status Solve(const SolveLimits& limits) { return SolveLp(lp_, limits, /*warm=*/false); }

  double z() { return std::max(0.0, lp_.primalColumnSolution()[types_]); }
  // The dual weight of type j's row (nonnegative).
  double weight(int j) { return std::abs(lp_.dualRowSolution()[rows_ + j]); }

 private:
  const int rows_;
  const int types_;
  ClpSimplex lp_;
};

}  // namespace

absl::StatusOr<RelaxedLeximin> SolveRelaxedLeximin(const TypeModel& model,
                                                   const SolveLimits& limits,
                                                   const std::vector<bool>& unreachable) {
  const int types = static_cast<int>(model.types.size());
  RelaxedLeximin out;
  std::vector<bool> fixed(types, false);
  if (!unreachable.empty()) fixed = unreachable;
  out.probability.assign(types, 0.0);
  int fixed_count = static_cast<int>(std::count(fixed.begin(), fixed.end(), true));
  while (fixed_count < types) {
    if (limits.Expired()) return limits.StopStatus();
    ++out.stages;
    StageLp lp(model, fixed, out.probability, unreachable);
    if (absl::Status s = lp.Solve(limits); !s.ok()) return s;
    const double z = lp.z();
    std::vector<double> y(types, 0.0);
    double total = 0;
    for (int j = 0; j < types; ++j) {
      if (!fixed[j]) total += y[j] = lp.weight(j);
    }
    if (total > 0) {
      for (double& w : y) w /= total;
    }
    if (out.stages == 1) {
      out.first_weights = y;
      out.first_value = z;
    }
    fixed_count += FixStage(y, z, fixed, out.probability);
  }
  return out;
}

}  // namespace polylateral::composition
