#ifndef POLYLATERAL_COMMON_VOCABULARY_ECOSOC_STATUS_H_
#define POLYLATERAL_COMMON_VOCABULARY_ECOSOC_STATUS_H_

// ECOSOC consultative status (polylateral.registry.v1.Stakeholder.EcosocStatus) as plain C++:
// the registry records it on stakeholders and accreditation's inherited-status routes qualify
// by it, so both speak of the same numbers. proto_mirror_check.cc fails the build on drift.

#include <optional>
#include <string_view>

namespace polylateral::vocabulary {

// kUnspecified is stored as kNone.
enum class EcosocStatus { kUnspecified = 0, kNone = 1, kGeneral = 2, kSpecial = 3, kRoster = 4 };
inline constexpr int kMaxEcosocStatus = 4;

// The proto value's name ("NO_STATUS", "GENERAL"); empty for a number outside the enum.
std::string_view EcosocStatusName(EcosocStatus value);
// nullopt for a name outside the enum (exact, upper case).
std::optional<EcosocStatus> ParseEcosocStatus(std::string_view name);

}  // namespace polylateral::vocabulary

#endif  // POLYLATERAL_COMMON_VOCABULARY_ECOSOC_STATUS_H_
