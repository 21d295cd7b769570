// The write rate limit over gRPC against real Redis: a stakeholder past its burst is refused
// with WRITE_RATE_EXCEEDED and nothing is written; an operator is not limited; reads go on.
#include "absl/strings/str_cat.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

class WriteRateTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    harness_->StopService();
    // Three writes, then (practically) none: nothing refills within the test.
    harness_->set_write_rate(/*rate=*/0.001, /*burst=*/3);
    harness_->StartService();
  }

  grpc::Status SetWebsite(const std::string& principal, v1::Stakeholder* s, int n) {
    v1::UpdateStakeholderRequest req;
    req.mutable_stakeholder()->set_name(s->name());
    req.mutable_stakeholder()->set_etag(s->etag());
    req.mutable_stakeholder()->set_website(absl::StrCat("https://example.org/", n));
    req.mutable_update_mask()->add_paths("website");
    v1::Stakeholder out;
    auto ctx = harness_->Ctx(principal);
    grpc::Status st = harness_->stub().UpdateStakeholder(ctx.get(), req, &out);
    if (st.ok()) *s = out;
    return st;
  }
};

TEST_F(WriteRateTest, AStakeholderPastItsBurstIsRefusedAndWritesNothingWhileAnOperatorGoesOn) {
  v1::Stakeholder s = CreateOk(Organisation("Internet Society", "CH"), "isoc");
  for (int i = 1; i <= 3; ++i) {
    grpc::Status st = SetWebsite("stakeholder:isoc", &s, i);
    ASSERT_TRUE(st.ok()) << i << ": " << st.error_message();
  }
  const std::string etag_before = s.etag();
  v1::Stakeholder stale = s;
  grpc::Status st = SetWebsite("stakeholder:isoc", &stale, 4);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "WRITE_RATE_EXCEEDED");
  EXPECT_EQ(Details(st).domain, "polylateral.registry");
  EXPECT_NE(st.error_message().find("stakeholder:isoc"), std::string::npos) << st.error_message();

  // Nothing was written, and reads are not limited.
  v1::GetStakeholderRequest get;
  get.set_name(s.name());
  v1::Stakeholder now;
  auto ctx = harness_->Ctx("stakeholder:isoc");
  ASSERT_TRUE(harness_->stub().GetStakeholder(ctx.get(), get, &now).ok());
  EXPECT_EQ(now.etag(), etag_before);
  EXPECT_EQ(now.website(), "https://example.org/3");

  // Each caller has its own bucket; operators are not limited at all.
  v1::Stakeholder other = CreateOk(Organisation("Article 19", "GB"), "article19");
  EXPECT_TRUE(SetWebsite("stakeholder:article19", &other, 1).ok());
  for (int i = 10; i < 20; ++i) {
    grpc::Status op = SetWebsite("operator:ops", &s, i);
    EXPECT_TRUE(op.ok()) << i << ": " << op.error_message();
  }
}

}  // namespace
}  // namespace polylateral::registry::testing
