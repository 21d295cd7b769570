// Who may register and change stakeholders, over gRPC against real Redis: self-registration
// under the caller's own id only, ECOSOC status and the government groups set by operators
// only, and the ECOSOC status's who-and-when kept on every change.
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

using StakeholderAuthorityTest = RegistryApiTest;

// A civil-society organisation without ECOSOC status: what a stakeholder may register.
v1::Stakeholder Plain(const std::string& name, const std::string& country = "KE") {
  v1::Stakeholder s = Organisation(name, country);
  s.clear_ecosoc_status();
  return s;
}

class Calls {
 public:
  explicit Calls(RegistryHarness* h) : h_(h) {}

  grpc::Status Create(const std::string& principal, const v1::Stakeholder& s,
                      const std::string& id = "", v1::Stakeholder* out = nullptr) {
    v1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = s;
    req.set_stakeholder_id(id);
    v1::Stakeholder ignored;
    auto ctx = h_->Ctx(principal);
    return h_->stub().CreateStakeholder(ctx.get(), req, out == nullptr ? &ignored : out);
  }

  grpc::Status Update(const std::string& principal, const v1::Stakeholder& patch,
                      const std::vector<std::string>& mask, v1::Stakeholder* out = nullptr) {
    v1::UpdateStakeholderRequest req;
    *req.mutable_stakeholder() = patch;
    for (const auto& p : mask) req.mutable_update_mask()->add_paths(p);
    v1::Stakeholder ignored;
    auto ctx = h_->Ctx(principal);
    return h_->stub().UpdateStakeholder(ctx.get(), req, out == nullptr ? &ignored : out);
  }

  grpc::Status Get(const std::string& id, v1::Stakeholder* out) {
    v1::GetStakeholderRequest req;
    req.set_name("stakeholders/" + id);
    auto ctx = h_->Ctx();
    return h_->stub().GetStakeholder(ctx.get(), req, out);
  }

 private:
  RegistryHarness* h_;
};

void ExpectDenied(const grpc::Status& st, const std::string& reason,
                  const std::string& field = "") {
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  EXPECT_EQ(Details(st).reason, reason) << st.error_message();
  EXPECT_EQ(Details(st).domain, "polylateral.registry");
  if (!field.empty()) {
    EXPECT_NE(st.error_message().find(field), std::string::npos) << st.error_message();
  }
}

TEST_F(StakeholderAuthorityTest, EcosocStatusIsSetByOperatorsAndKeepsWhoAndWhen) {
  Calls calls(harness_.get());
  v1::Stakeholder claimed = Plain("Acme Rights");
  claimed.set_ecosoc_status(v1::Stakeholder::GENERAL);
  ExpectDenied(calls.Create("stakeholder:acme", claimed), "ECOSOC_STATUS_NEEDS_OPERATOR",
               "stakeholder.ecosoc_status");
  ExpectDenied(calls.Create("secretariat:igf", claimed, "acme"), "ECOSOC_STATUS_NEEDS_OPERATOR",
               "stakeholder.ecosoc_status");
  v1::Stakeholder got;
  EXPECT_EQ(calls.Get("acme", &got).error_code(), grpc::StatusCode::NOT_FOUND);

  // Self-registration without a status: its own id, no provenance (never set).
  v1::Stakeholder mine;
  ASSERT_TRUE(calls.Create("stakeholder:acme", Plain("Acme Rights"), "", &mine).ok());
  EXPECT_EQ(mine.name(), "stakeholders/acme");
  EXPECT_EQ(mine.ecosoc_status(), v1::Stakeholder::NO_STATUS);
  EXPECT_EQ(mine.ecosoc_status_set_by(), "");
  EXPECT_FALSE(mine.has_ecosoc_status_update_time());

  v1::Stakeholder promote;
  promote.set_name("stakeholders/acme");
  promote.set_ecosoc_status(v1::Stakeholder::GENERAL);
  ExpectDenied(calls.Update("stakeholder:acme", promote, {"ecosoc_status"}),
               "ECOSOC_STATUS_NEEDS_OPERATOR", "stakeholder.ecosoc_status");
  ASSERT_TRUE(calls.Get("acme", &got).ok());
  EXPECT_EQ(got.ecosoc_status(), v1::Stakeholder::NO_STATUS);

  // The import of the UN list runs as an operator.
  v1::Stakeholder imported;
  ASSERT_TRUE(calls.Update("operator:un-import", promote, {"ecosoc_status"}, &imported).ok());
  EXPECT_EQ(imported.ecosoc_status(), v1::Stakeholder::GENERAL);
  EXPECT_EQ(imported.ecosoc_status_set_by(), "operator:un-import");
  EXPECT_GT(imported.ecosoc_status_update_time().seconds(), 0);
  ASSERT_TRUE(calls.Get("acme", &got).ok());  // stored, not only answered
  EXPECT_EQ(got.ecosoc_status_set_by(), "operator:un-import");
  EXPECT_EQ(got.ecosoc_status_update_time().SerializeAsString(),
            imported.ecosoc_status_update_time().SerializeAsString());

  // The stakeholder may not drop it either, but a full replace echoing it is no change, and
  // the output-only fields it sends are ignored.
  v1::Stakeholder drop = promote;
  drop.set_ecosoc_status(v1::Stakeholder::NO_STATUS);
  ExpectDenied(calls.Update("stakeholder:acme", drop, {"ecosoc_status"}),
               "ECOSOC_STATUS_NEEDS_OPERATOR");
  v1::Stakeholder echoed = got;
  echoed.set_website("https://acme.example");
  echoed.set_ecosoc_status_set_by("stakeholder:acme");
  echoed.clear_etag();
  v1::Stakeholder after;
  ASSERT_TRUE(calls.Update("stakeholder:acme", echoed, {}, &after).ok());
  EXPECT_EQ(after.website(), "https://acme.example");
  EXPECT_EQ(after.ecosoc_status(), v1::Stakeholder::GENERAL);
  EXPECT_EQ(after.ecosoc_status_set_by(), "operator:un-import");
  EXPECT_EQ(after.ecosoc_status_update_time().SerializeAsString(),
            imported.ecosoc_status_update_time().SerializeAsString());
}

TEST_F(StakeholderAuthorityTest, AStakeholderRegistersOnlyItself) {
  Calls calls(harness_.get());
  ExpectDenied(calls.Create("stakeholder:squatter", Plain("Internet Society", "CH"), "isoc"),
               "NOT_OWN_STAKEHOLDER", "stakeholder_id");
  v1::Stakeholder got;
  EXPECT_EQ(calls.Get("isoc", &got).error_code(), grpc::StatusCode::NOT_FOUND);

  // Its own id, given or implied, works once.
  ASSERT_TRUE(calls.Create("stakeholder:isoc", Plain("Internet Society", "CH"), "isoc").ok());
  EXPECT_EQ(calls.Create("stakeholder:isoc", Plain("ISOC again", "CH")).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  // Secretariats register their participants under any id; operators anyone.
  v1::Stakeholder registered;
  ASSERT_TRUE(
      calls.Create("secretariat:igf", Plain("Youth IGF", "NG"), "youth-igf", &registered).ok());
  EXPECT_EQ(registered.name(), "stakeholders/youth-igf");
  ASSERT_TRUE(calls.Create("operator:import", Organisation("APC", "ZA"), "apc").ok());

  // States and services register nobody; secretariats change nobody's record.
  ExpectDenied(calls.Create("state:BR", Plain("Mission front", "BR"), "front"), "ACCESS_DENIED");
  ExpectDenied(calls.Create("service:routing", Plain("Service front", "BR"), "front2"),
               "ACCESS_DENIED");
  v1::Stakeholder rename;
  rename.set_name("stakeholders/youth-igf");
  rename.set_display_name("Hijacked");
  ExpectDenied(calls.Update("secretariat:igf", rename, {"display_name"}), "ACCESS_DENIED");
  ExpectDenied(calls.Update("stakeholder:isoc", rename, {"display_name"}), "NOT_STAKEHOLDER_OWNER");
  ASSERT_TRUE(calls.Get("youth-igf", &got).ok());
  EXPECT_EQ(got.display_name(), "Youth IGF");
}

TEST_F(StakeholderAuthorityTest, GovernmentGroupsAndGroupChangesNeedAnOperator) {
  Calls calls(harness_.get());
  for (auto group : {type::v1::GOVERNMENT, type::v1::INTERGOVERNMENTAL_ORGANISATION}) {
    v1::Stakeholder gov = Plain("Ministry of Digital Affairs", "FR");
    gov.set_stakeholder_group(group);
    ExpectDenied(calls.Create("stakeholder:ministry", gov), "STAKEHOLDER_GROUP_NEEDS_OPERATOR",
                 "stakeholder.stakeholder_group");
    ExpectDenied(calls.Create("secretariat:igf", gov, "ministry"),
                 "STAKEHOLDER_GROUP_NEEDS_OPERATOR", "stakeholder.stakeholder_group");
  }
  v1::Stakeholder got;
  EXPECT_EQ(calls.Get("ministry", &got).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::Stakeholder gov = Plain("Ministry of Digital Affairs", "FR");
  gov.set_stakeholder_group(type::v1::GOVERNMENT);
  ASSERT_TRUE(calls.Create("operator:import", gov, "ministry").ok());

  ASSERT_TRUE(calls.Create("stakeholder:acme", Plain("Acme Rights")).ok());
  v1::Stakeholder regroup;
  regroup.set_name("stakeholders/acme");
  regroup.set_stakeholder_group(type::v1::GOVERNMENT);
  ExpectDenied(calls.Update("stakeholder:acme", regroup, {"stakeholder_group"}),
               "STAKEHOLDER_GROUP_NEEDS_OPERATOR", "stakeholder.stakeholder_group");
  regroup.set_stakeholder_group(type::v1::ACADEMIA);
  ExpectDenied(calls.Update("stakeholder:acme", regroup, {"stakeholder_group"}),
               "STAKEHOLDER_GROUP_NEEDS_OPERATOR");
  ASSERT_TRUE(calls.Get("acme", &got).ok());
  EXPECT_EQ(got.stakeholder_group(), type::v1::CIVIL_SOCIETY);
  v1::Stakeholder moved;
  ASSERT_TRUE(calls.Update("operator:test", regroup, {"stakeholder_group"}, &moved).ok());
  EXPECT_EQ(moved.stakeholder_group(), type::v1::ACADEMIA);
}

}  // namespace
}  // namespace polylateral::registry::testing
