#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_

#include <string>

#include "absl/status/status.h"
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

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_DESTINATION_H_
