// Deadlines and cancellation reach inside CLP's and CBC's iterations: a LEXIMIN that would run
// for minutes stops soon after either, and says which stopped it. The bound here (2 s) is
// generous for the sanitizer build; bench/composition measures the real figure in Release.

#include <atomic>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/pool_generator.h"

namespace polylateral::composition {
namespace {

// Exact quotas over eight features at n = 300, k = 30: about a minute of CPU in Release, most
// of it in CBC pricing and CLP masters, so a stop lands inside one of them.
GeneratedProblem HardPool() { return GenerateWitnessProblem(/*seed=*/1, 300, 30, /*band=*/0); }

TEST(SolveLimitsTest, TheDeadlineStopsALongLeximinWithinTwoSeconds) {
  const GeneratedProblem g = HardPool();
  LeximinOptions options;
  options.limits.deadline = absl::Now() + absl::Seconds(3);
  auto r = SolveLeximin(g.pool, g.spec, options);
  const absl::Duration late = absl::Now() - options.limits.deadline;
  ASSERT_FALSE(r.ok()) << "the pool was meant to take longer than its deadline";
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded) << r.status();
  EXPECT_LT(late, absl::Seconds(2));
}

TEST(SolveLimitsTest, CancellationStopsALongLeximinWithinTwoSeconds) {
  const GeneratedProblem g = HardPool();
  const absl::Time cancel_at = absl::Now() + absl::Seconds(3);
  std::atomic<int> polls{0};
  LeximinOptions options;
  options.limits.deadline = absl::Now() + absl::Hours(1);
  options.limits.cancelled = [&] {
    polls.fetch_add(1, std::memory_order_relaxed);
    return absl::Now() >= cancel_at;
  };
  auto r = SolveLeximin(g.pool, g.spec, options);
  const absl::Duration late = absl::Now() - cancel_at;
  ASSERT_FALSE(r.ok()) << "the pool was meant to take longer than the cancellation";
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled) << r.status();
  EXPECT_LT(late, absl::Seconds(2));
  EXPECT_GT(polls.load(), 1000) << "polled inside the LP and MIP iterations, not between them";
}

TEST(SolveLimitsTest, AStopAtTheDeadlineIsTheDeadlinesEvenWhenTheCallIsCancelled) {
  SolveLimits limits;
  limits.cancelled = [] { return true; };  // gRPC marks a call cancelled as its deadline passes
  limits.deadline = absl::Now() - absl::Milliseconds(1);
  EXPECT_EQ(limits.StopStatus().code(), absl::StatusCode::kDeadlineExceeded);
  limits.deadline = absl::Now() + absl::Seconds(30);  // the client cancelled well before it
  EXPECT_EQ(limits.StopStatus().code(), absl::StatusCode::kCancelled);
  limits.cancelled = nullptr;
  limits.deadline = absl::Now() - absl::Milliseconds(1);
  EXPECT_EQ(limits.StopStatus().code(), absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace polylateral::composition
