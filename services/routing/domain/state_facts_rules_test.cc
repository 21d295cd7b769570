#include "services/routing/domain/state_facts_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

TEST(StateFactsRulesTest, MemberAndObserverStatesAreKnown) {
  for (const char* iso2 : {"BR", "CA", "CL", "FR", "VA", "PS"}) {
    EXPECT_TRUE(CheckKnownState(iso2, "relay.state").ok()) << iso2;
  }
}

TEST(StateFactsRulesTest, CodesOfNoStateAreRefusedNamingTheField) {
  for (const char* iso2 : {"ZZ", "XK", "br", "EU", "", "BRA"}) {
    absl::Status s = CheckKnownState(iso2, "consultation.state");
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << iso2 << ": " << s;
    EXPECT_EQ(ErrorReason(s), "UNKNOWN_STATE") << iso2;
    ASSERT_EQ(ErrorViolations(s).size(), 1U);
    EXPECT_EQ(ErrorViolations(s)[0].field, "consultation.state");
  }
}

TEST(StateFactsRulesTest, RelaysAreCappedPerState) {
  EXPECT_TRUE(CheckRelayRoom("CA", 0, 2).ok());
  EXPECT_TRUE(CheckRelayRoom("CA", 1, 2).ok());
  absl::Status full = CheckRelayRoom("CA", 2, 2);
  EXPECT_TRUE(absl::IsResourceExhausted(full)) << full;
  EXPECT_EQ(ErrorReason(full), "TOO_MANY_RELAYS");
  EXPECT_EQ(ErrorReason(CheckRelayRoom("CA", 7, 2)), "TOO_MANY_RELAYS");
  EXPECT_EQ(kDefaultMaxRelaysPerState, 50);
}

}  // namespace
}  // namespace polylateral::routing
