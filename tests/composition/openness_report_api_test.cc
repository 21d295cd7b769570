// GetOpennessReport over gRPC: every session, every participating state, shares over the
// participating states, process totals, against a real registry.
#include "gmock/gmock.h"
#include "tests/composition/delegation_fixture.h"

namespace polylateral::composition::testing {
namespace {

using registry::testing::Details;

// The region's entry in `regions` (a failed expectation when absent).
v1::RegionOpenness RegionOf(const google::protobuf::RepeatedPtrField<v1::RegionOpenness>& regions,
                            type::v1::Region region) {
  for (const v1::RegionOpenness& r : regions) {
    if (r.region() == region) return r;
  }
  ADD_FAILURE() << "no region " << type::v1::Region_Name(region);
  return {};
}

constexpr auto kLatam = type::v1::LATIN_AMERICAN_AND_CARIBBEAN;
constexpr auto kAfrica = type::v1::AFRICAN;

class OpennessReportApiTest : public DelegationApiTest {
 protected:
  void Delete(const std::string& name) {
    v1::DeleteDelegationRequest del;
    del.set_name(name);
    google::protobuf::Empty empty;
    auto ctx = harness_->Ctx("operator:ops");
    grpc::Status st = harness_->stub().DeleteDelegation(ctx.get(), del, &empty);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
};

TEST_F(OpennessReportApiTest, EverySessionAndParticipatingStateIsCounted) {
  v1::Delegation d;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &d).ok());
  ASSERT_TRUE(Create(kSession, Team("AR", {}), "state:AR", &d).ok());
  ASSERT_TRUE(Create("processes/oewg/sessions/s2", Team("BR", {expert_}), "state:BR", &d).ok());
  ASSERT_TRUE(Create("processes/oewg/sessions/s2", Team("KE", {org_}), "state:KE", &d).ok());

  // Participating: AR, BR (Latin America and the Caribbean), KE (Africa).
  v1::OpennessReport r = Report();
  ASSERT_EQ(r.sessions_size(), 3);
  const v1::SessionOpenness& s0 = r.sessions(0);  // started before any delegation
  EXPECT_EQ(s0.session(), "processes/oewg/sessions/s0");
  EXPECT_EQ(s0.delegations(), 0);
  EXPECT_DOUBLE_EQ(s0.participating_open_share(), 0);
  EXPECT_EQ(s0.regions_size(), 2);
  EXPECT_EQ(RegionOf(s0.regions(), kLatam).participating_states(), 2);

  const v1::SessionOpenness& s1 = r.sessions(1);
  EXPECT_EQ(s1.session(), kSession);
  EXPECT_EQ(s1.delegations(), 2);
  EXPECT_EQ(s1.open_delegations(), 1);
  EXPECT_DOUBLE_EQ(s1.open_share(), 0.5);
  EXPECT_DOUBLE_EQ(s1.participating_open_share(), 1.0 / 3.0);
  EXPECT_EQ(s1.non_governmental_members(), 2);
  ASSERT_EQ(s1.members_by_group_size(), 2);  // academia (expert), civil society (org)
  ASSERT_EQ(s1.members_by_region_size(), 1);
  EXPECT_EQ(s1.members_by_region(0).region(), kLatam);
  EXPECT_EQ(s1.members_by_region(0).count(), 2);
  const v1::RegionOpenness latam1 = RegionOf(s1.regions(), kLatam);
  EXPECT_EQ(latam1.participating_states(), 2);
  EXPECT_EQ(latam1.open_states(), 1);
  EXPECT_DOUBLE_EQ(latam1.open_share(), 0.5);
  EXPECT_EQ(RegionOf(s1.regions(), kAfrica).open_states(), 0);  // KE was not in s1

  const v1::SessionOpenness& s2 = r.sessions(2);
  EXPECT_DOUBLE_EQ(s2.participating_open_share(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(RegionOf(s2.regions(), kAfrica).open_share(), 1.0);

  ASSERT_EQ(r.states_size(), 3);
  EXPECT_EQ(r.states(0).state(), "AR");
  EXPECT_EQ(r.states(0).pattern(), v1::StateOpenness::NEVER);
  EXPECT_EQ(r.states(0).delegation_sessions(), 1);
  EXPECT_EQ(r.states(1).state(), "BR");
  EXPECT_EQ(r.states(1).pattern(), v1::StateOpenness::SYSTEMATIC);
  EXPECT_EQ(r.states(1).open_sessions(), 2);
  EXPECT_EQ(r.states(2).state(), "KE");
  EXPECT_EQ(r.states(2).pattern(), v1::StateOpenness::ONCE);
  EXPECT_EQ(r.states(2).region(), kAfrica);

  const v1::ProcessOpenness& t = r.totals();
  EXPECT_EQ(t.participating_states(), 3);
  EXPECT_EQ(t.open_states(), 2);
  EXPECT_EQ(t.systematic_states(), 1);
  EXPECT_DOUBLE_EQ(t.open_share(), 2.0 / 3.0);
  EXPECT_EQ(t.delegations(), 4);
  EXPECT_EQ(t.non_governmental_members(), 4);
  EXPECT_EQ(t.members_by_group_size(), 2);
  EXPECT_DOUBLE_EQ(RegionOf(t.regions(), kLatam).open_share(), 0.5);
  EXPECT_DOUBLE_EQ(RegionOf(t.regions(), kAfrica).open_share(), 1.0);

  // Closing BR's s2 delegation makes its opening a one-off; BR still takes part (s1).
  Delete("processes/oewg/sessions/s2/delegations/BR");
  r = Report();
  EXPECT_EQ(r.states(1).pattern(), v1::StateOpenness::ONCE);
  EXPECT_EQ(r.sessions(2).delegations(), 1);
  EXPECT_EQ(r.totals().participating_states(), 3);
  EXPECT_EQ(r.totals().systematic_states(), 0);

  // AR's only delegation gone: AR no longer takes part, and the shares follow.
  Delete("processes/oewg/sessions/s1/delegations/AR");
  r = Report();
  ASSERT_EQ(r.states_size(), 2);
  EXPECT_EQ(r.states(0).state(), "BR");
  EXPECT_EQ(r.totals().participating_states(), 2);
  EXPECT_DOUBLE_EQ(r.sessions(1).participating_open_share(), 0.5);
  EXPECT_DOUBLE_EQ(RegionOf(r.sessions(1).regions(), kLatam).open_share(), 1.0);
}

TEST_F(OpennessReportApiTest, AnUnknownProcessIsNotFound) {
  v1::GetOpennessReportRequest req;
  req.set_name("processes/nope/opennessReport");
  v1::OpennessReport out;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().GetOpennessReport(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "PROCESS_NOT_FOUND");
}

}  // namespace
}  // namespace polylateral::composition::testing
