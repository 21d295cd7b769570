#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_STATE_FACTS_RULES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_STATE_FACTS_RULES_H_

// The rules on a state's own routing facts (its consultations and relay declarations) that do
// not depend on storage: they belong to states that exist, and a state's relays are capped,
// because every relay is read on every submission (the facts snapshot) and a route must never
// point at an inbox (`states/XX/inbox`) that cannot exist.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace polylateral::routing {

// The default of --max_relays_per_state.
inline constexpr int kDefaultMaxRelaysPerState = 50;

// OK when `iso2` is a UN member or observer state (common/vocabulary, the same list that
// decides whether `states/XX/inbox` exists); INVALID_ARGUMENT UNKNOWN_STATE on `field` else.
absl::Status CheckKnownState(absl::string_view iso2, absl::string_view field);

// RESOURCE_EXHAUSTED TOO_MANY_RELAYS: `iso2` already declares `max_per_state` relays.
absl::Status TooManyRelays(absl::string_view iso2, int max_per_state);

// OK while a state with `declared` relays may declare one more; TooManyRelays else.
absl::Status CheckRelayRoom(absl::string_view iso2, int declared, int max_per_state);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_STATE_FACTS_RULES_H_
