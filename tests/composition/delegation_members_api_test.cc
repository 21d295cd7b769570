// Non-governmental members over gRPC: only stakeholders outside government count, and a
// member keeps its snapshot when its registry record is deleted.
#include "gmock/gmock.h"
#include "tests/composition/delegation_fixture.h"

namespace polylateral::composition::testing {
namespace {

using registry::testing::Details;
using ::testing::ElementsAre;

class DelegationMembersApiTest : public DelegationApiTest {
 protected:
  std::string Organisation(const std::string& name, type::v1::StakeholderGroup group,
                           const std::string& id) {
    rv1::Stakeholder s = registry::testing::Organisation(name, "BR");
    s.set_stakeholder_group(group);
    s.set_ecosoc_status(rv1::Stakeholder::NO_STATUS);
    return CreateStakeholder(s, id);
  }

  // The delegation as read, ready to be sent back with a change.
  v1::Delegation Read(const std::string& name) {
    v1::Delegation d;
    grpc::Status st = Get(name, &d);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return d;
  }
};

TEST_F(DelegationMembersApiTest, GovernmentalStakeholdersAreNoNonGovernmentalMembers) {
  const std::string ministry =
      Organisation("Ministry of Foreign Affairs", type::v1::GOVERNMENT, "mfa");
  const std::string igo =
      Organisation("Regional Telecom Union", type::v1::INTERGOVERNMENTAL_ORGANISATION, "rtu");
  rv1::Stakeholder adviser;
  adviser.set_kind(rv1::Stakeholder::INDIVIDUAL_EXPERT);
  adviser.set_display_name("Ministry Adviser");
  adviser.set_stakeholder_group(type::v1::ACADEMIA);
  adviser.set_country("BR");
  adviser.add_affiliations(ministry);
  const std::string seconded = CreateStakeholder(adviser, "seconded");

  v1::Delegation d;
  for (const std::string& who : {ministry, igo}) {
    grpc::Status st = Create(kSession, Team("BR", {org_, who}), "state:BR", &d);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << who;
    EXPECT_EQ(Details(st).reason, "GOVERNMENTAL_STAKEHOLDER") << who;
    EXPECT_THAT(Details(st).fields, ElementsAre("delegation.members[2].stakeholder"));
  }
  grpc::Status st = Create(kSession, Team("BR", {seconded}), "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "GOVERNMENTAL_AFFILIATION");
  EXPECT_THAT(Details(st).fields, ElementsAre("delegation.members[1].stakeholder"));
  EXPECT_EQ(Get("processes/oewg/sessions/s1/delegations/BR", &d).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Nor can an update bring one in: the delegation and the report stay as they were.
  v1::Delegation created;
  ASSERT_TRUE(Create(kSession, Team("BR", {org_}), "state:BR", &created).ok());
  v1::Delegation next = Team("BR", {org_, ministry});
  next.set_name(created.name());
  next.set_etag(created.etag());
  st = Update(next, "state:BR", &d);
  EXPECT_EQ(Details(st).reason, "GOVERNMENTAL_STAKEHOLDER");
  EXPECT_EQ(Read(created.name()).etag(), created.etag());
  v1::OpennessReport r = Report();
  EXPECT_EQ(SessionOf(r, "s1").non_governmental_members(), 1);
  EXPECT_EQ(r.totals().members_by_group_size(), 1);
  EXPECT_EQ(r.totals().members_by_group(0).group(), type::v1::CIVIL_SOCIETY);
}

TEST_F(DelegationMembersApiTest, ADeletedExpertStaysAsTheSnapshotAndTheStateMayKeepThem) {
  v1::Delegation created;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &created).ok());
  DeleteStakeholder(expert_);

  // Reads mark the member at once; the snapshot is what the delegation recorded.
  v1::Delegation read = Read(created.name());
  ASSERT_EQ(read.members_size(), 3);
  EXPECT_TRUE(read.members(1).stakeholder_deleted());
  EXPECT_EQ(read.members(1).display_name(), "Ana Souza");
  EXPECT_EQ(read.members(1).stakeholder_group(), type::v1::ACADEMIA);
  EXPECT_EQ(read.members(1).affiliation(), org_);
  EXPECT_EQ(read.members(1).affiliation_display_name(), "Data Rights Lab");
  EXPECT_FALSE(read.members(2).stakeholder_deleted());
  EXPECT_EQ(read.etag(), created.etag());  // a read writes nothing
  v1::ListDelegationsRequest list;
  list.set_parent(kSession);
  v1::ListDelegationsResponse listed;
  auto lctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListDelegations(lctx.get(), list, &listed).ok());
  ASSERT_EQ(listed.delegations_size(), 1);
  EXPECT_TRUE(listed.delegations(0).members(1).stakeholder_deleted());
  // The report still counts the member under the snapshot's group.
  EXPECT_EQ(SessionOf(Report(), "s1").non_governmental_members(), 2);

  // The state's next update keeping the expert is accepted, and records the mark.
  read.mutable_members(1)->set_function("rapporteur");
  v1::Delegation updated;
  grpc::Status st = Update(read, "state:BR", &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(updated.members(1).stakeholder_deleted());
  EXPECT_EQ(updated.members(1).function(), "rapporteur");
  EXPECT_EQ(updated.members(1).affiliation(), org_);
  v1::OpennessReport r = Report();
  EXPECT_EQ(SessionOf(r, "s1").non_governmental_members(), 2);
  EXPECT_EQ(SessionOf(r, "s1").deleted_members(), 1);
  EXPECT_EQ(r.totals().deleted_members(), 1);

  // A deleted stakeholder cannot join a delegation anew.
  v1::Delegation d;
  st = Create(kSession, Team("AR", {expert_}), "state:AR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_STAKEHOLDER");
  EXPECT_THAT(Details(st).fields, ElementsAre("delegation.members[1].stakeholder"));

  // Taking the expert off settles the count.
  v1::Delegation without = Team("BR", {org_});
  without.set_name(updated.name());
  without.set_etag(updated.etag());
  ASSERT_TRUE(Update(without, "state:BR", &d).ok());
  r = Report();
  EXPECT_EQ(SessionOf(r, "s1").deleted_members(), 0);
  EXPECT_EQ(SessionOf(r, "s1").non_governmental_members(), 1);
}

TEST_F(DelegationMembersApiTest, ADeletedOrganisationDoesNotBlockTheStatesNextUpdate) {
  v1::Delegation created;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &created).ok());
  // The registry also takes the organisation out of the expert's affiliations.
  DeleteStakeholder(org_);
  v1::Delegation read = Read(created.name());
  EXPECT_FALSE(read.members(1).stakeholder_deleted());
  EXPECT_TRUE(read.members(2).stakeholder_deleted());

  v1::Delegation updated;
  grpc::Status st = Update(read, "state:BR", &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.members(1).affiliation(), org_);  // the snapshot's affiliation
  EXPECT_EQ(updated.members(1).affiliation_display_name(), "Data Rights Lab");
  EXPECT_TRUE(updated.members(2).stakeholder_deleted());
  EXPECT_EQ(updated.members(2).stakeholder_group(), read.members(2).stakeholder_group());
}

}  // namespace
}  // namespace polylateral::composition::testing
