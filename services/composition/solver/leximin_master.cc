#include "services/composition/solver/leximin_master.h"

#include <algorithm>

#include "ClpFactorization.hpp"
#include "ClpSimplex.hpp"
#include "services/composition/solver/cpu_clock.h"

namespace polylateral::composition {
namespace {

// ClpFactorization::forceOtherFactorization's code for CoinOslFactorization.
constexpr int kOslFactorization = 3;

void Quiet(ClpSimplex& lp) {
  lp.setLogLevel(0);
  lp.messageHandler()->setLogLevel(0);
  lp.setPrimalTolerance(1e-9);
  lp.setDualTolerance(1e-9);
}

// A panel's column in either master: 1 on the normalisation row 0, count_t/size_t on type t's
// row t + 1.
void AddPanelColumn(ClpSimplex& lp, const std::vector<int>& sizes, const std::vector<int>& counts) {
  std::vector<int> rows = {0};
  std::vector<double> vals = {1.0};
  for (size_t j = 0; j < counts.size(); ++j) {
    if (counts[j] == 0) continue;
    rows.push_back(static_cast<int>(j) + 1);
    vals.push_back(static_cast<double>(counts[j]) / sizes[j]);
  }
  lp.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 0.0);
}

}  // namespace

struct LeximinMaster::Impl {
  ClpSimplex lp;
  int z_column = -1;  // the current stage's z; earlier stages' are held at 0
  int panels = 0;
};

// Columns: the z of each stage (appended by BeginStage) and the panels (AddPanel), mixed in
// the order they come; Impl tracks which is which through `is_panel`.
LeximinMaster::LeximinMaster(std::vector<int> type_sizes)
    : impl_(std::make_unique<Impl>()),
      sizes_(std::move(type_sizes)),
      fixed_(sizes_.size(), false),
      value_(sizes_.size(), 0.0) {
  ClpSimplex& lp = impl_->lp;
  Quiet(lp);
  const int t = static_cast<int>(sizes_.size());
  lp.resize(t + 1, 0);
  lp.setRowBounds(0, 1.0, 1.0);
  for (int j = 0; j < t; ++j) lp.setRowBounds(j + 1, 0.0, COIN_DBL_MAX);
  lp.setOptimizationDirection(-1.0);  // maximise z
  // No scaling: every coefficient is count/size in (0, 1] already, and CLP would otherwise
  // recompute the scale factors at every re-solve as panels arrive (measured: the master's
  // CPU time on the generated n = 500 pool drops by a sixth; same probabilities).
  lp.scaling(0);
}

LeximinMaster::~LeximinMaster() = default;

void LeximinMaster::AddPanel(const std::vector<int>& counts) {
  AddPanelColumn(impl_->lp, sizes_, counts);
  is_panel_.push_back(true);
  panels_.push_back(counts);
}

void LeximinMaster::BeginStage(const std::vector<bool>& fixed, const std::vector<double>& value) {
  ClpSimplex& lp = impl_->lp;
  fixed_ = fixed;
  value_ = value;
  // The old z leaves (held at 0, no objective); a fresh z enters on the unfixed rows. Cheaper
  // than editing matrix coefficients in place, and the panel columns keep their basis status.
  if (impl_->z_column >= 0) {
    lp.setColumnBounds(impl_->z_column, 0.0, 0.0);
    lp.setObjectiveCoefficient(impl_->z_column, 0.0);
  }
  std::vector<int> rows;
  std::vector<double> vals;
  for (size_t j = 0; j < sizes_.size(); ++j) {
    const int row = static_cast<int>(j) + 1;
    if (fixed[j]) {
      lp.setRowBounds(row, value[j], COIN_DBL_MAX);
    } else {
      rows.push_back(row);
      vals.push_back(-1.0);
    }
  }
  lp.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 1.0);
  impl_->z_column = lp.numberColumns() - 1;
  is_panel_.push_back(false);
}

absl::Status LeximinMaster::Solve(const SolveLimits& limits) {
  ClpSimplex& lp = impl_->lp;
  report_ = {};
  if (absl::Status s = SolveLp(lp, limits, /*warm=*/true, &report_); !s.ok()) return s;
  const double* dual = lp.dualRowSolution();
  const int t = static_cast<int>(sizes_.size());
  // CLP's sign convention for duals depends on the sense; the z column's reduced cost being
  // zero says the unfixed weights sum to 1, which settles the sign.
  double unfixed = 0;
  for (int j = 0; j < t; ++j) {
    if (!fixed_[j]) unfixed += dual[j + 1];
  }
  const double sign = unfixed < 0 ? -1.0 : 1.0;
  weights_.resize(t);
  objective_ = lp.primalColumnSolution()[impl_->z_column];
  cap_ = objective_;
  for (int j = 0; j < t; ++j) {
    weights_[j] = std::max(0.0, sign * dual[j + 1]);
    if (fixed_[j]) cap_ += value_[j] * weights_[j];
  }
  return absl::OkStatus();
}

std::vector<double> LeximinMaster::panel_weights() const {
  std::vector<double> w;
  const double* x = impl_->lp.primalColumnSolution();
  for (size_t c = 0; c < is_panel_.size(); ++c) {
    if (is_panel_[c]) w.push_back(x[c]);
  }
  return w;
}

std::vector<double> LeximinMaster::achieved() const {
  std::vector<double> w = panel_weights();
  double total = 0;
  for (double& x : w) total += x = std::max(0.0, x);
  std::vector<double> probability(sizes_.size(), 0.0);
  if (total <= 0) return probability;
  for (size_t p = 0; p < panels_.size(); ++p) {
    if (w[p] <= 0) continue;
    for (size_t j = 0; j < sizes_.size(); ++j) {
      probability[j] += w[p] / total * panels_[p][j] / sizes_[j];
    }
  }
  return probability;
}

struct ShortfallMaster::Impl {
  ClpSimplex lp;
};

// Column 0 is s; the panels follow in AddPanel order.
ShortfallMaster::ShortfallMaster(std::vector<int> type_sizes, const std::vector<double>& target)
    : impl_(std::make_unique<Impl>()), sizes_(std::move(type_sizes)), target_(target) {
  ClpSimplex& lp = impl_->lp;
  Quiet(lp);
  lp.scaling(0);  // as in LeximinMaster: coefficients are in (0, 1] already
  // The basis is nearly all panel columns, k nonzeros each over one row per type, so CLP's
  // default factorisation turns dense (LAPACK) and each pivot costs about a millisecond at
  // 500 types. The OSL factorisation keeps it sparse: on generated pools with one seat per
  // organisation (n = 500, k = 50) the shortfall LPs took 34-46 % less CPU.
  lp.factorization()->forceOtherFactorization(kOslFactorization);
  const int t = static_cast<int>(sizes_.size());
  lp.resize(t + 1, 0);
  lp.setRowBounds(0, 1.0, 1.0);
  std::vector<int> rows;
  std::vector<double> vals;
  for (int j = 0; j < t; ++j) {
    lp.setRowBounds(j + 1, target[j], COIN_DBL_MAX);
    rows.push_back(j + 1);
    vals.push_back(1.0);
  }
  lp.addColumn(t, rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 1.0);
  lp.setOptimizationDirection(1.0);
}

ShortfallMaster::~ShortfallMaster() = default;

void ShortfallMaster::AddPanel(const std::vector<int>& counts) {
  AddPanelColumn(impl_->lp, sizes_, counts);
}

void ShortfallMaster::StartFrom(const std::vector<double>& weights) {
  ClpSimplex& lp = impl_->lp;
  const int t = static_cast<int>(sizes_.size());
  std::vector<double> probability(t, 0.0);
  const CoinPackedMatrix* matrix = lp.matrix();
  const CoinBigIndex* start = matrix->getVectorStarts();
  const int* length = matrix->getVectorLengths();
  const int* row = matrix->getIndices();
  const double* element = matrix->getElements();
  double* x = lp.primalColumnSolution();
  for (size_t p = 0; p < weights.size(); ++p) {
    const int column = static_cast<int>(p) + 1;
    x[column] = weights[p];
    for (CoinBigIndex e = start[column]; e < start[column] + length[column]; ++e) {
      if (row[e] > 0) probability[row[e] - 1] += weights[p] * element[e];
    }
  }
  double shortfall = 0;
  for (int j = 0; j < t; ++j) shortfall = std::max(shortfall, target_[j] - probability[j]);
  x[0] = shortfall;
  values_pass_ = true;
}

absl::Status ShortfallMaster::Solve(const SolveLimits& limits) {
  ClpSimplex& lp = impl_->lp;
  report_ = {};
  const double start = ThreadCpuSeconds();
  bool solved = false;
  if (values_pass_) {
    values_pass_ = false;
    if (limits.Expired()) return limits.StopStatus();
    AttachLimits(lp, limits);
    lp.primal(/*ifValuesPass=*/1);
    if (limits.Expired()) return limits.StopStatus();
    // Anything short of optimal goes down the usual ladder, which starts from CLP's basis.
    solved = lp.status() == 0;
  }
  if (!solved) {
    if (absl::Status s = SolveLp(lp, limits, /*warm=*/true, &report_); !s.ok()) return s;
  }
  report_.cpu_seconds = ThreadCpuSeconds() - start;
  // A new panel column (cost 0) has reduced cost -dual_0 - sum_t dual_t count_t/size_t; it
  // lowers s when that is negative.
  const double* dual = lp.dualRowSolution();
  const int t = static_cast<int>(sizes_.size());
  member_values_.resize(t);
  for (int j = 0; j < t; ++j) member_values_[j] = dual[j + 1] / sizes_[j];
  cap_ = -dual[0];
  shortfall_ = lp.primalColumnSolution()[0];
  return absl::OkStatus();
}

std::vector<double> ShortfallMaster::panel_weights() const {
  const double* x = impl_->lp.primalColumnSolution();
  return std::vector<double>(x + 1, x + impl_->lp.numberColumns());
}

absl::StatusOr<std::vector<double>> ShortfallMaster::Lottery() const {
  std::vector<double> weights = panel_weights();
  double total = 0;
  for (double& w : weights) {
    if (w < 1e-12) w = 0;
    total += w;
  }
  if (total <= 0) return absl::InternalError("the shortfall LP gave no lottery");
  for (double& w : weights) w /= total;
  return weights;
}

absl::StatusOr<std::vector<double>> FinalDistribution(const std::vector<std::vector<int>>& panels,
                                                      const std::vector<int>& type_sizes,
                                                      const std::vector<double>& target,
                                                      const SolveLimits& limits) {
  ShortfallMaster master(type_sizes, target);
  for (const std::vector<int>& panel : panels) master.AddPanel(panel);
  if (absl::Status s = master.Solve(limits); !s.ok()) return s;
  return master.Lottery();
}

int FixStage(const std::vector<double>& weights, double value, std::vector<bool>& fixed,
             std::vector<double>& values) {
  int now = 0;
  int best = -1;
  for (size_t j = 0; j < fixed.size(); ++j) {
    if (fixed[j]) continue;
    if (best < 0 || weights[j] > weights[best]) best = static_cast<int>(j);
    if (weights[j] > kFixTolerance) {
      fixed[j] = true;
      values[j] = value;
      ++now;
    }
  }
  // The normalisation row forces some weight > 0; guard against all of it sitting under the
  // tolerance so the stages always progress.
  if (now == 0 && best >= 0) {
    fixed[best] = true;
    values[best] = value;
    ++now;
  }
  return now;
}

}  // namespace polylateral::composition
