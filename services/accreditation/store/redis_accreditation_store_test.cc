// The store's scripts against a real redis-server: guards, replays, objections, counters.
#include "services/accreditation/store/redis_accreditation_store.h"

#include "common/base/errors.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/domain/test_fixtures.h"
#include "services/accreditation/store/accreditation_keys.h"

namespace polylateral::accreditation {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new polylateral::testing::RedisServer();
    server_->Start();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    redis::RedisOptions o;
    o.address = server_->address();
    client_ = std::make_unique<redis::RedisClient>(o, nullptr);
    ASSERT_TRUE(client_->Command({"FLUSHALL"}).ok());
    store_ = std::make_unique<RedisAccreditationStore>(client_.get());
  }
  Application Create(const std::string& id, const std::string& sh = "ngo",
                     const std::string& rid = "") {
    Transition t = NewDraft("oewg", id, sh, "non-objection", "stakeholder:" + sh, now_, rid);
    auto a = store_->Commit(t);
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? *a : Application{};
  }
  static polylateral::testing::RedisServer* server_;
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<RedisAccreditationStore> store_;
  absl::Time now_ = absl::FromUnixMillis(1700000000000);
};
polylateral::testing::RedisServer* StoreTest::server_ = nullptr;

TEST_F(StoreTest, CreateReadAndReplay) {
  Application a = Create("app-1", "ngo", "rq-1");
  auto got = store_->GetApplication("oewg", "app-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state, AppState::kDraft);
  EXPECT_EQ(got->create_time, now_);
  // The same request id returns the first application, whatever id the retry generated.
  Transition again = NewDraft("oewg", "app-2", "ngo", "non-objection", "x", now_, "rq-1");
  auto replay = store_->Commit(again);
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->id, "app-1");
  // Another application while one is open: refused.
  Transition other = NewDraft("oewg", "app-3", "ngo", "non-objection", "x", now_, "");
  EXPECT_EQ(ErrorReason(store_->Commit(other).status()), "APPLICATION_PENDING");
}

TEST_F(StoreTest, StaleVersionIsAborted) {
  Application a = Create("app-1");
  auto t =
      SubmitTransition(a, testing::NonObjection(), Disclosure::kPublic, testing::Ngo(), now_, "x");
  ASSERT_TRUE(store_->Commit(*t).ok());
  auto stale = store_->Commit(*t);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
}

TEST_F(StoreTest, ObjectionsOnlyInTheNoticePeriodAndOncePerState) {
  Application a = Create("app-1");
  auto t =
      SubmitTransition(a, testing::NonObjection(), Disclosure::kPublic, testing::Ngo(), now_, "x");
  ASSERT_TRUE(store_->Commit(*t).ok());
  ObjectionChange c;
  c.process = "oewg";
  c.application = "app-1";
  c.objection = {"RU", "grounds", now_};
  c.now = now_;
  c.counters = {{"objn", "objn", 1}};
  c.event = {"objection.lodged", {{"process", "oewg"}}};
  ASSERT_TRUE(store_->LodgeObjection(c).ok());
  EXPECT_EQ(ErrorReason(store_->LodgeObjection(c)), "OBJECTION_EXISTS");
  ObjectionChange late = c;
  late.objection.state = "CN";
  late.now = now_ + absl::Hours(24 * 14);
  EXPECT_EQ(ErrorReason(store_->LodgeObjection(late)), "NOT_IN_NOTICE_PERIOD");
  auto list = store_->ListObjections("oewg", "app-1");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].grounds, "grounds");
  EXPECT_EQ(store_->GetApplication("oewg", "app-1")->objection_count, 1);
  auto counters = store_->ReadCounters("oewg");
  ASSERT_TRUE(counters.ok());
  bool found = false;
  for (const auto& [f, n] : counters->fields) found |= (f == "objn" && n == 1);
  EXPECT_TRUE(found);
}

TEST_F(StoreTest, ApprovalGrantsAnAccreditationAndReleasesTheStakeholder) {
  Application a = Create("app-1");
  auto t = SubmitTransition(a, testing::Inherited(), Disclosure::kPublic,
                            testing::Ngo(testing::Ecosoc::kGeneral), now_, "x");
  ASSERT_TRUE(store_->Commit(*t).ok());
  auto acc = store_->GetAccreditation("oewg", "ngo");
  ASSERT_TRUE(acc.ok()) << acc.status();
  EXPECT_EQ(acc->status, AccStatus::kActive);
  EXPECT_EQ(acc->valid_until, now_ + absl::Hours(24 * 365));
  // Accredited: a new application is refused.
  Transition again = NewDraft("oewg", "app-2", "ngo", "non-objection", "x", now_, "");
  EXPECT_EQ(ErrorReason(store_->Commit(again).status()), "ALREADY_ACCREDITED");
  auto expiry = client_->Command({"ZSCORE", Keys::Due(), "expire|oewg|ngo"});
  EXPECT_FALSE(expiry->is_nil());
  auto events = client_->Command({"XLEN", Keys::Events()});
  EXPECT_EQ(events->integer(), 3);  // submitted, approved, granted
}

}  // namespace
}  // namespace polylateral::accreditation
