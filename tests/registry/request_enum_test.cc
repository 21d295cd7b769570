// Unknown enum numbers in registry requests (proto3 keeps them) are INVALID_ARGUMENT
// UNKNOWN_ENUM_VALUE naming the field, and write nothing.
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

using RequestEnumTest = RegistryApiTest;

TEST_F(RequestEnumTest, CreateRefusesAnUnknownStakeholderGroup) {
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("Acme", "BR");
  req.mutable_stakeholder()->set_stakeholder_group(static_cast<type::v1::StakeholderGroup>(99));
  v1::Stakeholder out;
  auto ctx = harness_->Ctx("operator:test");
  grpc::Status st = harness_->stub().CreateStakeholder(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"stakeholder.stakeholder_group"});

  req.mutable_stakeholder()->set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  req.mutable_stakeholder()->set_kind(static_cast<v1::Stakeholder::Kind>(99));
  auto ctx2 = harness_->Ctx("operator:test");
  st = harness_->stub().CreateStakeholder(ctx2.get(), req, &out);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"stakeholder.kind"});

  v1::ListStakeholdersRequest list;
  v1::ListStakeholdersResponse resp;
  auto ctx3 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStakeholders(ctx3.get(), list, &resp).ok());
  EXPECT_EQ(resp.stakeholders_size(), 0);
}

TEST_F(RequestEnumTest, ListingsRefuseUnknownFilterValues) {
  struct Case {
    void (*set)(v1::ListStakeholdersRequest&);
    const char* field;
  };
  const Case cases[] = {
      {[](v1::ListStakeholdersRequest& r) {
         r.set_stakeholder_group(static_cast<type::v1::StakeholderGroup>(99));
       },
       "stakeholder_group"},
      {[](v1::ListStakeholdersRequest& r) { r.set_region(static_cast<type::v1::Region>(99)); },
       "region"},
      {[](v1::ListStakeholdersRequest& r) { r.set_kind(static_cast<v1::Stakeholder::Kind>(99)); },
       "kind"},
      {[](v1::ListStakeholdersRequest& r) {
         r.set_ecosoc_status(static_cast<v1::Stakeholder::EcosocStatus>(99));
       },
       "ecosoc_status"},
  };
  for (const Case& c : cases) {
    v1::ListStakeholdersRequest req;
    c.set(req);
    v1::ListStakeholdersResponse resp;
    auto ctx = harness_->Ctx();
    grpc::Status st = harness_->stub().ListStakeholders(ctx.get(), req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE") << c.field;
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{c.field});
  }

  v1::ListStatesRequest states;
  states.set_region(static_cast<type::v1::Region>(99));
  v1::ListStatesResponse resp;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().ListStates(ctx.get(), states, &resp);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"region"});
}

}  // namespace
}  // namespace polylateral::registry::testing
