#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGION_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGION_H_

namespace polylateral::registry {

// The UN regional groups; values match polylateral.type.v1.Region.
enum class Region {
  kUnspecified = 0,
  kAfrican = 1,
  kAsiaPacific = 2,
  kEasternEuropean = 3,
  kLatinAmericanCaribbean = 4,
  kWesternEuropeanAndOthers = 5,
  kNoGroup = 6,
};

// Stakeholder groups; values match polylateral.type.v1.StakeholderGroup.
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
inline constexpr int kMaxRegion = 6;

// Participation rights; values match polylateral.type.v1.ParticipationRight.
enum class Right {
  kUnspecified = 0,
  kAttendPlenary = 1,
  kAttendThematicGroups = 2,
  kOralStatements = 3,
  kWrittenInput = 4,
  kInformalDialogues = 5,
};
inline constexpr int kMaxRight = 5;

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGION_H_
