// The deadline scheduler against a real redis-server with a fake clock.
#include "services/accreditation/store/due_scheduler.h"

#include <thread>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/domain/test_fixtures.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/redis_accreditation_store.h"

namespace polylateral::accreditation {
namespace {

class SchedulerTest : public ::testing::Test {
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
  // A non-objection application in its notice period with `objections` lodged.
  void InNotice(const std::string& id, const RouteRule& rule, int objections) {
    Transition t = NewDraft("oewg", id, "sh-" + id, rule.route_id, "x", clock_.Now(), "");
    auto a = store_->Commit(t);
    ASSERT_TRUE(a.ok()) << a.status();
    auto s = SubmitTransition(*a, rule, Disclosure::kPublic, testing::Ngo(), clock_.Now(), "x");
    ASSERT_TRUE(store_->Commit(*s).ok());
    for (int i = 0; i < objections; ++i) {
      ObjectionChange c;
      c.process = "oewg";
      c.application = id;
      c.objection = {std::string{static_cast<char>('A' + i / 26), static_cast<char>('A' + i % 26)},
                     "g", clock_.Now()};
      c.now = clock_.Now();
      c.event = {"objection.lodged", {{"process", "oewg"}}};
      ASSERT_TRUE(store_->LodgeObjection(c).ok());
    }
  }
  AppState StateOf(const std::string& id) { return store_->GetApplication("oewg", id)->state; }

  static polylateral::testing::RedisServer* server_;
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<RedisAccreditationStore> store_;
  FakeClock clock_{absl::FromUnixMillis(1700000000000)};
};
polylateral::testing::RedisServer* SchedulerTest::server_ = nullptr;

TEST_F(SchedulerTest, NoticeEndDecidesByTheSnapshottedRule) {
  RouteRule rule = testing::NonObjection(ObjectionRuleKind::kFractionPresent);
  rule.fraction_of_states_present = 1.0 / 3;
  rule.states_present = 9;  // 3 objections block
  for (int n : {0, 2, 3, 4}) InNotice("app-" + std::to_string(n), rule, n);
  DueScheduler scheduler(client_.get(), &clock_, {});
  EXPECT_EQ(*scheduler.Tick(), 0);  // nothing due yet
  clock_.Advance(rule.notice_period);
  EXPECT_EQ(*scheduler.Tick(), 4);
  for (int n : {0, 2, 3, 4}) {
    EXPECT_EQ(StateOf("app-" + std::to_string(n)),
              ObjectionsBlock(rule, n) ? AppState::kRejected : AppState::kApproved)
        << n;
  }
  EXPECT_EQ(store_->GetAccreditation("oewg", "sh-app-2")->status, AccStatus::kActive);
  EXPECT_FALSE(store_->GetAccreditation("oewg", "sh-app-3").ok());
  EXPECT_EQ(*scheduler.Tick(), 0);
}

// Zero validity at a notice end: the session current or next at approval, not the one that was
// next at submission; its end schedules the expiry (due_claim.lua mirrors GrantFor).
TEST_F(SchedulerTest, NoticeEndGrantsTheSessionCurrentOrNextAndExpiresAtItsEnd) {
  auto utc = [](int y, int m, int d) {
    return absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone());
  };
  // The clock starts on 2023-11-14; the notice period (14 days) ends on 2023-11-28.
  RouteRule rule = testing::NonObjection();
  rule.validity = absl::ZeroDuration();
  rule.sessions = {{"s1", utc(2023, 11, 20), utc(2023, 11, 23)},
                   {"s2", utc(2023, 12, 4), utc(2023, 12, 9)},
                   {"s3", utc(2024, 3, 1), utc(2024, 3, 6)}};
  InNotice("app-1", rule, 0);
  ASSERT_EQ(store_->GetApplication("oewg", "app-1")->rule.sessions.size(), 3u);
  DueScheduler scheduler(client_.get(), &clock_, {});
  clock_.Advance(rule.notice_period);
  EXPECT_EQ(*scheduler.Tick(), 1);
  auto acc = store_->GetAccreditation("oewg", "sh-app-1");
  ASSERT_TRUE(acc.ok()) << acc.status();
  EXPECT_EQ(acc->status, AccStatus::kActive);
  EXPECT_EQ(acc->valid_from, utc(2023, 12, 4));
  EXPECT_EQ(acc->valid_until, utc(2023, 12, 9));
  clock_.Advance(utc(2023, 12, 9) - clock_.Now() - absl::Milliseconds(1));
  EXPECT_EQ(*scheduler.Tick(), 0);  // the last millisecond of the session
  EXPECT_EQ(store_->GetAccreditation("oewg", "sh-app-1")->status, AccStatus::kActive);
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(*scheduler.Tick(), 1);
  EXPECT_EQ(store_->GetAccreditation("oewg", "sh-app-1")->status, AccStatus::kExpired);
}

TEST_F(SchedulerTest, RemindersThenClosingOneIntervalAfterTheLast) {
  RouteRule rule = testing::Committee();
  Transition t = NewDraft("oewg", "app-c", "ngo", rule.route_id, "x", clock_.Now(), "");
  auto a = store_->Commit(t);
  auto s = SubmitTransition(*a, rule, Disclosure::kPublic, testing::Ngo(), clock_.Now(), "x");
  auto in_review = store_->Commit(*s);
  auto d =
      ReviewTransition(*in_review, ReviewDecision::kDefer, {"q"}, "", clock_.Now(), "state:CU");
  ASSERT_TRUE(store_->Commit(*d).ok());
  DueScheduler scheduler(client_.get(), &clock_, {});
  const int max = rule.max_unanswered_reminders;
  for (int i = 1; i <= max; ++i) {
    clock_.Advance(rule.reminder_interval);
    EXPECT_EQ(*scheduler.Tick(), 1);
    auto now = store_->GetApplication("oewg", "app-c");
    EXPECT_EQ(now->unanswered_reminders, i);
    EXPECT_EQ(now->state, AppState::kDeferred);
  }
  clock_.Advance(rule.reminder_interval - absl::Milliseconds(1));
  EXPECT_EQ(*scheduler.Tick(), 0);
  EXPECT_EQ(store_->GetApplication("oewg", "app-c")->state, AppState::kDeferred);
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(*scheduler.Tick(), 1);
  auto closed = store_->GetApplication("oewg", "app-c");
  EXPECT_EQ(closed->state, AppState::kClosed);
  EXPECT_EQ(closed->unanswered_reminders, max);
}

TEST_F(SchedulerTest, TwoReplicasDecideEachApplicationOnce) {
  RouteRule rule = testing::NonObjection();
  constexpr int kApps = 90;
  for (int i = 0; i < kApps; ++i) InNotice("app-" + std::to_string(i), rule, i % 3 == 0 ? 1 : 0);
  clock_.Advance(rule.notice_period);
  std::atomic<int> decisions{0};
  SchedulerOptions opts;
  opts.batch = 7;
  opts.on_decision = [&](const std::string&, const std::string&, int64_t n) { decisions += n; };
  DueScheduler a(client_.get(), &clock_, opts), b(client_.get(), &clock_, opts);
  int taken_a = 0, taken_b = 0;
  std::thread ta([&] { taken_a = *a.Tick(); });
  std::thread tb([&] { taken_b = *b.Tick(); });
  ta.join();
  tb.join();
  EXPECT_EQ(taken_a + taken_b, kApps);
  EXPECT_EQ(decisions.load(), kApps);
  auto approved = client_->Command({"HGET", Keys::Counters(""), "r:NON_OBJECTION:approved"});
  auto blocked = client_->Command({"HGET", Keys::Counters(""), "r:NON_OBJECTION:blocked"});
  EXPECT_EQ(std::string(approved->str()), "60");
  EXPECT_EQ(std::string(blocked->str()), "30");
}

TEST_F(SchedulerTest, TimeBoxedPollsTakeAChunkAndLeaveTheRestDue) {
  RouteRule rule = testing::NonObjection();
  rule.validity = absl::Hours(24 * 365);
  constexpr int kApps = 40;
  for (int i = 0; i < kApps; ++i) InNotice("app-" + std::to_string(i), rule, i % 4 == 0 ? 1 : 0);
  clock_.Advance(rule.notice_period);
  std::vector<int64_t> backlog;
  int64_t decisions = 0;
  SchedulerOptions opts;
  opts.script_budget = absl::ZeroDuration();  // one chunk per script call
  opts.on_backlog = [&](int64_t n) { backlog.push_back(n); };
  opts.on_decision = [&](const std::string&, const std::string&, int64_t n) { decisions += n; };
  DueScheduler scheduler(client_.get(), &clock_, opts);
  EXPECT_EQ(*scheduler.Tick(), kApps);
  EXPECT_EQ(decisions, kApps);
  ASSERT_GE(backlog.size(), 3u);  // 40 entries, 16 per chunk
  EXPECT_EQ(backlog.front(), kApps - 16);
  EXPECT_EQ(backlog.back(), 0);
  // Each approval scheduled its expiry (added after the chunks, so none was lost) and released
  // the stakeholder's open-application pointer.
  auto expiries = client_->Command({"ZCARD", Keys::Due()});
  EXPECT_EQ(expiries->integer(), kApps - kApps / 4);
  auto open = client_->Command({"EXISTS", Keys::Open("oewg", "sh-app-1")});
  EXPECT_EQ(open->integer(), 0);
  EXPECT_EQ(StateOf("app-0"), AppState::kRejected);
  EXPECT_EQ(StateOf("app-1"), AppState::kApproved);
  EXPECT_EQ(*scheduler.Tick(), 0);
}

}  // namespace
}  // namespace polylateral::accreditation
