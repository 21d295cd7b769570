#include "common/redis/tracked_cache.h"

#include <string>

#include "gtest/gtest.h"

namespace polylateral::redis {
namespace {

class TrackedCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { cache_.Reset(/*tracking=*/true); }
  // A read through the cache as a store does it: reserve, "fetch", fill.
  void ReadThrough(const std::string& key, const std::string& fetched) {
    auto ticket = cache_.Reserve(key);
    cache_.Fill(key, ticket, fetched);
  }
  TrackedCache<std::string> cache_{1000};
};

TEST_F(TrackedCacheTest, FillThenFind) {
  EXPECT_EQ(cache_.Find("k"), nullptr);
  ReadThrough("k", "v1");
  auto hit = cache_.Find("k");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(*hit, "v1");
}

TEST_F(TrackedCacheTest, InvalidationDropsTheValue) {
  ReadThrough("k", "v1");
  cache_.Invalidate("k");
  EXPECT_EQ(cache_.Find("k"), nullptr);
}

TEST_F(TrackedCacheTest, InvalidationDuringTheFetchDropsTheFill) {
  // The reader fetched v1; a writer stored v2 and its invalidation came in before the fill.
  auto ticket = cache_.Reserve("k");
  cache_.Invalidate("k");
  cache_.Fill("k", ticket, "v1");
  EXPECT_EQ(cache_.Find("k"), nullptr);
}

TEST_F(TrackedCacheTest, OnlyTheLatestReservationFills) {
  auto first = cache_.Reserve("k");
  auto second = cache_.Reserve("k");
  cache_.Fill("k", first, "old");
  EXPECT_EQ(cache_.Find("k"), nullptr);
  cache_.Fill("k", second, "new");
  ASSERT_NE(cache_.Find("k"), nullptr);
  EXPECT_EQ(*cache_.Find("k"), "new");
}

TEST_F(TrackedCacheTest, NothingIsCachedWhileNotTracking) {
  cache_.Reset(/*tracking=*/false);
  auto ticket = cache_.Reserve("k");
  EXPECT_FALSE(ticket);
  cache_.Fill("k", ticket, "v1");
  EXPECT_EQ(cache_.Find("k"), nullptr);
}

TEST_F(TrackedCacheTest, ResetEmptiesAndDropsFillsStartedBefore) {
  ReadThrough("a", "1");
  auto pending = cache_.Reserve("b");
  cache_.Reset(/*tracking=*/false);
  cache_.Reset(/*tracking=*/true);
  EXPECT_EQ(cache_.Find("a"), nullptr);
  // Reconnected, but the fetch of "b" began before: it may have missed an invalidation.
  cache_.Fill("b", pending, "2");
  EXPECT_EQ(cache_.Find("b"), nullptr);
}

TEST_F(TrackedCacheTest, SizeStaysBounded) {
  TrackedCache<std::string> small(32);
  small.Reset(/*tracking=*/true);
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "k" + std::to_string(i);
    small.Fill(key, small.Reserve(key), "v");
  }
  EXPECT_LE(small.size(), 32u);
  EXPECT_GT(small.size(), 0u);
}

}  // namespace
}  // namespace polylateral::redis
