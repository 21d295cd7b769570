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

TEST(IdsTest, ValidatesResourceIds) {
  EXPECT_TRUE(IsValidResourceId("oewg-ict-2021"));
  EXPECT_FALSE(IsValidResourceId("ab"));
  EXPECT_FALSE(IsValidResourceId("1abc"));
  EXPECT_FALSE(IsValidResourceId("abc-"));
  EXPECT_FALSE(IsValidResourceId("ABC"));
  EXPECT_FALSE(IsValidResourceId("a_bc"));
  EXPECT_FALSE(IsValidResourceId(std::string(64, 'a')));
}

}  // namespace
}  // namespace polylateral
