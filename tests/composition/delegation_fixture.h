#ifndef POLYLATERAL_TESTS_COMPOSITION_DELEGATION_FIXTURE_H_
#define POLYLATERAL_TESTS_COMPOSITION_DELEGATION_FIXTURE_H_

// A process "oewg" in the real registry with three sessions (s0 started, s1 and s2 ahead), a
// civil-society organisation, an academic expert affiliated with it and an expert without
// affiliation; helpers for delegation calls and the openness report.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/composition/api_test_base.h"

namespace polylateral::composition::testing {

namespace rv1 = registry::v1;

inline constexpr char kSession[] = "processes/oewg/sessions/s1";

inline type::v1::Date Day(int y, int m, int d) {
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

  grpc::Status Update(const v1::Delegation& d, const std::string& principal, v1::Delegation* out) {
    v1::UpdateDelegationRequest req;
    *req.mutable_delegation() = d;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().UpdateDelegation(ctx.get(), req, out);
  }

  grpc::Status Get(const std::string& name, v1::Delegation* out) {
    v1::GetDelegationRequest req;
    req.set_name(name);
    auto ctx = harness_->Ctx();
    return harness_->stub().GetDelegation(ctx.get(), req, out);
  }

  void DeleteStakeholder(const std::string& name) {
    rv1::DeleteStakeholderRequest req;
    req.set_name(name);
    google::protobuf::Empty empty;
    auto ctx = harness_->registry().Ctx("operator:test");
    grpc::Status st = harness_->registry().stub().DeleteStakeholder(ctx.get(), req, &empty);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  v1::OpennessReport Report() {
    v1::GetOpennessReportRequest req;
    req.set_name("processes/oewg/opennessReport");
    v1::OpennessReport out;
    auto ctx = harness_->Ctx();
    EXPECT_TRUE(harness_->stub().GetOpennessReport(ctx.get(), req, &out).ok());
    return out;
  }

  // The report's entry for session `id` of oewg (a failed expectation when absent).
  static v1::SessionOpenness SessionOf(const v1::OpennessReport& r, const std::string& id) {
    for (const v1::SessionOpenness& s : r.sessions()) {
      if (s.session() == "processes/oewg/sessions/" + id) return s;
    }
    ADD_FAILURE() << "no session " << id << " in the report";
    return {};
  }

  std::string org_, expert_, loner_;
};

}  // namespace polylateral::composition::testing

#endif  // POLYLATERAL_TESTS_COMPOSITION_DELEGATION_FIXTURE_H_
