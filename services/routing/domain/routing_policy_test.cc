#include "services/routing/domain/routing_policy.h"

#include <algorithm>

#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

using testing::At;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

MATCHER_P2(RouteTo, kind, destination, "") {
  return arg.kind == kind && arg.destination == destination;
}
MATCHER_P2(ExclusionOf, destination, code, "") {
  return arg.destination == destination && arg.code == code;
}

constexpr char kGroupCip[] = "processes/global-mechanism/groups/tg-cip";
constexpr char kGroupCapacity[] = "processes/global-mechanism/groups/tg-capacity";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";

RoutingDecision Decide(const Input& in, const RoutingFacts& f, absl::Time now) {
  auto d = DecideRoutes(ForRouting(in), f, now);
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *d : RoutingDecision{};
}

TEST(RoutingPolicyTest, AccreditedCompanyReachesTheGroupWhoseCurrentItemMatches) {
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"),
                             testing::GlobalMechanismFacts(), At(2026, 3, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));
  EXPECT_EQ(d.routes[0].process_id, "global-mechanism");
  EXPECT_THAT(d.routes[0].reason, HasSubstr("Protecting critical infrastructure"));
  EXPECT_THAT(d.exclusions, IsEmpty());
}

TEST(RoutingPolicyTest, WhenTheAgendasRotateTheOtherGroupTakesIt) {
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"),
                             testing::GlobalMechanismFacts(), At(2026, 4, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCapacity)));
  EXPECT_THAT(d.routes[0].reason, HasSubstr("Capacity building for critical infrastructure"));
}

TEST(RoutingPolicyTest, SubThemesMatchAnItemOnTheParentTheme) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.processes[0].thematic_groups[0].agenda[0].themes = {"cybersecurity"};
  f.processes[0].thematic_groups[1].agenda[0].themes = {"capacity-building"};
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 3, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCip)));
  // The reverse does not hold: an input on the parent does not match a sub-theme item.
  Input broad = testing::CipSubmission("acme-security");
  broad.themes = {"capacity-building"};
  f.processes[0].thematic_groups[1].agenda[0].themes = {"cyber-capacity-building"};
  d = Decide(broad, f, At(2026, 3, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kPlenary)));
}

TEST(RoutingPolicyTest, WithNoMatchingItemThePlenaryTakesItWhileTheWindowIsOpen) {
  const Input in = testing::CipSubmission("acme-security");
  RoutingDecision d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 5, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kPlenary)));
  EXPECT_THAT(d.routes[0].reason, HasSubstr("written-input window of session s1"));
  // After the window closes, the channel is closed and the indirect tracks take over.
  d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 6, 20));
  EXPECT_THAT(d.exclusions, ElementsAre(ExclusionOf(kPlenary, "CHANNEL_CLOSED")));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kVertical, "states/CL/inbox")));
}

TEST(RoutingPolicyTest, BlockedCompanyGoesThroughItsGovernmentAndTheBlockIsRecorded) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.access = {testing::Denied("acme-security", "global-mechanism", kBlockedByObjection)};
  f.access[0].detail = "objection by one state";
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 3, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kVertical, "states/CA/inbox"),
                                    RouteTo(RouteKind::kVertical, "states/CL/inbox")));
  EXPECT_EQ(d.routes[0].consultation_id, "ca-gm-2026");
  EXPECT_EQ(d.routes[0].via, "CA");
  EXPECT_THAT(d.routes[0].reason, HasSubstr("own government"));
  EXPECT_THAT(d.routes[1].reason, HasSubstr("relays"));
  ASSERT_THAT(d.exclusions, ElementsAre(ExclusionOf(kGroupCip, kBlockedByObjection)));
  EXPECT_THAT(d.exclusions[0].reason, HasSubstr("objection by one state"));
}

TEST(RoutingPolicyTest, AnotherCountrysConsultationIsNotTheAuthorsRoute) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.access.clear();
  f.author_country = "BR";
  f.relays.clear();
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 3, 10));
  // Nothing else takes it: the clearing house holds it, the exclusion says why.
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
  EXPECT_THAT(d.routes[0].reason, HasSubstr(kNotAccredited));
  EXPECT_THAT(d.exclusions, ElementsAre(ExclusionOf(kGroupCip, kNotAccredited)));
  // A closed consultation of the author's own government is no route either.
  f.author_country = "CA";
  d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 6, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
}

TEST(RoutingPolicyTest, ABlockedAuthorWithNoOtherTrackGoesToTheClearingHouse) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.author_country = "BR";
  f.relays.clear();
  f.networks.clear();
  for (AccessAnswer& a : f.access) {
    a.allowed = false;
    a.denial_reason = kBlockedByObjection;
  }
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 3, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
  EXPECT_TRUE(d.routes[0].process_id.empty());
  EXPECT_THAT(d.routes[0].reason, HasSubstr(kBlockedByObjection));
  EXPECT_THAT(d.exclusions, Contains(ExclusionOf(kGroupCip, kBlockedByObjection)));
}

TEST(RoutingPolicyTest, EveryChannelClosedMeansTheClearingHouse) {
  // No agenda item matches and no session is open: the owning process takes nothing now.
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.author_country = "BR";
  f.relays.clear();
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2030, 1, 1));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
  EXPECT_THAT(d.exclusions, Not(IsEmpty()));
}

TEST(RoutingPolicyTest, AccreditedNetworkCarriesAMembersInput) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.access = {testing::Allowed("gfce", "global-mechanism"),
              testing::Denied("other-net", "global-mechanism", "SUSPENDED")};
  f.networks = {{"other-net", "Suspended network"}, {"gfce", "Global Forum on Cyber Expertise"}};
  f.consultations.clear();
  f.relays.clear();
  RoutingDecision d = Decide(testing::CipSubmission("acme-security"), f, At(2026, 3, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kNetwork, "networks/gfce")));
  EXPECT_EQ(d.routes[0].via, "gfce");
  EXPECT_EQ(d.routes[0].process_id, "global-mechanism");
}

TEST(RoutingPolicyTest, AnInputNoProcessOwnsReachesTheClearingHouse) {
  Input in = testing::CipSubmission("acme-security");
  in.themes = {"e-waste"};
  RoutingDecision d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 3, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, kClearingHouseDestination)));
  EXPECT_THAT(d.routes[0].reason, HasSubstr("e-waste"));
  // The same input on a theme a process owns, whose channel takes it, does not go there.
  in.themes = {"critical-infrastructure-protection"};
  d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 3, 10));
  EXPECT_THAT(d.routes, Not(Contains(Field(&Route::kind, RouteKind::kClearingHouse))));
}

TEST(RoutingPolicyTest, AJointStatementRoutesOnceByItsLead) {
  const Input in = testing::JointCivilSocietyStatement(40);
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.access = {testing::Allowed("jcss-network", "global-mechanism")};
  for (const Signatory& s : in.joint->signatories) {
    f.access.push_back(testing::Allowed(s.stakeholder_id, "global-mechanism"));
  }
  RoutingDecision d = Decide(in, f, At(2026, 5, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kPlenary)));
  // Accredited signatories do not stand in for a lead that is not accredited.
  f.access.erase(f.access.begin());
  d = Decide(in, f, At(2026, 5, 10));
  EXPECT_THAT(d.routes, Not(Contains(Field(&Route::kind, RouteKind::kHorizontal))));
  EXPECT_THAT(d.exclusions, ElementsAre(ExclusionOf(kPlenary, kNotAccredited)));
}

TEST(RoutingPolicyTest, StatementRequestsNeedTheOralRightWhileTheSessionSits) {
  Input in = testing::CipSubmission("acme-security");
  in.kind = InputKind::kStatementRequest;
  in.target = {TargetKind::kSession, "global-mechanism", "s1", ""};
  RoutingFacts f = testing::GlobalMechanismFacts();
  RoutingDecision d = Decide(in, f, At(2026, 7, 7));
  EXPECT_THAT(d.routes, Not(Contains(Field(&Route::kind, RouteKind::kHorizontal))));
  EXPECT_THAT(d.exclusions,
              ElementsAre(ExclusionOf("processes/global-mechanism/sessions/s1", kNotAccredited)));
  f.access.push_back(testing::Allowed("acme-security", "global-mechanism",
                                      vocabulary::ParticipationRight::kOralStatements));
  d = Decide(in, f, At(2026, 7, 7));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal,
                                            "processes/global-mechanism/sessions/s1")));
  d = Decide(in, f, At(2026, 3, 10));
  EXPECT_THAT(d.exclusions,
              ElementsAre(ExclusionOf("processes/global-mechanism/sessions/s1", "CHANNEL_CLOSED")));
}

TEST(RoutingPolicyTest, AGroupTargetOffItsCurrentItemIsExcludedWithTheReason) {
  Input in = testing::CipSubmission("acme-security");
  in.target = {TargetKind::kThematicGroup, "global-mechanism", "", "tg-capacity"};
  RoutingDecision d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 3, 10));
  ASSERT_THAT(d.exclusions, ElementsAre(ExclusionOf(kGroupCapacity, "NO_MATCHING_AGENDA_ITEM")));
  EXPECT_THAT(d.exclusions[0].reason, HasSubstr("Capacity needs assessment"));
  EXPECT_THAT(d.routes, Contains(RouteTo(RouteKind::kVertical, "states/CA/inbox")));
  d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 4, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kHorizontal, kGroupCapacity)));
}

TEST(RoutingPolicyTest, ConsultationResponsesGoToTheirConsultationOnly) {
  Input in = testing::CipSubmission("acme-security");
  in.kind = InputKind::kConsultationResponse;
  in.consultation_id = "fr-ai-2026";
  RoutingDecision d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 3, 10));
  ASSERT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kVertical, "states/FR/inbox")));
  EXPECT_EQ(d.routes[0].consultation_id, "fr-ai-2026");
  d = Decide(in, testing::GlobalMechanismFacts(), At(2026, 9, 1));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kClearingHouse, "clearing-house")));
  EXPECT_THAT(d.exclusions, ElementsAre(ExclusionOf("states/FR/inbox", "CONSULTATION_CLOSED")));
  in.consultation_id = "nope";
  auto missing = DecideRoutes(ForRouting(in), testing::GlobalMechanismFacts(), At(2026, 3, 10));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(missing.status()), "CONSULTATION_NOT_FOUND");
}

TEST(RoutingPolicyTest, UnknownTargetsAreNotFound) {
  Input in = testing::CipSubmission("acme-security");
  in.target = {TargetKind::kProcess, "no-such-process", "", ""};
  auto d = DecideRoutes(ForRouting(in), testing::GlobalMechanismFacts(), At(2026, 3, 10));
  EXPECT_EQ(ErrorReason(d.status()), "PROCESS_NOT_FOUND");
  in.target = {TargetKind::kThematicGroup, "global-mechanism", "", "tg-none"};
  d = DecideRoutes(ForRouting(in), testing::GlobalMechanismFacts(), At(2026, 3, 10));
  EXPECT_EQ(ErrorReason(d.status()), "GROUP_NOT_FOUND");
  in.target = {TargetKind::kSession, "global-mechanism", "s9", ""};
  d = DecideRoutes(ForRouting(in), testing::GlobalMechanismFacts(), At(2026, 3, 10));
  EXPECT_EQ(ErrorReason(d.status()), "SESSION_NOT_FOUND");
}

TEST(RoutingPolicyTest, OrderDoesNotDependOnTheOrderOfTheFacts) {
  RoutingFacts f = testing::GlobalMechanismFacts();
  f.access = {testing::Allowed("net-b", "global-mechanism"),
              testing::Allowed("net-a", "global-mechanism")};
  f.networks = {{"net-b", ""}, {"net-a", ""}};
  f.relays.push_back({"AR", {"cybersecurity"}, "", absl::InfinitePast(), absl::InfiniteFuture()});
  f.relays.push_back({"CA", {"cybersecurity"}, "", absl::InfinitePast(), absl::InfiniteFuture()});
  const Input in = testing::CipSubmission("acme-security");
  RoutingDecision d = Decide(in, f, At(2026, 3, 10));
  EXPECT_THAT(d.routes, ElementsAre(RouteTo(RouteKind::kVertical, "states/AR/inbox"),
                                    RouteTo(RouteKind::kVertical, "states/CA/inbox"),
                                    RouteTo(RouteKind::kVertical, "states/CL/inbox"),
                                    RouteTo(RouteKind::kNetwork, "networks/net-a"),
                                    RouteTo(RouteKind::kNetwork, "networks/net-b")));
  // Canada's own consultation wins over its relay declaration for the same inbox.
  EXPECT_EQ(d.routes[1].consultation_id, "ca-gm-2026");
  std::reverse(f.relays.begin(), f.relays.end());
  std::reverse(f.networks.begin(), f.networks.end());
  std::reverse(f.processes.begin(), f.processes.end());
  RoutingDecision again = Decide(in, f, At(2026, 3, 10));
  ASSERT_EQ(again.routes.size(), d.routes.size());
  for (size_t i = 0; i < d.routes.size(); ++i) {
    EXPECT_EQ(again.routes[i].destination, d.routes[i].destination);
    EXPECT_EQ(again.routes[i].reason, d.routes[i].reason);
  }
  EXPECT_EQ(PreviewRoute(ForRouting(in), f, At(2026, 3, 10))->routes.size(), d.routes.size());
}

}  // namespace
}  // namespace polylateral::routing
