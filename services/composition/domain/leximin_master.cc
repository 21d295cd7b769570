#include "services/composition/domain/leximin_master.h"

#include <algorithm>

#include "ClpSimplex.hpp"
#include "absl/strings/str_cat.h"

namespace polylateral::composition {
namespace {

void Quiet(ClpSimplex& lp) {
  lp.setLogLevel(0);
  lp.messageHandler()->setLogLevel(0);
  lp.setPrimalTolerance(1e-9);
  lp.setDualTolerance(1e-9);
}

// Dual simplex after rows were added; primal as a fallback when the warm basis is unusable.
absl::Status Optimise(ClpSimplex& lp, const char* what) {
  lp.dual();
  if (lp.status() != 0) lp.primal();
  if (lp.status() != 0) lp.initialSolve();
  if (lp.status() != 0) {
    return absl::InternalError(absl::StrCat(what, " LP ended with CLP status ", lp.status()));
  }
  return absl::OkStatus();
}

}  // namespace

struct LeximinMaster::Impl {
  ClpSimplex lp;
  int norm_row = -1;
};

LeximinMaster::LeximinMaster(std::vector<int> type_sizes)
    : impl_(std::make_unique<Impl>()), sizes_(std::move(type_sizes)) {
  ClpSimplex& lp = impl_->lp;
  Quiet(lp);
  const int t = static_cast<int>(sizes_.size());
  lp.resize(0, t + 1);
  for (int j = 0; j < t; ++j) {
    lp.setColumnBounds(j, 0.0, COIN_DBL_MAX);
    lp.setObjectiveCoefficient(j, 0.0);
  }
  lp.setColumnBounds(t, -COIN_DBL_MAX, COIN_DBL_MAX);  // cap
  lp.setObjectiveCoefficient(t, 1.0);
  lp.setOptimizationDirection(1.0);
}

LeximinMaster::~LeximinMaster() = default;

void LeximinMaster::AddPanel(const std::vector<int>& counts) {
  std::vector<int> cols;
  std::vector<double> vals;
  for (size_t j = 0; j < counts.size(); ++j) {
    if (counts[j] == 0) continue;
    cols.push_back(static_cast<int>(j));
    vals.push_back(static_cast<double>(counts[j]) / sizes_[j]);
  }
  cols.push_back(static_cast<int>(sizes_.size()));
  vals.push_back(-1.0);
  impl_->lp.addRow(static_cast<int>(cols.size()), cols.data(), vals.data(), -COIN_DBL_MAX, 0.0);
}

void LeximinMaster::BeginStage(const std::vector<bool>& fixed, const std::vector<double>& value) {
  ClpSimplex& lp = impl_->lp;
  // The old normalisation row stays in the matrix but no longer binds: cheaper than editing
  // coefficients in place, and it keeps the basis usable.
  if (impl_->norm_row >= 0) lp.setRowBounds(impl_->norm_row, -COIN_DBL_MAX, COIN_DBL_MAX);
  std::vector<int> cols;
  std::vector<double> vals;
  for (size_t j = 0; j < sizes_.size(); ++j) {
    lp.setObjectiveCoefficient(static_cast<int>(j), fixed[j] ? -value[j] : 0.0);
    if (!fixed[j]) {
      cols.push_back(static_cast<int>(j));
      vals.push_back(1.0);
    }
  }
  lp.addRow(static_cast<int>(cols.size()), cols.data(), vals.data(), 1.0, 1.0);
  impl_->norm_row = lp.numberRows() - 1;
}

absl::Status LeximinMaster::Solve() {
  ClpSimplex& lp = impl_->lp;
  if (absl::Status s = Optimise(lp, "LEXIMIN master"); !s.ok()) return s;
  const double* x = lp.primalColumnSolution();
  const int t = static_cast<int>(sizes_.size());
  weights_.assign(x, x + t);
  for (double& w : weights_) w = std::max(0.0, w);
  cap_ = x[t];
  objective_ = lp.objectiveValue();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<double>> FinalDistribution(const std::vector<std::vector<int>>& panels,
                                                      const std::vector<int>& type_sizes,
                                                      const std::vector<double>& target) {
  // Columns: one weight per panel, then the shortfall s. Rows: sum w = 1, then per type
  // sum_P w_P count_t(P)/size_t + s >= target_t. Minimise s.
  const int t = static_cast<int>(type_sizes.size());
  const int p = static_cast<int>(panels.size());
  ClpSimplex lp;
  Quiet(lp);
  lp.resize(t + 1, 0);
  lp.setRowBounds(0, 1.0, 1.0);
  for (int j = 0; j < t; ++j) lp.setRowBounds(j + 1, target[j], COIN_DBL_MAX);
  std::vector<int> rows;
  std::vector<double> vals;
  for (const std::vector<int>& panel : panels) {
    rows.assign(1, 0);
    vals.assign(1, 1.0);
    for (int j = 0; j < t; ++j) {
      if (panel[j] == 0) continue;
      rows.push_back(j + 1);
      vals.push_back(static_cast<double>(panel[j]) / type_sizes[j]);
    }
    lp.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 0.0);
  }
  rows.clear();
  vals.clear();
  for (int j = 0; j < t; ++j) {
    rows.push_back(j + 1);
    vals.push_back(1.0);
  }
  lp.addColumn(t, rows.data(), vals.data(), 0.0, COIN_DBL_MAX, 1.0);
  lp.setOptimizationDirection(1.0);
  if (absl::Status s = Optimise(lp, "LEXIMIN final"); !s.ok()) return s;
  const double* x = lp.primalColumnSolution();
  std::vector<double> weights(x, x + p);
  double total = 0;
  for (double& w : weights) {
    if (w < 1e-12) w = 0;
    total += w;
  }
  if (total <= 0) return absl::InternalError("LEXIMIN final LP gave no distribution");
  for (double& w : weights) w /= total;
  return weights;
}

}  // namespace polylateral::composition
