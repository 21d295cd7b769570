// A solve past its deadline or cancelled by its client, at the service's API: the server stops
// solving soon after (the solver polls inside CLP's and CBC's iterations), and /metrics tells
// the two apart: DEADLINE_EXCEEDED when the deadline passed, CANCELLED only when the client
// cancelled before it.

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/testing/wait_for.h"
#include "services/composition/solver/pool_generator.h"
#include "tests/composition/api_test_base.h"

namespace polylateral::composition::testing {
namespace {

using polylateral::testing::WaitFor;

// The value of the one series of `name` whose labels include every `labels` fragment
// (e.g. `grpc_code="DeadlineExceeded"`); -1 when there is none.
double Series(const std::string& metrics, const std::string& name,
              const std::vector<std::string>& labels) {
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    if (!absl::StartsWith(line, name + "{")) continue;
    bool all = true;
    for (const std::string& l : labels) all = all && absl::StrContains(line, l);
    if (!all) continue;
    const size_t space = line.rfind(' ');
    return std::strtod(std::string(line.substr(space + 1)).c_str(), nullptr);
  }
  return -1;
}

class SolveDeadlineTest : public CompositionApiTest {
 protected:
  SolveDeadlineTest() { with_metrics_ = true; }

  // Exact quotas over eight features (n = 300, k = 30): about a minute of CPU in Release.
  static v1::SolveRequest HardLeximin() {
    const GeneratedProblem g = GenerateWitnessProblem(/*seed=*/1, 300, 30, /*band=*/0);
    return ToRequest(g.pool, g.spec, v1::LEXIMIN);
  }

  double Solves(const std::string& outcome) const {
    return Series(harness_->Metrics(), "polylateral_composition_solves_total",
                  {"mode=\"leximin\"", "outcome=\"" + outcome + "\""});
  }
  double Handled(const std::string& method, const std::string& code) const {
    return Series(harness_->Metrics(), "grpc_server_handled_total",
                  {"grpc_method=\"" + method + "\"", "grpc_code=\"" + code + "\""});
  }
  // The server's own account of how long its LEXIMIN solves took, in all.
  double SolveSeconds() const {
    return Series(harness_->Metrics(), "polylateral_composition_solve_duration_seconds_sum",
                  {"mode=\"leximin\""});
  }
};

TEST_F(SolveDeadlineTest, AUnarySolvePastItsDeadlineStopsWithinTwoSecondsAndCountsAsDeadline) {
  const absl::Duration timeout = absl::Seconds(3);
  auto ctx = harness_->Ctx("", timeout);
  v1::SolveResponse resp;
  grpc::Status st = harness_->stub().Solve(ctx.get(), HardLeximin(), &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The client's status comes from its own timer; the server's metrics come when it stops.
  ASSERT_TRUE(WaitFor(absl::Seconds(20), [&] { return Solves("deadline_exceeded") == 1; }))
      << harness_->Metrics();
  EXPECT_LT(SolveSeconds(), absl::ToDoubleSeconds(timeout) + 2);
  EXPECT_EQ(Solves("cancelled"), 0);
  EXPECT_TRUE(WaitFor(absl::Seconds(5), [&] { return Handled("Solve", "DeadlineExceeded") == 1; }))
      << harness_->Metrics();
  EXPECT_EQ(Handled("Solve", "Canceled"), 0);
}

TEST_F(SolveDeadlineTest, AStreamedSolvePastItsDeadlineStopsWithinTwoSecondsAndCountsAsDeadline) {
  const absl::Duration timeout = absl::Seconds(3);
  auto ctx = harness_->Ctx("", timeout);
  auto reader = harness_->stub().StreamSolve(ctx.get(), HardLeximin());
  v1::StreamSolveResponse msg;
  while (reader->Read(&msg)) EXPECT_FALSE(msg.has_result());
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  ASSERT_TRUE(WaitFor(absl::Seconds(20), [&] { return Solves("deadline_exceeded") == 1; }))
      << harness_->Metrics();
  EXPECT_LT(SolveSeconds(), absl::ToDoubleSeconds(timeout) + 2);
  EXPECT_EQ(Solves("cancelled"), 0);
  EXPECT_TRUE(WaitFor(absl::Seconds(5), [&] {
    return Handled("StreamSolve", "DeadlineExceeded") == 1;
  })) << harness_->Metrics();
  EXPECT_EQ(Handled("StreamSolve", "Canceled"), 0);
}

TEST_F(SolveDeadlineTest, AStreamedSolveTheClientCancelsStopsWithinTwoSecondsAndCountsAsCancelled) {
  auto ctx = harness_->Ctx("stakeholder:apc", absl::Seconds(120));
  auto reader = harness_->stub().StreamSolve(ctx.get(), HardLeximin());
  // The call holds its stream slot from admission until it completes: the solve is under way.
  const Principal who = *ParsePrincipal("stakeholder:apc");
  ASSERT_TRUE(WaitFor(absl::Seconds(10),
                      [&] { return harness_->app().stream_slots().open_for(who) == 1; }));
  const absl::Time cancelled = absl::Now();
  ctx->TryCancel();
  v1::StreamSolveResponse msg;
  while (reader->Read(&msg)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The solve ended at most one poll interval and two scrapes before the scrape that saw it.
  absl::Time seen;
  absl::Duration scrape;
  ASSERT_TRUE(WaitFor(absl::Seconds(20), [&] {
    const absl::Time start = absl::Now();
    const bool done = Solves("cancelled") == 1;
    seen = absl::Now();
    scrape = std::max(scrape, seen - start);
    return done;
  })) << harness_->Metrics();
  EXPECT_LT(seen - cancelled, absl::Seconds(2) + absl::Milliseconds(50) + 2 * scrape)
      << "the server stopped solving within 2 s of the cancellation";
  EXPECT_EQ(Solves("deadline_exceeded"), 0);
  EXPECT_EQ(Handled("StreamSolve", "Canceled"), 1);
  EXPECT_EQ(Handled("StreamSolve", "DeadlineExceeded"), 0);
}

}  // namespace
}  // namespace polylateral::composition::testing
