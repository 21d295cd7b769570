// GetStakeholder's read cache against a real Redis and two registry replicas: a replica reads
// its own writes at once, sees another replica's writes as soon as Redis's invalidation
// arrives, and never answers from the cache while it cannot hear invalidations.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/registry/store/registry_keys.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
polylateral::testing::RedisServer* RegistryApiTest::redis_ = nullptr;
namespace {

class ReadCacheTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    other_ = std::make_unique<RegistryHarness>(redis_);
    other_->StartService();
    for (RegistryHarness* h : {harness_.get(), other_.get()}) {
      ASSERT_TRUE(h->app().stakeholder_invalidations()->WaitTracking(absl::Seconds(5)));
    }
  }
  void TearDown() override {
    other_.reset();
    RegistryApiTest::TearDown();
  }

  static grpc::Status Get(RegistryHarness& h, const std::string& name, v1::Stakeholder* out) {
    v1::GetStakeholderRequest req;
    req.set_name(name);
    auto ctx = h.Ctx();
    return h.stub().GetStakeholder(ctx.get(), req, out);
  }
  static v1::Stakeholder Rename(RegistryHarness& h, const v1::Stakeholder& s,
                                const std::string& display_name) {
    v1::UpdateStakeholderRequest req;
    req.mutable_stakeholder()->set_name(s.name());
    req.mutable_stakeholder()->set_etag(s.etag());
    req.mutable_stakeholder()->set_display_name(display_name);
    req.mutable_update_mask()->add_paths("display_name");
    v1::Stakeholder out;
    auto ctx = h.Ctx("operator:test");
    grpc::Status st = h.stub().UpdateStakeholder(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }
  // Reads through `h` until its cache holds `s` (the first reads may race with the
  // invalidation of the create itself, which voids their fill).
  static bool Cached(RegistryHarness& h, const v1::Stakeholder& s) {
    const std::string key = RegistryKeys::Stakeholder(s.name().substr(sizeof("stakeholders/") - 1));
    for (int i = 0; i < 500; ++i) {
      v1::Stakeholder got;
      EXPECT_TRUE(Get(h, s.name(), &got).ok());
      if (h.app().stakeholder_cache()->Find(key) != nullptr) return true;
      absl::SleepFor(absl::Milliseconds(2));
    }
    return false;
  }

  std::unique_ptr<RegistryHarness> other_;
};

TEST_F(ReadCacheTest, AReplicaReadsItsOwnWritesAtOnce) {
  v1::Stakeholder s = CreateOk(Organisation("Access Now", "US"), "accessnow");
  ASSERT_TRUE(Cached(*harness_, s));
  for (int i = 0; i < 20; ++i) {
    s = Rename(*harness_, s, absl::StrCat("Access Now ", i));
    v1::Stakeholder got;
    ASSERT_TRUE(Get(*harness_, s.name(), &got).ok());
    EXPECT_EQ(got.display_name(), absl::StrCat("Access Now ", i));
    EXPECT_EQ(got.etag(), s.etag());
  }
}

TEST_F(ReadCacheTest, AnotherReplicasWriteReachesTheCache) {
  v1::Stakeholder s = CreateOk(Organisation("Derechos Digitales", "CL"), "derechos");
  ASSERT_TRUE(Cached(*harness_, s));
  Rename(*other_, s, "Derechos Digitales (renamed)");
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  v1::Stakeholder got;
  do {
    ASSERT_TRUE(Get(*harness_, s.name(), &got).ok());
  } while (got.display_name() != "Derechos Digitales (renamed)" && absl::Now() < deadline);
  EXPECT_EQ(got.display_name(), "Derechos Digitales (renamed)");
  EXPECT_EQ(got.etag(), "v2");
}

TEST_F(ReadCacheTest, ADeleteByAnotherReplicaIsNotServedFromTheCache) {
  v1::Stakeholder s = CreateOk(Organisation("Paradigm Initiative", "NG"), "paradigm");
  ASSERT_TRUE(Cached(*harness_, s));
  v1::DeleteStakeholderRequest del;
  del.set_name(s.name());
  google::protobuf::Empty empty;
  auto ctx = other_->Ctx("operator:test");
  ASSERT_TRUE(other_->stub().DeleteStakeholder(ctx.get(), del, &empty).ok());
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  v1::Stakeholder got;
  grpc::Status st;
  do {
    st = Get(*harness_, s.name(), &got);
  } while (st.ok() && absl::Now() < deadline);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReadCacheTest, NoCachedAnswersWhileRedisIsAway) {
  v1::Stakeholder s = CreateOk(Organisation("KICTANet", "KE"), "kictanet");
  ASSERT_TRUE(Cached(*harness_, s));
  redis_->Stop();
  // Invalidations could be missed from now on: the cache must not answer.
  v1::Stakeholder got;
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  grpc::Status st;
  do {
    st = Get(*harness_, s.name(), &got);
  } while (st.ok() && absl::Now() < deadline);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
  redis_->Start();
  ASSERT_TRUE(harness_->app().stakeholder_invalidations()->WaitTracking(absl::Seconds(10)));
  EXPECT_TRUE(Get(*harness_, s.name(), &got).ok());
  EXPECT_EQ(got.display_name(), "KICTANet");
}

}  // namespace
}  // namespace polylateral::registry::testing
