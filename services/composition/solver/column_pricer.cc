#include "services/composition/solver/column_pricer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "services/composition/solver/cpu_clock.h"
#include "services/composition/solver/panel_members.h"

namespace polylateral::composition {
namespace {

// Known panels the swap search starts from in each round.
constexpr size_t kStarts = 12;
// CBC's objective coefficients are multiples of this (largest at 1).
constexpr double kObjectiveGrid = 1e-9;

double Value(const std::vector<double>& value, const std::vector<int>& counts) {
  double v = 0;
  for (size_t j = 0; j < value.size(); ++j) v += value[j] * counts[j];
  return v;
}

}  // namespace

ColumnPricer::ColumnPricer(const TypeModel& model, MipEffort effort)
    : model_(model), mip_(PanelProgram(model), effort), swaps_(model) {}

bool ColumnPricer::Add(const std::vector<int>& counts) {
  if (!known_.insert(counts).second) return false;
  order_.push_back(counts);
  return true;
}

MipOutcome ColumnPricer::SolveExact(const std::vector<double>& value, const SolveLimits& limits) {
  mip_.SetObjective(value, /*maximize=*/true);
  const double start = ThreadCpuSeconds();
  MipOutcome out = mip_.Solve(limits);
  mip_seconds_ += ThreadCpuSeconds() - start;
  return out;
}

PricingRound ColumnPricer::Price(const std::vector<double>& value, double cap,
                                 const SolveLimits& limits) {
  PricingRound round;
  std::vector<std::pair<double, size_t>> ranked;
  ranked.reserve(order_.size());
  for (size_t p = 0; p < order_.size(); ++p) ranked.emplace_back(-Value(value, order_[p]), p);
  const size_t starts = std::min(ranked.size(), kStarts);
  std::partial_sort(ranked.begin(), ranked.begin() + starts, ranked.end());
  for (size_t s = 0; s < starts; ++s) {
    std::vector<int> panel = order_[ranked[s].second];
    const double v = swaps_.Improve(panel, value);
    if (v > cap + kImproveTolerance && Add(panel)) round.improving.push_back(std::move(panel));
  }
  if (!round.improving.empty()) return round;

  // CBC's tolerances are absolute: price with the largest coefficient at 1.
  double scale = 0;
  for (double v : value) scale = std::max(scale, std::abs(v));
  if (scale <= 0) scale = 1;
  // On a grid of kObjectiveGrid: the duals of types the master treats alike differ in the
  // last digits (0.99999999999968 beside 1), and then CBC cannot use the integrality of the
  // objective. A pricing MIP on a generated n = 200, k = 10 pool (81 types of one region at
  // weight ~1, the balance rule allowing 4.5 of them in the LP) ran for minutes that way; on
  // the grid the bound rounds down to 4 at once. A panel's value moves by at most
  // seats * kObjectiveGrid / 2 (2.5e-8 at 50 seats), far below the 1e-6 the tests demand.
  std::vector<double> objective(value);
  for (double& c : objective) c = std::round(c / scale / kObjectiveGrid) * kObjectiveGrid;
  round.by_mip = true;
  mip_.SetObjective(objective, /*maximize=*/true);
  // Only panels beating the cap matter: CBC prunes at it, less a margin for the grid (a
  // panel's rounded value is within seats * kObjectiveGrid / 2 of its own), so no improving
  // panel is cut off.
  const double grid_error = model_.candidate_count * kObjectiveGrid;
  const double start = ThreadCpuSeconds();
  const MipOutcome out = mip_.SolveAbove(limits, cap / scale - grid_error);
  mip_seconds_ += ThreadCpuSeconds() - start;
  if (!out.has_solution) {
    if (out.status == MipOutcome::Status::kNothingAbove) {
      // No panel's rounded value reaches cap / scale - grid_error, so no panel is worth more
      // than the cap.
      round.proven = true;
      round.bound = cap;
      return round;
    }
    round.stopped = true;
    return round;
  }
  std::vector<int> counts = CountsFromSolution(model_, out.solution);
  if (out.objective * scale > cap + kImproveTolerance && Add(counts)) {
    round.improving.push_back(std::move(counts));
    // On rules where the swap search finds little (exact quotas: a swap keeps every quota only
    // between candidates alike in all features), every round is a MIP; the other improving
    // panels CBC met on the way save rounds.
    for (const std::vector<double>& solution : out.others) {
      std::vector<int> more = CountsFromSolution(model_, solution);
      if (!SatisfiesRows(model_, more)) continue;
      if (Value(value, more) > cap + kImproveTolerance && Add(more)) {
        round.improving.push_back(std::move(more));
      }
    }
    return round;
  }
  round.proven = out.status == MipOutcome::Status::kOptimal;
  round.stopped = !round.proven;
  round.bound = std::max(cap, out.best_bound * scale);
  return round;
}

}  // namespace polylateral::composition
