#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTE_H_

// What the routing policy decides for one input: its routes, each with a reason a person can
// read, and the channels the author was kept out of.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace polylateral::routing {

// The two tracks of DOMAIN.md plus the network and clearing-house fallbacks. The values
// order routes in a decision (most direct first).
enum class RouteKind {
  kUnspecified = 0,
  kHorizontal = 1,     // straight into the institution's channel
  kVertical = 2,       // through a state: its consultation or its relay
  kNetwork = 3,        // through an accredited network the author belongs to
  kClearingHouse = 4,  // no process or group owns the themes yet
};

// Destination names (the inbox a delivery queue is keyed by):
//   processes/{p}/plenary, processes/{p}/sessions/{s}, processes/{p}/groups/{g},
//   states/{ISO2}/inbox, networks/{id}, clearing-house.
inline constexpr char kClearingHouseDestination[] = "clearing-house";

struct Route {
  RouteKind kind = RouteKind::kUnspecified;
  std::string destination;
  std::string reason;      // one sentence: which right, which window or agenda item, which state
  std::string process_id;  // the process the route feeds, empty for the clearing house
  // The intermediary: the state (ISO2) of a vertical route, the network id of a network route.
  std::string via;
  std::string consultation_id;  // vertical through a consultation; empty for a relay

  // Two routes are the same route when kind and destination agree (the reason may be
  // reworded); re-routing compares by this key.
  bool SameRoute(const Route& o) const { return kind == o.kind && destination == o.destination; }
};

// Why a channel did not get the input. Codes are stable strings callers may switch on: the
// accreditation service's denial reasons (NOT_ACCREDITED, SUSPENDED, REVOKED, EXPIRED,
// NOT_YET_VALID, RIGHT_NOT_GRANTED), BLOCKED_BY_OBJECTION, CHANNEL_CLOSED, NO_MATCHING_AGENDA_ITEM,
// CONSULTATION_CLOSED.
struct Exclusion {
  std::string destination;  // the channel that would have applied
  std::string process_id;
  std::string code;
  std::string reason;
};

struct RoutingDecision {
  std::vector<Route> routes;          // ordered by kind, then destination; never duplicated
  std::vector<Exclusion> exclusions;  // ordered by destination, then code
};

absl::string_view RouteKindName(RouteKind k);
std::string PlenaryDestination(absl::string_view process_id);
std::string SessionDestination(absl::string_view process_id, absl::string_view session_id);
std::string GroupDestination(absl::string_view process_id, absl::string_view group_id);
std::string StateInboxDestination(absl::string_view iso2);
std::string NetworkDestination(absl::string_view network_id);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTE_H_
