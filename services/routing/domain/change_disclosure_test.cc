#include "services/routing/domain/change_disclosure.h"

#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

const Principal kSecretariat{Principal::Kind::kSecretariat, "gm"};
const Principal kOtherSecretariat{Principal::Kind::kSecretariat, "igf"};
const Principal kStakeholder{Principal::Kind::kStakeholder, "acme"};
const Principal kState{Principal::Kind::kState, "BR"};
const Principal kOperator{Principal::Kind::kOperator, "ops"};

RoutingChange Change(ChangeKind kind, const std::string& destination = "") {
  RoutingChange c;
  c.kind = kind;
  c.input_id = "in1";
  c.destination = destination;
  c.process_ids = {"gm"};
  return c;
}

TEST(MaySeeChange, InputEventsAreShownToEveryoneAsGetInputShowsTheInput) {
  for (ChangeKind k :
       {ChangeKind::kInputSubmitted, ChangeKind::kInputRerouted, ChangeKind::kUptakeRecorded,
        ChangeKind::kCarriedForward, ChangeKind::kOutcomeRegistered}) {
    EXPECT_TRUE(MaySeeChange(kStakeholder, Change(k)));
    EXPECT_TRUE(MaySeeChange(kState, Change(k)));
    EXPECT_TRUE(MaySeeChange(Principal{}, Change(k)));
  }
}

TEST(MaySeeChange, AcknowledgementsOnlyToTheInboxReaders) {
  const RoutingChange plenary = Change(ChangeKind::kDeliveryAcked, "processes/gm/plenary");
  EXPECT_TRUE(MaySeeChange(kSecretariat, plenary));
  EXPECT_TRUE(MaySeeChange(kOperator, plenary));
  EXPECT_FALSE(MaySeeChange(kOtherSecretariat, plenary));
  EXPECT_FALSE(MaySeeChange(kStakeholder, plenary));
  const RoutingChange state = Change(ChangeKind::kDeliveryAcked, "states/BR/inbox");
  EXPECT_TRUE(MaySeeChange(kState, state));
  EXPECT_FALSE(MaySeeChange(Principal{Principal::Kind::kState, "FR"}, state));
  EXPECT_FALSE(MaySeeChange(kSecretariat, state));
}

TEST(MaySeeChange, DeadLettersOnlyToOperators) {
  for (ChangeKind k : {ChangeKind::kDeliveryDeadLettered, ChangeKind::kDeadLetterRequeued,
                       ChangeKind::kDeadLetterDropped}) {
    const RoutingChange c = Change(k, "processes/gm/plenary");
    EXPECT_TRUE(MaySeeChange(kOperator, c));
    EXPECT_FALSE(MaySeeChange(kSecretariat, c));
  }
}

TEST(MaySeeChange, UnknownKindsToNobody) {
  EXPECT_FALSE(MaySeeChange(kOperator, Change(ChangeKind::kUnknown)));
}

TEST(ChangeConcernsProcess, FiltersByTheProcessesTheEventNames) {
  const RoutingChange c = Change(ChangeKind::kInputSubmitted);
  EXPECT_TRUE(ChangeConcernsProcess(c, ""));
  EXPECT_TRUE(ChangeConcernsProcess(c, "gm"));
  EXPECT_FALSE(ChangeConcernsProcess(c, "igf"));
}

TEST(FeedPosition, ParsesOrdersAndStepsBack) {
  auto p = FeedPosition::Parse("1700000000000-3");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->ToString(), "1700000000000-3");
  EXPECT_LT(*FeedPosition::Parse("5-9"), *FeedPosition::Parse("6-0"));
  EXPECT_EQ(p->Before().ToString(), "1700000000000-2");
  EXPECT_EQ(FeedPosition::Parse("6-0")->Before().ToString(), "5-18446744073709551615");
  for (const char* bad : {"", "-", "1-", "-1", "1", "a-1", "1-+2", " 1-2", "1-2-3"}) {
    EXPECT_FALSE(FeedPosition::Parse(bad).has_value()) << bad;
  }
}

TEST(RoutingChange, ReadsTheFieldsTheScriptsWrite) {
  RoutingChange c;
  c.SetField("k", "input.rerouted");
  c.SetField("in", "abc");
  c.SetField("d", "states/BR/inbox,clearing-house");
  c.SetField("w", "");
  c.SetField("p", "gm");
  c.SetField("future", "ignored");
  EXPECT_EQ(c.kind, ChangeKind::kInputRerouted);
  EXPECT_EQ(c.input_id, "abc");
  EXPECT_EQ(c.destinations, (std::vector<std::string>{"states/BR/inbox", "clearing-house"}));
  EXPECT_TRUE(c.withdrawn.empty());
  EXPECT_EQ(c.process_ids, std::vector<std::string>{"gm"});
  EXPECT_EQ(ChangeKindFromName("nope"), ChangeKind::kUnknown);
}

}  // namespace
}  // namespace polylateral::routing
