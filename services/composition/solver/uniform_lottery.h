#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNIFORM_LOTTERY_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNIFORM_LOTTERY_H_

// A LEXIMIN lottery rounded to a uniform lottery over m numbered panels (Flanigan, Kehne and
// Procaccia, "Fair sortition made transparent", NeurIPS 2021), so that the draw can be done
// in public with numbered balls or dice: the m panels are published, a number in 1..m is
// drawn, and anyone checks which panel it names.
//
// Method (plain C++, deterministic for a given distribution, m and move budget):
//  1. Iterated rounding of x_P = m * w_P over the LEXIMIN panels (columns), as in Beck and
//     Fiala's theorem: the total stays exactly m, and each type's seat total across the m
//     panels is held while more than k (the largest panel) units of it still rest on
//     fractional columns; a type row is let go only when that mass is at most k, or at most
//     2k when no direction keeps every held row. Each column moves by less than 1, so a type's
//     seat total ends within 2k of m times its expected seats.
//  2. The seats of a type are dealt to its members round robin over the m panels, so the
//     members' counts differ by at most one.
//  3. Local improvement: starting from the better of step 1 and the nearest integers to m * w_P
//     (largest remainders), moving one copy from one LEXIMIN panel to another while the
//     largest deviation (then the sum of squared deviations) falls, within a work budget.
// Every candidate's count thus lies within 2k of m * p_i: the largest deviation of a
// selection probability is below 2k / m (`deviation_bound`).

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/composition/solver/solve_result.h"

namespace polylateral::composition {

// The documented cap on m: a lottery over more panels than this is no longer one people can
// follow with balls or dice, and the result (m panel lists) grows with it.
inline constexpr int kMaxUniformPanels = 100000;

struct UniformLotteryOptions {
  int max_improvement_moves = 10000;
  // The improvement's work budget, in type deviations evaluated (about a second in Release on
  // 462 panels of 477 types): it stops at the same move on every machine, so the same
  // distribution and m give the same panels.
  int64_t max_evaluations = 100'000'000;
  // Only a guard for a caller's deadline; reaching it makes the result depend on speed.
  absl::Duration improvement_time = absl::InfiniteDuration();
};

struct UniformLottery {
  // The m panels in published order: panel number j (1..m) is panels[j - 1]. Candidate
  // indices, ascending within a panel.
  std::vector<std::vector<int>> panels;
  // Per candidate: the share of the m panels that hold it.
  std::vector<double> probabilities;
  double max_deviation = 0;    // max over candidates of |uniform - LEXIMIN| probability
  double deviation_bound = 0;  // 2k / m, the rounding's guarantee
  int improvement_moves = 0;   // accepted local-improvement moves
};

// INVALID_ARGUMENT UNIFORM_PANELS_OUT_OF_RANGE naming `field` unless 1 <= m <= kMaxUniformPanels.
absl::Status ValidateUniformPanels(int m, absl::string_view field = "uniform_panels");

// FAILED_PRECONDITION NO_LOTTERY when the lottery has no panels.
absl::StatusOr<UniformLottery> RoundToUniformLottery(const LeximinResult& lottery, int m,
                                                     const UniformLotteryOptions& options = {});

// The uniform lottery that takes copies[p] copies of LEXIMIN panel p (summing to m), each
// type's seats dealt round robin (step 2 above), with its probabilities and deviations.
UniformLottery DealPanels(const LeximinResult& lottery, const std::vector<int64_t>& copies);

// Per candidate, how many of the panels hold it, divided by the panel count.
std::vector<double> UniformProbabilities(const std::vector<std::vector<int>>& panels,
                                         int candidate_count);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_UNIFORM_LOTTERY_H_
