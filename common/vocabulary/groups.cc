#include "common/vocabulary/groups.h"

#include <iterator>

#include "common/vocabulary/enum_names.h"

namespace polylateral::vocabulary {
namespace {

constexpr std::string_view kRegionNames[] = {"REGION_UNSPECIFIED",
                                             "AFRICAN",
                                             "ASIA_PACIFIC",
                                             "EASTERN_EUROPEAN",
                                             "LATIN_AMERICAN_AND_CARIBBEAN",
                                             "WESTERN_EUROPEAN_AND_OTHERS",
                                             "NO_GROUP"};
static_assert(std::size(kRegionNames) == kMaxRegion + 1);

constexpr std::string_view kStakeholderGroupNames[] = {"STAKEHOLDER_GROUP_UNSPECIFIED",
                                                       "GOVERNMENT",
                                                       "INTERGOVERNMENTAL_ORGANISATION",
                                                       "PRIVATE_SECTOR",
                                                       "CIVIL_SOCIETY",
                                                       "ACADEMIA",
                                                       "TECHNICAL_COMMUNITY"};
static_assert(std::size(kStakeholderGroupNames) == kMaxStakeholderGroup + 1);

constexpr std::string_view kParticipationRightNames[] = {"PARTICIPATION_RIGHT_UNSPECIFIED",
                                                         "ATTEND_PLENARY",
                                                         "ATTEND_THEMATIC_GROUPS",
                                                         "ORAL_STATEMENTS",
                                                         "WRITTEN_INPUT",
                                                         "INFORMAL_DIALOGUES"};
static_assert(std::size(kParticipationRightNames) == kMaxParticipationRight + 1);

}  // namespace

std::string_view RegionName(Region value) { return internal::NameOf(kRegionNames, value); }

std::string_view StakeholderGroupName(StakeholderGroup value) {
  return internal::NameOf(kStakeholderGroupNames, value);
}

std::string_view ParticipationRightName(ParticipationRight value) {
  return internal::NameOf(kParticipationRightNames, value);
}

std::optional<Region> ParseRegion(std::string_view name) {
  return internal::ValueOf<Region>(kRegionNames, name);
}

std::optional<StakeholderGroup> ParseStakeholderGroup(std::string_view name) {
  return internal::ValueOf<StakeholderGroup>(kStakeholderGroupNames, name);
}

std::optional<ParticipationRight> ParseParticipationRight(std::string_view name) {
  return internal::ValueOf<ParticipationRight>(kParticipationRightNames, name);
}

}  // namespace polylateral::vocabulary
