// Compile-time proof that common/vocabulary mirrors the proto enums number for number. This
// translation unit alone includes the generated headers, so the vocabulary library itself
// stays proto-free; a renumbered or added proto value fails the build here.

#include "common/vocabulary/ecosoc_status.h"
#include "common/vocabulary/groups.h"
#include "polylateral/registry/v1/stakeholder.pb.h"
#include "polylateral/type/v1/groups.pb.h"

namespace polylateral::vocabulary {
namespace {

namespace pb = ::polylateral::type::v1;
using PbEcosoc = ::polylateral::registry::v1::Stakeholder;

template <typename Mirror, typename Proto>
constexpr bool Same(Mirror mirror, Proto proto) {
  return static_cast<int>(mirror) == static_cast<int>(proto);
}

static_assert(Same(Region::kUnspecified, pb::REGION_UNSPECIFIED));
static_assert(Same(Region::kAfrican, pb::AFRICAN));
static_assert(Same(Region::kAsiaPacific, pb::ASIA_PACIFIC));
static_assert(Same(Region::kEasternEuropean, pb::EASTERN_EUROPEAN));
static_assert(Same(Region::kLatinAmericanCaribbean, pb::LATIN_AMERICAN_AND_CARIBBEAN));
static_assert(Same(Region::kWesternEuropeanAndOthers, pb::WESTERN_EUROPEAN_AND_OTHERS));
static_assert(Same(Region::kNoGroup, pb::NO_GROUP));
static_assert(kMaxRegion == pb::Region_MAX && pb::Region_MIN == 0);

static_assert(Same(StakeholderGroup::kUnspecified, pb::STAKEHOLDER_GROUP_UNSPECIFIED));
static_assert(Same(StakeholderGroup::kGovernment, pb::GOVERNMENT));
static_assert(Same(StakeholderGroup::kIntergovernmental, pb::INTERGOVERNMENTAL_ORGANISATION));
static_assert(Same(StakeholderGroup::kPrivateSector, pb::PRIVATE_SECTOR));
static_assert(Same(StakeholderGroup::kCivilSociety, pb::CIVIL_SOCIETY));
static_assert(Same(StakeholderGroup::kAcademia, pb::ACADEMIA));
static_assert(Same(StakeholderGroup::kTechnicalCommunity, pb::TECHNICAL_COMMUNITY));
static_assert(kMaxStakeholderGroup == pb::StakeholderGroup_MAX && pb::StakeholderGroup_MIN == 0);

static_assert(Same(ParticipationRight::kUnspecified, pb::PARTICIPATION_RIGHT_UNSPECIFIED));
static_assert(Same(ParticipationRight::kAttendPlenary, pb::ATTEND_PLENARY));
static_assert(Same(ParticipationRight::kAttendThematicGroups, pb::ATTEND_THEMATIC_GROUPS));
static_assert(Same(ParticipationRight::kOralStatements, pb::ORAL_STATEMENTS));
static_assert(Same(ParticipationRight::kWrittenInput, pb::WRITTEN_INPUT));
static_assert(Same(ParticipationRight::kInformalDialogues, pb::INFORMAL_DIALOGUES));
static_assert(kMaxParticipationRight == pb::ParticipationRight_MAX &&
              pb::ParticipationRight_MIN == 0);

static_assert(Same(EcosocStatus::kUnspecified, PbEcosoc::ECOSOC_STATUS_UNSPECIFIED));
static_assert(Same(EcosocStatus::kNone, PbEcosoc::NO_STATUS));
static_assert(Same(EcosocStatus::kGeneral, PbEcosoc::GENERAL));
static_assert(Same(EcosocStatus::kSpecial, PbEcosoc::SPECIAL));
static_assert(Same(EcosocStatus::kRoster, PbEcosoc::ROSTER));
static_assert(kMaxEcosocStatus == PbEcosoc::EcosocStatus_MAX && PbEcosoc::EcosocStatus_MIN == 0);

}  // namespace
}  // namespace polylateral::vocabulary
