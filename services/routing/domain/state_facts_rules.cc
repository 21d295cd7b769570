#include "services/routing/domain/state_facts_rules.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::routing {

absl::Status CheckKnownState(absl::string_view iso2, absl::string_view field) {
  if (vocabulary::FindUnState(std::string_view(iso2.data(), iso2.size())) != nullptr)
    return absl::OkStatus();
  return InvalidArgument("UNKNOWN_STATE", field,
                         absl::StrCat("states/", iso2, " is no UN member or observer state"));
}

absl::Status TooManyRelays(absl::string_view iso2, int max_per_state) {
  return ResourceExhausted("TOO_MANY_RELAYS",
                           absl::StrCat("states/", iso2, " already declares ", max_per_state,
                                        " relays; delete one first"));
}

absl::Status CheckRelayRoom(absl::string_view iso2, int declared, int max_per_state) {
  if (declared < max_per_state) return absl::OkStatus();
  return TooManyRelays(iso2, max_per_state);
}

}  // namespace polylateral::routing
