// References never bind the referenced: a stakeholder named by others (an expert's
// affiliation, a network's member) is deleted all the same, sees who names it and takes
// itself out, over gRPC against real Redis.
#include "absl/strings/str_cat.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

class ReferrerApiTest : public RegistryApiTest {
 protected:
  v1::Stakeholder Get(const std::string& id) {
    v1::GetStakeholderRequest req;
    req.set_name(absl::StrCat("stakeholders/", id));
    v1::Stakeholder out;
    auto ctx = harness_->Ctx();
    grpc::Status st = harness_->stub().GetStakeholder(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << id << ": " << st.error_message();
    return out;
  }
  grpc::Status ListReferrers(const std::string& name, const std::string& principal,
                             v1::ListReferrersResponse* out, int page_size = 0,
                             const std::string& token = "") {
    v1::ListReferrersRequest req;
    req.set_name(name);
    req.set_page_size(page_size);
    req.set_page_token(token);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().ListReferrers(ctx.get(), req, out);
  }
  grpc::Status Remove(const std::string& name, const std::string& referrer,
                      const std::string& principal, v1::Stakeholder* out) {
    v1::RemoveReferenceRequest req;
    req.set_name(name);
    req.set_referrer(referrer);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().RemoveReference(ctx.get(), req, out);
  }
};

TEST_F(ReferrerApiTest, AStrangerNamingAnOrganisationDoesNotBlockItsDeletion) {
  CreateOk(Organisation("Research ICT Africa", "ZA"), "ria");
  Expert("stranger", "stakeholders/ria");
  Network("coalition", "stakeholders/ria");

  // The organisation deletes itself; both references go in the same write.
  grpc::Status st = Delete("ria", "stakeholder:ria");
  ASSERT_TRUE(st.ok()) << st.error_message();

  v1::Stakeholder expert = Get("stranger");
  EXPECT_EQ(expert.affiliations_size(), 0);
  EXPECT_EQ(expert.etag(), "v2");
  ASSERT_EQ(expert.removed_references_size(), 1);
  const v1::ReferenceRemoval& r = expert.removed_references(0);
  EXPECT_EQ(r.stakeholder(), "stakeholders/ria");
  EXPECT_EQ(r.cause(), v1::ReferenceRemoval::STAKEHOLDER_DELETED);
  EXPECT_EQ(r.removed_by(), "stakeholder:ria");
  EXPECT_GT(r.remove_time().seconds(), 0);

  v1::Stakeholder network = Get("coalition");
  EXPECT_EQ(network.network_members_size(), 0);
  ASSERT_EQ(network.removed_references_size(), 1);
  EXPECT_EQ(network.removed_references(0).cause(), v1::ReferenceRemoval::STAKEHOLDER_DELETED);

  // The member index no longer lists it.
  v1::ListStakeholdersRequest list;
  list.set_member_of_network("stakeholders/coalition");
  v1::ListStakeholdersResponse members;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStakeholders(ctx.get(), list, &members).ok());
  EXPECT_EQ(members.stakeholders_size(), 0);

  // The referrers stay writable: their references are consistent again.
  ASSERT_TRUE(Delete("stranger", "stakeholder:stranger").ok());
  ASSERT_TRUE(Delete("coalition", "stakeholder:coalition").ok());
}

TEST_F(ReferrerApiTest, TheNamedOrganisationListsWhoNamesIt) {
  CreateOk(Organisation("Research ICT Africa", "ZA"), "ria");
  CreateOk(Organisation("Other", "ZA"), "other");
  Expert("b-expert", "stakeholders/ria");
  Expert("a-expert", "stakeholders/ria");
  Network("c-net", "stakeholders/ria");
  Expert("elsewhere", "stakeholders/other");

  for (const char* caller : {"stakeholder:ria", "secretariat:oewg-ict", "operator:ops"}) {
    v1::ListReferrersResponse page;
    grpc::Status st = ListReferrers("stakeholders/ria", caller, &page, 2);
    ASSERT_TRUE(st.ok()) << caller << ": " << st.error_message();
    ASSERT_EQ(page.referrers_size(), 2);
    EXPECT_EQ(page.referrers(0).name(), "stakeholders/a-expert");
    EXPECT_EQ(page.referrers(1).name(), "stakeholders/b-expert");
    v1::ListReferrersResponse rest;
    ASSERT_TRUE(ListReferrers("stakeholders/ria", caller, &rest, 2, page.next_page_token()).ok());
    ASSERT_EQ(rest.referrers_size(), 1);
    EXPECT_EQ(rest.referrers(0).name(), "stakeholders/c-net");
    EXPECT_TRUE(rest.next_page_token().empty());
  }

  v1::ListReferrersResponse none;
  grpc::Status st = ListReferrers("stakeholders/ria", "stakeholder:other", &none);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "REFERRERS_NOT_VISIBLE");
  // Not a public read: the access policy keeps anonymous callers out.
  st = ListReferrers("stakeholders/ria", "", &none);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  st = ListReferrers("stakeholders/", "operator:ops", &none);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"name"});
}

TEST_F(ReferrerApiTest, TheNamedOrganisationRemovesItselfFromAReferrer) {
  CreateOk(Organisation("Research ICT Africa", "ZA"), "ria");
  Expert("stranger", "stakeholders/ria");

  v1::Stakeholder out;
  grpc::Status st =
      Remove("stakeholders/ria", "stakeholders/stranger", "stakeholder:stranger", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_STAKEHOLDER_OWNER");
  st = Remove("stakeholders/ria", "stakeholders/stranger", "secretariat:oewg-ict", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get("stranger").affiliations_size(), 1);  // refused calls changed nothing

  st = Remove("stakeholders/ria", "stakeholders/stranger", "stakeholder:ria", &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.name(), "stakeholders/stranger");
  EXPECT_EQ(out.affiliations_size(), 0);
  ASSERT_EQ(out.removed_references_size(), 1);
  EXPECT_EQ(out.removed_references(0).cause(), v1::ReferenceRemoval::DISOWNED);
  EXPECT_EQ(out.removed_references(0).removed_by(), "stakeholder:ria");
  EXPECT_EQ(Get("stranger").SerializeAsString(), out.SerializeAsString());

  v1::ListReferrersResponse none;
  ASSERT_TRUE(ListReferrers("stakeholders/ria", "stakeholder:ria", &none).ok());
  EXPECT_EQ(none.referrers_size(), 0);

  st = Remove("stakeholders/ria", "stakeholders/stranger", "stakeholder:ria", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "REFERENCE_NOT_FOUND");
  st = Remove("stakeholders/ria", "stakeholders/ghost", "stakeholder:ria", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "STAKEHOLDER_NOT_FOUND");
  st = Remove("stakeholders/ria", "people/x", "stakeholder:ria", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"referrer"});
}

}  // namespace
}  // namespace polylateral::registry::testing
