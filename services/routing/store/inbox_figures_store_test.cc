// The inbox figures against a real redis-server: the scripts that queue entries keep the index
// of inboxes, each page reads every figure of its inboxes and pages never repeat or skip one,
// and inboxes of inputs stored before the index existed are indexed once.
#include "services/routing/store/inbox_figures_store.h"

#include <map>
#include <memory>

#include "common/testing/redis_fixture.h"
#include "gtest/gtest.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {
namespace {

const absl::Time kThen = absl::FromUnixSeconds(1'800'000'000);

class InboxFiguresStoreTest : public polylateral::testing::RedisFixture {
 protected:
  void SetUp() override {
    RedisFixture::SetUp();
    store_ = std::make_unique<RedisRoutingStore>(redis_.get());
    figures_ = std::make_unique<RedisInboxFiguresStore>(redis_.get());
  }
  void Submit(const std::string& id, const std::vector<std::string>& dests, absl::Time now) {
    NewInput n;
    n.id = id;
    n.author_id = "acme";
    n.record = "record-of-" + id;
    n.now = now;
    for (const auto& d : dests) n.routes.push_back({d, "{}"});
    ASSERT_TRUE(store_->Submit(n).ok());
  }
  // Every inbox, read in pages of `page`.
  std::map<std::string, InboxFigures> All(int page, int* pages = nullptr) {
    std::map<std::string, InboxFigures> out;
    std::string after;
    int n = 0;
    do {
      auto p = figures_->Page(after, page);
      EXPECT_TRUE(p.ok()) << p.status();
      if (!p.ok()) break;
      ++n;
      for (const auto& f : p->inboxes) EXPECT_TRUE(out.emplace(f.destination, f).second);
      after = p->next;
    } while (!after.empty());
    if (pages != nullptr) *pages = n;
    return out;
  }

  std::unique_ptr<RedisRoutingStore> store_;
  std::unique_ptr<RedisInboxFiguresStore> figures_;
};

TEST_F(InboxFiguresStoreTest, PagesReadEachInboxOnceWithItsFigures) {
  Submit("a", {"processes/gm/plenary", "networks/jcs"}, kThen);
  Submit("b", {"processes/gm/plenary"}, kThen + absl::Seconds(10));
  Submit("c", {"processes/gm/plenary", "states/FR/inbox", "clearing-house"}, kThen);
  PullOptions once;
  once.count = 1;
  ASSERT_EQ(store_->Pull("processes/gm/plenary", once, kThen)->size(), 1u);
  // networks/jcs: handed out more often than allowed, so dead-lettered on the next pull.
  PullOptions strict;
  strict.visibility_timeout = absl::ZeroDuration();
  strict.max_deliveries = 1;
  ASSERT_EQ(store_->Pull("networks/jcs", strict, kThen)->size(), 1u);
  ASSERT_TRUE(store_->Pull("networks/jcs", strict, kThen)->empty());
  ASSERT_EQ(store_->DeadLetters("networks/jcs")->size(), 1u);

  int pages = 0;
  const auto all = All(/*page=*/1, &pages);
  EXPECT_EQ(pages, 5);  // 4 inboxes of one each, then the empty end
  ASSERT_EQ(all.size(), 4u);
  const InboxFigures& plenary = all.at("processes/gm/plenary");
  EXPECT_EQ(plenary.entries, 3);
  EXPECT_EQ(plenary.pending, 1);
  EXPECT_EQ(plenary.oldest_enqueue_ms, absl::ToUnixMillis(kThen));
  EXPECT_EQ(plenary.dead_letters, 0);
  const InboxFigures& network = all.at("networks/jcs");
  EXPECT_EQ(network.entries, 0);
  EXPECT_EQ(network.pending, 0);
  EXPECT_EQ(network.oldest_enqueue_ms, -1);
  EXPECT_EQ(network.dead_letters, 1);
  EXPECT_EQ(all.at("states/FR/inbox").entries, 1);
  EXPECT_EQ(all.at("clearing-house").pending, 0);
  EXPECT_EQ(All(/*page=*/3).size(), 4u);
  EXPECT_EQ(All(/*page=*/200).size(), 4u);

  // Acknowledged entries leave the stream: the oldest left is the next one.
  PullOptions again;
  again.visibility_timeout = absl::ZeroDuration();  // the held entry comes back too
  auto pulled = store_->Pull("processes/gm/plenary", again, kThen);
  ASSERT_TRUE(pulled.ok());
  ASSERT_EQ(pulled->size(), 3u);
  for (const auto& d : *pulled) {
    if (d.input_id == "b") continue;
    ASSERT_TRUE(*store_->Ack("processes/gm/plenary", d.delivery_id));
  }
  const InboxFigures after_ack = All(200).at("processes/gm/plenary");
  EXPECT_EQ(after_ack.entries, 1);
  EXPECT_EQ(after_ack.pending, 1);
  EXPECT_EQ(after_ack.oldest_enqueue_ms, absl::ToUnixMillis(kThen + absl::Seconds(10)));
}

TEST_F(InboxFiguresStoreTest, InboxesOfEarlierInputsAreIndexedOnce) {
  Submit("a", {"processes/gm/plenary", "networks/jcs"}, kThen);
  Submit("b", {"states/FR/inbox"}, kThen + absl::Seconds(1));
  Submit("c", {"clearing-house"}, kThen + absl::Seconds(2));
  // As before the index existed.
  ASSERT_TRUE(redis_->Command({"DEL", "{rt}:inboxes"}).ok());
  EXPECT_TRUE(All(200).empty());

  ASSERT_TRUE(figures_->BuildIndex(/*page=*/2, [] { return false; }).ok());
  const auto all = All(200);
  EXPECT_EQ(all.size(), 4u);
  EXPECT_EQ(all.count("networks/jcs"), 1u);
  EXPECT_EQ(all.count("clearing-house"), 1u);
  auto mark = redis_->Command({"EXISTS", "{rt}:inboxes-built"});
  ASSERT_TRUE(mark.ok());
  EXPECT_EQ(mark->integer(), 1);

  // Built once: a later call reads no input.
  ASSERT_TRUE(redis_->Command({"DEL", "{rt}:inboxes"}).ok());
  ASSERT_TRUE(figures_->BuildIndex(2, [] { return false; }).ok());
  EXPECT_TRUE(All(200).empty());
}

}  // namespace
}  // namespace polylateral::routing
