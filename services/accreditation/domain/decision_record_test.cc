// Decisions that explain themselves: every terminal transition carries its kind, and a notice
// end records the objections it counted, the threshold and the states present it took then.
#include <string>
#include <vector>

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/domain/test_fixtures.h"

namespace polylateral::accreditation {
namespace {

using namespace testing;  // NOLINT: fixtures
const absl::Time kNow = absl::FromUnixSeconds(1700001000);
const absl::Duration kDay = absl::Hours(24);

Application Submitted(const RouteRule& rule, const StakeholderInfo& s = Ngo()) {
  auto t = SubmitTransition(Draft(), rule, Disclosure::kCountOnly, s, kNow, "stakeholder:ngo");
  EXPECT_TRUE(t.ok()) << t.status();
  return t->application;
}

std::vector<std::string> Objectors(int n) {
  std::vector<std::string> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(std::string{'A', static_cast<char>('A' + i)});
  return out;
}

// A fraction rule (one third) over sessions whose states present differ: the first runs at
// submission, the second when the 14-day notice ends.
RouteRule FractionOverTwoSessions() {
  RouteRule rule = NonObjection(ObjectionRuleKind::kFractionPresent);
  rule.fraction_of_states_present = 1.0 / 3;
  rule.states_present = 9;  // the first session's, as the registry gave it at submission
  rule.sessions = {{"s1", kNow - kDay, kNow + 5 * kDay, 9},
                   {"s2", kNow + 10 * kDay, kNow + 20 * kDay, 30}};
  return rule;
}

TEST(DecisionRecord, BlockedStaysRejectedWithItsKindAndFigures) {
  const Application app = Submitted(NonObjection(ObjectionRuleKind::kAtLeastN));
  ASSERT_EQ(app.notice_end, kNow + 14 * kDay);
  auto t = NoticeEndTransition(app, Objectors(3), app.due_time);
  ASSERT_TRUE(t.ok()) << t.status();
  const Application& a = t->application;
  EXPECT_EQ(a.state, AppState::kRejected);
  EXPECT_EQ(a.decision_kind, DecisionKind::kBlockedByObjections);
  EXPECT_EQ(a.decision_objections, 3);
  EXPECT_EQ(a.decision_threshold, 1);  // at least N with N unset reads as 1
  EXPECT_EQ(a.decided_by, "scheduler");
  EXPECT_EQ(a.decide_time, app.due_time);
  EXPECT_EQ(a.due_time, absl::InfinitePast());
  EXPECT_EQ(a.notice_end, app.notice_end);  // the deadline stays after the decision
}

TEST(DecisionRecord, GrantedAtANoticeEndCountsTheObjectionsBelowTheThreshold) {
  RouteRule rule = NonObjection(ObjectionRuleKind::kAtLeastN);
  rule.min_objecting_states = 4;
  const Application app = Submitted(rule);
  auto t = NoticeEndTransition(app, Objectors(3), app.due_time);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->application.state, AppState::kApproved);
  EXPECT_EQ(t->application.decision_kind, DecisionKind::kGranted);
  EXPECT_EQ(t->application.decision_objections, 3);
  EXPECT_EQ(t->application.decision_threshold, 4);
}

TEST(DecisionRecord, CommitteeRouteAndWithdrawalKinds) {
  auto in_review = Submitted(Committee());
  auto rejected = ReviewTransition(in_review, ReviewDecision::kReject, {}, "", kNow, "state:CU");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->application.state, AppState::kRejected);
  EXPECT_EQ(rejected->application.decision_kind, DecisionKind::kRejectedByCommittee);
  EXPECT_EQ(rejected->application.decided_by, "state:CU");
  EXPECT_EQ(rejected->application.decision_threshold, 0);
  EXPECT_EQ(rejected->application.notice_end, absl::InfinitePast());
  auto approved = ReviewTransition(in_review, ReviewDecision::kApprove, {}, "", kNow, "state:US");
  EXPECT_EQ(approved->application.decision_kind, DecisionKind::kGranted);
  const Application inherited = Submitted(Inherited(), Ngo(Ecosoc::kGeneral));
  EXPECT_EQ(inherited.decision_kind, DecisionKind::kGranted);
  EXPECT_EQ(inherited.decided_by, "route");
  auto withdrawn = WithdrawTransition(in_review, kNow, "stakeholder:ngo");
  EXPECT_EQ(withdrawn->application.decision_kind, DecisionKind::kWithdrawn);
  EXPECT_EQ(Submitted(NonObjection()).decision_kind, DecisionKind::kUnspecified);
}

TEST(DecisionRecord, UnansweredRemindersClose) {
  RouteRule rule = Committee();
  rule.max_unanswered_reminders = 1;
  auto deferred =
      ReviewTransition(Submitted(rule), ReviewDecision::kDefer, {"q"}, "", kNow, "state:CU");
  ASSERT_TRUE(deferred.ok());
  auto reminded = ReminderTransition(deferred->application, deferred->application.due_time);
  ASSERT_TRUE(reminded.ok());
  EXPECT_EQ(reminded->application.decision_kind, DecisionKind::kUnspecified);
  auto closed = ReminderTransition(reminded->application, reminded->application.due_time);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->application.decision_kind, DecisionKind::kClosedUnanswered);
  EXPECT_EQ(closed->application.decided_by, "scheduler");
}

TEST(StatesPresent, TakenFromTheSessionAtTheNoticeEndNotAtSubmission) {
  const Application app = Submitted(FractionOverTwoSessions());
  EXPECT_EQ(StatesPresentAt(app, kNow), 9);
  EXPECT_EQ(StatesPresentAt(app, app.due_time), 30);
  // 3 objections would block a third of 9; a third of 30 needs 10.
  auto t = NoticeEndTransition(app, Objectors(3), app.due_time);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->application.state, AppState::kApproved);
  EXPECT_EQ(t->application.decision_states_present, 30);
  EXPECT_EQ(t->application.decision_threshold, 10);
  // Every session over by then: the number snapshotted at submission.
  EXPECT_EQ(StatesPresentAt(app, kNow + 30 * kDay), 9);
}

TEST(StatesPresent, TheSecretariatsCorrectionWinsUntilTheNoticeEnds) {
  const Application app = Submitted(FractionOverTwoSessions());
  auto corrected = CorrectStatesPresentTransition(app, 6, kNow + kDay);
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  const Application& c = corrected->application;
  EXPECT_EQ(corrected->expected_version, app.version);
  EXPECT_EQ(c.states_present_correction, 6);
  EXPECT_EQ(StatesPresentAt(c, c.due_time), 6);
  auto t = NoticeEndTransition(c, Objectors(2), c.due_time);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->application.decision_kind, DecisionKind::kBlockedByObjections);
  EXPECT_EQ(t->application.decision_states_present, 6);
  EXPECT_EQ(t->application.decision_threshold, 2);
  // 0 is a correction too: all members.
  auto all = CorrectStatesPresentTransition(app, 0, kNow);
  EXPECT_EQ(StatesPresentAt(all->application, app.due_time), 0);
  EXPECT_EQ(BlockingThreshold(app.rule, 0), 65);
}

TEST(StatesPresent, CorrectionRefusals) {
  const Application app = Submitted(FractionOverTwoSessions());
  for (int bad : {-1, 196}) {
    auto t = CorrectStatesPresentTransition(app, bad, kNow);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorReason(t.status()), "INVALID_STATES_PRESENT");
    const auto violations = ErrorViolations(t.status());
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].field, "states_present");
  }
  EXPECT_TRUE(CorrectStatesPresentTransition(app, 195, kNow).ok());
  // The notice end is exclusive, like an objection's.
  EXPECT_EQ(ErrorReason(CorrectStatesPresentTransition(app, 6, app.due_time).status()),
            "NOT_IN_NOTICE_PERIOD");
  auto decided = NoticeEndTransition(app, {}, app.due_time);
  EXPECT_EQ(ErrorReason(CorrectStatesPresentTransition(decided->application, 6, kNow).status()),
            "NOT_IN_NOTICE_PERIOD");
}

}  // namespace
}  // namespace polylateral::accreditation
