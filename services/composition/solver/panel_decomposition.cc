#include "services/composition/solver/panel_decomposition.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "services/composition/solver/leximin_master.h"

namespace polylateral::composition {
namespace {

// Frank-Wolfe steps per type from one panel, then from each master LP's lottery while it falls
// short (a few times), before plain column-generation rounds. Measured on generated n = 500,
// k = 50 pools: 6 steps per type and no refining left 0-14 column-generation rounds (1.4-6.6 s,
// each round a warm re-solve of up to 2,400 pivots); 4 steps per type and up to 4 refinements
// of 1 step per type from the LP's lottery, no rounds (1.1-3.8 s over seeds 1-10): the LP's
// lottery has ~470 panels instead of thousands, so each Frank-Wolfe step moves more weight.
constexpr int kWarmStepsPerType = 4;
constexpr int kRefineStepsPerType = 1;
constexpr int kRefinePhases = 4;
// The descent stops early once no type is further than this from its target.
constexpr double kWarmEnough = 1e-4;

// Pairwise Frank-Wolfe (Lacoste-Julien and Jaggi, 2015) on f(w) = |q(w) - target|^2 / 2 with
// q(w) = sum_P w_P x(P), x(P)_t = count_t(P)/size_t. Each step moves weight from the active
// panel worst for the gradient to the panel the swap search finds best for it.
class WarmPool final {
 public:
  WarmPool(const TypeModel& model, const std::vector<double>& target, ColumnPricer& pricer)
      : model_(model),
        target_(target),
        pricer_(pricer),
        q_(target.size(), 0.0),
        value_(target.size(), 0.0),
        delta_(target.size(), 0.0) {}

  // From the lottery `start` (weights summing to 1), at most `steps` steps; returns the steps
  // taken. The panels left with weight join the pricer's pool.
  absl::StatusOr<int> Run(const std::vector<std::pair<std::vector<int>, double>>& start, int steps,
                          const SolveLimits& limits) {
    for (const auto& [counts, weight] : start) Enter(counts, weight);
    int step = 0;
    for (; step < steps; ++step) {
      if (step % 64 == 0 && limits.Expired()) return limits.StopStatus();
      double worst_gap = 0;
      for (size_t j = 0; j < q_.size(); ++j) {
        const double gradient = q_[j] - target_[j];
        worst_gap = std::max(worst_gap, std::abs(gradient));
        value_[j] = -gradient / model_.types[j].size();
      }
      if (worst_gap < kWarmEnough) break;
      size_t best = 0;
      size_t away = 0;
      double best_value = -INFINITY;
      double away_value = INFINITY;
      for (size_t a = 0; a < active_.size(); ++a) {
        if (active_[a].weight <= 0) continue;
        double v = 0;
        for (const auto& [type, count] : active_[a].sparse) v += value_[type] * count;
        if (v > best_value) {
          best_value = v;
          best = a;
        }
        if (v < away_value) {
          away_value = v;
          away = a;
        }
      }
      std::vector<int> toward = active_[best].counts;
      pricer_.Improve(toward, value_);
      if (!Step(toward, away)) break;
    }
    for (const Active& a : active_) {
      if (a.weight > 0) pricer_.Add(a.counts);
    }
    return step;
  }

  // The weight the lottery gives `counts` (0 when it is not in the lottery).
  double WeightOf(const std::vector<int>& counts) const {
    auto it = index_.find(counts);
    return it == index_.end() ? 0.0 : std::max(0.0, active_[it->second].weight);
  }

 private:
  struct Active {
    std::vector<int> counts;
    std::vector<std::pair<int, int>> sparse;  // (type, count) with count > 0
    double weight = 0;
  };

  size_t Enter(const std::vector<int>& counts, double weight) {
    auto [it, inserted] = index_.emplace(counts, active_.size());
    if (inserted) {
      Active a{counts, {}, 0.0};
      for (size_t j = 0; j < counts.size(); ++j) {
        if (counts[j] > 0) a.sparse.emplace_back(static_cast<int>(j), counts[j]);
      }
      active_.push_back(std::move(a));
    }
    Active& a = active_[it->second];
    a.weight += weight;
    for (const auto& [type, count] : a.sparse) {
      q_[type] += weight * count / model_.types[type].size();
    }
    return it->second;
  }

  // Moves the best step size (exact line search, at most the away panel's weight) from
  // `away` to `toward`; false when the direction does not descend.
  bool Step(const std::vector<int>& toward, size_t away) {
    touched_.clear();
    auto add = [&](int type, double d) {
      if (delta_[type] == 0) touched_.push_back(type);
      delta_[type] += d;
    };
    for (size_t j = 0; j < toward.size(); ++j) {
      if (toward[j] > 0) add(static_cast<int>(j), double(toward[j]) / model_.types[j].size());
    }
    for (const auto& [type, count] : active_[away].sparse) {
      add(type, -double(count) / model_.types[type].size());
    }
    double slope = 0;
    double curvature = 0;
    for (int j : touched_) {
      slope += (q_[j] - target_[j]) * delta_[j];
      curvature += delta_[j] * delta_[j];
      delta_[j] = 0;
    }
    if (slope >= 0 || curvature <= 0) return false;
    const double gamma = std::min(active_[away].weight, -slope / curvature);
    Enter(toward, gamma);
    Active& a = active_[away];
    a.weight = std::max(0.0, a.weight - gamma);
    for (const auto& [type, count] : a.sparse) {
      q_[type] -= gamma * count / model_.types[type].size();
    }
    return true;
  }

  const TypeModel& model_;
  const std::vector<double>& target_;
  ColumnPricer& pricer_;
  std::vector<Active> active_;
  std::map<std::vector<int>, size_t> index_;
  std::vector<double> q_;
  std::vector<double> value_;
  std::vector<double> delta_;  // scratch, all zero between steps
  std::vector<int> touched_;
};

}  // namespace

absl::StatusOr<Decomposition> DecomposeTarget(const TypeModel& model,
                                              const std::vector<double>& target,
                                              ColumnPricer& pricer,
                                              const DecomposeOptions& options) {
  Decomposition out;
  if (pricer.panels().empty()) return absl::InternalError("decomposition needs a first panel");
  const int types = static_cast<int>(target.size());
  WarmPool descent(model, target, pricer);
  absl::StatusOr<int> warm =
      descent.Run({{pricer.panels().front(), 1.0}}, kWarmStepsPerType * types, options.limits);
  if (!warm.ok()) return warm.status();
  out.warm_steps = *warm;

  ShortfallMaster master(TypeSizes(model), target);
  std::vector<double> start;
  for (const std::vector<int>& panel : pricer.panels()) {
    master.AddPanel(panel);
    start.push_back(descent.WeightOf(panel));
  }
  // The first LP starts from the descent's lottery rather than from the slack basis: on
  // pools with one seat per organisation (n = 500, k = 50) that LP took 15-35 % less CPU.
  master.StartFrom(start);
  int refinements = 0;
  for (;;) {
    if (options.limits.Expired()) return options.limits.StopStatus();
    const absl::Status solved = master.Solve(options.limits);
    out.master_seconds += master.report().cpu_seconds;
    if (!solved.ok()) return solved;
    out.shortfall = master.shortfall();
    if (options.progress) options.progress(out.rounds);
    if (out.shortfall <= kShortfallTolerance) {
      out.exact = true;
      break;
    }
    if (refinements < kRefinePhases) {
      ++refinements;
      const std::vector<double> weights = master.panel_weights();
      std::vector<std::pair<std::vector<int>, double>> lottery;
      for (size_t p = 0; p < weights.size(); ++p) {
        if (weights[p] > 0) lottery.emplace_back(pricer.panels()[p], weights[p]);
      }
      const size_t before = pricer.panels().size();
      absl::StatusOr<int> more =
          WarmPool(model, target, pricer).Run(lottery, kRefineStepsPerType * types, options.limits);
      if (!more.ok()) return more.status();
      out.warm_steps += *more;
      for (size_t p = before; p < pricer.panels().size(); ++p) master.AddPanel(pricer.panels()[p]);
      if (pricer.panels().size() > before) continue;
    }
    ++out.rounds;
    const PricingRound round = pricer.Price(master.member_values(), master.cap(), options.limits);
    if (round.by_mip) ++out.pricing_mips;
    if (round.stopped) return options.limits.StopStatus();
    if (round.infeasible) return absl::InternalError("no feasible panel while decomposing");
    if (round.improving.empty()) break;  // proven: no panel lowers the shortfall
    for (const std::vector<int>& panel : round.improving) master.AddPanel(panel);
  }
  absl::StatusOr<std::vector<double>> lottery = master.Lottery();
  if (!lottery.ok()) return lottery.status();
  out.weights = *std::move(lottery);
  return out;
}

}  // namespace polylateral::composition
