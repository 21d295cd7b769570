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

TEST(OpennessTest, ReportListsEverySessionAndParticipatingState) {
  // Participating: BR (open twice), KE (open once), AR (never open); ZA's only delegation
  // was deleted.
  OpennessReport r = BuildOpennessReport({"s3", "s1", "s2"},
                                         {{"s1",
                                           {{"delegations", 3},
                                            {"open", 2},
                                            {"ng", 3},
                                            {"gone", 1},
                                            {"group:ACADEMIA", 3},
                                            {"open_region:LATIN_AMERICAN_AND_CARIBBEAN", 1},
                                            {"open_region:AFRICAN", 1}}},
                                          {"s2",
                                           {{"delegations", 1},
                                            {"open", 1},
                                            {"ng", 1},
                                            {"group:CIVIL_SOCIETY", 1},
                                            {"open_region:LATIN_AMERICAN_AND_CARIBBEAN", 1}}},
                                          {"gone-session", {{"delegations", 0}}}},
                                         {{"open:BR", "2"},
                                          {"deleg:BR", "2"},
                                          {"region:BR", "LATIN_AMERICAN_AND_CARIBBEAN"},
                                          {"open:KE", "1"},
                                          {"deleg:KE", "1"},
                                          {"region:KE", "AFRICAN"},
                                          {"open:AR", "0"},
                                          {"deleg:AR", "1"},
                                          {"region:AR", "LATIN_AMERICAN_AND_CARIBBEAN"},
                                          {"deleg:ZA", "0"},
                                          {"region:ZA", "AFRICAN"}});
  ASSERT_EQ(r.sessions.size(), 3u);  // s3 has no delegation; gone-session is not listed
  EXPECT_EQ(r.sessions[0].session_id, "s1");
  EXPECT_EQ(r.sessions[2].session_id, "s3");
  EXPECT_EQ(r.sessions[2].delegations, 0);
  EXPECT_DOUBLE_EQ(r.sessions[0].open_share, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.sessions[0].participating_open_share, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.sessions[1].participating_open_share, 1.0 / 3.0);
  EXPECT_EQ(r.sessions[0].deleted_members, 1);
  const RegionOpenness& latam = r.sessions[1].regions.at("LATIN_AMERICAN_AND_CARIBBEAN");
  EXPECT_EQ(latam.participating_states, 2);
  EXPECT_EQ(latam.open_states, 1);
  EXPECT_DOUBLE_EQ(latam.share, 0.5);
  const RegionOpenness& africa = r.sessions[1].regions.at("AFRICAN");
  EXPECT_EQ(africa.participating_states, 1);  // ZA no longer participates
  EXPECT_EQ(africa.open_states, 0);
  EXPECT_DOUBLE_EQ(r.sessions[2].regions.at("AFRICAN").share, 0);

  ASSERT_EQ(r.states.size(), 3u);  // AR never opened but participates
  EXPECT_EQ(r.states[0].state, "AR");
  EXPECT_EQ(r.states[0].open_sessions, 0);
  EXPECT_TRUE(r.states[1].systematic);
  EXPECT_FALSE(r.states[2].systematic);

  EXPECT_EQ(r.totals.participating_states, 3);
  EXPECT_EQ(r.totals.open_states, 2);
  EXPECT_EQ(r.totals.systematic_states, 1);
  EXPECT_DOUBLE_EQ(r.totals.open_share, 2.0 / 3.0);
  EXPECT_EQ(r.totals.delegations, 4);
  EXPECT_EQ(r.totals.non_governmental_members, 4);
  EXPECT_EQ(r.totals.deleted_members, 1);
  EXPECT_EQ(r.totals.members_by_group.at("ACADEMIA"), 3);
  EXPECT_DOUBLE_EQ(r.totals.regions.at("LATIN_AMERICAN_AND_CARIBBEAN").share, 0.5);
  EXPECT_DOUBLE_EQ(r.totals.regions.at("AFRICAN").share, 1.0);
}

TEST(OpennessTest, AnEmptyProcessHasZeroShares) {
  OpennessReport r = BuildOpennessReport({"s1"}, {}, {});
  ASSERT_EQ(r.sessions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.sessions[0].open_share, 0);
  EXPECT_DOUBLE_EQ(r.sessions[0].participating_open_share, 0);
  EXPECT_EQ(r.totals.participating_states, 0);
  EXPECT_DOUBLE_EQ(r.totals.open_share, 0);
}

TEST(OpennessTest, ADeletedMemberIsCountedAsGoneUntilRemoved) {
  Delegation before = Make("BR", "LATIN_AMERICAN_AND_CARIBBEAN", 1);
  Delegation after = before;
  after.members[1].stakeholder_deleted = true;
  OpennessDelta marked = ContributionDelta(&before, &after);
  EXPECT_EQ(marked.session.at("gone"), 1);
  EXPECT_EQ(marked.session.count("ng"), 0u);
  EXPECT_EQ(marked.session.count("group:ACADEMIA"), 0u);
  OpennessDelta removed = ContributionDelta(&after, nullptr);
  EXPECT_EQ(removed.session.at("gone"), -1);
}

}  // namespace
}  // namespace polylateral::composition
