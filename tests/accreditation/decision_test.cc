// Decisions that explain themselves, over gRPC against real Redis and a real registry: the
// decision record of a blocked, a granted and a committee-rejected application, and the
// states present a fraction rule takes at the notice end, corrected by the secretariat.
#include "absl/strings/str_cat.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using DecisionTest = AccreditationTest;
using grpc::StatusCode;

grpc::Status Correct(acc::AccreditationService::Stub& stub,
                     std::unique_ptr<grpc::ClientContext> ctx, const std::string& app,
                     int states_present, acc::Application* out) {
  acc::CorrectStatesPresentRequest req;
  req.set_name(app);
  req.set_states_present(states_present);
  return stub.CorrectStatesPresent(ctx.get(), req, out);
}

acc::Application Review(acc::AccreditationService::Stub& stub,
                        std::unique_ptr<grpc::ClientContext> ctx, const std::string& app,
                        acc::ReviewApplicationRequest::Decision decision) {
  acc::ReviewApplicationRequest req;
  req.set_name(app);
  req.set_decision(decision);
  acc::Application out;
  grpc::Status st = stub.ReviewApplication(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

TEST_F(DecisionTest, BlockedGrantedAndCommitteeRejectedCarryTheirRecords) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  const std::string blocked_sh = Stakeholder("Blocked NGO", reg::Stakeholder::NO_STATUS);
  const std::string granted_sh = Stakeholder("Granted NGO", reg::Stakeholder::NO_STATUS);
  const std::string committee_sh = Stakeholder("Reviewed NGO", reg::Stakeholder::NO_STATUS);
  const std::string ecosoc_sh = Stakeholder("ECOSOC NGO", reg::Stakeholder::GENERAL);
  const acc::Application blocked =
      Submit(Apply("oewg", blocked_sh, "non-objection").name(), "stakeholder:" + blocked_sh);
  const acc::Application granted =
      Submit(Apply("oewg", granted_sh, "non-objection").name(), "stakeholder:" + granted_sh);
  ASSERT_TRUE(Object(blocked.name(), "FR").ok());
  ASSERT_TRUE(Object(blocked.name(), "RU").ok());
  const int64_t notice_end = blocked.notice_end_time().seconds();
  EXPECT_EQ(notice_end, blocked.due_time().seconds());
  EXPECT_FALSE(blocked.has_decision());

  const acc::Application rejected = Review(
      *stub_, Ctx("state:CU"),
      Submit(Apply("oewg", committee_sh, "committee").name(), "stakeholder:" + committee_sh).name(),
      acc::ReviewApplicationRequest::REJECT);
  EXPECT_EQ(rejected.state(), acc::Application::REJECTED);
  EXPECT_EQ(rejected.decision().kind(), acc::Decision::REJECTED_BY_COMMITTEE);
  EXPECT_EQ(rejected.decision().decided_by(), "state:CU");
  EXPECT_EQ(rejected.decision().objection_rule(), acc::Decision::OBJECTION_RULE_UNSPECIFIED);
  EXPECT_EQ(rejected.decision().blocking_threshold(), 0);
  EXPECT_FALSE(rejected.has_notice_end_time());
  const acc::Application inherited =
      Submit(Apply("oewg", ecosoc_sh, "ecosoc-general").name(), "stakeholder:" + ecosoc_sh);
  EXPECT_EQ(inherited.decision().kind(), acc::Decision::GRANTED);
  EXPECT_EQ(inherited.decision().decided_by(), "route");

  clock_.Advance(absl::Hours(24 * 14));
  EXPECT_EQ(Tick(), 2);
  // The record is the same for every reader: it counts the objections and names no state.
  for (const std::string& reader : {"stakeholder:" + granted_sh, std::string("operator:test")}) {
    SCOPED_TRACE(reader);
    acc::GetApplicationRequest req;
    req.set_name(blocked.name());
    acc::Application b;
    auto ctx = Ctx(reader);
    ASSERT_TRUE(stub_->GetApplication(ctx.get(), req, &b).ok());
    EXPECT_EQ(b.state(), acc::Application::REJECTED);
    const acc::Decision& d = b.decision();
    EXPECT_EQ(d.kind(), acc::Decision::BLOCKED_BY_OBJECTIONS);
    EXPECT_EQ(d.objection_rule(), acc::Decision::ANY_SINGLE_OBJECTION);
    EXPECT_EQ(d.blocking_threshold(), 1);
    EXPECT_EQ(d.objections_counted(), 2);
    EXPECT_EQ(d.states_present(), 0);  // the process dates no session: all members
    EXPECT_EQ(d.decided_by(), "scheduler");
    EXPECT_EQ(d.decide_time().seconds(), notice_end);
    EXPECT_EQ(b.notice_end_time().seconds(), notice_end);
    EXPECT_FALSE(b.has_due_time());
  }
  const acc::Application g = GetApp(granted.name());
  EXPECT_EQ(g.state(), acc::Application::APPROVED);
  EXPECT_EQ(g.decision().kind(), acc::Decision::GRANTED);
  EXPECT_EQ(g.decision().objections_counted(), 0);
  EXPECT_EQ(g.decision().blocking_threshold(), 1);
  EXPECT_EQ(g.notice_end_time().seconds(), notice_end);
}

// A fraction rule (a third of the states present) in a process whose first session (9 states)
// runs at submission and whose second (30 states) runs when the notice ends.
TEST_F(DecisionTest, StatesPresentAreTakenAtTheNoticeEndAndCorrectedByTheSecretariat) {
  const absl::CivilDay today = absl::ToCivilDay(clock_.Now(), absl::UTCTimeZone());
  Process("frac", reg::ParticipationModalities::PUBLIC,
          reg::ObjectionRule::FRACTION_OF_STATES_PRESENT,
          {{today - 1, today + 2}, {today + 10, today + 20}}, {}, {9, 30});
  std::vector<std::string> apps;
  for (int i = 0; i < 3; ++i) {
    const std::string sh = Stakeholder(absl::StrCat("Applicant ", i), reg::Stakeholder::NO_STATUS);
    apps.push_back(Submit(Apply("frac", sh, "non-objection").name(), "stakeholder:" + sh).name());
    for (const char* state : {"FR", "RU", "CN"}) ASSERT_TRUE(Object(apps[i], state).ok());
  }
  acc::Application out;
  grpc::Status st = Correct(*stub_, Ctx("secretariat:frac"), apps[1], 6, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.states_present_correction(), 6);
  // Refused: another process's secretariat, a state (by the access policy), a number out of
  // range; none of them writes.
  st = Correct(*stub_, Ctx("secretariat:other"), apps[2], 6, &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_SECRETARIAT");
  st = Correct(*stub_, Ctx("state:FR"), apps[2], 6, &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  st = Correct(*stub_, Ctx("secretariat:frac"), apps[2], 196, &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_STATES_PRESENT");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"states_present"});
  EXPECT_FALSE(GetApp(apps[2]).has_states_present_correction());

  clock_.Advance(absl::Hours(24 * 14));
  // The notice has ended (the scheduler has not run yet): too late to correct.
  st = Correct(*stub_, Ctx("secretariat:frac"), apps[2], 6, &out);
  EXPECT_EQ(st.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "NOT_IN_NOTICE_PERIOD");
  EXPECT_EQ(Tick(), 3);
  // 3 objections: a third of 30 (the session at the notice end) is 10, so granted; a third of
  // the corrected 6 is 2, so blocked. At submission's 9 they would all have been blocked.
  for (int i : {0, 2}) {
    const acc::Application a = GetApp(apps[i]);
    EXPECT_EQ(a.state(), acc::Application::APPROVED);
    EXPECT_EQ(a.decision().kind(), acc::Decision::GRANTED);
    EXPECT_EQ(a.decision().states_present(), 30);
    EXPECT_EQ(a.decision().blocking_threshold(), 10);
    EXPECT_EQ(a.decision().objections_counted(), 3);
    EXPECT_EQ(a.decision().objection_rule(), acc::Decision::FRACTION_OF_STATES_PRESENT);
  }
  const acc::Application b = GetApp(apps[1]);
  EXPECT_EQ(b.state(), acc::Application::REJECTED);
  EXPECT_EQ(b.decision().kind(), acc::Decision::BLOCKED_BY_OBJECTIONS);
  EXPECT_EQ(b.decision().states_present(), 6);
  EXPECT_EQ(b.decision().blocking_threshold(), 2);
}

}  // namespace
}  // namespace polylateral::accreditation::testing
