// The store's hot-path guarantees against a real redis-server: a submission decided on
// consultations or relays that changed since is refused whole; a batch acknowledgement is
// one script, all or nothing on a malformed id; an outcome is replaced only while it still
// belongs to the process its writer was checked against.
#include "services/routing/store/redis_routing_store.h"

#include <map>
#include <memory>

#include "common/base/errors.h"
#include "common/testing/redis_fixture.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

class RoutingStoreTest : public polylateral::testing::RedisFixture {
 protected:
  void SetUp() override {
    RedisFixture::SetUp();
    store_ = std::make_unique<RedisRoutingStore>(redis_.get());
  }
  NewInput Input(const std::string& id, const std::string& facts_version) {
    NewInput n;
    n.id = id;
    n.author_id = "acme";
    n.record = "record-of-" + id;
    n.now = absl::FromUnixSeconds(1'800'000'000);
    n.routes = {{"processes/gm/plenary", "{}"}};
    n.facts_version = facts_version;
    return n;
  }

  std::unique_ptr<RedisRoutingStore> store_;
};

TEST_F(RoutingStoreTest, FactWritesBumpTheVersionReadBeforeTheFacts) {
  auto v0 = store_->ReadOwnFacts("CL");
  ASSERT_TRUE(v0.ok()) << v0.status();
  EXPECT_EQ(v0->version, "0");
  EXPECT_TRUE(v0->relays.empty());
  ASSERT_TRUE(store_->PutRelay("r1", R"({"state":"states/CA"})").ok());
  ASSERT_TRUE(store_->PutConsultation("c1", "CL", R"({"name":"consultations/c1"})").ok());
  auto v2 = store_->ReadOwnFacts("CL");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, "2");
  EXPECT_EQ(v2->relays.size(), 1u);
  EXPECT_EQ(v2->consultations.size(), 1u);
  auto other = store_->ReadOwnFacts("");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->consultations.empty());
}

TEST_F(RoutingStoreTest, ASubmissionDecidedOnChangedFactsIsRefusedAndWritesNothing) {
  auto before = store_->ReadOwnFacts("BR");
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(store_->PutRelay("r1", R"({"state":"states/CA"})").ok());  // meanwhile

  auto stale = store_->Submit(Input("in1", before->version));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(stale.status()), "FACTS_CHANGED");
  EXPECT_EQ(store_->Get("in1").status().code(), absl::StatusCode::kNotFound);
  auto inbox = redis_->Command({"EXISTS", "{rt}:inbox:processes/gm/plenary"});
  ASSERT_TRUE(inbox.ok());
  EXPECT_EQ(inbox->integer(), 0);

  auto now = store_->ReadOwnFacts("BR");
  ASSERT_TRUE(now.ok());
  auto fresh = store_->Submit(Input("in1", now->version));
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(*fresh, "in1");
  // Without a version the facts are not checked.
  EXPECT_TRUE(store_->Submit(Input("in2", "")).ok());
}

TEST_F(RoutingStoreTest, AckManyAcknowledgesABatchOnceAndRefusesMalformedIdsWhole) {
  ASSERT_TRUE(store_->Submit(Input("in1", "")).ok());
  ASSERT_TRUE(store_->Submit(Input("in2", "")).ok());
  PullOptions o;
  auto pulled = store_->Pull("processes/gm/plenary", o, absl::FromUnixSeconds(1'800'000'000));
  ASSERT_TRUE(pulled.ok()) << pulled.status();
  ASSERT_EQ(pulled->size(), 2u);
  const std::string a = (*pulled)[0].delivery_id, b = (*pulled)[1].delivery_id;

  auto bad = store_->AckMany("processes/gm/plenary", {a, "not-an-id"});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  auto acked = store_->AckMany("processes/gm/plenary", {a, b, a});
  ASSERT_TRUE(acked.ok()) << acked.status();
  EXPECT_EQ(*acked, (std::vector<bool>{true, true, false}));
  auto in1 = store_->Get("in1");
  ASSERT_TRUE(in1.ok());
  EXPECT_EQ(in1->acked, 1);
  auto again = store_->Ack("processes/gm/plenary", a);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

// An input routed into two processes is reflected or not in each outcome separately: moving
// its status in one process's report must not touch the other's.
TEST_F(RoutingStoreTest, UptakeStatusIsKeptPerProcess) {
  NewInput in = Input("in1", "");
  in.dims = {{"p1", "t,g:4"}, {"p2", "t,g:4"}};
  ASSERT_TRUE(store_->Submit(in).ok());
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(
      store_->RecordUptake("in1", "p1", "reflected", "{}", "secretariat:p1", "o1", now).ok());
  ASSERT_TRUE(
      store_->RecordUptake("in1", "p2", "not_reflected", "{}", "secretariat:p2", "o2", now).ok());
  ASSERT_TRUE(
      store_->RecordUptake("in1", "p1", "partially_reflected", "{}", "secretariat:p1", "o1", now)
          .ok());
  auto counters = [&](const std::string& p) {
    std::map<std::string, int64_t> m;
    auto c = store_->ReportCounters(p);
    EXPECT_TRUE(c.ok());
    for (const auto& [k, v] : *c) m[k] = v;
    return m;
  };
  auto p1 = counters("p1");
  EXPECT_EQ(p1["inputs|t"], 1);
  EXPECT_EQ(p1["partially_reflected|t"], 1);
  EXPECT_EQ(p1["reflected|t"], 0);
  EXPECT_EQ(p1["not_reflected|t"], 0);
  auto p2 = counters("p2");
  EXPECT_EQ(p2["not_reflected|t"], 1);
  EXPECT_EQ(p2["reflected|t"], 0);
  EXPECT_EQ(p2["partially_reflected|t"], 0);
  for (const auto& m : {p1, p2}) {
    for (const auto& [k, v] : m) EXPECT_GE(v, 0) << k;
  }
  EXPECT_EQ(
      store_->RecordUptake("in1", "p3", "reflected", "{}", "secretariat:p3", "o3", now).code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(RoutingStoreTest, AnOutcomeIsReplacedOnlyWhileItBelongsToTheProcessChecked) {
  const std::string igf = R"({"name":"outcomes/report","process":"processes/igf","title":"a"})";
  const std::string igf2 = R"({"name":"outcomes/report","process":"processes/igf","title":"b"})";
  const std::string wsis = R"({"name":"outcomes/report","process":"processes/wsis"})";
  ASSERT_TRUE(store_->PutOutcome("report", igf, "").ok());
  // Another writer checked the id while it was still free: it lost the race.
  absl::Status lost = store_->PutOutcome("report", wsis, "");
  EXPECT_EQ(lost.code(), absl::StatusCode::kAborted) << lost;
  EXPECT_EQ(ErrorReason(lost), "OUTCOME_CHANGED");
  EXPECT_EQ(store_->PutOutcome("report", wsis, "processes/wsis").code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(*store_->GetOutcome("report"), igf);
  ASSERT_TRUE(store_->PutOutcome("report", igf2, "processes/igf").ok());
  EXPECT_EQ(*store_->GetOutcome("report"), igf2);
}

}  // namespace
}  // namespace polylateral::routing
