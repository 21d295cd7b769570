// Every stakeholder method and its documented errors, over gRPC, against real Redis.
#include "absl/strings/str_cat.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
polylateral::testing::RedisServer* RegistryApiTest::redis_ = nullptr;
namespace {

using StakeholderApiTest = RegistryApiTest;

TEST_F(StakeholderApiTest, CreateGetRoundTripWithDerivedFields) {
  v1::Stakeholder created = CreateOk(Organisation("Derechos Digitales", "CL"), "derechos");
  EXPECT_EQ(created.name(), "stakeholders/derechos");
  EXPECT_EQ(created.region(), type::v1::LATIN_AMERICAN_AND_CARIBBEAN);
  EXPECT_EQ(created.etag(), "v1");
  EXPECT_GT(created.create_time().seconds(), 0);

  v1::GetStakeholderRequest get;
  get.set_name("stakeholders/derechos");
  v1::Stakeholder got;
  auto ctx = harness_->Ctx();  // reads need no identity
  ASSERT_TRUE(harness_->stub().GetStakeholder(ctx.get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());
}

TEST_F(StakeholderApiTest, InvalidFieldsAreNamedInBadRequest) {
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("", "XX");
  req.mutable_stakeholder()->add_themes("themes/astrology");
  req.mutable_stakeholder()->add_themes("cybersecurity");
  v1::Stakeholder out;
  auto ctx = harness_->Ctx("operator:test");
  grpc::Status st = harness_->stub().CreateStakeholder(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ErrorDetails d = Details(st);
  EXPECT_EQ(d.domain, "polylateral.registry");
  EXPECT_EQ(d.reason, "INVALID_STAKEHOLDER");
  // The name prefix is checked first (mapping), then the rules.
  EXPECT_EQ(d.fields, std::vector<std::string>{"stakeholder.themes[2]"});

  req.mutable_stakeholder()->mutable_themes()->RemoveLast();
  auto ctx2 = harness_->Ctx("operator:test");
  st = harness_->stub().CreateStakeholder(ctx2.get(), req, &out);
  EXPECT_EQ(Details(st).fields,
            (std::vector<std::string>{"stakeholder.display_name", "stakeholder.country",
                                      "stakeholder.themes[1]"}));

  v1::ListStakeholdersRequest list;
  v1::ListStakeholdersResponse resp;
  auto ctx3 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStakeholders(ctx3.get(), list, &resp).ok());
  EXPECT_EQ(resp.stakeholders_size(), 0);  // a failed call writes nothing
}

TEST_F(StakeholderApiTest, ThousandsOfBadThemesGiveSmallDetails) {
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("Many Themes", "GB");
  for (int i = 0; i < 3000; ++i)
    req.mutable_stakeholder()->add_themes("themes/made-up-" + std::to_string(i));
  v1::Stakeholder out;
  auto ctx = harness_->Ctx("operator:test");
  grpc::Status st = harness_->stub().CreateStakeholder(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(st.error_details().size(), 8u * 1024);
  ErrorDetails d = Details(st);
  EXPECT_EQ(d.reason, "INVALID_STAKEHOLDER");
  ASSERT_EQ(d.fields.size(), 51u);  // the first 50, then one counting the rest
  EXPECT_EQ(d.fields[0], "stakeholder.themes");
  EXPECT_EQ(d.fields[50], "");
}

TEST_F(StakeholderApiTest, MissingAndMalformedNames) {
  v1::GetStakeholderRequest get;
  v1::Stakeholder out;
  get.set_name("stakeholders/nobody");
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().GetStakeholder(ctx.get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "STAKEHOLDER_NOT_FOUND");

  get.set_name("organisations/x");
  auto ctx2 = harness_->Ctx();
  st = harness_->stub().GetStakeholder(ctx2.get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"name"});
}

TEST_F(StakeholderApiTest, DuplicatesAreAlreadyExists) {
  CreateOk(Organisation("Access Now", "US"), "access-now");
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("ACCESS NOW", "US");
  v1::Stakeholder out;
  auto ctx = harness_->Ctx("operator:test");
  grpc::Status st = harness_->stub().CreateStakeholder(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Details(st).reason, "DUPLICATE_STAKEHOLDER_NAME");

  *req.mutable_stakeholder() = Organisation("Another", "US");
  req.set_stakeholder_id("access-now");
  auto ctx2 = harness_->Ctx("operator:test");
  st = harness_->stub().CreateStakeholder(ctx2.get(), req, &out);
  EXPECT_EQ(Details(st).reason, "STAKEHOLDER_EXISTS");
}

TEST_F(StakeholderApiTest, RequestIdRetryReturnsTheFirstResult) {
  v1::CreateStakeholderRequest req;
  *req.mutable_stakeholder() = Organisation("Global Partners Digital", "GB");
  req.set_request_id("retry-42");
  v1::Stakeholder first, second;
  auto ctx = harness_->Ctx("operator:test");
  ASSERT_TRUE(harness_->stub().CreateStakeholder(ctx.get(), req, &first).ok());
  auto ctx2 = harness_->Ctx("operator:test");
  ASSERT_TRUE(harness_->stub().CreateStakeholder(ctx2.get(), req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.etag(), second.etag());
}

TEST_F(StakeholderApiTest, RequestIdBelongsToItsCaller) {
  auto create = [&](const std::string& principal, const std::string& display_name,
                    v1::Stakeholder* out) {
    v1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = Organisation(display_name, "GB");
    // Consultative status is an operator's to set; these callers register themselves.
    req.mutable_stakeholder()->clear_ecosoc_status();
    req.set_request_id("shared-1");
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().CreateStakeholder(ctx.get(), req, out);
  };
  v1::Stakeholder mine, theirs, again;
  ASSERT_TRUE(create("stakeholder:alpha", "Alpha Trust", &mine).ok());
  // Another caller with the same request_id gets its own stakeholder, not alpha's.
  ASSERT_TRUE(create("stakeholder:beta", "Beta Institute", &theirs).ok());
  EXPECT_NE(theirs.name(), mine.name());
  EXPECT_EQ(theirs.display_name(), "Beta Institute");
  // The same caller replaying the same request gets its first result.
  ASSERT_TRUE(create("stakeholder:alpha", "Alpha Trust", &again).ok());
  EXPECT_EQ(again.name(), mine.name());
  // The same caller with the same request_id and another request is told so.
  grpc::Status st = create("stakeholder:alpha", "Gamma Lab", &again);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "REQUEST_ID_REUSED");
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"request_id"});

  v1::ListStakeholdersRequest list;
  v1::ListStakeholdersResponse resp;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStakeholders(ctx.get(), list, &resp).ok());
  EXPECT_EQ(resp.stakeholders_size(), 2);
}

TEST_F(StakeholderApiTest, UpdateWithMaskAndEtag) {
  v1::Stakeholder s = CreateOk(Organisation("Internet Society", "CH"), "isoc");
  v1::UpdateStakeholderRequest req;
  req.mutable_stakeholder()->set_name(s.name());
  req.mutable_stakeholder()->set_etag(s.etag());
  req.mutable_stakeholder()->set_website("https://www.internetsociety.org");
  req.mutable_stakeholder()->set_display_name("ignored: not in the mask");
  req.mutable_update_mask()->add_paths("website");
  v1::Stakeholder updated;
  auto ctx = harness_->Ctx("stakeholder:isoc");  // the stakeholder itself
  ASSERT_TRUE(harness_->stub().UpdateStakeholder(ctx.get(), req, &updated).ok());
  EXPECT_EQ(updated.website(), "https://www.internetsociety.org");
  EXPECT_EQ(updated.display_name(), "Internet Society");
  EXPECT_EQ(updated.etag(), "v2");

  auto ctx2 = harness_->Ctx("stakeholder:isoc");  // same stale etag again
  grpc::Status st = harness_->stub().UpdateStakeholder(ctx2.get(), req, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Details(st).reason, "ETAG_MISMATCH");

  req.mutable_update_mask()->set_paths(0, "kind");
  req.mutable_stakeholder()->clear_etag();
  auto ctx3 = harness_->Ctx("stakeholder:isoc");
  st = harness_->stub().UpdateStakeholder(ctx3.get(), req, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"update_mask"});
}

TEST_F(StakeholderApiTest, CallerIdentityDecidesWhoWrites) {
  v1::CreateStakeholderRequest create;
  *create.mutable_stakeholder() = Organisation("Anon", "FR");
  v1::Stakeholder out;
  auto anon = harness_->Ctx();
  grpc::Status st = harness_->stub().CreateStakeholder(anon.get(), create, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "ACCESS_DENIED");

  v1::Stakeholder s = CreateOk(Organisation("Article 19", "GB"), "article19");
  v1::DeleteStakeholderRequest del;
  del.set_name(s.name());
  google::protobuf::Empty empty;
  auto other = harness_->Ctx("stakeholder:someone-else");
  st = harness_->stub().DeleteStakeholder(other.get(), del, &empty);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_STAKEHOLDER_OWNER");

  auto garbage = harness_->Ctx("king:me");
  st = harness_->stub().DeleteStakeholder(garbage.get(), del, &empty);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "MALFORMED_PRINCIPAL");
}

TEST_F(StakeholderApiTest, ListFiltersCombineAndPagesCoverEverything) {
  const char* countries[] = {"BR", "KE", "DE", "IN", "BR", "KE"};
  for (int i = 0; i < 6; ++i) {
    v1::Stakeholder s = Organisation(absl::StrCat("Org ", i), countries[i]);
    if (i % 2) s.set_stakeholder_group(type::v1::PRIVATE_SECTOR);
    CreateOk(s, absl::StrCat("org-", i));
  }
  v1::Stakeholder network;
  network.set_kind(v1::Stakeholder::NETWORK);
  network.set_display_name("Joint civil society network");
  network.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
  network.set_country("KE");
  network.add_network_members("stakeholders/org-1");
  network.add_network_members("stakeholders/org-4");
  CreateOk(network, "jcs");

  auto list = [&](v1::ListStakeholdersRequest req) {
    std::vector<std::string> names;
    do {
      v1::ListStakeholdersResponse resp;
      auto ctx = harness_->Ctx();
      grpc::Status st = harness_->stub().ListStakeholders(ctx.get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const auto& s : resp.stakeholders()) names.push_back(s.name());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return names;
  };
  v1::ListStakeholdersRequest req;
  req.set_page_size(2);
  EXPECT_EQ(list(req).size(), 7u);
  req.set_region(type::v1::AFRICAN);
  EXPECT_EQ(list(req), (std::vector<std::string>{"stakeholders/jcs", "stakeholders/org-1",
                                                 "stakeholders/org-5"}));
  req.set_stakeholder_group(type::v1::PRIVATE_SECTOR);
  EXPECT_EQ(list(req), (std::vector<std::string>{"stakeholders/org-1", "stakeholders/org-5"}));
  v1::ListStakeholdersRequest members;
  members.set_member_of_network("stakeholders/jcs");
  EXPECT_EQ(list(members), (std::vector<std::string>{"stakeholders/org-1", "stakeholders/org-4"}));
  v1::ListStakeholdersRequest prefix;
  prefix.set_name_prefix("ORG 3");
  EXPECT_EQ(list(prefix), std::vector<std::string>{"stakeholders/org-3"});
  v1::ListStakeholdersRequest theme;
  theme.set_theme("themes/cybersecurity");  // parent of incident-response
  theme.set_ecosoc_status(v1::Stakeholder::SPECIAL);
  EXPECT_EQ(list(theme).size(), 6u);

  v1::ListStakeholdersRequest bad;
  bad.set_country("XX");
  v1::ListStakeholdersResponse resp;
  auto ctx = harness_->Ctx();
  grpc::Status st = harness_->stub().ListStakeholders(ctx.get(), bad, &resp);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"country"});
}

TEST_F(StakeholderApiTest, TheNetworksOfAMemberFollowCreateUpdateAndDelete) {
  CreateOk(Organisation("Org A", "KE"), "org-a");
  CreateOk(Organisation("Org B", "KE"), "org-b");
  auto network = [](const std::string& name, const std::vector<std::string>& members) {
    v1::Stakeholder n;
    n.set_kind(v1::Stakeholder::NETWORK);
    n.set_display_name(name);
    n.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    n.set_country("KE");
    for (const auto& m : members) n.add_network_members("stakeholders/" + m);
    return n;
  };
  CreateOk(network("Alpha network", {"org-a", "org-b"}), "alpha");
  CreateOk(network("Beta network", {"org-a"}), "beta");
  auto networks_of = [&](const std::string& member) {
    v1::ListStakeholdersRequest req;
    req.set_has_member("stakeholders/" + member);
    req.set_page_size(1);  // paging over the index
    std::vector<std::string> names;
    do {
      v1::ListStakeholdersResponse resp;
      auto ctx = harness_->Ctx();
      grpc::Status st = harness_->stub().ListStakeholders(ctx.get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const auto& s : resp.stakeholders()) names.push_back(s.name());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return names;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(networks_of("org-a"), (Names{"stakeholders/alpha", "stakeholders/beta"}));
  EXPECT_EQ(networks_of("org-b"), (Names{"stakeholders/alpha"}));

  // Beta drops org-a for org-b and is renamed (its sort key moves in every index).
  v1::UpdateStakeholderRequest up;
  *up.mutable_stakeholder() = network("Gamma network", {"org-b"});
  up.mutable_stakeholder()->set_name("stakeholders/beta");
  v1::Stakeholder updated;
  auto ctx = harness_->Ctx("operator:test");
  grpc::Status st = harness_->stub().UpdateStakeholder(ctx.get(), up, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(networks_of("org-a"), (Names{"stakeholders/alpha"}));
  EXPECT_EQ(networks_of("org-b"), (Names{"stakeholders/alpha", "stakeholders/beta"}));

  v1::DeleteStakeholderRequest del;
  del.set_name("stakeholders/alpha");
  google::protobuf::Empty empty;
  ctx = harness_->Ctx("operator:test");
  ASSERT_TRUE(harness_->stub().DeleteStakeholder(ctx.get(), del, &empty).ok());
  EXPECT_TRUE(networks_of("org-a").empty());
  EXPECT_EQ(networks_of("org-b"), (Names{"stakeholders/beta"}));

  v1::ListStakeholdersRequest bad;
  bad.set_has_member("org-a");
  v1::ListStakeholdersResponse resp;
  ctx = harness_->Ctx();
  st = harness_->stub().ListStakeholders(ctx.get(), bad, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"has_member"});
}

}  // namespace
}  // namespace polylateral::registry::testing
