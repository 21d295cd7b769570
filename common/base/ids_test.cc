#include "common/base/ids.h"

#include <set>

#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(IdsTest, NewIdsAreValidAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string id = NewId();
    EXPECT_TRUE(IsValidResourceId(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(IdsTest, NewIdsFollowAip122) {
  EXPECT_TRUE(IsValidResourceId("oewg-ict-2021"));
  EXPECT_TRUE(IsValidResourceId("2021-cstd"));
  EXPECT_TRUE(IsValidResourceId("a"));
  EXPECT_TRUE(IsValidResourceId(std::string(63, 'a')));
  EXPECT_FALSE(IsValidResourceId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidResourceId(""));
  EXPECT_FALSE(IsValidResourceId("-leading"));
  EXPECT_FALSE(IsValidResourceId("Foo_Bar"));
  EXPECT_FALSE(IsValidResourceId("ABC"));
  EXPECT_FALSE(IsValidResourceId("dot.ted"));
  EXPECT_FALSE(IsValidResourceId("sla/sh"));
}

TEST(IdsTest, StoredIdsStayReadable) {
  EXPECT_TRUE(IsReadableResourceId("oewg-ict-2021"));
  EXPECT_TRUE(IsReadableResourceId("Foo_Bar"));
  EXPECT_TRUE(IsReadableResourceId("FR"));
  EXPECT_FALSE(IsReadableResourceId(""));
  EXPECT_FALSE(IsReadableResourceId("a b"));
  EXPECT_FALSE(IsReadableResourceId("a/b"));
  EXPECT_FALSE(IsReadableResourceId(std::string(129, 'a')));
}

}  // namespace
}  // namespace polylateral
