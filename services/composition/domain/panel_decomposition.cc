#include "services/composition/domain/panel_decomposition.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "services/composition/domain/leximin_master.h"

namespace polylateral::composition {
namespace {

// Frank-Wolfe steps per type: enough for the column generation after it to need a handful of
// rounds on the generated pools (n = 500: 1,000 steps left 16 rounds and 4,800 pivots; 3,000
// steps, 2 rounds and 2,250 pivots).
constexpr int kWarmStepsPerType = 6;
// The descent stops early once no type is further than this from its target.
constexpr double kWarmEnough = 1e-4;

std::vector<int> Sizes(const TypeModel& model) {
  std::vector<int> sizes;
  for (const CandidateType& type : model.types) sizes.push_back(type.size());
  return sizes;
}

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

  // Returns the steps taken; the panels with weight join the pricer's pool.
  absl::StatusOr<int> Run(const SolveLimits& limits) {
    Enter(pricer_.panels().front(), 1.0);
    const int steps = kWarmStepsPerType * static_cast<int>(target_.size());
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
  absl::StatusOr<int> warm = WarmPool(model, target, pricer).Run(options.limits);
  if (!warm.ok()) return warm.status();
  out.warm_steps = *warm;

  ShortfallMaster master(Sizes(model), target);
  for (const std::vector<int>& panel : pricer.panels()) master.AddPanel(panel);
  for (;;) {
    if (options.limits.Expired()) return options.limits.StopStatus();
    if (absl::Status s = master.Solve(); !s.ok()) return s;
    out.shortfall = master.shortfall();
    if (options.progress) options.progress(out.rounds);
    if (out.shortfall <= kShortfallTolerance) {
      out.exact = true;
      break;
    }
    ++out.rounds;
    const PricingRound round = pricer.Price(master.member_values(), master.cap(), options.limits);
    if (round.by_mip) ++out.pricing_mips;
    if (round.stopped) return options.limits.StopStatus();
    if (round.infeasible) return absl::InternalError("no feasible panel while decomposing");
    if (round.improving.empty()) break;  // proven: no panel lowers the shortfall
    for (const std::vector<int>& panel : round.improving) master.AddPanel(panel);
  }
  out.weights = master.panel_weights();
  double total = 0;
  for (double& w : out.weights) {
    if (w < 1e-12) w = 0;
    total += w;
  }
  if (total <= 0) return absl::InternalError("decomposition LP gave no lottery");
  for (double& w : out.weights) w /= total;
  return out;
}

}  // namespace polylateral::composition
