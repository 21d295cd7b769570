#include "services/composition/delegation/openness.h"

#include "gtest/gtest.h"

namespace polylateral::composition {
namespace {

Delegation Make(const std::string& state, const std::string& region, int ngos) {
  Delegation d;
  d.state = state;
  d.region = region;
  d.members.push_back({MemberRole::kHead, "Head", "", "", "", "", ""});
  for (int i = 0; i < ngos; ++i) {
    d.members.push_back({MemberRole::kNonGovernmental, "", "", "x", "", "", "ACADEMIA"});
  }
  return d;
}

TEST(OpennessTest, CreateAddsAndDeleteRemovesTheSameContribution) {
  Delegation d = Make("BR", "LATIN_AMERICAN_AND_CARIBBEAN", 2);
  OpennessDelta add = ContributionDelta(nullptr, &d);
  EXPECT_EQ(add.session.at("delegations"), 1);
  EXPECT_EQ(add.session.at("open"), 1);
  EXPECT_EQ(add.session.at("ng"), 2);
  EXPECT_EQ(add.session.at("group:ACADEMIA"), 2);
  EXPECT_EQ(add.session.at("region:LATIN_AMERICAN_AND_CARIBBEAN"), 2);
  EXPECT_EQ(add.process.at("open:BR"), 1);
  OpennessDelta remove = ContributionDelta(&d, nullptr);
  for (const auto& [field, delta] : add.session) EXPECT_EQ(remove.session.at(field), -delta);
}

TEST(OpennessTest, ClosingADelegationMovesOnlyWhatChanged) {
  Delegation before = Make("BR", "LATIN_AMERICAN_AND_CARIBBEAN", 1);
  Delegation after = Make("BR", "LATIN_AMERICAN_AND_CARIBBEAN", 0);
  OpennessDelta delta = ContributionDelta(&before, &after);
  EXPECT_EQ(delta.session.count("delegations"), 0u);  // still one delegation
  EXPECT_EQ(delta.session.at("open"), -1);
  EXPECT_EQ(delta.process.at("open:BR"), -1);
  EXPECT_EQ(delta.process.count("deleg:BR"), 0u);
}

TEST(OpennessTest, ReportSharesAndPatterns) {
  OpennessReport r = BuildOpennessReport(
      {{"s1", {{"delegations", 4}, {"open", 1}, {"ng", 3}, {"group:ACADEMIA", 3}}},
       {"s2", {{"delegations", 0}}}},
      {{"open:BR", "2"},
       {"deleg:BR", "3"},
       {"region:BR", "LATIN_AMERICAN_AND_CARIBBEAN"},
       {"open:KE", "1"},
       {"open:AR", "0"}});
  ASSERT_EQ(r.sessions.size(), 1u);  // s2 has no delegation left
  EXPECT_DOUBLE_EQ(r.sessions[0].open_share, 0.25);
  ASSERT_EQ(r.states.size(), 2u);  // AR never opened
  EXPECT_TRUE(r.states[0].systematic);
  EXPECT_EQ(r.states[0].delegation_sessions, 3);
  EXPECT_FALSE(r.states[1].systematic);
}

}  // namespace
}  // namespace polylateral::composition
