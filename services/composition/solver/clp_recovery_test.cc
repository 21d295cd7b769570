// SolveLp's contract: a plain LP needs no recovery; a stopped one reports the limits' status
// before any work; an LP that has no solution goes down the whole ladder and says so, rather
// than passing off a recovery step's partial answer as optimal.

#include "services/composition/solver/clp_recovery.h"

#include "ClpSimplex.hpp"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace polylateral::composition {
namespace {

// max x + y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0  (optimum 2.8 at x = 1.6, y = 1.2),
// or, with `infeasible`, also x + y >= 10.
void Build(ClpSimplex& lp, bool infeasible) {
  lp.setLogLevel(0);
  lp.resize(infeasible ? 3 : 2, 0);
  lp.setRowBounds(0, -COIN_DBL_MAX, 4);
  lp.setRowBounds(1, -COIN_DBL_MAX, 6);
  if (infeasible) lp.setRowBounds(2, 10, COIN_DBL_MAX);
  const int rows[] = {0, 1, 2};
  const double x[] = {1, 3, 1};
  const double y[] = {2, 1, 1};
  lp.addColumn(infeasible ? 3 : 2, rows, x, 0, COIN_DBL_MAX, 1);
  lp.addColumn(infeasible ? 3 : 2, rows, y, 0, COIN_DBL_MAX, 1);
  lp.setOptimizationDirection(-1);
}

TEST(SolveLpTest, APlainLpIsSolvedWithoutRecovery) {
  ClpSimplex lp;
  Build(lp, /*infeasible=*/false);
  LpSolveReport report;
  ASSERT_TRUE(SolveLp(lp, SolveLimits{}, /*warm=*/false, &report).ok());
  EXPECT_NEAR(lp.objectiveValue(), 2.8, 1e-9);
  EXPECT_EQ(report.recovery, "");
  EXPECT_FALSE(report.loosened);
}

TEST(SolveLpTest, ExpiredLimitsStopBeforeAnyWork) {
  ClpSimplex lp;
  Build(lp, /*infeasible=*/false);
  SolveLimits limits;
  limits.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(SolveLp(lp, limits, /*warm=*/true).code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(lp.numberIterations(), 0);
  limits.deadline = absl::InfiniteFuture();
  limits.cancelled = [] { return true; };
  EXPECT_EQ(SolveLp(lp, limits, /*warm=*/true).code(), absl::StatusCode::kCancelled);
}

TEST(SolveLpTest, AnLpWithoutSolutionGoesDownTheWholeLadderAndFails) {
  ClpSimplex lp;
  Build(lp, /*infeasible=*/true);
  const absl::Status s = SolveLp(lp, SolveLimits{}, /*warm=*/true);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_NE(s.message().find("after every recovery"), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace polylateral::composition
