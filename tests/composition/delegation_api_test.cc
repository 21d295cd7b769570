// National delegations and the openness report over gRPC, against a real registry.
#include "absl/strings/str_cat.h"
#include "common/audit_store/redis_audit_log.h"
#include "gmock/gmock.h"
#include "tests/composition/delegation_fixture.h"

namespace polylateral::composition::testing {
namespace {

using registry::testing::Details;

TEST_F(DelegationApiTest, StateComposesItsDelegationWithAffiliationsShown) {
  v1::Delegation d;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &d).ok());
  EXPECT_EQ(d.name(), "processes/oewg/sessions/s1/delegations/BR");
  EXPECT_EQ(d.region(), type::v1::LATIN_AMERICAN_AND_CARIBBEAN);
  ASSERT_EQ(d.members_size(), 3);
  EXPECT_EQ(d.members(1).affiliation(), "stakeholders/drl");
  EXPECT_EQ(d.members(1).affiliation_display_name(), "Data Rights Lab");
  EXPECT_EQ(d.members(1).display_name(), "Ana Souza");
  EXPECT_EQ(d.members(1).stakeholder_group(), type::v1::ACADEMIA);
  EXPECT_EQ(d.members(2).affiliation(), "stakeholders/drl");  // an organisation: itself

  v1::GetDelegationRequest get;
  get.set_name(d.name());
  v1::Delegation read;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().GetDelegation(ctx.get(), get, &read).ok());
  EXPECT_EQ(read.etag(), d.etag());
  EXPECT_EQ(read.members(1).affiliation(), "stakeholders/drl");

  v1::ListDelegationsRequest list;
  list.set_parent(kSession);
  v1::ListDelegationsResponse listed;
  auto lctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListDelegations(lctx.get(), list, &listed).ok());
  ASSERT_EQ(listed.delegations_size(), 1);

  // The suite's paging rule (common/base/page_size.h): above 200 is served as 200, a negative
  // size is refused.
  list.set_page_size(201);
  auto max_ctx = harness_->Ctx();
  EXPECT_TRUE(harness_->stub().ListDelegations(max_ctx.get(), list, &listed).ok());
  EXPECT_EQ(listed.delegations_size(), 1);
  list.set_page_size(-1);
  auto over_ctx = harness_->Ctx();
  grpc::Status refused = harness_->stub().ListDelegations(over_ctx.get(), list, &listed);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(refused).reason, "INVALID_PAGE_SIZE");
  EXPECT_EQ(Details(refused).fields, std::vector<std::string>{"page_size"});
}

TEST_F(DelegationApiTest, DelegationChangesAreAuditedAndRefusalsAreNot) {
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  audit::RedisAuditLog log(&admin, "comp:{oewg}");
  v1::Delegation d;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &d, "once").ok());
  // A replay and a refused write append nothing.
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &d, "once").ok());
  v1::Delegation other;
  EXPECT_FALSE(Create(kSession, Team("BR", {expert_}), "state:AR", &other).ok());
  v1::DeleteDelegationRequest del;
  del.set_name(d.name());
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx("state:BR");
  ASSERT_TRUE(harness_->stub().DeleteDelegation(ctx.get(), del, &empty).ok());
  auto entries = log.Read(1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  const audit::AuditEntry& created = (*entries)[0].entry;
  EXPECT_EQ(created.action, "composition.delegation.create");
  EXPECT_EQ(created.resource, "processes/oewg/sessions/s1/delegations/BR");
  EXPECT_EQ(created.principal, "state:BR");
  ASSERT_EQ(created.fields.size(), 2u);
  EXPECT_EQ(created.fields[0].name, "members");
  EXPECT_EQ(created.fields[0].value, "3");
  EXPECT_EQ((*entries)[1].entry.action, "composition.delegation.delete");
  EXPECT_EQ((*entries)[1].entry.seq, 2u);
}

TEST_F(DelegationApiTest, OnlyTheStateItselfOrAnOperatorWrites) {
  v1::Delegation d;
  grpc::Status st = Create(kSession, Team("BR", {}), "state:AR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "ACCESS_DENIED");
  st = Create(kSession, Team("BR", {}), "stakeholder:drl", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  st = Create(kSession, Team("BR", {}), "", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(Create(kSession, Team("BR", {}), "operator:ops", &d).ok());
}

TEST_F(DelegationApiTest, RulesFromTheRegistryAreEnforced) {
  v1::Delegation d;
  grpc::Status st = Create("processes/oewg/sessions/s0", Team("BR", {}), "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "SESSION_STARTED");

  v1::Delegation big = Team("BR", {expert_, org_});
  for (int i = 0; i < 2; ++i) {
    auto* m = big.add_members();
    m->set_role(v1::DelegationMember::OFFICIAL);
    m->set_display_name(absl::StrCat("Official ", i));
  }
  st = Create(kSession, big, "state:BR", &d);  // 5 members, cap 4
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "DELEGATION_CAP_EXCEEDED");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("delegation.members"));

  st = Create(kSession, Team("BR", {loner_}), "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "AFFILIATION_REQUIRED");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("delegation.members[1].stakeholder"));

  st = Create(kSession, Team("BR", {"stakeholders/nobody"}), "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_STAKEHOLDER");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("delegation.members[1].stakeholder"));

  st = Create("processes/oewg/sessions/nope", Team("BR", {}), "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "SESSION_NOT_FOUND");

  v1::Delegation headless = Team("BR", {});
  headless.mutable_members(0)->set_role(v1::DelegationMember::OFFICIAL);
  st = Create(kSession, headless, "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::Contains("delegation.members"));

  v1::Delegation unknown_role = Team("BR", {});
  unknown_role.mutable_members(0)->set_role(static_cast<v1::DelegationMember::Role>(99));
  st = Create(kSession, unknown_role, "state:BR", &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("delegation.members[0].role"));

  for (const char* ref : {"stakeholders/", "stakeholders/a/b", "people/a"}) {
    st = Create(kSession, Team("BR", {ref}), "state:BR", &d);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << ref;
    EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("delegation.members[1].stakeholder"));
  }

  // Nothing was written: every session is listed, none with a delegation.
  v1::OpennessReport r = Report();
  EXPECT_EQ(r.sessions_size(), 3);
  for (const v1::SessionOpenness& s : r.sessions()) EXPECT_EQ(s.delegations(), 0) << s.session();
  EXPECT_EQ(r.totals().participating_states(), 0);
}

TEST_F(DelegationApiTest, EtagAndRequestIdGuardWrites) {
  v1::Delegation first, again;
  ASSERT_TRUE(Create(kSession, Team("BR", {}), "state:BR", &first, "req-1").ok());
  ASSERT_TRUE(Create(kSession, Team("BR", {}), "state:BR", &again, "req-1").ok());
  EXPECT_EQ(again.etag(), first.etag());
  grpc::Status st = Create(kSession, Team("BR", {}), "state:BR", &again);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  v1::UpdateDelegationRequest up;
  *up.mutable_delegation() = Team("BR", {expert_});
  up.mutable_delegation()->set_name(first.name());
  up.mutable_delegation()->set_etag(first.etag());
  v1::Delegation updated;
  auto c1 = harness_->Ctx("state:BR");
  ASSERT_TRUE(harness_->stub().UpdateDelegation(c1.get(), up, &updated).ok());
  EXPECT_NE(updated.etag(), first.etag());
  auto c2 = harness_->Ctx("state:BR");
  st = harness_->stub().UpdateDelegation(c2.get(), up, &updated);  // the stale etag again
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Details(st).reason, "ETAG_MISMATCH");
  EXPECT_EQ(SessionOf(Report(), "s1").non_governmental_members(), 1);
}

TEST_F(DelegationApiTest, RequestIdBelongsToItsCaller) {
  v1::Delegation brazil, argentina, again;
  ASSERT_TRUE(Create(kSession, Team("BR", {}), "state:BR", &brazil, "shared-1").ok());
  // Another state reusing the request_id gets its own delegation, not Brazil's.
  grpc::Status st = Create(kSession, Team("AR", {}), "state:AR", &argentina, "shared-1");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(argentina.state(), "AR");
  EXPECT_NE(argentina.name(), brazil.name());
  // The same state replaying the same request gets its first result.
  ASSERT_TRUE(Create(kSession, Team("BR", {}), "state:BR", &again, "shared-1").ok());
  EXPECT_EQ(again.name(), brazil.name());
  // The same state with the same request_id and other members is told so.
  st = Create(kSession, Team("BR", {expert_}), "state:BR", &again, "shared-1");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "REQUEST_ID_REUSED");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"request_id"});
  EXPECT_EQ(SessionOf(Report(), "s1").non_governmental_members(), 0);
}

TEST_F(DelegationApiTest, MalformedNamesAreInvalidArgument) {
  v1::GetDelegationRequest get;
  get.set_name("processes/oewg/delegations/BR");
  v1::Delegation d;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().GetDelegation(ctx.get(), get, &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("name"));
  get.set_name("processes/oewg/sessions/s1/delegations/BR");
  auto ctx2 = harness_->Ctx();
  st = harness_->stub().GetDelegation(ctx2.get(), get, &d);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "DELEGATION_NOT_FOUND");
}

}  // namespace
}  // namespace polylateral::composition::testing
