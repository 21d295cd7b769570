#include "services/composition/solver/uniform_lottery.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/solver/pool_generator.h"
#include "services/composition/solver/test_data.h"

namespace polylateral::composition {
namespace {

// Recounts every candidate's share of the panels and the largest deviation, without the
// module's own helpers.
double RecountedDeviation(const UniformLottery& u, const LeximinResult& lottery) {
  std::vector<int> hits(lottery.probabilities.size(), 0);
  for (const auto& panel : u.panels) {
    for (int member : panel) ++hits[member];
  }
  double worst = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    const double p = static_cast<double>(hits[i]) / static_cast<double>(u.panels.size());
    EXPECT_DOUBLE_EQ(p, u.probabilities[i]) << "candidate " << i;
    worst = std::max(worst, std::abs(p - lottery.probabilities[i]));
  }
  return worst;
}

// The best largest deviation over every way of taking m copies of the LEXIMIN panels, each
// type's seats dealt round robin (the space the rounding searches), by enumeration.
double BruteForceBest(const LeximinResult& lottery, int m) {
  const size_t panels = lottery.panels.size();
  std::vector<int> copies(panels, 0);
  double best = std::numeric_limits<double>::infinity();
  std::function<void(size_t, int)> visit = [&](size_t p, int left) {
    if (p + 1 == panels) {
      copies[p] = left;
      std::vector<int> hits(lottery.probabilities.size(), 0);
      for (size_t t = 0; t < lottery.types.size(); ++t) {
        int seats = 0;
        for (size_t q = 0; q < panels; ++q) seats += copies[q] * lottery.panels[q].counts[t];
        const auto& members = lottery.types[t];
        for (int s = 0; s < seats; ++s) ++hits[members[s % members.size()]];
      }
      double worst = 0;
      for (size_t i = 0; i < hits.size(); ++i) {
        worst =
            std::max(worst, std::abs(static_cast<double>(hits[i]) / m - lottery.probabilities[i]));
      }
      best = std::min(best, worst);
      return;
    }
    for (int c = 0; c <= left; ++c) {
      copies[p] = c;
      visit(p + 1, left - c);
    }
  };
  visit(0, m);
  return best;
}

int LargestPanel(const LeximinResult& lottery) {
  int k = 0;
  for (const WeightedPanel& p : lottery.panels) {
    int seats = 0;
    for (int c : p.counts) seats += c;
    k = std::max(k, seats);
  }
  return k;
}

TEST(UniformLotteryTest, ExactWhenTheWeightsAreMultiplesOfOneOverM) {
  LeximinResult lottery;
  lottery.types = {{0}, {1}, {2}, {3}};
  lottery.panels = {{{1, 1, 0, 0}, 0.5}, {{0, 0, 1, 1}, 0.3}, {{1, 0, 1, 0}, 0.2}};
  lottery.probabilities = {0.7, 0.5, 0.5, 0.3};
  auto u = RoundToUniformLottery(lottery, 10);
  ASSERT_TRUE(u.ok()) << u.status();
  ASSERT_EQ(u->panels.size(), 10u);
  for (int j = 0; j < 5; ++j) EXPECT_EQ(u->panels[j], (std::vector<int>{0, 1}));
  for (int j = 5; j < 8; ++j) EXPECT_EQ(u->panels[j], (std::vector<int>{2, 3}));
  for (int j = 8; j < 10; ++j) EXPECT_EQ(u->panels[j], (std::vector<int>{0, 2}));
  EXPECT_NEAR(u->max_deviation, 0, 1e-12);
  EXPECT_NEAR(RecountedDeviation(*u, lottery), 0, 1e-12);
}

TEST(UniformLotteryTest, DealsATypeRoundRobin) {
  // One type of three interchangeable members with two seats: every member in 2/3 of panels.
  LeximinResult lottery;
  lottery.types = {{0, 1, 2}};
  lottery.panels = {{{2}, 1.0}};
  lottery.probabilities = {2.0 / 3, 2.0 / 3, 2.0 / 3};
  auto u = RoundToUniformLottery(lottery, 3);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->panels, (std::vector<std::vector<int>>{{0, 1}, {0, 2}, {1, 2}}));
  EXPECT_NEAR(u->max_deviation, 0, 1e-12);
}

TEST(UniformLotteryTest, RejectsAPanelCountOutOfRange) {
  LeximinResult lottery;
  lottery.types = {{0}};
  lottery.panels = {{{1}, 1.0}};
  lottery.probabilities = {1.0};
  for (int m : {0, -3, kMaxUniformPanels + 1}) {
    auto u = RoundToUniformLottery(lottery, m);
    ASSERT_FALSE(u.ok()) << m;
    EXPECT_EQ(u.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorReason(u.status()), "UNIFORM_PANELS_OUT_OF_RANGE");
    ASSERT_EQ(ErrorViolations(u.status()).size(), 1u);
    EXPECT_EQ(ErrorViolations(u.status())[0].field, "uniform_panels");
  }
  EXPECT_TRUE(RoundToUniformLottery(lottery, kMaxUniformPanels).ok());
  EXPECT_EQ(RoundToUniformLottery(LeximinResult{}, 5).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// A random lottery: `types` types of 1..3 members, `panels` panels of `seats` seats, random
// weights; the probabilities follow from them.
LeximinResult RandomLottery(std::mt19937_64& rng, int types, int panels, int seats) {
  LeximinResult lottery;
  int next = 0;
  for (int t = 0; t < types; ++t) {
    const int size = 1 + static_cast<int>(rng() % 3);
    std::vector<int> members(size);
    for (int& member : members) member = next++;
    lottery.types.push_back(members);
  }
  double total = 0;
  for (int p = 0; p < panels; ++p) {
    WeightedPanel panel;
    panel.counts.assign(types, 0);
    for (int s = 0; s < seats;) {
      const int t = static_cast<int>(rng() % types);
      if (panel.counts[t] < static_cast<int>(lottery.types[t].size())) {
        ++panel.counts[t];
        ++s;
      }
    }
    panel.weight = 0.05 + static_cast<double>(rng() % 1000) / 1000;
    total += panel.weight;
    lottery.panels.push_back(panel);
  }
  lottery.probabilities.assign(next, 0.0);
  for (WeightedPanel& panel : lottery.panels) {
    panel.weight /= total;
    for (int t = 0; t < types; ++t) {
      for (int member : lottery.types[t]) {
        lottery.probabilities[member] +=
            panel.weight * panel.counts[t] / static_cast<double>(lottery.types[t].size());
      }
    }
  }
  return lottery;
}

// Random lotteries small enough to enumerate every choice of copies: the rounding never
// beats the enumeration (it searches the same space), stays below the theory's 2k/m, and
// lands within one panel's share of the optimum.
TEST(UniformLotteryTest, AgainstBruteForceOnSmallLotteries) {
  std::mt19937_64 rng(20211206);
  int cases = 0, optimal = 0;
  for (int round = 0; round < 30; ++round) {
    const int seats = 2 + round % 3;
    const LeximinResult lottery = RandomLottery(rng, 4 + round % 4, 3 + round % 4, seats);
    for (int m : {1, 2, 3, 5, 8, 13}) {
      auto u = RoundToUniformLottery(lottery, m);
      ASSERT_TRUE(u.ok()) << u.status();
      ASSERT_EQ(u->panels.size(), static_cast<size_t>(m));
      for (const auto& panel : u->panels) {
        ASSERT_EQ(panel.size(), static_cast<size_t>(seats));
        ASSERT_TRUE(std::adjacent_find(panel.begin(), panel.end()) == panel.end());
      }
      EXPECT_NEAR(RecountedDeviation(*u, lottery), u->max_deviation, 1e-12);
      const double best = BruteForceBest(lottery, m);
      EXPECT_GE(u->max_deviation, best - 1e-12) << "round " << round << " m " << m;
      EXPECT_LE(u->max_deviation, best + 1.0 / m + 1e-12) << "round " << round << " m " << m;
      EXPECT_DOUBLE_EQ(u->deviation_bound, 2.0 * seats / m);
      EXPECT_LT(u->max_deviation, u->deviation_bound) << "round " << round << " m " << m;
      ++cases;
      optimal += u->max_deviation <= best + 1e-12;
    }
  }
  // The local improvement reaches the enumeration's optimum in most cases.
  EXPECT_GE(optimal * 10, cases * 8) << optimal << " of " << cases;
}

// The rounding alone (no local improvement) keeps the theory's bound too: the guarantee
// does not rest on the search.
TEST(UniformLotteryTest, RoundingAloneStaysWithinTheBound) {
  UniformLotteryOptions no_search;
  no_search.max_improvement_moves = 0;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const GeneratedProblem g = GenerateProblem(seed, 40, 8, 0.2);
    auto lottery = SolveLeximin(g.pool, g.spec);
    if (!lottery.ok() || !lottery->feasible) continue;
    for (int m : {7, 100, 1000}) {
      auto u = RoundToUniformLottery(*lottery, m, no_search);
      ASSERT_TRUE(u.ok()) << u.status();
      EXPECT_EQ(u->improvement_moves, 0);
      for (const auto& panel : u->panels) {
        ASSERT_TRUE(testing::PanelMeetsSpec(g.pool, g.spec, panel)) << "seed " << seed;
      }
      EXPECT_LT(RecountedDeviation(*u, *lottery), 2.0 * LargestPanel(*lottery) / m)
          << "seed " << seed << " m " << m;
    }
  }
}

// The published Sortition Foundation fixture: m = 100 and 1,000 panels, all feasible, the
// deviation within the bound and shrinking with m.
TEST(UniformLotteryTest, PublishedExampleWithinTheBound) {
  const CsvProblem p = testing::LoadFoundation();
  auto lottery = SolveLeximin(p.pool, p.spec);
  ASSERT_TRUE(lottery.ok()) << lottery.status();
  double previous = std::numeric_limits<double>::infinity();
  for (int m : {100, 1000}) {
    auto u = RoundToUniformLottery(*lottery, m);
    ASSERT_TRUE(u.ok()) << u.status();
    ASSERT_EQ(u->panels.size(), static_cast<size_t>(m));
    for (const auto& panel : u->panels) {
      ASSERT_TRUE(testing::PanelMeetsSpec(p.pool, p.spec, panel));
    }
    EXPECT_NEAR(RecountedDeviation(*u, *lottery), u->max_deviation, 1e-12);
    EXPECT_LT(u->max_deviation, u->deviation_bound);
    EXPECT_LT(u->max_deviation, previous);
    previous = u->max_deviation;
    // The same distribution and m give the same panels (the work budget, not the clock,
    // ends the improvement), so published panels can be recomputed.
    auto again = RoundToUniformLottery(*lottery, m);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->panels, u->panels);
  }
}

TEST(UniformDrawTest, TheSeedNamesAPublishedPanelNumber) {
  const std::vector<std::vector<int>> panels = {{0, 1}, {2, 3}, {0, 3}, {1, 2}};
  const std::string seed = "assembly 2025: 07 19 23 31 42 + 5";
  auto a = DrawUniformPanel(panels, seed);
  auto b = DrawUniformPanel(panels, seed);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->panel, b->panel);
  EXPECT_EQ(a->panel + 1, UniformPanelNumber(seed, 4));
  EXPECT_EQ(a->members, panels[a->panel]);
  EXPECT_EQ(a->commitment, SeedCommitment(seed));
  EXPECT_EQ(ErrorReason(DrawUniformPanel(panels, "short").status()), "WEAK_SEED");

  // Every number comes up about equally often (10,000 fixed seeds: within 5 standard errors).
  constexpr int kDraws = 10000;
  constexpr int kPanels = 10;
  std::vector<int> hits(kPanels + 1, 0);
  for (int i = 0; i < kDraws; ++i) {
    const int number = UniformPanelNumber(absl::StrCat("uniform check seed ", i), kPanels);
    ASSERT_GE(number, 1);
    ASSERT_LE(number, kPanels);
    ++hits[number];
  }
  const double se = std::sqrt(0.1 * 0.9 / kDraws);
  for (int j = 1; j <= kPanels; ++j) {
    EXPECT_NEAR(static_cast<double>(hits[j]) / kDraws, 0.1, 5 * se) << "number " << j;
  }
}

}  // namespace
}  // namespace polylateral::composition
