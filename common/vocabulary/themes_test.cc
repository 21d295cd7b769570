#include "common/vocabulary/themes.h"

#include <set>

#include "gtest/gtest.h"

namespace polylateral::vocabulary {
namespace {

TEST(ThemesTest, TaxonomyIsATreeWithUniqueIds) {
  std::set<std::string_view> seen;
  for (const auto& t : AllThemes()) {
    EXPECT_TRUE(seen.insert(t.id).second) << t.id;
    // Parents come first, so a parent is always already seen.
    if (!t.parent.empty()) {
      EXPECT_TRUE(seen.count(t.parent)) << t.id;
    }
  }
}

TEST(ThemesTest, AncestorsNearestFirst) {
  EXPECT_EQ(ThemeAndAncestors("incident-response"),
            (std::vector<std::string_view>{"incident-response", "cybersecurity"}));
  EXPECT_EQ(ThemeAndAncestors("privacy"), std::vector<std::string_view>{"privacy"});
  EXPECT_TRUE(ThemeAndAncestors("astrology").empty());
}

}  // namespace
}  // namespace polylateral::vocabulary
