#ifndef POLYLATERAL_COMMON_VOCABULARY_UN_STATES_H_
#define POLYLATERAL_COMMON_VOCABULARY_UN_STATES_H_

// The UN member and observer states: reference data compiled into every binary. The registry
// serves it read-only; other services use it for the same answers without a call.

#include <string_view>

#include "absl/types/span.h"
#include "common/vocabulary/groups.h"

namespace polylateral::vocabulary {

// One UN member state or non-member observer state.
struct UnState {
  std::string_view iso2;  // ISO 3166-1 alpha-2, upper case
  std::string_view iso3;  // ISO 3166-1 alpha-3
  std::string_view name;  // short English name as the UN lists it
  Region region;          // UN regional group
  bool observer;          // true for the two non-member observer states
};

// How many members the UN has: the denominator of "a fraction of the states" when a session
// does not say how many are present. The table below holds exactly this many non-observers.
inline constexpr int kUnMemberStates = 193;

// All 193 members and 2 observer states, sorted by iso2.
absl::Span<const UnState> AllUnStates();
// nullptr when `iso2` (upper case) is not a UN member or observer state.
const UnState* FindUnState(std::string_view iso2);

}  // namespace polylateral::vocabulary

#endif  // POLYLATERAL_COMMON_VOCABULARY_UN_STATES_H_
