#ifndef POLYLATERAL_COMMON_VOCABULARY_GROUPS_H_
#define POLYLATERAL_COMMON_VOCABULARY_GROUPS_H_

// The classifications every service speaks of: polylateral.type.v1's enums (groups.proto) as
// plain C++, so that domain code shares them without a proto include. Values equal the proto
// numbers (mapping is a cast) and names equal the proto value names; proto_mirror_check.cc
// fails the build when either drifts.

#include <optional>
#include <string_view>

namespace polylateral::vocabulary {

// The UN regional groups of member states.
enum class Region {
  kUnspecified = 0,
  kAfrican = 1,
  kAsiaPacific = 2,
  kEasternEuropean = 3,
  kLatinAmericanCaribbean = 4,
  kWesternEuropeanAndOthers = 5,
  kNoGroup = 6,  // the Holy See
};
inline constexpr int kMaxRegion = 6;

// The stakeholder groups of multistakeholder governance.
enum class StakeholderGroup {
  kUnspecified = 0,
  kGovernment = 1,
  kIntergovernmental = 2,
  kPrivateSector = 3,
  kCivilSociety = 4,
  kAcademia = 5,
  kTechnicalCommunity = 6,
};
inline constexpr int kMaxStakeholderGroup = 6;

// Whether a group speaks outside a state's authority: every group but governments and
// intergovernmental organisations (and kUnspecified, which is no group).
constexpr bool IsNonGovernmentalGroup(StakeholderGroup g) {
  return g != StakeholderGroup::kUnspecified && g != StakeholderGroup::kGovernment &&
         g != StakeholderGroup::kIntergovernmental;
}

// The rights an accreditation can grant in a process.
enum class ParticipationRight {
  kUnspecified = 0,
  kAttendPlenary = 1,
  kAttendThematicGroups = 2,
  kOralStatements = 3,
  kWrittenInput = 4,
  kInformalDialogues = 5,
};
inline constexpr int kMaxParticipationRight = 5;

// The proto value's name ("AFRICAN", "CIVIL_SOCIETY"): the text form that keys counters and
// appears in messages. Empty for a number outside the enum.
std::string_view RegionName(Region value);
std::string_view StakeholderGroupName(StakeholderGroup value);
std::string_view ParticipationRightName(ParticipationRight value);

// The value a name stands for; nullopt for a name outside the enum (exact, upper case). The
// *_UNSPECIFIED names parse too: callers that need a real value check for kUnspecified.
std::optional<Region> ParseRegion(std::string_view name);
std::optional<StakeholderGroup> ParseStakeholderGroup(std::string_view name);
std::optional<ParticipationRight> ParseParticipationRight(std::string_view name);

}  // namespace polylateral::vocabulary

#endif  // POLYLATERAL_COMMON_VOCABULARY_GROUPS_H_
