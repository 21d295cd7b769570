#include "services/routing/client/access_cache.h"

#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

AccessAnswer Allowed(const std::string& sh, const std::string& p) {
  return {sh, p, vocabulary::ParticipationRight::kWrittenInput, true, "", ""};
}

class AccessCacheTest : public ::testing::Test {
 protected:
  AccessCacheTest() : cache_(absl::Seconds(30)) { cache_.Enable(); }
  std::optional<AccessAnswer> Get(const std::string& sh, absl::Time at, absl::Time now = kT0) {
    return cache_.Get(sh, "gm", vocabulary::ParticipationRight::kWrittenInput, at, now);
  }
  AccessCache cache_;
};

TEST_F(AccessCacheTest, KeepsAnAnswerForItsKeyOnly) {
  cache_.Put(Allowed("acme", "gm"), {}, cache_.Generation(), kT0);
  ASSERT_TRUE(Get("acme", kT0).has_value());
  EXPECT_TRUE(Get("acme", kT0)->allowed);
  EXPECT_FALSE(Get("other", kT0).has_value());
  EXPECT_FALSE(
      cache_.Get("acme", "other-process", vocabulary::ParticipationRight::kWrittenInput, kT0, kT0));
  EXPECT_FALSE(cache_.Get("acme", "gm", vocabulary::ParticipationRight::kOralStatements, kT0, kT0));
}

TEST_F(AccessCacheTest, AnEventNamingTheStakeholderDropsItsAnswersAtOnce) {
  cache_.Put(Allowed("acme", "gm"), {}, cache_.Generation(), kT0);
  cache_.Put(Allowed("beta", "gm"), {}, cache_.Generation(), kT0);
  cache_.Invalidate("acme");
  EXPECT_FALSE(Get("acme", kT0).has_value());
  EXPECT_TRUE(Get("beta", kT0).has_value());
  cache_.InvalidateAll();
  EXPECT_FALSE(Get("beta", kT0).has_value());
}

TEST_F(AccessCacheTest, AnAnswerAskedBeforeAnInvalidationIsNotKept) {
  const uint64_t asked = cache_.Generation();
  cache_.Invalidate("someone-else");  // an event arrives while accreditation is asked
  cache_.Put(Allowed("acme", "gm"), {}, asked, kT0);
  EXPECT_FALSE(Get("acme", kT0).has_value());
}

TEST_F(AccessCacheTest, AnswersOnlyWithinTheWindowAndTheTtl) {
  const AccessCache::Window w = AccessCache::WindowAround(
      kT0, kT0 - absl::Hours(1), std::optional<absl::Time>(kT0 + absl::Hours(1)));
  EXPECT_EQ(w.from, kT0 - absl::Hours(1));
  EXPECT_EQ(w.until, kT0 + absl::Hours(1));
  cache_.Put(Allowed("acme", "gm"), w, cache_.Generation(), kT0);
  EXPECT_TRUE(Get("acme", kT0 + absl::Minutes(59)).has_value());
  EXPECT_FALSE(Get("acme", kT0 + absl::Hours(1)).has_value());  // the validity ends there
  EXPECT_FALSE(Get("acme", kT0 - absl::Hours(2)).has_value());
  EXPECT_TRUE(Get("acme", kT0, kT0 + absl::Seconds(29)).has_value());
  EXPECT_FALSE(Get("acme", kT0, kT0 + absl::Seconds(30)).has_value());  // safety-net ttl
}

TEST_F(AccessCacheTest, WindowBeforeValidityStartsEndsThere) {
  const AccessCache::Window w =
      AccessCache::WindowAround(kT0, kT0 + absl::Hours(5), kT0 + absl::Hours(9));
  EXPECT_EQ(w.from, absl::InfinitePast());
  EXPECT_EQ(w.until, kT0 + absl::Hours(5));
  const AccessCache::Window none = AccessCache::WindowAround(kT0, std::nullopt, std::nullopt);
  EXPECT_EQ(none.from, absl::InfinitePast());
  EXPECT_EQ(none.until, absl::InfiniteFuture());
  const AccessCache::Window after =
      AccessCache::WindowAround(kT0, kT0 - absl::Hours(9), kT0 - absl::Hours(5));
  EXPECT_EQ(after.from, kT0 - absl::Hours(5));
  EXPECT_EQ(after.until, absl::InfiniteFuture());
}

TEST_F(AccessCacheTest, DisabledAnswersNothingAndForgets) {
  cache_.Put(Allowed("acme", "gm"), {}, cache_.Generation(), kT0);
  cache_.Disable();
  EXPECT_FALSE(Get("acme", kT0).has_value());
  cache_.Put(Allowed("acme", "gm"), {}, cache_.Generation(), kT0);
  cache_.Enable();
  EXPECT_FALSE(Get("acme", kT0).has_value());
  EXPECT_EQ(cache_.size(), 0u);
}

}  // namespace
}  // namespace polylateral::routing
