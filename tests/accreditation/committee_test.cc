// Committee review as a standing committee works, over gRPC against real Redis and a real
// registry: a deferral's reminders and its closure on a moved clock, who recorded each review,
// a rotation of the committee taking effect for pending applications, and deferrals counted
// per member state in the transparency report under the disclosure policy.
#include <set>

#include "absl/strings/str_cat.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using CommitteeTest = AccreditationTest;
using grpc::StatusCode;

constexpr absl::Duration kInterval = absl::Hours(24 * 30);  // the harness's committee route

grpc::Status Review(acc::AccreditationService::Stub& stub, std::unique_ptr<grpc::ClientContext> ctx,
                    const std::string& app, acc::ReviewApplicationRequest::Decision decision,
                    acc::Application* out) {
  acc::ReviewApplicationRequest req;
  req.set_name(app);
  req.set_decision(decision);
  if (decision == acc::ReviewApplicationRequest::DEFER) {
    req.add_questions("Who funds the organisation?");
    req.add_questions("Which of its members are government officials?");
  }
  return stub.ReviewApplication(ctx.get(), req, out);
}

acc::TransparencyReport Report(acc::AccreditationService::Stub& stub,
                               std::unique_ptr<grpc::ClientContext> ctx,
                               const std::string& process) {
  acc::GetTransparencyReportRequest req;
  req.set_process(process);
  acc::TransparencyReport out;
  grpc::Status st = stub.GetTransparencyReport(ctx.get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

int64_t DeferralsOf(const acc::TransparencyReport& r, const std::string& iso2) {
  for (const auto& row : r.states()) {
    if (row.state() == "states/" + iso2) return row.deferrals();
  }
  return -1;
}

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

TEST_F(CommitteeTest, EveryReminderIsSentThenTheDeferralClosesOneIntervalLater) {
  Process("ngo-committee", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Slow NGO", reg::Stakeholder::NO_STATUS);
  const acc::Application a =
      Submit(Apply("ngo-committee", ngo, "committee").name(), "stakeholder:" + ngo);
  acc::Application deferred;
  ASSERT_TRUE(
      Review(*stub_, Ctx("state:CU"), a.name(), acc::ReviewApplicationRequest::DEFER, &deferred)
          .ok());
  const absl::Time deferred_at = TimeOf(deferred.reviews(0).review_time());
  EXPECT_EQ(deferred.due_action(), acc::Application::REMINDER);
  EXPECT_EQ(TimeOf(deferred.due_time()), deferred_at + kInterval);
  for (int i = 1; i <= 3; ++i) {
    SCOPED_TRACE(absl::StrCat("reminder ", i));
    clock_.Advance(kInterval);
    EXPECT_EQ(Tick(), 1);
    const acc::Application now = GetApp(a.name());
    EXPECT_EQ(now.state(), acc::Application::DEFERRED);
    EXPECT_EQ(now.unanswered_reminders(), i);
    EXPECT_EQ(TimeOf(now.due_time()), deferred_at + (i + 1) * kInterval);
    EXPECT_EQ(now.due_action(), i < 3 ? acc::Application::REMINDER : acc::Application::CLOSURE);
  }
  // The closure is one interval after the third reminder, not at it.
  clock_.Advance(kInterval - absl::Milliseconds(1));
  EXPECT_EQ(Tick(), 0);
  EXPECT_EQ(GetApp(a.name()).state(), acc::Application::DEFERRED);
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(Tick(), 1);
  const acc::Application closed = GetApp(a.name());
  EXPECT_EQ(closed.state(), acc::Application::CLOSED);
  EXPECT_EQ(closed.unanswered_reminders(), 3);
  EXPECT_EQ(closed.decision().kind(), acc::Decision::CLOSED_UNANSWERED);
  EXPECT_EQ(TimeOf(closed.decide_time()), deferred_at + 4 * kInterval);
  EXPECT_FALSE(closed.has_due_time());
  EXPECT_EQ(closed.due_action(), acc::Application::DUE_ACTION_UNSPECIFIED);
}

TEST_F(CommitteeTest, RotationAppliesToPendingApplicationsAndEachReviewNamesItsAuthor) {
  Process("ngo-committee", reg::ParticipationModalities::PUBLIC);
  const std::string ngo = Stakeholder("Pending NGO", reg::Stakeholder::NO_STATUS);
  const acc::Application a =
      Submit(Apply("ngo-committee", ngo, "committee").name(), "stakeholder:" + ngo);
  ASSERT_EQ(a.state(), acc::Application::IN_REVIEW);

  // The committee rotates: CU leaves, BR joins. Reordering the same members is no rotation.
  reg::GetProcessRequest get;
  get.set_name("processes/ngo-committee");
  reg::Process process;
  {
    auto ctx = Ctx("operator:test");
    ASSERT_TRUE(registry_->GetProcess(ctx.get(), get, &process).ok());
  }
  auto rotate = [&](const std::vector<std::string>& members) {
    reg::UpdateProcessRequest upd;
    *upd.mutable_process() = process;
    upd.mutable_update_mask()->add_paths("modalities");
    for (auto& r : *upd.mutable_process()->mutable_modalities()->mutable_routes()) {
      if (r.route_id() != "committee") continue;
      r.clear_committee_states();
      for (const auto& s : members) r.add_committee_states(s);
    }
    clock_.Advance(absl::Hours(24));
    auto ctx = Ctx("operator:test");
    grpc::Status st = registry_->UpdateProcess(ctx.get(), upd, &process);
    ASSERT_TRUE(st.ok()) << st.error_message();
  };
  rotate({"IN", "US", "BR"});
  rotate({"US", "BR", "IN"});
  const reg::AccreditationRoute* route = nullptr;
  for (const auto& r : process.modalities().routes()) {
    if (r.route_id() == "committee") route = &r;
  }
  ASSERT_NE(route, nullptr);
  ASSERT_EQ(route->committee_history_size(), 2);
  EXPECT_EQ(std::set<std::string>(route->committee_history(0).states().begin(),
                                  route->committee_history(0).states().end()),
            (std::set<std::string>{"CU", "IN", "US"}));
  EXPECT_EQ(std::set<std::string>(route->committee_history(1).states().begin(),
                                  route->committee_history(1).states().end()),
            (std::set<std::string>{"BR", "IN", "US"}));
  EXPECT_LT(TimeOf(route->committee_history(0).start_time()),
            TimeOf(route->committee_history(1).start_time()));

  acc::Application out;
  grpc::Status st =
      Review(*stub_, Ctx("state:CU"), a.name(), acc::ReviewApplicationRequest::REJECT, &out);
  EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_COMMITTEE");
  EXPECT_EQ(GetApp(a.name()).state(), acc::Application::IN_REVIEW);

  const absl::Time deferred_at = clock_.Now();
  ASSERT_TRUE(
      Review(*stub_, Ctx("state:BR"), a.name(), acc::ReviewApplicationRequest::DEFER, &out).ok());
  acc::AnswerQuestionsRequest ans;
  ans.set_name(a.name());
  ans.add_answers("Membership fees.");
  ans.add_answers("None.");
  {
    auto ctx = Ctx("stakeholder:" + ngo);
    ASSERT_TRUE(stub_->AnswerQuestions(ctx.get(), ans, &out).ok());
  }
  clock_.Advance(absl::Hours(2));
  const absl::Time approved_at = clock_.Now();
  ASSERT_TRUE(Review(*stub_, Ctx("secretariat:ngo-committee"), a.name(),
                     acc::ReviewApplicationRequest::APPROVE, &out)
                  .ok());
  const acc::Application decided = GetApp(a.name());
  ASSERT_EQ(decided.reviews_size(), 2);
  EXPECT_EQ(decided.reviews(0).outcome(), acc::Review::DEFERRED);
  EXPECT_EQ(decided.reviews(0).reviewed_by(), "state:BR");
  EXPECT_EQ(absl::ToUnixMillis(TimeOf(decided.reviews(0).review_time())),
            absl::ToUnixMillis(deferred_at));
  EXPECT_EQ(decided.reviews(0).question_count(), 2);
  EXPECT_EQ(decided.reviews(1).outcome(), acc::Review::APPROVED);
  EXPECT_EQ(decided.reviews(1).reviewed_by(), "secretariat:ngo-committee");
  EXPECT_EQ(absl::ToUnixMillis(TimeOf(decided.reviews(1).review_time())),
            absl::ToUnixMillis(approved_at));
  EXPECT_EQ(decided.reviews(1).question_count(), 0);
  EXPECT_EQ(decided.decision().decided_by(), "secretariat:ngo-committee");
}

TEST_F(CommitteeTest, DeferralsAreCountedPerStateWithinTheDisclosurePolicy) {
  Process("open-committee", reg::ParticipationModalities::PUBLIC);
  Process("quiet-committee", reg::ParticipationModalities::COUNT_ONLY);
  for (const std::string process : {"open-committee", "quiet-committee"}) {
    for (int i = 0; i < 2; ++i) {
      const std::string ngo =
          Stakeholder(absl::StrCat(process, " NGO ", i), reg::Stakeholder::NO_STATUS);
      const acc::Application a =
          Submit(Apply(process, ngo, "committee").name(), "stakeholder:" + ngo);
      acc::Application out;
      ASSERT_TRUE(
          Review(*stub_, Ctx("state:IN"), a.name(), acc::ReviewApplicationRequest::DEFER, &out)
              .ok());
    }
  }
  const acc::TransparencyReport open = Report(*stub_, Ctx(), "processes/open-committee");
  EXPECT_EQ(open.deferrals(), 2);
  EXPECT_EQ(DeferralsOf(open, "IN"), 2);
  EXPECT_EQ(DeferralsOf(open, "US"), -1);
  EXPECT_FALSE(open.states_withheld());

  // Count only: the public sees the total, not who deferred; the deferring state and the
  // secretariat see the row.
  const acc::TransparencyReport quiet = Report(*stub_, Ctx(), "processes/quiet-committee");
  EXPECT_EQ(quiet.deferrals(), 2);
  EXPECT_EQ(DeferralsOf(quiet, "IN"), -1);
  EXPECT_TRUE(quiet.states_withheld());
  EXPECT_EQ(DeferralsOf(Report(*stub_, Ctx("state:IN"), "processes/quiet-committee"), "IN"), 2);
  EXPECT_EQ(DeferralsOf(Report(*stub_, Ctx("state:US"), "processes/quiet-committee"), "IN"), -1);
  EXPECT_EQ(
      DeferralsOf(Report(*stub_, Ctx("secretariat:quiet-committee"), "processes/quiet-committee"),
                  "IN"),
      2);
}

}  // namespace
}  // namespace polylateral::accreditation::testing
