// LEXIMIN against an independent method on generated asymmetric pools small enough to list
// every feasible panel: the complete panel set is enumerated by brute force and checked by
// plain counting (test_data.h), and the leximin distribution over it is computed by the
// textbook method (maximise the minimum, then probe each candidate with its own LP to see
// whether it can rise, fix those that cannot): no types, no duals, no column generation. The
// two probability vectors must agree.

#include <algorithm>
#include <iostream>
#include <random>
#include <tuple>

#include "ClpSimplex.hpp"
#include "gtest/gtest.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/test_data.h"

namespace polylateral::composition {
namespace {

using testing::PanelMeetsSpec;

struct Instance {
  Pool pool;
  BodySpec spec;
};

// Correlated features (region leans on group), a multi-valued perspective, tight quotas,
// organisation caps and, on odd seeds, a balance rule and a seat range.
Instance Generate(uint64_t seed, int n, int k) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int m) { return static_cast<int>(rng() % m); };
  const std::vector<std::string> groups = {"gov", "civil", "private", "academia"};
  const std::vector<std::string> regions = {"africa", "asia", "europe"};
  Instance in;
  for (int i = 0; i < n; ++i) {
    const int g = pick(10) < 6 ? pick(2) : pick(4);  // skewed towards gov/civil
    const int r = pick(10) < 7 ? g % 3 : pick(3);    // correlated with the group
    std::vector<std::string> persp;
    if (pick(2)) persp.push_back("affected");
    if (g >= 2 || pick(3) == 0) persp.push_back("capable");
    in.pool.candidates.push_back(
        {"p" + std::to_string(i),
         {{"group", {groups[g]}}, {"region", {regions[r]}}, {"perspective", persp}},
         "org" + std::to_string(pick(n / 2)),
         ""});
  }
  in.spec.min_seats = seed % 2 ? k - 1 : k;
  in.spec.max_seats = k;
  in.spec.features = {
      {"group", {{"gov", 1, 2}, {"civil", 1, 2}, {"private", 0, 2}, {"academia", 0, 1}}, false},
      {"region", {{"africa", 1, k}, {"asia", 1, k}, {"europe", 0, 2}}, false},
      {"perspective", {{"affected", 2, k}, {"capable", 1, 3}}, true}};
  in.spec.max_per_organisation = 1 + static_cast<int>(seed % 2);
  if (seed % 2) in.spec.balance = BalanceRule{{"group", "region"}, {2, 3}};
  return in;
}

std::vector<std::vector<int>> AllFeasiblePanels(const Instance& in) {
  const int n = static_cast<int>(in.pool.candidates.size());
  std::vector<std::vector<int>> panels;
  for (int mask = 0; mask < (1 << n); ++mask) {
    const int size = __builtin_popcount(mask);
    if (size < in.spec.min_seats || size > in.spec.max_seats) continue;
    std::vector<int> members;
    for (int i = 0; i < n; ++i) {
      if (mask >> i & 1) members.push_back(i);
    }
    if (PanelMeetsSpec(in.pool, in.spec, members)) panels.push_back(std::move(members));
  }
  return panels;
}

// Textbook leximin over an explicit panel list. Columns: w_P, then z. Rows: sum w = 1, then
// one per candidate: pi_i - z >= 0 (free) or pi_i >= f_i (fixed).
std::vector<double> NaiveLeximin(int n, const std::vector<std::vector<int>>& panels) {
  const int m = static_cast<int>(panels.size());
  std::vector<bool> fixed(n, false);
  std::vector<double> value(n, 0.0);
  auto solve = [&](int probe, double floor) {
    ClpSimplex lp;
    lp.setLogLevel(0);
    lp.resize(n + 1, 0);
    lp.setRowBounds(0, 1, 1);
    for (int i = 0; i < n; ++i) {
      lp.setRowBounds(i + 1, fixed[i] ? value[i] - 1e-10 : (probe >= 0 ? floor : 0), COIN_DBL_MAX);
    }
    for (const auto& panel : panels) {
      std::vector<int> rows = {0};
      std::vector<double> vals = {1};
      for (int i : panel) {
        rows.push_back(i + 1);
        vals.push_back(1);
      }
      const bool in_probe = probe >= 0 && std::count(panel.begin(), panel.end(), probe) > 0;
      lp.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0, COIN_DBL_MAX,
                   in_probe ? 1.0 : 0.0);
    }
    std::vector<int> rows;
    std::vector<double> vals;
    for (int i = 0; i < n; ++i) {
      if (!fixed[i]) {
        rows.push_back(i + 1);
        vals.push_back(-1);
      }
    }
    // z only in the max-min stage; probes use fixed floors instead.
    lp.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), 0,
                 probe >= 0 ? 0 : COIN_DBL_MAX, probe >= 0 ? 0.0 : 1.0);
    lp.setOptimizationDirection(-1);
    lp.primal();
    EXPECT_EQ(lp.status(), 0);
    return std::make_pair(lp.objectiveValue(), std::vector<double>(lp.primalColumnSolution(),
                                                                   lp.primalColumnSolution() + m));
  };
  for (;;) {
    if (std::all_of(fixed.begin(), fixed.end(), [](bool b) { return b; })) break;
    const double z = solve(-1, 0).first;
    int newly = 0;
    for (int i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      if (solve(i, z - 1e-10).first <= z + 1e-7) {
        fixed[i] = true;
        value[i] = z;
        ++newly;
      }
    }
    EXPECT_GT(newly, 0);
    if (newly == 0) break;
  }
  // The final distribution meets the fixed values; read the marginals off it.
  const std::vector<double> w = solve(n, 0).second;  // probe past the end: any feasible w
  std::vector<double> pi(n, 0.0);
  for (int p = 0; p < m; ++p) {
    for (int i : panels[p]) pi[i] += w[p];
  }
  return pi;
}

// The solver's probabilities against NaiveLeximin over every feasible panel of `in`, either
// way to the vector: the relaxation shortcut when it holds (with the stages behind it when it
// does not), or the stages over feasible panels alone.
void ExpectMatchesBruteForce(const Instance& in, uint64_t seed, bool relaxation_first) {
  const std::vector<std::vector<int>> panels = AllFeasiblePanels(in);
  LeximinOptions options;
  options.relaxation_first = relaxation_first;
  auto r = SolveLeximin(in.pool, in.spec, options);
  ASSERT_TRUE(r.ok()) << r.status();
  if (!relaxation_first) {
    EXPECT_FALSE(r->by_relaxation);
  }
  if (panels.empty()) {
    EXPECT_FALSE(r->feasible);
    EXPECT_FALSE(r->infeasibility.summary.empty());
    return;
  }
  ASSERT_TRUE(r->feasible);
  const std::vector<double> expected =
      NaiveLeximin(static_cast<int>(in.pool.candidates.size()), panels);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(r->probabilities[i], expected[i], 2e-6) << "candidate " << i << " seed " << seed;
  }
  std::vector<double> a = r->probabilities, b = expected;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  // Asymmetry is the point: record how many distinct probabilities the instance has.
  const int levels = static_cast<int>(
      std::unique(b.begin(), b.end(), [](double x, double y) { return y - x < 1e-6; }) - b.begin());
  ::testing::Test::RecordProperty("feasible_panels", static_cast<int>(panels.size()));
  ::testing::Test::RecordProperty("probability_levels", levels);
  std::cout << "seed " << seed << ": " << panels.size() << " feasible panels, " << levels
            << " probability levels, min " << b[0]
            << (r->by_relaxation ? ", by the relaxation" : ", by the stages") << "\n";
  b = expected;
  std::sort(b.begin(), b.end());
  EXPECT_NEAR(a[0], b[0], 1e-7) << "minimum probability";
  EXPECT_TRUE(r->certified) << r->uncertified_reason;
}

class BruteForceTest : public ::testing::TestWithParam<std::tuple<uint64_t, bool>> {};

TEST_P(BruteForceTest, MatchesLeximinOverAllPanels) {
  const auto [seed, relaxation_first] = GetParam();
  ExpectMatchesBruteForce(Generate(seed, 12 + static_cast<int>(seed % 3), 5), seed,
                          relaxation_first);
}

INSTANTIATE_TEST_SUITE_P(Generated, BruteForceTest,
                         ::testing::Combine(::testing::Range<uint64_t>(1, 13), ::testing::Bool()));

// Eight features with quotas around a witness panel (pool_generator.h): exact (band 0) or a
// seat either way (band 0.05 of 5 seats, rounded up). Exact quotas over many features leave few
// feasible panels and many candidates in none, the degenerate masters that once ended a
// LEXIMIN "primal infeasible"; every such pool is feasible by construction.
class WitnessBruteForceTest : public ::testing::TestWithParam<std::tuple<uint64_t, double, bool>> {
};

TEST_P(WitnessBruteForceTest, MatchesLeximinOverAllPanels) {
  const auto [seed, band, relaxation_first] = GetParam();
  const int n = 13 + static_cast<int>(seed % 3);
  const int k = band == 0 ? 4 : 5;
  GeneratedProblem g = GenerateWitnessProblem(seed, n, k, band);
  Instance in{std::move(g.pool), std::move(g.spec)};
  ASSERT_FALSE(AllFeasiblePanels(in).empty()) << "the witness panel meets the quotas";
  ExpectMatchesBruteForce(in, seed, relaxation_first);
}

INSTANTIATE_TEST_SUITE_P(Generated, WitnessBruteForceTest,
                         ::testing::Combine(::testing::Range<uint64_t>(1, 6),
                                            ::testing::Values(0.0, 0.05), ::testing::Bool()));

// Organisation caps that bind on every seat (pool_generator.h): a witness from distinct
// organisations, half the others crowding them, quotas 15 % around the witness. Cap 1 and cap 2.
class OrganisationCapBruteForceTest
    : public ::testing::TestWithParam<std::tuple<uint64_t, int, bool>> {};

TEST_P(OrganisationCapBruteForceTest, MatchesLeximinOverAllPanels) {
  const auto [seed, cap, relaxation_first] = GetParam();
  const int n = 12 + static_cast<int>(seed % 3);
  GeneratedProblem g = GenerateOrganisationCapProblem(seed, n, 4, cap);
  Instance in{std::move(g.pool), std::move(g.spec)};
  ASSERT_EQ(in.spec.max_per_organisation, cap);
  ASSERT_FALSE(AllFeasiblePanels(in).empty()) << "the witness panel meets the quotas";
  ExpectMatchesBruteForce(in, seed, relaxation_first);
}

INSTANTIATE_TEST_SUITE_P(Generated, OrganisationCapBruteForceTest,
                         ::testing::Combine(::testing::Range<uint64_t>(1, 9),
                                            ::testing::Values(1, 2), ::testing::Bool()));

}  // namespace
}  // namespace polylateral::composition
