#include "services/composition/solver/greedy_panel.h"

#include "gtest/gtest.h"
#include "services/composition/solver/panel_members.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/test_data.h"

namespace polylateral::composition {
namespace {

using testing::LoadReplication;
using testing::PanelMeetsSpec;

// Every panel the greedy returns meets the spec by an independent count, and on the
// generated pools (quotas around the shares, caps, balance, coverage) it rarely gives up.
void ExpectFeasibleMostly(int n, int k, int tries, int at_least) {
  int found = 0;
  for (int seed = 1; seed <= tries; ++seed) {
    const GeneratedProblem g = GenerateProblem(seed, n, k);
    auto model = BuildTypeModel(g.pool, g.spec);
    ASSERT_TRUE(model.ok()) << model.status();
    std::mt19937_64 rng(seed);
    const std::optional<std::vector<int>> counts = GreedyPanel(*model, rng);
    if (!counts) continue;
    ++found;
    std::string why;
    EXPECT_TRUE(PanelMeetsSpec(g.pool, g.spec, MembersFromCounts(*model, *counts, nullptr), &why))
        << "n=" << n << " seed=" << seed << ": " << why;
  }
  EXPECT_GE(found, at_least) << "n=" << n << " k=" << k;
}

TEST(GreedyPanelTest, FeasibleOnGeneratedPools) {
  ExpectFeasibleMostly(2000, 200, 10, 8);
  ExpectFeasibleMostly(500, 50, 10, 9);
  ExpectFeasibleMostly(200, 20, 10, 9);
}

TEST(GreedyPanelTest, FeasibleOnThePublishedLargePool) {
  const CsvProblem p = LoadReplication("example_large_200", 200);
  auto model = BuildTypeModel(p.pool, p.spec);
  ASSERT_TRUE(model.ok()) << model.status();
  std::mt19937_64 rng(1);
  const std::optional<std::vector<int>> counts = GreedyPanel(*model, rng);
  ASSERT_TRUE(counts.has_value());
  EXPECT_TRUE(PanelMeetsSpec(p.pool, p.spec, MembersFromCounts(*model, *counts, nullptr)));
}

// Three groups, three seats, no group at half the seats: one of each, however the pool leans.
// The balance row has negative coefficients; without its shift to fixed seats the greedy
// could not add anyone (or would take two of the same group).
TEST(GreedyPanelTest, BalanceRuleHoldsWithALopsidedPool) {
  Pool pool;
  const char* groups[] = {"gov", "gov", "gov", "gov", "gov", "civil", "private"};
  for (int i = 0; i < 7; ++i) {
    pool.candidates.push_back({"n" + std::to_string(i), {{"group", {groups[i]}}}, "", ""});
  }
  BodySpec spec;
  spec.min_seats = spec.max_seats = 3;
  spec.features = {{"group", {{"gov"}, {"civil"}, {"private"}}, false}};
  spec.balance = BalanceRule{{"group"}, {1, 2}};
  auto model = BuildTypeModel(pool, spec);
  ASSERT_TRUE(model.ok()) << model.status();
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    const std::optional<std::vector<int>> counts = GreedyPanel(*model, rng);
    ASSERT_TRUE(counts.has_value()) << seed;
    const std::vector<int> members = MembersFromCounts(*model, *counts, nullptr);
    EXPECT_TRUE(PanelMeetsSpec(pool, spec, members)) << seed;
  }
}

TEST(GreedyPanelTest, GivesUpRatherThanReturnAnInfeasiblePanel) {
  Pool pool;
  for (int i = 0; i < 6; ++i) {
    pool.candidates.push_back(
        {"n" + std::to_string(i), {{"group", {i < 4 ? "gov" : "civil"}}}, "", ""});
  }
  BodySpec spec;
  spec.min_seats = spec.max_seats = 4;
  // Three civil members wanted, two exist: no panel.
  spec.features = {{"group", {{"gov"}, {"civil", 3}}, false}};
  auto model = BuildTypeModel(pool, spec);
  ASSERT_TRUE(model.ok()) << model.status();
  std::mt19937_64 rng(1);
  EXPECT_FALSE(GreedyPanel(*model, rng).has_value());
  // A seat range is left to CBC.
  spec.features = {{"group", {{"gov"}, {"civil"}}, false}};
  spec.min_seats = 2;
  model = BuildTypeModel(pool, spec);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_FALSE(GreedyPanel(*model, rng).has_value());
}

}  // namespace
}  // namespace polylateral::composition
