// The scheduler decides in Lua (due_claim.lua) so that a decision costs Redis a few commands;
// the rules it applies are the domain's, in C++. These tests set up the same facts in a real
// redis-server, let the script decide, and compare everything it wrote (record, accreditation,
// schedule, counters, decision time, open-application pointer, events) with what the C++ rule
// -- NoticeEndTransition, ReminderTransition, ExpiryChange -- decides on the facts as stored.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "services/accreditation/domain/access_rules.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/domain/notice_list_rules.h"
#include "services/accreditation/domain/test_fixtures.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/due_scheduler.h"
#include "services/accreditation/store/redis_accreditation_store.h"

namespace polylateral::accreditation {
namespace {

using Counters = std::map<std::string, int64_t>;
using Fields = std::map<std::string, std::string>;
using Schedule = std::vector<std::pair<std::string, int64_t>>;  // member, due ms

constexpr char kProcess[] = "oewg";

struct StoredEvent {
  std::string type;
  Fields fields;  // without "type"
};

class DueMirrorTest : public ::testing::Test {
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
    scheduler_ = std::make_unique<DueScheduler>(client_.get(), &clock_, SchedulerOptions{});
  }

  // A fresh Redis for the next case of a test.
  void Reset() { ASSERT_TRUE(client_->Command({"FLUSHALL"}).ok()); }

  // Application `id` submitted on `rule` (committed as the service does) with `objections`
  // states objecting.
  Application Submitted(const std::string& id, const RouteRule& rule, Disclosure disclosure,
                        int objections = 0) {
    Transition draft = NewDraft(kProcess, id, "sh-" + id, rule.route_id, "x", clock_.Now(), "");
    auto a = store_->Commit(draft);
    EXPECT_TRUE(a.ok()) << a.status();
    auto submit = SubmitTransition(*a, rule, disclosure, testing::Ngo(), clock_.Now(), "x");
    EXPECT_TRUE(submit.ok()) << submit.status();
    auto submitted = store_->Commit(*submit);
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    for (int i = 0; i < objections; ++i) {
      ObjectionChange c;
      c.process = kProcess;
      c.application = id;
      c.objection = {std::string{static_cast<char>('A' + i / 26), static_cast<char>('A' + i % 26)},
                     "g", clock_.Now()};
      c.now = clock_.Now();
      c.event = {"objection.lodged", {{"process", kProcess}}};
      EXPECT_TRUE(store_->LodgeObjection(c).ok());
    }
    return *submitted;
  }

  Application Stored(const std::string& id) {
    auto a = store_->GetApplication(kProcess, id);
    EXPECT_TRUE(a.ok()) << a.status();
    return *a;
  }

  std::vector<std::string> Objectors(const std::string& id) {
    std::vector<std::string> out;
    auto objections = store_->ListObjections(kProcess, id);
    EXPECT_TRUE(objections.ok()) << objections.status();
    for (const auto& o : *objections) out.push_back(o.state);
    return out;
  }

  Counters ReadCounters(const std::string& key) {
    Counters out;
    auto reply = client_->Command({"HGETALL", key});
    for (size_t i = 0; i + 1 < reply->size(); i += 2) {
      int64_t n = 0;
      EXPECT_TRUE(absl::SimpleAtoi((*reply)[i + 1].str(), &n));
      out[std::string((*reply)[i].str())] = n;
    }
    return out;
  }

  std::string LastEventId() {
    auto reply = client_->Command({"XREVRANGE", Keys::Events(), "+", "-", "COUNT", "1"});
    if (reply->size() == 0) return "0-0";
    return std::string((*reply)[0][0].str());
  }

  std::vector<StoredEvent> EventsAfter(const std::string& id) {
    std::vector<StoredEvent> out;
    auto reply = client_->Command({"XRANGE", Keys::Events(), "(" + id, "+"});
    for (size_t i = 0; i < reply->size(); ++i) {
      const auto flat = (*reply)[i][1];
      StoredEvent e;
      for (size_t k = 0; k + 1 < flat.size(); k += 2) {
        const std::string name(flat[k].str());
        if (name == "type") {
          e.type = std::string(flat[k + 1].str());
        } else {
          e.fields[name] = std::string(flat[k + 1].str());
        }
      }
      out.push_back(std::move(e));
    }
    return out;
  }

  Schedule Due() {
    Schedule out;
    auto reply = client_->Command({"ZRANGE", Keys::Due(), "0", "-1", "WITHSCORES"});
    for (size_t i = 0; i + 1 < reply->size(); i += 2) {
      int64_t ms = 0;
      EXPECT_TRUE(absl::SimpleAtoi((*reply)[i + 1].str(), &ms));
      out.push_back({std::string((*reply)[i].str()), ms});
    }
    return out;
  }

  // Runs the scheduler at the clock's time and checks that what due_claim.lua wrote for the
  // application `before` is what `expected` (the C++ rule on `before`) says; a refused rule
  // (the entry is stale) must leave everything untouched.
  void ExpectSchedulerMirrors(const Application& before,
                              const absl::StatusOr<Transition>& expected) {
    const std::string process_key = Keys::Counters(kProcess);
    const Counters process0 = ReadCounters(process_key);
    const Counters global0 = ReadCounters(Keys::Counters(""));
    const std::string mark = LastEventId();
    const auto acc_before = store_->GetAccreditation(kProcess, before.stakeholder);
    const Schedule due_before = Due();
    ASSERT_TRUE(scheduler_->Tick().ok());
    const Application after = Stored(before.id);
    const auto acc_after = store_->GetAccreditation(kProcess, before.stakeholder);
    const std::vector<StoredEvent> events = EventsAfter(mark);

    if (!expected.ok()) {
      EXPECT_EQ(expected.status().code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_EQ(after.state, before.state);
      EXPECT_EQ(after.version, before.version);
      EXPECT_EQ(acc_after.ok(), acc_before.ok());
      EXPECT_EQ(ReadCounters(process_key), process0);
      EXPECT_TRUE(events.empty());
      Schedule rest;  // the stale entry is taken, nothing else changes
      for (const auto& e : due_before) {
        if (e.second > absl::ToUnixMillis(clock_.Now())) rest.push_back(e);
      }
      EXPECT_EQ(Due(), rest);
      return;
    }
    const Transition& t = *expected;
    const Application& want = t.application;
    EXPECT_EQ(after.state, want.state) << AppStateName(after.state);
    EXPECT_EQ(after.version, want.version);
    EXPECT_EQ(after.decision_reason, want.decision_reason);
    EXPECT_EQ(after.decided_by, want.decided_by);
    EXPECT_EQ(after.decide_time, want.decide_time);
    EXPECT_EQ(after.due_time, want.due_time);
    EXPECT_EQ(after.unanswered_reminders, want.unanswered_reminders);
    EXPECT_EQ(after.decision_kind, want.decision_kind) << DecisionKindName(after.decision_kind);
    EXPECT_EQ(after.decision_objections, want.decision_objections);
    EXPECT_EQ(after.decision_threshold, want.decision_threshold);
    EXPECT_EQ(after.decision_states_present, want.decision_states_present);
    EXPECT_EQ(after.notice_end, want.notice_end);
    EXPECT_EQ(after.states_present_correction, want.states_present_correction);

    if (t.grant.has_value()) {
      ASSERT_TRUE(acc_after.ok()) << acc_after.status();
      EXPECT_EQ(acc_after->status, t.grant->status);
      EXPECT_EQ(acc_after->valid_from, t.grant->valid_from);
      EXPECT_EQ(acc_after->valid_until, t.grant->valid_until);
      EXPECT_EQ(acc_after->rights, t.grant->rights);
      EXPECT_EQ(acc_after->application, t.grant->application);
      EXPECT_EQ(acc_after->route_id, t.grant->route_id);
      EXPECT_EQ(acc_after->status_reason, t.grant->status_reason);
      EXPECT_EQ(acc_after->version, t.grant->version);
      auto listed = client_->Command({"ZSCORE", Keys::Accs(kProcess), before.stakeholder});
      EXPECT_FALSE(listed->is_nil());
    } else {
      EXPECT_EQ(acc_after.ok(), acc_before.ok());
    }

    Counters want_process = process0;
    Counters want_global = global0;
    for (const auto& c : t.counters) {
      want_process[c.process_field] += c.delta;
      if (!c.global_field.empty()) want_global[c.global_field] += c.delta;
    }
    EXPECT_EQ(ReadCounters(process_key), want_process);
    EXPECT_EQ(ReadCounters(Keys::Counters("")), want_global);

    auto took = client_->Command({"ZSCORE", Keys::DecisionTimes(kProcess), before.id});
    auto took_all = client_->Command({"ZSCORE", Keys::DecisionTimes(""), before.id});
    if (t.decision_duration.has_value()) {
      const std::string ms = std::to_string(absl::ToInt64Milliseconds(*t.decision_duration));
      EXPECT_EQ(std::string(took->str()), ms);
      EXPECT_EQ(std::string(took_all->str()), ms);
    } else {
      EXPECT_TRUE(took->is_nil());
    }

    auto open = client_->Command({"GET", Keys::Open(kProcess, before.stakeholder)});
    if (t.release_open) {
      EXPECT_TRUE(open->is_nil());
    } else {
      EXPECT_EQ(std::string(open->str()), before.id);
    }

    Schedule want_due;
    for (const auto& [kind, at] : t.due_add) {
      want_due.push_back(
          {RedisAccreditationStore::DueMember(kind, kProcess, before.id), absl::ToUnixMillis(at)});
    }
    if (t.grant.has_value() && t.grant->valid_until != absl::InfiniteFuture()) {
      want_due.push_back(
          {RedisAccreditationStore::DueMember(DueKind::kExpiry, kProcess, before.stakeholder),
           absl::ToUnixMillis(t.grant->valid_until)});
    }
    EXPECT_EQ(Due(), want_due);

    ASSERT_EQ(events.size(), t.events.size());
    for (size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].type, t.events[i].type);
      EXPECT_EQ(events[i].fields, Fields(t.events[i].fields.begin(), t.events[i].fields.end()))
          << t.events[i].type;
    }
  }

  // The notice period of an application submitted on `rule` with `objections` ends.
  void ExpectNoticeEndMirrors(const RouteRule& rule, int objections,
                              Disclosure disclosure = Disclosure::kPublic) {
    SCOPED_TRACE(absl::StrCat("objection rule ", static_cast<int>(rule.objection_kind), ", ",
                              objections, " objection(s)"));
    Reset();
    Submitted("app-1", rule, disclosure, objections);
    clock_.Advance(rule.notice_period);
    const Application before = Stored("app-1");
    ExpectSchedulerMirrors(before, NoticeEndTransition(before, Objectors("app-1"), clock_.Now()));
  }

  static polylateral::testing::RedisServer* server_;
  FakeClock clock_{absl::FromUnixMillis(1700000000000)};
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<RedisAccreditationStore> store_;
  std::unique_ptr<DueScheduler> scheduler_;
};
polylateral::testing::RedisServer* DueMirrorTest::server_ = nullptr;

// Every value of the domain's objection rule enum, at and around its blocking threshold.
TEST_F(DueMirrorTest, NoticeEndUnderEveryObjectionRuleKind) {
  for (int k = static_cast<int>(ObjectionRuleKind::kUnspecified);
       k <= static_cast<int>(ObjectionRuleKind::kFractionPresent); ++k) {
    const auto kind = static_cast<ObjectionRuleKind>(k);
    RouteRule rule = testing::NonObjection(kind);
    rule.validity = absl::Hours(24 * 365);
    switch (kind) {
      case ObjectionRuleKind::kAtLeastN:
        rule.min_objecting_states = 3;
        for (int n : {0, 2, 3, 4}) ExpectNoticeEndMirrors(rule, n);
        rule.min_objecting_states = 0;  // read as 1
        for (int n : {0, 1}) ExpectNoticeEndMirrors(rule, n);
        break;
      case ObjectionRuleKind::kFractionPresent:
        rule.fraction_of_states_present = 1.0 / 3;
        rule.states_present = 9;  // 3 block
        for (int n : {2, 3}) ExpectNoticeEndMirrors(rule, n, Disclosure::kCountOnly);
        rule.states_present = 99;  // 33, not 34, despite rounding
        for (int n : {32, 33}) ExpectNoticeEndMirrors(rule, n);
        rule.states_present = 0;  // unknown: a third of the UN's members
        for (int n : {64, 65}) ExpectNoticeEndMirrors(rule, n, Disclosure::kStatesOnRequest);
        break;
      default:  // any single objection, and an unspecified rule read the same way
        for (int n : {0, 1, 2}) ExpectNoticeEndMirrors(rule, n);
        break;
    }
  }
}

// The states present a fraction rule takes at the notice end: the session current or next
// then (not the one at submission), the secretariat's correction (0 included), the number
// snapshotted at submission once every session is over, and a record whose sessions were
// stored without their states present.
TEST_F(DueMirrorTest, NoticeEndTakesTheStatesPresentAtTheEnd) {
  const absl::Duration day = absl::Hours(24);
  for (int c = 0; c < 5; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    Reset();
    RouteRule rule = testing::NonObjection(ObjectionRuleKind::kFractionPresent);
    rule.fraction_of_states_present = 1.0 / 3;
    rule.validity = absl::Hours(24 * 365);
    rule.states_present = 9;
    const absl::Time now = clock_.Now();
    rule.sessions = {{"s1", now - day, now + 5 * day, 9},
                     {"s2", now + 10 * day, now + 20 * day, 30}};
    if (c == 3) rule.sessions.pop_back();  // over by the notice end
    Submitted("app-1", rule, Disclosure::kPublic, 3);
    if (c == 1 || c == 2) {
      auto fix = CorrectStatesPresentTransition(Stored("app-1"), c == 1 ? 6 : 0, clock_.Now());
      ASSERT_TRUE(fix.ok()) << fix.status();
      ASSERT_TRUE(store_->Commit(*fix).ok());
    }
    if (c == 4) {
      ASSERT_TRUE(client_
                      ->Command({"HSET", Keys::App(kProcess, "app-1"), "sess",
                                 absl::StrCat("s2:", absl::ToUnixMillis(now + 10 * day), ":",
                                              absl::ToUnixMillis(now + 20 * day))})
                      .ok());
    }
    clock_.Advance(rule.notice_period);
    const Application before = Stored("app-1");
    const auto expected = NoticeEndTransition(before, Objectors("app-1"), clock_.Now());
    ASSERT_TRUE(expected.ok()) << expected.status();
    const int want_present[] = {30, 6, 0, 9, 0};
    EXPECT_EQ(expected->application.decision_states_present, want_present[c]);
    ExpectSchedulerMirrors(before, expected);
  }
}

// Applications on a notice list end their notice at the list's deadline (moved there by
// notice_list.lua): the script decides them there as the C++ rule does, blocked or granted.
TEST_F(DueMirrorTest, NoticeEndOfAnApplicationOnAList) {
  for (int objections : {0, 1}) {
    SCOPED_TRACE(absl::StrCat(objections, " objection(s)"));
    Reset();
    RouteRule rule = testing::NonObjection();
    rule.validity = absl::Hours(24 * 365);
    Submitted("app-1", rule, Disclosure::kPublic, objections);
    auto list = NewNoticeList(kProcess, "nl-1", {"app-1"}, clock_.Now() + absl::Hours(24 * 20),
                              clock_.Now(), "secretariat:oewg");
    ASSERT_TRUE(list.ok()) << list.status();
    NoticeListWrite w;
    w.list = *list;
    w.now = clock_.Now();
    ASSERT_TRUE(store_->WriteNoticeList(w).ok());
    clock_.Advance(rule.notice_period);  // the application's own notice end: not due any more
    ASSERT_EQ(*scheduler_->Tick(), 0);
    clock_.Advance(list->deadline - clock_.Now());
    const Application before = Stored("app-1");
    ASSERT_EQ(before.notice_end, list->deadline);
    ExpectSchedulerMirrors(before, NoticeEndTransition(before, Objectors("app-1"), clock_.Now()));
  }
}

// The accreditation an approval at a notice end grants, for each way GrantFor dates it.
TEST_F(DueMirrorTest, NoticeEndGrantsWhatGrantForGives) {
  RouteRule rule = testing::NonObjection();
  rule.validity = absl::Hours(24 * 30);
  ExpectNoticeEndMirrors(rule, 0);
  rule.validity = absl::ZeroDuration();  // until the process ends
  ExpectNoticeEndMirrors(rule, 0);
  // Zero validity with sessions, dated relative to each case's notice end: one ended, one
  // current, one to come; then only one to come; then all ended.
  const absl::Duration day = absl::Hours(24);
  for (int c = 0; c < 3; ++c) {
    const absl::Time end = clock_.Now() + rule.notice_period;
    const SessionWindow ended{"s1", end - 9 * day, end - 5 * day};
    const SessionWindow current{"s2", end - day, end + 3 * day};
    const SessionWindow next{"s3", end + 4 * day, end + 9 * day};
    rule.sessions = c == 0   ? std::vector<SessionWindow>{ended, current, next}
                    : c == 1 ? std::vector<SessionWindow>{ended, next}
                             : std::vector<SessionWindow>{ended};
    ExpectNoticeEndMirrors(rule, 0);
  }
}

// A notice entry whose application has moved on (withdrawn) decides nothing, in both.
TEST_F(DueMirrorTest, StaleNoticeEntryIsDropped) {
  RouteRule rule = testing::NonObjection();
  Submitted("app-1", rule, Disclosure::kPublic);
  auto w = WithdrawTransition(Stored("app-1"), clock_.Now(), "x");
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_TRUE(store_->Commit(*w).ok());
  clock_.Advance(rule.notice_period);
  ASSERT_TRUE(
      client_
          ->Command({"ZADD", Keys::Due(), std::to_string(absl::ToUnixMillis(clock_.Now())),
                     RedisAccreditationStore::DueMember(DueKind::kNotice, kProcess, "app-1")})
          .ok());
  const Application before = Stored("app-1");
  ExpectSchedulerMirrors(before, NoticeEndTransition(before, {}, clock_.Now()));
}

// A deferral's reminders, one by one, until the unanswered ones close it.
TEST_F(DueMirrorTest, RemindersThenClosing) {
  for (int max : {1, 3}) {
    SCOPED_TRACE(absl::StrCat("max_unanswered_reminders ", max));
    Reset();
    RouteRule rule = testing::Committee();
    rule.max_unanswered_reminders = max;
    const Application in_review = Submitted("app-c", rule, Disclosure::kPublic);
    auto defer =
        ReviewTransition(in_review, ReviewDecision::kDefer, {"q"}, "", clock_.Now(), "state:CU");
    ASSERT_TRUE(defer.ok()) << defer.status();
    ASSERT_TRUE(store_->Commit(*defer).ok());
    // `max` reminders, then the closing entry one interval after the last.
    for (int i = 1; i <= max + 1; ++i) {
      clock_.Advance(rule.reminder_interval);
      const Application before = Stored("app-c");
      ASSERT_EQ(before.state, AppState::kDeferred);
      ExpectSchedulerMirrors(before, ReminderTransition(before, clock_.Now()));
    }
    EXPECT_EQ(Stored("app-c").state, AppState::kClosed);
    EXPECT_EQ(Stored("app-c").unanswered_reminders, max);
  }
}

// An accreditation's validity ends while it is ACTIVE, SUSPENDED or REVOKED (a revoked one's
// expiry entry is gone; a stale one is put back to show the script leaves it alone), and an
// entry due before the validity ends.
TEST_F(DueMirrorTest, ExpiryByStatus) {
  for (int k = static_cast<int>(AccStatus::kActive); k <= static_cast<int>(AccStatus::kRevoked);
       ++k) {
    for (bool early : {false, true}) {
      const auto status = static_cast<AccStatus>(k);
      SCOPED_TRACE(absl::StrCat(AccStatusName(status), early ? ", entry before the end" : ""));
      Reset();
      RouteRule rule = testing::NonObjection();
      rule.validity = absl::Hours(24 * 30);
      Submitted("app-1", rule, Disclosure::kPublic);
      clock_.Advance(rule.notice_period);
      ASSERT_TRUE(scheduler_->Tick().ok());
      auto granted = store_->GetAccreditation(kProcess, "sh-app-1");
      ASSERT_TRUE(granted.ok()) << granted.status();
      if (status != AccStatus::kActive) {
        auto change = ChangeStatus(*granted,
                                   status == AccStatus::kSuspended ? AccreditationAction::kSuspend
                                                                   : AccreditationAction::kRevoke,
                                   "r", clock_.Now(), "secretariat");
        ASSERT_TRUE(change.ok()) << change.status();
        ASSERT_TRUE(store_->CommitAccreditation(*change).ok());
      }
      const absl::Time end = granted->valid_until;
      const absl::Time at = early ? end - absl::Hours(1) : end;
      ASSERT_TRUE(client_
                      ->Command({"ZADD", Keys::Due(), std::to_string(absl::ToUnixMillis(at)),
                                 RedisAccreditationStore::DueMember(DueKind::kExpiry, kProcess,
                                                                    "sh-app-1")})
                      .ok());
      clock_.Advance(at - clock_.Now());
      const Accreditation before = *store_->GetAccreditation(kProcess, "sh-app-1");
      const std::string mark = LastEventId();
      ASSERT_TRUE(scheduler_->Tick().ok());
      const Accreditation after = *store_->GetAccreditation(kProcess, "sh-app-1");
      const std::vector<StoredEvent> events = EventsAfter(mark);
      const auto expected = ExpiryChange(before, clock_.Now());
      EXPECT_TRUE(Due().empty());
      if (!expected.ok()) {
        EXPECT_EQ(expected.status().code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_EQ(after.status, before.status);
        EXPECT_EQ(after.version, before.version);
        EXPECT_EQ(after.status_reason, before.status_reason);
        EXPECT_TRUE(events.empty());
        continue;
      }
      EXPECT_EQ(after.status, expected->accreditation.status);
      EXPECT_EQ(after.version, expected->accreditation.version);
      EXPECT_EQ(after.status_reason, expected->accreditation.status_reason);
      EXPECT_EQ(after.valid_from, expected->accreditation.valid_from);
      EXPECT_EQ(after.valid_until, expected->accreditation.valid_until);
      ASSERT_EQ(events.size(), 1u);
      EXPECT_EQ(events[0].type, expected->event.type);
      EXPECT_EQ(events[0].fields,
                Fields(expected->event.fields.begin(), expected->event.fields.end()));
    }
  }
}

}  // namespace
}  // namespace polylateral::accreditation
