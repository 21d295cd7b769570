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

// One paging rule for every listing (common/base/page_size.h): 0 gives 50, above 200 is served
// as 200, and a negative size is refused with the same reason on every method.
TEST_F(ReferenceApiTest, EveryListingPagesByTheSharedRule) {
  v1::ListStatesRequest states;
  v1::ListStatesResponse first;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStates(ctx.get(), states, &first).ok());
  EXPECT_EQ(first.states_size(), 50);
  EXPECT_FALSE(first.next_page_token().empty());
  states.set_page_size(200);
  v1::ListStatesResponse all;
  auto ctx2 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStates(ctx2.get(), states, &all).ok());
  EXPECT_EQ(all.states_size(), 195);
  EXPECT_TRUE(all.next_page_token().empty());
  v1::ListProcessesRequest processes;
  processes.set_page_size(500);
  v1::ListProcessesResponse processes_out;
  auto ctx3 = harness_->Ctx();
  EXPECT_TRUE(harness_->stub().ListProcesses(ctx3.get(), processes, &processes_out).ok());
  states.set_page_size(500);
  v1::ListStatesResponse trimmed;
  auto ctx4 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListStates(ctx4.get(), states, &trimmed).ok());
  EXPECT_EQ(trimmed.states_size(), 195);

  auto expect_refused = [](const grpc::Status& st, const char* method) {
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method;
    ErrorDetails d = Details(st);
    EXPECT_EQ(d.reason, "INVALID_PAGE_SIZE") << method;
    EXPECT_EQ(d.fields, std::vector<std::string>{"page_size"}) << method;
  };
  for (int size : {-1, -201}) {
    states.set_page_size(size);
    auto c1 = harness_->Ctx();
    expect_refused(harness_->stub().ListStates(c1.get(), states, &all), "ListStates");
    v1::ListThemesRequest themes;
    themes.set_page_size(size);
    v1::ListThemesResponse themes_out;
    auto c2 = harness_->Ctx();
    expect_refused(harness_->stub().ListThemes(c2.get(), themes, &themes_out), "ListThemes");
    v1::ListStakeholdersRequest stakeholders;
    stakeholders.set_page_size(size);
    v1::ListStakeholdersResponse stakeholders_out;
    auto c3 = harness_->Ctx();
    expect_refused(harness_->stub().ListStakeholders(c3.get(), stakeholders, &stakeholders_out),
                   "ListStakeholders");
    v1::ListProcessesRequest processes;
    processes.set_page_size(size);
    v1::ListProcessesResponse processes_out;
    auto c4 = harness_->Ctx();
    expect_refused(harness_->stub().ListProcesses(c4.get(), processes, &processes_out),
                   "ListProcesses");
  }
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
