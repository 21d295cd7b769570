#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_UN_STATES_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_UN_STATES_H_
#include <string_view>

#include "absl/types/span.h"
#include "services/registry/domain/region.h"
namespace polylateral::registry {
// One UN member state or non-member observer state: the registry's read-only reference data.
struct UnState {
  std::string_view iso2;  // ISO 3166-1 alpha-2, upper case
  std::string_view iso3;  // ISO 3166-1 alpha-3
  std::string_view name;  // short English name as the UN lists it
  Region region;          // UN regional group
  bool observer;          // true for the two non-member observer states
};
// All 193 members and 2 observer states, sorted by iso2.
absl::Span<const UnState> AllUnStates();
// nullptr when `iso2` (upper case) is not a UN member or observer state.
const UnState* FindUnState(std::string_view iso2);
}  // namespace polylateral::registry
#endif
