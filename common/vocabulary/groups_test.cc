#include "common/vocabulary/groups.h"

#include "common/vocabulary/ecosoc_status.h"
#include "gtest/gtest.h"

namespace polylateral::vocabulary {
namespace {

TEST(GroupsTest, NamesAreTheProtoValueNames) {
  EXPECT_EQ(RegionName(Region::kAfrican), "AFRICAN");
  EXPECT_EQ(RegionName(Region::kNoGroup), "NO_GROUP");
  EXPECT_EQ(StakeholderGroupName(StakeholderGroup::kCivilSociety), "CIVIL_SOCIETY");
  EXPECT_EQ(StakeholderGroupName(StakeholderGroup::kIntergovernmental),
            "INTERGOVERNMENTAL_ORGANISATION");
  EXPECT_EQ(ParticipationRightName(ParticipationRight::kWrittenInput), "WRITTEN_INPUT");
  EXPECT_EQ(EcosocStatusName(EcosocStatus::kNone), "NO_STATUS");
}

TEST(GroupsTest, NumbersOutsideTheEnumHaveNoName) {
  EXPECT_EQ(RegionName(static_cast<Region>(kMaxRegion + 1)), "");
  EXPECT_EQ(StakeholderGroupName(static_cast<StakeholderGroup>(-1)), "");
  EXPECT_EQ(ParticipationRightName(static_cast<ParticipationRight>(kMaxParticipationRight + 1)),
            "");
  EXPECT_EQ(EcosocStatusName(static_cast<EcosocStatus>(kMaxEcosocStatus + 1)), "");
}

TEST(GroupsTest, EveryNameParsesBackToItsValue) {
  for (int n = 0; n <= kMaxRegion; ++n) {
    EXPECT_EQ(ParseRegion(RegionName(static_cast<Region>(n))), static_cast<Region>(n));
  }
  for (int n = 0; n <= kMaxStakeholderGroup; ++n) {
    const auto g = static_cast<StakeholderGroup>(n);
    EXPECT_EQ(ParseStakeholderGroup(StakeholderGroupName(g)), g);
  }
  for (int n = 0; n <= kMaxParticipationRight; ++n) {
    const auto r = static_cast<ParticipationRight>(n);
    EXPECT_EQ(ParseParticipationRight(ParticipationRightName(r)), r);
  }
  for (int n = 0; n <= kMaxEcosocStatus; ++n) {
    const auto s = static_cast<EcosocStatus>(n);
    EXPECT_EQ(ParseEcosocStatus(EcosocStatusName(s)), s);
  }
}

TEST(GroupsTest, UnknownNamesDoNotParse) {
  EXPECT_EQ(ParseRegion("african"), std::nullopt);
  EXPECT_EQ(ParseRegion(""), std::nullopt);
  EXPECT_EQ(ParseStakeholderGroup("CIVIL SOCIETY"), std::nullopt);
  EXPECT_EQ(ParseParticipationRight("VOTE"), std::nullopt);
  EXPECT_EQ(ParseEcosocStatus("NONE"), std::nullopt);
}

TEST(GroupsTest, OnlyGroupsOutsideGovernmentAreNonGovernmental) {
  EXPECT_FALSE(IsNonGovernmentalGroup(StakeholderGroup::kUnspecified));
  EXPECT_FALSE(IsNonGovernmentalGroup(StakeholderGroup::kGovernment));
  EXPECT_FALSE(IsNonGovernmentalGroup(StakeholderGroup::kIntergovernmental));
  for (StakeholderGroup g : {StakeholderGroup::kPrivateSector, StakeholderGroup::kCivilSociety,
                             StakeholderGroup::kAcademia, StakeholderGroup::kTechnicalCommunity}) {
    EXPECT_TRUE(IsNonGovernmentalGroup(g)) << StakeholderGroupName(g);
  }
}

}  // namespace
}  // namespace polylateral::vocabulary
