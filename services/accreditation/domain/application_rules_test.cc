#include "services/accreditation/domain/application_rules.h"

#include <optional>

#include "absl/time/civil_time.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/access_rules.h"
#include "services/accreditation/domain/test_fixtures.h"

namespace polylateral::accreditation {
namespace {

using namespace testing;  // NOLINT: fixtures
const absl::Time kNow = absl::FromUnixSeconds(1700001000);

TEST(ObjectionRule, AnySingleObjectionBlocks) {
  RouteRule r = NonObjection();
  EXPECT_FALSE(ObjectionsBlock(r, 0));
  EXPECT_TRUE(ObjectionsBlock(r, 1));
}

TEST(ObjectionRule, AtLeastNStates) {
  RouteRule r = NonObjection(ObjectionRuleKind::kAtLeastN);
  r.min_objecting_states = 3;
  EXPECT_FALSE(ObjectionsBlock(r, 2));
  EXPECT_TRUE(ObjectionsBlock(r, 3));
}

TEST(ObjectionRule, FractionOfStatesPresentRoundsUp) {
  RouteRule r = NonObjection(ObjectionRuleKind::kFractionPresent);
  r.fraction_of_states_present = 1.0 / 3;
  r.states_present = 99;
  EXPECT_EQ(BlockingThreshold(r), 33);
  r.states_present = 100;
  EXPECT_EQ(BlockingThreshold(r), 34);
  r.states_present = 0;  // unknown: all UN members
  EXPECT_EQ(BlockingThreshold(r), 65);
}

TEST(Admission, GroupsAndStatuses) {
  RouteRule r = Inherited();
  EXPECT_EQ(ErrorReason(CheckAdmissible(r, Ngo(Ecosoc::kNone))), "STATUS_NOT_QUALIFYING");
  EXPECT_TRUE(CheckAdmissible(r, Ngo(Ecosoc::kGeneral)).ok());
  r.eligible_groups = {vocabulary::StakeholderGroup::kPrivateSector};
  EXPECT_EQ(ErrorReason(CheckAdmissible(r, Ngo(Ecosoc::kGeneral))), "NOT_ELIGIBLE");
}

// An accreditation `st` in process `process`, valid until `until`.
Accreditation Held(const std::string& process, AccStatus st = AccStatus::kActive,
                   absl::Time until = absl::InfiniteFuture()) {
  Accreditation a;
  a.process = process;
  a.stakeholder = "ngo";
  a.status = st;
  a.valid_from = kNow - absl::Hours(24);
  a.valid_until = until;
  a.version = 1;
  return a;
}

TEST(Admission, AnActiveAccreditationInAQualifyingProcessIsAnInheritedStatus) {
  RouteRule r = Inherited();
  r.qualifying_processes = {"igf", "wsis"};
  EXPECT_EQ(ErrorReason(CheckAdmissible(r, Ngo(Ecosoc::kNone), {}, kNow)), "STATUS_NOT_QUALIFYING");
  EXPECT_TRUE(CheckAdmissible(r, Ngo(Ecosoc::kNone), {Held("wsis")}, kNow).ok());
  // Another process, or one that is not active or has ended, does not qualify.
  for (const Accreditation& a :
       {Held("oewg"), Held("igf", AccStatus::kSuspended), Held("igf", AccStatus::kRevoked),
        Held("igf", AccStatus::kExpired), Held("igf", AccStatus::kActive, kNow)}) {
    EXPECT_FALSE(QualifyingAccreditation(r, a, kNow))
        << a.process << " " << AccStatusName(a.status);
    EXPECT_EQ(ErrorReason(CheckAdmissible(r, Ngo(Ecosoc::kNone), {a}, kNow)),
              "STATUS_NOT_QUALIFYING");
  }
  // One for a session still to come qualifies; validity is checked at `now`.
  Accreditation coming = Held("igf", AccStatus::kActive, kNow + absl::Hours(48));
  coming.valid_from = kNow + absl::Hours(24);
  EXPECT_TRUE(QualifyingAccreditation(r, coming, kNow));
  EXPECT_FALSE(QualifyingAccreditation(r, coming, kNow + absl::Hours(48)));
  // The group rule still applies.
  r.eligible_groups = {vocabulary::StakeholderGroup::kPrivateSector};
  EXPECT_EQ(ErrorReason(CheckAdmissible(r, Ngo(Ecosoc::kNone), {Held("igf")}, kNow)),
            "NOT_ELIGIBLE");
}

TEST(Submit, InheritedByAnotherAccreditationIsApprovedAtOnceNamingIt) {
  RouteRule r = Inherited();
  r.qualifying_processes = {"igf"};
  auto no = SubmitTransition(Draft(), r, Disclosure::kPublic, Ngo(Ecosoc::kNone), kNow, "x",
                             {Held("igf", AccStatus::kSuspended)});
  EXPECT_EQ(ErrorReason(no.status()), "STATUS_NOT_QUALIFYING");
  auto t = SubmitTransition(Draft(), r, Disclosure::kPublic, Ngo(Ecosoc::kNone), kNow, "x",
                            {Held("igf")});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->application.state, AppState::kApproved);
  EXPECT_EQ(t->application.decision_reason, "accredited to processes/igf");
  ASSERT_TRUE(t->grant.has_value());
  EXPECT_EQ(t->grant->rights,
            (std::vector<Right>{Right::kAttendPlenary, Right::kAttendThematicGroups,
                                Right::kOralStatements, Right::kWrittenInput}));
  // A qualifying ECOSOC status is named first.
  auto eco = SubmitTransition(Draft(), r, Disclosure::kPublic, Ngo(Ecosoc::kGeneral), kNow, "x",
                              {Held("igf")});
  ASSERT_TRUE(eco.ok());
  EXPECT_EQ(eco->application.decision_reason, "qualifying status held");
}

TEST(Admission, RouteMustBeOffered) {
  ProcessInfo p{"oewg", {NonObjection()}, Disclosure::kPublic};
  EXPECT_TRUE(FindRoute(p, "non-objection").ok());
  auto missing = FindRoute(p, "committee");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(missing.status()), "ROUTE_NOT_OFFERED");
}

TEST(Submit, InheritedStatusIsApprovedAtOnceWithItsRights) {
  auto t = SubmitTransition(Draft(), Inherited(), Disclosure::kPublic, Ngo(Ecosoc::kGeneral), kNow,
                            "stakeholder:ngo");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->application.state, AppState::kApproved);
  EXPECT_EQ(t->expected_version, 1);
  EXPECT_EQ(t->application.version, 2);
  ASSERT_TRUE(t->grant.has_value());
  EXPECT_EQ(t->grant->rights,
            (std::vector<Right>{Right::kAttendPlenary, Right::kAttendThematicGroups,
                                Right::kOralStatements, Right::kWrittenInput}));
  EXPECT_EQ(t->grant->valid_until, kNow + absl::Hours(24 * 365));
  EXPECT_TRUE(t->release_open);
  ASSERT_EQ(t->events.size(), 3u);
  EXPECT_EQ(t->events[1].type, "application.approved");
  EXPECT_EQ(t->events[2].type, "accreditation.granted");
  EXPECT_EQ(t->decision_duration, absl::ZeroDuration());
}

absl::Time Utc(int y, int m, int d) {
  return absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone());
}

// kNow is 2023-11-14 22:30 UTC. Sessions: one ended, then Dec 4-8 and Mar 1-5 (inclusive).
RouteRule PerSession() {
  RouteRule r = Inherited();
  r.validity = absl::ZeroDuration();
  r.sessions = {{"s1", Utc(2023, 11, 1), Utc(2023, 11, 4)},
                {"s2", Utc(2023, 12, 4), Utc(2023, 12, 9)},
                {"s3", Utc(2024, 3, 1), Utc(2024, 3, 6)}};
  return r;
}

TEST(Validity, ZeroValidityIsTheNextSessionWhenNoneIsCurrent) {
  auto t = SubmitTransition(Draft(), PerSession(), Disclosure::kPublic, Ngo(Ecosoc::kGeneral), kNow,
                            "x");
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_TRUE(t->grant.has_value());
  EXPECT_EQ(t->grant->valid_from, Utc(2023, 12, 4));
  EXPECT_EQ(t->grant->valid_until, Utc(2023, 12, 9));  // end date Dec 8 inclusive
  EXPECT_EQ(t->events[2].fields.back().second,
            std::to_string(absl::ToUnixMillis(Utc(2023, 12, 9))));
  const std::optional<Accreditation> acc = t->grant;
  EXPECT_EQ(DecideAccess(acc, Right::kAttendPlenary, kNow).denial_reason, "NOT_YET_VALID");
  EXPECT_EQ(
      DecideAccess(acc, Right::kAttendPlenary, Utc(2023, 12, 4) - absl::Seconds(1)).denial_reason,
      "NOT_YET_VALID");
  EXPECT_TRUE(DecideAccess(acc, Right::kAttendPlenary, Utc(2023, 12, 4)).allowed);
  EXPECT_TRUE(
      DecideAccess(acc, Right::kAttendPlenary, Utc(2023, 12, 9) - absl::Seconds(1)).allowed);
  EXPECT_EQ(DecideAccess(acc, Right::kAttendPlenary, Utc(2023, 12, 9)).denial_reason, "EXPIRED");
}

TEST(Validity, ZeroValidityIsTheCurrentSessionThenTheNextThenUntilTheProcessEnds) {
  Application app = Draft();
  app.rule = PerSession();
  // Approved during the second session: that session, from its start.
  Accreditation during = GrantFor(app, Utc(2023, 12, 6) + absl::Hours(15));
  EXPECT_EQ(during.valid_from, Utc(2023, 12, 4));
  EXPECT_EQ(during.valid_until, Utc(2023, 12, 9));
  // The last day of a session still counts as that session.
  EXPECT_EQ(GrantFor(app, Utc(2023, 12, 8) + absl::Hours(23)).valid_until, Utc(2023, 12, 9));
  // Once it has ended: the next one.
  Accreditation next = GrantFor(app, Utc(2023, 12, 9));
  EXPECT_EQ(next.valid_from, Utc(2024, 3, 1));
  EXPECT_EQ(next.valid_until, Utc(2024, 3, 6));
  // After the last session, and with no dated session at all: until the process ends.
  for (const auto& sessions : {app.rule.sessions, std::vector<SessionWindow>{}}) {
    app.rule.sessions = sessions;
    Accreditation open = GrantFor(app, Utc(2024, 6, 1));
    EXPECT_EQ(open.valid_from, Utc(2024, 6, 1));
    EXPECT_EQ(open.valid_until, absl::InfiniteFuture());
  }
  // A positive validity ignores the sessions.
  app.rule = PerSession();
  app.rule.validity = absl::Hours(24);
  Accreditation timed = GrantFor(app, kNow);
  EXPECT_EQ(timed.valid_from, kNow);
  EXPECT_EQ(timed.valid_until, kNow + absl::Hours(24));
  EXPECT_EQ(SessionAt({}, kNow), nullptr);
}

TEST(Submit, NonObjectionStartsTheNoticePeriod) {
  auto t = SubmitTransition(Draft(), NonObjection(), Disclosure::kCountOnly, Ngo(), kNow, "x");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->application.state, AppState::kInNotice);
  ASSERT_EQ(t->due_add.size(), 1u);
  EXPECT_EQ(t->due_add[0].first, DueKind::kNotice);
  EXPECT_EQ(t->due_add[0].second, kNow + absl::Hours(24 * 14));
  EXPECT_FALSE(t->grant.has_value());
  EXPECT_EQ(t->application.disclosure, Disclosure::kCountOnly);
  EXPECT_EQ(t->application.group, vocabulary::StakeholderGroup::kCivilSociety);
}

TEST(Submit, OnlyADraft) {
  Application a = Draft();
  a.state = AppState::kInNotice;
  auto t = SubmitTransition(a, NonObjection(), Disclosure::kPublic, Ngo(), kNow, "x");
  EXPECT_EQ(ErrorReason(t.status()), "WRONG_STATE");
}

Application InReview() {
  auto t = SubmitTransition(Draft(), Committee(), Disclosure::kPublic, Ngo(), kNow, "x");
  return t->application;
}

TEST(Review, DeferCountsAndSchedulesAReminder) {
  auto t = ReviewTransition(InReview(), ReviewDecision::kDefer, {"Funding sources?"}, "", kNow,
                            "state:CU");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->application.state, AppState::kDeferred);
  EXPECT_EQ(t->application.deferrals, 1);
  EXPECT_EQ(t->due_add[0].first, DueKind::kReminder);
  auto answered = AnswerTransition(t->application, {"Membership fees."}, kNow, "stakeholder:ngo");
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->application.state, AppState::kInReview);
  EXPECT_EQ(answered->due_remove, std::vector<DueKind>{DueKind::kReminder});
  auto again = ReviewTransition(answered->application, ReviewDecision::kDefer, {"More?"}, "", kNow,
                                "state:CU");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->application.deferrals, 2);
  bool repeat = false;
  for (const auto& c : again->counters) repeat |= c.process_field == "redefer";
  EXPECT_TRUE(repeat);
}

TEST(Review, ApproveAndRejectAreTerminal) {
  auto ok = ReviewTransition(InReview(), ReviewDecision::kApprove, {}, "", kNow, "state:US");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->application.state, AppState::kApproved);
  EXPECT_TRUE(ok->grant.has_value());
  auto no = ReviewTransition(InReview(), ReviewDecision::kReject, {}, "", kNow, "state:US");
  EXPECT_EQ(no->application.state, AppState::kRejected);
  EXPECT_FALSE(no->grant.has_value());
  EXPECT_EQ(ErrorReason(ReviewTransition(no->application, ReviewDecision::kApprove, {}, "", kNow,
                                         "state:US")
                            .status()),
            "WRONG_STATE");
}

TEST(Withdraw, DraftLeavesNoFiguresAndTerminalIsFinal) {
  auto t = WithdrawTransition(Draft(), kNow, "stakeholder:ngo");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->application.state, AppState::kWithdrawn);
  EXPECT_TRUE(t->counters.empty());
  EXPECT_TRUE(t->release_open);
  EXPECT_EQ(ErrorReason(WithdrawTransition(t->application, kNow, "x").status()), "WRONG_STATE");
}

// An application in its notice period under `rule`, submitted at kNow.
Application InNotice(const RouteRule& rule) {
  auto t = SubmitTransition(Draft(), rule, Disclosure::kPublic, Ngo(), kNow, "x");
  return t->application;
}

TEST(NoticeEnd, EveryObjectionRuleKindDecidesByObjectionsBlock) {
  RouteRule any = NonObjection();
  RouteRule at_least = NonObjection(ObjectionRuleKind::kAtLeastN);
  at_least.min_objecting_states = 2;
  RouteRule fraction = NonObjection(ObjectionRuleKind::kFractionPresent);
  fraction.fraction_of_states_present = 0.5;
  fraction.states_present = 6;
  for (const RouteRule& rule : {any, at_least, fraction}) {
    const Application app = InNotice(rule);
    const absl::Time end = app.due_time;
    for (int n = 0; n <= 4; ++n) {
      std::vector<std::string> objectors;
      objectors.reserve(n);
      for (int i = 0; i < n; ++i) objectors.push_back(std::string(1, static_cast<char>('A' + i)));
      auto t = NoticeEndTransition(app, objectors, end);
      ASSERT_TRUE(t.ok()) << t.status();
      const bool blocked = ObjectionsBlock(rule, n);
      EXPECT_EQ(t->application.state, blocked ? AppState::kRejected : AppState::kApproved)
          << static_cast<int>(rule.objection_kind) << " " << n;
      EXPECT_EQ(t->expected_version, app.version);
      EXPECT_EQ(t->application.decided_by, "scheduler");
      EXPECT_TRUE(t->release_open);
      EXPECT_EQ(t->grant.has_value(), !blocked);
      ASSERT_FALSE(t->events.empty());
      EXPECT_EQ(t->events[0].type, blocked ? "application.blocked" : "application.approved");
      int per_state = 0;
      for (const auto& c : t->counters) per_state += c.process_field.rfind("blk:1:", 0) == 0;
      EXPECT_EQ(per_state, blocked ? n : 0);
    }
  }
}

TEST(NoticeEnd, NotBeforeTheEndNorOutsideTheNoticePeriod) {
  const Application app = InNotice(NonObjection());
  auto early = NoticeEndTransition(app, {}, app.due_time - absl::Milliseconds(1));
  EXPECT_EQ(ErrorReason(early.status()), "NOT_DUE");
  Application decided = app;
  decided.state = AppState::kWithdrawn;
  EXPECT_EQ(ErrorReason(NoticeEndTransition(decided, {}, app.due_time).status()), "NOT_DUE");
}

TEST(Reminder, SendsTheMaximumThenClosesOneIntervalAfterTheLast) {
  for (int max : {1, 3}) {
    SCOPED_TRACE(max);
    RouteRule rule = Committee();
    rule.max_unanswered_reminders = max;
    auto submitted = SubmitTransition(Draft(), rule, Disclosure::kPublic, Ngo(), kNow, "x");
    auto deferred = ReviewTransition(submitted->application, ReviewDecision::kDefer, {"q"}, "",
                                     kNow, "state:CU");
    Application app = deferred->application;
    EXPECT_EQ(app.due_time, kNow + rule.reminder_interval);
    EXPECT_EQ(DueActionOf(app), DueAction::kReminder);
    EXPECT_EQ(ErrorReason(ReminderTransition(app, app.due_time - absl::Seconds(1)).status()),
              "NOT_DUE");
    for (int i = 1; i <= max; ++i) {
      auto t = ReminderTransition(app, app.due_time);
      ASSERT_TRUE(t.ok()) << t.status();
      EXPECT_EQ(t->application.state, AppState::kDeferred);
      EXPECT_EQ(t->application.unanswered_reminders, i);
      ASSERT_EQ(t->due_add.size(), 1u);
      EXPECT_EQ(t->due_add[0].second, app.due_time + rule.reminder_interval);
      EXPECT_EQ(t->events[0].type, "application.reminded");
      EXPECT_EQ(DueActionOf(t->application), i < max ? DueAction::kReminder : DueAction::kClosure);
      app = t->application;
    }
    const absl::Time last_reminder = app.due_time - rule.reminder_interval;
    auto closed = ReminderTransition(app, app.due_time);
    ASSERT_TRUE(closed.ok()) << closed.status();
    EXPECT_EQ(closed->application.state, AppState::kClosed);
    EXPECT_EQ(closed->application.unanswered_reminders, max);
    EXPECT_EQ(closed->application.decide_time, last_reminder + rule.reminder_interval);
    EXPECT_TRUE(closed->due_add.empty());
    EXPECT_TRUE(closed->release_open);
    EXPECT_EQ(DueActionOf(closed->application), DueAction::kNone);
  }
}

}  // namespace
}  // namespace polylateral::accreditation
