#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_REROUTING_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_REROUTING_H_

// Reacting to accreditation: an approval or revocation changes the facts, and
// each queued input's routes are decided again; the difference is what the store withdraws
// from and adds to the destination queues, and the change is recorded on the input.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/vocabulary/groups.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/routing_facts.h"
#include "services/routing/domain/routing_policy.h"

namespace polylateral::routing {

// One event of the accreditation service's decision stream, as the routing service reads it.
struct AccreditationEvent {
  enum class Kind { kApproved, kRevoked, kSuspended, kExpired, kReinstated, kBlockedByObjection };
  Kind kind = Kind::kApproved;
  std::string stakeholder_id;
  std::string process_id;
  std::vector<vocabulary::ParticipationRight> rights;  // the rights the accreditation grants
  std::string detail;                                  // e.g. the decision's reason
  absl::Time event_time = absl::InfinitePast();
};

// The facts after `event`: the stakeholder's answers for the event's process and rights are
// replaced (allowed for an approval or reinstatement, else denied with REVOKED, SUSPENDED,
// EXPIRED or BLOCKED_BY_OBJECTION).
void ApplyAccreditationEvent(const AccreditationEvent& event, RoutingFacts& facts);

// Whether the event can change `input`'s routes at all: the author or one of its networks is
// the event's stakeholder. Lets a consumer skip most queued inputs without deciding again.
bool AffectsInput(const AccreditationEvent& event, const RoutingInput& input,
                  const RoutingFacts& facts);

// The recorded change of one input's routes.
struct RouteChange {
  std::string input_id;
  absl::Time change_time = absl::InfinitePast();
  std::string cause;  // e.g. "accreditation of acme-security in global-mechanism revoked"
  std::vector<Route> withdrawn;  // current routes the new decision no longer gives
  std::vector<Route> added;      // new routes
  std::vector<Route> kept;       // in both (with the new reason)
  RoutingDecision decision;      // the full new decision (exclusions included)
  // The channels now refuse the input for other reasons (an author accepted during its
  // notice period and then blocked: NOT_ACCREDITED becomes BLOCKED_BY_OBJECTION), even when
  // the routes stay the same.
  bool exclusions_changed = false;

  bool changed() const { return !withdrawn.empty() || !added.empty(); }
  // Whether the input's record must be rewritten: its routes or its exclusions moved.
  bool to_record() const { return changed() || exclusions_changed; }
};

// Decides `input` again under `facts` at `now` and compares with `current` (routes compared
// by kind and destination) and with `current_exclusions` (by destination and code). Errors as
// DecideRoutes.
absl::StatusOr<RouteChange> Reroute(const RoutingInput& input, const std::vector<Route>& current,
                                    const RoutingFacts& facts, absl::Time now, std::string cause,
                                    const std::vector<Exclusion>& current_exclusions = {});

// A cause sentence for an event ("accreditation of X in P approved").
std::string DescribeEvent(const AccreditationEvent& event);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_REROUTING_H_
