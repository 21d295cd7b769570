// National delegations and the openness report over gRPC, against a real registry.
#include "absl/strings/str_cat.h"
#include "common/audit_store/redis_audit_log.h"
#include "gmock/gmock.h"
#include "tests/composition/api_test_base.h"

namespace polylateral::composition::testing {
namespace {

using registry::testing::Details;
namespace rv1 = registry::v1;

constexpr char kSession[] = "processes/oewg/sessions/s1";

type::v1::Date Day(int y, int m, int d) {
  type::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

class DelegationApiTest : public CompositionApiTest {
 protected:
  void SetUp() override {
    CompositionApiTest::SetUp();
    rv1::Process p;
    p.set_display_name("Global Mechanism on ICT security");
    p.set_host_institution("UN General Assembly");
    p.add_themes("themes/cybersecurity");
    auto* m = p.mutable_modalities();
    m->set_delegation_size_cap(4);
    m->set_disclosure_policy(rv1::ParticipationModalities::PUBLIC);
    auto* route = m->add_routes();
    route->set_route_id("non-objection");
    route->set_kind(rv1::AccreditationRoute::NON_OBJECTION);
    route->add_granted_rights(type::v1::ATTEND_PLENARY);
    route->mutable_objection_rule()->set_kind(rv1::ObjectionRule::ANY_SINGLE_OBJECTION);
    route->mutable_notice_period()->set_seconds(14 * 24 * 3600);
    // The test clock reads 2030-03-01: s0 has started, s1 and s2 have not.
    const std::pair<const char*, type::v1::Date> sessions[] = {
        {"s0", Day(2030, 1, 10)}, {"s1", Day(2030, 6, 1)}, {"s2", Day(2030, 9, 1)}};
    for (const auto& [id, start] : sessions) {
      rv1::Session* s = p.add_sessions();
      s->set_session_id(id);
      s->set_display_name(absl::StrCat("Session ", id));
      *s->mutable_start_date() = start;
      *s->mutable_end_date() = start;
    }
    rv1::CreateProcessRequest req;
    *req.mutable_process() = p;
    req.set_process_id("oewg");
    rv1::Process out;
    auto ctx = harness_->registry().Ctx("operator:test");
    grpc::Status st = harness_->registry().stub().CreateProcess(ctx.get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
    org_ = CreateStakeholder(registry::testing::Organisation("Data Rights Lab", "BR"), "drl");
    rv1::Stakeholder expert;
    expert.set_kind(rv1::Stakeholder::INDIVIDUAL_EXPERT);
    expert.set_display_name("Ana Souza");
    expert.set_stakeholder_group(type::v1::ACADEMIA);
    expert.set_country("BR");
    expert.add_affiliations("stakeholders/drl");
    expert_ = CreateStakeholder(expert, "ana");
    rv1::Stakeholder loner = expert;
    loner.set_display_name("Lone Expert");
    loner.clear_affiliations();
    loner_ = CreateStakeholder(loner, "loner");
  }

  std::string CreateStakeholder(const rv1::Stakeholder& s, const std::string& id) {
    rv1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = s;
    req.set_stakeholder_id(id);
    rv1::Stakeholder out;
    auto ctx = harness_->registry().Ctx("operator:test");
    grpc::Status st = harness_->registry().stub().CreateStakeholder(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out.name();
  }

  static v1::Delegation Team(const std::string& state, const std::vector<std::string>& ngos) {
    v1::Delegation d;
    d.set_state(state);
    auto* head = d.add_members();
    head->set_role(v1::DelegationMember::HEAD);
    head->set_display_name("Ambassador");
    for (const auto& s : ngos) {
      auto* m = d.add_members();
      m->set_role(v1::DelegationMember::NON_GOVERNMENTAL);
      m->set_stakeholder(s);
      m->set_function("technical expert");
    }
    return d;
  }

  grpc::Status Create(const std::string& parent, const v1::Delegation& d,
                      const std::string& principal, v1::Delegation* out,
                      const std::string& request_id = "") {
    v1::CreateDelegationRequest req;
    req.set_parent(parent);
    *req.mutable_delegation() = d;
    req.set_request_id(request_id);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().CreateDelegation(ctx.get(), req, out);
  }

  v1::OpennessReport Report() {
    v1::GetOpennessReportRequest req;
    req.set_name("processes/oewg/opennessReport");
    v1::OpennessReport out;
    auto ctx = harness_->Ctx();
    EXPECT_TRUE(harness_->stub().GetOpennessReport(ctx.get(), req, &out).ok());
    return out;
  }

  std::string org_, expert_, loner_;
};

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

  EXPECT_EQ(Report().sessions_size(), 0);  // nothing was written
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
  EXPECT_EQ(Report().sessions(0).non_governmental_members(), 1);
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
  EXPECT_EQ(Report().sessions(0).non_governmental_members(), 0);
}

TEST_F(DelegationApiTest, OpennessReportIsKeptCurrentAcrossSessions) {
  v1::Delegation d;
  ASSERT_TRUE(Create(kSession, Team("BR", {expert_, org_}), "state:BR", &d).ok());
  ASSERT_TRUE(Create(kSession, Team("AR", {}), "state:AR", &d).ok());
  ASSERT_TRUE(Create("processes/oewg/sessions/s2", Team("BR", {expert_}), "state:BR", &d).ok());
  ASSERT_TRUE(Create("processes/oewg/sessions/s2", Team("KE", {org_}), "state:KE", &d).ok());

  v1::OpennessReport r = Report();
  ASSERT_EQ(r.sessions_size(), 2);
  const v1::SessionOpenness& s1 = r.sessions(0);
  EXPECT_EQ(s1.session(), kSession);
  EXPECT_EQ(s1.delegations(), 2);
  EXPECT_EQ(s1.open_delegations(), 1);
  EXPECT_DOUBLE_EQ(s1.open_share(), 0.5);
  EXPECT_EQ(s1.non_governmental_members(), 2);
  ASSERT_EQ(s1.members_by_group_size(), 2);  // academia (expert), civil society (org)
  ASSERT_EQ(s1.members_by_region_size(), 1);
  EXPECT_EQ(s1.members_by_region(0).region(), type::v1::LATIN_AMERICAN_AND_CARIBBEAN);
  EXPECT_EQ(s1.members_by_region(0).count(), 2);
  ASSERT_EQ(r.states_size(), 2);
  EXPECT_EQ(r.states(0).state(), "BR");
  EXPECT_EQ(r.states(0).pattern(), v1::StateOpenness::SYSTEMATIC);
  EXPECT_EQ(r.states(0).open_sessions(), 2);
  EXPECT_EQ(r.states(1).state(), "KE");
  EXPECT_EQ(r.states(1).pattern(), v1::StateOpenness::ONCE);
  EXPECT_EQ(r.states(1).region(), type::v1::AFRICAN);

  // Closing BR's s2 delegation makes its opening a one-off again.
  v1::DeleteDelegationRequest del;
  del.set_name("processes/oewg/sessions/s2/delegations/BR");
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx("state:BR");
  ASSERT_TRUE(harness_->stub().DeleteDelegation(ctx.get(), del, &empty).ok());
  r = Report();
  EXPECT_EQ(r.states(0).pattern(), v1::StateOpenness::ONCE);
  EXPECT_EQ(r.sessions(1).delegations(), 1);
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
