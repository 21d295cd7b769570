// The relaxation shortcut's two parts on their own: LEXIMIN over the LP relaxation, and the
// decomposition of a target into a lottery over feasible panels (or the proof there is none),
// on a pool built so that the relaxation is too generous (three candidates pairwise capped at
// one seat: fractional panels reach 1/2 each, feasible ones at most 1/3) and on generated pools.

#include "services/composition/solver/panel_decomposition.h"

#include <algorithm>
#include <random>

#include "gtest/gtest.h"
#include "services/composition/solver/column_pricer.h"
#include "services/composition/solver/leximin_master.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/relaxed_leximin.h"

namespace polylateral::composition {
namespace {

// a, b, c: each pair shares a value capped at one seat; d is free. One or two seats.
// Feasible panels: one of a, b, c, with or without d. So the LEXIMIN is 1/3, 1/3, 1/3, 1.
Pool TrianglePool() {
  auto holder = [](const std::string& id, bool ab, bool bc, bool ca) {
    return Candidate{
        id, {{"ab", {ab ? "x" : "y"}}, {"bc", {bc ? "x" : "y"}}, {"ca", {ca ? "x" : "y"}}}, "", ""};
  };
  return Pool{{holder("a", true, false, true), holder("b", true, true, false),
               holder("c", false, true, true), holder("d", false, false, false)}};
}

BodySpec TriangleSpec() {
  BodySpec spec;
  spec.min_seats = 1;
  spec.max_seats = 2;
  for (const char* name : {"ab", "bc", "ca"}) {
    spec.features.push_back({name, {{"x", 0, 1}, {"y", 0, 4}}, false});
  }
  return spec;
}

std::vector<double> ByCandidate(const TypeModel& model, const std::vector<double>& per_type) {
  std::vector<double> out(model.candidate_count);
  for (int i = 0; i < model.candidate_count; ++i) out[i] = per_type[model.type_of[i]];
  return out;
}

TEST(RelaxedLeximinTest, TriangleRelaxationReachesOneHalf) {
  absl::StatusOr<TypeModel> model = BuildTypeModel(TrianglePool(), TriangleSpec());
  ASSERT_TRUE(model.ok()) << model.status();
  absl::StatusOr<RelaxedLeximin> relaxed = SolveRelaxedLeximin(*model, {});
  ASSERT_TRUE(relaxed.ok()) << relaxed.status();
  const std::vector<double> p = ByCandidate(*model, relaxed->probability);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(p[i], 0.5, 1e-7) << i;
  EXPECT_NEAR(relaxed->first_value, 0.5, 1e-7);
}

TEST(PanelDecompositionTest, ProvesTheTriangleRelaxationIsNoLottery) {
  absl::StatusOr<TypeModel> model = BuildTypeModel(TrianglePool(), TriangleSpec());
  ASSERT_TRUE(model.ok()) << model.status();
  ColumnPricer pricer(*model);
  MipOutcome first = pricer.SolveExact(std::vector<double>(model->types.size(), 1.0), {});
  ASSERT_TRUE(first.has_solution);
  pricer.Add(CountsFromSolution(*model, first.solution));
  std::vector<double> half(model->types.size(), 0.5);
  absl::StatusOr<Decomposition> d = DecomposeTarget(*model, half, pricer, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_FALSE(d->exact);
  // The best lottery gives a, b and c 1/3 each: 1/6 short of 1/2.
  EXPECT_NEAR(d->shortfall, 1.0 / 6, 1e-7);
}

TEST(PanelDecompositionTest, FallsBackToTheStagesWhenTheRelaxationIsNoLottery) {
  absl::StatusOr<LeximinResult> r = SolveLeximin(TrianglePool(), TriangleSpec());
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->feasible);
  EXPECT_FALSE(r->by_relaxation);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(r->probabilities[i], 1.0 / 3, 1e-7) << i;
  EXPECT_NEAR(r->probabilities[3], 1.0, 1e-7);
}

// A target known to be a lottery: the marginals of random weights on random feasible panels.
TEST(PanelDecompositionTest, MeetsTheMarginalsOfALotteryOnAGeneratedPool) {
  const GeneratedProblem g = GenerateProblem(11, 120, 12);
  absl::StatusOr<TypeModel> model = BuildTypeModel(g.pool, g.spec);
  ASSERT_TRUE(model.ok()) << model.status();
  const size_t t = model->types.size();
  ColumnPricer source(*model);
  std::mt19937_64 rng(5);
  std::vector<double> target(t, 0.0);
  double total = 0;
  std::vector<std::pair<std::vector<int>, double>> lottery;
  for (int k = 0; k < 6; ++k) {
    std::vector<double> objective(t);
    for (double& c : objective) c = UniformUnit(rng);
    const MipOutcome out = source.SolveExact(objective, {});
    ASSERT_TRUE(out.has_solution);
    const double w = 0.5 + UniformUnit(rng);
    lottery.emplace_back(CountsFromSolution(*model, out.solution), w);
    total += w;
  }
  for (const auto& [counts, w] : lottery) {
    for (size_t j = 0; j < t; ++j) target[j] += w / total * counts[j] / model->types[j].size();
  }
  ColumnPricer pricer(*model);
  pricer.Add(lottery.front().first);
  absl::StatusOr<Decomposition> d = DecomposeTarget(*model, target, pricer, {});
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_TRUE(d->exact) << "shortfall " << d->shortfall;
  ASSERT_EQ(d->weights.size(), pricer.panels().size());
  std::vector<double> reached(t, 0.0);
  double sum = 0;
  for (size_t p = 0; p < d->weights.size(); ++p) {
    if (d->weights[p] == 0) continue;
    EXPECT_TRUE(SatisfiesRows(*model, pricer.panels()[p]));
    sum += d->weights[p];
    for (size_t j = 0; j < t; ++j) {
      reached[j] += d->weights[p] * pricer.panels()[p][j] / model->types[j].size();
    }
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  for (size_t j = 0; j < t; ++j) EXPECT_GE(reached[j], target[j] - 1e-8) << "type " << j;
}

// The shortfall LP's first solve may start from a lottery (a values pass): whatever the start,
// it ends at the same optimum as from the slack basis, with a lottery meeting the target.
TEST(ShortfallMasterTest, StartingFromALotteryReachesTheSameOptimum) {
  const GeneratedProblem g = GenerateProblem(11, 120, 12);
  absl::StatusOr<TypeModel> model = BuildTypeModel(g.pool, g.spec);
  ASSERT_TRUE(model.ok()) << model.status();
  const size_t t = model->types.size();
  ColumnPricer source(*model);
  std::mt19937_64 rng(7);
  std::vector<std::vector<int>> panels;
  for (int k = 0; k < 12; ++k) {
    std::vector<double> objective(t);
    for (double& c : objective) c = UniformUnit(rng);
    const MipOutcome out = source.SolveExact(objective, {});
    ASSERT_TRUE(out.has_solution);
    panels.push_back(CountsFromSolution(*model, out.solution));
  }
  // The target: equal weights on the first six panels, so a lottery over all twelve meets it.
  std::vector<double> target(t, 0.0);
  for (int p = 0; p < 6; ++p) {
    for (size_t j = 0; j < t; ++j) target[j] += panels[p][j] / 6.0 / model->types[j].size();
  }
  std::vector<double> exact(panels.size(), 0.0);
  std::fill(exact.begin(), exact.begin() + 6, 1.0 / 6);
  std::vector<double> poor(panels.size(), 0.0);
  poor.back() = 1.0;  // one panel outside the target's support: far short of it
  for (const std::vector<double>* start : {&exact, &poor}) {
    ShortfallMaster master(TypeSizes(*model), target);
    for (const std::vector<int>& panel : panels) master.AddPanel(panel);
    master.StartFrom(*start);
    ASSERT_TRUE(master.Solve().ok());
    EXPECT_LE(master.shortfall(), 1e-9);
    absl::StatusOr<std::vector<double>> lottery = master.Lottery();
    ASSERT_TRUE(lottery.ok()) << lottery.status();
    std::vector<double> reached(t, 0.0);
    for (size_t p = 0; p < panels.size(); ++p) {
      for (size_t j = 0; j < t; ++j) {
        reached[j] += (*lottery)[p] * panels[p][j] / model->types[j].size();
      }
    }
    for (size_t j = 0; j < t; ++j) EXPECT_GE(reached[j], target[j] - 1e-8) << "type " << j;
  }
  // A target no lottery over these panels meets: the same shortfall from a start as cold.
  std::vector<double> beyond = target;
  for (double& v : beyond) v = std::min(1.0, v * 1.5);
  ShortfallMaster cold(TypeSizes(*model), beyond);
  ShortfallMaster warm(TypeSizes(*model), beyond);
  for (const std::vector<int>& panel : panels) {
    cold.AddPanel(panel);
    warm.AddPanel(panel);
  }
  warm.StartFrom(poor);
  ASSERT_TRUE(cold.Solve().ok());
  ASSERT_TRUE(warm.Solve().ok());
  EXPECT_GT(cold.shortfall(), 1e-3);
  EXPECT_NEAR(warm.shortfall(), cold.shortfall(), 1e-9);
}

// The shortcut and the stages alone agree on generated pools of the benchmark's shape.
TEST(PanelDecompositionTest, ShortcutAgreesWithTheStagesOnGeneratedPools) {
  for (uint64_t seed : {3u, 4u}) {
    const GeneratedProblem g = GenerateProblem(seed, 150, 15);
    absl::StatusOr<LeximinResult> shortcut = SolveLeximin(g.pool, g.spec);
    LeximinOptions stages_only;
    stages_only.relaxation_first = false;
    absl::StatusOr<LeximinResult> stages = SolveLeximin(g.pool, g.spec, stages_only);
    ASSERT_TRUE(shortcut.ok() && stages.ok());
    EXPECT_TRUE(shortcut->by_relaxation) << "seed " << seed;
    for (size_t i = 0; i < g.pool.candidates.size(); ++i) {
      EXPECT_NEAR(shortcut->probabilities[i], stages->probabilities[i], 1e-6)
          << "seed " << seed << " candidate " << i;
    }
  }
}

}  // namespace
}  // namespace polylateral::composition
