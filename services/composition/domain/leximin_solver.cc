#include "services/composition/domain/leximin_solver.h"

#include <algorithm>
#include <random>
#include <set>

#include "services/composition/domain/leximin_master.h"
#include "services/composition/domain/mip_solver.h"
#include "services/composition/domain/panel_members.h"
#include "services/composition/domain/relaxation.h"
#include "services/composition/domain/swap_search.h"

namespace polylateral::composition {
namespace {

// A panel improves the master when its dual weight beats the cap by more than this; a type
// is fixed when its dual weight exceeds kFixTolerance. Both sit well above CLP's 1e-9
// tolerances and well below the 1e-6 accuracy the tests demand.
constexpr double kImproveTolerance = 1e-9;
constexpr double kFixTolerance = 1e-9;
// Known panels the swap search starts from in each pricing round.
constexpr size_t kStarts = 12;

class Leximin final {
 public:
  Leximin(const TypeModel& model, const LeximinOptions& options)
      : model_(model),
        options_(options),
        pricer_(PanelProgram(model)),
        swaps_(model),
        master_(Sizes(model)),
        fixed_(model.types.size(), false),
        value_(model.types.size(), 0.0) {}

  absl::StatusOr<LeximinResult> Run() {
    LeximinResult result;
    if (absl::Status s = SeedColumns(result); !s.ok() || !result.feasible) {
      if (!s.ok()) return s;
      return result;
    }
    const int t = static_cast<int>(model_.types.size());
    int fixed_count = 0;
    while (fixed_count < t) {
      master_.BeginStage(fixed_, value_);
      ++result.stages;
      for (;;) {
        if (options_.limits.Expired()) return options_.limits.StopStatus();
        if (absl::Status s = master_.Solve(); !s.ok()) return s;
        const std::vector<double>& y = master_.weights();
        std::vector<double> objective(t);
        double scale = 0;
        for (int j = 0; j < t; ++j) {
          objective[j] = y[j] / model_.types[j].size();
          scale = std::max(scale, objective[j]);
        }
        if (scale <= 0) scale = 1;
        // CBC's tolerances are absolute: price with the largest coefficient at 1.
        for (double& c : objective) c /= scale;
        ++result.iterations;
        // Cheap first: the best known panels under these weights, improved by swaps. Every
        // distinct improving panel found becomes a column: fewer master solves.
        std::vector<int> start;
        if (AddImprovingColumns(objective, scale, start) > 0) {
          Report(result, fixed_count);
          continue;
        }
        // Then CBC, from the heuristic's panel: either a better column or the proof.
        pricer_.SetObjective(objective, /*maximize=*/true);
        ++result.pricing_mips;
        const MipOutcome out =
            pricer_.Solve(options_.limits, std::vector<double>(start.begin(), start.end()));
        if (!out.has_solution) return options_.limits.StopStatus();
        const double value = out.objective * scale;
        const std::vector<int> counts = CountsFromSolution(model_, out.solution);
        Report(result, fixed_count);
        if (value > master_.cap() + kImproveTolerance && panels_.insert(counts).second) {
          master_.AddPanel(counts);
          order_.push_back(counts);
          continue;
        }
        if (out.status != MipOutcome::Status::kOptimal) return options_.limits.StopStatus();
        if (result.stages == 1) Certify(result, out.best_bound * scale);
        fixed_count += FixTypes();
        break;
      }
    }
    return Finish(std::move(result));
  }

 private:
  static std::vector<int> Sizes(const TypeModel& model) {
    std::vector<int> sizes;
    for (const CandidateType& type : model.types) sizes.push_back(type.size());
    return sizes;
  }

  // A few panels from random objectives: a feasibility check, and a spread of columns so the
  // first master LPs are not degenerate. Deterministic (fixed seed) so runs repeat exactly.
  absl::Status SeedColumns(LeximinResult& result) {
    std::mt19937_64 rng(20210811);
    const int t = static_cast<int>(model_.types.size());
    const int seeds = std::min(t, 8);
    for (int s = 0; s < seeds; ++s) {
      std::vector<double> objective(t);
      for (double& c : objective) c = UniformUnit(rng);
      pricer_.SetObjective(objective, /*maximize=*/true);
      const MipOutcome out = pricer_.Solve(options_.limits);
      if (!out.has_solution) {
        if (out.status != MipOutcome::Status::kInfeasible) return options_.limits.StopStatus();
        result.infeasibility = ExplainInfeasibility(model_, options_.limits);
        return absl::OkStatus();
      }
      const std::vector<int> counts = CountsFromSolution(model_, out.solution);
      if (panels_.insert(counts).second) {
        master_.AddPanel(counts);
        order_.push_back(counts);
      }
    }
    result.feasible = true;
    return absl::OkStatus();
  }

  // Runs the swap search from the kStarts best known panels; adds each distinct panel that
  // beats the cap. `best` receives the best panel found (CBC's starting point otherwise).
  int AddImprovingColumns(const std::vector<double>& value, double scale, std::vector<int>& best) {
    std::vector<std::pair<double, size_t>> ranked;
    ranked.reserve(order_.size());
    for (size_t p = 0; p < order_.size(); ++p) {
      double v = 0;
      for (size_t j = 0; j < value.size(); ++j) v += value[j] * order_[p][j];
      ranked.emplace_back(-v, p);
    }
    const size_t starts = std::min(ranked.size(), kStarts);
    std::partial_sort(ranked.begin(), ranked.begin() + starts, ranked.end());
    int added = 0;
    double best_value = -1;
    for (size_t s = 0; s < starts; ++s) {
      std::vector<int> panel = order_[ranked[s].second];
      const double v = swaps_.Improve(panel, value) * scale;
      if (v > best_value) {
        best_value = v;
        best = panel;
      }
      if (v > master_.cap() + kImproveTolerance && panels_.insert(panel).second) {
        master_.AddPanel(panel);
        order_.push_back(std::move(panel));
        ++added;
      }
    }
    return added;
  }

  void Report(const LeximinResult& result, int fixed_count) const {
    if (!options_.progress) return;
    LeximinProgress p;
    p.stage = result.stages;
    p.iteration = result.iterations;
    p.columns = static_cast<int>(order_.size());
    p.fixed_types = fixed_count;
    p.min_probability = result.stages == 1 ? master_.objective() : min_probability_;
    options_.progress(p);
  }

  void Certify(LeximinResult& result, double pricing_bound) {
    result.certificate_weights.assign(model_.candidate_count, 0.0);
    const std::vector<double>& y = master_.weights();
    for (size_t j = 0; j < model_.types.size(); ++j) {
      for (int member : model_.types[j].members) {
        result.certificate_weights[member] = y[j] / model_.types[j].size();
      }
    }
    result.certificate_bound = std::max(master_.cap(), pricing_bound);
    min_probability_ = std::max(0.0, master_.objective());
  }

  int FixTypes() {
    const std::vector<double>& y = master_.weights();
    const double z = std::max(0.0, master_.objective());
    int fixed = 0;
    int best = -1;
    for (size_t j = 0; j < fixed_.size(); ++j) {
      if (fixed_[j]) continue;
      if (best < 0 || y[j] > y[best]) best = static_cast<int>(j);
      if (y[j] > kFixTolerance) {
        fixed_[j] = true;
        value_[j] = z;
        ++fixed;
      }
    }
    // The normalisation row forces some y > 0; guard against all of it sitting under the
    // tolerance so the loop always progresses.
    if (fixed == 0 && best >= 0) {
      fixed_[best] = true;
      value_[best] = z;
      ++fixed;
    }
    return fixed;
  }

  absl::StatusOr<LeximinResult> Finish(LeximinResult result) {
    absl::StatusOr<std::vector<double>> weights = FinalDistribution(order_, Sizes(model_), value_);
    if (!weights.ok()) return weights.status();
    std::vector<WeightedPanel> panels;
    std::vector<double> type_probability(model_.types.size(), 0.0);
    for (size_t p = 0; p < order_.size(); ++p) {
      if ((*weights)[p] <= 0) continue;
      panels.push_back({order_[p], (*weights)[p]});
      for (size_t j = 0; j < model_.types.size(); ++j) {
        type_probability[j] += (*weights)[p] * order_[p][j] / model_.types[j].size();
      }
    }
    // Canonical order, so that a draw replays identically from the published distribution.
    std::sort(panels.begin(), panels.end(),
              [](const WeightedPanel& a, const WeightedPanel& b) { return a.counts < b.counts; });
    result.panels = std::move(panels);
    result.probabilities.assign(model_.candidate_count, 0.0);
    result.min_probability = 1.0;
    for (size_t j = 0; j < model_.types.size(); ++j) {
      const double p = std::clamp(type_probability[j], 0.0, 1.0);
      for (int member : model_.types[j].members) result.probabilities[member] = p;
      result.types.push_back(model_.types[j].members);
      result.min_probability = std::min(result.min_probability, p);
    }
    return result;
  }

  const TypeModel& model_;
  const LeximinOptions& options_;
  MipSolver pricer_;
  SwapSearch swaps_;
  LeximinMaster master_;
  std::vector<bool> fixed_;
  std::vector<double> value_;
  std::set<std::vector<int>> panels_;
  std::vector<std::vector<int>> order_;  // panels in the order the master holds them
  double min_probability_ = 0;
};

}  // namespace

absl::StatusOr<LeximinResult> SolveLeximin(const TypeModel& model, const LeximinOptions& options) {
  return Leximin(model, options).Run();
}

absl::StatusOr<LeximinResult> SolveLeximin(const Pool& pool, const BodySpec& spec,
                                           const LeximinOptions& options) {
  absl::StatusOr<TypeModel> model = BuildTypeModel(pool, spec);
  if (!model.ok()) return model.status();
  return SolveLeximin(*model, options);
}

}  // namespace polylateral::composition
