#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_

#include <array>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/routing/domain/registry_lookup.h"

namespace polylateral::routing {

// Whether an inbox destination (a name MayReadInbox accepted) names something that exists,
// so that reading it never creates an inbox for a process, session, group, state or network
// nobody has: the process with that session or group in the registry, a UN member or
// observer state, a network stakeholder; the clearing house always. NOT_FOUND
// DESTINATION_NOT_FOUND naming the destination otherwise; the registry's unavailability as
// its UNAVAILABLE.
absl::Status CheckDestinationExists(RegistryLookup& registry, const std::string& destination,
                                    absl::Time deadline);

// The kinds of inbox, as operators see them: a bounded set, so that figures per kind never
// grow with the number of processes, states or networks. A consultation and a relay both
// deliver into the state's own inbox (`states/XX/inbox`), so they are one kind here.
enum class InboxKind {
  kProcessChannel = 0,  // processes/{p}/plenary, .../sessions/{s}, .../groups/{g}
  kState = 1,           // states/{ISO2}/inbox: the vertical track (consultations, relays)
  kNetwork = 2,         // networks/{id}
  kClearingHouse = 3,   // clearing-house
};
inline constexpr std::array<InboxKind, 4> kInboxKinds = {
    InboxKind::kProcessChannel, InboxKind::kState, InboxKind::kNetwork, InboxKind::kClearingHouse};

// The kind of a destination name, by its shape alone (no registry call); nullopt for a name
// that is no destination.
std::optional<InboxKind> InboxKindOf(absl::string_view destination);
// The stable label value: process_channel, state, network, clearing_house.
absl::string_view InboxKindName(InboxKind kind);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_
