#include "services/composition/solver/mip_solver.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/type_model.h"

namespace polylateral::composition {
namespace {

// The pricing MIP on a pool with exact quotas over eight features (few feasible panels, the
// pools MipEffort::kLight and SolveAbove are for).
TypeModel ExactQuotaModel() {
  const GeneratedProblem g = GenerateWitnessProblem(/*seed=*/3, /*n=*/40, /*k=*/6, /*band=*/0);
  absl::StatusOr<TypeModel> model = BuildTypeModel(g.pool, g.spec);
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

std::vector<double> RandomObjective(size_t n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(-0.2, 1.0);
  std::vector<double> objective(n);
  for (double& c : objective) c = unit(rng);
  return objective;
}

// The light effort only changes how CBC searches, never the optimum it proves.
TEST(MipSolverTest, LightEffortProvesTheSameOptimum) {
  const TypeModel model = ExactQuotaModel();
  MipSolver thorough(PanelProgram(model), MipEffort::kThorough);
  MipSolver light(PanelProgram(model), MipEffort::kLight);
  std::mt19937_64 rng(11);
  for (int round = 0; round < 8; ++round) {
    const std::vector<double> objective = RandomObjective(model.types.size(), rng);
    thorough.SetObjective(objective, /*maximize=*/true);
    light.SetObjective(objective, /*maximize=*/true);
    const MipOutcome a = thorough.Solve({});
    const MipOutcome b = light.Solve({});
    ASSERT_EQ(a.status, MipOutcome::Status::kOptimal);
    ASSERT_EQ(b.status, MipOutcome::Status::kOptimal);
    EXPECT_NEAR(a.objective, b.objective, 1e-9) << "round " << round;
  }
}

// Under a floor just below the optimum CBC finds it; just above, it proves that nothing beats
// the floor (and says so, rather than "infeasible"). A cutoff in the wrong sense fails both.
TEST(MipSolverTest, SolveAboveFindsWhatBeatsTheFloorOrProvesNothingDoes) {
  const TypeModel model = ExactQuotaModel();
  MipSolver reference(PanelProgram(model), MipEffort::kThorough);
  MipSolver pricing(PanelProgram(model), MipEffort::kLight);
  std::mt19937_64 rng(5);
  for (int round = 0; round < 6; ++round) {
    const std::vector<double> objective = RandomObjective(model.types.size(), rng);
    reference.SetObjective(objective, /*maximize=*/true);
    const MipOutcome best = reference.Solve({});
    ASSERT_EQ(best.status, MipOutcome::Status::kOptimal);

    pricing.SetObjective(objective, /*maximize=*/true);
    const MipOutcome below = pricing.SolveAbove({}, best.objective - 1e-4);
    ASSERT_TRUE(below.has_solution) << "round " << round;
    EXPECT_EQ(below.status, MipOutcome::Status::kOptimal);
    EXPECT_NEAR(below.objective, best.objective, 1e-9);
    std::vector<int> counts(below.solution.begin(), below.solution.end());
    EXPECT_TRUE(SatisfiesRows(model, counts));
    for (const std::vector<double>& other : below.others) {
      double value = 0;
      for (size_t j = 0; j < other.size(); ++j) value += objective[j] * other[j];
      EXPECT_GT(value, best.objective - 1e-4 - 1e-9) << "a saved solution under the floor";
    }

    const MipOutcome above = pricing.SolveAbove({}, best.objective + 1e-4);
    EXPECT_FALSE(above.has_solution) << "round " << round;
    EXPECT_EQ(above.status, MipOutcome::Status::kNothingAbove);
  }
}

}  // namespace
}  // namespace polylateral::composition
