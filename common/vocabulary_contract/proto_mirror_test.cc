// The names half of the mirror (the numbers are checked at compile time in
// proto_mirror_check.cc): every value's vocabulary name is the proto's own value name, so text
// keys written by one service parse in another.

#include "common/vocabulary/ecosoc_status.h"
#include "common/vocabulary/groups.h"
#include "gtest/gtest.h"
#include "polylateral/registry/v1/stakeholder.pb.h"
#include "polylateral/type/v1/groups.pb.h"

namespace polylateral::vocabulary {
namespace {

namespace pb = ::polylateral::type::v1;
using PbStakeholder = ::polylateral::registry::v1::Stakeholder;

TEST(ProtoMirrorTest, RegionNames) {
  for (int n = pb::Region_MIN; n <= pb::Region_MAX; ++n) {
    ASSERT_TRUE(pb::Region_IsValid(n)) << n;
    EXPECT_EQ(RegionName(static_cast<Region>(n)), pb::Region_Name(static_cast<pb::Region>(n)));
  }
}

TEST(ProtoMirrorTest, StakeholderGroupNames) {
  for (int n = pb::StakeholderGroup_MIN; n <= pb::StakeholderGroup_MAX; ++n) {
    ASSERT_TRUE(pb::StakeholderGroup_IsValid(n)) << n;
    EXPECT_EQ(StakeholderGroupName(static_cast<StakeholderGroup>(n)),
              pb::StakeholderGroup_Name(static_cast<pb::StakeholderGroup>(n)));
  }
}

TEST(ProtoMirrorTest, ParticipationRightNames) {
  for (int n = pb::ParticipationRight_MIN; n <= pb::ParticipationRight_MAX; ++n) {
    ASSERT_TRUE(pb::ParticipationRight_IsValid(n)) << n;
    EXPECT_EQ(ParticipationRightName(static_cast<ParticipationRight>(n)),
              pb::ParticipationRight_Name(static_cast<pb::ParticipationRight>(n)));
  }
}

TEST(ProtoMirrorTest, EcosocStatusNames) {
  for (int n = PbStakeholder::EcosocStatus_MIN; n <= PbStakeholder::EcosocStatus_MAX; ++n) {
    ASSERT_TRUE(PbStakeholder::EcosocStatus_IsValid(n)) << n;
    EXPECT_EQ(EcosocStatusName(static_cast<EcosocStatus>(n)),
              PbStakeholder::EcosocStatus_Name(static_cast<PbStakeholder::EcosocStatus>(n)));
  }
}

}  // namespace
}  // namespace polylateral::vocabulary
