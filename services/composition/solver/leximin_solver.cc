#include "services/composition/solver/leximin_solver.h"

#include <algorithm>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/composition/solver/column_pricer.h"
#include "services/composition/solver/cpu_clock.h"
#include "services/composition/solver/leximin_master.h"
#include "services/composition/solver/panel_decomposition.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/relaxation.h"
#include "services/composition/solver/relaxed_leximin.h"
#include "services/composition/solver/unreachable_types.h"

namespace polylateral::composition {
namespace {

constexpr double kFixSlack = 1e-9;

// Two ways to the same vector. First the shortcut: LEXIMIN over the LP relaxation
// (relaxed_leximin.h), then a lottery over feasible panels meeting it (panel_decomposition.h);
// when one exists the relaxation's vector is the exact answer. When it does not, the
// relaxation was too generous and the stages run by column generation over feasible panels,
// starting from every panel the shortcut generated.
class Leximin final {
 public:
  Leximin(const TypeModel& model, const LeximinOptions& options)
      : model_(model),
        options_(options),
        pricer_(model, options.pricing_effort),
        master_(TypeSizes(model)),
        fixed_(model.types.size(), false),
        value_(model.types.size(), 0.0) {}

  absl::StatusOr<LeximinResult> Run() {
    absl::StatusOr<LeximinResult> out = Solve(LeximinResult{});
    if (out.ok()) out->mip_seconds = pricer_.mip_seconds();
    return out;
  }

 private:
  absl::StatusOr<LeximinResult> Solve(LeximinResult result) {
    LeximinResult::Phases& phases = result.phases;
    double clock = ThreadCpuSeconds();
    // Adds the CPU time since the last call to `phase`.
    auto lap = [&clock](double& phase) {
      const double now = ThreadCpuSeconds();
      phase += now - clock;
      clock = now;
    };
    const absl::Status seeded = SeedColumns(result);
    lap(phases.seeding_seconds);
    if (!seeded.ok()) return seeded;
    if (!result.feasible) return result;
    // The shortcut first: on most pools it holds and no more is needed. When it does not,
    // types that fit no panel are a likely reason (the relaxation spreads them fractionally):
    // fixed at 0, they leave the relaxation, which is then tried once more.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (options_.relaxation_first) {
        absl::StatusOr<std::vector<double>> shortcut = Shortcut(result);
        lap(phases.shortcut_seconds);
        if (!shortcut.ok()) return shortcut.status();
        if (!shortcut->empty()) {
          result.by_relaxation = true;
          return Finish(std::move(result), *shortcut);
        }
      }
      // Without the shortcut (relaxation_first off) there is nothing to retry, and covering
      // every type by MIPs first costs more than the stages' own search when few are
      // unreachable (generated n = 300, k = 10: 2.2 s of MIPs against 0.1 s).
      if (attempt > 0 || !options_.relaxation_first) break;
      absl::StatusOr<std::vector<bool>> unreachable =
          UnreachableTypes(model_, pricer_, options_.limits);
      lap(phases.unreachable_seconds);
      if (!unreachable.ok()) {
        if (options_.limits.Expired()) return options_.limits.StopStatus();
        break;  // CBC trouble: the stages find them one by one
      }
      if (!FixUnreachable(*unreachable, result)) break;
    }
    absl::Status staged = Stages(result);
    lap(phases.stages_seconds);
    if (!staged.ok()) {
      if (options_.limits.Expired()) return options_.limits.StopStatus();
      // Numerical trouble that no recovery fixed: an honest, uncertified lottery rather than
      // no answer. The types fixed so far keep their values; the others get what they get.
      result.certified = false;
      result.uncertified_reason = std::string(staged.message());
    }
    absl::StatusOr<std::vector<double>> weights =
        FinalDistribution(pricer_.panels(), TypeSizes(model_), value_, options_.limits);
    lap(phases.final_seconds);
    if (!weights.ok()) {
      if (options_.limits.Expired()) return options_.limits.StopStatus();
      result.certified = false;
      if (!result.uncertified_reason.empty()) result.uncertified_reason += "; ";
      result.uncertified_reason += absl::StrCat("final distribution: ", weights.status().message(),
                                                "; every panel found is given the same weight");
      weights = std::vector<double>(pricer_.panels().size(), 1.0 / pricer_.panels().size());
    }
    return Finish(std::move(result), *weights);
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
      const MipOutcome out = pricer_.SolveExact(objective, options_.limits);
      if (!out.has_solution) {
        if (out.status != MipOutcome::Status::kInfeasible) return options_.limits.StopStatus();
        result.infeasibility = ExplainInfeasibility(model_, options_.limits);
        return absl::OkStatus();
      }
      pricer_.Add(CountsFromSolution(model_, out.solution));
    }
    result.feasible = true;
    return absl::OkStatus();
  }

  // Fixes the types no feasible panel includes at 0; their members certify the minimum 0.
  // False when there are none.
  bool FixUnreachable(const std::vector<bool>& unreachable, LeximinResult& result) {
    std::vector<double> member(model_.types.size(), 0.0);
    double members = 0;
    for (size_t j = 0; j < unreachable.size(); ++j) {
      if (!unreachable[j]) continue;
      fixed_[j] = true;
      value_[j] = 0;
      members += model_.types[j].size();
    }
    if (members == 0) return false;
    for (size_t j = 0; j < unreachable.size(); ++j) {
      if (unreachable[j]) member[j] = 1.0 / members;
    }
    SetCertificate(result, member, 0.0);
    certificate_set_ = true;
    return true;
  }

  // The panel weights (per pricer_.panels()) of a lottery meeting the relaxation's LEXIMIN
  // vector, or none when no lottery does.
  absl::StatusOr<std::vector<double>> Shortcut(LeximinResult& result) {
    const double relaxation_start = ThreadCpuSeconds();
    absl::StatusOr<RelaxedLeximin> relaxed = SolveRelaxedLeximin(model_, options_.limits, fixed_);
    const double decomposition_start = ThreadCpuSeconds();
    result.phases.relaxation_seconds += decomposition_start - relaxation_start;
    if (!relaxed.ok()) {
      if (options_.limits.Expired()) return options_.limits.StopStatus();
      return std::vector<double>{};  // CLP trouble: the stages decide alone
    }
    DecomposeOptions decompose{options_.limits, {}};
    const int rounds_before = result.iterations;
    if (options_.progress) {
      decompose.progress = [&](int rounds) {
        result.iterations = rounds_before + rounds;
        Report(result, 0, relaxed->first_value);
      };
    }
    absl::StatusOr<Decomposition> d =
        DecomposeTarget(model_, relaxed->probability, pricer_, decompose);
    result.phases.decomposition_seconds += ThreadCpuSeconds() - decomposition_start;
    if (!d.ok()) {
      if (options_.limits.Expired()) return options_.limits.StopStatus();
      return std::vector<double>{};  // CLP trouble: the stages decide alone
    }
    result.iterations = rounds_before + d->rounds;
    result.phases.decomposition_rounds += d->rounds;
    result.pricing_mips += d->pricing_mips;
    result.master_lp_seconds += d->master_seconds;
    if (!d->exact) return std::vector<double>{};
    result.stages = relaxed->stages;
    if (certificate_set_) return d->weights;
    // The relaxation's first-stage duals certify the minimum; CBC proves their bound over
    // feasible panels.
    std::vector<double> member(model_.types.size());
    for (size_t j = 0; j < member.size(); ++j) {
      member[j] = relaxed->first_weights[j] / model_.types[j].size();
    }
    const MipOutcome out = pricer_.SolveExact(member, options_.limits);
    if (out.status != MipOutcome::Status::kOptimal) {
      if (options_.limits.Expired()) return options_.limits.StopStatus();
      return std::vector<double>{};  // unproven certificate: the stages prove their own
    }
    SetCertificate(result, member, std::max(out.objective, out.best_bound));
    return d->weights;
  }

  // The LEXIMIN stages by column generation (Flanigan et al. 2021, Methods).
  absl::Status Stages(LeximinResult& result) {
    for (const std::vector<int>& panel : pricer_.panels()) master_.AddPanel(panel);
    const int t = static_cast<int>(model_.types.size());
    int fixed_count = static_cast<int>(std::count(fixed_.begin(), fixed_.end(), true));
    result.stages = 0;
    while (fixed_count < t) {
      master_.BeginStage(fixed_, value_);
      ++result.stages;
      for (;;) {
        if (options_.limits.Expired()) return options_.limits.StopStatus();
        const absl::Status solved = master_.Solve(options_.limits);
        result.master_lp_seconds += master_.report().cpu_seconds;
        if (!solved.ok()) return Trouble(result, "LEXIMIN master LP", solved);
        if (!master_.report().recovery.empty()) ++result.lp_recoveries;
        const std::vector<double>& y = master_.weights();
        std::vector<double> member(t);
        for (int j = 0; j < t; ++j) member[j] = y[j] / model_.types[j].size();
        ++result.iterations;
        const PricingRound round = pricer_.Price(member, master_.cap(), options_.limits);
        if (round.by_mip) ++result.pricing_mips;
        Report(result, fixed_count, result.stages == 1 ? master_.objective() : min_probability_);
        if (options_.limits.Expired()) return options_.limits.StopStatus();
        // Feasible panels are known, so CBC calling the pricing infeasible, or ending unproven
        // before the deadline, is its own numerical trouble.
        if (round.infeasible) {
          return Trouble(result, "LEXIMIN pricing MIP", absl::InternalError("found no panel"));
        }
        if (round.stopped) {
          return Trouble(result, "LEXIMIN pricing MIP",
                         absl::InternalError("ended without proving its optimum"));
        }
        if (!round.improving.empty()) {
          for (const std::vector<int>& panel : round.improving) master_.AddPanel(panel);
          continue;
        }
        if (!certificate_set_) {
          SetCertificate(result, member, std::max(master_.cap(), round.bound));
          min_probability_ = std::max(0.0, master_.objective());
          certificate_set_ = true;
        }
        fixed_count += FixTypes();
        break;
      }
    }
    return absl::OkStatus();
  }

  absl::Status Trouble(const LeximinResult& result, const char* what, const absl::Status& s) {
    if (options_.limits.Expired()) return options_.limits.StopStatus();
    return absl::InternalError(
        absl::StrCat(what, " failed in stage ", result.stages, " (", s.message(), ")"));
  }

  void Report(const LeximinResult& result, int fixed_count, double min_probability) const {
    if (!options_.progress) return;
    LeximinProgress p;
    p.stage = result.stages;
    p.iteration = result.iterations;
    p.columns = static_cast<int>(pricer_.panels().size());
    p.fixed_types = fixed_count;
    p.min_probability = min_probability;
    options_.progress(p);
  }

  // `member[t]`: the certificate's weight on each member of type t.
  void SetCertificate(LeximinResult& result, const std::vector<double>& member, double bound) {
    result.certificate_weights.assign(model_.candidate_count, 0.0);
    for (size_t j = 0; j < model_.types.size(); ++j) {
      for (int m : model_.types[j].members) result.certificate_weights[m] = member[j];
    }
    result.certificate_bound = bound;
  }

  int FixTypes() {
    // Held a hair below the stage's value: exactly at it, the next stage's master can be
    // infeasible by rounding, and CLP then answers with duals of 1e10 on the fixed rows that
    // drown the unfixed types' weights in the pricing (seen on a generated n = 300, k = 10
    // pool after the shortcut: a stage ended after one round, 1e-3 short).
    const double z = std::max(0.0, master_.objective() - kFixSlack);
    const std::vector<bool> before = fixed_;
    const int now = FixStage(master_.weights(), z, fixed_, value_);
    // Never above what the master's own weights give them, recomputed exactly: CLP's z may
    // exceed that by its tolerance, and on degenerate masters (exact quotas) a later stage
    // then came out "primal infeasible" although it has a solution.
    const std::vector<double> achieved = master_.achieved();
    for (size_t j = 0; j < fixed_.size(); ++j) {
      if (fixed_[j] && !before[j]) {
        value_[j] = std::max(0.0, std::min(value_[j], achieved[j] - kFixSlack));
      }
    }
    return now;
  }

  // `weights`: per pricer_.panels(), summing to 1.
  LeximinResult Finish(LeximinResult result, const std::vector<double>& weights) const {
    const std::vector<std::vector<int>>& pool = pricer_.panels();
    std::vector<WeightedPanel> panels;
    std::vector<double> type_probability(model_.types.size(), 0.0);
    for (size_t p = 0; p < pool.size(); ++p) {
      if (weights[p] <= 0) continue;
      panels.push_back({pool[p], weights[p]});
      for (size_t j = 0; j < model_.types.size(); ++j) {
        type_probability[j] += weights[p] * pool[p][j] / model_.types[j].size();
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
  ColumnPricer pricer_;
  LeximinMaster master_;
  std::vector<bool> fixed_;
  std::vector<double> value_;
  double min_probability_ = 0;
  bool certificate_set_ = false;
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
