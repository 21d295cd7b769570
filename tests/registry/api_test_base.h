#ifndef POLYLATERAL_TESTS_REGISTRY_API_TEST_BASE_H_
#define POLYLATERAL_TESTS_REGISTRY_API_TEST_BASE_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/registry/registry_harness.h"

namespace polylateral::registry::testing {

// One redis-server per test binary, flushed before each test, and one registry per test.
class RegistryApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = new polylateral::testing::RedisServer(polylateral::testing::RedisAcl::kServiceUsers);
    redis_->Start();
  }
  static void TearDownTestSuite() {
    delete redis_;
    redis_ = nullptr;
  }
  void SetUp() override {
    if (!redis_->running()) redis_->Start();
    redis::RedisClient(redis_->Options(), nullptr).Command({"FLUSHALL"}).IgnoreError();
    harness_ = std::make_unique<RegistryHarness>(redis_);
    harness_->StartService();
  }
  void TearDown() override { harness_.reset(); }

  v1::Stakeholder CreateOk(const v1::Stakeholder& s, const std::string& id = "",
                           const std::string& principal = "operator:test") {
    v1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = s;
    req.set_stakeholder_id(id);
    v1::Stakeholder out;
    auto ctx = harness_->Ctx(principal);
    grpc::Status st = harness_->stub().CreateStakeholder(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // An individual expert `id` affiliated with `affiliation` (an id), created by itself.
  v1::Stakeholder Expert(const std::string& id, const std::string& affiliation) {
    v1::Stakeholder e;
    e.set_kind(v1::Stakeholder::INDIVIDUAL_EXPERT);
    e.set_display_name(absl::StrCat("Expert ", id));
    e.set_stakeholder_group(type::v1::ACADEMIA);
    e.set_country("ZA");
    e.add_affiliations(affiliation);
    return CreateOk(e, id, absl::StrCat("stakeholder:", id));
  }
  // A network `id` listing `member` (an id), created by itself.
  v1::Stakeholder Network(const std::string& id, const std::string& member) {
    v1::Stakeholder n = Organisation(absl::StrCat("Network ", id), "KE");
    n.set_kind(v1::Stakeholder::NETWORK);
    n.clear_ecosoc_status();
    n.add_network_members(member);
    return CreateOk(n, id, absl::StrCat("stakeholder:", id));
  }
  grpc::Status Delete(const std::string& id, const std::string& principal) {
    v1::DeleteStakeholderRequest req;
    req.set_name(absl::StrCat("stakeholders/", id));
    google::protobuf::Empty empty;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().DeleteStakeholder(ctx.get(), req, &empty);
  }

  static polylateral::testing::RedisServer* redis_;
  std::unique_ptr<RegistryHarness> harness_;
};

}  // namespace polylateral::registry::testing

#endif  // POLYLATERAL_TESTS_REGISTRY_API_TEST_BASE_H_
