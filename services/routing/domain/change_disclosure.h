#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANGE_DISCLOSURE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANGE_DISCLOSURE_H_

#include <string>

#include "common/base/principal.h"
#include "services/routing/domain/routing_change.h"

namespace polylateral::routing {

// Which feed events a watcher is shown: exactly what the caller could read through the other
// methods, decided by the same rules.
// - An input's submission, re-routing, uptake and carried-forward marks, and an outcome's
//   registration: everyone, as GetInput, ListInputs and GetUptakeReport show every caller the
//   input with its routes, its uptake and the marks (the "reads-are-public" policy rule; the
//   event carries ids and destinations, never the text or unconfirmed signatories that
//   ForReadersOf hides).
// - An acknowledgement: whoever may read that destination's inbox (MayReadInbox): which
//   deliveries a secretariat or a state has taken in is theirs.
// - A dead letter moved, requeued or dropped: whoever handles that destination's dead letters
//   (MayHandleDeadLetters: operators).
// - An entry of a kind this version does not know: nobody.
bool MaySeeChange(const Principal& caller, const RoutingChange& change);

// Whether the change concerns process `process_id` (the watcher's process filter); an empty
// filter passes everything.
bool ChangeConcernsProcess(const RoutingChange& change, const std::string& process_id);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_CHANGE_DISCLOSURE_H_
