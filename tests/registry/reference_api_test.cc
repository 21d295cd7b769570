// States and themes: read-only reference data.
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

using ReferenceApiTest = RegistryApiTest;

TEST_F(ReferenceApiTest, StatesPageThroughAll195) {
  v1::ListStatesRequest req;
  req.set_page_size(50);
  int total = 0, pages = 0;
  do {
    v1::ListStatesResponse resp;
    auto ctx = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().ListStates(ctx.get(), req, &resp).ok());
    total += resp.states_size();
    ++pages;
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(total, 195);
  EXPECT_EQ(pages, 4);
}

TEST_F(ReferenceApiTest, GetStateAndRegionFilter) {
  v1::GetStateRequest get;
  get.set_name("states/KE");
  v1::State ke;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().GetState(ctx.get(), get, &ke).ok());
  EXPECT_EQ(ke.region(), type::v1::AFRICAN);
  EXPECT_EQ(ke.iso3(), "KEN");

  get.set_name("states/XX");
  auto ctx2 = harness_->Ctx();
  EXPECT_EQ(harness_->stub().GetState(ctx2.get(), get, &ke).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListStatesRequest list;
  list.set_region(type::v1::EASTERN_EUROPEAN);
  v1::ListStatesResponse resp;
  auto ctx3 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStates(ctx3.get(), list, &resp).ok());
  EXPECT_EQ(resp.states_size(), 23);
}

TEST_F(ReferenceApiTest, ThemesAndTheirChildren) {
  v1::ListThemesRequest req;
  req.set_parent("themes/cybersecurity");
  v1::ListThemesResponse resp;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListThemes(ctx.get(), req, &resp).ok());
  ASSERT_GT(resp.themes_size(), 2);
  for (const auto& t : resp.themes()) EXPECT_EQ(t.parent(), "themes/cybersecurity");

  v1::GetThemeRequest get;
  get.set_name("themes/incident-response");
  v1::Theme theme;
  auto ctx2 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().GetTheme(ctx2.get(), get, &theme).ok());
  EXPECT_EQ(theme.parent(), "themes/cybersecurity");

  req.set_parent("themes/astrology");
  auto ctx3 = harness_->Ctx();
  grpc::Status st = harness_->stub().ListThemes(ctx3.get(), req, &resp);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"parent"});
}

}  // namespace
}  // namespace polylateral::registry::testing
