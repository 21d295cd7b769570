// Solve, StreamSolve and DrawPanel over gRPC on generated pools.
#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/composition/solver/leximin_solver.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/solver/sha256.h"
#include "tests/composition/api_test_base.h"
#include "tests/composition/test_pools.h"

namespace polylateral::composition::testing {

namespace {

using registry::testing::Details;

class SolveApiTest : public CompositionApiTest {
 protected:
  // Small enough for LEXIMIN in well under a second, asymmetric enough to be honest.
  Problem Small() const { return MakeProblem(/*seed=*/7, /*n=*/40, /*k=*/8); }

  grpc::Status Solve(const v1::SolveRequest& req, v1::SolveResponse* resp) {
    auto ctx = harness_->Ctx();
    return harness_->stub().Solve(ctx.get(), req, resp);
  }

  // Rules no body meets: more women than the pool holds.
  v1::SolveRequest Infeasible() const {
    Problem p = Small();
    v1::SolveRequest req = ToRequest(p.pool, p.spec, v1::QUICK);
    v1::Feature* f = req.mutable_spec()->add_features();
    f->set_name("tag");
    v1::ValueQuota* a = f->add_values();
    a->set_value("a");
    a->set_min(p.spec.max_seats);  // every seat must be "a"...
    v1::ValueQuota* b = f->add_values();
    b->set_value("b");
    b->set_min(1);  // ...and one must be "b"
    for (auto& c : *req.mutable_pool()->mutable_candidates()) {
      v1::CandidateValues* v = c.add_values();
      v->set_feature("tag");
      v->add_values(&c == &req.pool().candidates(0) ? "b" : "a");
    }
    return req;
  }
};

TEST_F(SolveApiTest, QuickGivesAPanelMeetingEveryRule) {
  Problem p = Small();
  v1::SolveResponse resp;
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::QUICK), &resp).ok());
  EXPECT_TRUE(resp.feasible());
  EXPECT_EQ(resp.mode(), v1::QUICK);
  EXPECT_TRUE(MeetsRules(p.pool, p.spec, resp.member_ids()));
}

TEST_F(SolveApiTest, MinimalGivesTheSmallestBodyWithItsProof) {
  Problem p = Small();
  p.spec.min_seats = 1;  // let MINIMAL search the range below k
  v1::SolveResponse resp;
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::MINIMAL), &resp).ok());
  EXPECT_TRUE(MeetsRules(p.pool, p.spec, resp.member_ids()));
  EXPECT_TRUE(resp.minimal_proof().proven_optimal());
  EXPECT_LE(resp.minimal_proof().lp_bound(), resp.member_ids_size() + 1e-6);
  EXPECT_GT(resp.minimal_proof().best_bound(), resp.member_ids_size() - 1);
}

TEST_F(SolveApiTest, LeximinProbabilitiesSumToTheSeatsAndPanelsMeetTheRules) {
  Problem p = Small();
  v1::SolveResponse resp;
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::LEXIMIN), &resp).ok());
  const v1::LeximinDistribution& d = resp.leximin();
  ASSERT_EQ(d.probabilities_size(), static_cast<int>(p.pool.candidates.size()));
  double sum = 0;
  double min = 1;
  for (const auto& cp : d.probabilities()) {
    EXPECT_GE(cp.probability(), -1e-9);
    EXPECT_LE(cp.probability(), 1 + 1e-9);
    sum += cp.probability();
    min = std::min(min, cp.probability());
  }
  EXPECT_NEAR(sum, p.spec.max_seats, 1e-6);
  EXPECT_NEAR(min, d.min_probability(), 1e-6);
  // The duality certificate bounds the minimum from above, and the solve attains it.
  EXPECT_NEAR(d.min_probability(), d.certificate_bound(), 1e-5);
  double weights = 0;
  for (const auto& panel : d.panels()) {
    weights += panel.weight();
    ASSERT_EQ(panel.type_counts_size(), d.types_size());
    // Each panel, expanded with each type's first members, meets the rules.
    google::protobuf::RepeatedPtrField<std::string> ids;
    for (int t = 0; t < d.types_size(); ++t) {
      for (int i = 0; i < panel.type_counts(t); ++i) *ids.Add() = d.types(t).candidate_ids(i);
    }
    EXPECT_TRUE(MeetsRules(p.pool, p.spec, ids));
  }
  EXPECT_NEAR(weights, 1, 1e-6);
  // The response says how the solve went, as the solver itself does.
  absl::StatusOr<LeximinResult> direct = SolveLeximin(p.pool, p.spec);
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_TRUE(direct->by_relaxation);
  EXPECT_EQ(d.by_relaxation(), direct->by_relaxation);
  EXPECT_EQ(d.stages(), direct->stages);
}

// uniform_panels: m numbered panels, each meeting the rules, with every candidate's share of
// them, within the reported deviation of the LEXIMIN probability and below the bound.
TEST_F(SolveApiTest, LeximinRoundedToNumberedPanels) {
  Problem p = Small();
  v1::SolveRequest req = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  req.set_uniform_panels(100);
  v1::SolveResponse resp;
  grpc::Status st = Solve(req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const v1::UniformLottery& u = resp.uniform_lottery();
  ASSERT_EQ(u.panels_size(), 100);
  const int n = static_cast<int>(p.pool.candidates.size());
  std::vector<int> hits(n, 0);
  for (int j = 0; j < u.panels_size(); ++j) {
    EXPECT_EQ(u.panels(j).number(), j + 1);
    google::protobuf::RepeatedPtrField<std::string> ids;
    for (int m : u.panels(j).members()) {
      ASSERT_GE(m, 0);
      ASSERT_LT(m, n);
      ++hits[m];
      *ids.Add() = p.pool.candidates[m].id;
    }
    EXPECT_TRUE(MeetsRules(p.pool, p.spec, ids)) << "panel " << j + 1;
  }
  ASSERT_EQ(u.probabilities_size(), n);
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(u.probabilities(i).candidate_id(), p.pool.candidates[i].id);
    EXPECT_DOUBLE_EQ(u.probabilities(i).probability(), hits[i] / 100.0);
    worst =
        std::max(worst, std::abs(hits[i] / 100.0 - resp.leximin().probabilities(i).probability()));
  }
  EXPECT_NEAR(u.max_deviation(), worst, 1e-12);
  EXPECT_DOUBLE_EQ(u.deviation_bound(), 2.0 * p.spec.max_seats / 100);
  EXPECT_LT(u.max_deviation(), u.deviation_bound());

  // Without the field: no uniform lottery.
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::LEXIMIN), &resp).ok());
  EXPECT_FALSE(resp.has_uniform_lottery());
}

TEST_F(SolveApiTest, UniformPanelsOutOfRangeOrWithoutLeximinAreRefused) {
  Problem p = Small();
  for (int m : {-1, 100001, 500000 / p.spec.max_seats + 1}) {
    v1::SolveRequest req = ToRequest(p.pool, p.spec, v1::LEXIMIN);
    req.set_uniform_panels(m);
    v1::SolveResponse resp;
    grpc::Status st = Solve(req, &resp);
    ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << m;
    EXPECT_EQ(Details(st).reason, "UNIFORM_PANELS_OUT_OF_RANGE") << m;
    EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("uniform_panels")) << m;
  }
  v1::SolveRequest quick = ToRequest(p.pool, p.spec, v1::QUICK);
  quick.set_uniform_panels(10);
  v1::SolveResponse resp;
  grpc::Status st = Solve(quick, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("uniform_panels"));
}

// DrawPanel over numbered panels: the seed names the number (the solver's protocol), the
// numbered panel gives the members, and the published lottery re-runs to the same panel.
TEST_F(SolveApiTest, DrawByNumberFromTheCommittedSeed) {
  Problem p = Small();
  v1::DrawPanelRequest req;
  *req.mutable_problem() = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  req.mutable_problem()->set_uniform_panels(50);
  req.set_seed("public seed 2030-03-01");
  req.set_seed_sha256(Sha256Hex(req.seed()));
  v1::DrawPanelResponse drawn;
  auto c1 = harness_->Ctx();
  grpc::Status st = harness_->stub().DrawPanel(c1.get(), req, &drawn);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(drawn.uniform_lottery().panels_size(), 50);
  EXPECT_EQ(drawn.panel_number(), UniformPanelNumber(req.seed(), 50));
  EXPECT_EQ(drawn.panel_index(), drawn.panel_number() - 1);
  std::vector<std::string> expected;
  for (int m : drawn.uniform_lottery().panels(drawn.panel_number() - 1).members()) {
    expected.push_back(p.pool.candidates[m].id);
  }
  EXPECT_THAT(drawn.member_ids(), ::testing::ElementsAreArray(expected));
  EXPECT_TRUE(MeetsRules(p.pool, p.spec, drawn.member_ids()));

  v1::DrawPanelRequest rerun;
  *rerun.mutable_uniform_lottery() = drawn.uniform_lottery();
  rerun.set_seed(req.seed());
  rerun.set_seed_sha256(req.seed_sha256());
  v1::DrawPanelResponse again;
  auto c2 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().DrawPanel(c2.get(), rerun, &again).ok());
  EXPECT_EQ(again.panel_number(), drawn.panel_number());
  EXPECT_THAT(again.member_ids(), ::testing::ElementsAreArray(drawn.member_ids()));

  // A lottery whose numbers are out of order is refused naming the field.
  rerun.mutable_uniform_lottery()->mutable_panels(3)->set_number(9);
  auto c3 = harness_->Ctx();
  st = harness_->stub().DrawPanel(c3.get(), rerun, &again);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_UNIFORM_LOTTERY");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("uniform_lottery.panels[3].number"));
}

TEST_F(SolveApiTest, InfeasibleRulesFailWithTheConflictAndTheRelaxation) {
  v1::SolveResponse resp;
  grpc::Status st = Solve(Infeasible(), &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  auto details = Details(st);
  EXPECT_EQ(details.reason, "INFEASIBLE_RULES");
  EXPECT_EQ(details.domain, "polylateral.composition");
  ASSERT_FALSE(details.fields.empty());
  const int tag = static_cast<int>(Small().spec.features.size());
  const std::string quota = absl::StrCat("spec.features[", tag, "].values[");
  bool names_tag = false;
  for (const auto& f : details.fields) names_tag |= absl::StartsWith(f, quota);
  EXPECT_TRUE(names_tag) << "subjects do not name the tag quotas";
  EXPECT_NE(st.error_message().find("relaxation"), std::string::npos) << st.error_message();
}

TEST_F(SolveApiTest, InfeasibleAsResultGivesTheStructuredRelaxation) {
  v1::SolveRequest req = Infeasible();
  req.set_infeasible_as_result(true);
  v1::SolveResponse resp;
  ASSERT_TRUE(Solve(req, &resp).ok());
  EXPECT_FALSE(resp.feasible());
  EXPECT_TRUE(resp.relaxation().found());
  ASSERT_FALSE(resp.relaxation().changes().empty());
  EXPECT_TRUE(absl::StartsWith(resp.relaxation().changes(0).field(), "spec."));
  EXPECT_TRUE(resp.member_ids().empty());
}

TEST_F(SolveApiTest, BadInputIsInvalidArgumentNamingTheField) {
  Problem p = Small();
  v1::SolveRequest req = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  v1::ValueQuota* q = req.mutable_spec()->mutable_features(0)->mutable_values(1);
  q->set_max(0);
  q->set_min(3);  // min > max
  v1::SolveResponse resp;
  grpc::Status st = Solve(req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto details = Details(st);
  EXPECT_THAT(details.fields, ::testing::Contains("spec.features[0].values[1].min"));

  req = ToRequest(p.pool, p.spec, v1::QUICK);
  req.mutable_pool()->mutable_candidates(3)->mutable_values(0)->set_values(0, "no-such-value");
  st = Solve(req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  details = Details(st);
  ASSERT_FALSE(details.fields.empty());
  EXPECT_TRUE(absl::StartsWith(details.fields[0], "pool.candidates[3].values"))
      << details.fields[0];

  req = ToRequest(p.pool, p.spec, v1::SOLVE_MODE_UNSPECIFIED);
  st = Solve(req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_MODE");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("mode"));

  req = ToRequest(p.pool, p.spec, v1::QUICK);
  req.mutable_spec()->set_max_seats(1000);  // k beyond the pool
  st = Solve(req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::Contains("spec.max_seats"));
}

TEST_F(SolveApiTest, DrawIsReproducibleFromTheCommittedSeed) {
  Problem p = Small();
  v1::SolveResponse solved;
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::LEXIMIN), &solved).ok());
  v1::DrawPanelRequest req;
  *req.mutable_distribution() = solved.leximin();
  req.set_seed("public seed 2030-03-01");
  req.set_seed_sha256(Sha256Hex(req.seed()));
  v1::DrawPanelResponse first, second;
  auto c1 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().DrawPanel(c1.get(), req, &first).ok());
  auto c2 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().DrawPanel(c2.get(), req, &second).ok());
  EXPECT_EQ(first.member_ids_size(), p.spec.max_seats);
  EXPECT_TRUE(MeetsRules(p.pool, p.spec, first.member_ids()));
  EXPECT_EQ(std::vector<std::string>(first.member_ids().begin(), first.member_ids().end()),
            std::vector<std::string>(second.member_ids().begin(), second.member_ids().end()));

  // Other seeds spread over the pool: some pair of 10 seeds draws different panels.
  bool differs = false;
  for (int s = 0; s < 10 && !differs; ++s) {
    req.set_seed(absl::StrCat("another public seed ", s));
    req.set_seed_sha256(Sha256Hex(req.seed()));
    v1::DrawPanelResponse other;
    auto c = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().DrawPanel(c.get(), req, &other).ok());
    differs = std::vector<std::string>(other.member_ids().begin(), other.member_ids().end()) !=
              std::vector<std::string>(first.member_ids().begin(), first.member_ids().end());
  }
  EXPECT_TRUE(differs);
}

TEST_F(SolveApiTest, DrawRefusesSeedsUnder128Bits) {
  Problem p = Small();
  v1::SolveResponse solved;
  ASSERT_TRUE(Solve(ToRequest(p.pool, p.spec, v1::LEXIMIN), &solved).ok());
  v1::DrawPanelRequest from_distribution;
  *from_distribution.mutable_distribution() = solved.leximin();
  v1::DrawPanelRequest from_problem;
  *from_problem.mutable_problem() = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  for (v1::DrawPanelRequest* req : {&from_distribution, &from_problem}) {
    // A matching commitment does not help: 15 bytes are too few to keep it secret.
    for (const std::string weak : {"", "7", "15 bytes: short"}) {
      req->set_seed(weak);
      req->set_seed_sha256(Sha256Hex(weak));
      v1::DrawPanelResponse resp;
      auto ctx = harness_->Ctx();
      grpc::Status st = harness_->stub().DrawPanel(ctx.get(), *req, &resp);
      EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << weak;
      EXPECT_EQ(Details(st).reason, "WEAK_SEED");
      EXPECT_EQ(Details(st).fields, std::vector<std::string>{"seed"});
    }
    req->set_seed("16 bytes: enough");
    req->set_seed_sha256(Sha256Hex(req->seed()));
    v1::DrawPanelResponse resp;
    auto ctx = harness_->Ctx();
    grpc::Status st = harness_->stub().DrawPanel(ctx.get(), *req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
  }
}

TEST_F(SolveApiTest, DrawRefusesASeedThatDoesNotMatchItsCommitment) {
  Problem p = Small();
  v1::DrawPanelRequest req;
  *req.mutable_problem() = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  req.set_seed("the seed revealed at the draw");
  req.set_seed_sha256(Sha256Hex("the seed published before"));
  v1::DrawPanelResponse resp;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().DrawPanel(ctx.get(), req, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "SEED_COMMITMENT_MISMATCH");

  req.set_seed_sha256(Sha256Hex("the seed revealed at the draw"));
  auto ok_ctx = harness_->Ctx();
  st = harness_->stub().DrawPanel(ok_ctx.get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(MeetsRules(p.pool, p.spec, resp.member_ids()));
  EXPECT_EQ(resp.distribution().probabilities_size(), static_cast<int>(p.pool.candidates.size()));
}

TEST_F(SolveApiTest, StreamSolveSendsProgressThenOneResult) {
  Problem p = MakeProblem(/*seed=*/3, /*n=*/120, /*k=*/15);
  auto ctx = harness_->Ctx();
  auto reader = harness_->stub().StreamSolve(ctx.get(), ToRequest(p.pool, p.spec, v1::LEXIMIN));
  v1::StreamSolveResponse msg;
  int progress = 0, results = 0;
  bool result_last = false;
  while (reader->Read(&msg)) {
    if (msg.has_progress()) {
      ++progress;
      result_last = false;
    } else if (msg.has_result()) {
      ++results;
      result_last = true;
      double sum = 0;
      for (const auto& cp : msg.result().leximin().probabilities()) sum += cp.probability();
      EXPECT_NEAR(sum, p.spec.max_seats, 1e-6);
    }
  }
  grpc::Status st = reader->Finish();
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_GE(progress, 1);
  EXPECT_EQ(results, 1);
  EXPECT_TRUE(result_last);
}

TEST_F(SolveApiTest, StreamSolveReturnsTheNumberedPanels) {
  Problem p = Small();
  v1::SolveRequest req = ToRequest(p.pool, p.spec, v1::LEXIMIN);
  req.set_uniform_panels(1000);
  auto ctx = harness_->Ctx();
  auto reader = harness_->stub().StreamSolve(ctx.get(), req);
  v1::StreamSolveResponse msg;
  v1::SolveResponse result;
  while (reader->Read(&msg)) {
    if (msg.has_result()) result = msg.result();
  }
  grpc::Status st = reader->Finish();
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(result.uniform_lottery().panels_size(), 1000);
  EXPECT_LT(result.uniform_lottery().max_deviation(), result.uniform_lottery().deviation_bound());

  req.set_uniform_panels(0x7fffffff);
  auto bad_ctx = harness_->Ctx();
  auto bad = harness_->stub().StreamSolve(bad_ctx.get(), req);
  while (bad->Read(&msg)) {
  }
  st = bad->Finish();
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("uniform_panels"));
}

TEST_F(SolveApiTest, StreamSolvePastItsDeadlineIsDeadlineExceeded) {
  Problem p = MakeProblem(/*seed=*/5, /*n=*/400, /*k=*/40);
  for (int i = 0; i < 3; ++i) {  // and again: the service is still there and answers
    auto ctx = harness_->Ctx("", absl::Milliseconds(40));
    auto reader = harness_->stub().StreamSolve(ctx.get(), ToRequest(p.pool, p.spec, v1::LEXIMIN));
    v1::StreamSolveResponse msg;
    while (reader->Read(&msg)) EXPECT_FALSE(msg.has_result());
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  }
  v1::SolveResponse resp;
  Problem small = Small();
  EXPECT_TRUE(Solve(ToRequest(small.pool, small.spec, v1::QUICK), &resp).ok());
}

TEST_F(SolveApiTest, UnarySolvePastItsDeadlineIsDeadlineExceeded) {
  Problem p = MakeProblem(/*seed=*/5, /*n=*/400, /*k=*/40);
  auto ctx = harness_->Ctx("", absl::Milliseconds(40));
  v1::SolveResponse resp;
  grpc::Status st =
      harness_->stub().Solve(ctx.get(), ToRequest(p.pool, p.spec, v1::LEXIMIN), &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

// The per-caller limits of solving: the largest pool (for every caller, before any solving)
// and the streamed solves one caller may have running.
class SolveLimitsTest : public CompositionApiTest {
 protected:
  SolveLimitsTest() {
    with_metrics_ = true;  // to show that a refused pool is never solved
    options_.max_pool_size = 1000;
    options_.max_stream_solves = 3;
    options_.max_streams_per_principal = 1;
  }

  // Whether `principal` holds `n` streamed solves within 10 s.
  bool HoldsStreams(const std::string& principal, int n) {
    const Principal who = *ParsePrincipal(principal);
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (harness_->app().stream_slots().open_for(who) != n) {
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(5));  // polling interval
    }
    return true;
  }

  static grpc::Status Drain(grpc::ClientReader<v1::StreamSolveResponse>* reader) {
    v1::StreamSolveResponse msg;
    while (reader->Read(&msg)) {
    }
    return reader->Finish();
  }
};

TEST_F(SolveLimitsTest, PoolsBeyondTheLimitAreRefusedBeforeAnySolvingForEveryCaller) {
  const Problem big = MakeProblem(/*seed=*/5, /*n=*/1001, /*k=*/40);
  const v1::SolveRequest req = ToRequest(big.pool, big.spec, v1::LEXIMIN);
  for (const char* principal : {"", "operator:ops", "secretariat:igf"}) {
    v1::SolveResponse resp;
    auto ctx = harness_->Ctx(principal);
    grpc::Status st = harness_->stub().Solve(ctx.get(), req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << principal;
    EXPECT_EQ(Details(st).reason, "POOL_TOO_LARGE") << principal;
    EXPECT_NE(st.error_message().find("1001 candidates"), std::string::npos) << st.error_message();
  }
  auto sctx = harness_->Ctx();
  auto reader = harness_->stub().StreamSolve(sctx.get(), req);
  v1::StreamSolveResponse msg;
  EXPECT_FALSE(reader->Read(&msg));
  grpc::Status st = reader->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "POOL_TOO_LARGE");

  v1::DrawPanelRequest draw;
  *draw.mutable_problem() = req;
  draw.set_seed("a seed of at least sixteen bytes");
  v1::DrawPanelResponse drawn;
  auto dctx = harness_->Ctx();
  st = harness_->stub().DrawPanel(dctx.get(), draw, &drawn);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "POOL_TOO_LARGE");

  // Nothing reached the solver; a pool at the limit does.
  EXPECT_NE(harness_->Metrics().find(
                "polylateral_composition_solve_duration_seconds_count{mode=\"leximin\"} 0"),
            std::string::npos);
  const Problem fits = MakeProblem(/*seed=*/5, /*n=*/1000, /*k=*/40);
  v1::SolveResponse resp;
  auto ctx = harness_->Ctx();
  st = harness_->stub().Solve(ctx.get(), ToRequest(fits.pool, fits.spec, v1::QUICK), &resp);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(SolveLimitsTest, OneCallerRunsAtMostItsShareOfStreamedSolvesAndAnEndedOneFreesIt) {
  // Seconds of solving: running while the others are asked for (cancelled below).
  const Problem slow = MakeProblem(/*seed=*/5, /*n=*/1000, /*k=*/60);
  auto c1 = harness_->Ctx("stakeholder:apc", absl::Seconds(60));
  auto r1 = harness_->stub().StreamSolve(c1.get(), ToRequest(slow.pool, slow.spec, v1::LEXIMIN));
  ASSERT_TRUE(HoldsStreams("stakeholder:apc", 1));

  const Problem small = MakeProblem(/*seed=*/7, /*n=*/40, /*k=*/8);
  const v1::SolveRequest quick = ToRequest(small.pool, small.spec, v1::LEXIMIN);
  auto c2 = harness_->Ctx("stakeholder:apc");
  auto r2 = harness_->stub().StreamSolve(c2.get(), quick);
  grpc::Status st = Drain(r2.get());
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "TOO_MANY_STREAMS");
  EXPECT_NE(st.error_message().find("max_streams_per_principal"), std::string::npos)
      << st.error_message();

  // Another caller is not held back.
  auto c3 = harness_->Ctx("stakeholder:uni");
  auto r3 = harness_->stub().StreamSolve(c3.get(), quick);
  st = Drain(r3.get());
  EXPECT_TRUE(st.ok()) << st.error_message();

  EXPECT_EQ(harness_->app().stream_slots().open_for(*ParsePrincipal("stakeholder:apc")), 1);

  // Once the first ends, its caller may stream again (the slot frees as the call completes).
  c1->TryCancel();
  EXPECT_EQ(Drain(r1.get()).error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(HoldsStreams("stakeholder:apc", 0));
  auto c4 = harness_->Ctx("stakeholder:apc");
  auto r4 = harness_->stub().StreamSolve(c4.get(), quick);
  st = Drain(r4.get());
  EXPECT_TRUE(st.ok()) << st.error_message();
}

}  // namespace
}  // namespace polylateral::composition::testing

namespace polylateral::composition::testing {
namespace {

class SolveMetricsTest : public CompositionApiTest {
 protected:
  SolveMetricsTest() { with_metrics_ = true; }
};

TEST_F(SolveMetricsTest, SolvesAreCountedByModeAndOutcome) {
  // Every series exists from start-up, at zero.
  std::string before = harness_->Metrics();
  EXPECT_NE(before.find("polylateral_composition_solves_total{mode=\"leximin\",outcome="
                        "\"deadline_exceeded\"} 0"),
            std::string::npos)
      << before;
  Problem p = MakeProblem(/*seed=*/7, /*n=*/40, /*k=*/8);
  v1::SolveResponse resp;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().Solve(ctx.get(), ToRequest(p.pool, p.spec, v1::QUICK), &resp).ok());
  std::string after = harness_->Metrics();
  EXPECT_NE(after.find("polylateral_composition_solves_total{mode=\"quick\",outcome=\"ok\"} 1"),
            std::string::npos)
      << after;
  EXPECT_NE(after.find("polylateral_composition_solve_duration_seconds_count{mode=\"quick\"} 1"),
            std::string::npos);
}

// Enum numbers the proto does not define and timestamps outside Timestamp's range are
// refused before any solve, naming the field, by the rule every service shares.
TEST_F(SolveApiTest, UnknownEnumValuesAndOutOfRangeTimestampsAreRefused) {
  Problem p = Small();
  v1::SolveResponse resp;
  v1::SolveRequest req = ToRequest(p.pool, p.spec, static_cast<v1::SolveMode>(99));
  grpc::Status st = Solve(req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("mode"));

  req.set_mode(v1::QUICK);
  req.mutable_accredited_only()->set_process("processes/oewg");
  req.mutable_accredited_only()->set_right(static_cast<type::v1::ParticipationRight>(99));
  st = Solve(req, &resp);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("accredited_only.right"));

  req.mutable_accredited_only()->set_right(type::v1::ATTEND_PLENARY);
  req.mutable_accredited_only()->mutable_at_time()->set_nanos(-1);
  st = Solve(req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_TIMESTAMP");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("accredited_only.at_time"));

  v1::DrawPanelRequest draw;
  *draw.mutable_problem() = req;
  draw.set_seed(std::string(64, '7'));
  draw.mutable_problem()->mutable_accredited_only()->mutable_at_time()->set_nanos(0);
  draw.mutable_problem()->mutable_accredited_only()->mutable_at_time()->set_seconds(253402300800);
  v1::DrawPanelResponse drawn;
  auto ctx = harness_->Ctx();
  st = harness_->stub().DrawPanel(ctx.get(), draw, &drawn);
  EXPECT_EQ(Details(st).reason, "INVALID_TIMESTAMP");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("problem.accredited_only.at_time"));
}

}  // namespace
}  // namespace polylateral::composition::testing
