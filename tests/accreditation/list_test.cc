// ListApplications' filters and deadline order, and ListStateObjections, against a real
// registry, a real accreditation service and real Redis: what each filter selects, that
// pages follow the filters and refuse another query's token, that state changes (the
// caller's and the scheduler's) move applications between the indexes, that a filtered page
// of a process of 10,000 applications reads a handful of records, and that a state lists its
// own objections across processes and nobody else's.
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/redis/redis_client.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/store/application_codec.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

using grpc::StatusCode;
using Names = std::vector<std::string>;

class ListTest : public AccreditationTest {
 protected:
  // "oewg": a0 approved at once (ecosoc-general); n1, n2, n3 created in that order and
  // submitted in the reverse one an hour apart (notice deadlines n3 < n2 < n1); d1 a draft.
  void Fixture() {
    Process("oewg", reg::ParticipationModalities::PUBLIC);
    // A second apart, so that creation order is the order of these calls.
    a0_ = Apply("oewg", Stakeholder("General NGO", reg::Stakeholder::GENERAL), "ecosoc-general");
    a0_ = Submit(a0_.name(), "secretariat:oewg");
    int i = 0;
    for (auto* app : {&n1_, &n2_, &n3_}) {
      clock_.Advance(absl::Seconds(1));
      *app = Apply("oewg", Stakeholder("NGO " + std::to_string(++i), reg::Stakeholder::NO_STATUS),
                   "non-objection");
    }
    for (auto* app : {&n3_, &n2_, &n1_}) {
      *app = Submit(app->name(), "secretariat:oewg");
      clock_.Advance(absl::Hours(1));
    }
    d1_ = Apply("oewg", Stakeholder("Draft NGO", reg::Stakeholder::NO_STATUS), "non-objection");
  }

  acc::ListApplicationsRequest Query() {
    acc::ListApplicationsRequest req;
    req.set_parent("processes/oewg");
    return req;
  }

  grpc::Status List(const acc::ListApplicationsRequest& req, acc::ListApplicationsResponse* out,
                    const std::string& principal = "secretariat:oewg") {
    auto ctx = Ctx(principal);
    return stub_->ListApplications(ctx.get(), req, out);
  }

  // Every page of `req`, following the tokens; the names in order.
  Names All(acc::ListApplicationsRequest req, int* pages = nullptr) {
    Names names;
    int n = 0;
    for (;;) {
      acc::ListApplicationsResponse page;
      grpc::Status st = List(req, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok() || ++n > 1000) break;
      for (const auto& a : page.applications()) names.push_back(a.name());
      if (page.next_page_token().empty()) break;
      req.set_page_token(page.next_page_token());
    }
    if (pages != nullptr) *pages = n;
    return names;
  }

  void ExpectRefused(const acc::ListApplicationsRequest& req, const std::string& reason,
                     const std::string& field) {
    acc::ListApplicationsResponse out;
    grpc::Status st = List(req, &out);
    EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(Details(st).reason, reason) << field;
    EXPECT_EQ(Details(st).fields, Names{field});
  }

  static google::protobuf::Timestamp Stamp(const google::protobuf::Timestamp& t, int64_t plus_ms) {
    google::protobuf::Timestamp out;
    const int64_t ms = t.seconds() * 1000 + t.nanos() / 1000000 + plus_ms;
    out.set_seconds(ms / 1000);
    out.set_nanos(static_cast<int32_t>(ms % 1000) * 1000000);
    return out;
  }

  redis::RedisClient Admin() const { return redis::RedisClient(redis_->Options(), nullptr); }

  // How many times Redis ran `command` (INFO commandstats), scripts' calls included.
  int64_t Calls(const std::string& command) {
    auto info = Admin().Command({"INFO", "commandstats"});
    EXPECT_TRUE(info.ok());
    if (!info.ok()) return -1;
    const std::string needle = "cmdstat_" + command + ":calls=";
    const std::string text(info->str());
    const size_t at = text.find(needle);
    if (at == std::string::npos) return 0;
    int64_t n = 0;
    const size_t from = at + needle.size();
    EXPECT_TRUE(absl::SimpleAtoi(text.substr(from, text.find(',', from) - from), &n));
    return n;
  }

  acc::Application a0_, n1_, n2_, n3_, d1_;
};

TEST_F(ListTest, EachFilterSelectsItsApplicationsInCreationOrder) {
  Fixture();
  EXPECT_EQ(All(Query()), (Names{a0_.name(), n1_.name(), n2_.name(), n3_.name(), d1_.name()}));

  auto q = Query();
  q.set_state(acc::Application::IN_NOTICE);
  EXPECT_EQ(All(q), (Names{n1_.name(), n2_.name(), n3_.name()}));
  q.set_state(acc::Application::APPROVED);
  EXPECT_EQ(All(q), Names{a0_.name()});
  q.set_state(acc::Application::DRAFT);
  EXPECT_EQ(All(q), Names{d1_.name()});

  q = Query();
  q.set_route_id("ecosoc-general");
  EXPECT_EQ(All(q), Names{a0_.name()});
  q.set_route_id("non-objection");
  EXPECT_EQ(All(q), (Names{n1_.name(), n2_.name(), n3_.name(), d1_.name()}));
  q.set_state(acc::Application::APPROVED);  // both must match
  EXPECT_EQ(All(q), Names{});
  q.set_route_id("no-such-route");
  q.clear_state();
  EXPECT_EQ(All(q), Names{});

  q = Query();
  q.set_stakeholder(n2_.stakeholder());
  EXPECT_EQ(All(q), Names{n2_.name()});

  // Strictly before n2's deadline plus 1 ms: n2 and n3 (n3's is an hour earlier).
  q = Query();
  *q.mutable_deadline_before() = Stamp(n2_.due_time(), 1);
  EXPECT_EQ(All(q), (Names{n2_.name(), n3_.name()}));
  *q.mutable_deadline_before() = Stamp(n3_.due_time(), 0);
  EXPECT_EQ(All(q), Names{});
}

TEST_F(ListTest, OrderByDeadlineListsTheNoticePeriodsEarliestFirstThenTheRest) {
  Fixture();
  auto q = Query();
  q.set_order_by("deadline");
  EXPECT_EQ(All(q), (Names{n3_.name(), n2_.name(), n1_.name(), a0_.name(), d1_.name()}));
  *q.mutable_deadline_before() = Stamp(n1_.due_time(), 0);
  EXPECT_EQ(All(q), (Names{n3_.name(), n2_.name()}));
  q.clear_deadline_before();
  q.set_state(acc::Application::IN_NOTICE);
  q.set_page_size(1);
  int pages = 0;
  EXPECT_EQ(All(q, &pages), (Names{n3_.name(), n2_.name(), n1_.name()}));
  EXPECT_EQ(pages, 3);
  q.set_order_by("create_time");
  EXPECT_EQ(All(q), (Names{n1_.name(), n2_.name(), n3_.name()}));
}

TEST_F(ListTest, PageTokensBelongToTheirQuery) {
  Fixture();
  auto q = Query();
  q.set_route_id("non-objection");
  q.set_page_size(2);
  acc::ListApplicationsResponse first;
  ASSERT_TRUE(List(q, &first).ok());
  ASSERT_EQ(first.applications_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());

  auto other = q;
  other.set_page_token(first.next_page_token());
  other.set_route_id("ecosoc-general");
  ExpectRefused(other, "PAGE_TOKEN_MISMATCH", "page_token");
  other = q;
  other.set_page_token(first.next_page_token());
  other.set_order_by("deadline");
  ExpectRefused(other, "PAGE_TOKEN_MISMATCH", "page_token");
  other = Query();  // the plain listing
  other.set_page_token(first.next_page_token());
  ExpectRefused(other, "PAGE_TOKEN_MISMATCH", "page_token");

  q.set_page_token(first.next_page_token());
  acc::ListApplicationsResponse second;
  ASSERT_TRUE(List(q, &second).ok());
  ASSERT_EQ(second.applications_size(), 2);
  EXPECT_EQ(second.applications(0).name(), n3_.name());
  EXPECT_EQ(second.applications(1).name(), d1_.name());
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(ListTest, BadFilterValuesAreRefusedNamingTheField) {
  Fixture();
  auto q = Query();
  q.set_state(static_cast<acc::Application::State>(42));
  ExpectRefused(q, "UNKNOWN_ENUM_VALUE", "state");
  q = Query();
  q.set_route_id("Not a route!");
  ExpectRefused(q, "INVALID_FILTER", "route_id");
  q = Query();
  q.set_stakeholder("processes/oewg");
  ExpectRefused(q, "INVALID_NAME", "stakeholder");
  q = Query();
  q.mutable_deadline_before()->set_seconds(253402300800);
  ExpectRefused(q, "INVALID_TIMESTAMP", "deadline_before");
  q = Query();
  q.set_order_by("deadline desc");
  ExpectRefused(q, "INVALID_FILTER", "order_by");
}

TEST_F(ListTest, DecisionsMoveApplicationsBetweenTheIndexes) {
  Fixture();
  // The caller's write (app_commit.lua): a withdrawal leaves the notice period.
  acc::WithdrawApplicationRequest w;
  w.set_name(n2_.name());
  acc::Application out;
  auto ctx = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->WithdrawApplication(ctx.get(), w, &out).ok());
  auto q = Query();
  q.set_state(acc::Application::IN_NOTICE);
  EXPECT_EQ(All(q), (Names{n1_.name(), n3_.name()}));
  q.set_state(acc::Application::WITHDRAWN);
  EXPECT_EQ(All(q), Names{n2_.name()});
  q = Query();
  q.set_order_by("deadline");
  EXPECT_EQ(All(q), (Names{n3_.name(), n1_.name(), a0_.name(), n2_.name(), d1_.name()}));

  // The scheduler's decisions (due_claim.lua): an objection blocks n3, n1 is approved.
  ASSERT_TRUE(Object(n3_.name(), "RU").ok());
  clock_.Advance(absl::Hours(24 * 15));
  Tick();
  q = Query();
  q.set_state(acc::Application::IN_NOTICE);
  EXPECT_EQ(All(q), Names{});
  q.set_state(acc::Application::APPROVED);
  EXPECT_EQ(All(q), (Names{a0_.name(), n1_.name()}));
  q.set_state(acc::Application::REJECTED);
  EXPECT_EQ(All(q), Names{n3_.name()});
  q = Query();
  *q.mutable_deadline_before() = Stamp(n1_.due_time(), 1);
  EXPECT_EQ(All(q), Names{});
  q.clear_deadline_before();
  q.set_order_by("deadline");
  EXPECT_EQ(All(q), (Names{a0_.name(), n1_.name(), n2_.name(), n3_.name(), d1_.name()}));
}

TEST_F(ListTest, ApplicationsStoredBeforeTheIndexesAreIndexedOnTheFirstFilteredList) {
  Fixture();
  // As an earlier release left them: the creation-order index only.
  auto keys = Admin().Command({"KEYS", "{acc}:apps:oewg:*"});
  ASSERT_TRUE(keys.ok());
  ASSERT_GT(keys->size(), 0U);
  for (size_t i = 0; i < keys->size(); ++i) {
    ASSERT_TRUE(Admin().Command({"DEL", std::string((*keys)[i].str())}).ok());
  }
  auto q = Query();
  q.set_order_by("deadline");
  EXPECT_EQ(All(q), (Names{n3_.name(), n2_.name(), n1_.name(), a0_.name(), d1_.name()}));
  auto built = Admin().Command({"GET", "{acc}:apps:oewg:ix"});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->str(), "1");
  q = Query();
  q.set_state(acc::Application::IN_NOTICE);
  EXPECT_EQ(All(q), (Names{n1_.name(), n2_.name(), n3_.name()}));
  q = Query();
  q.set_stakeholder(n2_.stakeholder());
  EXPECT_EQ(All(q), Names{n2_.name()});
}

TEST_F(ListTest, AFilteredPageOfTenThousandApplicationsReadsAFewRecords) {
  Fixture();
  // 10,000 more drafts on the committee route, stored as a release before the filter indexes
  // stored them (record and creation-order index), so the first filtered listing also builds
  // the indexes of all 10,005 once.
  const absl::Time start = clock_.Now();
  std::vector<std::vector<std::string>> batch;
  for (int i = 0; i < 10000; ++i) {
    Transition t =
        NewDraft("oewg", "bulk-" + std::to_string(i), "bulk-sh-" + std::to_string(i), "committee",
                 "secretariat:oewg", ToStoredPrecision(start + absl::Milliseconds(i)), "");
    std::vector<std::string> hset = {"HSET", "{acc}:app:oewg:" + t.application.id};
    for (auto& [k, v] : ApplicationFields(t.application)) {
      hset.push_back(k);
      hset.push_back(v);
    }
    batch.push_back(std::move(hset));
    batch.push_back({"ZADD", "{acc}:apps:oewg", "0",
                     absl::StrFormat("%016d:%s", absl::ToUnixMillis(t.application.create_time),
                                     t.application.id)});
    if (batch.size() >= 1000) {
      ASSERT_TRUE(Admin().Pipeline(batch).ok());
      batch.clear();
    }
  }
  ASSERT_TRUE(Admin().Command({"DEL", "{acc}:apps:oewg:ix"}).ok());
  {
    auto q = Query();
    q.set_state(acc::Application::DRAFT);
    q.set_page_size(1);
    const absl::Time t0 = absl::Now();
    acc::ListApplicationsResponse page;
    ASSERT_TRUE(List(q, &page).ok());
    std::printf("10,000 applications, first filtered listing (builds the indexes): %.1f ms\n",
                absl::ToDoubleMilliseconds(absl::Now() - t0));
    ASSERT_EQ(page.applications_size(), 1);
  }
  struct Case {
    std::string what;
    acc::ListApplicationsRequest q;
    size_t expected;
  };
  std::vector<Case> cases(4, {"", Query(), 0});
  cases[0].what = "state IN_NOTICE";
  cases[0].q.set_state(acc::Application::IN_NOTICE);
  cases[0].expected = 3;
  cases[1].what = "route ecosoc-general";
  cases[1].q.set_route_id("ecosoc-general");
  cases[1].expected = 1;
  cases[2].what = "deadline before";
  *cases[2].q.mutable_deadline_before() = Stamp(n1_.due_time(), 0);
  cases[2].expected = 2;
  cases[3].what = "order by deadline, first page of 3";
  cases[3].q.set_order_by("deadline");
  cases[3].q.set_page_size(3);
  cases[3].expected = 3;
  for (const auto& c : cases) {
    const int64_t before = Calls("hgetall");
    const absl::Time t0 = absl::Now();
    acc::ListApplicationsResponse page;
    ASSERT_TRUE(List(c.q, &page).ok()) << c.what;
    const absl::Duration took = absl::Now() - t0;
    const int64_t read = Calls("hgetall") - before;
    EXPECT_EQ(static_cast<size_t>(page.applications_size()), c.expected) << c.what;
    EXPECT_LE(read, 10) << c.what;
    std::printf("10,000 applications, %s: %lld records read, %.2f ms\n", c.what.c_str(),
                static_cast<long long>(read), absl::ToDoubleMilliseconds(took));
  }
}

class StateObjectionsTest : public AccreditationTest {
 protected:
  grpc::Status ListOf(const std::string& parent, const std::string& principal,
                      acc::ListStateObjectionsResponse* out, int page_size = 0,
                      const std::string& token = "") {
    acc::ListStateObjectionsRequest req;
    req.set_parent(parent);
    req.set_page_size(page_size);
    req.set_page_token(token);
    auto ctx = Ctx(principal);
    return stub_->ListStateObjections(ctx.get(), req, out);
  }

  static Names ObjectionNames(const acc::ListStateObjectionsResponse& r) {
    Names out;
    for (const auto& o : r.objections()) out.push_back(o.name());
    return out;
  }

  acc::Application InNotice(const std::string& process, const std::string& name) {
    return Submit(
        Apply(process, Stakeholder(name, reg::Stakeholder::NO_STATUS), "non-objection").name(),
        "secretariat:" + process);
  }
};

TEST_F(StateObjectionsTest, AStateListsItsOwnObjectionsAcrossProcesses) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  Process("wsis", reg::ParticipationModalities::COUNT_ONLY);
  const acc::Application a = InNotice("oewg", "NGO A");
  const acc::Application b = InNotice("wsis", "NGO B");
  const acc::Application c = InNotice("oewg", "NGO C");
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(Object(b.name(), "RU").ok());
  ASSERT_TRUE(Object(c.name(), "CN").ok());

  acc::ListStateObjectionsResponse out;
  grpc::Status st = ListOf("states/RU", "state:RU", &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(ObjectionNames(out), (Names{a.name() + "/objections/RU", b.name() + "/objections/RU"}));
  // Its own objection in a COUNT_ONLY process is shown to it in full.
  ASSERT_EQ(out.objections_size(), 2);
  EXPECT_EQ(out.objections(1).state(), "states/RU");
  EXPECT_FALSE(out.objections(1).grounds().empty());
  EXPECT_TRUE(out.objections(1).has_lodge_time());

  // Paged, one at a time.
  ASSERT_TRUE(ListOf("states/RU", "operator:ops", &out, 1).ok());
  EXPECT_EQ(ObjectionNames(out), Names{a.name() + "/objections/RU"});
  ASSERT_FALSE(out.next_page_token().empty());
  const std::string token = out.next_page_token();
  ASSERT_TRUE(ListOf("states/RU", "operator:ops", &out, 1, token).ok());
  EXPECT_EQ(ObjectionNames(out), Names{b.name() + "/objections/RU"});
  EXPECT_TRUE(out.next_page_token().empty());
  st = ListOf("states/CN", "operator:ops", &out, 1, token);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, Names{"page_token"});

  // A withdrawn objection is no longer listed.
  acc::WithdrawObjectionRequest w;
  w.set_name(a.name() + "/objections/RU");
  acc::Objection withdrawn;
  auto ctx = Ctx("state:RU");
  ASSERT_TRUE(stub_->WithdrawObjection(ctx.get(), w, &withdrawn).ok());
  ASSERT_TRUE(ListOf("states/RU", "state:RU", &out).ok());
  EXPECT_EQ(ObjectionNames(out), Names{b.name() + "/objections/RU"});
  ASSERT_TRUE(ListOf("states/CN", "state:CN", &out).ok());
  EXPECT_EQ(ObjectionNames(out), Names{c.name() + "/objections/CN"});
}

TEST_F(StateObjectionsTest, OnlyTheStateItselfOrAnOperatorMayList) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  ASSERT_TRUE(Object(InNotice("oewg", "NGO A").name(), "RU").ok());
  acc::ListStateObjectionsResponse out;
  for (const char* who : {"state:CN", "secretariat:oewg", "stakeholder:someone", ""}) {
    grpc::Status st = ListOf("states/RU", who, &out);
    EXPECT_EQ(st.error_code(), StatusCode::PERMISSION_DENIED) << who;
    EXPECT_EQ(Details(st).reason, "NOT_OWN_OBJECTION") << who;
  }
  grpc::Status st = ListOf("states/ZZ", "operator:ops", &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_STATE");
  EXPECT_EQ(Details(st).fields, Names{"parent"});
  st = ListOf("processes/oewg", "operator:ops", &out);
  EXPECT_EQ(st.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields, Names{"parent"});
  ASSERT_TRUE(ListOf("states/CN", "state:CN", &out).ok());
  EXPECT_EQ(out.objections_size(), 0);
}

}  // namespace
}  // namespace polylateral::accreditation::testing
