#include "services/routing/domain/rerouting.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

using testing::At;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

MATCHER_P2(RouteTo, kind, destination, "") {
  return arg.kind == kind && arg.destination == destination;
}

constexpr char kGroupCip[] = "processes/global-mechanism/groups/tg-cip";

AccreditationEvent Event(AccreditationEvent::Kind kind, std::string who = "acme-security") {
  AccreditationEvent e;
  e.kind = kind;
  e.stakeholder_id = std::move(who);
  e.process_id = "global-mechanism";
  e.rights = {vocabulary::ParticipationRight::kAttendPlenary,
              vocabulary::ParticipationRight::kWrittenInput};
  e.detail = "decision d-7";
  return e;
}

TEST(ReroutingTest, AnApprovalMovesAQueuedInputIntoTheInstitutionsChannel) {
  RoutingFacts facts = testing::GlobalMechanismFacts();
  facts.access.clear();
  const RoutingInput in = ForRouting(testing::CipSubmission("acme-security"));
  const absl::Time now = At(2026, 3, 10);
  auto before = DecideRoutes(in, facts, now);
  ASSERT_TRUE(before.ok());
  ASSERT_THAT(before->routes, ElementsAre(RouteTo(RouteKind::kVertical, "states/CA/inbox"),
                                          RouteTo(RouteKind::kVertical, "states/CL/inbox")));

  const AccreditationEvent approved = Event(AccreditationEvent::Kind::kApproved);
  ASSERT_TRUE(AffectsInput(approved, in, facts));
  ApplyAccreditationEvent(approved, facts);
  auto change = Reroute(in, before->routes, facts, now, DescribeEvent(approved));
  ASSERT_TRUE(change.ok());
  EXPECT_TRUE(change->changed());
  EXPECT_THAT(change->added, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));
  EXPECT_THAT(change->withdrawn, ElementsAre(RouteTo(RouteKind::kVertical, "states/CA/inbox"),
                                             RouteTo(RouteKind::kVertical, "states/CL/inbox")));
  EXPECT_THAT(change->kept, IsEmpty());
  EXPECT_EQ(change->cause, "accreditation of acme-security in global-mechanism approved");
  EXPECT_EQ(change->change_time, now);
  EXPECT_EQ(change->input_id, "in-1");
}

TEST(ReroutingTest, ARevocationWithdrawsTheHorizontalRouteAndRecordsWhy) {
  RoutingFacts facts = testing::GlobalMechanismFacts();
  const RoutingInput in = ForRouting(testing::CipSubmission("acme-security"));
  const absl::Time now = At(2026, 3, 10);
  auto before = DecideRoutes(in, facts, now);
  ASSERT_TRUE(before.ok());
  ASSERT_THAT(before->routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));

  const AccreditationEvent revoked = Event(AccreditationEvent::Kind::kRevoked);
  ApplyAccreditationEvent(revoked, facts);
  auto change = Reroute(in, before->routes, facts, now, DescribeEvent(revoked));
  ASSERT_TRUE(change.ok());
  EXPECT_THAT(change->withdrawn, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));
  EXPECT_THAT(change->added, ElementsAre(RouteTo(RouteKind::kVertical, "states/CA/inbox"),
                                         RouteTo(RouteKind::kVertical, "states/CL/inbox")));
  ASSERT_EQ(change->decision.exclusions.size(), 1u);
  EXPECT_EQ(change->decision.exclusions[0].code, "REVOKED");
  EXPECT_THAT(change->decision.exclusions[0].reason, HasSubstr("decision d-7"));
}

TEST(ReroutingTest, ABlockAfterTheNoticePeriodReplacesNotAccreditedEvenWithTheSameRoutes) {
  // Submitted while the application was pending: NOT_ACCREDITED, and only the clearing house.
  RoutingFacts facts = testing::GlobalMechanismFacts();
  facts.author_country = "BR";
  facts.relays.clear();
  facts.access.clear();
  const RoutingInput in = ForRouting(testing::CipSubmission("acme-security"));
  const absl::Time now = At(2026, 3, 10);
  auto before = DecideRoutes(in, facts, now);
  ASSERT_TRUE(before.ok());
  ASSERT_THAT(before->routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
  ASSERT_EQ(before->exclusions.size(), 1u);
  ASSERT_EQ(before->exclusions[0].code, kNotAccredited);

  const AccreditationEvent blocked = Event(AccreditationEvent::Kind::kBlockedByObjection);
  ApplyAccreditationEvent(blocked, facts);
  auto change = Reroute(in, before->routes, facts, now, DescribeEvent(blocked), before->exclusions);
  ASSERT_TRUE(change.ok());
  EXPECT_FALSE(change->changed());
  EXPECT_TRUE(change->exclusions_changed);
  EXPECT_TRUE(change->to_record());
  ASSERT_EQ(change->decision.exclusions.size(), 1u);
  EXPECT_EQ(change->decision.exclusions[0].code, kBlockedByObjection);
  // Deciding again on the same facts records nothing more.
  auto again =
      Reroute(in, change->decision.routes, facts, now, "again", change->decision.exclusions);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->to_record());
}

TEST(ReroutingTest, UnrelatedEventsChangeNothing) {
  RoutingFacts facts = testing::GlobalMechanismFacts();
  const RoutingInput in = ForRouting(testing::CipSubmission("acme-security"));
  const absl::Time now = At(2026, 3, 10);
  auto before = DecideRoutes(in, facts, now);
  ASSERT_TRUE(before.ok());
  const AccreditationEvent other = Event(AccreditationEvent::Kind::kRevoked, "someone-else");
  EXPECT_FALSE(AffectsInput(other, in, facts));
  ApplyAccreditationEvent(other, facts);
  auto change = Reroute(in, before->routes, facts, now, DescribeEvent(other));
  ASSERT_TRUE(change.ok());
  EXPECT_FALSE(change->changed());
  EXPECT_THAT(change->kept, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));
  // A network the author belongs to does affect it.
  facts.networks = {{"someone-else", ""}};
  EXPECT_TRUE(AffectsInput(other, in, facts));
}

TEST(ReroutingTest, ApplyingAnEventReplacesOnlyItsRights) {
  RoutingFacts facts;
  facts.access = {testing::Allowed("acme-security", "global-mechanism",
                                   vocabulary::ParticipationRight::kOralStatements),
                  testing::Allowed("acme-security", "global-mechanism")};
  AccreditationEvent e = Event(AccreditationEvent::Kind::kBlockedByObjection);
  e.rights = {vocabulary::ParticipationRight::kWrittenInput};
  ApplyAccreditationEvent(e, facts);
  EXPECT_TRUE(FindAccess(facts, "acme-security", "global-mechanism",
                         vocabulary::ParticipationRight::kOralStatements)
                  .allowed);
  const AccessAnswer written = FindAccess(facts, "acme-security", "global-mechanism",
                                          vocabulary::ParticipationRight::kWrittenInput);
  EXPECT_FALSE(written.allowed);
  EXPECT_EQ(written.denial_reason, kBlockedByObjection);
  EXPECT_EQ(facts.access.size(), 2u);
}

}  // namespace
}  // namespace polylateral::routing
