#include "common/vocabulary/un_states.h"

#include <map>
#include <set>

#include "gtest/gtest.h"

namespace polylateral::vocabulary {
namespace {

TEST(UnStatesTest, All193MembersAndTwoObservers) {
  int members = 0, observers = 0;
  for (const auto& s : AllUnStates()) (s.observer ? observers : members)++;
  EXPECT_EQ(members, 193);
  EXPECT_EQ(members, kUnMemberStates);
  EXPECT_EQ(observers, 2);
}

TEST(UnStatesTest, SortedUniqueCodes) {
  std::set<std::string_view> iso2, iso3;
  std::string_view previous;
  for (const auto& s : AllUnStates()) {
    EXPECT_LT(previous, s.iso2);
    previous = s.iso2;
    EXPECT_TRUE(iso2.insert(s.iso2).second);
    EXPECT_TRUE(iso3.insert(s.iso3).second);
  }
}

TEST(UnStatesTest, RegionalGroupSizes) {
  std::map<Region, int> count;
  for (const auto& s : AllUnStates()) {
    if (!s.observer) count[s.region]++;
  }
  EXPECT_EQ(count[Region::kAfrican], 54);
  EXPECT_EQ(count[Region::kEasternEuropean], 23);
  EXPECT_EQ(count[Region::kLatinAmericanCaribbean], 33);
  // Türkiye sits in both Asia-Pacific and WEOG and the United States attends WEOG as an
  // observer; the table counts each state once (see un_states.cc), so only the sum is fixed.
  EXPECT_EQ(count[Region::kAsiaPacific] + count[Region::kWesternEuropeanAndOthers], 83);
  EXPECT_EQ(count[Region::kNoGroup], 0);
}

TEST(UnStatesTest, Lookup) {
  ASSERT_NE(FindUnState("BR"), nullptr);
  EXPECT_EQ(FindUnState("BR")->region, Region::kLatinAmericanCaribbean);
  EXPECT_EQ(FindUnState("VA")->region, Region::kNoGroup);
  EXPECT_TRUE(FindUnState("PS")->observer);
  EXPECT_EQ(FindUnState("XX"), nullptr);
  EXPECT_EQ(FindUnState("br"), nullptr);
}

}  // namespace
}  // namespace polylateral::vocabulary
