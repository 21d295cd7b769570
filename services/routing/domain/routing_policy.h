#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_POLICY_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_POLICY_H_

// The routing policy as one pure function of an input, the facts and a time.
//
// Rules, in order:
//  1. Candidate processes: the target's process (NOT_FOUND when the facts lack it, or its
//     session or group), or for "wherever it belongs" every process in the facts that owns
//     one of the input's themes (its own themes, a group's, or an agenda item's; sub-themes
//     match through the taxonomy).
//  2. Horizontal, per candidate process, when the author (a joint statement's lead) holds the
//     needed right (NeededRight) and the channel is open at `now`: a thematic group whose
//     current agenda item matches the input's themes (most specific, so it wins over the
//     plenary); otherwise the plenary while a session takes the kind (written-input window,
//     or session dates for a statement request). A session or group target names only that
//     channel. A denied author gets an Exclusion with the accreditation's reason (e.g.
//     BLOCKED_BY_OBJECTION) for each channel it would have reached; a closed channel gets
//     CHANNEL_CLOSED / NO_MATCHING_AGENDA_ITEM.
//  3. Only when no horizontal route exists (DOMAIN.md: the indirect tracks are for when the
//     direct one is shut, and one input counted once in uptake):
//     vertical: the author's own government's open consultations on a candidate process or
//     a theme of the input, then states whose relay declaration covers a theme;
//     network: each network the author belongs to that holds the needed right in a
//     candidate process.
//  4. Clearing house when there is no candidate process, and whenever nothing else takes the
//     input (an author blocked or revoked with no consultation, relay or network; every
//     channel closed): the clearing house holds what nobody else takes, the exclusions say why.
//  A consultation response goes only to the consultation it answers (NOT_FOUND when unknown;
//  CONSULTATION_CLOSED exclusion when closed, and then the clearing house).
// Routes come ordered by kind, then destination, one per destination; never empty.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/routing/domain/input.h"
#include "services/routing/domain/route.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// The part of an input routing reads: the text never changes where it goes.
struct RoutingInput {
  std::string input_id;
  InputKind kind = InputKind::kUnspecified;
  std::string author_id;  // the lead for a joint statement: signatories never add routes
  std::vector<std::string> themes;
  Target target;
  std::string consultation_id;
};

RoutingInput ForRouting(const Input& input);

absl::StatusOr<RoutingDecision> DecideRoutes(const RoutingInput& input, const RoutingFacts& facts,
                                             absl::Time now);

// "Where would this go, and why", without submitting: the same function, by design, so a
// preview never disagrees with the real decision.
inline absl::StatusOr<RoutingDecision> PreviewRoute(const RoutingInput& input,
                                                    const RoutingFacts& facts, absl::Time now) {
  return DecideRoutes(input, facts, now);
}

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_ROUTING_POLICY_H_
